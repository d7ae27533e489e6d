"""Run Python's cyclic garbage collector on the GUI thread only.

A Qt object caught in a reference cycle is freed by whichever thread happens to trigger a collection: a
database executor, the outbox worker or an httpx thread. Qt then stops the object's timers from the wrong
thread ("Timers cannot be stopped from another thread") and may crash. Anki met the same problem and runs
the collector from a main-thread timer; so do we: automatic collection is off, a QTimer collects.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

FULL_EVERY = 30


class GuiThreadCollector(QObject):
    """While alive, automatic gc is off and a GUI-thread timer collects every `interval_ms`."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = 2_000) -> None:
        super().__init__(parent)
        self._ticks = 0
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    def collect(self) -> None:
        # Young generations on each tick; a full collection of a large heap can take tens of ms, so only
        # once every FULL_EVERY ticks.
        self._ticks += 1
        gc.collect(2 if self._ticks % FULL_EVERY == 0 else 1)

    def stop(self) -> None:
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()
