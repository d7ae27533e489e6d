"""The GUI application: QApplication, translations, style, the qasync loop, start-up and clean shutdown.

Electrum `create_and_start_event_loop` is the model: the loop keeps a strong reference to every task
(asyncio itself keeps only weak ones, so an unreferenced task can be garbage-collected mid-flight), an
exception handler logs what nobody awaited, and exit cancels pending tasks before the executors, the
worker, the database and the sandbox are released.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import logging
import signal
import sys
from collections.abc import Coroutine, Generator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import qasync
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QMessageBox, QSplashScreen

from lgc_app import APP_NAME, config, logs
from lgc_app.auth.sign_in import SignedIn
from lgc_app.bootstrap import AppContext, bootstrap
from lgc_app.errors import explain
from lgc_app.persistence.engine import DatabaseError
from ui import messages
from ui import tasks as taskbridge
from ui.auth.psc_session import psc_configured, psc_session_opener
from ui.auth.session_lock import TOTP_RENEWAL_TEXT, SessionLock, open_session
from ui.gc_guard import GuiThreadCollector
from ui.i18n import install_translations
from ui.main_window import MainWindow
from ui.mss.inbox_actions import start_reception
from ui.stall_monitor import StallMonitor
from ui.warm_up import preload_network_stack, warm_up

log = logging.getLogger("lgc.ui.app")

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
SCENARIO_LATENCY = 3.0  # SC.DMP/UX.10: every service answers after 3 s
RESTART = -1  # `_run` asks `run` to start again (the demo database was reset)
CLOSE_STEP_TIMEOUT = 3.0  # seconds each clean-up step of the exit may take (issue 14 item 7: never hangs)
_YES, _NO = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


@dataclass(frozen=True)
class GuiOptions:
    demo: bool = False
    config: Path | None = None
    latency: float | None = None
    scenario: str | None = None  # with `demo`: played on screen once the window shows (ui/scenario)


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with French translations and icon (an existing one is reused)."""
    app = QApplication.instance() or QApplication(argv or [APP_NAME])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("LGC Ségur")
    app.setDesktopFileName("lgc-segur")
    app.setWindowIcon(QIcon(str(RESOURCES / "icons" / "lgc.svg")))
    app.setProperty("lgc_translators", install_translations(app))
    return app  # no application-wide style sheet: the few styled widgets carry their own (ui/style.py)


class TaskKeeper:
    """Task factory keeping a strong reference to every task until it ends.

    Electrum `_set_custom_task_factory`: asyncio holds tasks weakly, a task nobody references can vanish.
    """

    def __init__(self) -> None:
        self.tasks: set[asyncio.Future[Any]] = set()

    def __call__(self, loop: asyncio.AbstractEventLoop,
                 coro: Coroutine[Any, Any, Any] | Generator[Any, None, Any],
                 **kwargs: Any) -> asyncio.Task[Any]:
        task = asyncio.Task(coro, loop=loop, **kwargs)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return task


def _log_unhandled(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    """Errors nobody awaited: a bug, logged with its traceback (the task bridge reports the expected ones)."""
    log.error("unhandled in event loop: %s", context.get("message"), exc_info=context.get("exception"))


def install_event_loop(app: QApplication) -> qasync.QEventLoop:
    loop = qasync.QEventLoop(app)
    loop.set_task_factory(TaskKeeper())
    loop.set_exception_handler(_log_unhandled)
    asyncio.set_event_loop(loop)
    for signum in (signal.SIGINT, signal.SIGTERM):  # Ctrl+C or a service manager: quit cleanly (atexit runs)
        try:
            loop.add_signal_handler(signum, functools.partial(_terminate, app))
        except (NotImplementedError, RuntimeError, ValueError):  # Windows, or not the main thread
            break
    return loop


def _terminate(app: QApplication) -> None:
    """SIGTERM/SIGINT: the windows close as when the user closes them (their last work is saved and the exit
    below runs on a closed window), then the loop ends."""
    app.closeAllWindows()
    app.quit()


async def open_context(options: GuiOptions) -> AppContext:
    """Settings → (demo overlay) → database → (sandbox) → worker process started; blocking steps run in
    threads.

    Raises:
        ConfigError, DatabaseError, SandboxError: with a French message; nothing was modified.
    """
    settings = await taskbridge.run_db(config.load, options.config)
    if options.demo:  # the demonstration's modules (sandbox, data set) are imported in demo mode only
        from lgc_app import demo

        # the sandbox's health check sends the first request as soon as the window shows: its HTTP stack is imported
        # now, off the loop (elsewhere the warm-up imports it once the window is interactive)
        await taskbridge.run_in_thread(preload_network_stack)

        latency = SCENARIO_LATENCY if options.scenario and options.latency is None else options.latency
        settings = demo.demo_settings(settings, latency)
    elif options.latency is not None:
        settings = settings.replace(demo__latency=options.latency)
    context = await taskbridge.run_db(bootstrap, settings, config_path=options.config)
    try:
        if options.demo:  # the demonstration practitioner (the sandbox's test CPS) and one account per role
            from lgc_app import demo_seed
            from lgc_app.auth.demo_accounts import ensure_demo_accounts
            from lgc_app.demo import DemoSandbox

            await taskbridge.run_db(demo_seed.demo_session, context.database, context.workstation)
            await taskbridge.run_db(ensure_demo_accounts, context.database)
            sandbox = DemoSandbox.spawn(latency=context.settings["demo.latency"])
            context.sandbox = sandbox  # stopped with the context if anything below fails
            await taskbridge.run_in_thread(sandbox.wait_ready)
            context.attach_sandbox(sandbox)
        # Not awaited: the worker process imports and connects beside the window, on the other core, without
        # taking this process's GIL (its status-bar word says when it runs).
        context.start_worker()
        start_reception(context)  # the practice's MSSanté mailbox, read in the background
    except BaseException:
        context.stop()
        raise
    return context


def show_startup_error(text: str) -> None:
    """Before the main window exists: a clear stderr line and a message box (never a traceback)."""
    print(f"Erreur : {text}", file=sys.stderr)
    QMessageBox.critical(None, "LGC Ségur", text)


def _splash(options: GuiOptions) -> QSplashScreen:
    pixmap = QPixmap(420, 120)
    pixmap.fill(QColor("#f4f7fb"))
    splash = QSplashScreen(pixmap)
    message = ("Démarrage du bac à sable de démonstration…" if options.demo
               else "Ouverture de la base de données…")
    splash.showMessage(f"LGC Ségur\n{message}", Qt.AlignmentFlag.AlignCenter)
    return splash


def run(options: GuiOptions) -> int:
    """Start the GUI and return the process exit code when the main window is closed."""
    logs.setup()
    app = create_application(sys.argv[:1])
    loop = install_event_loop(app)
    try:
        while (code := _run(app, loop, options)) == RESTART:
            log.info("restarting on a new demo database")
        return code
    finally:
        taskbridge.shutdown_executors()
        loop.run_until_complete(loop.shutdown_asyncgens())
        asyncio.set_event_loop(None)
        loop.close()


def _run(app: QApplication, loop: qasync.QEventLoop, options: GuiOptions) -> int:
    splash = _splash(options)
    splash.show()
    try:
        context = loop.run_until_complete(open_context(options))
    except Exception as exc:  # settings, database, sandbox: the catalogue's text; a bug: its log reference
        splash.close()
        explanation = explain(exc)
        if options.demo and isinstance(exc, DatabaseError) and _reset_demo_asked(explanation.text):
            return RESTART
        show_startup_error(explanation.text)
        return 1 if explanation.is_bug else 2
    try:
        splash.close()
        tasks = taskbridge.TaskManager()
        psc_login = psc_session_opener(context, tasks) if psc_configured(context) else None
        # a scenario signs in itself (Pro Santé Connect, its first step): the demo practitioner starts
        if options.scenario:
            from lgc_app import demo_seed
        signed_in = (SignedIn(loop.run_until_complete(taskbridge.run_db(
            demo_seed.demo_session, context.database, context.workstation)), totp_renewal_due=False)
            if options.scenario else loop.run_until_complete(open_session(context, psc_login)))
        if signed_in is None:
            return 0
        context.session = signed_in.session
        monitor = StallMonitor()
        collector = GuiThreadCollector(app)
        window = MainWindow(context, tasks, monitor)
        SessionLock(window, psc_login)
        window.show()
        if signed_in.totp_renewal_due:
            messages.info(TOTP_RENEWAL_TEXT)
        if options.demo:  # first start: the data set is created once the loop runs (ui/demo_data.py)
            QTimer.singleShot(0, window, lambda: _prepare_demo(window, options.scenario))
        QTimer.singleShot(0, window, lambda: after_start(context, tasks))
        monitor.start()
        loop.run_forever()
        monitor.stop()
        loop.run_until_complete(close_window(tasks, window))
        collector.stop()
    finally:
        context.stop()  # worker, database, sandbox child: also when the window itself failed
    if window.demo_reset_requested:  # the database is closed now: it can be moved aside
        from lgc_app import demo

        demo.set_aside_demo_database()
        return RESTART
    return 0


def _prepare_demo(window: MainWindow, scenario: str | None) -> None:
    from ui.demo_data import prepare_demo_data
    from ui.scenario.on_screen import play_on_screen

    seeding = prepare_demo_data(window)
    if scenario and seeding.future is not None:  # played on the data set (the task's own callbacks stay)
        seeding.future.add_done_callback(lambda done: None if done.cancelled() or done.exception()
                                         else play_on_screen(window, scenario))


def after_start(context: AppContext, tasks: taskbridge.TaskManager) -> taskbridge.Task[None]:
    """Once the window is interactive: what start-up allocated is moved out of the garbage collector's reach
    (the GUI-thread full collection, ui/gc_guard.py, then walks only what the user's work allocates, not the
    ~150k objects of the imports: ~38 ms → ~1 ms), and the ORM mappers are configured on the database thread
    rather than by the first query a user action makes (25-36 ms); what the first patient opening needs is
    prepared too (ui/warm_up.py)."""
    gc.freeze()
    return tasks.run(warm_up(context), label_fr="Préparation de la base de données", cancellable=False,
                     visible=False)


def _reset_demo_asked(problem: str) -> bool:
    """The demo database cannot be opened (corrupt…): offer to set it aside and start on a new one.

    Asked before any window and outside a coroutine, like the user chooser (STYLE.md §2)."""
    answer = QMessageBox.question(None, "LGC Ségur", f"{problem}\n\nRéinitialiser les données de démonstration ? "
                                  "La base actuelle est conservée en copie dans le dossier de démonstration.",
                                  _YES | _NO, _NO)
    if answer != _YES:
        return False
    from lgc_app import demo

    demo.set_aside_demo_database()
    return True


async def close_window(tasks: taskbridge.TaskManager, window: MainWindow) -> None:
    """After the window closed: cancel what is still running (user requests, health checks, stray tasks),
    then end the session's credentials and close the service clients, each within CLOSE_STEP_TIMEOUT (a PSC
    revocation or a connection close to an unreachable service must not hold the exit). Send orders are not
    tasks of the window: they stay in the outbox, and the worker process finishes or leaves them
    (`AppContext.stop`)."""
    await tasks.shutdown()
    for step in (window.context.session.aclose,  # PSC tokens revoked, card logged out
                 window.sandbox.aclose, window.context.services.aclose):
        try:
            async with asyncio.timeout(CLOSE_STEP_TIMEOUT):
                await step()
        except TimeoutError:
            log.warning("exit: %s abandoned after %.0f s", step.__qualname__, CLOSE_STEP_TIMEOUT)
    current = asyncio.current_task()
    stray = [task for task in asyncio.all_tasks() if task is not current]
    for task in stray:
        task.cancel()
    await asyncio.gather(*stray, return_exceptions=True)
