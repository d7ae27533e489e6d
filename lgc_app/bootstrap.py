"""The composition root (Cosmic Python `bootstrap.py`): settings in, a wired `AppContext` out. No Qt here.

This is the only place that builds things: the database, the `Workstation`, the `Services` (one client per
national service, built off the event loop, closed at shutdown), the registry of send planners that
validation asks (DMP today, MSSanté next), the outbox handlers the worker runs, the describers of their
traces, and the session of whoever acts. The GUI, the headless worker, the command line and the tests build
the application the same way.

Where a new service goes: its client in `services/<name>/`, a `ServiceSlot` in `Services` (built by a
`make_<name>_client(settings)` here), its send planner in `send_planners(settings)`, its outbox handler in
`outbox_handlers()` and what its orders add to the trace in `trace_describers()`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lgc_app import __version__, config, cps, lps, secrets
from lgc_app.config import Role, Settings
from lgc_app.dmp import feeding
from lgc_app.dmp import trace as dmp_trace
from lgc_app.documents.dispatch import SendPlanner
from lgc_app.mss import access as mss_access
from lgc_app.mss import planning as mss_planning
from lgc_app.mss import replies as mss_replies
from lgc_app.mss import trace as mss_trace
from lgc_app.mss.inbox import reception
from lgc_app.mss.inbox.hooks import InboxHooks, report_handler
from lgc_app.outbox.process import WorkerProcess, start_worker_process
from lgc_app.outbox.trace import Describer, register
from lgc_app.persistence.database import Database
from lgc_app.service_slot import ServiceSlot
from lgc_app.session import ActingSession, Session, workstation_session
from lgc_app.workstation import Workstation
from services.annuaire.constants import SANDBOX_API_KEY, TIMEOUT_SECONDS
from services.transport import TlsMaterial, make_async_client

if TYPE_CHECKING:
    from lgc_app.demo import DemoSandbox
    from lgc_app.dmp.client_factory import DmpConnection
    from lgc_app.mss.inbox.reception import ReceptionThread
    from lgc_app.outbox.handler import Handler
    from services.annuaire import AnnuaireClient
    from services.card.card import Card
    from services.insi import InsiClient
    from services.mss.connection import MailboxAccess

# What only runs later is imported by the function that needs it: the outbox handlers (in the worker process),
# the service clients (on first use), the inbox hooks (when reception starts). The GUI's window shows sooner.

log = logging.getLogger("lgc.bootstrap")


def make_insi_client(settings: Settings) -> InsiClient:
    """The INSi client of this workstation (`Settings.insi_url`, `tls.*`).

    Blocking (it builds the TLS context, ARCHITECTURE.md): the `Services` slot calls it from a thread.
    """
    from services.insi import InsiClient, LpsIdentity

    tls = TlsMaterial(settings["tls.ca_file"], settings["tls.client_cert"], settings["tls.client_key"])
    http = make_async_client(tls, timeout=settings["demo.latency"] + 30.0)
    identity = LpsIdentity(idam=lps.LPS_IDAM, name=lps.LPS_NAME, version=__version__,
                           instance=lps.instance_id(settings.workstation_name))
    emitter = settings["cabinet.structure_id"] or settings.workstation_name
    return InsiClient(http, url=settings.insi_url, lps=identity, emitter=emitter)


def make_annuaire_client(settings: Settings) -> AnnuaireClient:
    """The Annuaire Santé client (`services.annuaire_url`, the key in the keyring entry named by
    `services.annuaire_key_ref`; in demo mode without a key, the local sandbox's). Blocking: TLS context.

    Raises:
        SecretUnavailable: no key in the keyring (outside demo mode).
    """
    try:
        api_key = secrets.fetch(settings["services.annuaire_key_ref"])
    except secrets.SecretUnavailable:
        if not settings["demo.sandbox"]:
            raise
        api_key = SANDBOX_API_KEY
    from services.annuaire import AnnuaireClient  # FHIR models: imported when the client is first needed

    # server-authenticated TLS only: the Annuaire identifies the application by its key (§6)
    http = make_async_client(TlsMaterial(settings["tls.ca_file"]),
                             timeout=settings["demo.latency"] + TIMEOUT_SECONDS)
    return AnnuaireClient(http, base_url=settings["services.annuaire_url"], api_key=api_key)


def make_mss_access(settings: Settings, session: ActingSession | None) -> MailboxAccess:
    """The practice's MSSanté mailbox as the acting session may open it (`mss.*` settings, its PSC token).

    Raises:
        MailboxUnavailable: no PSC sign-in for a bearer mailbox (transient), mailbox or password not configured.
    """
    return mss_access.mailbox_access(settings, session)


def connect_dmp(settings: Settings) -> DmpConnection:
    """The DMP connection of this workstation (`lgc_app.dmp.client_factory.connect`). Blocking: TLS context."""
    from lgc_app.dmp import client_factory

    return client_factory.connect(settings)


def inbox_hooks(settings: Settings) -> InboxHooks:
    """What MSSanté reception hands to the other parts: DSN/MDN to the sending side (every recipient of a report),
    structured lab results to the patient's results, replies (MDN, rejection) to the outbox."""
    from lgc_app.labresults.recording import record_lab_results
    from lgc_app.mss.acknowledgements import apply_report
    from services.mss.reports import is_report, parse_reports

    return InboxHooks(settings["mss.mailbox"], mss_replies.ReplySender(Workstation.from_settings(settings)),
                      reports=report_handler(parse_reports, apply_report, is_report), lab_results=record_lab_results)


def send_planners(settings: Settings) -> tuple[SendPlanner, ...]:
    """What a validated document implies (`documents.dispatch`): each planner enqueues its orders. MSSanté only
    for a cabinet with a mailbox (`mss.mailbox` of the validating workstation, a slave's too: its messages leave
    from that box), else each document would get an order that can only fail."""
    if settings["mss.mailbox"]:
        return (feeding.plan_document_feed, mss_planning.plan_mss_sends)
    return (feeding.plan_document_feed,)


def outbox_handlers(settings: Settings, *, session: Callable[[], ActingSession | None] | None = None
                    ) -> dict[str, Handler]:
    """The handlers a worker of this workstation executes, by order kind (endpoints, certificates).

    `session` gives who acts on this workstation when an order runs: a practitioner signed in with a CPS has
    their own documents signed by the card (`lgc_app.dmp.access`); in the worker process it is the GUI's
    session seen through the channel (`lgc_app.outbox.remote_session`); None for a worker without a user.
    """
    from lgc_app.dmp.handler import FeedHandler
    from lgc_app.mss.handler import MssSendHandler
    from lgc_app.outbox import noop
    from services.mss.smtp_sessions import SmtpSessions

    sessions = SmtpSessions()  # one submission session for messages and replies of the practice's box
    mss = MssSendHandler(settings, session=session, access=make_mss_access, sessions=sessions)
    return {
        noop.KIND: noop.handle,
        feeding.KIND: FeedHandler(settings, session=session),
        mss_planning.KIND: mss,
        mss_planning.COMPOSE_KIND: mss,
        mss_replies.KIND: mss_replies.ReplyHandler(settings, session=session, access=make_mss_access,
                                                   sessions=sessions),
    }


def trace_describers() -> dict[str, Describer]:
    """What each order kind adds to its trace and listing (`lgc_app.outbox.trace`), by kind."""
    registry: dict[str, Describer] = {}
    register(registry, feeding.KIND, dmp_trace.describer())
    register(registry, mss_planning.KIND, mss_trace.describer())
    register(registry, mss_planning.COMPOSE_KIND, mss_trace.describer())
    register(registry, mss_replies.KIND, mss_replies.describer())
    return registry


class Services:
    """One client per national service, built on first use in a thread (not at start-up: its TLS context would
    compete with the window for the CPU); `aclose()` at exit.

    The builders read the context's settings when they run, so a sandbox attached after bootstrap is used.
    """

    def __init__(self, context: AppContext) -> None:
        self._executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="lgc-connect")
        self.insi: ServiceSlot[InsiClient] = ServiceSlot("INSi", lambda: make_insi_client(context.settings),
                                                         self._executor)
        self.dmp: ServiceSlot[DmpConnection] = ServiceSlot("DMP", lambda: connect_dmp(context.settings),
                                                           self._executor)
        self.annuaire: ServiceSlot[AnnuaireClient] = ServiceSlot(
            "Annuaire Santé", lambda: make_annuaire_client(context.settings), self._executor)

    def slots(self) -> tuple[ServiceSlot[InsiClient] | ServiceSlot[DmpConnection] | ServiceSlot[AnnuaireClient], ...]:
        return (self.insi, self.dmp, self.annuaire)

    async def aclose(self) -> None:
        """Close every client (pooled connections, TLS sessions); builds in flight are awaited first."""
        for slot in self.slots():
            await slot.aclose()

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


@dataclass
class AppContext:
    """Everything a running workstation holds; `stop()` releases it in reverse order of start."""

    settings: Settings
    database: Database
    workstation: Workstation
    session: Session
    config_path: Path | None = None  # the settings file the settings dialog edits (None: the default one)
    planners: tuple[SendPlanner, ...] = ()  # `bootstrap()` gives `send_planners(settings)`
    describers: dict[str, Describer] = field(default_factory=trace_describers)
    sandbox: DemoSandbox | None = None
    worker: WorkerProcess | None = None
    reception: ReceptionThread | None = None
    services: Services = field(init=False)
    _card: Card | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.services = Services(self)

    def cps_card(self) -> Card | None:
        """The CPS card of this workstation (`lgc_app.cps`): one object for the status bar, the "Carte CPS"
        sign-in and the session it opens. Built on first use, from the settings then in force (the demo's
        sandbox provides its software card). None on a slave: its orders run on the master, whose worker could
        not sign with a card inserted elsewhere, so its users sign in with their account (SC.DMP/ALI/PROG.02).
        """
        if self._card is None and self.role is not Role.SLAVE:
            self._card = cps.configured_card(self.settings)
        return self._card

    @property
    def role(self) -> Role:
        return self.workstation.role

    @property
    def workstation_name(self) -> str:
        return self.workstation.name

    def attach_sandbox(self, sandbox: DemoSandbox) -> None:
        """Use this (ready) sandbox: the settings now point at it (its mailbox too: MSSanté is planned), and `stop()`
        stops it."""
        self.sandbox = sandbox
        self.settings = sandbox.overlay(self.settings)
        self.planners = send_planners(self.settings)

    def start_worker(self) -> bool:
        """Start the send-order worker in its own process when this workstation executes orders (from the
        GUI's event loop, where the signed-in user's PSC tokens are refreshed)."""
        if self.worker is None:
            try:
                loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
            except RuntimeError:
                loop = None
            # the session is read when each order runs: whoever is signed in then (their CPS signs their documents)
            self.worker = start_worker_process(self.workstation, self.settings, session=lambda: self.session,
                                               config_path=self.config_path, loop=loop)
        return self.worker is not None

    def start_reception(self, hooks: InboxHooks | None = None) -> bool:
        """Start reading the MSSanté mailbox in its own thread on a master or standalone workstation with a
        mailbox configured (never on a slave); whoever is signed in when it connects acts (their PSC token for a
        personal mailbox). `hooks`: the composition root's (`inbox_hooks`) unless a test gives others."""
        if self.reception is None and self.workstation.runs_worker and self.settings["mss.mailbox"]:
            opener = reception.mailbox_opener(self.settings, lambda: self.session)
            worker = reception.ReceptionWorker(self.database, opener, hooks or inbox_hooks(self.settings),
                                               poll_seconds=self.settings["mss.poll_seconds"])
            self.reception = reception.ReceptionThread(worker)
            self.reception.start()
        return self.reception is not None

    def stop(self) -> None:
        if self.reception is not None:
            self.reception.stop()
            self.reception = None
        if self.worker is not None:
            self.worker.stop()
            self.worker = None
        self.services.shutdown()
        self.database.close()
        if self.sandbox is not None:
            self.sandbox.stop()


def bootstrap(settings: Settings, *, config_path: Path | None = None, session: Session | None = None) -> AppContext:
    """Check the configured files and open (migrating) the database; the session acts as the workstation
    until a user is chosen (`AppContext.session` is replaced then).

    Raises:
        ConfigError: a TLS file is set but missing.
        DatabaseError: the database is unreachable, foreign, corrupt or newer than this version.
    """
    config.check_files(settings)
    database = Database.open(settings.database_url)
    workstation = Workstation.from_settings(settings)
    log.info("workstation %s (%s) on %s", workstation.name, workstation.role.value,
             database.engine.url.render_as_string(hide_password=True))
    return AppContext(settings, database, workstation, session or workstation_session(workstation), config_path,
                      planners=send_planners(settings))
