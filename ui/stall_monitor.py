"""Measures how long the GUI event loop is blocked ("the event loop is sacred", ARCHITECTURE.md).

A precise Qt timer asks to fire every 10 ms; each time it fires we record how late it is. Qt timers and the
qasync loop share the one GUI thread, so any blocking callback, slow slot or long paint shows up as lateness.
"""

from __future__ import annotations

import collections
import time

from PySide6.QtCore import QObject, Qt, QTimer

INTERVAL_MS = 10
HISTORY = 3000  # samples kept: 30 s at 10 ms


class StallMonitor(QObject):
    """Lateness of a 10 ms timer, in milliseconds: maximum since reset, p99 and recent history."""

    def __init__(self, parent: QObject | None = None, *, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.interval_ms = interval_ms
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._history: collections.deque[tuple[float, float]] = collections.deque(maxlen=HISTORY)
        self._last: float | None = None
        self.max_stall_ms = 0.0
        self.samples = 0

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._last = None

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def reset(self) -> None:
        """Forget the past; the next tick measures from now."""
        self._history.clear()
        self.max_stall_ms = 0.0
        self.samples = 0
        if self._last is not None:
            self._last = time.perf_counter()

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._last is not None:
            late_ms = max(0.0, (now - self._last) * 1000 - self.interval_ms)
            self._history.append((now, late_ms))
            self.max_stall_ms = max(self.max_stall_ms, late_ms)
            self.samples += 1
        self._last = now

    def percentile(self, fraction: float) -> float:
        """Lateness (ms) not exceeded by `fraction` of the kept samples (0.0 without samples)."""
        values = sorted(late for _, late in self._history)
        if not values:
            return 0.0
        return values[min(len(values) - 1, int(fraction * len(values)))]

    def lateness_ms(self) -> list[float]:
        """The kept samples (ms), oldest first: a caller pooling several measured periods (bench, scenario)."""
        return [late for _, late in self._history]

    @property
    def p99_ms(self) -> float:
        return self.percentile(0.99)

    def recent_max_ms(self, seconds: float = 1.0) -> float:
        """Longest lateness over the last `seconds`."""
        horizon = time.perf_counter() - seconds
        return max((late for at, late in self._history if at >= horizon), default=0.0)
