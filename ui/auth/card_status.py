"""The status bar's CPS indicator of the master workstation: is a card present, and whose.

The card is polled off the GUI thread (reading a certificate costs a few milliseconds; a reader may take
longer), every `INTERVAL_MS`, never twice at once.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from services.card.card import CARD_NOT_UNLOCKED, Card, CardError, CardHolder
from ui.tasks import TaskManager, run_in_thread

INTERVAL_MS = 3000


class CardStatus(QLabel):
    def __init__(self, card: Card, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._card = card
        self._tasks = tasks
        self._polling = False
        self.setText(self.tr("CPS : lecture…"))
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.poll)
        self._timer.start()
        # the window is built before the event loop runs (ui/app.py): the first reading waits for it
        QTimer.singleShot(0, self, self.poll)

    def poll(self) -> None:
        if self._polling:
            return
        self._polling = True
        self._tasks.run(run_in_thread(self._card.holder), label_fr=self.tr("Lecture de la carte CPS"), visible=False,
                        ).on_success(self._present).on_failure(self._absent)

    def _present(self, holder: CardHolder) -> None:
        self._polling = False
        state = self.tr("déverrouillée") if self._card.unlocked else self.tr("PIN non saisi")
        self.setText(self.tr("CPS : {name} ({state})").format(name=holder.display_name, state=state))
        self.setToolTip(self.tr("Carte CPS n° {id}").format(id=holder.national_id))

    def _absent(self, error: BaseException) -> None:
        self._polling = False
        if isinstance(error, CardError) and error.code == CARD_NOT_UNLOCKED:
            self.setText(self.tr("CPS : carte logicielle, PIN non saisi"))
        elif isinstance(error, CardError):
            self.setText(self.tr("CPS : aucune carte"))
        else:
            self.setText(self.tr("CPS : lecteur indisponible"))
        self.setToolTip(error.text if isinstance(error, CardError) else "")
