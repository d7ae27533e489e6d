from pathlib import Path

import pytest

from lgc_app import config
from lgc_app.config import ConfigError, Role, Settings


def test_defaults_are_standalone_on_local_sqlite() -> None:
    settings = config.load()
    assert settings.role is Role.STANDALONE
    assert settings.database_url.startswith("sqlite:///")
    assert settings.database_url.endswith("lgc.sqlite3")


def test_round_trip_through_toml(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    settings = Settings().replace(workstation__role="slave", workstation__master="SECRETARIAT",
                                  database__url="postgresql://postgres@127.0.0.1/cabinet", demo__latency=3)
    config.save(settings, path)
    loaded = config.load(path)
    assert loaded.role is Role.SLAVE
    assert not loaded.role.runs_worker
    assert loaded["workstation.master"] == "SECRETARIAT"
    assert loaded["demo.latency"] == 3.0
    assert "role" in path.read_text() and "latency" in path.read_text()


@pytest.mark.parametrize(("text", "key"), [
    ('[workstation]\nrole = "boss"\n', "workstation.role"),
    ('[database]\nurl = "mysql://x"\n', "database.url"),
    ('[services]\ndmp_url = "http://insecure"\n', "services.dmp_url"),
    ('[demo]\nlatency = -1\n', "demo.latency"),
    ('[demo]\nlatency = "3"\n', "demo.latency"),
    ('[nothing]\nthere = 1\n', "nothing.there"),
])
def test_bad_value_names_the_field(tmp_path: Path, text: str, key: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as error:
        config.load(path)
    assert error.value.key == key
    assert key in str(error.value)


def test_unreadable_toml_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("[workstation\nrole=")
    with pytest.raises(ConfigError, match="TOML"):
        config.load(path)


def test_missing_tls_file_is_named(tmp_path: Path) -> None:
    settings = Settings().replace(tls__client_cert=str(tmp_path / "absent.pem"))
    with pytest.raises(ConfigError) as error:
        config.check_files(settings)
    assert error.value.key == "tls.client_cert"


def test_save_is_atomic_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    config.save(Settings().replace(cabinet__name="Cabinet Pasteur"), path)
    assert config.load(path)["cabinet.name"] == "Cabinet Pasteur"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.toml"]
