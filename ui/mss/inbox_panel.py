"""The "Messagerie" panel: the documents received by MSSanté, the KO work list (filters), and their actions.

The list and the badge counts are read on the database thread; a cheap poll of `badge_counts` every POLL_MS
notices what the background reception integrated and reloads the list then. "Relever la boîte" reads the
mailbox now (a cancellable task in the activity indicator). Opening a document shows it in the safe CDA viewer
below the list; "Réessayer", "Rapprocher…" and "Rejeter…" act on the selected document of the work list.

A role that may not read clinical content (IE.33: the secretariat) sees the list, retries and rejects, but
neither opens a document nor matches one: the core says matching is a clinical act (`worklist.match_by_hand`
requires READ_CLINICAL), so the panel follows it.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from lgc_app.auth.permissions import Permission, allows
from lgc_app.bootstrap import AppContext
from lgc_app.errors import explain
from lgc_app.mss.inbox.reception import FetchSummary
from lgc_app.mss.inbox.worklist import OPEN_STATES, InboxEntry, ItemState
from ui import messages
from ui.dmp.document_view import metadata_header, prepare_received
from ui.documents.viewer import CdaViewer, PreparedView
from ui.mss import inbox_actions as actions
from ui.mss.inbox_model import FILTERS, InboxModel, filter_label
from ui.mss.matching_dialog import MatchingDialog
from ui.mss.worklist_reject import RejectDialog
from ui.record_table import record_table
from ui.tasks import Task, TaskManager, run_in_thread

POLL_MS = 5000


async def prepare_item(context: AppContext, entry: InboxEntry) -> PreparedView:
    """Read a received document (as the session: NotPermitted for a role that may not) and prepare its display
    off the GUI thread."""
    mime, data = await actions.item_content(context, entry.id)
    return await run_in_thread(prepare_received, mime, data,
                               metadata_header(entry.title, entry.type_label, entry.author, None))


class InboxPanel(QWidget):
    """Received documents above, the open one below.

    Signals:
        counts_changed(dict): the badge counts ({"new", "to_match", "ko"}) as last read.
        refreshed(): the list shows what the database holds now (tests, measurements).
        opened(int): this item's document is displayed, or the reason it cannot be.
        acted(int): an action on this item ended (retried, matched, rejected), the list is being reloaded.
    """

    counts_changed = Signal(dict)
    refreshed = Signal()
    opened = Signal(int)
    acted = Signal(int)

    def __init__(self, context: AppContext, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.tasks = tasks
        self.counts: dict[str, int] = {}
        self._listing: Task[list[InboxEntry]] | None = None
        self._polling: Task[dict[str, int]] | None = None
        self._viewing: Task[PreparedView] | None = None
        self.fetching: Task[FetchSummary] | None = None
        self.open_item: int | None = None
        self.filter = QComboBox(self)
        for index in range(len(FILTERS)):
            self.filter.addItem(filter_label(index))
        self.filter.setCurrentIndex(1)  # the work list first: what waits for someone
        self.filter.currentIndexChanged.connect(lambda _index: self.refresh())
        self.fetch_button = QPushButton(self.tr("Relever la boîte"), self)
        self.fetch_button.setToolTip(self.tr("Lire maintenant les messages arrivés dans la boîte MSSanté du "
                                             "cabinet."))
        self.fetch_button.clicked.connect(self.fetch)
        self.connection = QLabel(self)
        self.connection.setObjectName("mssConnection")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Afficher :"), self))
        top.addWidget(self.filter)
        top.addStretch(1)
        top.addWidget(self.connection)
        top.addWidget(self.fetch_button)
        self.model = InboxModel(self)
        self.view = record_table(self.model, InboxModel.SUBJECT, self)
        self.view.activated.connect(lambda index: self.open_row(index.row()))
        self.view.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.reason = QLabel(self)
        self.reason.setObjectName("inboxReason")
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.reason.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Ouvrir"), self)
        self.retry_button = QPushButton(self.tr("Réessayer"), self)
        self.match_button = QPushButton(self.tr("Rapprocher…"), self)
        self.reject_button = QPushButton(self.tr("Rejeter…"), self)
        self.open_button.clicked.connect(lambda: self.open_row(self._current_row()))
        self.retry_button.clicked.connect(self.retry)
        self.match_button.clicked.connect(self.ask_match)
        self.reject_button.clicked.connect(self.ask_reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reason, 1)
        for button in (self.open_button, self.retry_button, self.match_button, self.reject_button):
            buttons.addWidget(button)
        upper = QWidget(self)
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(top)
        upper_layout.addWidget(self.view, 1)
        upper_layout.addLayout(buttons)
        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("color: #555;")
        self.viewer = CdaViewer(self)
        self.lower = QStackedWidget(self)
        self.lower.addWidget(self.placeholder)
        self.lower.addWidget(self.viewer)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(upper)
        splitter.addWidget(self.lower)
        splitter.setStretchFactor(0, 2)  # the list keeps room for a dozen rows above the document
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.dialog: MatchingDialog | RejectDialog | None = None
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self.poll)
        self.poll_timer.start()
        self.apply_role()
        # the window may be built before the event loop runs (ui/app.py): start reading once it does
        QTimer.singleShot(0, self, self.refresh)

    # -- role -------------------------------------------------------------------------------------------

    @property
    def reads_clinical(self) -> bool:
        return allows(self.context.session, Permission.READ_CLINICAL)

    def apply_role(self) -> None:
        if self.reads_clinical:
            self.placeholder.setText(self.tr("Ouvrez un document de la liste pour le lire."))
        else:
            self.placeholder.setText(self.tr("Votre rôle (%1) permet de voir les documents reçus, de les "
                                             "relancer ou de les rejeter, pas de les lire ni de les rapprocher "
                                             "d'un patient.").replace("%1", self.context.session.user.role.label))
            self._close_viewer()
        self._update_actions()

    # -- the list ---------------------------------------------------------------------------------------

    def states(self) -> tuple[ItemState, ...] | None:
        return FILTERS[self.filter.currentIndex()][1]

    def refresh(self) -> None:
        """Read the list (with the current filter) and the badge counts again."""
        if self._listing is not None:
            self._listing.cancel()
        states = self.states()
        self._listing = self.tasks.run(actions.list_inbox(self.context.database, states),
                                       label_fr=self.tr("Documents reçus par MSSanté"))
        self._listing.on_success(lambda entries: self._listed(states, entries))
        self.poll()

    def _listed(self, states: tuple[ItemState, ...] | None, entries: list[InboxEntry]) -> None:
        if states != self.states():
            return  # the filter changed meanwhile: its own listing follows
        self._listing = None
        selected = self.selected()
        self.model.set_entries(entries)
        row = self.model.row_of(selected.id) if selected is not None else None
        if row is not None:
            self.view.selectRow(row)
        self._update_actions()
        self.refreshed.emit()

    def poll(self) -> None:
        """Read the badge counts (one grouped count); reload the list when they changed: something arrived.
        Not while the window is hidden (closing: the loop may be gone)."""
        if self._polling is not None or not self.window().isVisible():
            return
        self._polling = self.tasks.run(actions.badge_counts(self.context.database),
                                       label_fr=self.tr("Nouveaux documents reçus"), visible=False)
        self._polling.on_success(self._counted)
        self._polling.on_failure(lambda _error: setattr(self, "_polling", None))  # a badge is a hint only

    def _counted(self, counts: dict[str, int]) -> None:
        self._polling = None
        if counts == self.counts:
            return
        known = bool(self.counts)
        self.counts = counts
        self.counts_changed.emit(counts)
        if known and self._listing is None:
            self.refresh()

    def selected(self) -> InboxEntry | None:
        return self.model.entry_at(self._current_row())

    def _current_row(self) -> int:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def select_item(self, item_id: int) -> bool:
        row = self.model.row_of(item_id)
        if row is None:
            return False
        self.view.selectRow(row)
        return True

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_actions()

    def _update_actions(self) -> None:
        entry = self.selected()
        waiting = entry is not None and entry.state in OPEN_STATES
        reads = self.reads_clinical
        self.open_button.setEnabled(entry is not None and reads and entry.has_content)
        self.retry_button.setEnabled(waiting)
        self.match_button.setEnabled(waiting and reads and entry is not None and entry.has_content)
        self.reject_button.setEnabled(waiting)
        self.match_button.setToolTip("" if reads else self.tr("Le rapprochement d'un document est réservé aux "
                                                              "praticiens."))
        self.reason.setText(entry.reason if entry is not None else "")

    # -- reading ----------------------------------------------------------------------------------------

    def open_row(self, row: int) -> None:
        entry = self.model.entry_at(row)
        if entry is None or not self.reads_clinical:
            return
        self._close_viewer()
        self.open_item = entry.id
        self.viewer.clear()
        self.lower.setCurrentWidget(self.viewer)
        self._viewing = self.tasks.run(prepare_item(self.context, entry),
                                       label_fr=self.tr("Lecture d'un document reçu par MSSanté"))
        self._viewing.on_success(lambda prepared: self._prepared(entry.id, prepared))
        self._viewing.on_failure(lambda error: self._not_prepared(entry.id, error))

    def _prepared(self, item_id: int, prepared: PreparedView) -> None:
        if self.open_item != item_id:
            return
        self._viewing = None
        self.viewer.show_prepared(prepared)
        self.opened.emit(item_id)
        self.poll()  # it is seen now: one "new" less

    def _not_prepared(self, item_id: int, error: BaseException) -> None:
        if self.open_item != item_id:
            return
        self._viewing = None
        self.placeholder.setText(explain(error).text)
        self.lower.setCurrentWidget(self.placeholder)
        self.opened.emit(item_id)

    def _close_viewer(self) -> None:
        if self._viewing is not None:
            self._viewing.cancel()
            self._viewing = None
        self.open_item = None
        self.viewer.clear()
        self.lower.setCurrentWidget(self.placeholder)

    # -- actions ----------------------------------------------------------------------------------------

    def fetch(self) -> None:
        """"Relever la boîte": read the mailbox now; the summary says what came."""
        if self.fetching is not None:
            return
        self.fetch_button.setEnabled(False)
        self.fetching = self.tasks.run(actions.fetch_now(self.context),
                                       label_fr=self.tr("Relève de la messagerie MSSanté"), owner=self)
        self.fetching.on_success(self._fetched)
        self.fetching.on_failure(self._fetch_failed)
        self.fetching.future.add_done_callback(lambda _future: self._fetch_ended())  # also when cancelled

    def _fetch_ended(self) -> None:
        self.fetching = None
        self.fetch_button.setEnabled(True)

    def _fetched(self, summary: FetchSummary) -> None:
        messages.info(summary.text)
        self.refresh()

    def _fetch_failed(self, error: BaseException) -> None:
        messages.failure(self.tr("Relève de la messagerie MSSanté"), error)
        self.refresh()  # what was stored before the failure is listed

    def retry(self) -> None:
        entry = self.selected()
        if entry is None or entry.state not in OPEN_STATES:
            return
        task = self.tasks.run(actions.retry(self.context, entry.id), label_fr=self.tr("Nouvel essai d'intégration"))
        task.on_success(lambda state: self._done(entry.id, self.tr("Nouvel essai : %1.").replace(
            "%1", state.label.lower())))
        task.on_failure(lambda error: self._failed(entry.id, self.tr("Nouvel essai d'intégration"), error))

    def ask_match(self) -> None:
        entry = self.selected()
        if entry is None or entry.state not in OPEN_STATES or not self.reads_clinical:
            return
        dialog = MatchingDialog(self.context, self.tasks, entry, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.confirmed.connect(lambda patient_id: self.match(entry.id, patient_id))
        self._show_dialog(dialog)

    def match(self, item_id: int, patient_id: int) -> None:
        task = self.tasks.run(actions.match_by_hand(self.context, item_id, patient_id),
                              label_fr=self.tr("Rapprochement du document reçu"))
        task.on_success(lambda state: self._done(item_id, self.tr("Document rapproché : %1.").replace(
            "%1", state.label.lower())))
        task.on_failure(lambda error: self._failed(item_id, self.tr("Rapprochement du document reçu"), error))

    def ask_reject(self) -> None:
        entry = self.selected()
        if entry is None or entry.state not in OPEN_STATES:
            return
        dialog = RejectDialog(entry, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.confirmed.connect(lambda text: self.reject(entry.id, text))
        self._show_dialog(dialog)

    def reject(self, item_id: int, reply_text: str) -> None:
        task = self.tasks.run(actions.reject(self.context, item_id, reply_text),
                              label_fr=self.tr("Rejet du document reçu"))
        task.on_success(lambda _none: self._done(item_id, self.tr("Document rejeté ; l'expéditeur en est "
                                                                  "informé.")))
        task.on_failure(lambda error: self._failed(item_id, self.tr("Rejet du document reçu"), error))

    def _show_dialog(self, dialog: MatchingDialog | RejectDialog) -> None:
        """Window-modal, never `exec()` (STYLE.md §2)."""
        self.dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        dialog.open()

    def _done(self, item_id: int, text: str) -> None:
        messages.info(text)
        self.refresh()
        self.acted.emit(item_id)

    def _failed(self, item_id: int, label: str, error: BaseException) -> None:
        messages.failure(label, error)
        self.refresh()
        self.acted.emit(item_id)
