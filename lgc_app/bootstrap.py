"""The composition root (Cosmic Python `bootstrap.py`): settings in, a wired `AppContext` out. No Qt here.

The GUI, the headless worker and the tests build the application the same way. Later issues add their
service clients to `AppContext.clients`, built from the settings (real endpoints or the sandbox).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lgc_app import config
from lgc_app.config import Role, Settings
from lgc_app.outbox.runner import WorkerThread, start_worker_thread
from lgc_app.persistence.database import Database

if TYPE_CHECKING:
    from lgc_app.demo import DemoSandbox

log = logging.getLogger("lgc.bootstrap")


@dataclass
class AppContext:
    """Everything a running workstation holds; `stop()` releases it in reverse order of start."""

    settings: Settings
    database: Database
    config_path: Path | None = None  # the settings file the settings dialog edits (None: the default one)
    clients: dict[str, Any] = field(default_factory=dict)
    sandbox: DemoSandbox | None = None
    worker: WorkerThread | None = None

    @property
    def role(self) -> Role:
        return self.settings.role

    @property
    def workstation_name(self) -> str:
        return self.settings.workstation_name

    def attach_sandbox(self, sandbox: DemoSandbox) -> None:
        """Use this (ready) sandbox: the settings now point at it, and `stop()` stops it."""
        self.sandbox = sandbox
        self.settings = sandbox.overlay(self.settings)

    def start_worker(self) -> bool:
        """Start the send-order worker in its own thread when this workstation executes orders."""
        if self.worker is None:
            self.worker = start_worker_thread(self.settings, self.database)
        return self.worker is not None

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.stop()
            self.worker = None
        self.database.close()
        if self.sandbox is not None:
            self.sandbox.stop()


def bootstrap(settings: Settings, *, config_path: Path | None = None) -> AppContext:
    """Check the configured files and open (migrating) the database.

    Raises:
        ConfigError: a TLS file is set but missing.
        DatabaseError: the database is unreachable, foreign, corrupt or newer than this version.
    """
    config.check_files(settings)
    database = Database.open(settings.database_url)
    log.info("workstation %s (%s) on %s", settings.workstation_name, settings.role.value,
             database.engine.url.render_as_string(hide_password=True))
    return AppContext(settings, database, config_path)
