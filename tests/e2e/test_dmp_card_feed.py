"""DMP access per authentication (issue 11, items 3-4): a document fed with the CPS card (PKCS#11 on SoftHSM2)
is accepted by the simulator, signed by the card; Pro Santé Connect and the structure's certificates in
indirect mode; the send order's trace says which was used; the simulator refuses inconsistent forms."""

from __future__ import annotations

import asyncio
import dataclasses
import threading
import time
from collections.abc import AsyncIterator, Iterator

import pytest

from lgc_app.bootstrap import trace_describers
from lgc_app.dmp.client_factory import DmpConnection, connect, vihf_context
from lgc_app.dmp.handler import FeedHandler
from lgc_app.dmp.models import DmpState
from lgc_app.dmp.state import document_state
from lgc_app.outbox.process import WorkerProcess
from lgc_app.outbox.trace import read_order
from lgc_app.persistence.database import Database
from lgc_app.session import SECRETARIAT, Authentication, Session
from services.card.card import SignMechanism
from services.card.key import card_signing_key
from services.card.pkcs11_card import Pkcs11Card
from services.dmp import constants as c
from services.dmp.errors import DmpError
from services.dmp.vihf import VihfSigner
from services.sandbox.server import RunningSandbox
from tests.helpers import softhsm
from tests.helpers.composition import STANDALONE, TEST_PRACTITIONER, practitioner_session
from tests.helpers.dmp import DmpWire
from tests.helpers.dmp_feed import (
    CABINET,
    Cabinetry,
    dmp_patient,
    drain,
    fast_worker,
    feed_settings,
    unsettled,
    validated,
)


@pytest.fixture(scope="module")
def hsm(sandbox: RunningSandbox, tmp_path_factory: pytest.TempPathFactory) -> Iterator[softhsm.SoftHsm]:
    with pytest.MonkeyPatch.context() as monkeypatch:
        yield from softhsm.provision(tmp_path_factory.mktemp("softhsm"), sandbox.manifest.cps_cert.read_bytes(),
                                     sandbox.manifest.cps_key.read_bytes(), monkeypatch)


@pytest.fixture
def card(hsm: softhsm.SoftHsm) -> Iterator[Pkcs11Card]:
    card = Pkcs11Card(hsm.library, token_label=softhsm.CPS_LABEL)
    card.login(softhsm.PIN)
    yield card
    card.logout()


@pytest.fixture
async def connection(sandbox: RunningSandbox) -> AsyncIterator[DmpConnection]:
    connection = connect(feed_settings(sandbox), timeout=5.0)
    yield connection
    await connection.aclose()


def _session(authentication: Authentication, card: Pkcs11Card | None = None) -> Session:
    return dataclasses.replace(practitioner_session(), authentication=authentication, card=card)


async def _feed(db: Database, sandbox: RunningSandbox, wire: DmpWire, cabinet: Cabinetry,
                session: Session) -> str:
    """Validate a document, run the worker acting with `session`; the order's trace."""
    _ins, patient = await dmp_patient(db, wire)
    document_id = validated(db, patient, cabinet.author)
    handler = FeedHandler(feed_settings(sandbox), session=lambda: session)
    try:
        await drain(db, fast_worker(db, handler))
    finally:
        await handler.aclose()
    state = document_state(db, document_id)
    assert state is not None
    trace = read_order(db, state.order_id or "", trace_describers())
    assert trace is not None
    assert state.state is DmpState.SENT, [event.detail for event in trace.events]
    return "\n".join(event.detail for event in trace.events)


async def test_the_card_signs_the_feed_of_its_holder(db: Database, sandbox: RunningSandbox, wire: DmpWire,
                                                     cabinet: Cabinetry, card: Pkcs11Card) -> None:
    trace = await _feed(db, sandbox, wire, cabinet, _session(Authentication.CPS, card))
    # accepted by the simulator, which takes SmartcardPKI only signed by the NameID's own card
    assert "Authentification auprès du DMP (tentative 1) : carte CPS de Paul MEDECIN-TEST (n° 899700366240)" in trace
    assert c.AUTHN_CPS in trace and f">{c.AUTH_MODE_DIRECT}<" in trace


async def test_the_worker_process_has_the_guis_card_sign(db: Database, db_url: str, sandbox: RunningSandbox,
                                                        wire: DmpWire, cabinet: Cabinetry, card: Pkcs11Card) -> None:
    """Issue 14 item 1: the card stays in the GUI's process (its PKCS#11 session opened with the PIN); the
    worker process asks it over its channel for each signature, and the simulator accepts them."""
    _ins, patient = await dmp_patient(db, wire)
    document_id = validated(db, patient, cabinet.author)
    session = _session(Authentication.CPS, card)
    signatures: list[int] = []
    card_sign = card.sign

    def counting_sign(data: bytes, mechanism: SignMechanism) -> bytes:
        assert threading.current_thread() is not threading.main_thread()  # never on the GUI thread
        signatures.append(len(data))
        return card_sign(data, mechanism)

    card.sign = counting_sign  # type: ignore[method-assign]
    process = WorkerProcess(feed_settings(sandbox, **{"database.url": db_url}), session=lambda: session)
    process.start()
    try:
        deadline = time.monotonic() + 120  # a cold interpreter on a loaded machine, then one feed
        while await asyncio.to_thread(unsettled, db):
            assert time.monotonic() < deadline, "envoi non terminé par le processus d'envoi"
            await asyncio.sleep(0.1)
    finally:
        assert await asyncio.to_thread(process.stop, 10.0)
    state = document_state(db, document_id)
    assert state is not None
    trace = read_order(db, state.order_id or "", trace_describers())
    assert trace is not None
    details = "\n".join(event.detail for event in trace.events)
    assert state.state is DmpState.SENT, details
    assert "carte CPS de Paul MEDECIN-TEST (n° 899700366240) : mode direct" in details
    assert len(signatures) >= 2  # the VIHF and the submission set, signed by the GUI's card


async def test_pro_sante_connect_is_indirect_and_signed_by_the_structure(
        db: Database, sandbox: RunningSandbox, wire: DmpWire, cabinet: Cabinetry) -> None:
    trace = await _feed(db, sandbox, wire, cabinet, _session(Authentication.PRO_SANTE_CONNECT))
    assert "Pro Santé Connect (e-CPS) de Dr Paul MEDECIN-TEST (n° 899700366240)" in trace
    assert c.AUTHN_ECPS in trace and f">{c.AUTH_MODE_INDIRECT}<" in trace


async def test_without_card_nor_psc_the_structure_feeds(db: Database, sandbox: RunningSandbox, wire: DmpWire,
                                                        cabinet: Cabinetry) -> None:
    secretary = Session(SECRETARIAT, STANDALONE, Authentication.LOCAL_ACCOUNT)
    trace = await _feed(db, sandbox, wire, cabinet, secretary)
    assert "certificats de la structure : mode indirect" in trace and c.AUTHN_STRUCTURE in trace


async def test_the_simulator_refuses_smartcard_pki_signed_by_the_structure(connection: DmpConnection,
                                                                           wire: DmpWire) -> None:
    patient = await wire.patient()
    context = vihf_context(connection, TEST_PRACTITIONER, CABINET, (c.AUTH_MODE_DIRECT, c.AUTHN_CPS))
    with pytest.raises(DmpError) as refused:
        await connection.client(context).test_dmp(patient)
    assert "SmartcardPKI : le VIHF n'est pas signé par une carte CPS" in refused.value.detail


async def test_the_simulator_refuses_psc_signed_by_a_card(connection: DmpConnection, wire: DmpWire,
                                                          card: Pkcs11Card) -> None:
    patient = await wire.patient()
    context = vihf_context(connection, TEST_PRACTITIONER, CABINET, (c.AUTH_MODE_INDIRECT, c.AUTHN_ECPS))
    with pytest.raises(DmpError) as refused:
        await connection.client(context, vihf=VihfSigner.of(card_signing_key(card))).test_dmp(patient)
    assert "signé par une carte CPS (SmartcardPKI attendu)" in refused.value.detail


async def test_the_simulator_refuses_a_card_signing_for_someone_else(connection: DmpConnection, wire: DmpWire,
                                                                     card: Pkcs11Card) -> None:
    patient = await wire.patient()
    other = dataclasses.replace(TEST_PRACTITIONER, rpps="10003456789")
    context = vihf_context(connection, other, CABINET, (c.AUTH_MODE_DIRECT, c.AUTHN_CPS))
    with pytest.raises(DmpError) as refused:
        await connection.client(context, vihf=VihfSigner.of(card_signing_key(card))).test_dmp(patient)
    assert "le porteur de la carte n'est pas le professionnel du VIHF" in refused.value.detail
