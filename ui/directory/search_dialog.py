"""The "Annuaire Santé" search dialog: non-modal, results as the user types (debounced), a busy line with
"Annuler", "Plus de résultats" following the server's paging (SC.DMP/UX.10: the window stays usable during
every request, 3 s latency included).

Each new search cancels the one in flight: only the answer to the last criteria is shown. In choosing mode
("Choisir"), `chosen` hands the selected practitioner to whoever opened the dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lgc_app.bootstrap import AppContext
from lgc_app.errors import explain
from services.annuaire import PractitionerEntry, PractitionerQuery, SearchPage
from services.annuaire.constants import QUALIFICATIONS
from ui.actions import directory as actions
from ui.activity import Spinner
from ui.tasks import Task, TaskManager

DEBOUNCE_MS = 400
MIN_NAME_LENGTH = 2


def mailboxes_text(entry: PractitionerEntry) -> str:
    return "\n".join(f"{box.address} ({box.kind.label})" for box in entry.all_mailboxes())


class DirectorySearchDialog(QDialog):
    """Signals:
    chosen(object): the `PractitionerEntry` the user chose (choosing mode only).
    results_shown(int): the number of practitioners listed after an answer (tests).
    """

    chosen = Signal(object)
    results_shown = Signal(int)

    def __init__(self, context: AppContext, tasks: TaskManager, *, choosing: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("directorySearchDialog")
        self.setWindowTitle(self.tr("Annuaire Santé"))
        self.resize(900, 560)
        self._context = context
        self._tasks = tasks
        self._task: Task[Any] | None = None
        self._page: SearchPage | None = None
        self._total: int | None = None  # the first page's count (later pages may not repeat it)
        self.entries: list[PractitionerEntry] = []
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.family = QLineEdit(self)
        self.family.setPlaceholderText(self.tr("Nom (au moins 2 lettres)"))
        self.given = QLineEdit(self)
        self.rpps = QLineEdit(self)
        self.rpps.setPlaceholderText(self.tr("11 chiffres"))
        self.specialty = QComboBox(self)
        self.specialty.addItem(self.tr("Toutes professions et spécialités"), "")
        for code, label in QUALIFICATIONS:
            self.specialty.addItem(label, code)
        self.city = QLineEdit(self)
        form.addRow(self.tr("Nom"), self.family)
        form.addRow(self.tr("Prénom"), self.given)
        form.addRow(self.tr("RPPS"), self.rpps)
        form.addRow(self.tr("Profession ou spécialité"), self.specialty)
        form.addRow(self.tr("Ville d'exercice"), self.city)
        layout.addLayout(form)
        busy = QHBoxLayout()
        self.spinner = Spinner(self)
        self.busy_label = QLabel(self.tr("Recherche dans l'Annuaire Santé…"), self)
        self.cancel_button = QPushButton(self.tr("Annuler la recherche"), self)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel_search)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        busy.addWidget(self.spinner)
        busy.addWidget(self.busy_label)
        busy.addWidget(self.cancel_button)
        busy.addWidget(self.status_label, 1)
        layout.addLayout(busy)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([self.tr("Nom"), self.tr("RPPS"), self.tr("Profession, spécialité"),
                                              self.tr("Lieu d'exercice"), self.tr("Messageries MSSanté")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((140, 95, 170, 200)):
            self.table.setColumnWidth(column, width)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.more_button = QPushButton(self.tr("Plus de résultats"), self)
        self.more_button.setAutoDefault(False)
        self.more_button.clicked.connect(self.load_more)
        self.choose_button = QPushButton(self.tr("Choisir"), self)
        self.choose_button.setAutoDefault(False)
        self.choose_button.setVisible(choosing)
        self.choose_button.clicked.connect(self.choose)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        if choosing:
            self.table.itemDoubleClicked.connect(lambda _item: self.choose())
        close = QPushButton(self.tr("Fermer"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.close)
        buttons.addWidget(self.more_button)
        buttons.addStretch(1)
        buttons.addWidget(self.choose_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.search_now)
        for field in (self.family, self.given, self.rpps, self.city):
            field.textChanged.connect(self.debounce.start)
        self.specialty.currentIndexChanged.connect(self.debounce.start)
        self._set_busy(False)
        self._selection_changed()

    def query(self) -> PractitionerQuery:
        return PractitionerQuery(family=self.family.text(), given=self.given.text(), rpps=self.rpps.text(),
                                 specialty=str(self.specialty.currentData() or ""), city=self.city.text())

    @property
    def busy(self) -> bool:
        return self._task is not None

    def search_now(self) -> None:
        """Search with the current criteria (the debounce timer calls it), replacing any search in flight."""
        self.debounce.stop()
        query = self.query()
        if len(query.family.strip()) < MIN_NAME_LENGTH and not query.rpps.strip() and not query.specialty:
            self._cancel_task()
            self.status_label.setText(self.tr("Saisissez au moins 2 lettres du nom, un RPPS ou une spécialité."))
            return
        self._start(actions.search(self._context, query), replace=True)

    def load_more(self) -> None:
        if self._page is not None and self._page.next_url is not None and not self.busy:
            self._start(actions.more(self._context, self._page), replace=False)

    def _start(self, coro: Any, *, replace: bool) -> None:
        self._cancel_task()
        self.status_label.clear()
        self._task = self._tasks.run(coro, label_fr=self.tr("Recherche dans l'Annuaire Santé"), owner=self)
        self._task.on_success(lambda page: self._answered(page, replace)).on_failure(self._failed)
        self._set_busy(True)

    def cancel_search(self) -> None:
        self._cancel_task()
        self.status_label.setText(self.tr("Recherche annulée."))

    def _cancel_task(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self._task = None
        self._set_busy(False)

    def _answered(self, page: SearchPage | None, replace: bool) -> None:
        self._task = None
        self._set_busy(False)
        if replace:
            self.entries = []
            self.table.setRowCount(0)
            self._total = page.total if page is not None else None
        if page is not None:
            self._page = page
            for entry in page.practitioners:
                self._add_row(entry)
        self._show_count()
        self.results_shown.emit(len(self.entries))

    def _failed(self, error: BaseException) -> None:
        self._task = None
        self._set_busy(False)
        self.status_label.setText(explain(error).text)

    def _show_count(self) -> None:
        total = self._total
        if not self.entries:
            self.status_label.setText(self.tr("Aucun professionnel ne correspond."))
        elif total is not None:
            self.status_label.setText(self.tr("%n professionnel(s) affiché(s)", "", len(self.entries))
                                      + self.tr(" sur %1.").replace("%1", str(total)))
        else:
            self.status_label.setText(self.tr("%n professionnel(s) affiché(s).", "", len(self.entries)))
        self.more_button.setEnabled(self._page is not None and self._page.next_url is not None)

    def _add_row(self, entry: PractitionerEntry) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.entries.append(entry)
        qualifications = ", ".join(q.label for q in (entry.profession, entry.specialty) if q is not None)
        places = "\n".join(f"{place.name}, {place.address}" for place in entry.places)
        boxes = mailboxes_text(entry) or self.tr("aucune messagerie MSSanté publiée")
        for column, text in enumerate((entry.display_name, entry.rpps, qualifications, places, boxes)):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            self.table.setItem(row, column, item)
        self.table.resizeRowToContents(row)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.spinner, self.busy_label, self.cancel_button):
            widget.setVisible(busy)
        self.more_button.setEnabled(not busy and self._page is not None and self._page.next_url is not None)

    def _selection_changed(self) -> None:
        self.choose_button.setEnabled(self.selected() is not None)

    def selected(self) -> PractitionerEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def choose(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.chosen.emit(entry)
            self.close()

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.focusWidget() is not self.table:
            self.search_now()  # Enter searches at once instead of closing the dialog
            return
        super().keyPressEvent(event)


def show_choosing(dialog: DirectorySearchDialog | None, context: AppContext, tasks: TaskManager, parent: QWidget,
                  on_chosen: Callable[[PractitionerEntry], None]) -> DirectorySearchDialog:
    """The Annuaire search to choose a professional for `parent`: built once, shown again with its last search."""
    if dialog is None:
        dialog = DirectorySearchDialog(context, tasks, choosing=True, parent=parent)
        dialog.chosen.connect(on_chosen)
    dialog.show()
    dialog.raise_()
    return dialog
