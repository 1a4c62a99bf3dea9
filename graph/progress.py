"""A progress line on standard error for long work, shown only when it is a terminal."""
from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """`label: 45.2% 123,456 rows 3.1 s`, redrawn at most five times a second; silent off a terminal."""

    def __init__(self, label: str, total: int, unit: str = "rows", stream: TextIO | None = None,
                 enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.label, self.total, self.unit = label, max(total, 1), unit
        self.start = self._last = time.monotonic()
        self.shown = False

    def update(self, done: int, count: int) -> None:
        """done: how far through total (e.g. bytes read); count: what to show (e.g. rows)."""
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.2 and done < self.total:
            return
        self._last = now
        share = min(done / self.total, 1.0)
        bar = "#" * int(share * 20)
        self.stream.write(f"\r{self.label}: [{bar:<20}] {share:6.1%} {count:,} {self.unit} {now - self.start:.1f} s")
        self.stream.flush()
        self.shown = True

    def phase(self, text: str) -> None:
        """A step with no measurable progress (a store load, a serialization)."""
        if self.enabled:
            self.close()
            self.stream.write(f"{text} …\n")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.shown:
            self.stream.write("\n")
            self.stream.flush()
            self.shown = False
