"""The "Consultation" panel of the open patient: the record typed during the consultation (reason, history,
examination with vital signs, conclusion), saved by itself ~2 s after the last change like the document
editors, the patient's allergies beside it, and « Rédiger le compte rendu / l'ordonnance / le courrier »,
which opens the draft prefilled from the record in the Documents panel (issue 13).

Every write of one consultation goes through one chain of the task bridge: a save needs the row version the
previous one left (optimistic concurrency), and a document is drafted from what was saved just before.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lgc_app.bootstrap import AppContext
from lgc_app.consultations import drafting
from lgc_app.consultations import use_cases as consultations
from lgc_app.consultations.use_cases import ConsultationRecord, ConsultationSummary, ConsultationView
from lgc_app.documents.cabinet import Cabinet
from lgc_app.documents.kinds import DocumentType
from lgc_app.errors import explain
from lgc_app.patients import use_cases as patient_cases
from lgc_app.persistence.database import Database
from lgc_app.session import Session
from ui.consultations.allergies_box import AllergiesBox
from ui.consultations.vitals_form import VitalsForm
from ui.documents.fields import ErrorLabel, Findings, FindingsDisplay
from ui.tasks import Task, TaskManager, run_db

log = logging.getLogger("lgc.ui.consultations")

AUTOSAVE_MS = 2000


def local_day(moment: datetime) -> str:
    return moment.astimezone().strftime("%d/%m/%Y à %H:%M")


class ConsultationPanel(QWidget):
    """Signals:
        document_written(int): a draft was written from the consultation (its id): show it.
        consultation_shown(object): a ConsultationView is now shown (tests).
        saved(int): an autosave finished; the argument is the new row version.
    """

    document_written = Signal(int)
    consultation_shown = Signal(object)
    saved = Signal(int)

    def __init__(self, context: AppContext, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.tasks = tasks
        self.patient_id: int | None = None
        self.view: ConsultationView | None = None
        # the patient's reads wait until the panel is shown: a hidden panel's reads would compete with the patient
        # opening for the GIL (tests/ui/test_open_stall.py)
        self._unread = False
        self._open_latest = False
        self._row_version = 0
        self._loading = False
        self._dirty = False
        self._changes = 0
        self._findings = FindingsDisplay()

        self.patient_label = QLabel(self.tr("Aucun patient ouvert."), self)
        self.patient_label.setStyleSheet("font-weight: bold;")
        self.chooser = QComboBox(self)
        self.chooser.setMinimumWidth(200)
        self.chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.chooser.activated.connect(self._chosen)
        self.new_button = QPushButton(self.tr("Nouvelle consultation"), self)
        self.new_button.clicked.connect(self.new_consultation)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("Ex. : fièvre et toux depuis 3 jours"))
        self.reason.setMaxLength(consultations.REASON_LENGTH)
        self.history = self._text(self.tr("Antécédents utiles, traitements en cours…"))
        self.vitals = VitalsForm(self)
        self.vitals.changed.connect(self.mark_dirty)
        self.examination = self._text(self.tr("Examen clinique"))
        self.conclusion = self._text(self.tr("Diagnostic, conduite à tenir"))
        self.reason.textEdited.connect(self.mark_dirty)
        self.allergies = AllergiesBox(context, tasks, self)
        self.save_state = QLabel(self)
        self.save_state.setObjectName("saveState")
        self.banner = ErrorLabel(self)
        self.documents_label = QLabel(self)
        self.documents_label.setWordWrap(True)
        self.documents_label.setStyleSheet("color: #555;")
        self.write_buttons: dict[DocumentType, QPushButton] = {}
        for document_type, text in ((DocumentType.CONSULTATION_REPORT, self.tr("Rédiger le compte rendu")),
                                    (DocumentType.PRESCRIPTION, self.tr("Rédiger l'ordonnance")),
                                    (DocumentType.LETTER, self.tr("Rédiger le courrier"))):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _checked=False, t=document_type: self.write_document(t))
            self.write_buttons[document_type] = button

        top = QHBoxLayout()
        top.addWidget(self.patient_label, 1)
        top.addWidget(self.chooser)
        top.addWidget(self.new_button)
        self.record = QWidget(self)
        form = QFormLayout(self.record)
        form.addRow(self.tr("Motif"), self.reason)
        form.addRow(self.tr("Antécédents"), self.history)
        form.addRow(self.tr("Constantes"), self.vitals)
        form.addRow(self.tr("Examen"), self.examination)
        form.addRow(self.tr("Conclusion"), self.conclusion)
        splitter = QSplitter(self)
        splitter.addWidget(self.record)
        splitter.addWidget(self.allergies)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_state, 1)
        for button in self.write_buttons.values():
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.documents_label)
        layout.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.save_now)
        self._show(None)

    def _text(self, placeholder: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setPlaceholderText(placeholder)
        edit.setTabChangesFocus(True)
        edit.textChanged.connect(self.mark_dirty)
        return edit

    @property
    def autosave_timer(self) -> QTimer:
        return self._timer

    @property
    def is_dirty(self) -> bool:
        return self._dirty

    def _chain(self) -> str:
        return f"consultation:{self.view.id if self.view else 0}"

    # -- the patient and their consultations ----------------------------------------------------------------

    def set_patient(self, patient_id: int | None) -> None:
        """Follow the patient opened in the patient file (saving the consultation being typed first)."""
        self._leave(lambda: self._switch_patient(patient_id))

    def _switch_patient(self, patient_id: int | None) -> None:
        changed = patient_id != self.patient_id
        self.patient_id = patient_id
        if changed:
            self._show(None)
            self.chooser.clear()  # the previous patient's consultations are not offered meanwhile
            self._open_latest = True
        if patient_id is None:
            self.allergies.set_patient(None)
            self.patient_label.setText(self.tr("Aucun patient ouvert."))
            self._unread = False
            return
        self._unread = True
        if self.isVisible():
            self._read_patient()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._unread:
            self._read_patient()

    def _read_patient(self) -> None:
        """The patient's allergies and consultations (again: a VSM edited meanwhile may have changed them)."""
        patient_id, open_latest = self.patient_id, self._open_latest
        self._unread = self._open_latest = False
        if patient_id is None:
            return
        if self.allergies.patient_id != patient_id:
            self.allergies.set_patient(patient_id)
        else:
            self.allergies.refresh()
        task = self.tasks.run(run_db(_patient_and_consultations, self.context.database, patient_id,
                                     self.context.session),
                              label_fr=self.tr("Consultations du patient"))
        task.on_success(lambda result: self._listed(patient_id, *result, open_latest=open_latest))

    def _listed(self, patient_id: int, name: str, rows: list[ConsultationSummary], *, open_latest: bool) -> None:
        if patient_id != self.patient_id:
            return
        self.patient_label.setText(name)
        self.chooser.clear()
        for row in rows:
            self.chooser.addItem(self._choice_text(row.started_at, row.reason), row.id)
        self.chooser.setEnabled(bool(rows))
        if self.view is not None:
            self.chooser.setCurrentIndex(max(self.chooser.findData(self.view.id), 0))
        elif open_latest and rows:
            self.open_consultation(rows[0].id)
        self.new_button.setEnabled(True)

    def _choice_text(self, started_at: datetime, reason: str) -> str:
        return f"{local_day(started_at)} — {reason or self.tr('motif non renseigné')}"

    def _chosen(self, index: int) -> None:
        consultation_id = self.chooser.itemData(index)
        if consultation_id is not None and (self.view is None or consultation_id != self.view.id):
            self.open_consultation(consultation_id)

    def new_consultation(self) -> None:
        patient_id = self.patient_id
        if patient_id is None:
            return
        session = self.context.session

        def start() -> None:
            task = self.tasks.run(run_db(consultations.start_consultation, self.context.database, patient_id,
                                         session.actor()),
                                  label_fr=self.tr("Nouvelle consultation"), cancellable=False)
            task.on_success(self._opened).on_failure(lambda error: self.banner.set_messages([explain(error).text]))
        self._leave(start)

    def open_consultation(self, consultation_id: int) -> None:
        def load() -> None:
            task = self.tasks.run(run_db(consultations.open_consultation, self.context.database, consultation_id,
                                         self.context.session),
                                  label_fr=self.tr("Ouverture de la consultation"))
            task.on_success(self._opened)
        self._leave(load)

    def _opened(self, view: ConsultationView) -> None:
        if view.patient_id != self.patient_id:
            return
        self._show(view)
        self._switch_patient(view.patient_id)  # the chooser lists it

    def _show(self, view: ConsultationView | None) -> None:
        self.view = view
        self._loading = True
        try:
            record = view.record if view else ConsultationRecord()
            self.reason.setText(record.reason)
            self.history.setPlainText(record.history)
            self.vitals.show_vitals(record.vitals)
            self.examination.setPlainText(record.examination)
            self.conclusion.setPlainText(record.conclusion)
        finally:
            self._loading = False
        self._dirty = False
        self._row_version = view.row_version if view else 0
        self._findings.clear()
        self.banner.set_messages([])
        self.record.setEnabled(view is not None)
        for button in self.write_buttons.values():
            button.setEnabled(view is not None)
        self.save_state.setText(self.tr("Consultation du %1 — %2").replace("%1", local_day(view.started_at))
                                .replace("%2", view.practitioner_name) if view else
                                self.tr("Ouvrez une consultation, ou commencez-en une nouvelle."))
        self._show_documents()
        if view is not None:
            self.consultation_shown.emit(view)

    def _show_documents(self) -> None:
        documents = self.view.documents if self.view else ()
        self.documents_label.setText(self.tr("Rédigés depuis cette consultation : %1").replace(
            "%1", ", ".join(d.title for d in documents)) if documents else "")

    # -- autosave -------------------------------------------------------------------------------------------

    def mark_dirty(self) -> None:
        if self._loading or self.view is None:
            return
        self._changes += 1
        self._dirty = True
        self.save_state.setText(self.tr("Modifications en cours…"))
        self._timer.start()

    def read_record(self) -> tuple[ConsultationRecord, Findings]:
        findings = Findings()
        record = ConsultationRecord(self.reason.text().strip(), self.history.toPlainText(),
                                    self.examination.toPlainText(), self.conclusion.toPlainText(),
                                    self.vitals.read(findings))
        self._findings.show(findings)
        return record, findings

    def save_now(self) -> bool:
        """Queue a save if something changed. False: a value cannot be stored as typed (shown in red)."""
        self._timer.stop()
        if not self._dirty or self.view is None:
            return True
        _record, findings = self.read_record()
        if findings:
            self.save_state.setText(self.tr("Consultation non enregistrée : corrigez les valeurs en rouge."))
            return False
        self.tasks.enqueue(self._chain(), self._start_save)
        return True

    def _start_save(self) -> Task[int] | None:
        view = self.view
        if not self._dirty or view is None:
            return None
        record, findings = self.read_record()
        if findings:
            return None
        mark = self._changes
        task = self.tasks.run(run_db(consultations.save_consultation, self.context.database, view.id, record,
                                     expected_version=self._row_version, actor=self.context.session.actor()),
                              label_fr=self.tr("Enregistrement de la consultation"), cancellable=False)
        task.on_success(lambda version: self._saved(view, version, mark, record)).on_failure(self._save_failed)
        return task

    def _saved(self, view: ConsultationView, version: int, mark: int, record: ConsultationRecord) -> None:
        if self.view is None or self.view.id != view.id:
            return
        self._row_version = version
        index = self.chooser.findData(view.id)
        if index >= 0:  # the chooser names the consultation by its reason
            self.chooser.setItemText(index, self._choice_text(view.started_at, record.reason))
        self._dirty = self._changes != mark
        self.banner.set_messages([])
        if not self._dirty:
            self.save_state.setText(self.tr("Consultation enregistrée à %1").replace(
                "%1", datetime.now().strftime("%H:%M")))
        self.saved.emit(version)

    def _save_failed(self, error: BaseException) -> None:
        self.save_state.setText(self.tr("Consultation NON enregistrée — vos modifications restent à l'écran."))
        self.banner.set_messages([explain(error).text])

    def _leave(self, then: Callable[[], None]) -> None:
        """Save what is pending, then run `then` (a value that cannot be saved is kept on screen, and said)."""
        if self.view is None:
            then()
            return
        if not self.save_now():
            self.banner.set_messages([self.tr("Des valeurs en rouge empêchent d'enregistrer la consultation : "
                                              "corrigez-les avant de changer de consultation.")])
            return
        self.tasks.when_idle(self._chain(), then)

    def flush_sync(self) -> None:
        """The window closes: save now (the event loop is about to stop)."""
        self._timer.stop()
        view = self.view
        if not self._dirty or view is None or self.tasks.chain_busy(self._chain()):
            return
        record, findings = self.read_record()
        if findings:
            return
        try:
            consultations.save_consultation(self.context.database, view.id, record,
                                            expected_version=self._row_version, actor=self.context.session.actor())
            self._dirty = False
        except Exception:  # exiting: log it, nothing else can be done
            log.exception("last save of consultation %s failed", view.id)

    # -- documents written from the consultation --------------------------------------------------------------

    def write_document(self, document_type: DocumentType) -> None:
        """Save what is typed, then draft the document from it and ask for it to be shown."""
        view = self.view
        if view is None or not self.save_now():
            return
        session, cabinet = self.context.session, Cabinet.from_settings(self.context.settings)

        def start() -> Task[Any]:
            async def write() -> tuple[int, ConsultationView]:
                document_id = await run_db(drafting.write_document, self.context.database, view.id, document_type,
                                           writer=session, cabinet=cabinet)
                return document_id, await run_db(consultations.get_consultation, self.context.database, view.id,
                                                 session)
            task = self.tasks.run(write(), label_fr=self.tr("Rédaction depuis la consultation"),
                                  cancellable=False)
            task.on_success(lambda result: self._written(*result))
            task.on_failure(lambda error: self.banner.set_messages([explain(error).text]))
            return task
        self.tasks.enqueue(self._chain(), start)

    def _written(self, document_id: int, view: ConsultationView) -> None:
        if self.view is not None and self.view.id == view.id:
            self.view = replace(self.view, documents=view.documents)  # the typed record stays as it is
            self._show_documents()
        self.document_written.emit(document_id)


def _patient_and_consultations(db: Database, patient_id: int,
                               reader: Session) -> tuple[str, list[ConsultationSummary]]:
    return patient_cases.display_name(db, patient_id), consultations.list_consultations(db, patient_id, reader)
