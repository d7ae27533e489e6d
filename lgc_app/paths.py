"""Where the application keeps its files (platformdirs), overridable for tests and portable installs.

`LGC_HOME` puts data, config and logs under one folder; tests set it to a temporary directory so that
nothing touches the user's real folders.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from lgc_app import APP_AUTHOR, APP_NAME


def _home() -> Path | None:
    home = os.environ.get("LGC_HOME")
    return Path(home) if home else None


def data_dir() -> Path:
    home = _home()
    path = home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    home = _home()
    path = home / "config" if home else Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    home = _home()
    path = home / "logs" if home else Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_file() -> Path:
    return config_dir() / "settings.toml"


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'lgc.sqlite3'}"
