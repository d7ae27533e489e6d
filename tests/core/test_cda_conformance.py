"""Every document type, validated through the lifecycle, passes the CI-SIS checker with zero errors.

The CDA does not depend on the back-end: these run on SQLite only (the lifecycle tests cover both).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from lgc_app.documents import lifecycle
from lgc_app.documents.actors import Actor
from lgc_app.documents.cabinet import Cabinet
from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.practitioners import add_practitioner
from lgc_app.documents.types import registered_types
from lgc_app.patients.vocabulary import IdentityStatus
from lgc_app.persistence.database import Database
from tests.helpers import databases
from tests.helpers.cisis import TEST_INS_OID, add_patient, cisis_errors, sample_content
from tests.helpers.composition import PLANNERS, STANDALONE, practitioner_session

CABINET = Cabinet(structure_id="3123456789012", name="Cabinet médical des Érables", sector="SA07")
NS = {"h": "urn:hl7-org:v3"}


@pytest.fixture
def sqlite_db(_sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    database = Database.open(databases.sqlite_copy(_sqlite_template, tmp_path), migrate=False)
    yield database
    database.close()


def _validated(db: Database, document_type: DocumentType, status: IdentityStatus) -> bytes:
    with db.unit_of_work() as session:
        patient_id = add_patient(session, status=status).id
    author = add_practitioner(
        db,
        rpps="10001234567",
        given_name="Hélène",
        family_name="Durand-Lefèvre",
        civility="MME",
        phone="0147150000",
    )
    actor = Actor("hdurand", author, workstation=STANDALONE)
    document_id = lifecycle.create_draft(
        db,
        patient_id=patient_id,
        author_id=author,
        document_type=document_type,
        actor=actor,
        cabinet=CABINET,
        content=sample_content(document_type),
    )
    lifecycle.validate(db, document_id, actor, CABINET, planners=PLANNERS)
    return lifecycle.frozen_bytes(db, document_id, practitioner_session())


@pytest.mark.parametrize("document_type", registered_types())
def test_validated_document_passes_cisis_checker(
    sqlite_db: Database, shared_dir: Path, tmp_path: Path, document_type: DocumentType
) -> None:
    cda = _validated(sqlite_db, document_type, IdentityStatus.QUAL)
    assert cisis_errors(shared_dir, cda, tmp_path) == []
    ids = etree.fromstring(cda).xpath(
        "/h:ClinicalDocument/h:recordTarget/h:patientRole/h:id/@root", namespaces=NS
    )
    assert TEST_INS_OID in ids  # a qualified identity carries its INS


def test_recovered_identity_document_has_no_ins_and_passes(
    sqlite_db: Database, shared_dir: Path, tmp_path: Path
) -> None:
    cda = _validated(sqlite_db, DocumentType.VSM, IdentityStatus.RECUP)
    assert cisis_errors(shared_dir, cda, tmp_path) == []
    role = etree.fromstring(cda).find("h:recordTarget/h:patientRole", NS)
    ids = [(i.get("root"), i.get("extension")) for i in role.findall("h:id", NS)]
    assert len(ids) == 1 and ids[0][0].startswith("2.25.")  # local id under the cabinet's root only
    assert b"279035121518989" not in cda


def test_vsm_with_partial_dates_passes_the_cisis_checker(sqlite_db: Database, shared_dir: Path,
                                                         tmp_path: Path) -> None:
    cda = _validated(sqlite_db, DocumentType.VSM, IdentityStatus.QUAL)  # partial dates (issue 13 item 9)
    assert cisis_errors(shared_dir, cda, tmp_path) == []
    lows = etree.fromstring(cda).xpath("//h:entry//h:effectiveTime/h:low/@value", namespaces=NS)
    assert {"2020", "201801", "20150402"} <= set(lows)
