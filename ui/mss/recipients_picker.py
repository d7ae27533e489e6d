"""Who a free MSSanté message goes to: a list of check boxes — the patient's correspondents with their chosen
mailbox, the patient's Mon espace santé mailbox (or, greyed, why it cannot be used) and the addresses of
professionals found with the Annuaire Santé search dialog. Only MSSanté addresses can be ticked: a professional's
plain e-mail is listed greyed, marked as such, so that the user sees why it is not offered.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lgc_app.bootstrap import AppContext
from lgc_app.directory.use_cases import CorrespondentRole
from lgc_app.errors import explain
from lgc_app.mss.compose import Recipient, RecipientChoices, annuaire_options, annuaire_recipient
from services.annuaire import PractitionerEntry
from ui.directory.search_dialog import DirectorySearchDialog, show_choosing
from ui.mss import compose_actions as actions
from ui.tasks import TaskManager

_GREY = QColor("#777777")
ADDRESS_ROLE = Qt.ItemDataRole.UserRole + 1  # every listed address, usable or not


class RecipientsPicker(QGroupBox):
    """Signals:
    changed(): the ticked recipients changed.
    loaded(int): the choices of this patient are listed.
    """

    changed = Signal()
    loaded = Signal(int)

    def __init__(self, context: AppContext, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mssRecipients")
        self.setTitle(self.tr("Destinataires (messageries MSSanté)"))
        self._context = context
        self._tasks = tasks
        self.patient_id: int | None = None
        self.choices: RecipientChoices | None = None
        self.search_dialog: DirectorySearchDialog | None = None
        self.list = QListWidget(self)
        self.list.setMinimumHeight(120)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        self.annuaire_button = QPushButton(self.tr("Ajouter depuis l'Annuaire Santé…"), self)
        self.annuaire_button.setAutoDefault(False)
        self.annuaire_button.clicked.connect(self.open_search)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.annuaire_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)

    # -- filling --------------------------------------------------------------------------------------------

    def set_patient(self, patient_id: int | None, preselect: str = "") -> None:
        """List this patient's correspondents and box (read on the database thread); tick `preselect`."""
        self.patient_id = patient_id
        self.list.clear()
        if patient_id is None:
            self.note.setText(self.tr("Message sans patient : choisissez les destinataires dans l'Annuaire Santé."))
            return
        self.note.setText(self.tr("Lecture des correspondants…"))
        task = self._tasks.run(actions.recipient_choices(self._context.database, patient_id),
                               label_fr=self.tr("Correspondants du patient"), owner=self)
        task.on_success(lambda choices: self._show(patient_id, choices, preselect))
        task.on_failure(lambda error: self.note.setText(explain(error).text))

    def _show(self, patient_id: int, choices: RecipientChoices, preselect: str) -> None:
        if patient_id != self.patient_id:
            return
        self.choices = choices
        for recipient in choices.correspondents:
            role = CorrespondentRole(recipient.kind).label
            self._add(recipient, self.tr("%1 — %2 — %3").replace("%1", self.tr(role))
                      .replace("%2", recipient.label).replace("%3", recipient.address),
                      checked=recipient.address.lower() == preselect.lower())
        if choices.patient_box is not None:
            self._add(choices.patient_box, self.tr("Mon espace santé du patient — %1 — %2")
                      .replace("%1", choices.patient_name).replace("%2", choices.patient_box.address), checked=False)
        else:
            self._add_unusable(self.tr("Mon espace santé du patient : impossible (%1)")
                               .replace("%1", choices.patient_refusal_short), choices.patient_refusal, "")
        self.note.setText("" if choices.correspondents else self.tr(
            "Aucun correspondant avec une messagerie MSSanté : cherchez le destinataire dans l'Annuaire Santé."))
        self.loaded.emit(patient_id)
        self.changed.emit()

    def _add(self, recipient: Recipient, text: str, *, checked: bool) -> QListWidgetItem:
        item = QListWidgetItem(text, self.list)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        item.setData(Qt.ItemDataRole.UserRole, recipient)
        item.setData(ADDRESS_ROLE, recipient.address.lower())
        item.setToolTip(recipient.address)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        return item

    def _add_unusable(self, text: str, why: str, address: str) -> QListWidgetItem:
        item = QListWidgetItem(text, self.list)
        item.setData(ADDRESS_ROLE, address.lower())
        item.setFlags(Qt.ItemFlag.NoItemFlags)  # shown, never ticked
        item.setForeground(QBrush(_GREY))
        item.setToolTip(why)
        return item

    # -- the Annuaire --------------------------------------------------------------------------------------

    def open_search(self) -> None:
        self.search_dialog = show_choosing(self.search_dialog, self._context, self._tasks, self, self.add_entry)

    def add_entry(self, entry: PractitionerEntry) -> None:
        """The professional's MSSanté boxes, the first one ticked; their plain e-mails greyed."""
        options = annuaire_options(entry)
        first = True
        for option in options:
            existing = self._item_for(option.address)
            if not option.selectable:
                if existing is None:
                    self._add_unusable(self.tr("%1 — %2").replace("%1", entry.display_name).replace("%2", option.label),
                                       self.tr("Adresse e-mail ordinaire : elle ne peut pas recevoir de données de "
                                               "santé. Seules les messageries MSSanté sont proposées."),
                                       option.address)
                continue
            if existing is None:
                existing = self._add(annuaire_recipient(entry, option.address), self.tr("Annuaire — %1 — %2")
                                     .replace("%1", entry.display_name).replace("%2", option.label), checked=False)
            if first:
                existing.setCheckState(Qt.CheckState.Checked)
                first = False
        if first:
            self.note.setText(self.tr("%1 n'a pas de messagerie MSSanté publiée dans l'Annuaire Santé.")
                              .replace("%1", entry.display_name))

    def _item_for(self, address: str) -> QListWidgetItem | None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if address and item.data(ADDRESS_ROLE) == address.lower():
                return item
        return None

    # -- reading -------------------------------------------------------------------------------------------

    def chosen(self) -> tuple[Recipient, ...]:
        found = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            recipient = item.data(Qt.ItemDataRole.UserRole)
            if isinstance(recipient, Recipient) and item.checkState() is Qt.CheckState.Checked:
                found.append(recipient)
        return tuple(found)

    def tick(self, address: str) -> bool:
        """Tick the recipient with this address (tests, pre-selection); False when it is not listed."""
        item = self._item_for(address)
        if item is None or not isinstance(item.data(Qt.ItemDataRole.UserRole), Recipient):
            return False
        item.setCheckState(Qt.CheckState.Checked)
        return True
