"""Input widgets of the identity form: birth traits under the RNIV rules as they are typed, and the
birth-place look-up by commune or country name.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit, QVBoxLayout, QWidget

from lgc_app.patients.birth_place import Place
from lgc_app.patients.traits import normalise_typing
from ui.actions import patients as actions
from ui.style import mark_error
from ui.tasks import TaskManager


class BirthTraitEdit(QLineEdit):
    """A birth-trait field (Ségur INS 1.2): lower case and accents are converted as they are typed, any other
    character is removed and the reason is announced.

    Signals:
        rule_message(str): French reason of the last refusal, or "" once the typing is clean again.
    """

    rule_message = Signal(str)

    def __init__(self, label_fr: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label_fr = label_fr
        self.setMaxLength(100)
        self.textEdited.connect(self._apply_rules)

    def _apply_rules(self, text: str) -> None:
        typed = normalise_typing(text, self.label_fr)
        if typed.text != text:
            # keep the caret after the same character: convert what precedes it the same way
            caret = len(normalise_typing(text[:self.cursorPosition()], self.label_fr).text)
            self.setText(typed.text)  # setText() does not emit textEdited: no recursion
            self.setCursorPosition(min(caret, len(typed.text)))
        self.rule_message.emit(typed.error or "")


class FieldRow(QWidget):
    """A field with its error line underneath (hidden while there is nothing to say)."""

    def __init__(self, field: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        self.field = field
        self.error = QLabel(self)
        mark_error(self.error)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(field)
        layout.addWidget(self.error)

    def set_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))


class BirthPlaceLookup(QLineEdit):
    """Type a commune or country name, pick it in the list: the INSEE code is chosen for you.

    Signals:
        chosen(object): the `Place` picked.
    """

    chosen = Signal(object)
    MIN_CHARS = 2

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._places: dict[str, Place] = {}
        self._asked = ""
        self.setPlaceholderText(self.tr("Rechercher la commune ou le pays de naissance…"))
        self.model = QStringListModel(self)
        self.completer_ = QCompleter(self.model, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setWidget(self)
        self.completer_.popup().setMinimumWidth(340)
        self.completer_.activated.connect(self._pick)
        self.textEdited.connect(self._look_up)
        self._warmed = False

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if not self._warmed:  # the COG table takes seconds to load the first time: start while the user types
            self._warmed = True
            self._tasks.run(actions.birth_places("PARIS", limit=1), label_fr=self.tr("Chargement des communes"),
                            visible=False)

    def show_code(self, code: str) -> None:
        """Show the name of a stored INSEE code (empty when unknown: the code field stays the reference)."""
        self.clear()
        self._asked = code = code.strip()
        if not code:
            return
        task = self._tasks.run(actions.birth_place(code), label_fr=self.tr("Recherche du lieu de naissance"),
                               visible=False)
        task.on_success(lambda place: self._show_place(code, place))

    def _show_place(self, code: str, place: Place | None) -> None:
        if code == self._asked and place is not None and not self.hasFocus():
            self.setText(place.label)

    def _look_up(self, text: str) -> None:
        name = text.strip()
        self._asked = name
        if len(name) < self.MIN_CHARS:
            self.model.setStringList([])
            return
        task = self._tasks.run(actions.birth_places(name), label_fr=self.tr("Recherche du lieu de naissance"),
                               visible=False)
        task.on_success(lambda places: self._show(name, places))

    def _show(self, name: str, places: list[Place]) -> None:
        if name != self._asked:  # a later keystroke asked something else
            return
        self._places = {place.label: place for place in places}
        self.model.setStringList(list(self._places))
        if places:
            self.completer_.complete()

    def _pick(self, label: str) -> None:
        place = self._places.get(label)
        if place is not None:
            self.setText(place.label)
            self.chosen.emit(place)
