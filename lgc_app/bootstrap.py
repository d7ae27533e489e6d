"""The composition root (Cosmic Python `bootstrap.py`): settings in, a wired `AppContext` out. No Qt here.

The GUI, the headless worker and the tests build the application the same way. Later issues add their
service clients to `AppContext.clients`, built from the settings (real endpoints or the sandbox).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lgc_app import __version__, config
from lgc_app.config import Role, Settings
from lgc_app.dmp import feeding
from lgc_app.outbox.runner import WorkerThread, start_worker_thread
from lgc_app.persistence.database import Database
from services.insi import InsiClient, LpsIdentity
from services.transport import TlsMaterial, make_async_client

if TYPE_CHECKING:
    from lgc_app.demo import DemoSandbox

log = logging.getLogger("lgc.bootstrap")

LPS_NAME = "LGC-SEGUR"
# Numéro d'autorisation (ContexteLPS IDAM, PROTOCOLS §2.3): assigned by the CNAM at INSi qualification.
LPS_IDAM = "LGC-SEGUR-0001"


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

    async def aclose_clients(self) -> None:
        """Close the session's service clients (pooled connections, TLS sessions): the GUI awaits this on its
        loop before stopping it. A client still being built (a future) is awaited, then closed."""
        held, self.clients = list(self.clients.values()), {}
        for client in held:
            if isinstance(client, asyncio.Future):
                await asyncio.wait([client])
                if client.cancelled() or client.exception() is not None:
                    continue  # a failed or cancelled build left nothing to close
                client = client.result()
            aclose = getattr(client, "aclose", None)
            if aclose is None:
                continue
            try:
                await aclose()
            except Exception:
                log.exception("fermeture d'un client de service impossible")

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
    feeding.use_workstation(settings)  # validations plan their DMP orders for this workstation's executor
    log.info("workstation %s (%s) on %s", settings.workstation_name, settings.role.value,
             database.engine.url.render_as_string(hide_password=True))
    return AppContext(settings, database, config_path)


def make_insi_client(settings: Settings) -> InsiClient:
    """The INSi client of this workstation (`Settings.insi_url`, `tls.*`), to keep in `AppContext.clients`.

    Blocking (it builds the TLS context, ARCHITECTURE.md): call it once, from a thread.
    """
    tls = TlsMaterial(settings["tls.ca_file"], settings["tls.client_cert"], settings["tls.client_key"])
    http = make_async_client(tls, timeout=settings["demo.latency"] + 30.0)
    instance = uuid.uuid5(uuid.NAMESPACE_URL, f"lgc-segur:{settings.workstation_name}")  # stable per install
    lps = LpsIdentity(idam=LPS_IDAM, name=LPS_NAME, version=__version__, instance=str(instance))
    emitter = settings["cabinet.structure_id"] or settings.workstation_name
    return InsiClient(http, url=settings.insi_url, lps=lps, emitter=emitter)
