"""ASS_X04 "CorrespondanceType-Classe-CISIS": the DMP classCode (JDV_J57) that goes with each typeCode (JDV_J07).

The DMP refuses a DocumentEntry whose classCode is not the one ASS_X04 gives for its typeCode, so a type
spec takes its class from here instead of choosing one. Rows: ASS_X04 of 2024-02-23 as checked in
PROTOCOLS.md §3.0 ("classCode by typeCode"), which overrides the older guesses of §3.4 — in particular the
vaccination note is a "Certificat, déclaration" (52), not a "Compte rendu" (10).
"""

from __future__ import annotations

CLASS_BY_TYPE: dict[str, str] = {
    "SYNTH": "11",  # VSM → Synthèse
    "87273-9": "52",  # note de vaccination → Certificat, déclaration
    "11369-6": "52",  # historique des vaccinations
    "89601-9": "52",  # certificat médical
    "57833-6": "42",  # prescription de produits de santé → Prescription
    "11488-4": "10",  # CR de consultation → Compte rendu
    "96349-6": "10",  # lettre d'adressage → Compte rendu
    "51851-4": "95",  # document administratif
}


def class_code_for(type_code: str) -> str:
    """The J57 classCode of a J07 typeCode; KeyError names a typeCode the table does not list."""
    try:
        return CLASS_BY_TYPE[type_code]
    except KeyError:
        raise KeyError(f"typeCode {type_code!r} absent from ASS_X04: no classCode for it") from None
