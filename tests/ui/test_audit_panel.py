"""Outils → Journal d'audit: an administrator reads, filters, verifies and exports the journal; anyone else is
refused."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from lgc_app.audit.events import AuditEvent
from lgc_app.audit.trail import record_login
from lgc_app.session import workstation_session
from tests.helpers.composition import practitioner_session
from ui import messages
from ui.audit.audit_panel import AuditPanel
from ui.main_window import MainWindow


def _panel(qtbot: QtBot, window: MainWindow) -> AuditPanel:
    window.audit_action.trigger()
    panel = window.findChild(AuditPanel)
    assert panel is not None
    qtbot.waitUntil(lambda: panel.table.rowCount() > 0)
    return panel


def test_an_administrator_filters_verifies_and_exports(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    context = window.context
    record_login(context.database, practitioner_session(), True, "rpps:99700366240")
    record_login(context.database, workstation_session(context.workstation), False, "pirate")
    panel = _panel(qtbot, window)
    assert panel.table.rowCount() == 2 and panel.table.item(0, 3).text() == "pirate"  # the latest first
    panel.grab().save("/tmp/audit_panel.png")
    panel.event.setCurrentIndex(panel.event.findData(AuditEvent.LOGIN.value))
    panel.refresh()
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1)
    assert panel.table.item(0, 2).text() == "Connexion"
    panel.verify()
    qtbot.waitUntil(lambda: "intègre : 2 entrée(s)" in panel.status.text())
    target = tmp_path / "journal.csv"
    panel.export_to(target)
    qtbot.waitUntil(target.exists)
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 2 and ";Connexion;" in lines[1]


def test_a_practitioner_is_refused(qtbot: QtBot, window: MainWindow, message_log: list[messages.Message]) -> None:
    window.context.session = practitioner_session(window.context.workstation)
    window.audit_action.trigger()
    assert window.findChild(AuditPanel) is None
    assert [message.text for message in message_log] == ["Le journal d'audit est réservé aux administrateurs."]
