"""What a part of the identity form asks of the form that holds it: the identity shown, whether an action is
running, how to run one through the task bridge, and how to keep a non-modal dialog alive."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, Protocol, TypeVar

from PySide6.QtWidgets import QDialog

from lgc_app.patients.views import PatientView

T = TypeVar("T")


class FormHost(Protocol):
    @property
    def patient(self) -> PatientView | None: ...

    @property
    def busy(self) -> bool: ...

    def run(self, coro: Coroutine[Any, Any, T], label: str, done: Callable[[T], None]) -> None:
        """One action through the task bridge; buttons wait for it, the form explains a failure."""

    def keep(self, dialog: QDialog) -> None:
        """Keep a non-modal dialog referenced until it closes."""
