"""A list of repeated items (prescription lines, problems, allergies…) edited as rows of fields.

Each row reads itself into one domain item; a row whose text fields are all empty is "blank": it is left
out of the draft when saving, and refused at validation (an empty prescription line is an error the user
must see, never a line saved with nothing in it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.documents.fields import ErrorLabel, Findings

T = TypeVar("T")


def tr(text: str) -> str:
    return QCoreApplication.translate("DocumentRows", text)


class ItemRow(QFrame, Generic[T]):
    """One item: fields laid out on a grid, a remove button, an error label under them.

    Subclasses add their fields with `place()`, and implement `read()`/`show_item()`.

    Signals:
        changed(): a field changed.
        remove_requested(): the user clicked the remove button.
    """

    changed = Signal()
    remove_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(6)
        self.remove_button = QToolButton(self)
        self.remove_button.setText("✕")
        self.remove_button.setToolTip(tr("Supprimer cette ligne"))
        self.remove_button.setAccessibleName(tr("Supprimer cette ligne"))
        self.remove_button.clicked.connect(self.remove_requested)
        self.error = ErrorLabel(self)
        top = QHBoxLayout()
        top.addLayout(self.grid, 1)
        top.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(top)
        layout.addWidget(self.error)
        self._inputs: list[QWidget] = []

    def place(self, widget: QWidget, row: int, column: int, caption: str = "", span: int = 1) -> QWidget:
        """Put a field on the grid (with a small caption above it) and watch it for changes."""
        cell = QVBoxLayout()
        cell.setSpacing(1)
        if caption:
            text = QLabel(caption, self)
            text.setStyleSheet("color: #555; font-size: small;")
            text.setBuddy(widget)
            cell.addWidget(text)
        cell.addWidget(widget)
        self.grid.addLayout(cell, row, column, 1, span)
        self._watch(widget)
        return widget

    def _watch(self, widget: QWidget) -> None:
        self._inputs.append(widget)
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(self.changed)
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(self.changed)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(self.changed)
        elif isinstance(widget, QAbstractSpinBox):
            widget.editingFinished.connect(self.changed)
            widget.valueChanged.connect(self.changed)  # type: ignore[attr-defined]
        elif isinstance(widget, QAbstractButton):
            widget.toggled.connect(self.changed)

    def is_blank(self) -> bool:
        """No text typed in any text field."""
        return not any(w.text().strip() for w in self._inputs if isinstance(w, QLineEdit))

    def set_editable(self, editable: bool) -> None:
        self.remove_button.setVisible(editable)
        for widget in self._inputs:
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.setReadOnly(not editable)
            elif isinstance(widget, QAbstractSpinBox):
                widget.setReadOnly(not editable)
                widget.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.UpDownArrows if editable
                                        else QAbstractSpinBox.ButtonSymbols.NoButtons)
            else:
                widget.setEnabled(editable)

    def read(self, findings: Findings, strict: bool) -> T:
        raise NotImplementedError

    def show_item(self, item: T) -> None:
        raise NotImplementedError


class RowList(QWidget, Generic[T]):
    """Rows of one kind in a scroll area, with an "add" button under them.

    Signals:
        changed(): a row was added, removed or edited.
    """

    changed = Signal()

    def __init__(self, make_row: Callable[[], ItemRow[T]], add_text: str, blank_message: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._make_row = make_row
        self._blank_message = blank_message
        self._rows: list[ItemRow[T]] = []
        self._holder = QWidget()
        self._rows_layout = QVBoxLayout(self._holder)
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._holder)
        self.add_button = QPushButton(add_text, self)
        self.add_button.clicked.connect(self._add_clicked)
        bottom = QHBoxLayout()
        bottom.addWidget(self.add_button)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)

    def rows(self) -> list[ItemRow[T]]:
        return list(self._rows)

    def add_row(self) -> ItemRow[T]:
        row = self._make_row()
        row.setParent(self._holder)
        row.changed.connect(self.changed)
        row.remove_requested.connect(lambda: self.remove_row(row))
        self._rows.append(row)
        self._rows_layout.insertWidget(self._rows_layout.count() - 1, row)
        return row

    def remove_row(self, row: ItemRow[Any]) -> None:
        self._rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self.changed.emit()

    def set_items(self, items: Sequence[T]) -> None:
        for row in list(self._rows):
            self._rows.remove(row)
            row.setParent(None)
            row.deleteLater()
        for item in items:
            self.add_row().show_item(item)

    def read(self, findings: Findings, strict: bool) -> tuple[T, ...]:
        """The items of the non-blank rows; in strict mode a blank row is a finding."""
        items: list[T] = []
        for row in self._rows:
            if row.is_blank():
                if strict:
                    findings.add(row, self._blank_message, row.error)
                continue
            items.append(row.read(findings, strict))
        return tuple(items)

    def set_editable(self, editable: bool) -> None:
        self.add_button.setVisible(editable)
        for row in self._rows:
            row.set_editable(editable)

    def _add_clicked(self) -> None:
        row = self.add_row()
        self.changed.emit()
        first = next((w for w in row.findChildren(QLineEdit)), None)
        if first is not None:
            first.setFocus()
