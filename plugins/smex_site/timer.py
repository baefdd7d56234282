"""CPU time the plugin spends, by label, for `sitebuild --timings` and
`invoke bench` (its linearity row): they read these figures and never reach
into the plugin.

One Timer per build: validation makes it (catalog.timer), the build state
carries it on (BuildState.timer), so the kinds' hooks and the generators
report to the same one. A call timed inside another timed call counts once,
in the outermost: the figures add up to the time the plugin took. CPU time,
not wall time: a busy machine adds little noise.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Timer:
    spent: dict[str, float] = field(default_factory=dict)  # label -> CPU seconds
    _depth: int = 0

    @contextmanager
    def timing(self, label: str):
        """Add the CPU time of the `with` block to `label` (outermost blocks only)."""
        if self._depth:
            yield
            return
        self._depth += 1
        tick = time.process_time()
        try:
            yield
        finally:
            self._depth -= 1
            self.spent[label] = self.spent.get(label, 0.0) + time.process_time() - tick

    def since(self, before: dict[str, float]) -> dict[str, float]:
        """What was spent after `before` (an earlier copy of `spent`) was taken."""
        return {
            label: seconds - before.get(label, 0.0)
            for label, seconds in self.spent.items()
            if seconds != before.get(label, 0.0)
        }
