"""The CPS PIN dialog: non-modal, the PIN goes to the card in a thread and is forgotten at once.

It shows whose card it is and the card's own retry counter (read from the card, never counted here), then
each refusal with the counter after it; a blocked card disables the entry. `unlocked` is emitted once the
card accepted the PIN; the dialog then closes.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from services.card.card import CARD_LOCKED, CARD_NOT_UNLOCKED, Card, CardError, CardHolder, PinState
from ui.tasks import TaskManager, run_in_thread


class PinDialog(QDialog):
    unlocked = Signal()

    def __init__(self, card: Card, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._card = card
        self._tasks = tasks
        self.setWindowTitle(self.tr("Code PIN de la carte CPS"))
        self.holder_label = QLabel(self.tr("Lecture de la carte…"))
        self.tries_label = QLabel()
        self.tries_label.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("Code PIN (4 chiffres)"))
        self.pin.setMaxLength(8)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Déverrouiller"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.holder_label, self.pin, self.tries_label, self.error_label, self.buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(420)
        self._set_busy(True)
        self._tasks.run(run_in_thread(self._read_card), label_fr="Lecture de la carte CPS", visible=False
                        ).on_success(self._show_card).on_failure(self._show_error)

    def _read_card(self) -> tuple[CardHolder | None, PinState]:
        try:
            holder: CardHolder | None = self._card.holder()
        except CardError as exc:
            if exc.code != CARD_NOT_UNLOCKED:
                raise
            holder = None  # a software card names its holder only once unlocked
        return holder, self._card.pin_state()

    def _show_card(self, read: tuple[CardHolder | None, PinState]) -> None:
        holder, state = read
        self.holder_label.setText(self.tr("Carte de {name} (n° {id})").format(name=holder.display_name,
                                                                              id=holder.national_id)
                                  if holder else self.tr("Carte CPS"))
        self._show_state(state)

    def _show_state(self, state: PinState) -> None:
        # a refusal already says where the counter stands: not twice
        self.tries_label.setText("" if state.text in self.error_label.text() else state.text)
        self.tries_label.setVisible(bool(self.tries_label.text()))
        self.error_label.setVisible(bool(self.error_label.text()))
        self.adjustSize()  # a refusal may take two lines
        self._set_busy(False)
        if state is PinState.LOCKED:
            self.pin.setEnabled(False)
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def _show_error(self, error: BaseException) -> None:
        self.error_label.setText(error.text if isinstance(error, CardError) else str(error))
        self._set_busy(False)
        if isinstance(error, CardError) and error.pin_state is not None:
            self._show_state(error.pin_state)
        elif isinstance(error, CardError) and error.code == CARD_LOCKED:
            self._show_state(PinState.LOCKED)

    def _set_busy(self, busy: bool) -> None:
        self.pin.setEnabled(not busy)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not busy)

    def submit(self) -> None:
        pin = self.pin.text()
        self.pin.clear()  # the PIN lives only in this call, on its way to the card
        if not pin:
            return
        self.error_label.clear()
        self._set_busy(True)
        self._tasks.run(run_in_thread(self._card.login, pin), label_fr="Déverrouillage de la carte CPS",
                        cancellable=False).on_success(self._unlocked).on_failure(self._show_error)

    def _unlocked(self, _result: None) -> None:
        self.unlocked.emit()
        self.accept()
