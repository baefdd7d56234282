"""Speakers' avatars (issue 22, item 3). `invoke programme` downloads each
one from a local https server (no test touches the network), keeps only real
raster pictures of sane size, re-encodes them square and without metadata,
and stores them under content/images/programme/<year>/. The build shows the
stored copy, never pretalx's address, and holds it back with its programme.

One import and one build for the whole module: 2025 is shown at the frozen
"now", 2023 is held back (released a week later, tests/programme/sites.py)."""

from __future__ import annotations

import http.server
import io
import json
import shutil
import struct
import threading
import time
import zlib
from pathlib import Path
from typing import ClassVar

import pytest
from PIL import Image

from tests import selfsigned
from tests.contentcopy import copy_content
from tests.programme.built import jsonld
from tests.programme.support import FIXTURES, edited, good, read
from tests.sitecheck import BuiltSite, build
from tools.editors import avatars

SPEAKERS = "convening/2025/speakers/"
STORED = "images/programme/2025/"


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width: int, height: int) -> bytes:
    """A small PNG whose header claims width x height (a decompression bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\0" * 4096))
        + _png_chunk(b"IEND", b"")
    )


def picture(fmt: str, size: tuple[int, int]) -> bytes:
    """A picture with what a phone leaves in one: EXIF (camera, orientation)
    and, in a PNG, a text chunk."""
    from PIL import PngImagePlugin

    image = Image.new("RGB", size, (200, 40, 40))
    image.paste((20, 90, 200), (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° to show upright
    out = io.BytesIO()
    extra = {}
    if fmt == "PNG":
        extra["pnginfo"] = PngImagePlugin.PngInfo()
        extra["pnginfo"].add_text("Comment", "secret-location")
    image.save(out, fmt, exif=exif.tobytes(), **extra)
    return out.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>1</script></svg>'
ROUTES = {
    "/alex.png": picture("PNG", (300, 200)),
    "/sam.jpg": picture("JPEG", (120, 160)),
    "/logo.svg": SVG,
    "/notes.txt": b"not a picture\n" * 10,
    "/huge.png": png_claiming(64, 64) + b"\0" * (avatars.MAX_BYTES + 10),
    "/bomb.png": png_claiming(8000, 8000),  # 64 MP from 4 KB: our own limit
    "/big-bomb.png": png_claiming(40000, 40000),  # Pillow's own limit, too
    "/cut.png": picture("PNG", (300, 200))[:300],  # a download cut short
}
REDIRECTS = {"/hop": "/sam.jpg", "/loop": "/loop"}  # to https, on the same server


class _Handler(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []
    plain_base = ""

    def do_GET(self):
        self.requests.append(self.path)
        if self.path in REDIRECTS or self.path == "/to-http":
            self.send_response(302)
            target = REDIRECTS.get(self.path) or f"{self.plain_base}/alex.png"
            self.send_header("Location", target)
            self.end_headers()
        elif self.path == "/slow.png":  # a byte at a time: within TIMEOUT, never done
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            try:
                for _ in range(30):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass  # the client gave up, as it should
        elif self.path in ROUTES:
            body = ROUTES[self.path]
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_error(404)

    def log_message(self, *args):
        pass


def _serve(context):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    if context is not None:
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    scheme = "https" if context else "http"
    return server, f"{scheme}://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """The https server's address, its certificate trusted (SSL_CERT_FILE)
    for this module only; a plain http one beside it for the redirect."""
    folder = selfsigned.certificate(tmp_path_factory.mktemp("avatar-tls"))
    context = selfsigned.server_context(folder)
    https, https_base = _serve(context)
    plain, plain_base = _serve(None)
    _Handler.plain_base = plain_base
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SSL_CERT_FILE", str(folder / "cert.pem"))
        yield https_base
    for server in (https, plain):
        server.shutdown()
        server.server_close()


def take(url: str) -> bytes:
    return avatars.reencode(avatars.download(url))


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/logo.svg", "not a raster image"),
        ("/notes.txt", "not a raster image"),
        ("/huge.png", "larger than 2 MB"),
        ("/bomb.png", "8000×8000 pixels: a decompression bomb"),
        ("/big-bomb.png", "decompression bomb"),
        ("/cut.png", "a damaged image"),
        ("/to-http", "redirects to http://127.0.0.1"),
        ("/loop", "more than 3 redirects"),
        ("/gone.png", "the server answered 404"),
    ],
)
def test_what_is_not_a_picture_of_sane_size_over_https_is_refused(base, path, words):
    _Handler.requests.clear()
    with pytest.raises(avatars.AvatarError, match=words):
        take(base + path)
    assert "/alex.png" not in _Handler.requests  # the http target was never asked


def test_a_download_that_trickles_is_given_up(base, monkeypatch):
    monkeypatch.setattr(avatars, "DEADLINE", 0.5)
    started = time.monotonic()
    with pytest.raises(avatars.AvatarError, match=r"took more than 0\.5 seconds"):
        avatars.download(base + "/slow.png")
    assert time.monotonic() - started < 2


def test_plain_http_and_other_schemes_are_never_requested():
    for url in ("http://127.0.0.1:9/a.png", "data:image/png;base64,AA", "file:///etc/passwd"):
        with pytest.raises(avatars.AvatarError, match="only https://"):
            avatars.download(url)


def test_a_picture_becomes_a_small_square_webp_with_no_metadata(base):
    for path in ("/alex.png", "/hop"):
        data = take(base + path)
        with Image.open(io.BytesIO(data)) as image:
            assert (image.format, image.size) == ("WEBP", (avatars.SIZE, avatars.SIZE))
            assert not {"exif", "icc_profile", "xmp", "comment"} & set(image.info)
            assert image.getexif() == {}
        assert b"SecretCam" not in data and b"secret-location" not in data
        assert take(base + path) == data  # a fixed quality: the same bytes again
    see_through = io.BytesIO()
    Image.new("LA", (50, 90), (128, 0)).save(see_through, "PNG")
    with Image.open(io.BytesIO(avatars.reencode(see_through.getvalue()))) as image:
        assert (image.mode, image.size) == ("RGBA", (avatars.SIZE, avatars.SIZE))
        assert image.getpixel((80, 80))[3] == 0  # still transparent


def test_an_interrupted_import_leaves_the_previous_avatars_and_no_partial_file(tmp_path):
    programme = with_avatars(good(), "https://pretalx.example/a.png")
    folder = tmp_path / STORED
    folder.mkdir(parents=True)
    (folder / "spkaaa.webp").write_bytes(b"before")
    calls = []

    def failing(url):
        calls.append(url)
        if len(calls) == 2:
            raise RuntimeError("the connection dropped")
        return ROUTES["/alex.png"]

    with pytest.raises(RuntimeError):
        avatars.store(tmp_path, 2025, programme, io.StringIO(), fetch=failing)
    assert sorted(p.name for p in folder.parent.iterdir()) == ["2025"]  # no temporary folder
    assert [p.name for p in folder.iterdir()] == ["spkaaa.webp"]
    assert (folder / "spkaaa.webp").read_bytes() == b"before"
    out = io.StringIO()  # a programme with no avatar left: the folder goes
    avatars.store(tmp_path, 2025, good(), out, fetch=failing)
    assert not folder.exists() and out.getvalue() == ""


def with_avatars(programme, url: str):
    """The programme with every speaker's avatar at `url`."""
    import dataclasses

    def person(speaker):
        return dataclasses.replace(speaker, avatar_source=url)

    days = tuple(
        dataclasses.replace(
            day,
            sessions=tuple(
                dataclasses.replace(s, speakers=tuple(map(person, s.speakers)))
                for s in day.sessions
            ),
        )
        for day in programme.days
    )
    return dataclasses.replace(programme, days=days)


# --- one import, one build -------------------------------------------------------------


def _export(name: str, avatar_of: dict[str, str], work: Path) -> Path:
    data = json.loads((FIXTURES / name).read_bytes())
    for day in data["schedule"]["conference"]["days"]:
        for sessions in day["rooms"].values():
            for session in sessions:
                for person in session["persons"]:
                    person["avatar"] = avatar_of.get(person["code"])
    path = work / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def imported(base, tmp_path_factory):
    from tools.editors import content as content_settings
    from tools.editors import programme as tool

    work = tmp_path_factory.mktemp("avatars")
    content = copy_content(work / "content")
    shutil.copyfile(FIXTURES / "labels.toml", content / "data/programme/labels.toml")
    settings = content_settings.load({"PATH": str(content)})
    exports = {
        2025: _export(
            "bilingual.json",
            {
                "SPKAAA": base + "/alex.png",
                "SPKBBB": base + "/to-http",
                "SPKCCC": base + "/logo.svg",
                "SPKDDD": base + "/hop",  # a redirect to https: taken
            },
            work,
        ),
        2023: _export("embargoed-2023.json", {"EMBSPA": base + "/alex.png"}, work),
    }
    outs = {}
    for year, export in exports.items():
        out = io.StringIO()
        assert tool.run(settings, year, str(export), out=out) == 0, out.getvalue()
        outs[year] = out.getvalue()
    return work, content, outs


@pytest.fixture(scope="module")
def built(imported, base):
    work, content, _ = imported
    folder = content / STORED
    (folder / "spkccc.webp").write_bytes(ROUTES["/alex.png"])  # put there by hand: not ours
    (folder / "nobody.webp").write_bytes((folder / "spkaaa.webp").read_bytes())  # a stray
    report = build(work, overrides={"PATH": str(content)}, search=False)
    site = BuiltSite(report.output)
    site.warnings = report.warnings
    return site


def test_the_import_stores_checked_copies_named_after_the_speakers(imported, base):
    _, content, outs = imported
    assert sorted(p.name for p in (content / STORED).iterdir()) == ["spkaaa.webp", "spkddd.webp"]
    assert [p.name for p in (content / "images/programme/2023").iterdir()] == ["embspa.webp"]
    assert not [p for p in (content / "images/programme").iterdir() if p.name.startswith(".")]
    out = outs[2025]
    assert f"warning: the avatar of Sam Sample (SPKCCC) at {base}/logo.svg: not a raster" in out
    assert f"warning: the avatar of ليلى مثال (SPKBBB) at {base}/to-http: it redirects to" in out
    assert "The import goes on without it." in out
    assert f"Stored 2 of 4 avatars in content/{STORED[:-1]}/." in out
    assert "Stored 1 of 1 avatars in content/images/programme/2023/." in outs[2023]


def test_pages_show_the_stored_copy_with_its_size_and_an_empty_alt(built):
    for lang in ("", "en/"):
        page = built.soup(f"{lang}{SPEAKERS}spkaaa/index.html")
        (img,) = page.select("main img.speaker__avatar")
        assert img["src"] == f"/{STORED}spkaaa.webp"
        assert (img["width"], img["height"], img["alt"]) == ("160", "160", "")
        assert not img.has_attr("loading")  # at the top of its page: loaded at once
        assert not built.soup(f"{lang}{SPEAKERS}spkccc/index.html").select("main img")
        listing = built.soup(f"{lang}{SPEAKERS}index.html")
        shown = {
            img["src"]: (img["loading"], img["width"], img["height"], img["alt"])
            for img in listing.select("main img.speaker__avatar")
        }
        assert shown == {
            f"/{STORED}{slug}.webp": ("lazy", "160", "160", "") for slug in ("spkaaa", "spkddd")
        }
        (event,) = jsonld(built.soup(f"{lang}convening/2025/programme/tstaaa/index.html"))
        people = {p["name"]: p.get("image") for p in event["performer"]}
        assert people["Alex Example"] == f"/{STORED}spkaaa.webp"


def test_only_the_shown_programmes_checked_avatars_are_published(built, imported):
    _, content, _ = imported
    published = sorted(p.name for p in (built.root / "images/programme").rglob("*") if p.is_file())
    assert published == ["spkaaa.webp", "spkddd.webp"]  # not 2023's, the hand-made or the stray
    assert (built.root / STORED / "spkaaa.webp").read_bytes() == (
        content / STORED / "spkaaa.webp"
    ).read_bytes()
    said = "\n".join(built.warnings)
    assert f"content/{STORED}spkccc.webp: avatar: not an avatar as invoke programme" in said
    assert f"content/{STORED}nobody.webp: avatar: no speaker of a programme" in said
    assert said.count(f"content/{STORED}spkccc.webp") == 1  # said once, not as a stray too
    assert "embspa" not in said  # held back, not astray


def test_no_output_carries_an_avatar_address(built, base):
    host = base.split("//")[1]
    for path in built.root.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".ics", ".atom", ".js"):
            text = path.read_text(encoding="utf-8")
            assert host not in text, path


def test_no_avatars_keeps_the_folder_and_a_new_import_keeps_only_its_own(built, imported):
    """After the build (which added a hand-made file and a stray to the folder)."""
    from tools.editors import content as content_settings
    from tools.editors import programme as tool

    work, content, _ = imported
    settings = content_settings.load({"PATH": str(content)})
    before = {p.name: p.read_bytes() for p in (content / STORED).iterdir()}
    export = str(work / "bilingual.json")
    out = io.StringIO()
    assert tool.run(settings, 2025, export, out=out, avatars=False) == 0
    assert "already this export; nothing to do." in out.getvalue()
    assert "avatar" not in out.getvalue().replace("nothing to do.", "")
    assert {p.name: p.read_bytes() for p in (content / STORED).iterdir()} == before
    assert tool.run(settings, 2025, export, out=io.StringIO()) == 0  # the same export again
    after = {p.name: p.read_bytes() for p in (content / STORED).iterdir()}
    assert after == {name: before[name] for name in ("spkaaa.webp", "spkddd.webp")}


def test_the_reader_keeps_only_an_http_address_relative_to_base_url():
    def avatars_of(data):
        first = data["schedule"]["conference"]["days"][0]["rooms"]["Main Hall"][0]
        first["persons"][0]["avatar"] = "/media/avatars/alex.png"
        first["persons"].append({**first["persons"][0], "code": "SPKEEE", "name": "E",
                                 "avatar": "javascript:alert(1)"})  # fmt: skip

    found, _ = read(edited(avatars_of))
    sources = {s.code: s.avatar_source for s in found.sessions[0].speakers}
    assert sources["SPKAAA"] == "https://pretalx.example/media/avatars/alex.png"
    assert sources["SPKEEE"] is None


def test_the_guides_say_what_the_import_does_with_avatars():
    from tests.conftest import ROOT

    for name in ("programme.md", "programme.ar.md"):
        guide = (ROOT / "docs" / name).read_text(encoding="utf-8")
        for fact in ("content/images/programme/", "--no-avatars", "160 × 160", "SVG", "WebP"):
            assert fact in guide, (name, fact)


def test_a_draft_editions_avatars_are_held_back_and_a_link_to_one_is_refused(tmp_path):
    """The catalog's one answer (fileuse.py) that static publishing reads."""
    from tests.programme.sites import avatar
    from tools.editors import content as content_settings

    content = copy_content(tmp_path / "content")
    for lang in ("ar", "en"):
        (content / lang / "editions" / "2026.md").write_text(
            f"Title: Bread&Net 2026\nLang: {lang}\nSlug: 2026\nYear: 2026\nStatus: draft\n",
            encoding="utf-8",
        )
    (content / "data/programme/2026.json").write_bytes(
        (FIXTURES / "bilingual.json").read_bytes().replace(b'"2025-10-2', b'"2026-10-2')
    )
    held = "images/programme/2026/spkaaa.webp"
    (content / held).parent.mkdir(parents=True)
    (content / held).write_bytes(avatar(0))
    news = content / "en" / "news" / "avatar-link.md"
    news.write_text(
        "Title: Avatar link\nLang: en\nSlug: avatar-link\nDate: 2020-01-01\n\n"
        f"![A speaker]({{static}}/{held})\n",
        encoding="utf-8",
    )
    catalog = content_settings.collect(content_settings.load({"PATH": str(content)}))
    assert catalog.files.is_held(held) and held not in catalog.files.published
    (refused,) = [p for p in catalog.problems if held in str(p)]
    assert refused.path == "content/en/news/avatar-link.md" and refused.severity == "error"
    assert "a file of content/data/programme/2026.json, which is a draft" in refused.message
