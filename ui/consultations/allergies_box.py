"""The patient's allergies beside the consultation: the allergy list (added and removed here, at once) and
the drug allergies of the latest VSM, which the prescription check also reads (read-only here: they change
with the VSM)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from lgc_app.bootstrap import AppContext
from lgc_app.errors import explain
from lgc_app.prescribing import allergies
from lgc_app.prescribing.allergies import FROM_VSM, KnownAllergy
from ui.documents.fields import ErrorLabel
from ui.tasks import TaskManager, run_db


class AllergiesBox(QGroupBox):
    """Signals:
        loaded(): the list shows the patient's allergies as stored.
    """

    loaded = Signal()

    def __init__(self, context: AppContext, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Allergies"), parent)
        self._context = context
        self._tasks = tasks
        self.patient_id: int | None = None
        self.setMinimumWidth(220)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentItemChanged.connect(lambda *_: self._refresh_buttons())
        self.substance = QLineEdit(self)
        self.substance.setPlaceholderText(self.tr("Substance ou médicament (ex. : pénicilline)"))
        self.atc_class = QLineEdit(self)
        self.atc_class.setPlaceholderText(self.tr("Classe ATC (facultatif)"))
        self.atc_class.setToolTip(self.tr("Ex. : J01C pour les pénicillines ; trouvée d'après la substance si "
                                          "elle est connue."))
        self.reaction = QLineEdit(self)
        self.reaction.setPlaceholderText(self.tr("Réaction (ex. : urticaire)"))
        self.add_button = QPushButton(self.tr("Ajouter"), self)
        self.add_button.clicked.connect(self.add)
        self.substance.returnPressed.connect(self.add)
        self.remove_button = QPushButton(self.tr("Retirer"), self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.error = ErrorLabel(self)
        grid = QGridLayout(self)
        grid.addWidget(self.list, 0, 0, 1, 2)
        for row, edit in enumerate((self.substance, self.atc_class, self.reaction), start=1):
            grid.addWidget(edit, row, 0, 1, 2)
        grid.addWidget(self.error, 4, 0, 1, 2)
        grid.addWidget(self.remove_button, 5, 0)
        grid.addWidget(self.add_button, 5, 1)
        self._refresh_buttons()

    def set_patient(self, patient_id: int | None) -> None:
        self.patient_id = patient_id
        self.list.clear()
        self.error.set_messages([])
        self._refresh_buttons()
        self.refresh()

    def refresh(self) -> None:
        patient_id = self.patient_id
        if patient_id is None:
            return
        task = self._tasks.run(run_db(allergies.known_allergies, self._context.database, patient_id),
                               label_fr=self.tr("Allergies du patient"))
        task.on_success(lambda rows: self._show(patient_id, rows))

    def _show(self, patient_id: int, rows: tuple[KnownAllergy, ...]) -> None:
        if patient_id != self.patient_id:
            return
        self.list.clear()
        for allergy in rows:
            text = allergy.substance
            if allergy.reaction:
                text += f" — {allergy.reaction}"
            found = allergy.allergy_class
            if found is not None:
                text += f" ({found.label})"
            if allergy.source == FROM_VSM:
                text += self.tr(" [VSM]")
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, allergy)
        if not rows:
            item = QListWidgetItem(self.tr("Aucune allergie connue."), self.list)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
        self._refresh_buttons()
        self.loaded.emit()

    def substances(self) -> list[str]:
        return [item.data(Qt.ItemDataRole.UserRole).substance for item in
                (self.list.item(i) for i in range(self.list.count())) if item.data(Qt.ItemDataRole.UserRole)]

    def add(self) -> None:
        patient_id = self.patient_id
        if patient_id is None or not self.substance.text().strip():
            return
        task = self._tasks.run(run_db(allergies.add_allergy, self._context.database, patient_id,
                                      substance=self.substance.text(), atc_class=self.atc_class.text(),
                                      reaction=self.reaction.text(), actor=self._context.session.actor()),
                               label_fr=self.tr("Ajout d'une allergie"), cancellable=False)
        task.on_success(self._added).on_failure(lambda error: self.error.set_messages([explain(error).text]))

    def _added(self, _allergy: KnownAllergy) -> None:
        for edit in (self.substance, self.atc_class, self.reaction):
            edit.clear()
        self.error.set_messages([])
        self.refresh()

    def remove_selected(self) -> None:
        item = self.list.currentItem()
        allergy = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if not isinstance(allergy, KnownAllergy) or allergy.id is None:
            return
        task = self._tasks.run(run_db(allergies.remove_allergy, self._context.database, allergy.id,
                                      actor=self._context.session.actor()),
                               label_fr=self.tr("Retrait d'une allergie"), cancellable=False)
        task.on_success(lambda _none: self.refresh())
        task.on_failure(lambda error: self.error.set_messages([explain(error).text]))

    def _refresh_buttons(self) -> None:
        item = self.list.currentItem()
        allergy = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self.remove_button.setEnabled(isinstance(allergy, KnownAllergy) and allergy.id is not None)
        self.remove_button.setToolTip(self.tr("Une allergie du VSM se retire dans le VSM.")
                                      if isinstance(allergy, KnownAllergy) and allergy.id is None else "")
        self.add_button.setEnabled(self.patient_id is not None)
