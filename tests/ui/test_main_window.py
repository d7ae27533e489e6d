"""Main window: French menus, role in the status bar, panels, messages, diagnostics, translations."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from lgc_app.bootstrap import bootstrap
from lgc_app.config import Settings
from tests.ui.conftest import run_coro
from ui import messages
from ui.diagnostics import DiagnosticsDialog
from ui.main_window import MainWindow
from ui.stall_monitor import StallMonitor
from ui.tasks import TaskManager


def test_window_shows_french_menus_and_role(window: MainWindow) -> None:
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["Fichier", "Patients", "Documents", "Envois", "Messagerie", "Outils", "Aide"]
    assert window.role_label.text() == "Poste autonome — POSTE-TEST"
    assert window.service_status.text() == "Services nationaux"
    assert window.windowTitle() == "Cabinet Test — LGC Ségur"
    outils = [a.text() for a in window.menu("Outils").actions()]
    assert outils == ["Paramètres…", "Annuaire Santé…", "Tester la connexion au bac à sable", "Journal d'audit…",
                      "Comptes utilisateurs…", "Envoi au DMP par type de document…"]
    assert not window.echo_action.isEnabled()  # no sandbox configured
    assert [a.text() for a in window.menu("Aide").actions()] == [
        "Guide d'utilisation", "Réinitialiser les données de démonstration…", "Diagnostic", "À propos"]


def test_slave_role_is_shown(qloop: object, qtbot: QtBot, ui_db_url: str) -> None:
    context = bootstrap(Settings({"database.url": ui_db_url, "workstation.role": "slave",
                                  "workstation.name": "ACCUEIL"}))
    try:
        win = MainWindow(context, TaskManager(), StallMonitor())
        qtbot.addWidget(win)
        assert win.role_label.text() == "Poste esclave — ACCUEIL"
        assert not context.start_worker()  # a slave never executes orders
    finally:
        context.stop()


def test_panels_can_be_registered_and_side_panel_replaced(window: MainWindow) -> None:
    panel = QLabel("Exemple")  # not "Envois": the DMP module registers the real one
    index = window.add_panel("Exemple", panel)
    window.show_panel("Exemple")
    assert window.panels.currentIndex() == index
    assert window.panels.currentWidget() is panel
    new = QLabel("Liste réelle")
    window.set_side_panel(new)
    assert window.side_panel is new
    assert new.isVisibleTo(window)


def test_messages_buffered_before_window_are_shown(qloop: object, qtbot: QtBot, context) -> None:
    messages.warning("Certificat bientôt expiré")
    win = MainWindow(context, TaskManager(), StallMonitor())
    qtbot.addWidget(win)
    assert win.notifications.texts() == ["Certificat bientôt expiré"]
    messages.error("Envoi refusé")
    assert win.notifications.texts() == ["Certificat bientôt expiré", "Envoi refusé"]
    win.notifications.banners()[0].dismiss()
    assert win.notifications.texts() == ["Envoi refusé"]


def test_information_hides_itself_errors_stay(window: MainWindow, qtbot: QtBot, monkeypatch) -> None:
    monkeypatch.setattr(messages, "INFO_HIDE_MS", 50)
    messages.info("Paramètres enregistrés")
    messages.error("Service injoignable")
    qtbot.waitUntil(lambda: window.notifications.texts() == ["Service injoignable"], timeout=3000)


def test_diagnostics_shows_live_figures(window: MainWindow, qtbot: QtBot) -> None:
    window.monitor.start()
    window.open_diagnostics()
    dialog = window._dialogs["diagnostics"]
    assert isinstance(dialog, DiagnosticsDialog)
    assert not dialog.isModal()
    qtbot.waitUntil(lambda: window.monitor.samples > 10, timeout=3000)
    dialog.refresh()
    assert dialog.max_label.text().endswith(" ms")
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Poste autonome" in texts
    assert any(text.startswith("sqlite:///") for text in texts)
    assert "Services nationaux" in texts
    window.open_diagnostics()  # a second click raises the same window
    assert window._dialogs["diagnostics"] is dialog


def test_about_announces_only_what_works(window: MainWindow) -> None:
    window.open_about()
    text = window._dialogs["about"].text()
    assert "INSi" in text and "DMP" in text
    assert not any(name in text for name in ("MSSanté", "Pro Santé Connect", "Annuaire"))


def test_french_translations_are_installed(app: QApplication) -> None:
    translate = QCoreApplication.translate
    assert translate("ActivityIndicator", "%n requête(s) en cours", "", 1) == "1 requête en cours"
    assert translate("ActivityIndicator", "%n requête(s) en cours", "", 3) == "3 requêtes en cours"
    assert translate("QPlatformTheme", "Cancel") == "Annuler"  # Qt's own catalogue (qtbase_fr)


def _sandbox_context(context, sandbox, urls: dict[str, str]):
    manifest = sandbox.manifest
    context.settings = context.settings.replace(tls__ca_file=str(manifest.ca_file),
                                                tls__client_cert=str(manifest.cps_cert),
                                                tls__client_key=str(manifest.cps_key), demo__sandbox=True)
    context.sandbox = SimpleNamespace(urls=urls, stop=lambda: None)  # stands for the DemoSandbox child
    return context


def test_sandbox_state_and_echo_through_the_task_bridge(qloop: object, qtbot: QtBot, context, sandbox) -> None:
    sandbox.set_faults(latency=1)
    win = MainWindow(_sandbox_context(context, sandbox, dict(sandbox.manifest.urls)), TaskManager(),
                     StallMonitor())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.service_status.text() == "Bac à sable : connecté (latence 1 s)", timeout=10_000)
    assert win.echo_action.isEnabled()
    win.echo_action.trigger()
    assert [task.label for task in win.tasks.running()] == ["Test de connexion au bac à sable"]
    qtbot.waitUntil(win.activity.isVisible, timeout=2000)
    qtbot.waitUntil(lambda: win.notifications.texts() != [], timeout=10_000)
    text = win.notifications.texts()[0]
    assert text.startswith("Bac à sable : réponse reçue en 1,") and text.endswith(" s.")
    qtbot.waitUntil(lambda: not win.activity.isVisible(), timeout=2000)
    run_coro(qtbot, win.sandbox.aclose())


def test_unreachable_sandbox_is_shown(qloop: object, qtbot: QtBot, context, sandbox) -> None:
    urls = {**sandbox.manifest.urls, "health": "https://127.0.0.1:9/health"}
    win = MainWindow(_sandbox_context(context, sandbox, urls), TaskManager(), StallMonitor())
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.service_status.text() == "Bac à sable : injoignable", timeout=10_000)
    run_coro(qtbot, win.sandbox.aclose())
