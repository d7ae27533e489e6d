"""What the GUI benchmarks share: a child interpreter whose last stdout line is its JSON figures, and the main
window played in it (offscreen) then closed as `lgc` closes it.

Qt and the application are imported inside the functions: the parent process never loads them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from lgc_app.bootstrap import AppContext
    from ui.app import GuiOptions
    from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[1]
T = TypeVar("T")


def run_child(module: str, *args: str, home: Path, timeout: float, failure: str) -> Any:
    """`python -m module args` on its own `LGC_HOME`; its figures (the last stdout line, JSON).

    Raises RuntimeError with `failure` and the end of its stderr when it exits in error."""
    env = {**os.environ, "LGC_HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
           # a benchmark's secrets stay in memory; never reach the user's keyring
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    result = subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=timeout, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{failure} :\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def play_in_window(options: GuiOptions, scenario: Callable[[MainWindow], Awaitable[T]], *,
                   prepare: Callable[[AppContext], None] | None = None) -> T:
    """In the child: the context opened as `lgc` opens it, `prepare` (e.g. a session), the main window shown
    with its stall monitor and warmed up as `lgc` warms it (`ui.app.after_start`), `scenario` run on the qasync
    loop; then the window closed and the context stopped."""
    from PySide6.QtWidgets import QApplication

    from ui import tasks as taskbridge
    from ui.app import after_start, close_window, create_application, install_event_loop, open_context
    from ui.main_window import MainWindow
    from ui.stall_monitor import StallMonitor

    app = create_application(["bench"])
    assert isinstance(app, QApplication)
    loop = install_event_loop(app)
    context = loop.run_until_complete(open_context(options))
    try:
        if prepare is not None:
            prepare(context)
        window = MainWindow(context, taskbridge.TaskManager(), StallMonitor())
        window.show()
        warming = after_start(context, window.tasks)  # as `lgc` does once the window shows; a user acts later
        if warming.future is not None:
            loop.run_until_complete(warming.future)
        try:
            result: T = loop.run_until_complete(scenario(window))
            return result
        finally:
            loop.run_until_complete(close_window(window.tasks, window))
            window.close()
    finally:
        context.stop()
        taskbridge.shutdown_executors()
        loop.close()
