"""The simulator's documents "from another professional" are real CDA R2 (issue 10: a received document must be
a CDA naming the patient's INS, or a declared PDF), checked with the CI-SIS validator of ../shared."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from services.dmp import constants as c
from services.sandbox.dmp.foreign import OTHER_PRACTITIONER_ID, OTHER_PRACTITIONER_NAME
from services.sandbox.dmp.foreign_cda import HL7, consultation_report
from tests.helpers.cisis import cisis_errors


def test_the_consultation_report_is_a_valid_cda_for_the_patient(shared_dir: Path, tmp_path: Path) -> None:
    document = consultation_report(
        ins="285037505612306", oid=c.OID_INS_NIR_TEST, family_name="DUPONT", given_name="ELODIE",
        birth_date="1985-03-14", sex="F", title="Compte rendu de consultation de cardiologie",
        type_code=f"11488-4^{c.CS_LOINC}", author_id=OTHER_PRACTITIONER_ID, author_name=OTHER_PRACTITIONER_NAME,
        created=datetime(2026, 1, 5, 9, 30, tzinfo=UTC))
    assert cisis_errors(shared_dir, document, tmp_path) == []
    root = etree.fromstring(document)
    ns = {"h": HL7}
    assert root.xpath("h:recordTarget/h:patientRole/h:id/@extension", namespaces=ns) == ["285037505612306"]
    assert root.xpath("h:author/h:assignedAuthor/h:assignedPerson/h:name/h:family/text()", namespaces=ns) == [
        "CARDIO"]
    assert "Examen cardiologique normal" in "".join(root.itertext())
