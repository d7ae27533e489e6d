"""Sharing metadata: per-type defaults, value-set refusals, drafts only, XDS confidentiality list."""

from __future__ import annotations

import pytest

from lgc_app.documents import lifecycle, metadata
from lgc_app.documents.actors import Actor
from lgc_app.documents.cabinet import Cabinet
from lgc_app.documents.errors import DocumentStateError, MetadataError
from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.practitioners import add_practitioner
from lgc_app.patients.vocabulary import IdentityStatus
from lgc_app.persistence.database import Database
from tests.helpers.cisis import add_patient, sample_content
from tests.helpers.composition import PLANNERS, STANDALONE

CABINET = Cabinet(structure_id="3123456789012", name="Cabinet des Érables", sector="SA08")


@pytest.mark.parametrize(
    ("document_type", "class_code", "type_code", "format_code"),
    [
        (DocumentType.VSM, "11", "SYNTH", "urn:asip:ci-sis:vsm:2012"),
        (DocumentType.VAC_NOTE, "52", "87273-9", "urn:asip:ci-sis:vac-note:2021"),  # ASS_X04
        (DocumentType.PRESCRIPTION, "42", "57833-6", "urn:ihe:pharm:pre:2010"),
        (DocumentType.CONSULTATION_REPORT, "10", "11488-4", "urn:ihe:iti:xds-sd:pdf:2008"),
        (DocumentType.CERTIFICATE, "52", "89601-9", "urn:ihe:iti:xds-sd:pdf:2008"),
    ],
)
def test_defaults_per_type(
    document_type: DocumentType, class_code: str, type_code: str, format_code: str
) -> None:
    columns = metadata.default_columns(document_type, "SA07")
    assert (columns["class_code"], columns["type_code"], columns["format_code"]) == (
        class_code,
        type_code,
        format_code,
    )
    assert (
        columns["practice_setting_code"],
        columns["facility_type_code"],
        columns["confidentiality_code"],
    ) == ("AMBULATOIRE", "SA07", "N")


def test_sector_outside_j02_is_refused() -> None:
    with pytest.raises(MetadataError, match=r"SA99.*jeu de valeurs"):
        metadata.default_columns(DocumentType.FREE, "SA99")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"class_code": "99"}, "JDV_J57"),
        ({"type_code": "12345-6"}, "JDV_J07"),
        ({"practice_setting_code": "HOPITAL"}, "JDV_J04"),
        ({"facility_type_code": "SA99"}, "JDV_J02"),
        ({"confidentiality_code": "X"}, "JDV_J08"),
        ({"format_code": "urn:x"}, "non modifiable"),
        ({"hidden_from_patient": "oui"}, "oui ou non"),
    ],
)
def test_values_outside_value_sets_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(MetadataError, match=message):
        metadata.check_changes(DocumentType.LETTER, changes)


def test_volet_fixes_the_type_code() -> None:
    with pytest.raises(MetadataError, match="fixé par son volet"):
        metadata.check_changes(DocumentType.VSM, {"type_code": "11488-4"})
    metadata.check_changes(DocumentType.FREE, {"type_code": "51851-4"})  # an N1 may choose its J07 type


def test_edit_on_draft_only_and_confidentiality_list(db: Database) -> None:
    with db.unit_of_work() as session:
        patient_id = add_patient(session, status=IdentityStatus.QUAL).id
    author = Actor(
        "hdurand", add_practitioner(db, rpps="10001234567", given_name="Hélène", family_name="Durand"),
        workstation=STANDALONE,
    )
    document_id = lifecycle.create_draft(
        db,
        patient_id=patient_id,
        author_id=author.practitioner_id or 0,
        document_type=DocumentType.CERTIFICATE,
        actor=author,
        cabinet=CABINET,
        content=sample_content(DocumentType.CERTIFICATE),
    )
    shared = lifecycle.update_metadata(
        db,
        document_id,
        author,
        masked_from_professionals=True,
        hidden_from_legal_representatives=True,
        type_code="CERT_DECL",
    )
    assert [c.code for c in shared.confidentiality_codes] == [
        "N",
        "MASQUE_PS",
        "INVISIBLE_REPRESENTANTS_LEGAUX",
    ]
    assert shared.type_code.system == "1.2.250.1.213.1.1.4.12" and shared.facility_type.code == "SA08"
    lifecycle.validate(db, document_id, author, CABINET, planners=PLANNERS)
    assert lifecycle.get_metadata(db, document_id) == shared
    with pytest.raises(DocumentStateError, match="seul un brouillon"):
        lifecycle.update_metadata(db, document_id, author, hidden_from_patient=True)
