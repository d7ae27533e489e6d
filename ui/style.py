"""The interface's few styled elements, each styled on its own widget.

An application-wide style sheet makes Qt draw and size every widget through its style-sheet engine: building
the main window took ~50 ms more CPU with one (issue 14 item 2), for rules that concern a handful of widgets.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QStatusBar

ERROR_TEXT = "color: #b00020;"
# a message banner by level (ui/messages.py): background, border, text
BANNERS = {
    "info": ("#e8f1fb", "#9cc3ea", "#0b3d6e"),
    "warning": ("#fff6e0", "#e8c063", "#5c4300"),
    "error": ("#fdecec", "#e59a9a", "#7a1010"),
}


def mark_error(label: QLabel, name: str = "fieldError") -> None:
    """A label saying what is wrong with an entry or a file: red text."""
    label.setObjectName(name)
    label.setStyleSheet(ERROR_TEXT)


def style_banner(banner: QFrame, level: str) -> None:
    background, border, text = BANNERS[level]
    banner.setObjectName(f"banner_{level}")
    banner.setStyleSheet(f"QFrame#banner_{level} {{ background: {background}; border: 1px solid {border}; "
                         f"border-radius: 4px; color: {text}; }}")


def style_status_bar(bar: QStatusBar) -> None:
    """Some room between the status bar's words."""
    bar.setStyleSheet("QLabel { padding: 0 6px; }")


def style_popup(frame: QFrame) -> None:
    """A popup frame painted with the window's background."""
    frame.setStyleSheet(f"QFrame#{frame.objectName()} {{ background: palette(window); }}")
