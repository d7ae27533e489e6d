"""The composition root: one client per national service, built once off the loop, shared, closed at exit;
the workstation and the acting user come from bootstrap, never from a global or the OS login."""

from __future__ import annotations

import asyncio
import getpass
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from lgc_app.bootstrap import bootstrap, outbox_handlers, send_planners
from lgc_app.config import Role, Settings
from lgc_app.dmp import feeding
from lgc_app.mss import planning as mss_planning
from lgc_app.service_slot import ServiceSlot
from lgc_app.session import Authentication
from services.insi import InsiClient


class Client:
    def __init__(self) -> None:
        self.thread = threading.current_thread().name
        self.closed = False

    async def aclose(self) -> None:
        self.closed = True


@pytest.fixture
def executor() -> ThreadPoolExecutor:
    pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="test-connect")
    yield pool  # type: ignore[misc]
    pool.shutdown(wait=True)


async def test_a_slot_builds_once_off_the_loop_for_every_caller(executor: ThreadPoolExecutor) -> None:
    gate = threading.Event()
    built: list[Client] = []

    def build() -> Client:
        gate.wait(5)
        built.append(Client())
        return built[-1]

    slot = ServiceSlot("test", build, executor)
    callers = [asyncio.create_task(slot.get()) for _ in range(3)]
    await asyncio.sleep(0.05)
    assert not any(caller.done() for caller in callers)  # the loop runs while the client is built
    gate.set()
    clients = await asyncio.gather(*callers)
    assert len(built) == 1 and all(client is built[0] for client in clients)
    assert built[0].thread.startswith("test-connect")


async def test_a_failed_build_is_reported_then_tried_again(executor: ThreadPoolExecutor) -> None:
    attempts: list[int] = []

    def build() -> Client:
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError("certificat illisible")
        return Client()

    slot = ServiceSlot("test", build, executor)
    with pytest.raises(OSError, match="illisible"):
        await slot.get()
    assert isinstance(await slot.get(), Client) and len(attempts) == 2


async def test_a_cancelled_caller_does_not_cancel_the_build_others_wait_for(executor: ThreadPoolExecutor) -> None:
    gate = threading.Event()
    slot = ServiceSlot("test", lambda: (gate.wait(5), Client())[1], executor)
    first, second = asyncio.create_task(slot.get()), asyncio.create_task(slot.get())
    await asyncio.sleep(0.02)
    first.cancel()
    gate.set()
    assert isinstance(await second, Client)


async def test_closing_waits_for_a_build_in_flight_and_closes_it(executor: ThreadPoolExecutor) -> None:
    gate = threading.Event()
    made: list[Client] = []
    slot = ServiceSlot("test", lambda: (gate.wait(5), made.append(Client()), made[-1])[2], executor)
    slot.start()
    closing = asyncio.create_task(slot.aclose())
    await asyncio.sleep(0.02)
    assert not closing.done()
    gate.set()
    await asyncio.wait_for(closing, 5)
    assert made[0].closed and slot.built() is None


async def test_the_context_holds_one_typed_client_per_service_and_closes_them(db_url: str) -> None:
    context = bootstrap(Settings({"database.url": db_url, "workstation.name": "ACCUEIL"}))
    try:
        insi = await context.services.insi.get()
        assert isinstance(insi, InsiClient) and await context.services.insi.get() is insi
        http: httpx.AsyncClient = insi._http
        await context.services.aclose()
        assert http.is_closed
    finally:
        context.stop()


def test_bootstrap_names_the_workstation_and_who_acts(db_url: str) -> None:
    context = bootstrap(Settings({"database.url": db_url, "workstation.name": "CONSULTATION",
                                  "workstation.role": "slave", "workstation.master": "SECRETARIAT"}))
    try:
        assert (context.workstation.name, context.workstation.role, context.workstation.executor) == (
            "CONSULTATION", Role.SLAVE, "SECRETARIAT")
        session = context.session
        assert session.authentication is Authentication.WORKSTATION and session.workstation is context.workstation
        assert getpass.getuser() not in session.who  # never the OS login
        assert context.planners == (feeding.plan_document_feed,)  # no MSSanté mailbox: the DMP only
    finally:
        context.stop()


def test_mssante_is_planned_only_for_a_cabinet_with_a_mailbox(db_url: str) -> None:
    assert send_planners(Settings()) == (feeding.plan_document_feed,)
    with_box = Settings({"database.url": db_url, "mss.mailbox": "lgc.cabinet-test@medecin.mssante.fr"})
    assert send_planners(with_box) == (feeding.plan_document_feed, mss_planning.plan_mss_sends)
    context = bootstrap(with_box)
    try:
        assert context.planners == send_planners(with_box)
    finally:
        context.stop()


def test_the_demo_sandbox_mailbox_brings_mssante_planning(db_url: str) -> None:
    class Sandbox:  # what `attach_sandbox` uses of a DemoSandbox: its overlay (the demo's sets mss.mailbox)
        def overlay(self, settings: Settings) -> Settings:
            return settings.replace(mss__mailbox="lgc.cabinet-test@medecin.mssante.fr")

        def stop(self) -> None:
            pass
    context = bootstrap(Settings({"database.url": db_url}))
    try:
        assert mss_planning.plan_mss_sends not in context.planners
        context.attach_sandbox(Sandbox())  # type: ignore[arg-type]
        assert mss_planning.plan_mss_sends in context.planners
    finally:
        context.stop()


def test_the_handlers_come_from_the_composition_root() -> None:
    assert set(outbox_handlers(Settings())) == {"noop", feeding.KIND, "mss.send", "mss.compose", "mss.reply"}
