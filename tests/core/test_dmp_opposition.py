"""The patient's opposition to the DMP, recorded by the software (PROTOCOLS §3.0): who and when are kept, and
nothing is sent to the DMP or read from it while it is in force."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from lgc_app.dmp import consultation
from lgc_app.dmp.consultation import DocumentFilter
from lgc_app.dmp.handler import FeedHandler
from lgc_app.dmp.models import DmpOpposition, DmpState
from lgc_app.dmp.opposition import OppositionError, opposition_of, record_opposition, withdraw_opposition
from lgc_app.dmp.state import document_state
from lgc_app.persistence.database import Database
from services.sandbox.dmp import control
from tests.helpers.composition import practitioner_session
from tests.helpers.dmp import DmpWire, random_ins
from tests.helpers.dmp_feed import (
    Cabinetry,
    add_qualified_patient,
    dmp_patient,
    drain,
    fast_worker,
    validated,
)

RECORDED = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def test_recording_and_withdrawing_keep_who_and_when(db: Database) -> None:
    patient = add_qualified_patient(db, random_ins())
    with pytest.raises(OppositionError):
        record_opposition(db, patient, "  ")
    record_opposition(db, patient, "Dr MEDECIN", now=RECORDED)
    record_opposition(db, patient, "secretariat")  # already in force: the first record stays
    with db.reading() as session:
        found = opposition_of(session, patient)
        assert found is not None and (found.recorded_by, found.recorded_at) == ("Dr MEDECIN", RECORDED)

    withdraw_opposition(db, patient, "secretariat")

    with db.reading() as session:
        assert opposition_of(session, patient) is None
        row = session.get(DmpOpposition, patient)
        assert row is not None and row.withdrawn_by == "secretariat" and row.withdrawn_at is not None


async def test_an_opposed_patients_document_is_not_sent_until_withdrawn(
        db: Database, cabinet: Cabinetry, handler: FeedHandler, wire: DmpWire) -> None:
    ins, patient = await dmp_patient(db, wire)
    record_opposition(db, patient, "Dr MEDECIN", now=RECORDED)
    refused = validated(db, patient, cabinet.author)
    await drain(db, fast_worker(db, handler))

    state = document_state(db, refused)
    assert state is not None and state.state is DmpState.REFUSED
    assert "opposé au DMP" in (state.reason or "") and "02/03/2026 par Dr MEDECIN" in (state.reason or "")
    assert (await control.patient_state(wire.http, wire.url, ins))["entries"] == 0

    withdraw_opposition(db, patient, "Dr MEDECIN")
    sent = validated(db, patient, cabinet.author, text="Après retrait de l'opposition.")
    await drain(db, fast_worker(db, handler))
    state = document_state(db, sent)
    assert state is not None and state.state is DmpState.SENT
    assert (await control.patient_state(wire.http, wire.url, ins))["entries"] == 1


async def test_an_opposed_patients_dmp_is_not_consulted(db: Database, wire: DmpWire) -> None:
    _, patient = await dmp_patient(db, wire)
    record_opposition(db, patient, "Dr MEDECIN")
    before = len(wire.exchanges)
    with pytest.raises(consultation.ConsultationError, match="opposé au DMP"):
        await consultation.consult(db, wire.client, patient, DocumentFilter(), reader=practitioner_session())
    assert len(wire.exchanges) == before  # refused before any request
