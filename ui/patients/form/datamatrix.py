"""The datamatrix INS of the identity form: shown for a qualified identity, read from an image to open the
identity already bearing its INS or else to prefill a new identity (RNIV: the INS it carries is only attached
after an INSi verification)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget

from lgc_app.bootstrap import AppContext
from lgc_app.patients.birth_date import display_birth_date
from lgc_app.patients.datamatrix import DatamatrixTraits
from lgc_app.patients.use_cases import DatamatrixOwner
from lgc_app.patients.views import PatientView
from ui.actions import patients as actions
from ui.patients.form.host import FormHost


def prefill_values(traits: DatamatrixTraits) -> dict[str, str]:
    """The form fields a datamatrix INS fills."""
    return {"birth_name": traits.birth_name, "birth_given_names": traits.given_names,
            "first_birth_given_name": traits.first_given_name, "birth_date": display_birth_date(traits.birth_date),
            "sex": traits.sex, "birth_place_code": traits.birth_place or ""}


class DatamatrixPart(QObject):
    """The "Datamatrix INS…" (`show_button`) and "Importer un datamatrix…" (`import_button`) buttons.

    Signals:
        show_requested(int): show the datamatrix INS of this (qualified) patient.
        file_chosen(object): an image `Path` was chosen (the form asks before discarding unsaved input).
        read(object): the `DatamatrixTraits` read from an image whose INS no stored identity bears.
        known(object): the `DatamatrixOwner` of an INS read from an image that a stored identity bears.
    """

    show_requested = Signal(int)
    file_chosen = Signal(object)
    read = Signal(object)
    known = Signal(object)

    def __init__(self, host: FormHost, parent: QWidget, context: AppContext) -> None:
        super().__init__(parent)
        self._context = context
        self._host = host
        self._parent = parent
        self.show_button = QPushButton(self.tr("Datamatrix INS…"), parent)
        self.show_button.clicked.connect(self._show)
        self.import_button = QPushButton(self.tr("Importer un datamatrix…"), parent)
        self.import_button.clicked.connect(self.choose_file)

    def show_patient(self, patient: PatientView | None) -> None:
        self.show_button.setEnabled(patient is not None and patient.is_qualified)

    def _show(self) -> None:
        if self._host.patient is not None:
            self.show_requested.emit(self._host.patient.id)

    def choose_file(self) -> None:
        dialog = QFileDialog(self._parent, self.tr("Importer un datamatrix INS"))
        dialog.setNameFilter(self.tr("Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda path: self.file_chosen.emit(Path(path)))
        self._host.keep(dialog)
        dialog.open()

    def import_file(self, path: Path) -> None:
        """Read a datamatrix INS from an image (in a thread) and look for its INS among stored identities:
        `known` carries the one found, else `read` carries the traits."""
        self._host.run(actions.read_datamatrix_owner(self._context.database, path),
                       self.tr("Lecture du datamatrix INS"), self._found)

    def _found(self, result: tuple[DatamatrixTraits, DatamatrixOwner | None]) -> None:
        traits, owner = result
        if owner is None:
            self.read.emit(traits)
        else:
            self.known.emit(owner)
