"""The carte Vitale cards of the identity form: listed, added, edited and removed. Kept apart from the INS
traits (RNIV): writing a card never touches the identity."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lgc_app.bootstrap import AppContext
from lgc_app.patients.birth_date import display_birth_date
from lgc_app.patients.views import PatientView, VitaleCardView
from ui.actions import patients as actions
from ui.patients.form.host import FormHost
from ui.patients.vitale_dialog import VitaleCardDialog
from ui.patients.wording import fill, format_matricule
from ui.tasks import TaskManager


class VitaleCardsPanel(QGroupBox):
    """Signals:
        changed(object): a card was written or removed; the identity with its cards (`PatientView`).
    """

    changed = Signal(object)

    def __init__(self, context: AppContext, tasks: TaskManager, host: FormHost,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Carte Vitale (données de la carte, distinctes des traits INS)"))
        self._context = context
        self._tasks = tasks
        self._host = host
        self.dialog: VitaleCardDialog | None = None  # the last one opened (tests, and raising it again)
        layout = QHBoxLayout(self)
        cards = QVBoxLayout()
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget(self)
        self.list.setObjectName("vitaleCards")
        self.list.setMaximumHeight(90)
        self.list.itemSelectionChanged.connect(self.refresh_buttons)
        self.list.itemDoubleClicked.connect(lambda _item: self.edit_card())
        cards.addWidget(self.label)
        cards.addWidget(self.list)
        layout.addLayout(cards, 1)
        buttons = QVBoxLayout()
        self.add_button = QPushButton(self.tr("Ajouter…"), self)
        self.add_button.clicked.connect(self.add_card)
        self.edit_button = QPushButton(self.tr("Modifier…"), self)
        self.edit_button.clicked.connect(self.edit_card)
        self.remove_button = QPushButton(self.tr("Supprimer"), self)
        self.remove_button.clicked.connect(self.remove_card)
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def show_patient(self, patient: PatientView | None) -> None:
        cards = patient.vitale_cards if patient else ()
        self.list.clear()
        for card in cards:
            item = QListWidgetItem(fill(self.tr("N° d'assuré %1, rang %2 : %3 %4, date de naissance %5"),
                                        format_matricule(card.insured_nir), card.birth_rank, card.name,
                                        card.given_name, display_birth_date(card.birth_date)))
            item.setData(Qt.ItemDataRole.UserRole, card.id)
            self.list.addItem(item)
        self.label.setText(self.tr("Aucune carte Vitale enregistrée pour ce patient.") if not cards
                           else self.tr("Données lues sur la carte ; elles ne modifient pas l'identité."))
        self.list.setVisible(bool(cards))

    def refresh_buttons(self) -> None:
        """Cards of a stored identity only; no action while another one runs."""
        idle = not self._host.busy
        self.add_button.setEnabled(self._host.patient is not None and idle)
        chosen = self.chosen_card() is not None
        self.edit_button.setEnabled(chosen and idle)
        self.remove_button.setEnabled(chosen and idle)

    def chosen_card(self) -> VitaleCardView | None:
        item = self.list.currentItem()
        patient = self._host.patient
        if patient is None or item is None or not item.isSelected():
            return None
        card_id = item.data(Qt.ItemDataRole.UserRole)
        return next((card for card in patient.vitale_cards if card.id == card_id), None)

    def add_card(self) -> None:
        self._open_dialog(None)

    def edit_card(self) -> None:
        card = self.chosen_card()
        if card is not None:
            self._open_dialog(card)

    def _open_dialog(self, card: VitaleCardView | None) -> None:
        patient = self._host.patient
        if patient is None or self._host.busy:
            return
        dialog = VitaleCardDialog(self._context, self._tasks, patient, card, self)
        dialog.saved.connect(self.changed)
        self._host.keep(dialog)
        self.dialog = dialog
        dialog.open()

    def remove_card(self) -> None:
        """Delete the chosen card after a (non-modal) confirmation."""
        card = self.chosen_card()
        patient = self._host.patient
        if card is None or patient is None:
            return
        patient_id, card_id = patient.id, card.id
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Supprimer la carte Vitale"),
                          fill(self.tr("Supprimer la carte Vitale n° %1 de ce dossier ? L'identité n'est pas "
                                       "modifiée."), card.insured_nir),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Supprimer"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Conserver"))
        box.setObjectName("confirmVitaleRemoval")
        box.finished.connect(lambda result: self._host.run(
            actions.remove_vitale_card(self._context.database, patient_id, card_id, actions.user_of(self._context)),
            self.tr("Suppression de la carte Vitale"), self.changed.emit)
            if result == QMessageBox.StandardButton.Yes else None)
        self._host.keep(box)
        box.open()
