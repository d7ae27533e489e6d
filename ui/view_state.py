"""Layout choices a user makes by hand (splitter positions), kept from one session to the next.

Stored in an INI file of the configuration folder (`lgc_app.paths`, `LGC_HOME` in tests), never in the
registry or the database: they belong to this workstation's user.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QSplitter

from lgc_app import paths


def _store() -> QSettings:
    return QSettings(str(paths.config_dir() / "view-state.ini"), QSettings.Format.IniFormat)


def remember_splitter(splitter: QSplitter, key: str) -> bool:
    """Restore the splitter's last position (if any), then save it whenever the user moves it; True when
    a position was restored."""
    state = _store().value(f"splitters/{key}")
    restored = state is not None and splitter.restoreState(state)

    def save(_pos: int, _index: int) -> None:
        store = _store()
        store.setValue(f"splitters/{key}", splitter.saveState())
        store.sync()
    splitter.splitterMoved.connect(save)
    return restored
