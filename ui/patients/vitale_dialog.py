"""The carte Vitale dialog: add or edit the card data of a stored patient, kept apart from the INS traits
(RNIV). Opened with `open()`; the write goes through the task bridge and refused fields are explained next
to themselves, nothing typed being lost.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lgc_app.bootstrap import AppContext
from lgc_app.errors import explain
from lgc_app.patients.birth_date import display_birth_date
from lgc_app.patients.views import PatientView, VitaleCardView
from lgc_app.patients.vitale import MAX_BIRTH_RANK, VitaleInputError
from ui.actions import patients as actions
from ui.dialog_buttons import save_buttons
from ui.patients.fields import FieldRow
from ui.patients.wording import fill
from ui.style import mark_error
from ui.tasks import TaskManager


class VitaleCardDialog(QDialog):
    """One card of one patient, new (card None) or stored.

    Signals:
        saved(object): the card was written; the patient with its cards (`PatientView`).
    """

    saved = Signal(object)

    def __init__(self, context: AppContext, tasks: TaskManager, patient: PatientView,
                 card: VitaleCardView | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vitaleCardDialog")
        self.setWindowTitle(self.tr("Modifier la carte Vitale") if card else self.tr("Ajouter une carte Vitale"))
        self._context = context
        self._tasks = tasks
        self._patient_id = patient.id
        self._card_id = card.id if card else None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.rows: dict[str, FieldRow] = {}
        self.edits: dict[str, QLineEdit] = {}
        for name, label, placeholder in (
                ("insured_nir", self.tr("N° d'immatriculation de l'assuré"),
                 self.tr("13 ou 15 caractères, tel que lu sur la carte")),
                ("beneficiary_nir", self.tr("NIR du bénéficiaire"), self.tr("facultatif")),
                ("birth_date", self.tr("Date de naissance (carte)"),
                 fill(self.tr("JJ/MM/AAAA ; par défaut %1"), display_birth_date(patient.birth_date))),
                ("name", self.tr("Nom (carte)"), fill(self.tr("par défaut %1"), patient.birth_name)),
                ("given_name", self.tr("Prénom (carte)"),
                 fill(self.tr("par défaut %1"), patient.first_birth_given_name))):
            edit = QLineEdit(self)
            edit.setObjectName(name)
            edit.setPlaceholderText(placeholder)
            self.edits[name] = edit
            self._add_row(form, label, name, edit)
        self.birth_rank = QSpinBox(self)
        self.birth_rank.setObjectName("birth_rank")
        self.birth_rank.setRange(1, MAX_BIRTH_RANK)
        self._add_row(form, self.tr("Rang de naissance"), "birth_rank", self.birth_rank)
        layout.addLayout(form)
        self.message = QLabel(self)
        mark_error(self.message)
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.buttons = save_buttons(self, self.save, self.tr("Annuler"))
        layout.addWidget(self.buttons)
        if card is not None:
            for name in self.edits:
                self.edits[name].setText(getattr(card, name) or "")
            self.edits["birth_date"].setText(display_birth_date(card.birth_date))
            self.birth_rank.setValue(card.birth_rank)

    def _add_row(self, form: QFormLayout, label: str, name: str, field: QWidget) -> None:
        self.rows[name] = FieldRow(field, self)
        form.addRow(label, self.rows[name])

    def save(self) -> None:
        for row in self.rows.values():
            row.set_error("")
        self.message.hide()
        self.buttons.setEnabled(False)
        card = {name: edit.text().strip() or None for name, edit in self.edits.items()}
        task = self._tasks.run(actions.save_vitale_card(self._context.database, self._patient_id,
                                                        actions.user_of(self._context), card_id=self._card_id,
                                                        insured_nir=card.pop("insured_nir") or "",
                                                        birth_rank=self.birth_rank.value(), **card),
                               label_fr=self.tr("Enregistrement de la carte Vitale"), owner=self)
        task.on_success(self._saved).on_failure(self._failed)

    def _saved(self, patient: PatientView) -> None:
        self.saved.emit(patient)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, VitaleInputError):
            for name, text in error.errors.items():
                self.rows[name].set_error(text)
            text = self.tr("Carte non enregistrée : corrigez les champs signalés.")
        else:
            text = explain(error).text
        self.message.setText(text)
        self.message.show()
