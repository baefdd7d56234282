"""The programme's pages in the built gate site (tests/programme/sites.py):
2025 from the bilingual fixture, in both languages, at the tests' frozen now."""

from __future__ import annotations

import re

import pytest

from tests.sitecheck import LANGS

PROGRAMME = "convening/2025/programme/"
CHROME = {"ar": ("البرنامج", "المدة", "القاعة"), "en": ("Programme", "Duration", "Room")}


def soup(gate_site, lang: str, path: str):
    return gate_site.soup(f"{LANGS[lang]}{path}index.html")


def card(page, slug: str):
    link = page.select_one(f"article.session-card a[href$='/programme/{slug}/']")
    assert link is not None, slug
    return link.find_parent("article")


@pytest.mark.parametrize("lang", LANGS)
def test_sessions_by_day_then_time_with_room_track_type_speakers_language(gate_site, lang):
    page = soup(gate_site, lang, PROGRAMME)
    assert page.html["lang"] == lang and page.h1.get_text() == CHROME[lang][0]
    title = {"ar": "البرنامج · خبز ونت 2025", "en": "Programme · Bread&Net 2025"}[lang]
    assert page.find("meta", property="og:title")["content"] == title
    days = page.select("section.programme-day")
    assert [d["data-programme-day"] for d in days] == ["2025-10-25", "2025-10-26"]
    starts = [[t["datetime"] for t in day.select(".programme-slot__time time")] for day in days]
    assert starts == [
        [
            "2025-10-25T10:00:00+03:00",
            "2025-10-25T22:30:00+03:00",
            "2025-10-25T23:15:00+03:00",  # 23:15 summer time…
            "2025-10-25T23:15:00+02:00",  # …and an hour later, 23:15 again
        ],
        ["2025-10-26T10:00:00+02:00", "2025-10-26T11:00:00+02:00"],
    ]
    cards = page.select("article.session-card[data-session]")
    assert len(cards) == 7
    for found in cards:
        assert found["data-room"] and found["data-track"] and found["data-language"]
        assert len(found.select(".session-card__meta li")) == 5  # time, room, track, type, language
        assert found.select(".session-card__speakers bdi")
    # Without scripts: the filters and "now / next" are not there to confuse.
    assert page.select_one("[data-programme-filters]").has_attr("hidden")
    assert page.select_one("[data-programme-now]").has_attr("hidden")


def test_a_session_keeps_its_own_language_on_the_other_languages_page(gate_site):
    english_on_arabic = card(soup(gate_site, "ar", PROGRAMME), "tstaaa")
    title = english_on_arabic.select_one(".session-card__title a")
    assert (title["lang"], title["dir"]) == ("en", "ltr")
    arabic_on_english = card(soup(gate_site, "en", PROGRAMME), "tstbbb")
    title = arabic_on_english.select_one(".session-card__title a")
    assert (title["lang"], title["dir"]) == ("ar", "rtl")
    # Speakers' names are isolated, whatever their script.
    names = [b.get_text() for b in arabic_on_english.select(".session-card__speakers bdi")]
    assert names == ["ليلى مثال", "Alex Example"]
    # The chrome stays in the page's language.
    hidden = arabic_on_english.select_one(".session-card__meta .visually-hidden").get_text()
    assert hidden.strip() == "Time:"


def test_names_are_translated_by_the_table_or_marked_as_written(gate_site):
    arabic = card(soup(gate_site, "ar", PROGRAMME), "tstaaa")
    room, track, kind, language = arabic.select(".session-card__meta li")[1:]
    assert room.bdi.get_text() == "القاعة الرئيسية" and not room.bdi.has_attr("lang")
    assert kind.bdi.get_text() == "محاضرة"
    assert track.bdi.get_text() == "Policy & Advocacy"  # not in the table: as written…
    assert (track.bdi["lang"], track.bdi["dir"]) == ("en", "ltr")  # …and marked
    assert "الإنجليزية" in language.get_text()
    english = card(soup(gate_site, "en", PROGRAMME), "tstaaa")
    track = english.select(".session-card__meta li")[2]
    assert track.bdi.get_text() == "Policy & Advocacy" and not track.bdi.has_attr("lang")


@pytest.mark.parametrize("lang", LANGS)
def test_a_session_page_has_everything_about_it(gate_site, lang):
    page = soup(gate_site, lang, PROGRAMME + "tstaaa/")
    assert page.h1.get_text() == "Opening: digital rights in the region"
    assert page.find("meta", property="og:title")["content"] == page.h1.get_text()
    own = page.h1.find_parent(class_="session__own")
    assert (own["lang"], own["dir"]) == ("en", "ltr")
    terms, values = page.select(".session-facts dt"), page.select(".session-facts dd")
    facts = {term.get_text(strip=True): dd for term, dd in zip(terms, values, strict=True)}
    assert CHROME[lang][1] in facts and CHROME[lang][2] in facts
    duration = facts[CHROME[lang][1]].get_text(strip=True)
    assert duration == {"ar": "45 دقيقة", "en": "45 minutes"}[lang]
    when = page.select_one("[data-session-time]")
    assert when["data-zone"] == "Asia/Beirut"
    text = when.get_text(" ", strip=True)
    assert ("Beirut time" if lang == "en" else "بتوقيت بيروت") in text
    assert [t["datetime"] for t in when.select("time")] == [
        "2025-10-25T10:00:00+03:00",
        "2025-10-25T10:45:00+03:00",
    ]
    assert page.select_one("[data-session-local]").has_attr("hidden")  # the script's
    abstract, description = page.select(".session__section .prose")[:2]
    assert abstract["lang"] == description["lang"] == "en"
    assert description.select("em") and description.select("ul li")  # Markdown, rendered
    speaker = page.select_one(".session-speaker")
    assert speaker.h3.bdi.get_text() == "Alex Example" and speaker.select("strong")
    links = {a.get_text(): a["href"] for a in page.select(".session-links a")}
    assert links == {
        "Slides": "https://slides.example/opening.pdf",
        "Recording": "https://media.example/v/opening",
    }
    assert page.select_one("a[download][href$='tstaaa.ics']")
    assert page.select_one("main")["data-pagefind-filter"] == "kind:session"


def test_times_across_beiruts_october_change(gate_site):
    late = soup(gate_site, "en", PROGRAMME + "tstccc/").select_one("[data-session-time]")
    # 22:30 summer time plus 1 h 30 min ends at 23:00 winter time, not 00:00.
    assert [t["datetime"] for t in late.select("time")] == [
        "2025-10-25T22:30:00+03:00",
        "2025-10-25T23:00:00+02:00",
    ]
    assert "1 hour and 30 minutes" in soup(gate_site, "en", PROGRAMME + "tstccc/").get_text()
    first = soup(gate_site, "en", PROGRAMME + "tstddd/").select_one("[data-session-time]")
    second = soup(gate_site, "en", PROGRAMME + "tsteee/").select_one("[data-session-time]")
    assert first.time["datetime"] == "2025-10-25T23:15:00+03:00"
    assert second.time["datetime"] == "2025-10-25T23:15:00+02:00"
    # The same wall clock twice: the offset tells them apart, on the page.
    assert "23:15 (GMT+3)" in first.get_text(" ", strip=True)
    assert "23:15 (GMT+2)" in second.get_text(" ", strip=True)
    arabic = soup(gate_site, "ar", PROGRAMME + "tsteee/").select_one("[data-session-time]")
    assert "(غرينتش+2)" in arabic.get_text()
    # A time that happens once carries no offset.
    assert (
        "GMT"
        not in soup(gate_site, "en", PROGRAMME + "tstaaa/")
        .select_one("[data-session-time]")
        .get_text()
    )


@pytest.mark.parametrize(
    ("lang", "crossing", "repeated"),
    [
        ("en", "22:30 (GMT+3) – 23:00 (GMT+2) , 1 hour and 30 minutes", "(GMT+2)"),
        ("ar", "(غرينتش+3)", "(غرينتش+2)"),
    ],
)
def test_cards_on_the_clock_change_night_say_offsets_and_length(
    gate_site, lang, crossing, repeated
):
    page = soup(gate_site, lang, PROGRAMME)
    # TSTCCC: 22:30 summer time for 90 minutes, ending 23:00 winter time
    late = card(page, "tstccc").select_one(".session-card__meta li").get_text(" ", strip=True)
    assert crossing in late and late.count("(") == 2
    assert card(page, "tstccc").select_one(".session-card__length")
    # the two 23:15 slots: each heading says its offset
    headings = [h.get_text(" ", strip=True) for h in page.select(".programme-slot__time")]
    assert sum("23:15" in h or "٢٣:١٥" in h for h in headings) == 2
    assert any(repeated in h for h in headings)
    assert all("(" not in h for h in headings[:2])  # 10:00 and 22:30 happen once
    # a session within one offset has neither offsets nor a length on its card
    plain = card(page, "tstaaa")
    assert not plain.select(".offset") and not plain.select(".session-card__length")


@pytest.mark.parametrize("lang", LANGS)
def test_speakers_link_to_their_sessions_and_back(gate_site, lang):
    page = soup(gate_site, lang, "convening/2025/speakers/")
    speakers = page.select("li.speaker")
    names = [s.h2.get_text() for s in speakers]
    assert sorted(names) == sorted(["Alex Example", "Sam Sample", "ليلى مثال", "يوسف نموذج"])
    alex = next(s for s in speakers if s.h2.get_text() == "Alex Example")
    sessions = [a["href"].rsplit("/", 2)[1] for a in alex.select(".session-card__title a")]
    assert sessions == ["tstaaa", "tstbbb", "tstfff"]  # in time order
    # Each name links to the speaker's own page, and each session to them.
    listed = {a["href"] for a in page.select("li.speaker > h2 > a")}
    assert len(listed) == 4
    session = soup(gate_site, lang, PROGRAMME + "tstbbb/")
    linked = [link["href"] for link in session.select(".session__speakers a")]
    assert len(linked) == 2 and set(linked) <= listed


def test_the_switcher_and_hreflang_join_the_two_languages(gate_site):
    page = soup(gate_site, "ar", PROGRAMME + "tstbbb/")
    assert page.select_one("nav.lang-switch a")["href"] == "/en/" + PROGRAMME + "tstbbb/"
    hreflang = {link["hreflang"]: link["href"] for link in page.select("link[hreflang]")}
    assert hreflang["en"] == "/en/" + PROGRAMME + "tstbbb/"
    assert hreflang["ar"] == hreflang["x-default"] == "/" + PROGRAMME + "tstbbb/"
    assert page.select_one("nav.site-nav a[aria-current]").get_text() == "الملتقى"


def test_the_edition_and_its_card_link_to_the_programme(gate_site):
    for lang, prefix in (("ar", "/"), ("en", "/en/")):
        edition = soup(gate_site, lang, "convening/2025/")
        assert edition.select_one(f".edition__actions a[href='{prefix}{PROGRAMME}']")
        index = soup(gate_site, lang, "convening/")
        assert index.select_one(f"#edition-2025 a[href='{prefix}{PROGRAMME}']")
        assert not index.select_one("#edition-2023 a[href*='/programme/']")  # not yet


def test_the_shipped_site_shows_no_invented_session(site):
    from tests.sitecheck import ROOT

    assert not list((ROOT / "content").rglob("data/programme/*.json"))
    assert not [p for p in site.root.rglob("*") if "programme" in p.parts]
    assert not re.search(r"/programme/", site.read("sitemap.xml"))
