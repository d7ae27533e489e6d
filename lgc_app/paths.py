"""Where the application keeps its files (platformdirs), overridable for tests and portable installs.

`LGC_HOME` puts data, config and logs under one folder; tests set it to a temporary directory so that
nothing touches the user's real folders.

Those folders hold health data (database, logs with patient ids): they are private to the user, 0700, and
the files created in them 0600 (`private_file`), whatever the umask (POSIX; Windows profiles are per user).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from lgc_app import APP_AUTHOR, APP_NAME

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """Create `path` (and its parents) if needed and make it accessible to its owner only."""
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    _restrict(path, PRIVATE_DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """Create `path` empty if missing, and make it readable and writable by its owner only."""
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE_MODE))
    _restrict(path, PRIVATE_FILE_MODE)
    return path


def _restrict(path: Path, mode: int) -> None:
    if os.name != "nt" and path.stat().st_mode & 0o777 != mode:  # created earlier, or under a loose umask
        path.chmod(mode)


def _home() -> Path | None:
    home = os.environ.get("LGC_HOME")
    return Path(home) if home else None


def data_dir() -> Path:
    home = _home()
    path = home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    return private_dir(path)


def config_dir() -> Path:
    home = _home()
    path = home / "config" if home else Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))
    return private_dir(path)


def log_dir() -> Path:
    home = _home()
    path = home / "logs" if home else Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))
    return private_dir(path)


def config_file() -> Path:
    return config_dir() / "settings.toml"


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'lgc.sqlite3'}"
