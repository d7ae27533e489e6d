"""Sharing metadata of a document (XDS DocumentEntry for the DMP, IHE_XDM for MSSanté).

Defaults come from the document type's spec (its classCode follows ASS_X04, types/ass_x04.py) and the
cabinet's sector; the user may change them on a draft only, and every value is checked against its CI-SIS
value set (PROTOCOLS.md §3.4). The volets N3 fix their typeCode and formatCode; an N1 document may take any
J07 type code that fits it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lgc_app.documents.errors import MetadataError
from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.models import Document
from lgc_app.documents.types import spec_for
from lgc_app.documents.valuesets import (
    CLASS_CODES,
    CONFIDENTIALITY_LEVELS,
    FACILITY_TYPES,
    FORMAT_CODES,
    HIDDEN_FROM_LEGAL_REPRESENTATIVES,
    HIDDEN_FROM_PATIENT,
    MASKED_FROM_PROFESSIONALS,
    PRACTICE_SETTINGS,
    TYPE_CODES,
    Code,
)

DEFAULT_PRACTICE_SETTING = "AMBULATOIRE"
EDITABLE_FIELDS = (
    "class_code",
    "type_code",
    "practice_setting_code",
    "facility_type_code",
    "confidentiality_code",
    "masked_from_professionals",
    "hidden_from_patient",
    "hidden_from_legal_representatives",
)


@dataclass(frozen=True)
class SharingMetadata:
    """What XDS (DMP) and IHE_XDM (MSSanté) need to classify a document; read-only snapshot.

    `confidentiality_codes` is the full XDS confidentialityCode list: the HL7 level plus one DMP code per
    visibility flag (J08).
    """

    class_code: Code
    type_code: Code
    format_code: Code
    practice_setting: Code
    facility_type: Code
    confidentiality: Code
    masked_from_professionals: bool
    hidden_from_patient: bool
    hidden_from_legal_representatives: bool

    @property
    def confidentiality_codes(self) -> tuple[Code, ...]:
        flags = (
            (self.masked_from_professionals, MASKED_FROM_PROFESSIONALS),
            (self.hidden_from_patient, HIDDEN_FROM_PATIENT),
            (self.hidden_from_legal_representatives, HIDDEN_FROM_LEGAL_REPRESENTATIVES),
        )
        return (self.confidentiality, *(code for on, code in flags if on))


def default_columns(document_type: DocumentType, sector: str) -> dict[str, Any]:
    """Column values of a new document's metadata; the facility type is the cabinet's sector (J02)."""
    defaults = spec_for(document_type).sharing
    _check(FACILITY_TYPES, sector, "type de structure (cabinet.sector)")
    return {
        "class_code": defaults.class_code,
        "type_code": defaults.type_code,
        "format_code": defaults.format_code,
        "practice_setting_code": DEFAULT_PRACTICE_SETTING,
        "facility_type_code": sector,
        "confidentiality_code": "N",
        "masked_from_professionals": False,
        "hidden_from_patient": False,
        "hidden_from_legal_representatives": False,
    }


def check_changes(document_type: DocumentType, changes: dict[str, Any]) -> None:
    """Refuse unknown fields and codes outside their value set (French message naming the field)."""
    for name, value in changes.items():
        if name not in EDITABLE_FIELDS:
            raise MetadataError(f"Métadonnée « {name} » non modifiable.")
        if name.startswith(("masked_", "hidden_")) and not isinstance(value, bool):
            raise MetadataError(f"Métadonnée « {name} » : oui ou non attendu.")
    if "class_code" in changes:
        _check(CLASS_CODES, changes["class_code"], "classe du document (JDV_J57)")
    if "type_code" in changes:
        _check(TYPE_CODES, changes["type_code"], "type du document (JDV_J07)")
        spec = spec_for(document_type)
        if spec.sharing.fixed_type and changes["type_code"] != spec.sharing.type_code:
            raise MetadataError(f"Le type d'un document « {spec.label} » est fixé par son volet CI-SIS.")
    if "practice_setting_code" in changes:
        _check(PRACTICE_SETTINGS, changes["practice_setting_code"], "cadre d'exercice (JDV_J04)")
    if "facility_type_code" in changes:
        _check(FACILITY_TYPES, changes["facility_type_code"], "type de structure (JDV_J02)")
    if "confidentiality_code" in changes:
        _check(CONFIDENTIALITY_LEVELS, changes["confidentiality_code"], "niveau de confidentialité (JDV_J08)")


def metadata_of(document: Document) -> SharingMetadata:
    return SharingMetadata(
        class_code=CLASS_CODES[document.class_code],
        type_code=TYPE_CODES[document.type_code],
        format_code=FORMAT_CODES[document.format_code],
        practice_setting=PRACTICE_SETTINGS[document.practice_setting_code],
        facility_type=FACILITY_TYPES[document.facility_type_code],
        confidentiality=CONFIDENTIALITY_LEVELS[document.confidentiality_code],
        masked_from_professionals=document.masked_from_professionals,
        hidden_from_patient=document.hidden_from_patient,
        hidden_from_legal_representatives=document.hidden_from_legal_representatives,
    )


def _check(table: dict[str, Code], value: Any, what: str) -> None:
    if value not in table:
        raise MetadataError(
            f"Valeur « {value} » refusée pour {what} : elle n'appartient pas au jeu de valeurs."
        )
