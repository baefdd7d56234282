"""A problem found in the content, and the error that stops a build with them.

On the plugin's floor, so the floor's own checks (contentfiles.py,
activefiles.py) report in the same form as validation/ without importing it.
"""

from __future__ import annotations

from dataclasses import dataclass

# A problem's severity: an ERROR stops every build, a WARNING none, and a
# STRICT one stops only a strict (publish) build, as Pelican's own unresolved
# links do: a preview of a partial tree still builds.
ERROR, WARNING, STRICT = "error", "warning", "strict"


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    field: str
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field}: {self.message}"


class ContentError(Exception):
    """Raised with every problem found; the build stops before writing."""

    exitcode = 2

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        lines = "\n".join(f"  {p}" for p in problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} content {noun}; nothing was written:\n{lines}")
