"""The patient's "Correspondants" part: list, add from the Annuaire Santé (role, chosen MSSanté box), change,
remove. Only the boxes the Annuaire lists for the professional are offered (never a plain e-mail)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lgc_app.bootstrap import AppContext
from lgc_app.directory.use_cases import CorrespondentRole, CorrespondentView
from lgc_app.errors import explain
from services.annuaire import PractitionerEntry
from ui.actions import directory as actions
from ui.directory.search_dialog import DirectorySearchDialog, show_choosing
from ui.mss.compose_module import open_compose
from ui.style import mark_error
from ui.tasks import TaskManager


class CorrespondentDialog(QDialog):
    """Role and mailbox of one correspondent (new from a directory entry, or an existing one)."""

    def __init__(self, entry: PractitionerEntry, role: CorrespondentRole = CorrespondentRole.OTHER,
                 mailbox: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("correspondentDialog")
        self.setWindowTitle(self.tr("Correspondant"))
        layout = QVBoxLayout(self)
        title = QLabel(f"{entry.display_name} — RPPS {entry.rpps}", self)
        title.setStyleSheet("font-weight: bold;")
        layout.addWidget(title)
        form = QFormLayout()
        self.role = QComboBox(self)
        for choice in CorrespondentRole:
            self.role.addItem(self.tr(choice.label), choice.value)
        self.role.setCurrentIndex(list(CorrespondentRole).index(role))
        self.mailbox = QComboBox(self)
        self.mailbox.addItem(self.tr("Aucune (pas d'envoi MSSanté)"), "")
        for box in entry.all_mailboxes():
            self.mailbox.addItem(f"{box.address} ({box.kind.label})", box.address)
        index = self.mailbox.findData(mailbox)
        self.mailbox.setCurrentIndex(index if index >= 0 else min(1, self.mailbox.count() - 1))
        form.addRow(self.tr("Rôle"), self.role)
        form.addRow(self.tr("Messagerie MSSanté"), self.mailbox)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Enregistrer"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen_role(self) -> CorrespondentRole:
        return CorrespondentRole(self.role.currentData())

    def chosen_mailbox(self) -> str:
        return str(self.mailbox.currentData() or "")


class CorrespondentsPanel(QGroupBox):
    """Signals: changed(): the list was reloaded after a change (tests)."""

    changed = Signal()

    def __init__(self, context: AppContext, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("correspondentsPanel")
        self.setTitle(self.tr("Correspondants"))
        self._context = context
        self._tasks = tasks
        self.patient_id: int | None = None
        self.rows: list[CorrespondentView] = []
        self.search_dialog: DirectorySearchDialog | None = None
        self.correspondent_dialog: CorrespondentDialog | None = None  # the last one opened (tests)
        self.compose_dialog: QDialog | None = None  # the last secure message opened (tests)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("Rôle"), self.tr("Professionnel"), self.tr("Spécialité"),
                                              self.tr("Messagerie MSSanté")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(110)
        layout.addWidget(self.table)
        self.error_label = QLabel(self)
        mark_error(self.error_label)
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Ajouter depuis l'Annuaire…"), self)
        self.edit_button = QPushButton(self.tr("Modifier…"), self)
        self.remove_button = QPushButton(self.tr("Retirer"), self)
        self.write_button = QPushButton(self.tr("Écrire à un correspondant…"), self)
        for button, slot in ((self.add_button, self.open_search), (self.edit_button, self.edit_selected),
                             (self.remove_button, self.remove_selected), (self.write_button, self.write)):
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.show_patient(None)

    def show_patient(self, patient_id: int | None) -> None:
        self.patient_id = patient_id
        self._fill(())
        if patient_id is not None:
            self.reload()

    def reload(self) -> None:
        if self.patient_id is not None:
            self._run(actions.correspondents(self._context.database, self.patient_id), self._fill)

    def _fill(self, rows: tuple[CorrespondentView, ...]) -> None:
        self.rows = list(rows)
        self.table.setRowCount(0)
        for view in rows:
            row = self.table.rowCount()
            self.table.insertRow(row)
            box = f"{view.mailbox} ({view.mailbox_kind.label})" if view.mailbox and view.mailbox_kind else \
                self.tr("aucune")
            for column, text in enumerate((self.tr(view.role.label), view.display_name, view.specialty, box)):
                item = QTableWidgetItem(text)
                item.setToolTip(view.place if column == 1 else text)
                self.table.setItem(row, column, item)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(self.patient_id is not None)
        self.write_button.setEnabled(self.patient_id is not None)
        selected = self.selected() is not None
        self.edit_button.setEnabled(selected)
        self.remove_button.setEnabled(selected)

    def selected(self) -> CorrespondentView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def write(self) -> None:
        """A secure message about this patient, to the selected correspondent (ticked) or any other."""
        view = self.selected()
        if self.patient_id is not None:
            self.compose_dialog = open_compose(self._context, self._tasks, self.window(),
                                               patient_id=self.patient_id,
                                               preselect=view.mailbox if view is not None else "")

    def open_search(self) -> None:
        self.search_dialog = show_choosing(self.search_dialog, self._context, self._tasks, self, self.add_entry)

    def add_entry(self, entry: PractitionerEntry) -> None:
        patient_id = self.patient_id
        if patient_id is None:
            return
        dialog = CorrespondentDialog(entry, parent=self)
        self._ask(dialog, lambda: self._run(actions.add_correspondent(
            self._context, patient_id, entry, dialog.chosen_role(), dialog.chosen_mailbox()),
            lambda _view: self._after_change()))

    def edit_selected(self) -> None:
        view = self.selected()
        if view is not None:
            self._run(actions.cached_entry(self._context.database, view.rpps),
                      lambda cached: self._edit(view, cached.entry if cached else None))

    def _edit(self, view: CorrespondentView, entry: PractitionerEntry | None) -> None:
        # Without the cached entry, only the role and the current box (or none) can be chosen.
        shown = entry or PractitionerEntry(resource_id="", rpps=view.rpps, family=view.family, given=view.given)
        dialog = CorrespondentDialog(shown, view.role, view.mailbox, self)
        if entry is None and view.mailbox:
            dialog.mailbox.addItem(view.mailbox, view.mailbox)
            dialog.mailbox.setCurrentIndex(dialog.mailbox.count() - 1)
        self._ask(dialog, lambda: self._run(actions.change_correspondent(
            self._context.database, view.id, dialog.chosen_role(), dialog.chosen_mailbox()),
            lambda _view: self._after_change()))

    def _ask(self, dialog: CorrespondentDialog, on_accept: Callable[[], None]) -> None:
        """Window-modal, never `exec()` (STYLE.md §2: no nested event loop under qasync)."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(on_accept)
        self.correspondent_dialog = dialog
        dialog.open()

    def remove_selected(self) -> None:
        view = self.selected()
        if view is not None:
            self._run(actions.remove_correspondent(self._context.database, view.id),
                      lambda _none: self._after_change())

    def _after_change(self) -> None:
        self.reload()
        self.changed.emit()

    def _run(self, coro: Any, done: Any) -> None:
        self.error_label.clear()
        task = self._tasks.run(coro, label_fr=self.tr("Correspondants du patient"), owner=self)
        task.on_success(done).on_failure(lambda error: self.error_label.setText(explain(error).text))
