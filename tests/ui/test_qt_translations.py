"""Qt's own dialogs speak French: every text they ask the translators for gets a French answer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

# Texts whose French is the English word itself (Qt's catalogue rightly returns them unchanged).
SAME_IN_FRENCH = {"OK", "Type", "A4", "Copies", "Options", "Pages", "&Options >>"}
KEY_NAMES = "QShortcut"  # "Alt", "Num", "Pause"…: the same on a French keyboard


class _Recorder(QTranslator):
    """Installed last, so Qt asks it first: it records the question and answers nothing (Qt asks the others)."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[tuple[str, str]] = set()

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> None:
        if source:
            self.asked.add((context, source))
        return None  # a null string: Qt goes on to the next translator (an empty one would be the answer)


@pytest.fixture
def recorder(app: QApplication) -> Iterator[_Recorder]:
    recorder = _Recorder()
    app.installTranslator(recorder)
    yield recorder
    app.removeTranslator(recorder)


def _untranslated(asked: set[tuple[str, str]]) -> list[tuple[str, str]]:
    return sorted((context, source) for context, source in asked if source not in SAME_IN_FRENCH
                  and context != KEY_NAMES and QCoreApplication.translate(context, source) == source)


def _file_dialog(qtbot: QtBot, folder: Path, mode: QFileDialog.AcceptMode) -> QFileDialog:
    dialog = QFileDialog(None, "Enregistrer", str(folder))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # the dialog Qt draws itself (no desktop portal)
    dialog.setAcceptMode(mode)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_file_dialog_is_entirely_french(app: QApplication, qtbot: QtBot, recorder: _Recorder,
                                        tmp_path: Path) -> None:
    (tmp_path / "dossier").mkdir()  # a folder row: its type is translated too
    dialog = _file_dialog(qtbot, tmp_path, QFileDialog.AcceptMode.AcceptSave)
    qtbot.waitUntil(lambda: dialog.findChild(QLabel, "lookInLabel").text() != "", timeout=2000)
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels["lookInLabel"] == "&Voir dans\xa0:"  # English with Qt's catalogue alone
    assert labels["fileTypeLabel"] == "Fichiers de &type\xa0:"
    assert labels["fileNameLabel"] == "&Nom de fichier\xa0:"
    buttons = {button.text() for button in dialog.findChildren(QDialogButtonBox)[0].findChildren(QPushButton)}
    assert buttons == {"&Enregistrer", "Annuler"}
    _file_dialog(qtbot, tmp_path, QFileDialog.AcceptMode.AcceptOpen)
    assert _untranslated(recorder.asked) == []


def test_message_box_and_print_dialog_are_french(app: QApplication, qtbot: QtBot, recorder: _Recorder) -> None:
    box = QMessageBox(QMessageBox.Icon.Question, "Titre", "Texte")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                           | QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                           | QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Close)
    box.setDetailedText("Détails")
    qtbot.addWidget(box)
    box.show()
    assert {button.text() for button in box.buttons()} >= {"&Oui", "&Non", "Annuler", "Fermer",
                                                               "Enregistrer", "Ne pas tenir compte"}
    printer = QPrinter()
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert ("QPrintSettingsOutput", "Page &Set:") in recorder.asked
    assert _untranslated(recorder.asked) == []
