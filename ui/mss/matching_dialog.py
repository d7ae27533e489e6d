"""Manual matching ("rapprochement") of a received document: the patient search of the side panel to find the
patient, then the four strict traits received and the patient's side by side, to confirm before matching.

A trait that differs is shown in red and the confirmation asks for a second look (a homonym is the classic
identity-vigilance error); the core refuses a patient whose qualified INS differs from the document's anyway.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lgc_app.bootstrap import AppContext
from lgc_app.mss.inbox.matching import Traits
from lgc_app.mss.inbox.worklist import InboxEntry
from lgc_app.patients.birth_date import display_birth_date
from lgc_app.patients.traits import fold
from lgc_app.patients.views import PatientView
from ui.actions import patients as patient_actions
from ui.patients.patient_list import PatientListPanel
from ui.tasks import Task, TaskManager

MISMATCH = "#c62828"


def patient_traits(patient: PatientView) -> Traits:
    """The patient's four strict traits, folded as the matching of received documents folds them."""
    return Traits(fold(patient.birth_name), fold(patient.first_birth_given_name), patient.birth_date,
                  patient.sex.value)


class MatchingDialog(QDialog):
    """Choose the patient a received document is about.

    Signals:
        confirmed(int): the patient id to match the document to.
        patient_shown(int): the traits of this patient are shown beside the received ones (tests).
    """

    confirmed = Signal(int)
    patient_shown = Signal(int)

    ROWS = ("Nom de naissance", "Premier prénom de naissance", "Date de naissance", "Sexe")

    def __init__(self, context: AppContext, tasks: TaskManager, entry: InboxEntry,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._tasks = tasks
        self.entry = entry
        self.received = Traits.from_label(entry.patient_label)
        self.patient: PatientView | None = None
        self._loading: Task[PatientView] | None = None
        self.setWindowTitle(self.tr("Rapprocher le document reçu d'un patient"))
        self.resize(1040, 560)
        about = QLabel(self.tr("« %1 » reçu de %2.\n%3").replace("%1", entry.title).replace("%2", entry.sender)
                       .replace("%3", entry.reason), self)
        about.setTextFormat(Qt.TextFormat.PlainText)
        about.setWordWrap(True)
        self.search = PatientListPanel(context, tasks, self)
        self.search.new_button.hide()  # a document is matched to a known patient, never creates one
        self.search.patient_activated.connect(self.choose)
        if self.received is not None:  # start from the birth name received
            self.search.search.setText(self.received.birth_name)
        self.traits = QTableWidget(len(self.ROWS), 2, self)
        self.traits.setHorizontalHeaderLabels([self.tr("Reçu dans le document"), self.tr("Patient choisi")])
        self.traits.setVerticalHeaderLabels([self.tr(row) for row in self.ROWS])
        self.traits.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.traits.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.traits.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verdict = QLabel(self.tr("Choisissez le patient dans la liste."), self)
        self.verdict.setWordWrap(True)
        self.differences_ok = QCheckBox(self.tr("J'ai vérifié : il s'agit bien de ce patient malgré les "
                                                "différences"), self)
        self.differences_ok.hide()
        self.differences_ok.toggled.connect(self._update_button)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.traits)
        side_layout.addWidget(self.verdict)
        side_layout.addWidget(self.differences_ok)
        side_layout.addStretch(1)
        splitter = QSplitter(self)
        splitter.addWidget(self.search)
        splitter.addWidget(side)
        splitter.setSizes([440, 600])
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(self.tr("Rapprocher de ce patient"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("Annuler"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self._fill(0, self.received)
        self._fill(1, None)
        self._update_button()
        self.accepted.connect(self._confirm)

    def choose(self, patient_id: int) -> None:
        """Show this patient's traits beside the received ones (read on the database thread)."""
        if self._loading is not None:
            self._loading.cancel()
        self.patient = None
        self._update_button()
        self._loading = self._tasks.run(patient_actions.load_patient(self._context.database, patient_id),
                                        label_fr=self.tr("Lecture du patient"), owner=self)
        self._loading.on_success(self._show_patient)

    def _show_patient(self, patient: PatientView) -> None:
        self._loading = None
        self.patient = patient
        local = patient_traits(patient)
        self._fill(1, local)
        differing = self.differences(local)
        for row in range(len(self.ROWS)):
            colour = QBrush(QColor(MISMATCH)) if row in differing else QBrush()
            for column in (0, 1):
                cell = self.traits.item(row, column)
                if cell is not None:
                    cell.setForeground(colour)
        if self.received is None:
            self.verdict.setText(self.tr("Le document ne donne pas les traits d'identité du patient : vérifiez-le "
                                         "avec l'expéditeur avant de rapprocher."))
        elif differing:
            self.verdict.setText(self.tr("Attention : %n trait(s) diffère(nt) (en rouge).", "", len(differing)))
        else:
            self.verdict.setText(self.tr("Les quatre traits concordent."))
        self.differences_ok.setChecked(False)
        self.differences_ok.setVisible(self.received is None or bool(differing))
        self._update_button()
        self.patient_shown.emit(patient.id)

    def differences(self, local: Traits) -> set[int]:
        """Rows whose received trait differs from the patient's (all of them when nothing was received)."""
        if self.received is None:
            return set(range(len(self.ROWS)))
        pairs = zip(_cells(self.received), _cells(local), strict=True)
        return {row for row, (received, mine) in enumerate(pairs) if received != mine}

    def _fill(self, column: int, traits: Traits | None) -> None:
        for row, text in enumerate(_display(traits) if traits else ("—",) * len(self.ROWS)):
            self.traits.setItem(row, column, QTableWidgetItem(text))

    def _update_button(self) -> None:
        self.ok_button.setEnabled(self.patient is not None and
                                  (self.differences_ok.isHidden() or self.differences_ok.isChecked()))

    def _confirm(self) -> None:
        if self.patient is not None:
            self.confirmed.emit(self.patient.id)


def _cells(traits: Traits) -> tuple[str, str, str, str]:
    return traits.birth_name, traits.first_given_name, traits.birth_date, traits.sex


def _display(traits: Traits) -> tuple[str, str, str, str]:
    return (traits.birth_name, traits.first_given_name, display_birth_date(traits.birth_date) if traits.birth_date
            else "", traits.sex)
