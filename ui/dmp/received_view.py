"""A document imported from the DMP or received by MSSanté, read in the patient's Documents (issue 13 item 8):
its origin and arrival above the viewer; the bytes are exactly those received, displayed as the DMP panel
displays them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from lgc_app.bootstrap import AppContext
from lgc_app.dmp.consultation import ReceivedDocument
from lgc_app.errors import explain
from ui.actions import dmp as actions
from ui.dmp.document_view import metadata_header, prepare_received
from ui.documents.viewer import CdaViewer, PreparedView
from ui.mss.inbox_origin import duplicate_lines, origin_head
from ui.tasks import Task, TaskManager, run_in_thread


async def prepare_received_document(context: AppContext, row: ReceivedDocument) -> PreparedView:
    """Read the stored bytes (as the session: NotPermitted for a role that may not) and prepare their display
    off the GUI thread."""
    mime, data = await actions.received_content(context, row.id)
    header = metadata_header(row.title, row.type_label, row.author, row.creation_time)
    return await run_in_thread(prepare_received, mime, data, header)


class ReceivedDocumentView(QWidget):
    """Read-only view of one imported document.

    Signals:
        shown(int): the document of this received id is displayed (or the reason it cannot be).
    """

    shown = Signal(int)

    def __init__(self, context: AppContext, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._tasks = tasks
        self._task: Task[PreparedView] | None = None
        self.row: ReceivedDocument | None = None
        self.heading = QLabel(self)
        self.heading.setObjectName("receivedHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold;")
        self.origin = QLabel(self)
        self.origin.setObjectName("receivedOrigin")
        self.origin.setTextFormat(Qt.TextFormat.PlainText)
        self.origin.setWordWrap(True)
        self.origin.setStyleSheet("color: #555;")
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.viewer = CdaViewer(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.origin)
        layout.addWidget(self.status)
        layout.addWidget(self.viewer, 1)

    def show_document(self, row: ReceivedDocument) -> None:
        self.dispose()
        self.row = row
        self.heading.setText(row.title)
        author = row.author or row.type_label
        if row.by_mss:
            origin = self.tr("%1 — %2 — lecture seule").replace("%1", origin_head(row)).replace("%2", author)
        else:
            origin = (self.tr("Reçu du DMP — %1 — importé le %2 par %3 — lecture seule").replace("%1", author)
                      .replace("%2", row.imported_at.astimezone().strftime("%d/%m/%Y à %H:%M"))
                      .replace("%3", row.imported_by))
        self.origin.setText("\n".join([origin, *duplicate_lines(row)]))
        self.viewer.clear()
        self.status.setText(self.tr("Lecture du document…"))
        self.status.show()
        self._task = self._tasks.run(prepare_received_document(self._context, row),
                                     label_fr=self.tr("Lecture d'un document reçu du DMP"))
        self._task.on_success(lambda prepared: self._prepared(row.id, prepared))
        self._task.on_failure(lambda error: self._failed(row.id, error))

    def _prepared(self, received_id: int, prepared: PreparedView) -> None:
        if self.row is None or self.row.id != received_id:
            return
        self.status.hide()
        self.viewer.show_prepared(prepared)
        self.shown.emit(received_id)

    def _failed(self, received_id: int, error: BaseException) -> None:
        if self.row is None or self.row.id != received_id:
            return
        self.status.setText(explain(error).text)
        self.shown.emit(received_id)

    def dispose(self) -> None:
        """Stop reading (another document or patient is shown)."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
