"""Closing the window while a request is in flight (issue 14 item 7, SC.DMP/UX.10): the request shows in the
activity indicator with its "Annuler", the exit cancels it instead of waiting for a 3 s service, never hangs,
and the send orders stay in the outbox for the worker."""

from __future__ import annotations

import time

from pytestqt.qtbot import QtBot

from lgc_app.bootstrap import AppContext
from lgc_app.outbox.models import OrderStatus
from lgc_app.outbox.trace import count_orders
from services.sandbox.server import RunningSandbox
from tests.helpers.outbox import enqueue_orders
from tests.ui.conftest import run_coro
from ui import tasks as taskbridge
from ui.app import close_window
from ui.main_window import MainWindow
from ui.stall_monitor import StallMonitor
from ui.tasks import TaskState

LATENCY = 3.0
CLOSE_BOUND = 2.5  # seconds: less than the service's answer, so the exit did not wait for it


def test_closing_with_a_request_in_flight_cancels_it_and_keeps_the_orders(
        qtbot: QtBot, insi_context: AppContext, sandbox: RunningSandbox) -> None:
    sandbox.set_faults(latency=LATENCY)
    [order_id] = enqueue_orders(insi_context.database)
    window = MainWindow(insi_context, taskbridge.TaskManager(), StallMonitor())
    qtbot.addWidget(window)
    window.show()
    window.sandbox.urls["echo"] = sandbox.manifest.url("echo")
    window.test_sandbox()  # "Outils → Tester la connexion": one request to a 3 s service
    [request] = window.tasks.running()
    qtbot.waitUntil(window.activity.isVisible, timeout=5000)  # shown after 300 ms in flight
    window.activity.list.popup_at(window.activity.mapToGlobal(window.activity.rect().topRight()))
    assert window.activity.list.tree.topLevelItem(0).text(0) == request.label
    assert window.activity.list.cancel_button(0) is not None  # every request can be cancelled
    window.activity.list.hide()
    qtbot.wait(500)  # the request is well under way

    started = time.monotonic()
    window.close()
    run_coro(qtbot, close_window(window.tasks, window), timeout=int(CLOSE_BOUND * 1000) + 5000)
    insi_context.stop()
    elapsed = time.monotonic() - started

    assert elapsed < CLOSE_BOUND, f"fermeture en {elapsed:.1f} s"
    assert request.state is TaskState.CANCELLED
    assert count_orders(insi_context.database)[OrderStatus.PENDING] == 1, order_id
