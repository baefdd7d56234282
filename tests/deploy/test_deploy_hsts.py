"""Strict-Transport-Security: a year everywhere the headers go; subdomains and
preload only when the settings commit the domain to them."""

from __future__ import annotations

import pytest

from smex_site import headers
from tests.sitecheck import ROOT


@pytest.fixture(scope="module")
def publish_settings():
    from tools.build.settings import load_settings

    return load_settings(ROOT / "publishconf.py")


def test_a_year_of_https_by_default_in_every_output(publish_settings):
    from tools.deploy import nginx

    assert headers.SECURITY_HEADERS["Strict-Transport-Security"] == "max-age=31536000"
    conf = nginx.from_settings(publish_settings)
    assert conf.count('add_header Strict-Transport-Security "max-age=31536000" always;') == 3
    assert "includeSubDomains" not in conf and "preload" not in conf
    assert "  Strict-Transport-Security: max-age=31536000" in headers.netlify_headers([])
    committed = (ROOT / "deploy/nginx.conf").read_text(encoding="utf-8")
    assert committed.count('add_header Strict-Transport-Security "max-age=31536000"') == 3


@pytest.mark.parametrize(
    ("subdomains", "preload", "value"),
    [
        (True, False, "max-age=31536000; includeSubDomains"),
        (True, True, "max-age=31536000; includeSubDomains; preload"),
    ],
)
def test_subdomains_and_preload_are_settings(publish_settings, subdomains, preload, value):
    from smex_site import settings as site_settings
    from tools.deploy import nginx

    settings = {
        **publish_settings,
        "SITE_HSTS_INCLUDE_SUBDOMAINS": subdomains,
        "SITE_HSTS_PRELOAD": preload,
    }
    options = site_settings.read(settings)
    assert headers.security_headers(options)["Strict-Transport-Security"] == value
    assert f'add_header Strict-Transport-Security "{value}" always;' in nginx.from_settings(
        settings
    )
    assert f"  Strict-Transport-Security: {value}\n" in headers.netlify_headers([], options)
