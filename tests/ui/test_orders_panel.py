"""The "Envois" panel: orders with French statuses, the trace (who, workstation, when, content, answer),
"Relancer", "Annuler", status filter and the exported trace (homologation proof of SC.DMP/ALI/PROG.02)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from lgc_app.bootstrap import AppContext, trace_describers
from lgc_app.outbox.clock import database_now
from lgc_app.outbox.models import EventKind, OrderStatus, SendOrder
from lgc_app.outbox.orders import DEFAULT_MAX_ATTEMPTS, add_event, enqueue
from lgc_app.outbox.trace import format_proof, moment, read_order
from lgc_app.persistence.database import Database
from ui import messages
from ui.outbox.orders_panel import OrdersPanel
from ui.tasks import TaskManager

pytestmark = pytest.mark.usefixtures("qloop")

ANSWER = "Réponse du DMP : XDSRegistryMetadataError — Les métadonnées du document sont refusées par le DMP."


def _order(db: Database, ref: str, *, failed: bool = False) -> str:
    with db.unit_of_work() as session:
        order = enqueue(session, kind="dmp.feed", payload_ref=ref, payload={"document_id": int(ref[9:])},
                        ordered_by="dr.martin@SECRETARIAT", origin_workstation="SECRETARIAT",
                        target_workstation="MAITRE")
        if failed:
            session.flush()
            now = database_now(session)
            order.status, order.attempts, order.last_error = OrderStatus.FAILED, 1, "Métadonnées refusées"
            add_event(session, order.id, EventKind.FAILED_PERMANENTLY, now, workstation="MAITRE",
                      detail=f"Requête ITI-41 : lot 2.25.1 (1 document, 2 345 octets)\n{ANSWER}")
        return order.id


@pytest.fixture
def panel(qtbot: QtBot, context: AppContext) -> OrdersPanel:
    widget = OrdersPanel(context, TaskManager())
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    return widget


def show(qtbot: QtBot, panel: OrdersPanel) -> None:
    with qtbot.waitSignal(panel.refreshed, timeout=5000):
        panel.show()


def statuses(panel: OrdersPanel) -> dict[str, str]:
    model = panel.model
    return {model.index(r, model.CONTENT).data(): model.index(r, model.STATUS).data()
            for r in range(model.rowCount())}


def test_lists_orders_with_french_statuses_and_shows_a_trace(qtbot: QtBot, panel: OrdersPanel,
                                                              context: AppContext) -> None:
    _order(context.database, "document:1")
    failed = _order(context.database, "document:2", failed=True)
    show(qtbot, panel)
    assert statuses(panel) == {"document:1": "en attente", "document:2": "à traiter"}
    model = panel.model
    attempts = {model.index(r, model.CONTENT).data(): model.index(r, model.ATTEMPTS).data()
                for r in range(model.rowCount())}
    assert attempts == {"document:1": "Aucun essai", "document:2": f"1 essai sur {DEFAULT_MAX_ATTEMPTS}"}
    assert model.attempts_text(replace(model.orders[0], attempts=3, max_attempts=24)) == "3 essais sur 24"
    assert panel.counts.text() == "en attente : 1, à traiter : 1"
    assert not panel.retry_button.isEnabled()
    with qtbot.waitSignal(panel.trace_shown, timeout=5000):
        panel.select_order(failed)
    trace = panel.trace_content()
    for expected in ("Demandé par", "dr.martin@SECRETARIAT", "Depuis le poste", "SECRETARIAT",
                     "Poste d'exécution", "MAITRE", "Alimentation du DMP", "document:2", '"document_id": 2',
                     "échec définitif [MAITRE]", "Requête ITI-41", ANSWER, "à traiter"):
        assert expected in trace, expected
    order = read_order(context.database, failed, trace_describers())
    assert order is not None and trace == format_proof(order)  # the proof `lgc dmp trace` prints
    assert f"{moment(order.created_at)} — créé [SECRETARIAT]" in trace  # local time, offset shown
    assert panel.retry_button.isEnabled() and panel.cancel_button.isEnabled()


def test_retry_moves_a_failed_order_back_to_pending(qtbot: QtBot, panel: OrdersPanel, context: AppContext,
                                                    message_log: list[messages.Message]) -> None:
    failed = _order(context.database, "document:3", failed=True)
    show(qtbot, panel)
    with qtbot.waitSignal(panel.trace_shown, timeout=5000):
        panel.select_order(failed)
    with qtbot.waitSignal(panel.trace_shown, timeout=5000):  # the trace reloads with the new event
        panel.retry_button.click()
    assert statuses(panel) == {"document:3": "en attente"}
    with context.database.reading() as session:
        order = session.get(SendOrder, failed)
        assert (order.status, order.attempts) == (OrderStatus.PENDING, 0)
    assert "relancé" in panel.trace_content()
    assert [m.text for m in message_log] == ["Envoi relancé : il repart en attente."]
    assert not panel.retry_button.isEnabled()


def test_cancel_and_status_filter(qtbot: QtBot, panel: OrdersPanel, context: AppContext) -> None:
    pending = _order(context.database, "document:4")
    _order(context.database, "document:5", failed=True)
    show(qtbot, panel)
    with qtbot.waitSignal(panel.trace_shown, timeout=5000):
        panel.select_order(pending)
    assert panel.cancel_button.isEnabled() and not panel.retry_button.isEnabled()
    with qtbot.waitSignal(panel.trace_shown, timeout=5000):
        panel.cancel_button.click()
    assert statuses(panel)["document:4"] == "annulé"
    with qtbot.waitSignal(panel.refreshed, timeout=5000):
        panel.status_filter.setCurrentIndex(panel.status_filter.findData(OrderStatus.FAILED))
    assert statuses(panel) == {"document:5": "à traiter"}


def test_exported_trace_is_the_displayed_one(qtbot: QtBot, panel: OrdersPanel, context: AppContext,
                                             tmp_path: Path) -> None:
    failed = _order(context.database, "document:6", failed=True)
    show(qtbot, panel)
    with qtbot.waitSignal(panel.trace_shown, timeout=5000):
        panel.select_order(failed)
    assert panel.export_button.isEnabled()
    target = tmp_path / "trace.txt"
    task = panel.export_trace(target)
    assert task is not None
    qtbot.waitUntil(lambda: task.future is not None and task.future.done(), timeout=5000)
    assert target.read_text(encoding="utf-8").rstrip("\n") == panel.trace_content().rstrip("\n")
    assert ANSWER in target.read_text(encoding="utf-8")
