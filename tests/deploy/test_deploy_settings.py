"""Deployment settings from the environment (CI sets them) reach HTML
attributes, Atom feeds, nginx.conf, headers and security.txt. Each is checked
once, where it is read (urls.py, settings.py), and refused through every
command that reads it, moving nothing; each target escapes it anyway."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from smex_site import deployment, headers
from tests.production import nginx_binary
from tests.sitecheck import ROOT, tree_digest
from tools.deploy import nginx as nginx_conf
from tools.dev.localnginx import MAIN_CONF

ONION = "http://" + "a" * 56 + ".onion"
PATH_RULE = "a path holds only letters, digits and . _ ~ / - (and %XX escapes)"
HOSTILE = [
    # (setting, value, what the message says is wrong)
    ("SITE_URL", 'https://smex.example/a"onmouseover="alert(1)', '(" ( ) =); ' + PATH_RULE),
    ("SITE_URL", "https://smex.example/a;}location/{", "(; { }); " + PATH_RULE),
    ("SITE_URL", "https://smex.example/x\nadd_header X y", "contains a newline (U+000A)"),
    ("SITE_URL", "https://smex.example/$host", "($); " + PATH_RULE),
    ("SITE_ONION_URL", ONION + '/" always; add_header X "y', '(space " ;); ' + PATH_RULE),
    ("SITE_ONION_URL", ONION + "/\nadd_header X y", "contains a newline (U+000A) at character 71"),
    ("SITE_ONION_URL", "http://smex.onion", "is not an onion address"),
]
WHAT_TO_WRITE = {
    "SITE_URL": "e.g. SITE_URL=https://example.org or, for a site under a path",
    "SITE_ONION_URL": "expected http://<56 letters a-z and digits 2-7>.onion",
}


def command(*argv: str, env: dict, module: str = "invoke") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", module, *argv],
        cwd=ROOT,
        env={**os.environ, "SITE_URL": "https://smex.example", "SITE_ONION_URL": "", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def deployed(tmp_path_factory) -> tuple[Path, Path]:
    """A target with one release live, and an output folder holding a site."""
    work = tmp_path_factory.mktemp("settings")
    output = work / "output"
    (output / "en").mkdir(parents=True)
    (output / "index.html").write_text("<p>the previous site</p>", encoding="utf-8")
    (output / "en" / "index.html").write_text("<p>en</p>", encoding="utf-8")
    target = work / "srv"
    target.mkdir()
    done = command(
        "upload", str(output), "--to", str(target), env={}, module="tools.deploy.releases"
    )
    assert done.returncode == 0, done.stderr
    return target, output


def state(target: Path, output: Path) -> tuple:
    """Every file of the target and the output, and where current points."""
    return tree_digest(target), os.readlink(target / "current"), tree_digest(output)


@pytest.mark.parametrize(("setting", "value", "problem"), HOSTILE)
def test_a_hostile_setting_is_refused_by_every_command_and_moves_nothing(
    deployed, setting, value, problem
):
    target, output = deployed
    data, published = ROOT / "content" / "data", ROOT / "output"
    before = (state(target, output), tree_digest(data), tree_digest(published))
    committed = nginx_conf.COMMITTED.read_bytes()
    runs = {
        "deploy": command(
            "deploy", "--to", str(target), "--output", str(output), env={setting: value}
        ),
        "publish": command("publish", env={setting: value}),
        "nginx-conf": command("nginx-conf", env={setting: value}),  # deploy/nginx.conf
    }
    for name, done in runs.items():
        assert done.returncode != 0, name
        assert f"{setting}: {value!r} " in done.stderr, f"{name}: {done.stderr}"
        assert problem in done.stderr and WHAT_TO_WRITE[setting] in done.stderr, name
        assert "Traceback" not in done.stderr, name
    assert "Deploy failed" in runs["deploy"].stderr or "Build failed" in runs["deploy"].stderr
    assert "nginx-conf: nothing was written." in runs["nginx-conf"].stderr
    assert (state(target, output), tree_digest(data), tree_digest(published)) == before
    assert nginx_conf.COMMITTED.read_bytes() == committed
    assert not [p for p in output.parent.iterdir() if p.name.startswith(".output")]


def test_a_hostile_onion_address_is_not_served_either(tmp_path):
    hostile = ONION + "/\r\nSet-Cookie: x=y"
    for argv in (("serve", "--port", "1"), ("livereload", "--port", "1")):
        done = command(*argv, env={"SITE_ONION_URL": hostile})
        assert done.returncode != 0, argv
        assert f"Not served. SITE_ONION_URL: {hostile!r} contains a carriage return" in (
            done.stderr
        ), done.stderr


@pytest.mark.parametrize(
    ("contact", "problem"),
    [
        ("mailto:a@smex.example\nExpires: 2099-01-01T00:00:00Z", "contains a newline (U+000A)"),
        ("mailto:a@smex.example Policy: x", "is not a plain mailto: URI"),
        ('https://smex.example/"><script>', "is not a plain https address"),
        ("http://smex.example/security", "is not a URI RFC 9116 allows"),
    ],
)
def test_a_security_contact_that_would_add_lines_is_refused(tmp_path, contact, problem):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("the previous site", encoding="utf-8")
    before = tree_digest(output)
    setting = "SITE_SECURITY_CONTACT=" + json.dumps([contact])
    done = command(
        "--settings",
        "publishconf.py",
        "--output",
        str(output),
        "--set",
        setting,
        "--set",
        f'CACHE_PATH="{tmp_path / "cache"}"',
        env={},
        module="tools.build.sitebuild",
    )
    assert done.returncode == 2
    assert f"SITE_SECURITY_CONTACT[0]: {contact!r} {problem}" in done.stderr, done.stderr
    assert "write a mailto:, https: or tel: URI on one line" in done.stderr
    assert tree_digest(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


# -- each target escapes anyway ---------------------------------------------------------


def test_nginx_conf_keeps_any_value_inside_its_string(tmp_path):
    """Were a hostile value to get past the settings, nginx would still read it
    as one string: `nginx -t` accepts the file and no directive is added."""
    base = '/a"; add_header X-Injected y; location / {}#/'
    text = nginx_conf.render(
        server_name="127.0.0.1", root='/srv/x y";root /etc;', base_path=base, listen=("8080",)
    )
    lines = [line.strip() for line in text.splitlines()]
    assert not [line for line in lines if line.startswith(("add_header X-Injected", "root /etc"))]
    assert 'location "/a\\"; add_header X-Injected y; location / {}#/" {' in lines
    assert 'alias "/srv/x y\\";root /etc;/";' in lines
    (tmp_path / "site-0.conf").write_text(text, encoding="utf-8")
    main = tmp_path / "nginx.conf"
    user = "user root;" if os.geteuid() == 0 else ""
    main.write_text(MAIN_CONF.format(dir=tmp_path, user=user), encoding="utf-8")
    checked = subprocess.run(
        [nginx_binary(), "-p", str(tmp_path), "-c", str(main), "-T"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    for bad in ("a\nb", "a$host", "a\rb"):
        with pytest.raises(ValueError, match=r"nginx\.conf cannot carry"):
            nginx_conf.render(base_path=f"/{bad}/")
        with pytest.raises(ValueError, match=r"nginx\.conf cannot carry"):
            nginx_conf.render(onion=f"http://x.onion/{bad}")


def test_headers_and_security_txt_keep_a_value_on_its_line():
    with pytest.raises(ValueError, match="control characters"):
        headers.for_path("en/", onion=ONION + "/\r\nSet-Cookie: x")
    location = headers.for_path('en/"x/مقال/', onion=ONION)["Onion-Location"]
    assert location == ONION + "/en/%22x/%D9%85%D9%82%D8%A7%D9%84/"
    assert deployment.one_line("mailto:a@b\nExpires: 1") == "mailto:a@b%0AExpires:%201"


def test_nginx_conf_into_a_missing_folder_says_what_to_do(tmp_path):
    missing = tmp_path / "missing" / "dir"
    done = command("nginx-conf", "--output", str(missing / "x.conf"), env={})
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"nothing was written: the folder {missing} does not exist" in done.stderr
    assert f"mkdir -p {missing}" in done.stderr
    assert not (tmp_path / "missing").exists()
