"""The demo data set (`lgc --demo` first start, `lgc demo-data`): identities through the real use cases, validated
documents, and the qualified patient's documents delivered to the DMP simulator by the outbox worker."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from lgc_app import demo_seed
from lgc_app.dmp.handler import FeedHandler
from lgc_app.dmp.models import DmpState
from lgc_app.dmp.state import document_states
from lgc_app.documents import lifecycle
from lgc_app.documents.kinds import DocumentStatus, DocumentType
from lgc_app.documents.models import Practitioner
from lgc_app.documents.types import registered_types
from lgc_app.patients.models import Patient
from lgc_app.patients.vocabulary import IdentityStatus
from lgc_app.persistence.database import Database
from services.dmp import constants as c
from services.sandbox.dmp import control
from services.sandbox.server import RunningSandbox
from tests.helpers.composition import PLANNERS, STANDALONE
from tests.helpers.dmp import dmp_wire
from tests.helpers.dmp_feed import drain, fast_handler, fast_worker, feed_settings

DUPONT_INS = "285037505612306"  # seeded by the DMP simulator, with a document from another professional
CABINET = demo_seed.DEMO_CABINET
# (birth name, status, INS) expected after seeding, in creation order
EXPECTED = [
    ("DUPONT", IdentityStatus.QUAL, DUPONT_INS),
    ("MARTIN", IdentityStatus.RECUP, "162116912305714"),
    ("N'DIAYE", IdentityStatus.RECUP, "278049934190288"),  # her former NIA: INSi now answers her NIR
    ("BERNARD", IdentityStatus.VALI, None),
    ("LEROY", IdentityStatus.PROV, None),
    ("LEFEVRE", IdentityStatus.PROV, None),
    ("LE BOEUF", IdentityStatus.PROV, None),
]
SENT_TYPES = {DocumentType.VSM, DocumentType.VAC_NOTE, DocumentType.PRESCRIPTION, DocumentType.CONSULTATION_REPORT}


def _seed(db: Database) -> demo_seed.Seeded | None:
    return demo_seed.seed(db, CABINET, demo_seed.demo_session(db, STANDALONE), PLANNERS)


@pytest.fixture
async def handler(sandbox: RunningSandbox) -> AsyncIterator[FeedHandler]:
    handler = fast_handler(feed_settings(sandbox, **{"cabinet.structure_id": CABINET.structure_id}))
    yield handler
    await (await handler.connection()).aclose()


def test_seeding_creates_the_practitioner_patients_and_validated_documents(db: Database) -> None:
    seeded = _seed(db)
    assert seeded == demo_seed.Seeded(patients=7, documents=8, send_orders=9)  # 4 to the DMP, 5 to Mon espace santé
    assert _seed(db) is None  # the second start finds the data set

    with db.reading() as session:
        [practitioner] = session.query(Practitioner).all()
        assert practitioner.national_id == "899700366240"  # the sandbox's test CPS
        patients = session.query(Patient).order_by(Patient.id).all()
        assert [(p.birth_name, p.status, p.ins_matricule) for p in patients] == EXPECTED
        dupont, martin, _ndiaye, bernard, _leroy, lefevre, _leboeuf = patients
        assert [check.document_type.value for check in dupont.identity_checks] == ["CNI"]
        assert [change.to_status for change in dupont.status_changes] == [
            IdentityStatus.PROV, IdentityStatus.RECUP, IdentityStatus.QUAL]
        assert [change.to_status for change in bernard.status_changes] == [IdentityStatus.PROV, IdentityStatus.VALI]
        assert (lefevre.birth_given_names, lefevre.used_name) == ("HELENE FRANCOISE", "CHERON")  # typed with accents
        dupont_id, martin_id = dupont.id, martin.id

    documents = lifecycle.list_documents(db)
    assert all(d.status is DocumentStatus.VALIDATED for d in documents)
    assert {d.type for d in documents} == set(registered_types())  # one of every type
    states = document_states(db, [d.id for d in documents])
    pending = [d for d in documents if states[d.id].state is DmpState.PENDING]
    assert {d.type for d in pending} == SENT_TYPES and {d.patient_id for d in pending} == {dupont_id}
    martin_report = next(d for d in documents if d.patient_id == martin_id and d.type in SENT_TYPES)
    assert states[martin_report.id].state is DmpState.UNQUALIFIED  # retrieved only: its INS may not leave


async def test_the_qualified_patients_documents_reach_the_dmp_simulator(
        db: Database, sandbox: RunningSandbox, handler: FeedHandler) -> None:
    seeded = _seed(db)
    assert seeded is not None and seeded.send_orders == 9  # 4 of them to the DMP
    await drain(db, fast_worker(db, handler))

    documents = lifecycle.list_documents(db)
    ordered = [state for state in document_states(db, [d.id for d in documents]).values()
               if state.order_id is not None]  # the qualified patient's four documents
    assert len(ordered) == 4 and {state.state for state in ordered} == {DmpState.SENT}, [s.display for s in ordered]
    async with dmp_wire(sandbox) as wire:
        dmp = await control.patient_state(wire.http, wire.url, DUPONT_INS)
    for state in ordered:
        assert dmp["statuses"][state.entry_uuid] == c.STATUS_APPROVED
