"""After an identity becomes qualified, offer to send to the DMP what waited for it (issue 13 item 2).

A document validated while the identity was not qualified is not ordered (its INS may not leave the software,
PROTOCOLS §1.3) and shows "non envoyé (identité non qualifiée)". Once the identity is qualified, its author is
asked once: "N documents attendaient la qualification de l'identité : les envoyer au DMP maintenant ?"; the
answer "Plus tard" leaves them, each still sendable from the document list ("Envoyer au DMP").
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from lgc_app.bootstrap import AppContext
from ui import messages
from ui.actions import dmp as actions
from ui.tasks import TaskManager


class QualificationOffer(QObject):
    """Asks, then sends, for one patient at a time.

    Signals:
        released(int, int): (patient id, number of documents now on their way to the DMP).
    """

    released = Signal(int, int)

    def __init__(self, context: AppContext, tasks: TaskManager, parent: QWidget) -> None:
        super().__init__(parent)
        self._context = context
        self._tasks = tasks
        self._parent = parent
        self.question: QMessageBox | None = None

    def identity_qualified(self, patient_id: int) -> None:
        """Look for the acting practitioner's documents that waited; ask only when there are some."""
        task = self._tasks.run(actions.waiting_for_qualification(self._context, patient_id),
                               label_fr=self.tr("Documents en attente de qualification"), visible=False)
        task.on_success(lambda waiting: self._ask(patient_id, len(waiting)) if waiting else None)
        task.on_failure(lambda error: messages.failure(self.tr("Envoi au DMP"), error))

    def _ask(self, patient_id: int, count: int) -> None:
        text = (self.tr("1 document attendait la qualification de l'identité : l'envoyer au DMP maintenant ?")
                if count == 1 else
                self.tr("%1 documents attendaient la qualification de l'identité : les envoyer au DMP "
                        "maintenant ?").replace("%1", str(count)))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Envoi au DMP"), text,
                          QMessageBox.StandardButton.NoButton, self._parent)
        send = box.addButton(self.tr("Envoyer au DMP"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Plus tard"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(send)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self._send(patient_id) if button is send else None)
        box.finished.connect(lambda _result: setattr(self, "question", None))
        self.question = box
        box.open()

    def _send(self, patient_id: int) -> None:
        task = self._tasks.run(actions.release_waiting(self._context, patient_id),
                               label_fr=self.tr("Envoi au DMP des documents en attente"))
        task.on_success(lambda order_ids: self._sent(patient_id, len(order_ids)))
        task.on_failure(lambda error: messages.failure(self.tr("Envoi au DMP"), error))

    def _sent(self, patient_id: int, count: int) -> None:
        messages.info(self.tr("%1 document(s) en cours d'envoi au DMP (suivi dans « Envois »).")
                      .replace("%1", str(count)))
        self.released.emit(patient_id, count)
