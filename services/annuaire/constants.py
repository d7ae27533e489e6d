"""Wire constants of the Annuaire Santé FHIR API v2 (PROTOCOLS.md §6 and the checked facts of §6.0).

The sandbox simulator may import these (constants only, ARCHITECTURE.md): both sides must spell the
systems and extension URLs the same way.
"""

from __future__ import annotations

API_KEY_HEADER = "ESANTE-API-KEY"
FHIR_JSON = "application/fhir+json"
# §6.0: 17 calls per second per application, a 30 s timeout, pages of at most 2000 entries.
MAX_CALLS_PER_SECOND = 17
TIMEOUT_SECONDS = 30.0
MAX_PAGE_SIZE = 2000
DEFAULT_PAGE_SIZE = 50

# Identifier systems (§6).
RPPS_SYSTEM = "https://rpps.esante.gouv.fr"
IDNPS_SYSTEM = "urn:oid:1.2.250.1.71.4.2.1"
IDNST_SYSTEM = "urn:oid:1.2.250.1.71.4.2.2"
FINESS_SYSTEM = "https://finess.esante.gouv.fr"

# Qualification code systems: profession (TRE_G15) and ordinal specialty / savoir-faire (TRE_R38).
PROFESSION_SYSTEM = "https://mos.esante.gouv.fr/NOS/TRE_G15-ProfessionSante/FHIR/TRE-G15-ProfessionSante"
SPECIALTY_SYSTEM = "https://mos.esante.gouv.fr/NOS/TRE_R38-SpecialiteOrdinale/FHIR/TRE-R38-SpecialiteOrdinale"

# §6.0: the MSSanté discriminator of an e-mail ContactPoint, and the metadata of an MSSanté mailbox
# (profile as-mailbox-mss; sub-extensions `type`, `description`, `service`, `listeRouge`, `responsible`).
EMAIL_TYPE_EXTENSION = "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-contact-point-email-type"
MESSAGING_TYPE_SYSTEM = "https://mos.esante.gouv.fr/NOS/TRE_R256-TypeMessagerie/FHIR/TRE-R256-TypeMessagerie"
MSSANTE_CODE = "MSSANTE"
MAILBOX_METADATA_EXTENSION = \
    "https://interop.esante.gouv.fr/ig/fhir/annuaire/StructureDefinition/as-ext-mailbox-mss-metadata"
MAILBOX_TYPE_SYSTEM = "https://mos.esante.gouv.fr/NOS/TRE_R257-TypeBAL/FHIR/TRE-R257-TypeBAL"

# The key the local sandbox simulator accepts: used in demo mode when no key of the portal is configured
# (the real key comes from portal.api.esante.gouv.fr and lives in the keyring).
SANDBOX_API_KEY = "lgc-sandbox-annuaire"

# The professions and specialties offered as search filters (code → label): TRE_G15 professions and
# TRE_R38 ordinal specialties; `qualification-code` takes either (§6).
QUALIFICATIONS: tuple[tuple[str, str], ...] = (
    ("10", "Médecin"),
    ("SM54", "Médecine générale"),
    ("SM04", "Cardiologie et maladies vasculaires"),
    ("SM15", "Dermatologie et vénéréologie"),
    ("SM40", "Pédiatrie"),
    ("SM42", "Psychiatrie"),
    ("21", "Pharmacien"),
    ("40", "Chirurgien-dentiste"),
    ("50", "Sage-femme"),
    ("60", "Infirmier"),
    ("70", "Masseur-kinésithérapeute"),
)
PROFESSION_CODES = frozenset({"10", "21", "40", "50", "60", "70"})
