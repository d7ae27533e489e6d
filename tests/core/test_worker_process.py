"""The worker in its own process (issue 14 item 1): the private channel, the session mirror, and the child the
GUI starts, watches, restarts after a kill -9 and stops; nothing secret reaches its command line, its
environment, its log or the traces. The CPS signing round-trip through a real child is in
tests/e2e/test_dmp_card_feed.py."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
import signal
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from lgc_app.auth.psc_login import CLIENT_SECRET_ENV
from lgc_app.config import Settings
from lgc_app.outbox.errors import TransientSendError
from lgc_app.outbox.handler import HandlerResult, OrderContext
from lgc_app.outbox.ipc import Channel, ChannelClosed
from lgc_app.outbox.models import OrderStatus, SendOrderEvent
from lgc_app.outbox.process import WorkerProcess, WorkerState, child_environment, worker_command
from lgc_app.outbox.remote_session import SessionMirror
from lgc_app.outbox.trace import count_orders
from lgc_app.persistence.database import Database
from lgc_app.session import Authentication, Session
from services.card.card import CARD_NOT_UNLOCKED, CardError
from services.psc.errors import SESSION_ENDED, PscError
from tests.helpers.composition import STANDALONE, practitioner_session
from tests.helpers.outbox import enqueue_orders

START_UP = 90.0  # a cold interpreter importing the application, on a loaded 2-core machine
PLANTED_SECRET = "planted-client-secret-7f3a9c"
PLANTED_TOKEN = "planted-access-token-41d0e8b2"


def _channel_pair(gui_handlers: dict[str, Callable[[dict[str, object]], object]]) -> Iterator[tuple[Channel,
                                                                                                     Channel]]:
    to_worker_r, to_worker_w = os.pipe()
    to_gui_r, to_gui_w = os.pipe()
    gui = Channel(os.fdopen(to_gui_r, "rb"), os.fdopen(to_worker_w, "wb"), name="gui", handlers=gui_handlers)
    worker = Channel(os.fdopen(to_worker_r, "rb"), os.fdopen(to_gui_w, "wb"), name="worker")
    gui.start()
    worker.start()
    try:
        yield gui, worker
    finally:
        gui.close()
        worker.close()


@pytest.fixture
def channels(request: pytest.FixtureRequest) -> Iterator[tuple[Channel, Channel]]:
    yield from _channel_pair(request.param)


class FakeTokens:
    async def access_token(self) -> str:
        await asyncio.sleep(0)
        return PLANTED_TOKEN


def _refuse(_args: dict[str, object]) -> object:
    raise CardError(CARD_NOT_UNLOCKED, detail="retirée")


@pytest.mark.parametrize("channels", [{"double": lambda args: 2 * int(str(args["x"])), "sign": _refuse}],
                         indirect=True)
def test_requests_answers_and_errors_cross_the_channel(channels: tuple[Channel, Channel]) -> None:
    gui, worker = channels
    assert worker.call("double", x=21) == 42
    with pytest.raises(CardError) as refused:
        worker.call("sign")
    assert refused.value.code == CARD_NOT_UNLOCKED  # the same error, with the catalogue's French reason
    gui.close()
    deadline = time.monotonic() + 5
    while not worker.closed and time.monotonic() < deadline:
        time.sleep(0.01)
    with pytest.raises(ChannelClosed):
        worker.call("double", x=1)  # the GUI is gone: no call waits for ever


async def test_the_worker_mirrors_the_guis_session_and_asks_it_for_tokens() -> None:
    signed_in = dataclasses.replace(practitioner_session(), authentication=Authentication.PRO_SANTE_CONNECT,
                                    psc=FakeTokens())  # type: ignore[arg-type]
    acting: list[Session | None] = [signed_in]
    gui_side = WorkerProcess(Settings(), session=lambda: acting[0], loop=asyncio.get_running_loop())
    for _gui, worker in _channel_pair(gui_side.answers()):
        mirror = SessionMirror(worker, STANDALONE)
        await mirror.refresh()
        remote = mirror.current()
        assert remote is not None
        assert (remote.who, remote.actor(), remote.authentication) == (signed_in.who, signed_in.actor(),
                                                                        Authentication.PRO_SANTE_CONNECT)
        assert remote.card is None and remote.psc is not None
        assert await remote.psc.access_token() == PLANTED_TOKEN
        acting[0] = None  # signed out
        with pytest.raises(PscError) as ended:
            await remote.psc.access_token()
        assert ended.value.code == SESSION_ENDED
        await mirror.refresh()
        assert mirror.current() is None


async def test_an_order_whose_card_went_away_waits_with_the_cards_reason(db: Database) -> None:
    acting: list[Session | None] = [practitioner_session()]

    async def signing(ctx: OrderContext) -> HandlerResult:
        assert mirror.current() is not None and mirror.current().who == acting[0].who  # type: ignore[union-attr]
        raise CardError(CARD_NOT_UNLOCKED)  # the GUI refused: the card was removed since the session began

    gui_side = WorkerProcess(Settings(), session=lambda: acting[0])
    for _gui, worker in _channel_pair(gui_side.answers()):
        mirror = SessionMirror(worker, STANDALONE)
        handler = mirror.refreshing({"k": signing})["k"]
        context = OrderContext(order_id="o", kind="k", payload_ref="r", payload={}, ordered_by="pmedecin", attempt=1,
                               max_attempts=5, workstation="poste-1", db=db, trace=lambda _text: None)
        with pytest.raises(TransientSendError) as waiting:
            await handler(context)
    assert waiting.value.text == "La carte CPS n'est pas déverrouillée : saisissez son code PIN."


def test_the_child_is_lgc_worker_with_the_guis_options_and_no_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    command = worker_command(Path("/etc/lgc.toml"), demo=True)
    assert command[-5:] == ["--config", "/etc/lgc.toml", "--demo", "worker", "--supervised"]
    monkeypatch.setenv(CLIENT_SECRET_ENV, PLANTED_SECRET)
    monkeypatch.setenv("LGC_DB_PASSWORD", PLANTED_SECRET)
    env = child_environment(os.environ)
    assert PLANTED_SECRET not in env.values()
    assert env["HOME"] == os.environ["HOME"]


# A child whose handlers include a probe asking the GUI for the acting user's token (as the MSSanté handler
# will): the round trip happens, and the token shows nowhere but in the probe's own hands.
_PROBE_CHILD = textwrap.dedent("""
    import asyncio
    import sys
    from lgc_app.outbox import supervised
    from lgc_app.outbox.handler import HandlerResult

    original = supervised.outbox_handlers

    def handlers(settings, *, session):
        async def probe(ctx):
            token = await session().psc.access_token()
            return HandlerResult(summary=f"jeton de {len(token)} caractères pour {session().who}")

        async def slow(ctx):  # a service that does not answer
            await asyncio.sleep(60)
            return HandlerResult()
        return {**original(settings, session=session), "probe.token": probe, "probe.slow": slow}

    supervised.outbox_handlers = handlers
    sys.exit(supervised.run_supervised())
""")


async def _until(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"délai dépassé : {what}"
        await asyncio.sleep(0.05)


def _done(db: Database) -> int:
    return count_orders(db)[OrderStatus.DONE]


async def test_the_child_executes_orders_is_restarted_after_kill_9_and_stops(
        db: Database, db_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv(CLIENT_SECRET_ENV, PLANTED_SECRET)
    signed_in = dataclasses.replace(practitioner_session(), authentication=Authentication.PRO_SANTE_CONNECT,
                                    psc=FakeTokens())  # type: ignore[arg-type]
    settings = Settings({"database.url": db_url, "workstation.name": "poste-1"})
    states: list[WorkerState] = []
    process = WorkerProcess(settings, session=lambda: signed_in, loop=asyncio.get_running_loop(),
                            command=[sys.executable, "-c", _PROBE_CHILD], restart_delays=(0.2,))
    process.on_state_changed(states.append)
    caplog.set_level(logging.INFO)
    process.start()
    try:
        assert await asyncio.to_thread(process.wait_prepared, START_UP)
        first = process.pid
        assert first is not None and first != os.getpid()
        for where in ("cmdline", "environ"):  # what `ps` and other users' tools could read
            exposed = await asyncio.to_thread(Path(f"/proc/{first}/{where}").read_bytes)
            assert PLANTED_SECRET.encode() not in exposed and PLANTED_TOKEN.encode() not in exposed
        enqueue_orders(db, 2)
        enqueue_orders(db, kind="probe.token")
        process.wake()
        await _until(lambda: _done(db) == 3, 30, "ordres exécutés par le processus")

        os.kill(first, signal.SIGKILL)
        await _until(lambda: process.restarts == 1, 30, "redémarrage après kill -9")
        assert await asyncio.to_thread(process.wait_prepared, START_UP)
        assert process.pid != first and process.state is WorkerState.RUNNING
        enqueue_orders(db, 2)
        process.wake()
        await _until(lambda: _done(db) == 5, 30, "ordres exécutés après le redémarrage")
    finally:
        started = time.monotonic()
        graceful = await asyncio.to_thread(process.stop, 10.0)
    assert graceful and time.monotonic() - started < 10
    assert not process.is_alive() and process.state is WorkerState.STOPPED
    assert states[:2] == [WorkerState.STARTING, WorkerState.RUNNING] and WorkerState.RESTARTING in states
    with db.reading() as session:
        details = "\n".join(event.detail or "" for event in session.scalars(select(SendOrderEvent)))
    assert f"jeton de {len(PLANTED_TOKEN)} caractères pour {signed_in.who}" in details  # the round trip
    child_log = "\n".join(record.getMessage() for record in caplog.records if record.name == "lgc.worker")
    everything = child_log + details + caplog.text
    assert PLANTED_TOKEN not in everything and PLANTED_SECRET not in everything



async def test_an_exit_never_waits_for_a_stuck_order_which_stays_in_the_outbox(db: Database, db_url: str) -> None:
    settings = Settings({"database.url": db_url, "workstation.name": "poste-1"})
    process = WorkerProcess(settings, session=lambda: None, command=[sys.executable, "-c", _PROBE_CHILD])
    process.start()
    try:
        assert await asyncio.to_thread(process.wait_prepared, START_UP)
        enqueue_orders(db, kind="probe.slow")
        process.wake()
        await _until(lambda: count_orders(db)[OrderStatus.IN_PROGRESS] == 1, 30, "ordre en cours")
    finally:
        started = time.monotonic()
        graceful = await asyncio.to_thread(process.stop, 1.0)
        elapsed = time.monotonic() - started
    assert not graceful and elapsed < 5  # killed after its second: the exit does not hang
    assert not process.is_alive()
    # its lease will expire and another attempt will follow: nothing lost
    assert count_orders(db)[OrderStatus.IN_PROGRESS] == 1
