"""Where a deploy goes: a folder on this machine, or user@host:path over ssh.

The same commands run in both cases, only through ssh for a remote one, so
the local tests exercise the remote path's logic too.
"""

from __future__ import annotations

import re
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

REMOTE = re.compile(r"^(?P<host>(?:[^/:@\s]+@)?[^/:@\s]+):(?P<path>.+)$")


SSH = ("ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10")


class DeployFailed(Exception):
    """The message says what went wrong and what was left as it was."""


@dataclass(frozen=True)
class Target:
    path: str  # on the machine that serves the site
    host: str | None = None  # user@host, or None for this machine

    @classmethod
    def parse(cls, text: str | None) -> Target:
        text = (text or "").strip()
        if not text:
            raise DeployFailed("no target: give --to PATH or --to user@host:path")
        match = REMOTE.match(text)
        if match and not Path(text).exists():
            return cls(match["path"].rstrip("/") or "/", match["host"])
        return cls(str(Path(text).expanduser().resolve()))

    def __str__(self) -> str:
        return f"{self.host}:{self.path}" if self.host else self.path

    def at(self, rel: str) -> str:
        return f"{self.path}/{rel}" if rel else self.path

    def run(self, *argv: str) -> subprocess.CompletedProcess:
        command = list(argv) if self.host is None else [*SSH, self.host, "--", shlex.join(argv)]
        return subprocess.run(command, capture_output=True, text=True, check=False)

    def ok(self, *argv: str) -> bool:
        done = self.run(*argv)
        if self.host and done.returncode == 255:  # ssh's own failure, not the command's
            raise DeployFailed(f"cannot reach {self.host} over ssh: {done.stderr.strip()}")
        return done.returncode == 0

    def must(self, *argv: str) -> str:
        done = self.run(*argv)
        if done.returncode != 0:
            raise DeployFailed(f"on {self}: `{shlex.join(argv)}` failed: {done.stderr.strip()}")
        return done.stdout

    def rsync_destination(self, rel: str) -> str:
        return f"{self.host}:{self.at(rel)}" if self.host else self.at(rel)
