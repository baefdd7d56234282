"""Tasks for editors, developers and CI (run `invoke --list`).

Follows Pelican's quickstart tasks.py; every build goes through
tools/build/sitebuild.py, which validates first and swaps output/ only on success.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
DEV_SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"
OUTPUT = ROOT / "output"
TRANSLATIONS = ROOT / "theme" / "translations"
POT = TRANSLATIONS / "messages.pot"
# pybabel of the environment invoke runs in (.venv/), whatever PATH says.
PYBABEL = f"{shlex.quote(sys.executable)} -m babel.messages.frontend"


def _build(settings, now=None, search=True, strict=False, output=OUTPUT):
    from tools.build import sitebuild

    try:
        report = sitebuild.build(settings, output=output, now=now, search=search, strict=strict)
    except sitebuild.BuildFailed as failure:
        sys.exit(f"Build failed. {failure}")
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(report.summary())
    return report


@task(help={"now": "preview the site at this instant, e.g. 2023-10-20T12:00+03:00"})
def build(c, now=None, search=True, strict=False):
    """Build the development site (both languages) into output/."""
    _build(DEV_SETTINGS, now=now, search=search, strict=strict)


@task
def rebuild(c, now=None):
    """Remove output/ and the build cache, then build."""
    clean(c)
    build(c, now=now)


@task
def clean(c):
    """Remove output/ and the build cache."""
    from tools.build import outputguard

    cache = ROOT / "cache"
    # A plain file where cache/ belongs (the build stops and says to run this)
    # is removed, unless git tracks it.
    stray = cache.is_file() and not cache.is_symlink()
    if stray and outputguard.tracked_under(ROOT, cache):
        sys.exit(f"invoke clean: {cache} is a file tracked by git; move it, then run this.")
    # Issue 10: the guard a build uses, so a symlinked output/ cannot take sources.
    for path, is_site in ((OUTPUT, True), (cache, False)):
        if path == cache and stray:
            continue
        refused = outputguard.refusal(
            path,
            root=ROOT,
            require_site=is_site,
            label="invoke clean: ",
            instead=f"Make {path.name}/ a plain folder of this checkout again (remove the "
            "symbolic link, or move out what is not a build), then run invoke clean.",
        )
        if refused:
            sys.exit(refused)
    if stray:
        cache.unlink()
    for path in (OUTPUT, cache):
        shutil.rmtree(path, ignore_errors=True)


@task(
    help={
        "port": "port to listen on (default 8000)",
        "watch": "live preview: rebuild on change and reload the browser (invoke livereload)",
    }
)
def serve(c, port=8000, bind="127.0.0.1", watch=False):
    """Serve output/ at http://127.0.0.1:8000/ (Arabic at /, English at /en/)."""
    if watch:
        livereload(c, port=port, bind=bind)
        return
    from tools.deploy.serve import onion_from_environment, serve_forever

    onion = onion_from_environment()
    print(f"Serving {OUTPUT} at http://{bind}:{port}/  (Ctrl-C to stop)")
    serve_forever(OUTPUT, bind=bind, port=int(port), onion=onion)


@task(
    help={
        "port": "port to listen on (default 8000)",
        "now": "preview the site at this instant, e.g. 2023-10-20T12:00+03:00",
    }
)
def livereload(c, port=8000, bind="127.0.0.1", now=None):
    """Live preview: serve output/, show a saved page in the browser in about a second.

    tools/dev/livepreview.py: the edited page first, then a full build (no search) in
    the background; a content error is shown in the page until it is fixed.
    """
    from tools.dev import livepreview

    livepreview.run(output=OUTPUT, port=int(port), bind=bind, now=now)


@task
def preview(c, now=None, port=8000):
    """Build the production site for http://127.0.0.1:PORT and serve it there."""
    os.environ["SITE_URL"] = f"http://127.0.0.1:{port}"
    publish(c, now=now)
    serve(c, port=port)


@task(help={"now": "publish as the site will be at this instant"})
def publish(c, now=None):
    """Build the production site (absolute URLs, feeds) into output/."""
    _build(PUBLISH_SETTINGS, now=now, strict=True)


@task(
    help={
        "now": "publish as the site will be at this instant (and date the bundles so)",
        "zim": "--no-zim: make the zip bundles only",
        "build": "--no-build: bundle output/ as it is (a production build just made)",
    }
)
def offline(c, now=None, zim=True, build=True):
    """Production build, then output/offline/ (a zip and a ZIM per language) and SHA256SUMS."""
    from tools.build import settings as build_settings
    from tools.offline import build as offline_build
    from tools.offline.site import OfflineError

    site = _build(PUBLISH_SETTINGS, now=now, strict=True).output if build else OUTPUT
    date = build_settings.pinned_now(now, "Asia/Beirut")[:10]
    try:
        from pelicanconf import SITE_LANGUAGES

        made = offline_build.run(
            site, date, cache=ROOT / "cache" / "offline", zims=zim, languages=SITE_LANGUAGES
        )
    except OfflineError as failure:
        sys.exit(f"Offline edition failed. {failure}")
    print(f"Offline edition in {site / 'offline'}, checksums in {site / 'SHA256SUMS'}:")
    for line in made.lines():
        print(line)


@task(
    help={
        "site": "the mirror: a folder, or its address (https://…)",
        "sums": "SHA256SUMS to trust (a file or address); default: the mirror's own",
        "signers": "an ssh allowed_signers file: check SHA256SUMS.sig with it",
    }
)
def verify(c, site, sums="", signers=""):
    """Check a mirror against SHA256SUMS: names each missing, changed or extra file."""
    from tools.offline import verify as mirror
    from tools.offline.site import OfflineError

    try:
        found = mirror.problems(site, sums, signers)
    except OfflineError as failure:
        sys.exit(f"Verify failed. {failure}")
    for problem in found:
        print(problem)
    if found:
        sys.exit(f"{site}: {len(found)} problem(s); this mirror is not the published site.")
    print(f"{site}: every file matches SHA256SUMS.")


# --- Self-hosting (logic in tools/deploy/releases.py and tools/deploy/nginx.py) ------------------


@task(
    help={
        "to": "a folder, or user@host:path (rsync over ssh); default $DEPLOY_TARGET",
        "now": "publish as the site will be at this instant",
        "output": "build into this folder (default output/)",
        "keep": "releases to keep (default 5)",
    }
)
def deploy(c, to=None, now=None, output=None, keep=5):
    """Publish, upload as TARGET/releases/<UTC time>-<commit>, switch TARGET/current."""
    from tools.deploy import releases

    site = Path(output).resolve() if output else OUTPUT
    try:
        target = releases.Target.parse(to or os.environ.get("DEPLOY_TARGET"))
        releases.check(target)  # before the build: a bad target moves nothing
    except releases.DeployFailed as failure:
        sys.exit(f"Deploy failed; nothing was built or moved. {failure}")
    _build(PUBLISH_SETTINGS, now=now, strict=True, output=site)  # exits on failure
    try:
        name = releases.release(site, target, keep=int(keep))
    except releases.DeployFailed as failure:
        sys.exit(f"Deploy failed. {failure}")
    print(f"Deployed {name}: {target}/current -> releases/{name}")


@task(
    help={
        "to": "the deploy target, as for deploy (a folder or user@host:path); "
        "default $DEPLOY_TARGET",
        "release": "the release to go back to (default: the one before the live one)",
    }
)
def rollback(c, to=None, release=None):
    """Point TARGET/current back at an earlier, complete release (instant, nothing rebuilt)."""
    from tools.deploy import releases

    try:
        where = releases.rollback_target(to or os.environ.get("DEPLOY_TARGET"))
        name = releases.rollback(where, release)
    except releases.DeployFailed as failure:
        sys.exit(f"Rollback failed; current was left as it was. {failure}")
    print(f"{where}/current -> releases/{name}")


@task(
    name="nginx-conf",
    help={"output": "where to write (default deploy/nginx.conf; - for stdout)", "root": "root"},
)
def nginx_conf(c, output=None, root=None):
    """Write deploy/nginx.conf from the headers in plugins/smex_site/headers.py."""
    from tools.deploy import nginx

    code = nginx.write(output or nginx.COMMITTED, root=root or nginx.DEFAULT_ROOT)
    if code:
        sys.exit(code)


@task(help={"k": "only tests matching this expression (pytest -k)"})
def test(c, k=None):
    """Run the whole test suite: builds the site and drives real Chromium."""
    args = [sys.executable, "-m", "pytest"]
    if k:
        args += ["-k", k]
    c.run(shlex.join(args), pty=False)


@task
def lock(c):
    """Write requirements.lock from requirements.txt: every package pinned with its hashes.

    scripts/setup.sh installs the lock with --require-hashes; a test fails while
    the two disagree. Resolved for Python 3.11.2, Debian 12's own, so the lock
    installs there too (some releases need 3.11.5). Run this after changing
    requirements.txt (needs the package registry).
    """
    c.run(
        f"{shlex.quote(sys.executable)} -m uv pip compile requirements.txt --quiet "
        "--generate-hashes --python-version 3.11.2 --no-header --no-annotate "
        "-o requirements.lock"
    )


@task(help={"output": "folder for the two files (default sbom/)"})
def sbom(c, output="sbom"):
    """CycloneDX SBOMs of the Python environment and the npm packages (CI artifacts)."""
    folder = Path(output)
    folder.mkdir(parents=True, exist_ok=True)
    python = shlex.quote(sys.executable)
    c.run(
        f"{python} -m cyclonedx_py environment {python} --of JSON --output-reproducible "
        f"-o {shlex.quote(str(folder / 'python.cdx.json'))}"
    )
    c.run(
        "npx --no-install cyclonedx-npm --output-format JSON --output-reproducible "
        f"--output-file {shlex.quote(str(folder / 'npm.cdx.json'))}"
    )


@task
def lint(c, fix=False):
    """ruff check and ruff format --check (with --fix, apply both)."""
    ruff = f"{shlex.quote(sys.executable)} -m ruff"  # the environment's, whatever PATH says
    if fix:
        c.run(f"{ruff} check --fix . && {ruff} format .")
    else:
        c.run(f"{ruff} check . && {ruff} format --check .")


@task(
    help={
        "action": "extract, update, compile, or init (a new language's catalog)",
        "lang": "with init: the new language's code, e.g. fr",
    }
)
def messages(c, action="update", lang=None):
    """UI strings: extract msgids from templates, update and check catalogs."""
    if action == "init":
        if not lang:
            sys.exit("give the language: invoke messages --action init --lang fr")
        messages(c, "extract")
        c.run(f"{PYBABEL} -q init -i {POT} -d {TRANSLATIONS} -l {shlex.quote(lang)}")
        return
    if action in ("extract", "update"):
        c.run(
            f"{PYBABEL} -q extract -F {ROOT / 'babel.cfg'} -o {POT} "
            "--no-location --sort-output --omit-header ."
        )
    if action == "update":
        c.run(
            f"{PYBABEL} -q update -i {POT} -d {TRANSLATIONS} "
            "--no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date"
        )
    if action == "compile":
        # The build compiles catalogs itself into cache/; this only checks them.
        c.run(f"{PYBABEL} -q compile --statistics -d {TRANSLATIONS} -f --use-fuzzy")
        for mo in TRANSLATIONS.rglob("*.mo"):
            os.remove(mo)


@task(
    aliases=["benchmark"],
    help={
        "articles": "articles per language in the generated corpus (default 1000)",
        "runs": "runs per figure; every figure is their median (default 3)",
        "json": "also write every figure to this JSON file",
        "live": "measure the live preview's latency (default; --no-live skips it)",
        "plugin_runs": "runs per size of the plugin linearity check (default: runs, at least 3)",
    },
)
def bench(c, articles=1000, runs=3, json=None, live=True, plugin_runs=None):
    """Build a generated corpus, cold, warm, one edit, live preview and bare Pelican: a table."""
    from tools.dev import benchmark

    code = benchmark.bench(articles, runs, json_file=json, live=live, plugin_runs=plugin_runs)
    if code:
        sys.exit(code)


@task(
    help={
        "sessions": "programme sizes to measure, comma-separated (default 48,200)",
        "runs": "Lighthouse runs per page; each figure is the median run (default 1)",
        "min_score": "exit 1 if a page scores under this (default 98, issue 22's bar)",
        "kinds": "only these page kinds, comma-separated (default: all ten)",
        "json": "also write every figure to this JSON file",
    },
)
def lighthouse(c, sessions="48,200", runs=1, min_score=98, kinds=None, json=None):
    """Lighthouse's mobile performance of every programme page kind, both languages: a table.

    tools/dev/lighthouse.py: a production build with a generated programme of each
    size, served by nginx as deploy/nginx.conf serves it. A benchmark, not a test:
    needs `npm ci`, chromium and nginx; run it on a quiet machine.
    """
    from tools.dev import lighthouse as bench

    args = ["--sessions", *sessions.split(","), "--runs", str(runs)]
    args += ["--min-score", str(min_score)]
    if kinds:
        args += ["--kinds", *kinds.split(",")]
    if json:
        args += ["--json", json]
    code = bench.main(args)
    if code:
        sys.exit(code)


# --- Editors' tools (logic in tools/editors/editor.py) -----------------------------------


def _editor_settings(path=None, now=None):
    from tools.editors import editor

    overrides = {}
    if path:
        overrides["PATH"] = str(Path(path).resolve())
    if now:
        overrides["SITE_NOW"] = now
    return editor, editor.load(overrides)


@task(
    help={
        "path": "content folder to check (default: content/)",
        "now": "check as a build at this instant would, e.g. 2023-10-20T12:00+03:00",
    }
)
def check(c, path=None, now=None):
    """Validate the content as a build would, without building (fast)."""
    editor, settings = _editor_settings(path, now)
    from smex_site.settings import SettingsError  # importable: tools/__init__.py

    try:
        code = editor.check(settings)
    except SettingsError as error:
        sys.exit(f"Nothing done: {error}")
    if code:
        sys.exit(code)


@task(
    help={
        "kind": "the kind of item, news by default (a wrong one is answered with the list)",
        "title": "the title, in the item's language",
        "lang": "ar or en (default: ar)",
        "slug": "ASCII slug, shared by both languages (default: from an ASCII title)",
        "translate": "SLUG of an existing item: create its other-language file",
        "now": "today's date as the site clock sees it, e.g. 2023-10-20T12:00+03:00",
        "path": "content folder (default: content/)",
    },
)
def new(c, kind=None, title=None, lang=None, slug=None, translate=None, now=None, path=None):
    """Scaffold a new item of any kind, or a translation (a draft)."""
    from tools.editors import editor

    if not translate:
        kind = kind or "news"
    options = {"kind": kind, "title": title, "lang": lang, "slug": slug, "translate": translate}
    code = editor.command("new", path=path, now=now, **options)
    if code:
        sys.exit(code)


@task(
    auto_shortflags=False,  # -h stays help
    help={
        "strict": "exit 1 if any translation is outdated or missing (for CI)",
        "accept": "SLUG: record that its translations still say what the original says",
        "changed_from": "only the items whose files differ from this git commit (a pull "
        "request's base)",
        "changed_files": "only the items of the files listed in this file, one a line",
        "markdown": "print a Markdown table (item, language, state, what changed)",
        "path": "content folder (default: content/)",
    },
)
def translations(
    c, strict=False, accept=None, changed_from=None, changed_files=None, markdown=False, path=None
):
    """Every translated item: current, outdated (and what changed) or missing."""
    from tools.editors import editor

    code = editor.command(
        "translations",
        path=path,
        strict=strict,
        accept=accept,
        changed_from=changed_from,
        changed_files=changed_files,
        markdown=markdown,
    )
    if code:
        sys.exit(code)


@task(
    help={
        "year": "the edition's year, e.g. 2025 (writes content/data/programme/YEAR.json)",
        "from_": "pretalx's schedule.json: a file, or its https:// address "
        "(…/<event>/schedule/export/schedule.json)",
        "force": "replace a different programme file already there",
        "path": "content folder (default: content/)",
        "avatars": "download, check and store the speakers' avatars under "
        "content/images/programme/YEAR/ (on by default; --no-avatars keeps the folder as it is)",
    }
)
def programme(c, year, from_, force=False, path=None, avatars=True):
    """Copy or download pretalx's schedule export, check it, save it, with the speakers'
    avatars (the only network use)."""
    from tools.editors import programme as tool

    code = tool.save(int(year), from_, force=force, path=path, avatars=avatars)
    if code:
        sys.exit(code)
