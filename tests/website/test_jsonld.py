"""JSON-LD is parseable, complete, and cannot be broken out of."""

from __future__ import annotations

import json

from smex_site import jsonld


def test_hostile_text_stays_data():
    hostile = '</script><script>alert("x")</script> & \u2028 \u202e'
    element = str(jsonld.script({"name": hostile}))
    assert element.count("</script>") == 1 and element.endswith("</script>")
    body = element.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body) == {"name": hostile}


def test_every_post_has_article_json_ld(site):
    posts = [p for p in site.html_files() if "/news/" in str(p) or "/articles/" in str(p)]
    posts = [p for p in posts if p.parent.name not in ("news", "articles", "2")]
    assert len(posts) >= 9
    for path in posts:
        scripts = site.soup(site.rel(path)).select('script[type="application/ld+json"]')
        assert len(scripts) == 1, site.rel(path)
        data = json.loads(scripts[0].string)
        assert data["@type"] in ("Article", "NewsArticle")
        assert data["inLanguage"] == site.lang_of(path)
        assert data["headline"] and data["datePublished"].endswith(("+02:00", "+03:00"))
