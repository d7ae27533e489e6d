"""The main window: French menus, a side panel, registered central panels, messages and a status bar.

Other parts of the application plug in through `add_panel(name, widget)`, `set_side_panel(widget)` and
`menu(title)`; they start their coroutines through `window.tasks` (the task bridge).
"""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lgc_app import __version__ as app_version
from lgc_app.bootstrap import AppContext
from lgc_app.session import Session
from ui import messages
from ui.actions import outbox as outbox_actions
from ui.activity import ActivityIndicator
from ui.auth.card_status import CardStatus
from ui.consultations.module import install_consultations
from ui.dmp.module import install_dmp
from ui.documents.module import install_documents
from ui.i18n import decimal, role_label
from ui.labresults.module import install_labresults
from ui.mss.compose_module import install_compose
from ui.mss.inbox_module import install_inbox
from ui.outbox.worker_status import install_worker_status
from ui.patients.module import install_patients
from ui.stall_monitor import StallMonitor
from ui.style import style_status_bar
from ui.tasks import TaskManager, run_in_thread

if TYPE_CHECKING:
    import httpx

log = logging.getLogger("lgc.ui.main_window")

HEALTH_INTERVAL_MS = 15_000
PREFERRED_SIZE = (1400, 900)
SIDE_WIDTH = 420  # the patient list at first: name, birth date and the full status wording side by side
# marked for lupdate; the untranslated title is the key of `MainWindow.menus`
MENU_TITLES = (QT_TRANSLATE_NOOP("MainWindow", "Fichier"), QT_TRANSLATE_NOOP("MainWindow", "Patients"),
               QT_TRANSLATE_NOOP("MainWindow", "Documents"), QT_TRANSLATE_NOOP("MainWindow", "Envois"),
               QT_TRANSLATE_NOOP("MainWindow", "Messagerie"), QT_TRANSLATE_NOOP("MainWindow", "Outils"),
               QT_TRANSLATE_NOOP("MainWindow", "Aide"))


class SandboxLink:
    """The GUI's HTTP client to the demo sandbox: health checks and the echo simulator.

    The httpx client is built once, in a thread: building its SSL context costs 20-40 ms (ARCHITECTURE.md).
    """

    def __init__(self, context: AppContext) -> None:
        self.urls: dict[str, str] = context.sandbox.urls if context.sandbox else {}
        self._settings = context.settings
        self._client: httpx.AsyncClient | None = None
        self._lock = asyncio.Lock()

    async def client(self) -> httpx.AsyncClient:
        async with self._lock:
            if self._client is None:
                from services.transport import TlsMaterial, make_async_client

                tls = TlsMaterial(self._settings["tls.ca_file"], self._settings["tls.client_cert"],
                                  self._settings["tls.client_key"])
                self._client = await run_in_thread(make_async_client, tls,
                                                   timeout=self._settings["demo.latency"] + 15.0)
            return self._client

    async def health(self) -> dict[str, Any]:
        response = await (await self.client()).get(self.urls["health"])
        response.raise_for_status()
        return response.json()

    async def echo(self) -> float:
        """One request to the echo simulator (subject to the demo latency); returns the seconds it took."""
        start = time.monotonic()
        response = await (await self.client()).get(self.urls["echo"])
        response.raise_for_status()
        return time.monotonic() - start

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None


class ServiceStatus(QLabel):
    """Status-bar text about the national services, or the sandbox and its latency (checked periodically).

    Signals:
        changed(str): the text changed.
    """

    changed = Signal(str)

    def __init__(self, context: AppContext, tasks: TaskManager, link: SandboxLink,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._link = link
        self._latency = context.settings["demo.latency"]
        self._checking = False
        self._timer = QTimer(self)
        if context.sandbox is None:
            self._set(self.tr("Services nationaux"))
            return
        self._set(self.tr("Bac à sable : vérification…"))
        self._timer.setInterval(HEALTH_INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()
        QTimer.singleShot(0, self, self.check)

    def stop(self) -> None:
        """No more checks (the window closes: the loop is about to stop)."""
        self._timer.stop()

    def _set(self, text: str) -> None:
        if text != self.text():
            self.setText(text)
            self.changed.emit(text)

    def check(self) -> None:
        if self._checking:
            return
        self._checking = True
        task = self._tasks.run(self._link.health(), label_fr=self.tr("Vérification du bac à sable"),
                               visible=False)
        task.on_success(self._healthy).on_failure(self._unreachable)

    def _healthy(self, health: dict[str, Any]) -> None:
        self._checking = False
        latency = health.get("latency", self._latency)
        if health.get("status") != "ok":
            self._unreachable(None)
        elif latency:
            digits = 0 if float(latency).is_integer() else 1
            self._set(self.tr("Bac à sable : connecté (latence %1 s)").replace("%1", decimal(latency, digits)))
        else:
            self._set(self.tr("Bac à sable : connecté"))

    def _unreachable(self, error: BaseException | None) -> None:
        self._checking = False
        log.info("sandbox health check failed: %r", error)
        self._set(self.tr("Bac à sable : injoignable"))


class MainWindow(QMainWindow):
    """The workstation's window.

    Signals:
        closing(): the window is closing; the application shuts down after it.
        session_changed(object): another `Session` now acts (modules show what its role may use).
        lock_requested(): Fichier → Verrouiller (the session lock asks who signs in next).
    """

    closing = Signal()
    session_changed = Signal(object)
    lock_requested = Signal()

    def __init__(self, context: AppContext, tasks: TaskManager, monitor: StallMonitor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.tasks = tasks
        self.monitor = monitor
        self.sandbox = SandboxLink(context)
        self._dialogs: dict[str, QWidget] = {}
        self.demo_reset_requested = False  # ui/app.py sets the demo database aside and starts again
        self._update_title()
        self._fit_screen()

        self.panels = QTabWidget(self)
        self.panels.setDocumentMode(True)
        self._side_holder = QWidget(self)
        QVBoxLayout(self._side_holder).setContentsMargins(6, 6, 0, 6)
        self.side_panel = QWidget(self._side_holder)  # until a module sets the patient list
        self._side_holder.layout().addWidget(self.side_panel)
        splitter = QSplitter(self)
        splitter.addWidget(self._side_holder)
        splitter.addWidget(self.panels)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([SIDE_WIDTH, 1400 - SIDE_WIDTH])
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.notifications = messages.NotificationArea(central)  # floats over it: no layout jump
        self.welcome = self._welcome()  # the demo puts its guide here (ui/demo_data.py)
        self.add_panel(self.tr("Accueil"), self.welcome)

        self.menus: dict[str, QMenu] = {title: self.menuBar().addMenu(self.tr(title))
                                        for title in MENU_TITLES}
        self._build_actions()
        self.patients = install_patients(self)
        self.dmp = install_dmp(self)
        self.documents = install_documents(self)
        self.consultations = install_consultations(self)
        self.labresults = install_labresults(self)
        self.mss_compose = install_compose(self)
        self.inbox = install_inbox(self)

        self.role_label = QLabel(f"{role_label(context.role)} — {context.workstation_name}", self)
        self.service_status = ServiceStatus(context, tasks, self.sandbox, self)
        self.activity = ActivityIndicator(tasks, self, orders=lambda: outbox_actions.orders_in_flight(context))
        self.user_label = QLabel(self)
        self.show_session()
        style_status_bar(self.statusBar())
        self.statusBar().addWidget(self.user_label)
        self.statusBar().addWidget(self.role_label)
        self.statusBar().addWidget(self.service_status)
        card = context.cps_card()  # a master or standalone workstation with a card shows whose card is in
        self.card_status = CardStatus(card, tasks, self) if card is not None else None
        if self.card_status is not None:
            self.statusBar().addWidget(self.card_status)
        self.worker_status = install_worker_status(self)
        self.statusBar().addPermanentWidget(self.activity)

        messages.bridge().connect_display(self.notifications.show_message)

    def _fit_screen(self) -> None:
        """1400×900 when the screen has room (the editors and document viewers need it); maximised on a smaller
        screen (a 1366×768 laptop), never larger than it: every panel fits 1280×720 (tests/ui/test_window_size.py)."""
        room = self.screen().availableGeometry()
        if room.width() < PREFERRED_SIZE[0] or room.height() < PREFERRED_SIZE[1]:
            self.resize(min(PREFERRED_SIZE[0], room.width()), min(PREFERRED_SIZE[1], room.height()))
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        else:
            self.resize(*PREFERRED_SIZE)

    # -- extension points -------------------------------------------------------------------------------

    def menu(self, title: str) -> QMenu:
        """A top-level menu by its French title: Fichier, Patients, Documents, Envois, Messagerie, Outils, Aide."""
        return self.menus[title]

    def add_panel(self, name: str, widget: QWidget) -> int:
        """Register a central panel (a tab); returns its index."""
        widget.setObjectName(widget.objectName() or f"panel:{name}")
        return self.panels.addTab(widget, name)

    def show_panel(self, name: str) -> None:
        for index in range(self.panels.count()):
            if self.panels.tabText(index) == name:
                self.panels.setCurrentIndex(index)
                return
        raise KeyError(name)

    def set_side_panel(self, widget: QWidget) -> None:
        """Replace the left panel (the patient list placeholder)."""
        self.side_panel.setParent(None)
        self.side_panel.deleteLater()
        self.side_panel = widget
        self._side_holder.layout().addWidget(widget)
        widget.show()  # a child added to an already visible window stays hidden otherwise

    # -- menus ------------------------------------------------------------------------------------------

    def _action(self, menu: str, text: str, slot: Any, shortcut: QKeySequence | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        self.menus[menu].addAction(action)
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.switch_user_action = self._action("Fichier", self.tr("Verrouiller / changer d'utilisateur"),
                                              self.lock_requested.emit)
        self.my_account_action = self._action("Fichier", self.tr("Mon compte…"), self.open_my_account)
        self.print_action = self._action("Fichier", self.tr("Imprimer le document…"), self.print_document, keys.Print)
        self.quit_action = self._action("Fichier", self.tr("Quitter"), self.close, keys.Quit)
        self._action("Patients", self.tr("Rechercher un patient"), self._focus_search, keys.Find)
        self.settings_action = self._action("Outils", self.tr("Paramètres…"), self.open_settings)
        self.annuaire_action = self._action("Outils", self.tr("Annuaire Santé…"), self.open_directory)
        self.echo_action = self._action("Outils", self.tr("Tester la connexion au bac à sable"),
                                        self.test_sandbox)
        self.echo_action.setEnabled(self.context.sandbox is not None)
        self.audit_action = self._action("Outils", self.tr("Journal d'audit…"), self.open_audit)
        self.accounts_action = self._action("Outils", self.tr("Comptes utilisateurs…"), self.open_accounts)
        self._action("Aide", self.tr("Guide d'utilisation"), self.open_help, keys.HelpContents)
        self.reset_demo_action = self._action("Aide", self.tr("Réinitialiser les données de démonstration…"),
                                              self.ask_demo_reset)
        self.reset_demo_action.setVisible(self.context.sandbox is not None)
        self._action("Aide", self.tr("Diagnostic"), self.open_diagnostics)
        self._action("Aide", self.tr("À propos"), self.open_about)

    def print_document(self) -> None:
        """Fichier → Imprimer (Ctrl+P): the validated document open in the "Documents" panel."""
        editor = self.documents.panel.editor
        if editor is None or editor.request_print() is None:
            messages.info(self.tr("Ouvrez un document validé dans l'onglet « Documents » pour l'imprimer."))

    # The dialogs of the menus are imported when first opened: the window shows sooner (issue 14 item 2).

    def open_directory(self) -> None:
        from ui.directory.search_dialog import DirectorySearchDialog

        self._single("annuaire", lambda: DirectorySearchDialog(self.context, self.tasks, parent=self))

    def _focus_search(self) -> None:
        search = getattr(self.side_panel, "search", None)
        if isinstance(search, QLineEdit):
            search.setFocus()

    def _welcome(self) -> QLabel:
        cabinet = self.context.settings["cabinet.name"] or self.tr("Cabinet")
        text = QLabel(self.tr("<h2>%1</h2><p>Choisissez un patient dans la liste de gauche.</p>").replace(
            "%1", cabinet), self)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)  # the demo's guide is long: it wraps rather than widen the window
        return text

    def _update_title(self) -> None:
        cabinet = self.context.settings["cabinet.name"]
        # ends with the display name, which Qt would otherwise append (QPlatformWindow::formatWindowTitle)
        self.setWindowTitle(f"{cabinet} — LGC Ségur" if cabinet else "LGC Ségur")

    def _single(self, key: str, build: Any, *, window_modal: bool = False) -> None:
        """Show the one instance of a dialog, building it on first use; never `exec()` (STYLE.md §2)."""
        dialog = self._dialogs.get(key)
        if dialog is None:
            dialog = self._dialogs[key] = build()
            dialog.finished.connect(lambda _result: self._dialogs.pop(key, None))
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if window_modal:
            dialog.open()
        else:
            dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def show_session(self) -> None:
        session = self.context.session
        text = self.tr("Utilisateur : %1").replace("%1", session.user.display_name)
        if self.context.sandbox is not None:
            text += self.tr(" (démonstration)")
        self.user_label.setText(text)
        self.user_label.setToolTip(session.status_text)

    def set_session(self, session: Session) -> None:
        """The next actions are recorded in `session`'s name (a sign-in after a lock); the
        previous session's credentials end unless the same sign-in goes on."""
        previous, self.context.session = self.context.session, session
        if previous.psc is not session.psc or previous.card is not session.card:
            self.tasks.run(previous.aclose(), label_fr=self.tr("Fin de session"), cancellable=False, visible=False)
        self.show_session()
        self.session_changed.emit(session)

    def open_settings(self) -> None:
        from ui.settings_dialog import SettingsDialog

        def build() -> SettingsDialog:
            dialog = SettingsDialog(self.context.config_path, self, in_force=self.context.settings,
                                    demo=self.context.sandbox is not None)
            dialog.saved.connect(self._settings_saved)
            return dialog
        self._single("settings", build, window_modal=True)

    def _settings_saved(self, path: Path, restart_keys: list[str]) -> None:
        if restart_keys:
            text = self.tr("Paramètres enregistrés dans %1. Redémarrez le logiciel pour appliquer : %2.")
            messages.warning(text.replace("%1", str(path)).replace("%2", ", ".join(restart_keys)))
        else:
            messages.info(self.tr("Paramètres enregistrés dans %1.").replace("%1", str(path)))

    def open_help(self) -> None:
        """Aide → Guide d'utilisation (F1): the page of the screen in use, beside the window."""
        from ui.help import HelpDialog, current_page

        page = current_page(self.panels.currentWidget())
        self._single("help", lambda: HelpDialog(self))
        help_dialog = self._dialogs["help"]
        assert isinstance(help_dialog, HelpDialog)
        help_dialog.show_page(page)

    def ask_demo_reset(self) -> None:
        """Aide → Réinitialiser les données de démonstration (demo only): asked, then a restart on a new base."""
        def build() -> QMessageBox:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Réinitialiser les données de démonstration"),
                              self.tr("Le logiciel va redémarrer sur une base de démonstration neuve, avec les "
                                      "patients et documents d'exemple. L'actuelle est conservée en copie dans "
                                      "le dossier de démonstration. Continuer ?"),
                              QMessageBox.StandardButton.Cancel, self)
            confirm = box.addButton(self.tr("Réinitialiser et redémarrer"), QMessageBox.ButtonRole.AcceptRole)
            confirm.clicked.connect(self.reset_demo)
            return box
        self._single("demo-reset", build, window_modal=True)

    def reset_demo(self) -> None:
        self.demo_reset_requested = True
        self.close()

    def open_audit(self) -> None:
        """Outils → Journal d'audit: for an administrator only (SSI)."""
        from ui.audit import audit_panel

        if not audit_panel.may_open(self.context):
            messages.error(self.tr("Le journal d'audit est réservé aux administrateurs."))
            return
        self._single("audit", lambda: audit_panel.AuditPanel(self.context, self.tasks, self))

    def open_accounts(self) -> None:
        """Outils → Comptes utilisateurs: for an administrator only (SSI IE.33–IE.35)."""
        from ui.auth import accounts_dialog

        if not accounts_dialog.may_open(self.context):
            messages.error(self.tr("La gestion des comptes est réservée aux administrateurs."))
            return
        self._single("accounts", lambda: accounts_dialog.AccountsDialog(self.context, self.tasks, self))

    def open_my_account(self) -> None:
        """Fichier → Mon compte: the user's password, second factor and contacts."""
        from ui.auth.my_account_dialog import MyAccountDialog

        self._single("my-account", lambda: MyAccountDialog(self.context, self.tasks, self))

    def open_diagnostics(self) -> None:
        from ui.diagnostics import DiagnosticsDialog

        self._single("diagnostics", lambda: DiagnosticsDialog(
            self.context, self.monitor, role_text=role_label(self.context.role),
            service_state=self.service_status.text, parent=self))

    def open_about(self) -> None:
        def build() -> QMessageBox:
            # only what this version does (issue 13): MSSanté, Pro Santé Connect and the Annuaire are not there
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("À propos"), self.tr(
                "<b>LGC Ségur</b> %1<br>Logiciel de gestion de cabinet médical : identités et INS (téléservice "
                "INSi), documents médicaux, alimentation et consultation du DMP.").replace("%1", app_version),
                QMessageBox.StandardButton.Close, self)
            box.setModal(False)
            return box
        self._single("about", build)

    def test_sandbox(self) -> None:
        """Outils → Tester la connexion: a real request to the echo simulator, through the task bridge."""
        task = self.tasks.run(self.sandbox.echo(), label_fr=self.tr("Test de connexion au bac à sable"))
        task.on_success(lambda seconds: messages.info(
            self.tr("Bac à sable : réponse reçue en %1 s.").replace("%1", decimal(seconds))))

    def closeEvent(self, event: QCloseEvent) -> None:
        messages.bridge().disconnect_display()
        self.activity.stop()
        self.service_status.stop()
        for dialog in list(self._dialogs.values()):
            dialog.close()
        self.closing.emit()
        super().closeEvent(event)
