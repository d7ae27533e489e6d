"""Possible duplicates, shown before an identity is created (Ségur INS: duplicate detection).

Non-modal (`open()`), never `exec()`: the user opens the existing record, creates anyway, or goes back to
the form with everything typed still there.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lgc_app.patients.search import SearchHit
from ui.patients.patient_list import PatientListModel, patient_table


class DuplicatesDialog(QDialog):
    """Lists the existing patients that may be the one being created.

    Signals:
        open_existing(int): open this existing patient instead (the draft is dropped).
        create_anyway(): create the new identity although it resembles others.
    """

    open_existing = Signal(int)
    create_anyway = Signal()

    def __init__(self, hits: list[SearchHit], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatesDialog")
        self.setWindowTitle(self.tr("Doublons possibles"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(620, 320)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Ces patients existants ont la même date de naissance et un nom proche. "
                               "Vérifiez qu'il ne s'agit pas de la même personne avant de créer une nouvelle "
                               "identité."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = PatientListModel(self)
        self.model.set_hits(hits)
        self.view = patient_table(self.model, self)
        self.view.selectRow(0)
        self.view.doubleClicked.connect(lambda _index: self._open())
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(self)
        self.open_button = QPushButton(self.tr("Ouvrir ce dossier"), self)
        self.create_button = QPushButton(self.tr("Créer quand même"), self)
        self.back_button = QPushButton(self.tr("Revenir à la saisie"), self)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.clicked.connect(self._open)
        self.create_button.clicked.connect(self._create)
        self.back_button.clicked.connect(self.reject)
        layout.addWidget(buttons)

    def _open(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if rows:
            self.accept()
            self.open_existing.emit(self.model.hits[rows[0].row()].patient_id)

    def _create(self) -> None:
        self.accept()
        self.create_anyway.emit()
