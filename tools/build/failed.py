"""A build that stopped: the exception, and how its problems are listed."""

from __future__ import annotations


class BuildFailed(Exception):
    """The build stopped; the message says what to fix. output/ is untouched."""


def describe(problems, noun: str) -> str:
    count = len(problems)
    lines = "\n".join(f"  {p}" for p in problems)
    plural = noun if count == 1 else noun + "s"
    return f"{count} {plural}; the previous output was left as it was:\n{lines}"
