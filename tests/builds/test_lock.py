"""requirements.lock is requirements.txt pinned with hashes: scripts/setup.sh
installs the lock with --require-hashes, so the two must never disagree."""

from __future__ import annotations

import re

from tests.sitecheck import ROOT

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")


def canonical(name: str) -> str:
    """PEP 503: names compare case-insensitively, with runs of -_. as one -."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(text: str) -> dict[str, str]:
    found = {}
    for line in text.splitlines():
        match = PIN.match(line.strip())
        if match:
            found[canonical(match[1])] = match[2]
    return found


def lock_entries(text: str) -> dict[str, list[str]]:
    """Each locked package with the hashes that follow its pin."""
    entries: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        match = PIN.match(line)
        if match:
            current = canonical(match[1])
            entries[current] = []
        if current:
            entries[current] += HASH.findall(line)
    return entries


def test_every_requirement_is_locked_at_the_same_version():
    wanted = pins((ROOT / "requirements.txt").read_text(encoding="utf-8"))
    locked = pins((ROOT / "requirements.lock").read_text(encoding="utf-8"))
    assert wanted, "requirements.txt pins nothing"
    missing = sorted(set(wanted) - set(locked))
    assert not missing, f"not in requirements.lock: {missing}; run `invoke lock`"
    differ = {n: (v, locked[n]) for n, v in wanted.items() if locked[n] != v}
    assert not differ, f"requirements.txt and the lock disagree: {differ}; run `invoke lock`"


def test_every_requirement_is_pinned_exactly():
    for raw in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        requirement = raw.split("#")[0].strip()
        if requirement:
            assert PIN.match(requirement), f"requirements.txt: pin it with ==: {requirement}"


def test_every_locked_package_carries_its_hashes_and_nothing_points_elsewhere():
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    entries = lock_entries(text)
    assert len(entries) > len(pins((ROOT / "requirements.txt").read_text(encoding="utf-8")))
    unhashed = sorted(name for name, hashes in entries.items() if not hashes)
    assert not unhashed, f"locked without a hash: {unhashed}"
    # An index or a folder of wheels named in the lock would bypass the registry.
    assert not re.search(r"^\s*--(?:extra-)?index-url|^\s*--find-links", text, re.MULTILINE)


def test_the_parsers_see_a_disagreement():
    assert pins("Markdown==3.11.3\npagefind[bin]==1.5.2 \\\n") == {
        "markdown": "3.11.3",
        "pagefind": "1.5.2",
    }
    assert lock_entries("a-b==1 \\\n    --hash=sha256:" + "0" * 64 + "\nc==2\n") == {
        "a-b": ["--hash=sha256:" + "0" * 64],
        "c": [],
    }
