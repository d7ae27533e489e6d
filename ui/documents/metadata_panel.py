"""Sharing metadata of a document (XDS for the DMP, IHE_XDM for MSSanté), changed before validation.

Every combo offers only the codes of its CI-SIS value set as the core exposes them (`valuesets`); a volet N3
fixes its type code, so that combo is locked. The three DMP visibility choices are check boxes, each with a
sentence saying who will not see the document. Changes are requested (signal), applied by the editor
through the core use case, and shown again from what the core stored; once validated, all is read-only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from lgc_app.documents import metadata
from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.types import spec_for
from lgc_app.documents.valuesets import (
    CLASS_CODES,
    CONFIDENTIALITY_LEVELS,
    FACILITY_TYPES,
    PRACTICE_SETTINGS,
    TYPE_CODES,
    Code,
)
from ui.documents.fields import ErrorLabel

# column name -> value set offered by its combo
CODED_FIELDS: dict[str, dict[str, Code]] = {
    "class_code": CLASS_CODES,
    "type_code": TYPE_CODES,
    "practice_setting_code": PRACTICE_SETTINGS,
    "facility_type_code": FACILITY_TYPES,
    "confidentiality_code": CONFIDENTIALITY_LEVELS,
}
FLAGS = ("masked_from_professionals", "hidden_from_patient", "hidden_from_legal_representatives")


def stored_values(sharing: metadata.SharingMetadata) -> dict[str, Any]:
    """Column values of a metadata snapshot (the names `update_metadata` takes)."""
    return {
        "class_code": sharing.class_code.code,
        "type_code": sharing.type_code.code,
        "practice_setting_code": sharing.practice_setting.code,
        "facility_type_code": sharing.facility_type.code,
        "confidentiality_code": sharing.confidentiality.code,
        **{flag: getattr(sharing, flag) for flag in FLAGS},
    }


class MetadataPanel(QWidget):
    """Codes and visibility of one document.

    Signals:
        change_requested(dict): the user changed values (column name -> new value); the editor applies them.
    """

    change_requested = Signal(dict)

    def __init__(self, sector: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sector = sector
        self._type: DocumentType | None = None
        self._stored: dict[str, Any] = {}  # as the core last stored them
        self._values: dict[str, Any] = {}  # as requested (changes may still be on their way)
        intro = QLabel(self.tr(
            "Ces informations accompagnent le document quand il est envoyé au DMP et par messagerie "
            "sécurisée de santé (MSSanté). Elles sont préremplies selon le type de document et sont figées "
            "à la validation."), self)
        intro.setWordWrap(True)

        self.combos: dict[str, QComboBox] = {}
        codes = QGroupBox(self.tr("Classement du document"), self)
        form = QFormLayout(codes)
        captions = {
            "class_code": self.tr("Classe"),
            "type_code": self.tr("Type"),
            "practice_setting_code": self.tr("Cadre d'exercice"),
            "facility_type_code": self.tr("Type de structure"),
            "confidentiality_code": self.tr("Confidentialité"),
        }
        self.type_note = QLabel(self.tr("Type imposé par le volet CI-SIS de ce document."), codes)
        self.type_note.setStyleSheet("color: #555;")
        for name, table in CODED_FIELDS.items():
            combo = QComboBox(codes)
            combo.setObjectName(name)
            for code in table.values():
                combo.addItem(f"{code.display} ({code.code})", code.code)
            combo.activated.connect(lambda _index, n=name: self._combo_changed(n))
            self.combos[name] = combo
            form.addRow(captions[name], combo)
            if name == "type_code":  # the note is about this field: right under it
                form.addRow("", self.type_note)
        self.format_label = QLabel(codes)
        form.addRow(self.tr("Format"), self.format_label)

        visibility = QGroupBox(self.tr("Visibilité dans le DMP"), self)
        box = QVBoxLayout(visibility)
        texts = {
            "masked_from_professionals": (
                self.tr("Masqué aux professionnels de santé"),
                self.tr("Les autres professionnels de santé ne verront pas ce document dans le DMP ; "
                        "seuls vous-même et le patient y auront accès.")),
            "hidden_from_patient": (
                self.tr("Non visible par le patient"),
                self.tr("Le patient ne verra pas ce document dans son DMP (Mon espace santé), par exemple "
                        "en attendant de lui annoncer un diagnostic en consultation.")),
            "hidden_from_legal_representatives": (
                self.tr("Non visible par les représentants légaux"),
                self.tr("Les parents ou le tuteur d'un patient mineur ou protégé ne verront pas ce document, "
                        "par exemple quand un mineur demande le secret.")),
        }
        self.flags: dict[str, QCheckBox] = {}
        for name, (caption, explanation) in texts.items():
            check = QCheckBox(caption, visibility)
            check.setObjectName(name)
            check.clicked.connect(lambda checked, n=name: self._request({n: checked}))
            note = QLabel(explanation, visibility)
            note.setWordWrap(True)
            note.setStyleSheet("color: #555; margin-left: 22px;")
            self.flags[name] = check
            box.addWidget(check)
            box.addWidget(note)

        self.error = ErrorLabel(self)
        self.defaults_button = QPushButton(self.tr("Rétablir les valeurs par défaut"), self)
        self.defaults_button.clicked.connect(self._restore_defaults)
        self.frozen_note = QLabel(self.tr("Document validé : ses métadonnées de partage sont figées."), self)
        self.frozen_note.setStyleSheet("color: #555; font-weight: bold;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.defaults_button)
        buttons.addStretch(1)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.frozen_note)
        layout.addWidget(intro)
        layout.addWidget(codes)
        layout.addWidget(visibility)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def show_metadata(self, document_type: DocumentType, sharing: metadata.SharingMetadata,
                      editable: bool) -> None:
        """Show what the core stored; editable only for a draft."""
        self._type = document_type
        self._stored = stored_values(sharing)
        self._values = dict(self._stored)
        self._show_values()
        self.format_label.setText(f"{sharing.format_code.display} ({sharing.format_code.code})")
        fixed_type = spec_for(document_type).sharing.fixed_type
        self.type_note.setVisible(fixed_type)
        self.set_editable(editable)
        self.combos["type_code"].setEnabled(editable and not fixed_type)
        self.error.set_messages([])

    def set_editable(self, editable: bool) -> None:
        fixed_type = self._type is not None and spec_for(self._type).sharing.fixed_type
        for name, combo in self.combos.items():
            combo.setEnabled(editable and not (name == "type_code" and fixed_type))
        for check in self.flags.values():
            check.setEnabled(editable)
        self.defaults_button.setVisible(editable)
        self.frozen_note.setVisible(not editable)

    def show_refusal(self, message: str) -> None:
        """A change the core refused: say why and show the stored values again."""
        self._values = dict(self._stored)
        self._show_values()
        self.error.set_messages([message])

    def _combo_changed(self, name: str) -> None:
        value = self.combos[name].currentData()
        if value != self._values.get(name):
            self._request({name: value})

    def _restore_defaults(self) -> None:
        if self._type is None:
            return
        defaults = metadata.default_columns(self._type, self._sector)
        changes = {name: defaults[name] for name in metadata.EDITABLE_FIELDS
                   if defaults[name] != self._values.get(name)}
        if changes:
            self._request(changes)
            self._show_values()

    def _show_values(self) -> None:
        for name, combo in self.combos.items():
            combo.setCurrentIndex(combo.findData(self._values[name]))
        for name, check in self.flags.items():
            check.setChecked(self._values[name])

    def _request(self, changes: dict[str, Any]) -> None:
        self._values.update(changes)
        self.error.set_messages([])
        self.change_requested.emit(changes)
