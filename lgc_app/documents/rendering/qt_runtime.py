"""QtGui without a screen: the PDF renderer needs a QGuiApplication (fonts, paint engines), nothing else.

The rule (ARCHITECTURE allows QtGui in the core for PDF rendering only, never QtWidgets):

- A process that shows windows creates its QApplication first, on its main thread (ui/ does); the renderer
  then runs from any thread, since painting on a QPdfWriter or a QImage off the GUI thread is supported.
- A headless process (`lgc worker`, the CLI, a test) may call the renderer with no application at all:
  the first call creates a QGuiApplication on the `offscreen` platform, once, under a lock.
- That application lives on a small dedicated thread, which also destroys it at interpreter exit: the
  caller's thread may be a short-lived worker, and a QCoreApplication destroyed at exit from another thread
  than the one that made it trips GLib ("g_main_context_pop_thread_default" critical; a crash with 6.12).
- Because a QGuiApplication is not a QApplication, a process that will create widgets later (pytest-qt
  tests) must create its QApplication before the first render (request the `qapp` fixture).
"""

from __future__ import annotations

import atexit
import threading

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication

_lock = threading.Lock()
_host: _ApplicationHost | None = None


class QtRuntimeError(RuntimeError):
    """Qt cannot paint in this process (a non-GUI QCoreApplication already exists)."""


class _ApplicationHost:
    """Owns an offscreen QGuiApplication on its own thread, from creation to destruction."""

    def __init__(self) -> None:
        self._ready = threading.Event()
        self._stop = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="lgc-qtgui-host", daemon=True)
        self._thread.start()
        self._ready.wait()
        if self._error is not None:
            raise QtRuntimeError("impossible d'initialiser Qt pour le rendu PDF") from self._error
        atexit.register(self.close)

    def _run(self) -> None:
        try:
            app = QGuiApplication(["lgc-render", "-platform", "offscreen"])
        except BaseException as exc:  # reported to the creating thread
            self._error = exc
            self._ready.set()
            return
        self._ready.set()
        self._stop.wait()
        shiboken6.delete(app)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def ensure_gui_application() -> None:
    """Make sure a QGuiApplication exists, creating an offscreen one if the process has none.

    Raises:
        QtRuntimeError: a plain QCoreApplication exists (no fonts, no painting possible).
    """
    global _host
    with _lock:
        app = QCoreApplication.instance()
        if app is None:
            _host = _ApplicationHost()
        elif not isinstance(app, QGuiApplication):
            raise QtRuntimeError("le rendu PDF exige une QGuiApplication, pas une QCoreApplication")
