"""MSSanté end to end against the sandbox's operator simulator, wired as the application wires it
(`bootstrap.outbox_handlers`, `bootstrap.inbox_hooks`, `lgc mss fetch`): a validated document reaches the
patient's and the correspondents' boxes and their DSN/MDN come back; two workstations exchange a document; an
injected lab report is integrated with its results; a hostile one lands in the KO list and its sender gets a
processed/Error MDN."""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import logging
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from lgc_app import cli, config
from lgc_app.bootstrap import inbox_hooks, outbox_handlers
from lgc_app.config import Settings
from lgc_app.directory.models import Correspondent
from lgc_app.dmp.consultation import received_documents
from lgc_app.dmp.consultation_models import DmpReceivedDocument
from lgc_app.labresults.models import LabResult
from lgc_app.mss import planning, replies
from lgc_app.mss.inbox import worklist
from lgc_app.mss.inbox.models import ItemState
from lgc_app.mss.inbox.reception import FetchSummary, ReceptionThread, ReceptionWorker, fetch_once, mailbox_opener
from lgc_app.mss.preferences import SendingPreferences, save_preferences
from lgc_app.mss.sent_models import MssMessage, RecipientStatus
from lgc_app.mss.trace import document_recipients
from lgc_app.outbox.backoff import Backoff
from lgc_app.outbox.models import SendOrder
from lgc_app.outbox.worker import Worker
from lgc_app.patients.vocabulary import IdentityStatus
from lgc_app.persistence.database import Database
from lgc_app.session import Session
from services.mss.imap import ImapSession
from services.sandbox.server import RunningSandbox
from tests.helpers import databases
from tests.helpers import mss_sim as sim
from tests.helpers.cisis import add_patient
from tests.helpers.composition import practitioner_session
from tests.helpers.dmp_feed import Cabinetry, drain, validated

pytestmark = [pytest.mark.db]


@pytest.fixture(autouse=True)
def _fresh_box(sandbox: RunningSandbox) -> None:
    sim.settle_applicative_box(sandbox)


def _dupont(db: Database) -> int:
    with db.unit_of_work() as session:
        return add_patient(session, status=IdentityStatus.QUAL, **sim.DUPONT_TRAITS).id


def _correspondent(db: Database, patient_id: int, role: str, mailbox: str, rpps: str) -> None:
    with db.unit_of_work() as session:
        session.add(Correspondent(patient_id=patient_id, role=role, rpps=rpps, family="CARDIO", given="Claire",
                                  specialty="Cardiologie", mailbox=mailbox, mailbox_kind="PER", place="",
                                  added_by="test"))


def _worker(db: Database, settings: Settings, session: Callable[[], Session | None] | None = None) -> Worker:
    handlers = {kind: handler for kind, handler in outbox_handlers(settings, session=session).items()
                if kind.startswith("mss.")}  # the DMP orders of a validation fail at once: not this test's
    return Worker(db, handlers, workstation="POSTE-1", backoff=Backoff(base=0.05, cap=0.2), listen=False)


def _fetch(db: Database, settings: Settings, session: Callable[[], Session | None] = lambda: None) -> FetchSummary:
    return asyncio.run(fetch_once(db, mailbox_opener(settings, session), inbox_hooks(settings)))


def _cli_fetch(tmp_path: Path, sandbox: RunningSandbox, db_url: str) -> int:
    path = tmp_path / "lgc.toml"
    config.save(Settings(sim.sim_values(sandbox, **{"database.url": db_url})), path)
    return cli.main(["--config", str(path), "mss", "fetch"])


class _SignedIn:
    """The PSC sign-in of the session: the simulator's real access token (introspected by the operator)."""

    def __init__(self, token: str) -> None:
        self._token = token

    async def access_token(self) -> str:
        return self._token

    async def aclose(self) -> None:
        return None


@pytest.fixture(scope="module")
def paul_token(sandbox: RunningSandbox) -> str:
    return sim.psc_token(sandbox, "62")


def _states(db: Database, document_id: int) -> dict[str, RecipientStatus]:
    return {state.address: state.status for state in document_recipients(db, document_id)}


async def test_a_validated_document_reaches_the_patient_and_correspondents_and_reports_come_back(
        db: Database, db_url: str, cabinet: Cabinetry, sandbox: RunningSandbox, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    patient_id = _dupont(db)
    _correspondent(db, patient_id, "medecin_traitant", sim.CARDIO, "10000000001")  # MDN only when read
    _correspondent(db, patient_id, "adresseur", sim.SOFTWARE, "10000000002")  # read by software: automatic MDN
    save_preferences(db, cabinet.author.practitioner_id or 0, SendingPreferences(to_referring=True), cabinet.author)
    document_id = validated(db, patient_id, cabinet.author)
    settings = sim.sim_settings(sandbox)
    await drain(db, _worker(db, settings), within=90)
    patient = f"{sim.DUPONT_INS}@patient.mssante.fr"
    assert _states(db, document_id) == dict.fromkeys((patient, sim.CARDIO, sim.SOFTWARE), RecipientStatus.SENT)
    with db.reading() as session:
        message_ids = set(session.scalars(select(MssMessage.message_id).where(
            MssMessage.document_id == document_id)))
    for box in (patient, sim.CARDIO, sim.SOFTWARE):
        assert any(m["message_id"] in message_ids for m in sim.messages(sandbox, box)), box

    assert await asyncio.to_thread(_cli_fetch, tmp_path, sandbox, db_url) == 0
    assert "accusé(s) de réception" in capsys.readouterr().out
    assert _states(db, document_id) == {patient: RecipientStatus.PROCESSED,  # Mon espace santé answers MDN
                                        sim.CARDIO: RecipientStatus.DELIVERED,  # DSN only, not read yet
                                        sim.SOFTWARE: RecipientStatus.PROCESSED}
    cardio_copy = next(m for m in sim.messages(sandbox, sim.CARDIO) if m["message_id"] in message_ids)
    with sim.control(sandbox) as http:
        assert http.post("/read", json={"mailbox": sim.CARDIO, "message_id": cardio_copy["message_id"]}).is_success
    assert await asyncio.to_thread(_cli_fetch, tmp_path, sandbox, db_url) == 0
    assert _states(db, document_id)[sim.CARDIO] is RecipientStatus.DISPLAYED


async def test_two_workstations_exchange_a_document(db: Database, cabinet: Cabinetry, sandbox: RunningSandbox,
                                                    paul_token: str, _sqlite_template: Path, tmp_path: Path) -> None:
    # A: Paul MEDECIN-TEST's personal box, opened with his PSC token; B: the practice's applicative box.
    a_settings = sim.sim_settings(sandbox, sim.PRACTITIONER)
    signed_in = dataclasses.replace(practitioner_session(), psc=_SignedIn(paul_token))  # type: ignore[arg-type]
    save_preferences(db, cabinet.author.practitioner_id or 0, SendingPreferences(to_patient=False), cabinet.author)
    document_id = validated(db, _dupont(db), cabinet.author)
    planning.send_document_to(db, document_id, sim.APPLICATIVE, cabinet.author)
    await drain(db, _worker(db, a_settings, lambda: signed_in), within=90)
    assert _states(db, document_id) == {sim.APPLICATIVE: RecipientStatus.SENT}

    b = Database.open(databases.sqlite_copy(_sqlite_template, tmp_path), migrate=False)
    try:
        b_patient = _dupont(b)
        b_settings = sim.sim_settings(sandbox, **{"workstation.name": "POSTE-B"})
        summary = await asyncio.to_thread(_fetch, b, b_settings)
        assert (summary.integrated, summary.ko, summary.to_match) == (1, 0, 0)
        [received] = received_documents(b, b_patient)
        with b.reading() as session:
            row = session.get(DmpReceivedDocument, received.id)
            assert row is not None and (row.origin, row.origin_sender) == ("mss", sim.PRACTITIONER)
        with b.reading() as session:  # its processed MDN waits in B's outbox, then leaves from B's box
            assert session.scalar(select(func.count()).select_from(SendOrder).where(
                SendOrder.kind == replies.KIND)) == 1
        await drain(b, _worker(b, b_settings), within=60)
    finally:
        b.close()
    summary = await asyncio.to_thread(_fetch, db, a_settings, lambda: signed_in)
    assert summary.reports >= 1
    assert _states(db, document_id) == {sim.APPLICATIVE: RecipientStatus.PROCESSED}


def _lab_results(db: Database, patient_id: int) -> int:
    with db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(LabResult).where(
            LabResult.patient_id == patient_id)) or 0)


async def test_an_injected_lab_report_is_integrated_with_its_results(db: Database, sandbox: RunningSandbox) -> None:
    patient_id = _dupont(db)
    sent = sim.inject(sandbox, sim.APPLICATIVE, sim.LAB_REPORT, patient=sim.DUPONT_IDENTITY)
    settings = sim.sim_settings(sandbox)
    summary = await asyncio.to_thread(_fetch, db, settings)
    assert (summary.fetched, summary.integrated, summary.ko) == (1, 1, 0)
    [received] = received_documents(db, patient_id)
    with db.reading() as session:
        row = session.get(DmpReceivedDocument, received.id)
        assert row is not None and row.type_code == "11502-2"  # CR d'examens biologiques
    assert _lab_results(db, patient_id) > 0
    await drain(db, _worker(db, settings), within=60)
    answers = [sim.raw(sandbox, sim.SOFTWARE, m["uid"]) for m in sim.messages(sandbox, sim.SOFTWARE)]
    mdn = next(raw for raw in answers if f"Original-Message-ID: {sent['message_id']}".encode() in raw)
    assert b"Disposition: automatic-action/MDN-sent-automatically; processed\r\n" in mdn


@pytest.mark.parametrize("variant", ["bad_hash", "patient_mismatch"])
async def test_a_hostile_message_lands_in_the_ko_list_and_its_sender_gets_an_error_mdn(
        db: Database, sandbox: RunningSandbox, variant: str) -> None:
    _dupont(db)
    sent = sim.inject(sandbox, sim.APPLICATIVE, sim.LAB_REPORT, patient=sim.DUPONT_IDENTITY, variant=variant)
    settings = sim.sim_settings(sandbox)
    summary = await asyncio.to_thread(_fetch, db, settings)
    assert (summary.ko, summary.integrated) == (1, 0)
    [entry] = worklist.list_inbox(db, states=(ItemState.KO,))
    assert entry.reason
    await drain(db, _worker(db, settings), within=60)
    errors = [sim.raw(sandbox, sim.SOFTWARE, m["uid"]) for m in sim.messages(sandbox, sim.SOFTWARE)
              if m["subject"].startswith("Erreur de traitement")]
    mdn = next(raw for raw in errors if sent["message_id"].encode() in raw)
    assert b"processed/Error" in mdn and b"X-MSS-NIL:" in mdn



def test_stopping_reception_during_idle_ends_it_cleanly_and_quickly(
        db: Database, sandbox: RunningSandbox, caplog: pytest.LogCaptureFixture) -> None:
    settings = sim.sim_settings(sandbox, **{"mss.poll_seconds": 300})  # IDLE far longer than the test
    opened: list[ImapSession] = []
    open_session = mailbox_opener(settings, lambda: None)

    async def opener() -> ImapSession:
        opened.append(await open_session())
        return opened[-1]
    summaries: list[FetchSummary] = []
    thread = ReceptionThread(ReceptionWorker(db, opener, inbox_hooks(settings), poll_seconds=300,
                                             on_summary=summaries.append))
    sim.inject(sandbox, sim.APPLICATIVE, sim.LAB_REPORT, patient=sim.DUPONT_IDENTITY)
    thread.start()
    sim.wait_for(lambda: summaries and opened[0].idling, timeout=60)  # fetched, then idling
    caplog.set_level(logging.DEBUG, logger="asyncio")
    started = time.monotonic()
    assert thread.stop(timeout=20)
    assert time.monotonic() - started < 10  # DONE, tagged OK, LOGOUT: round trips, not the IDLE's 300 s
    assert opened[0].logged_out
    opened.clear()
    gc.collect()  # a task left pending is reported when it is destroyed
    assert not [r for r in caplog.records if "pending" in r.getMessage() or "never retrieved" in r.getMessage()]
