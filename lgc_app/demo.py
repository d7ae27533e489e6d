"""Demo mode (`lgc --demo`): a sandbox child process, its own SQLite database, settings pointed at both.

The sandbox (`python -m services.sandbox`) runs as a separate process, as in real use, so nothing here
imports it: we start it, wait for the manifest it writes once listening (`sandbox.json`), and copy the
endpoints and test certificates from that manifest into the settings. The child is stopped on exit, also
when the application crashes (atexit, and on Linux a parent-death signal if the process is killed).
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import os
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from lgc_app import paths, secrets
from lgc_app.auth.psc_login import CLIENT_SECRET_ENV
from lgc_app.config import Role, Settings
from lgc_app.errors import UserError

log = logging.getLogger("lgc.demo")

DEMO_CABINET_NAME = "Cabinet de démonstration"
MANIFEST_NAME = "sandbox.json"
# The PIN of the sandbox's software CPS (services/sandbox/ca.py TEST_CPS_PIN, restated: the application never
# imports the sandbox); public, like the demo accounts' passwords.
DEMO_CPS_PIN = "1234"
READY_TIMEOUT = 60.0
STOP_TIMEOUT = 5.0

# manifest key -> setting it provides (certificates, keys, the software CPS)
_MANIFEST_FILES = {
    "ca_file": "tls.ca_file",
    "cps_cert": "tls.client_cert",
    "cps_key": "tls.client_key",
    "structure_cert": "tls.structure_cert",
    "structure_key": "tls.structure_key",
    "structure_sign_cert": "tls.signing_cert",
    "structure_sign_key": "tls.signing_key",
    # the test CPS as a software card: "Carte CPS" at sign-in, PIN 1234 (README, demo guide)
    "cps_pkcs12": "card.pkcs12_file",
}
_SERVICE_URLS = {
    "insi": "services.insi_url",
    "dmp": "services.dmp_url",
    "psc": "services.psc_issuer",
    "annuaire": "services.annuaire_url",
    "mss_smtp": "services.mss_smtp",
    "mss_imap": "services.mss_imap",
    "mss_mailbox": "mss.mailbox",  # the demo practice's applicative box (client certificate, SASL EXTERNAL)
    "mail_smtp": "mail.smtp_url",  # the sandbox's mail sink receives the verification codes
}


# The client the sandbox's PSC simulator registers for the demo (services/sandbox/psc/clients.py): a test
# credential of the local simulator, like its test certificates, stored in the keyring as any client secret.
_PSC_DEMO_CLIENT_ID = "lgc-segur"
_PSC_DEMO_SECRET = "lgc-segur-sandbox-secret"
_PSC_DEMO_SECRET_REF = "psc.client_secret.demo"


class SandboxError(UserError, RuntimeError):
    """The sandbox could not be started; the message is French and names the log to read."""

    code = "SANDBOX-START"
    summary = "Le bac à sable n'a pas démarré."


def demo_folder() -> Path:
    """Everything the demo writes lives here, apart from the user's real database and settings."""
    folder = paths.data_dir() / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def demo_database() -> Path:
    """The demo's own SQLite file (never the user's database)."""
    return demo_folder() / "lgc-demo.sqlite3"


def set_aside_demo_database(now: datetime | None = None) -> Path | None:
    """Move the demo database aside (kept as a dated backup), so that the next start creates and seeds a new
    one: "Réinitialiser les données de démonstration" (issue 13 item 15), also for a corrupt file.

    Call it with the database closed (Windows cannot rename an open file). Returns the backup, or None when
    there was no demo database.
    """
    database = demo_database()
    if not database.exists():
        return None
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    backup = database.with_name(f"lgc-demo-{stamp}.sqlite3.bak")
    database.replace(backup)
    for suffix in ("-wal", "-shm", "-journal"):  # SQLite's companions belong to the file set aside
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            companion.replace(backup.with_name(backup.name + suffix))
    log.info("demo database set aside as %s", backup)
    return backup


DEMO_MAILBOX = "lgc.cabinet-test@medecin.mssante.fr"  # services/sandbox/mss/trust_space.APPLICATIVE_MAILBOX


def demo_settings(settings: Settings, latency: float | None = None) -> Settings:
    """The user's settings turned into a standalone demo workstation on its own embedded database.

    The TLS files are cleared here and filled from the sandbox manifest by `DemoSandbox.overlay`.
    """
    return _with(settings, {
        "workstation.role": Role.STANDALONE.value,
        "database.url": f"sqlite:///{demo_database()}",
        "demo.sandbox": True,
        "demo.latency": settings["demo.latency"] if latency is None else latency,
        "cabinet.name": DEMO_CABINET_NAME,
        "mail.sender": "ne-pas-repondre@cabinet-demo.test",
        "sms.outbox_dir": str(demo_folder() / "sms"),
        # the practice's box in the sandbox (its manifest's `mss_mailbox`): set before the sandbox runs, so that
        # `lgc --demo demo-data` plans MSSanté like the demo window does
        "mss.mailbox": DEMO_MAILBOX,
        **{key: "" for key in _MANIFEST_FILES.values()},
    })


def _with(settings: Settings, values: dict[str, Any]) -> Settings:
    return settings.replace(**{key.replace(".", "__"): value for key, value in values.items()})


def _sandbox_command() -> list[str]:
    """The sandbox as a separate program: this interpreter with `-m`, or beside a frozen executable."""
    if getattr(sys, "frozen", False):  # PyInstaller build (packaging/lgc.spec)
        return [str(Path(sys.executable).with_name("lgc-sandbox"))]
    return [sys.executable, "-m", "services.sandbox"]


def _die_with_parent() -> None:
    """Child side (Linux): receive SIGTERM if the parent dies without running atexit (kill -9, crash)."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, 15)  # PR_SET_PDEATHSIG, SIGTERM


class DemoSandbox:
    """The sandbox child process: `spawn()`, `wait_ready()`, `overlay(settings)`, `stop()`."""

    def __init__(self, process: subprocess.Popen[bytes], state_dir: Path, latency: float) -> None:
        self.process = process
        self.state_dir = state_dir
        self.latency = latency
        self.manifest: dict[str, Any] | None = None
        atexit.register(self.stop)

    @classmethod
    def spawn(cls, state_dir: Path | None = None, latency: float = 0.0) -> DemoSandbox:
        """Start the child and return at once; call `wait_ready()` (blocking: from a thread in the GUI).

        Must be called from the main thread: on Linux the parent-death signal is tied to the spawning thread.
        """
        state_dir = state_dir or demo_folder() / "sandbox"
        state_dir.mkdir(parents=True, exist_ok=True)
        (state_dir / MANIFEST_NAME).unlink(missing_ok=True)  # a stale manifest must not pass for readiness
        command = [*_sandbox_command(), "--state-dir", str(state_dir), "--latency", str(latency)]
        with (state_dir / "sandbox.log").open("ab") as output:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=output,
                                       stderr=subprocess.STDOUT,
                                       preexec_fn=_die_with_parent if sys.platform == "linux" else None)
        log.info("sandbox started (pid %s, state %s, latency %s s)", process.pid, state_dir, latency)
        return cls(process, state_dir, latency)

    @property
    def log_file(self) -> Path:
        return self.state_dir / "sandbox.log"

    @property
    def running(self) -> bool:
        return self.process.poll() is None

    @property
    def urls(self) -> dict[str, str]:
        return dict(self.manifest["urls"]) if self.manifest else {}

    def wait_ready(self, timeout: float = READY_TIMEOUT) -> dict[str, Any]:
        """Block until the child has written its manifest; returns it.

        Raises:
            SandboxError: the child exited or did not become ready in time (it is then stopped).
        """
        manifest_file = self.state_dir / MANIFEST_NAME
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running:
                raise SandboxError("Le bac à sable s'est arrêté au démarrage "
                                   f"(code {self.process.returncode}). Détails : {self.log_file}")
            with contextlib.suppress(FileNotFoundError, json.JSONDecodeError):  # absent or being written
                self.manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
                return self.manifest
            time.sleep(0.05)
        self.stop()
        raise SandboxError(f"Le bac à sable n'a pas démarré en {timeout:.0f} s. Détails : {self.log_file}")

    def overlay(self, settings: Settings) -> Settings:
        """Settings pointing at this sandbox: endpoints, test certificates (the CPS, and the structure's
        authentication and signing certificates: the DMP is reached in indirect mode), latency."""
        if self.manifest is None:
            raise SandboxError("Le bac à sable n'est pas prêt.")
        values: dict[str, Any] = {"demo.sandbox": True, "demo.latency": self.latency}
        values |= {key: str(self.manifest[name]) for name, key in _MANIFEST_FILES.items()
                   if self.manifest.get(name)}
        values |= {key: self.urls[name] for name, key in _SERVICE_URLS.items() if name in self.urls}
        if "insi" in self.urls:  # one INSi simulator stands for both endpoints (software certificate, CPS)
            values["services.insi_cps_url"] = self.urls["insi"]
        if "psc" in self.urls:
            try:
                secrets.store(_PSC_DEMO_SECRET_REF, _PSC_DEMO_SECRET)
            except secrets.SecretUnavailable:  # no system keyring: the sandbox client's public test secret
                os.environ.setdefault(CLIENT_SECRET_ENV, _PSC_DEMO_SECRET)  # this process only
                log.warning("pas de trousseau système : le secret de démonstration PSC reste en mémoire")
            values |= {"services.psc_client_id": _PSC_DEMO_CLIENT_ID,
                       "services.psc_client_secret_ref": _PSC_DEMO_SECRET_REF}
        if "mss_mailbox" in self.urls:  # the applicative box opens with the structure's certificate, no PSC needed
            values |= {"mss.auth": "external", "mss.client_cert": str(self.manifest["structure_cert"]),
                       "mss.client_key": str(self.manifest["structure_key"])}
        if self.manifest.get("structure_id"):
            # The demo cabinet is the structure of the sandbox's certificates: the DMP refuses a VIHF whose
            # Identifiant_Structure is not the one of the TLS certificate (PROTOCOLS §3.0).
            values["cabinet.structure_id"] = self.manifest["structure_id"]
        return _with(settings, values)

    def stop(self, timeout: float = STOP_TIMEOUT) -> None:
        """Terminate the child, kill it if it does not exit in time; safe to call twice."""
        atexit.unregister(self.stop)
        if self.running:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
            log.info("sandbox stopped (code %s)", self.process.returncode)
