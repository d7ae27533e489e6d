"""Outils → Paramètres: a form generated from `lgc_app.config.OPTIONS`, validated field by field.

The dialog edits the settings *file*: it reads the raw TOML values, so a bad value already in the file is shown
next to its field instead of hiding the form. Each value is checked with `config.parse_value`; an error is shown
under the field it names and nothing is saved. The running workstation keeps its settings until restarted (its
database, worker and clients are built once): a field whose file value is not the one in force says so.

In demo mode the settings in force are the sandbox's (`lgc_app.demo` overlays endpoints, certificates and the
demo database): the form shows them under a banner, and saving writes into the user's file only the fields
the user changed, never a sandbox value (issue 13 item 4).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lgc_app import config, paths
from lgc_app.config import ConfigError, Option, Role, Settings
from ui.i18n import role_label
from ui.style import mark_error

LABEL_WIDTH = 260
SECTION_TITLES = {
    "workstation": QT_TRANSLATE_NOOP("SettingsDialog", "Poste"),
    "database": QT_TRANSLATE_NOOP("SettingsDialog", "Base de données"),
    "services": QT_TRANSLATE_NOOP("SettingsDialog", "Services nationaux"),
    "tls": QT_TRANSLATE_NOOP("SettingsDialog", "Certificats"),
    "demo": QT_TRANSLATE_NOOP("SettingsDialog", "Démonstration"),
    "cabinet": QT_TRANSLATE_NOOP("SettingsDialog", "Cabinet"),
}
# Under the role chosen: what it means for the sends (lgc_app.workstation: a slave's orders go to its master).
ROLE_EXPLANATIONS = {
    Role.STANDALONE: QT_TRANSLATE_NOOP("SettingsDialog", "Ce poste exécute lui-même ses envois (DMP)."),
    Role.MASTER: QT_TRANSLATE_NOOP("SettingsDialog", "Ce poste exécute ses envois et ceux des postes esclaves "
                                                     "qui le désignent comme poste maître."),
    Role.SLAVE: QT_TRANSLATE_NOOP("SettingsDialog", "Ce poste prépare ses envois ; le poste maître indiqué "
                                                    "ci-dessous les exécute."),
}


class _Field:
    """The editor of one option, chosen from the type of its declared default."""

    def __init__(self, option: Option, raw: Any, parent: QWidget) -> None:
        self.option = option
        default = option.default
        self.widget: QWidget
        if isinstance(default, Role):
            self.editor: Any = QComboBox(parent)
            for role in Role:
                self.editor.addItem(role_label(role), role.value)
            self.explanation = QLabel(parent)
            self.explanation.setObjectName("roleExplanation")
            self.explanation.setWordWrap(True)
            self.editor.currentIndexChanged.connect(self._explain_role)
            self.editor.setCurrentIndex(max(0, self.editor.findData(str(raw))))
            self._explain_role()
            self.widget = QWidget(parent)
            column = QVBoxLayout(self.widget)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(self.editor)
            column.addWidget(self.explanation)
        elif isinstance(default, bool):
            self.editor = QCheckBox(parent)
            self.editor.setChecked(raw is True)
            self.widget = self.editor
        elif isinstance(default, float):
            self.editor = QDoubleSpinBox(parent)
            self.editor.setRange(0.0, 999.0)  # wider than allowed: parse_value gives the precise message
            self.editor.setDecimals(1)
            self.editor.setSuffix(" s")
            self.editor.setValue(float(raw) if isinstance(raw, int | float) else default)
            self.widget = self.editor
        elif isinstance(default, int):
            self.editor = QSpinBox(parent)
            self.editor.setRange(0, 10_000_000)  # wider than allowed: parse_value gives the precise message
            self.editor.setValue(raw if isinstance(raw, int) and not isinstance(raw, bool) else default)
            self.widget = self.editor
        elif default is None:  # optional file path
            self.editor = QLineEdit("" if raw is None else str(raw), parent)
            self.widget = QWidget(parent)
            row = QHBoxLayout(self.widget)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(self.editor, 1)
            browse = QToolButton(self.widget)
            browse.setText(QCoreApplication.translate("SettingsDialog", "Parcourir…"))
            browse.clicked.connect(self._browse)
            row.addWidget(browse)
        else:
            self.editor = QLineEdit("" if raw is None else str(raw), parent)
            self.widget = self.editor
        self.widget.setObjectName(option.key)
        self.error = QLabel(parent)
        mark_error(self.error)
        self.error.setWordWrap(True)
        self.error.hide()
        self.in_force = QLabel(parent)
        self.in_force.setObjectName("inForce")
        self.in_force.setWordWrap(True)
        self.in_force.setStyleSheet("color: #8a5a00;")
        self.in_force.hide()

    def raw_value(self) -> Any:
        if isinstance(self.editor, QComboBox):
            return self.editor.currentData()
        if isinstance(self.editor, QCheckBox):
            return self.editor.isChecked()
        if isinstance(self.editor, QDoubleSpinBox | QSpinBox):
            return self.editor.value()
        return self.editor.text()

    def set_raw_value(self, value: Any) -> None:
        """Used by tests and file pickers alike."""
        if isinstance(self.editor, QComboBox):
            self.editor.setCurrentIndex(self.editor.findData(value))
        elif isinstance(self.editor, QCheckBox):
            self.editor.setChecked(bool(value))
        elif isinstance(self.editor, QDoubleSpinBox):
            self.editor.setValue(float(value))
        elif isinstance(self.editor, QSpinBox):
            self.editor.setValue(int(value))
        else:
            self.editor.setText(str(value))

    def _explain_role(self) -> None:
        self.explanation.setText(QCoreApplication.translate(
            "SettingsDialog", ROLE_EXPLANATIONS[Role(self.editor.currentData())]))

    def _browse(self) -> None:
        dialog = QFileDialog(self.widget, self.option.label, str(Path(self.editor.text()).parent)
                             if self.editor.text() else "")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        translate = QCoreApplication.translate
        dialog.setNameFilters([translate("SettingsDialog", "Fichiers PEM (*.pem *.crt *.key)"),
                               translate("SettingsDialog", "Tous les fichiers (*)")])
        dialog.fileSelected.connect(self.editor.setText)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))


class SettingsDialog(QDialog):
    """Edits the settings file; `in_force` are the running settings, `demo` says they are the sandbox's.

    Signals:
        saved(Path, list): the file was written; the keys whose change takes effect at the next start.
    """

    saved = Signal(object, list)

    def __init__(self, config_path: Path | None = None, parent: QWidget | None = None, *,
                 in_force: Settings | None = None, demo: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Paramètres"))
        self.path = config_path or paths.config_file()
        self.demo = demo and in_force is not None
        raw, problem = self._read_raw()
        self._initial = raw
        running = {option.key: _raw(value) for option, value in in_force.items()} if in_force else {}
        self._shown = running if self.demo else raw
        layout = QVBoxLayout(self)
        self.banner = QLabel(self.tr("<b>Mode démonstration :</b> ces réglages viennent du bac à sable et ne "
                                     "sont pas enregistrés. Seuls les champs que vous modifiez sont écrits dans "
                                     "votre fichier de réglages."), self)
        self.banner.setObjectName("demoBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff4d6; border: 1px solid #e0b84c; padding: 6px;")
        self.banner.setVisible(self.demo)
        layout.addWidget(self.banner)
        self.problem = QLabel(problem or "", self)
        self.problem.setWordWrap(True)
        mark_error(self.problem, "fileError")
        self.problem.setVisible(bool(problem))
        layout.addWidget(self.problem)
        note = QLabel(self.tr("Fichier : %1<br>Les modifications prennent effet au prochain démarrage "
                              "du logiciel.").replace("%1", str(self.path)), self)
        note.setWordWrap(True)
        layout.addWidget(note)

        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        self.fields: dict[str, _Field] = {}
        groups: dict[str, QFormLayout] = {}
        for option in config.OPTIONS:
            if option.section not in groups:
                box = QGroupBox(self.tr(SECTION_TITLES.get(option.section, option.section)), body)
                groups[option.section] = QFormLayout(box)
                body_layout.addWidget(box)
            field = _Field(option, self._shown.get(option.key, option.default), body)
            self.fields[option.key] = field
            if running and not self.demo:
                field.in_force.setText(_in_force_note(option, raw.get(option.key), running[option.key]))
                field.in_force.setVisible(bool(field.in_force.text()))
            label = QLabel(option.label, body)
            label.setBuddy(field.editor)
            label.setWordWrap(True)
            label.setFixedWidth(LABEL_WIDTH)  # one label column across every group
            groups[option.section].addRow(label, field.widget)
            groups[option.section].addRow("", field.error)
            groups[option.section].addRow("", field.in_force)
        self.fields["workstation.name"].editor.setPlaceholderText(config.Settings().workstation_name)
        self.fields["database.url"].editor.setPlaceholderText(paths.default_database_url())
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)

        standard = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(standard.Save | standard.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(720, 640)

    def _read_raw(self) -> tuple[dict[str, Any], str | None]:
        """The file's values by key, unparsed (a bad value must reach its field, not abort the dialog)."""
        if not self.path.exists():
            return {}, None
        try:
            tables = tomllib.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            text = self.tr("Le fichier %1 est illisible (%2) : les valeurs par défaut sont affichées.")
            return {}, text.replace("%1", str(self.path)).replace("%2", str(exc))
        return {f"{section}.{name}": value for section, table in tables.items() if isinstance(table, dict)
                for name, value in table.items()}, None

    def validate(self) -> dict[str, Any] | None:
        """Parsed values, or None after showing every error next to its field."""
        values: dict[str, Any] = {}
        first_bad: _Field | None = None
        for key, field in self.fields.items():
            raw = field.raw_value()
            if raw == field.option.default:  # e.g. an empty database URL means "the local default"
                values[key] = field.option.default
                field.show_error(None)
                continue
            try:
                values[key] = config.parse_value(key, raw)
                field.show_error(None)
            except ConfigError as exc:
                field.show_error(exc.text)
                first_bad = first_bad or field
        if first_bad is not None:
            first_bad.editor.setFocus()
            return None
        return values

    def save(self) -> None:
        values = self.validate()
        if values is None:
            return
        try:
            if self.demo:  # the file keeps its values; only what the user changed here is written over them
                raw = {key: value for key, value in self._initial.items() if key in values}
                raw |= {key: field.raw_value() for key, field in self.fields.items()
                        if field.raw_value() != _shown_value(field, self._shown)}
                raw = {key: value for key, value in raw.items()  # defaults and bad values are not written
                       if _effective(self.fields[key].option, value) not in (None, self.fields[key].option.default)}
            else:
                raw = {key: field.raw_value() for key, field in self.fields.items()
                       if values[key] != field.option.default}
            path = config.save(config.Settings(raw), self.path)
        except OSError as exc:
            self.problem.setText(self.tr("Enregistrement impossible : %1").replace("%1", str(exc)))
            self.problem.show()
            return
        saved = config.Settings(raw)
        changed = [key for key in values
                   if saved[key] != _effective(self.fields[key].option, self._initial.get(key))]
        self.saved.emit(path, changed)
        self.accept()


def _effective(option: Option, raw: Any) -> Any:
    """The value a raw file entry stands for (None for a bad one), to tell which settings changed."""
    if raw is None or raw == option.default:
        return option.default
    try:
        return config.parse_value(option.key, raw)
    except ConfigError:
        return None


def _raw(value: Any) -> Any:
    """A parsed setting as the form edits it (the TOML spelling)."""
    if isinstance(value, Role):
        return value.value
    if isinstance(value, Path):
        return str(value)
    return value


def _shown_value(field: _Field, shown: dict[str, Any]) -> Any:
    """What the field held when the dialog opened, as `raw_value` returns it (the editors normalise)."""
    value = shown.get(field.option.key, field.option.default)
    if isinstance(field.editor, QDoubleSpinBox):
        return float(value) if isinstance(value, int | float) else field.option.default
    if isinstance(field.editor, QSpinBox):
        return value if isinstance(value, int) else field.option.default
    if isinstance(field.editor, QLineEdit):
        return "" if value is None else str(value)
    return value


def _in_force_note(option: Option, file_value: Any, running: Any) -> str:
    """Under a field whose file value differs from the running one (saved since start, command-line option)."""
    if _raw(_effective(option, file_value)) == running:
        return ""
    shown = QCoreApplication.translate("SettingsDialog", "(vide)") if running in (None, "") else str(running)
    return QCoreApplication.translate("SettingsDialog", "En vigueur jusqu'au redémarrage : %1").replace("%1", shown)
