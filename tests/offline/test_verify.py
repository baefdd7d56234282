"""`invoke verify`: a mirror in a folder or at an address, against SHA256SUMS."""

from __future__ import annotations

import shutil

from tests.offline.support import DATE
from tests.sitecheck import invoke
from tools.offline import bundle, verify, zim
from tools.offline import site as published


def test_verify_names_each_changed_missing_and_extra_file(offline, tmp_path):
    mirror = tmp_path / "mirror"
    shutil.copytree(offline.site, mirror)
    assert verify.problems(str(mirror)) == []
    # A ZIM rebuilt from the same pages has other bytes and passes by content.
    site = published.read(offline.site)
    zim_path = mirror / "offline" / f"smex-en-{DATE}.zim"
    zim.write(
        zim_path,
        bundle.contents(site, "en"),
        "en",
        "en/index.html",
        zim.metadata(site, "en", DATE),
    )
    assert verify.problems(str(mirror)) == []
    page = mirror / "en/about/index.html"
    data = bytearray(page.read_bytes())
    data[100] ^= 1
    page.write_bytes(bytes(data))
    (mirror / "tag/index.html").unlink()
    (mirror / "en/planted").mkdir()
    (mirror / "en/planted/index.html").write_text("<p>not ours</p>")
    assert verify.problems(str(mirror)) == [
        "changed: en/about/index.html (its SHA-256 is not the one in SHA256SUMS)",
        "missing: tag/index.html",
        "extra: en/planted/index.html (not in SHA256SUMS)",
    ]
    done = invoke("verify", "--site", str(mirror), "--sums", str(offline.site / "SHA256SUMS"))
    assert done.returncode == 1
    for name in ("en/about/index.html", "tag/index.html", "en/planted/index.html"):
        assert name in done.stdout


def test_verify_reads_a_mirror_over_http(offline, tmp_path):
    from tools.deploy.serve import serve_in_thread

    mirror = tmp_path / "served"
    shutil.copytree(offline.site, mirror)
    server, origin = serve_in_thread(mirror)
    try:
        assert verify.problems(origin) == []
        (mirror / "en/contact/index.html").unlink()
        found = verify.problems(origin, str(offline.site / "SHA256SUMS"))
    finally:
        server.shutdown()
        server.server_close()
    assert found == ["missing: en/contact/index.html"]
