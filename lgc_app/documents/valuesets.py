"""The CI-SIS code lists the documents domain uses, as constants (the SVS files stay in ../shared).

Only the codes this software produces or lets the user choose are listed; each table names its value set
(`jeuxDeValeurs/JDV_J0x_*.xml` of the CI-SIS, PROTOCOLS.md §3.4). A DMP simulator may import these
constants (code lists are shareable), never the builders.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    """A coded value as it appears in CDA (`code`/`codeSystem`/`displayName`) and in XDS metadata."""

    code: str
    system: str
    display: str
    system_name: str | None = None


LOINC = "2.16.840.1.113883.6.1"
SNOMED_CT = "2.16.840.1.113883.6.96"
CIM10 = "2.16.840.1.113883.6.3"
EDQM = "0.4.0.127.0.16.1.1.2.1"
CIS = "1.2.250.1.213.2.3.1"
ATC = "2.16.840.1.113883.6.73"
HL7_ACT_CODE = "2.16.840.1.113883.5.4"
HL7_CONFIDENTIALITY = "2.16.840.1.113883.5.25"
HL7_GENDER = "2.16.840.1.113883.5.1"
TRE_A05 = "1.2.250.1.213.1.1.4.12"  # types de documents hors LOINC
TRE_G15 = "1.2.250.1.213.1.1.4.5"  # professions / savoir-faire (J01)
TRE_R02 = "1.2.250.1.71.4.2.4"  # secteurs d'activité (J02)
PRACTICE_SETTING_SYSTEM = "1.2.250.1.213.1.1.4.9"  # J04
DMP_CONFIDENTIALITY = "1.2.250.1.213.1.1.4.13"  # J08 DMP codes
CLASS_CODE_SYSTEM = "1.2.250.1.213.1.1.4.1"  # TRE_A03, JDV_J57 ClassCode-DMP
FORMAT_TRE_A06 = "1.2.250.1.213.1.1.4.2.282"  # CI-SIS volet format codes
FORMAT_TRE_A11 = "1.3.6.1.4.1.19376.1.2.3"  # IHE format codes

# Identifier roots (CI-SIS "Annexe transverse - source des données"): national PS id and structure id.
RPPS_ROOT = "1.2.250.1.71.4.2.1"
STRUCTURE_ROOT = "1.2.250.1.71.4.2.2"


def _table(*codes: Code) -> dict[str, Code]:
    return {c.code: c for c in codes}


# JDV_J57 ClassCode-DMP (PROTOCOLS.md §3.4 lists the codes an LGC uses; the file is not in ../shared).
CLASS_CODES = _table(
    Code("10", CLASS_CODE_SYSTEM, "Compte rendu"),
    Code("11", CLASS_CODE_SYSTEM, "Synthèse"),
    Code("31", CLASS_CODE_SYSTEM, "Imagerie médicale"),
    Code("42", CLASS_CODE_SYSTEM, "Prescription"),
    Code("52", CLASS_CODE_SYSTEM, "Certificat, déclaration"),
)

# JDV_J07 XdsTypeCode-CISIS (subset: the document types of an LGC).
TYPE_CODES = _table(
    Code("SYNTH", TRE_A05, "Synthèse"),
    Code("60591-5", LOINC, "Synthèse médicale", "LOINC"),
    Code("87273-9", LOINC, "Note de vaccination", "LOINC"),
    Code("57833-6", LOINC, "Prescription de produits de santé", "LOINC"),
    Code("57828-6", LOINC, "Prescription (autre)", "LOINC"),
    Code("11488-4", LOINC, "CR ou fiche de consultation ou de visite", "LOINC"),
    Code("96349-6", LOINC, "Lettre d'adressage", "LOINC"),
    Code("89601-9", LOINC, "Certificat médical", "LOINC"),
    Code("CERT_DECL", TRE_A05, "Certificat, déclaration"),
    Code("51851-4", LOINC, "Document administratif", "LOINC"),
    Code("11505-5", LOINC, "CR d'acte thérapeutique (autre)", "LOINC"),
    Code("70004-7", LOINC, "CR d'acte diagnostique (autre)", "LOINC"),
)

# TRE_A06 (CI-SIS volets) and TRE_A11 (IHE) format codes.
FORMAT_CODES = _table(
    Code("urn:asip:ci-sis:vsm:2012", FORMAT_TRE_A06, "Volet de Synthèse Médicale"),
    Code("urn:asip:ci-sis:vac-note:2021", FORMAT_TRE_A06, "Note de vaccination"),
    Code("urn:ihe:pharm:pre:2010", FORMAT_TRE_A11, "Prescription (IHE Pharm PRE)"),
    Code("urn:ihe:iti:xds-sd:pdf:2008", FORMAT_TRE_A11, "Document à corps non structuré en PDF"),
    Code("urn:ihe:iti:xds-sd:text:2008", FORMAT_TRE_A11, "Document à corps non structuré en texte brut"),
)

# JDV_J02 XdsHealthcareFacilityTypeCode-CISIS (subset: ambulatory care structures).
FACILITY_TYPES = _table(
    Code("SA05", TRE_R02, "Centre de santé"),
    Code("SA07", TRE_R02, "Cabinet individuel"),
    Code("SA08", TRE_R02, "Cabinet de groupe"),
    Code("SA09", TRE_R02, "Exercice en société"),
)

# JDV_J04 XdsPracticeSettingCode-CISIS (codes of TRE_A00-ProducteurDocNonPS are for non-PS authors).
PRACTICE_SETTINGS = _table(
    Code("AMBULATOIRE", PRACTICE_SETTING_SYSTEM, "Ambulatoire"),
    Code("DEPISTAGE", PRACTICE_SETTING_SYSTEM, "Dépistage"),
    Code("ETABLISSEMENT", PRACTICE_SETTING_SYSTEM, "Etablissement de santé"),
    Code("HAD", PRACTICE_SETTING_SYSTEM, "Hospitalisation à domicile"),
    Code("MAD", PRACTICE_SETTING_SYSTEM, "Maintien à domicile"),
    Code("PALLIATIF", PRACTICE_SETTING_SYSTEM, "Soins palliatifs"),
    Code("SAD", PRACTICE_SETTING_SYSTEM, "Soins à domicile"),
)

# JDV_J08 XdsConfidentialityCode-CISIS: one HL7 level plus the DMP visibility codes.
CONFIDENTIALITY_LEVELS = _table(
    Code("N", HL7_CONFIDENTIALITY, "Normal"),
    Code("R", HL7_CONFIDENTIALITY, "Restreint"),
    Code("V", HL7_CONFIDENTIALITY, "Très restreint"),
)
MASKED_FROM_PROFESSIONALS = Code("MASQUE_PS", DMP_CONFIDENTIALITY, "Masqué aux professionnels de santé")
HIDDEN_FROM_PATIENT = Code("INVISIBLE_PATIENT", DMP_CONFIDENTIALITY, "Non visible par le patient")
HIDDEN_FROM_LEGAL_REPRESENTATIVES = Code(
    "INVISIBLE_REPRESENTANTS_LEGAUX",
    DMP_CONFIDENTIALITY,
    "Non visible par les représentants légaux du patient",
)

# JDV_J01 XdsAuthorSpecialty-CISIS (subset: professions and savoir-faire of ambulatory practitioners).
AUTHOR_SPECIALTIES = _table(
    Code("G15_10", TRE_G15, "Médecin"),
    Code("G15_10/SM26", TRE_G15, "Médecin - Qualifié en Médecine Générale (SM)"),
    Code("G15_10/SM53", TRE_G15, "Médecin - Spécialiste en Médecine Générale (SM)"),
    Code("G15_10/SM54", TRE_G15, "Médecin - Médecine Générale (SM)"),
    Code("G15_50", TRE_G15, "Sage-Femme"),
    Code("G15_60", TRE_G15, "Infirmier"),
)

# HL7 administrative gender (JDV_J143); `I` has no HL7 equivalent and is sent as UN.
ADMINISTRATIVE_GENDERS = {
    "M": Code("M", HL7_GENDER, "Masculin"),
    "F": Code("F", HL7_GENDER, "Féminin"),
    "I": Code("UN", HL7_GENDER, "Indéterminé"),
}
