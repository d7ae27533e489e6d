"""Possible duplicates, shown before an identity is created (Ségur INS: duplicate detection).

Each existing patient comes with the traits that matched it (identical, close, different: `Resemblance`), and
opening the existing record is the first and default choice: a second identity for the same person is the
risk this dialog exists for. Non-modal (`open()`), never `exec()`: the user opens the existing record, creates
anyway, or goes back to the form with everything typed still there.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lgc_app.patients.list_rows import patient_rows
from lgc_app.patients.resemblance import Resemblance
from lgc_app.patients.search import SearchHit
from ui.patients.patient_list import PatientListModel, patient_table


class DuplicatesDialog(QDialog):
    """Lists the existing patients that may be the one being created, and why.

    Signals:
        open_existing(int): open this existing patient instead (the draft is dropped).
        create_anyway(): create the new identity although it resembles others.
    """

    open_existing = Signal(int)
    create_anyway = Signal()

    def __init__(self, hits: list[SearchHit], resemblances: list[Resemblance],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatesDialog")
        self.setWindowTitle(self.tr("Doublons possibles"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(680, 420)
        self._resemblances = {resemblance.patient_id: resemblance for resemblance in resemblances}
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Ce patient a peut-être déjà un dossier : ces identités ont la même date de "
                               "naissance et un nom proche. Ouvrez le dossier existant s'il s'agit de la même "
                               "personne ; ne créez une nouvelle identité qu'après avoir vérifié que ce n'est "
                               "pas le cas."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = PatientListModel(self)
        self.model.set_rows(patient_rows(hits))
        self.view = patient_table(self.model, self)
        self.view.doubleClicked.connect(lambda _index: self._open())
        layout.addWidget(self.view, 1)
        self.matched = QLabel(self)
        self.matched.setObjectName("matchedTraits")
        self.matched.setWordWrap(True)
        self.matched.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.matched)
        buttons = QDialogButtonBox(self)
        self.open_button = QPushButton(self.tr("Ouvrir le dossier"), self)
        self.back_button = QPushButton(self.tr("Revenir à la saisie"), self)
        self.create_button = QPushButton(self.tr("Créer quand même"), self)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.open_button.setDefault(True)  # Enter opens the existing record, never creates a duplicate
        self.open_button.clicked.connect(self._open)
        self.create_button.clicked.connect(self._create)
        self.back_button.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.view.selectRow(0)
        self.open_button.setFocus()

    def matched_text(self, patient_id: int) -> str:
        """Why this patient was proposed: its traits compared with the identity being created (French)."""
        resemblance = self._resemblances.get(patient_id)
        return resemblance.text if resemblance else ""

    def _selected_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()].patient_id if rows else None

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        patient_id = self._selected_id()
        self.matched.setText("" if patient_id is None else
                             self.tr("Comparaison avec la saisie :") + "\n" + self.matched_text(patient_id))
        self.open_button.setEnabled(patient_id is not None)

    def _open(self) -> None:
        patient_id = self._selected_id()
        if patient_id is not None:
            self.accept()
            self.open_existing.emit(patient_id)

    def _create(self) -> None:
        self.accept()
        self.create_anyway.emit()
