"""A typical consultation played on the real main window against the sandbox (SC.DMP/UX.10, issue 14 item 6).

The same script drives the GUI test (tests/ui/test_consultation_scenario.py), the benchmark
(bench/bench_consultation.py) and the homologation demonstration (`lgc --demo --scenario consultation`). It
only does what a user does: types, clicks the windows' own buttons, answers their questions; every request
goes through the application's own code. Steps, in order:

    psc_login, open_patient, add_correspondent, insi_verification, dmp_consultation, write_vsm,
    write_prescription, send_mssante, outbox_sends, read_inbox, back

The correspondent found in the Annuaire Santé is the patient's médecin traitant: validating the VSM and the
prescription plans their MSSanté messages to her and to the patient's Mon espace santé box (beside the DMP feed);
`send_mssante` adds a free message to her; `outbox_sends` waits until the outbox has sent both pipes; `read_inbox`
reads the practice's mailbox, where a laboratory's report about the patient has just arrived.

While a step's request is in flight, the player calls `meanwhile(window, step, label)` (the test types, switches
tabs and opens a dialog there; the demonstration says what happens). Each step is timed and its event-loop
stalls measured. The MSSanté steps are skipped on a workstation without a mailbox; `outbox_sends` on one that
does not send the orders itself.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QMessageBox, QPlainTextEdit, QWidget

from lgc_app.directory.use_cases import CorrespondentRole, CorrespondentView
from lgc_app.documents.kinds import DocumentType
from lgc_app.errors import explain
from lgc_app.mss.inbox.reception import FetchSummary
from lgc_app.outbox import trace
from lgc_app.outbox.trace import OrderStatus
from lgc_app.session import Authentication
from services.annuaire import PractitionerEntry
from ui.actions import outbox as outbox_actions
from ui.auth.psc_dialog import PscDialog
from ui.auth.psc_session import psc_configured, psc_session_opener
from ui.directory.correspondents import CorrespondentDialog, CorrespondentsPanel
from ui.dmp.dmp_panel import ListState
from ui.documents.editor_base import DocumentEditor
from ui.mss import compose_actions
from ui.mss.compose_dialog import ComposeDialog
from ui.patients.insi_dialog import InsiDialog
from ui.scenario import ecps_phone, lab_sender
from ui.scenario.caption import Caption
from ui.stall_monitor import StallMonitor
from ui.tasks import Task, run_db

if TYPE_CHECKING:
    from ui.main_window import MainWindow

W = TypeVar("W")

PSC_LOGIN_HINT = "899700366240"  # the sandbox's test professional (8 + RPPS), the demo practitioner
PATIENT_SEARCH = "dupont"  # the demo's qualified patient, who has a DMP in the sandbox
CORRESPONDENT_SEARCH = "cardio"  # the sandbox Annuaire's cardiologist, who has an MSSanté mailbox
CORRESPONDENT_RPPS = "99700412345"  # Claire CARDIO
CORRESPONDENT_MAILBOX = "claire.cardio@cardio.mssante.fr"
CORRESPONDENT_ROLE = CorrespondentRole.TREATING
MESSAGE_SUBJECT = "Mme DUPONT : hypertension artérielle"
MESSAGE_TEXT = ("Chère consœur,\nJe vous adresse Mme DUPONT pour un avis sur son hypertension, traitée par "
                "ramipril et amlodipine. Son volet de synthèse et son ordonnance vous parviennent par ailleurs.\n"
                "Bien confraternellement.")
WAIT_SECONDS = 90.0  # one step's longest wait: a PSC sign-in makes about six 3-second round trips
SENDS_WAIT_SECONDS = 240.0  # the outbox's DMP and MSSanté orders, each a few 3-second round trips
POLL_SECONDS = 0.05
FEED_POLL_SECONDS = 0.5  # the outbox is counted on the database thread

# the outbox's sends (DMP and MSSanté): counted by the activity indicator, not tasks of the window
SENDS = "Envois au DMP et par MSSanté"
ANNUAIRE_SEARCH = "Recherche dans l'Annuaire Santé"  # the labels of the window's requests the steps wait for
CORRESPONDENTS = "Correspondants du patient"
MAILBOX_FETCH = "Relève de la messagerie MSSanté"
Meanwhile = Callable[["MainWindow", str, str], Awaitable[None]]


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConsultationScenario", text)


@dataclass(frozen=True)
class StepReport:
    """One step as played: skipped (feature missing), or its duration and the event loop's lateness."""

    name: str
    caption: str
    skipped: bool = False
    seconds: float = 0.0
    max_stall_ms: float = 0.0
    p99_stall_ms: float = 0.0
    requests: tuple[str, ...] = ()  # labels of the requests seen in flight
    in_flight_max_stall_ms: float = 0.0  # the longest lateness while one of them was in flight


class ScenarioError(RuntimeError):
    """A step did not reach its expected state (the window shows why, e.g. a refused request)."""


class ConsultationScenario:
    """Plays the consultation on `window`.

    Args:
        pause: seconds between steps and before each click (0 for tests and benchmarks; ~2 to watch).
        caption: shows each step's French caption (the demonstration); None: nothing shown.
        meanwhile: awaited once per request in flight, while it is in flight.
        monitor: measures the event loop's lateness (a new one when None).
    """

    def __init__(self, window: MainWindow, *, pause: float = 0.0, caption: Caption | None = None,
                 meanwhile: Meanwhile | None = None, monitor: StallMonitor | None = None) -> None:
        self.window = window
        self.pause = pause
        self.caption = caption
        self.meanwhile = meanwhile
        self.monitor = monitor or StallMonitor(window)
        self.samples: list[float] = []  # every lateness sample of the played steps (overall p99)
        self._requests: list[str] = []
        self._in_flight_max = 0.0
        self.fetched: FetchSummary | None = None  # what "Relever la boîte" read (None: nothing, or failed)
        self.received: list[str] = []  # the subjects listed in the inbox that arrived during `read_inbox`
        self.steps: tuple[tuple[str, str, Callable[[], Awaitable[None]], Callable[[], bool]], ...] = (
            ("psc_login", _tr("Connexion Pro Santé Connect…"), self.psc_login,
             lambda: psc_configured(window.context)),
            ("open_patient", _tr("Ouverture du dossier patient…"), self.open_patient, lambda: True),
            ("add_correspondent", _tr("Ajout d'un correspondant trouvé dans l'Annuaire Santé…"),
             self.add_correspondent, lambda: True),
            ("insi_verification", _tr("Vérification INSi…"), self.insi_verification, lambda: True),
            ("dmp_consultation", _tr("Consultation du DMP…"), self.dmp_consultation, lambda: True),
            ("write_vsm", _tr("Rédaction et validation du volet de synthèse médicale…"), self.write_vsm,
             lambda: True),
            ("write_prescription", _tr("Rédaction et validation de l'ordonnance…"), self.write_prescription,
             lambda: True),
            ("send_mssante", _tr("Message sécurisé au correspondant…"), self.send_mssante, self.has_mssante),
            ("outbox_sends", _tr("Envois au DMP et par MSSanté (patient, correspondant) par la file d'envoi…"),
             self.outbox_sends, lambda: window.context.worker is not None),
            ("read_inbox", _tr("Relève de la boîte MSSanté du cabinet…"), self.read_inbox, self.has_mssante),
            ("back", _tr("Retour à l'accueil"), self.back, lambda: True),
        )

    # -- the player -------------------------------------------------------------------------------------------

    async def play(self) -> list[StepReport]:
        """Every step in order; raises ScenarioError (or the meanwhile's assertion) at the first failure."""
        reports = []
        was_running = self.monitor.active
        self.monitor.start()
        try:
            for number, (name, caption, run, available) in enumerate(self.steps, start=1):
                if not available():
                    reports.append(StepReport(name, caption, skipped=True))
                    continue
                self._say(caption, _tr("Étape %1 sur %2").replace("%1", str(number))
                          .replace("%2", str(len(self.steps))))
                reports.append(await self._play_step(name, caption, run))
                await self._pause()
        finally:
            if not was_running:
                self.monitor.stop()
        self._say(_tr("Consultation terminée"), _tr("La fenêtre est restée utilisable pendant chaque requête."))
        return reports

    async def _play_step(self, name: str, caption: str, run: Callable[[], Awaitable[None]]) -> StepReport:
        self._step = name
        self._requests = []
        self._in_flight_max = 0.0
        self.monitor.reset()
        started = time.perf_counter()
        await run()
        seconds = time.perf_counter() - started
        self.samples += self.monitor.lateness_ms()
        return StepReport(name, caption, seconds=seconds, max_stall_ms=self.monitor.max_stall_ms,
                          p99_stall_ms=self.monitor.p99_ms, requests=tuple(self._requests),
                          in_flight_max_stall_ms=self._in_flight_max)

    def has_mssante(self) -> bool:
        """The window has its MSSanté modules (compose, inbox) and the practice has a mailbox."""
        window = self.window
        return hasattr(window, "mss_compose") and hasattr(window, "inbox") and bool(
            window.context.settings["mss.mailbox"])

    # -- the steps --------------------------------------------------------------------------------------------

    async def psc_login(self) -> None:
        """Pro Santé Connect with the e-CPS app: the dialog shows two digits, the professional's phone (the
        sandbox's) approves the request showing them; the window then acts for the signed-in practitioner."""
        window = self.window
        opening = asyncio.ensure_future(psc_session_opener(window.context, window.tasks, parent=window)())
        try:
            dialog = await self._until(lambda: _shown(PscDialog))
            await self._type(dialog.login_hint, PSC_LOGIN_HINT)
            await self._pause()
            dialog.app_button.click()
            digits = await self._until(lambda: _digits(dialog))
            phone = asyncio.ensure_future(ecps_phone.approve(window.context.settings, PSC_LOGIN_HINT, digits))
            await self._in_flight(_tr("Connexion Pro Santé Connect"))
            session = await self._until_done(opening)
            await phone
        finally:
            opening.cancel()
        window.set_session(session)
        if session.authentication is not Authentication.PRO_SANTE_CONNECT:
            raise ScenarioError(f"session {session.authentication}")

    async def open_patient(self) -> None:
        patients = self.window.patients
        await self._type(patients.list.search, PATIENT_SEARCH)
        await self._until(lambda: bool(rows := patients.list.model.rows)
                          and rows[0].birth_name.lower() == PATIENT_SEARCH)
        await self._pause()
        patients.list.search.returnPressed.emit()  # Enter opens the first patient found
        await self._until(lambda: patients.form.patient is not None)

    async def add_correspondent(self) -> None:
        """The patient's "Correspondants" → "Ajouter depuis l'Annuaire…": the Annuaire Santé is searched (a request
        in flight), the cardiologist chosen, then her role (médecin traitant) and her MSSanté mailbox. One left by
        an earlier demonstration is removed first, so that the step plays in full every time."""
        panel = self.window.patients.form.correspondents
        patient = self.window.patients.form.patient
        await self._until(lambda: patient is not None and panel.patient_id == patient.id
                          and not self._task(_tr("Correspondants du patient")))
        await self._remove_correspondent(panel)
        panel.add_button.click()
        search = await self._until(lambda: _visible(panel.search_dialog))
        search.family.clear()
        await self._type(search.family, CORRESPONDENT_SEARCH)
        await self._in_flight(_tr("Recherche dans l'Annuaire Santé"))
        await self._until(lambda: not search.busy and (_listed(search.entries) or search.status_label.text()))
        row = next((row for row, entry in enumerate(search.entries) if entry.rpps == CORRESPONDENT_RPPS), None)
        if row is None:
            raise ScenarioError(f"Annuaire : {search.status_label.text()}")
        search.table.selectRow(row)
        await self._pause()
        search.choose_button.click()
        dialog: CorrespondentDialog = await self._until(lambda: _visible(panel.correspondent_dialog))
        dialog.role.setCurrentIndex(dialog.role.findData(CORRESPONDENT_ROLE.value))
        dialog.mailbox.setCurrentIndex(dialog.mailbox.findData(CORRESPONDENT_MAILBOX))
        if dialog.chosen_mailbox() != CORRESPONDENT_MAILBOX:
            raise ScenarioError(f"{CORRESPONDENT_MAILBOX} absente de l'Annuaire")
        await self._pause()
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # "Enregistrer"
        added = await self._until(lambda: _listed(panel.rows) or panel.error_label.text() or None)
        if added is not True:
            raise ScenarioError(str(added))
        await self._sends_to_treating_doctor()

    async def _remove_correspondent(self, panel: CorrespondentsPanel) -> None:
        row = next((row for row, view in enumerate(panel.rows) if view.rpps == CORRESPONDENT_RPPS), None)
        if row is None:
            return
        panel.table.selectRow(row)
        await self._pause()
        panel.remove_button.click()
        await self._until(lambda: not _listed(panel.rows) or panel.error_label.text())
        if _listed(panel.rows):
            raise ScenarioError(panel.error_label.text())

    async def _sends_to_treating_doctor(self) -> None:
        """Validated documents go to the médecin traitant by default; a practitioner who chose otherwise gets it
        back through the use case of "Mes envois par messagerie sécurisée…"."""
        context = self.window.context
        practitioner_id = context.session.practitioner_id
        if practitioner_id is None:
            raise ScenarioError("aucun praticien connecté")
        chosen = await compose_actions.preferences(context.database, practitioner_id)
        if not chosen.to_treating:
            await compose_actions.set_preferences(context, practitioner_id,
                                                  dataclasses.replace(chosen, to_treating=True))

    async def insi_verification(self) -> None:
        patients = self.window.patients
        patients.form.open_insi()
        dialog = await self._until(lambda: patients.insi_dialog)
        dialog.tabs.setCurrentIndex(InsiDialog.VERIFY)
        await self._pause()
        dialog.verify_button.click()
        await self._in_flight(_tr("Appel au téléservice INSi"))
        await self._until(lambda: dialog.answer is not None or dialog.error_label.isVisible() or None)
        if dialog.answer is None:
            raise ScenarioError(dialog.error_label.text())
        await self._pause()
        dialog.close()

    async def dmp_consultation(self) -> None:
        """The DMP tab lists the patient's documents (asked again, as a user refreshes) and opens one."""
        dmp = self.window.dmp
        dmp.show_dmp()
        panel = dmp.panel
        await self._until(lambda: panel.state is not ListState.LOADING and panel.search_button.isEnabled())
        panel.search_button.click()
        await self._in_flight(_tr("Consultation du DMP"))
        await self._until(lambda: panel.state not in (ListState.LOADING, ListState.NO_PATIENT))
        if panel.state is not ListState.LIST:
            raise ScenarioError(f"DMP : {panel.state}")
        await self._pause()
        panel.select_row(0)
        titles: list[str] = []
        panel.viewer.loaded.connect(titles.append)
        panel.open_button.click()
        await self._in_flight(_tr("Lecture d'un document du DMP"))
        await self._until(lambda: bool(titles))

    async def write_vsm(self) -> None:
        editor = await self._new_document(DocumentType.VSM)
        problems = editor.problems  # type: ignore[attr-defined]
        problems.add_button.click()
        row = problems.rows()[-1]
        await self._type(row.label, "Hypertension artérielle essentielle")
        await self._type(row.cim10, "I10")
        treatments = editor.treatments  # type: ignore[attr-defined]
        treatments.add_button.click()
        await self._type(treatments.rows()[-1].drug, "Ramipril 5 mg")
        await self._validate(editor)

    async def write_prescription(self) -> None:
        editor = await self._new_document(DocumentType.PRESCRIPTION)
        row = editor.lines.rows()[0]  # type: ignore[attr-defined]
        await self._type(row.drug, "Amlodipine 5 mg, gélule")
        await self._type(row.dosage, "1 gélule le matin")
        row.duration.setValue(90)
        await self._validate(editor)

    async def send_mssante(self) -> None:
        """Messagerie → "Nouveau message sécurisé…" about the patient, to the correspondent: subject, text,
        "Envoyer" queues it; the outbox sends it with the documents' messages (`outbox_sends`)."""
        compose = self.window.mss_compose
        before = compose.dialog
        await self._pause()
        compose.compose_action.trigger()
        dialog: ComposeDialog = await self._until(lambda: compose.dialog is not before and _visible(compose.dialog))
        await self._until(lambda: dialog.recipients.tick(CORRESPONDENT_MAILBOX))  # once the correspondents show
        await self._type(dialog.subject, MESSAGE_SUBJECT)
        await self._type(dialog.text, MESSAGE_TEXT)
        outcome: list[object] = []
        dialog.queued.connect(outcome.append)
        dialog.refused.connect(outcome.append)
        await self._pause()
        dialog.send_button.click()
        await self._until(lambda: bool(outcome))
        if isinstance(outcome[0], str):
            raise ScenarioError(outcome[0])

    async def outbox_sends(self) -> None:
        """The validated documents leave for the DMP and by MSSanté (patient, correspondent) with the free message,
        through the outbox: wait until no order is in flight, none having failed meanwhile."""
        context = self.window.context
        failed_before = (await run_db(trace.count_orders, context.database))[OrderStatus.FAILED]
        self.window.dmp.show_orders()
        await self._in_flight(SENDS, lambda: self.window.activity.sends > 0)
        for _ in range(int(SENDS_WAIT_SECONDS / FEED_POLL_SECONDS)):
            if not await outbox_actions.orders_in_flight(context):
                break
            await asyncio.sleep(FEED_POLL_SECONDS)
        else:
            raise ScenarioError(_tr("Envois au DMP et par MSSanté toujours en cours"))
        failed = (await run_db(trace.count_orders, context.database))[OrderStatus.FAILED] - failed_before
        if failed:
            raise ScenarioError(f"{failed} envoi(s) en échec : voir le panneau « Envois »")

    async def read_inbox(self) -> None:
        """A laboratory's report about the patient arrives in the practice's mailbox; "Messagerie" → "Relever la
        boîte" reads it (a request in flight), and the list shows what arrived since the step began (the
        background reception may have read it first: the list is what the user sees)."""
        window = self.window
        patient = window.patients.form.patient
        if patient is None:
            raise ScenarioError("aucun patient ouvert")
        since = datetime.now(UTC)
        self._say(self._caption_of(self._step), _tr("Un laboratoire envoie un compte rendu de biologie au cabinet."))
        await lab_sender.send_lab_report(window.context.settings, patient)
        panel = window.inbox.panel
        window.inbox.show()
        await self._pause()
        panel.filter.setCurrentIndex(0)  # "Tous les documents reçus"
        await self._until(lambda: panel.fetching is None and panel.fetch_button.isEnabled())
        panel.fetch_button.click()
        fetching = panel.fetching
        if fetching is None or fetching.future is None:
            raise ScenarioError("la relève n'a pas démarré")
        await self._in_flight(_tr("Relève de la messagerie MSSanté"))
        try:
            self.fetched = await self._until_done(fetching.future)
        except Exception as exc:
            raise ScenarioError(explain(exc).text) from exc
        self.received = await self._until(lambda: [entry.subject for entry in panel.model.entries
                                                    if entry.received_at >= since])

    async def back(self) -> None:
        self.window.patients.list.search.clear()
        self.window.show_panel(self.window.panels.tabText(0))  # "Accueil"

    # -- what a user does ---------------------------------------------------------------------------------------

    async def _new_document(self, document_type: DocumentType) -> DocumentEditor:
        """"Documents → Nouveau": for a VSM already sent to the DMP, the new one replaces it there, as the
        window proposes."""
        documents = self.window.documents
        before = documents.panel.editor
        documents.new_document(document_type)
        editor = await self._until(lambda: _new_draft(documents.panel.editor, before, document_type)
                                   or _offer(documents.panel.replace_offer))
        if isinstance(editor, QMessageBox):
            await self._pause()
            editor.defaultButton().click()
            editor = await self._until(lambda: _new_draft(documents.panel.editor, before, document_type))
        return editor

    async def _validate(self, editor: DocumentEditor) -> None:
        await self._pause()
        editor.validate_button.click()
        confirmation = await self._until(lambda: editor.confirmation or editor.banner.text() or None)
        if not isinstance(confirmation, QMessageBox):
            raise ScenarioError(str(confirmation))
        await self._pause()
        editor.confirm_button().click()
        await self._until(lambda: not editor.detail.is_draft or (not editor.busy and editor.banner.text()) or None)
        if editor.detail.is_draft:
            raise ScenarioError(editor.banner.text())

    async def _type(self, field: QLineEdit | QPlainTextEdit, text: str) -> None:
        """Typed one character at a time, slowly enough to follow in the demonstration."""
        field.setFocus()
        for char in text:
            field.insertPlainText(char) if isinstance(field, QPlainTextEdit) else field.insert(char)
            if self.pause:
                await asyncio.sleep(min(0.06, self.pause / 20))
        await asyncio.sleep(0)

    async def _in_flight(self, label: str, running: Callable[[], bool] | None = None) -> None:
        """Wait until the request `label` runs (a task of the window so labelled, or `running()` says so), then
        let `meanwhile` work while it is in flight."""
        in_flight = running or (lambda: self._task(label) is not None)
        await self._until(in_flight)
        started = time.perf_counter()
        self._requests.append(label)
        self._say(self._caption_of(self._step), _tr("Requête en cours : %1 — la fenêtre reste utilisable.")
                  .replace("%1", label))
        if self.meanwhile is not None:
            await self.meanwhile(self.window, self._step, label)
            if not in_flight():
                raise ScenarioError(f"« {label} » ended before the work done meanwhile: nothing was shown in flight")
        await self._until(lambda: not in_flight())
        self._in_flight_max = max(self._in_flight_max, self.monitor.recent_max_ms(time.perf_counter() - started))

    # -- helpers ------------------------------------------------------------------------------------------------

    def _task(self, label: str) -> Task[Any] | None:
        """The window's running task so labelled."""
        return next((task for task in self.window.tasks.running() if task.label == label), None)

    def _caption_of(self, name: str) -> str:
        return next(caption for step, caption, _run, _available in self.steps if step == name)

    def _say(self, title: str, detail: str) -> None:
        if self.caption is not None:
            self.caption.say(title, detail)

    async def _pause(self) -> None:
        if self.pause:
            await asyncio.sleep(self.pause)

    @staticmethod
    async def _until(probe: Callable[[], W | bool | str | None]) -> Any:
        """Poll `probe` on the event loop until it gives something true (WAIT_SECONDS at most); its value."""
        for _ in range(int(WAIT_SECONDS / POLL_SECONDS)):
            if value := probe():
                return value
            await asyncio.sleep(POLL_SECONDS)
        raise ScenarioError(f"attente trop longue ({WAIT_SECONDS:.0f} s)")

    @staticmethod
    async def _until_done(future: asyncio.Future[W]) -> W:
        async with asyncio.timeout(WAIT_SECONDS):
            return await asyncio.shield(future)


def _shown(kind: type[W]) -> W | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()), None)


def _visible(widget: W | None) -> W | None:
    return widget if isinstance(widget, QWidget) and widget.isVisible() else None


def _listed(found: Sequence[PractitionerEntry] | Sequence[CorrespondentView]) -> bool:
    """The scenario's correspondent is among the practitioners found, or the patient's correspondents."""
    return any(item.rpps == CORRESPONDENT_RPPS for item in found)


def _digits(dialog: PscDialog) -> str | None:
    """The two digits the PSC dialog shows (once it shows them)."""
    if not dialog.binding.isVisible():
        return None
    text = dialog.binding.text()
    return "".join(ch for ch in text[text.rfind(">", 0, text.rfind("</span>")) + 1:text.rfind("</span>")]
                   if ch.isdigit()) or None


def _new_draft(editor: DocumentEditor | None, before: DocumentEditor | None,
               document_type: DocumentType) -> DocumentEditor | None:
    if editor is None or editor is before or not editor.detail.is_draft:
        return None
    return editor if editor.detail.type is document_type else None


def _offer(box: QWidget | None) -> QMessageBox | None:
    return box if isinstance(box, QMessageBox) and box.isVisible() else None
