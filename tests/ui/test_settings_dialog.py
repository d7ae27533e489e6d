"""Settings dialog: built from OPTIONS, refuses a bad value next to the field it names, saves good ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from lgc_app import config
from lgc_app.config import Role
from ui.settings_dialog import SettingsDialog


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    path = tmp_path / "settings.toml"
    config.save(config.Settings({"cabinet.name": "Cabinet du Parc"}), path)
    return path


@pytest.fixture
def dialog(qtbot: QtBot, settings_file: Path) -> SettingsDialog:
    widget = SettingsDialog(settings_file)
    qtbot.addWidget(widget)
    widget.open()
    return widget


def test_form_has_one_editor_per_option(dialog: SettingsDialog) -> None:
    assert list(dialog.fields) == [option.key for option in config.OPTIONS]
    assert isinstance(dialog.fields["workstation.role"].editor, QComboBox)
    assert isinstance(dialog.fields["demo.sandbox"].editor, QCheckBox)
    assert isinstance(dialog.fields["demo.latency"].editor, QDoubleSpinBox)
    assert isinstance(dialog.fields["tls.ca_file"].editor, QLineEdit)
    assert dialog.fields["cabinet.name"].raw_value() == "Cabinet du Parc"
    roles = dialog.fields["workstation.role"].editor
    labels = [roles.itemText(i) for i in range(roles.count())]
    assert labels == ["Poste autonome", "Poste maître", "Poste esclave"]
    explanation = dialog.findChild(QLabel, "roleExplanation")
    assert explanation.text() == "Ce poste exécute lui-même ses envois (DMP)."
    roles.setCurrentIndex(roles.findData("slave"))
    assert explanation.text() == "Ce poste prépare ses envois ; le poste maître indiqué ci-dessous les exécute."
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert "Rôle du poste" in labels and not any("standalone" in text for text in labels)


def test_bad_value_is_refused_next_to_its_field(qtbot: QtBot, dialog: SettingsDialog,
                                                settings_file: Path) -> None:
    before = settings_file.read_bytes()
    dialog.fields["services.dmp_url"].set_raw_value("ftp://dmp.exemple.fr")
    dialog.fields["demo.latency"].set_raw_value(120)
    with qtbot.assertNotEmitted(dialog.saved):
        dialog.save()
    dmp_error = dialog.fields["services.dmp_url"].error
    assert dmp_error.isVisible()
    assert "« services.dmp_url »" in dmp_error.text()
    assert "https://" in dmp_error.text()
    assert "« demo.latency »" in dialog.fields["demo.latency"].error.text()
    assert not dialog.fields["cabinet.name"].error.isVisible()
    assert dialog.isVisible()
    assert settings_file.read_bytes() == before


def test_good_values_are_saved_and_restart_announced(qtbot: QtBot, dialog: SettingsDialog,
                                                     settings_file: Path) -> None:
    dialog.fields["workstation.role"].set_raw_value("master")
    dialog.fields["demo.latency"].set_raw_value(3)
    dialog.fields["cabinet.name"].set_raw_value("Cabinet du Parc")  # unchanged
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.save()
    path, changed = saved.args
    assert path == settings_file
    assert changed == ["workstation.role", "demo.latency"]
    reloaded = config.load(settings_file)
    assert reloaded.role is Role.MASTER
    assert reloaded["demo.latency"] == 3.0
    assert reloaded["cabinet.name"] == "Cabinet du Parc"
    assert not dialog.isVisible()


def test_bad_value_already_in_file_reaches_its_field(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[services]\ninsi_url = "http://insi.exemple.fr"\n', encoding="utf-8")
    dialog = SettingsDialog(path)
    qtbot.addWidget(dialog)
    assert dialog.fields["services.insi_url"].raw_value() == "http://insi.exemple.fr"
    dialog.save()
    assert "« services.insi_url »" in dialog.fields["services.insi_url"].error.text()
    dialog.fields["services.insi_url"].set_raw_value("https://insi.exemple.fr/lps")
    dialog.save()
    assert config.load(path)["services.insi_url"] == "https://insi.exemple.fr/lps"


def test_unreadable_file_is_reported_not_raised(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("[services\n", encoding="utf-8")
    dialog = SettingsDialog(path)
    qtbot.addWidget(dialog)
    assert "illisible" in dialog.problem.text()
    assert dialog.fields["workstation.role"].raw_value() == "standalone"


def test_demo_shows_the_settings_in_force_and_saves_only_user_changes(qtbot: QtBot, settings_file: Path,
                                                                      tmp_path: Path) -> None:
    in_force = config.Settings({"cabinet.name": "Cabinet de démonstration", "demo.sandbox": True,
                                "database.url": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
                                "services.dmp_url": "https://127.0.0.1:4443/dmp",
                                "tls.ca_file": str(tmp_path / "ca.pem")})
    dialog = SettingsDialog(settings_file, in_force=in_force, demo=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.banner.isVisible()
    assert "Mode démonstration" in dialog.banner.text()
    assert dialog.fields["demo.sandbox"].raw_value() is True
    assert dialog.fields["services.dmp_url"].raw_value() == "https://127.0.0.1:4443/dmp"
    assert dialog.fields["database.url"].raw_value().endswith("demo.sqlite3")
    dialog.fields["workstation.role"].set_raw_value("master")
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.save()
    assert saved.args[1] == ["workstation.role"]
    written = config.load(settings_file)
    assert written.role is Role.MASTER
    assert written["cabinet.name"] == "Cabinet du Parc"  # the file's own value, not the sandbox's
    assert written["demo.sandbox"] is False
    assert written["services.dmp_url"] == config.Settings()["services.dmp_url"]
    assert written["tls.ca_file"] is None
    assert written["database.url"] == ""


def test_outside_demo_a_value_saved_since_start_is_marked(qtbot: QtBot, settings_file: Path) -> None:
    in_force = config.Settings({"cabinet.name": "Ancien cabinet"})
    dialog = SettingsDialog(settings_file, in_force=in_force)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.banner.isVisible()
    assert dialog.fields["cabinet.name"].raw_value() == "Cabinet du Parc"
    assert dialog.fields["cabinet.name"].in_force.isVisible()
    assert "Ancien cabinet" in dialog.fields["cabinet.name"].in_force.text()
    assert not dialog.fields["workstation.role"].in_force.isVisible()
