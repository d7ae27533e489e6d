"""Error codes the DMP simulator answers with (PROTOCOLS.md §3.6, §8).

**DMP-specific codes** (the real ones are not public; these names are the sandbox's, PROTOCOLS §3.6):

- `VIHF_INVALIDE` — VIHF missing, unsigned, badly signed, signer not from the test CA or expired, assertion
  expired (`NotOnOrAfter`), a required attribute missing or invalid, `resource-id` ≠ the request's patient.
  Answered as a SOAP 1.2 Fault, `Sender`, subcode `VIHF_INVALIDE` (HTTP 400).
- `INS_NON_QUALIFIE` — a patientId whose OID is not an INS OID or whose 15 characters fail the mod-97 key.
  RegistryError.
- `DMP_INEXISTANT` — TD0.4 for a patient without a DMP (XDS transactions answer `XDSUnknownPatientId`, §8).
  TD0.4 status.
- `DMP_FERME` — the patient's DMP is closed. RegistryError, TD0.4 status.
- `AUTORISATION_ABSENTE` — the professional has no authorisation on this DMP (TD0.4 `AJOUT` gives it).
  RegistryError (TD0.2 says `AUTORISATION` `NON_EXISTE`).
- `OPPOSITION_PATIENT` — the patient blocked professionals from the DMP. RegistryError, TD0.4 status
  (TD0.2 says `AUTORISATION` `INTERDIT`).
- `SIGNATURE_INVALIDE` — ITI-41 without the XAdES signature of its submission set, or with one that does not
  verify (document digest, certificate chain to the test CA, signing time). RegistryError.

**IHE codes** (ITI TF-3 Table 4.2.4.1-2) keep their IHE meaning (constants below).
An injected `soap_fault` (sandbox fault plan) answers a `Receiver` Fault with subcode `SERVICE_INDISPONIBLE`;
an unreadable request a `Sender` Fault `REQUETE_MALFORMEE`; a request without client certificate (only
possible behind a TLS-terminating proxy) `TLS_MUTUEL_REQUIS`.
"""

from __future__ import annotations

VIHF_INVALIDE = "VIHF_INVALIDE"
INS_NON_QUALIFIE = "INS_NON_QUALIFIE"
DMP_INEXISTANT = "DMP_INEXISTANT"
DMP_FERME = "DMP_FERME"
AUTORISATION_ABSENTE = "AUTORISATION_ABSENTE"
OPPOSITION_PATIENT = "OPPOSITION_PATIENT"
SIGNATURE_INVALIDE = "SIGNATURE_INVALIDE"
SERVICE_INDISPONIBLE = "SERVICE_INDISPONIBLE"
MALFORMED = "REQUETE_MALFORMEE"  # Sender fault: not SOAP 1.2, wrong or missing wsa:Action, unreadable MIME
TLS_REQUIRED = "TLS_MUTUEL_REQUIS"  # Sender fault: no client certificate reached the service

UNKNOWN_PATIENT = "XDSUnknownPatientId"
PATIENT_MISMATCH = "XDSPatientIdDoesNotMatch"
DUPLICATE_UNIQUE_ID = "XDSDuplicateUniqueIdInRegistry"
NON_IDENTICAL_HASH = "XDSNonIdenticalHash"
NON_IDENTICAL_SIZE = "XDSNonIdenticalSize"
MISSING_DOCUMENT = "XDSMissingDocument"
MISSING_METADATA = "XDSMissingDocumentMetadata"
METADATA_ERROR = "XDSRegistryMetadataError"
UNRESOLVED_REFERENCE = "UnresolvedReferenceException"
METADATA_UPDATE_ERROR = "XDSMetadataUpdateError"
METADATA_VERSION_ERROR = "XDSMetadataVersionError"
UNKNOWN_REPOSITORY = "XDSUnknownRepositoryId"
DOCUMENT_UNIQUE_ID_ERROR = "XDSDocumentUniqueIdError"
PARAM_NUMBER = "XDSStoredQueryParamNumber"
MISSING_PARAM = "XDSStoredQueryMissingParam"
REGISTRY_ERROR = "XDSRegistryError"


class Refused(Exception):
    """One or more RegistryErrors: the transaction answers Failure and changes nothing."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{code}: {text}" for code, text in errors))
        self.errors = errors


def refused(code: str, text: str) -> Refused:
    return Refused([(code, text)])


class Fault(Exception):
    """Answer a SOAP 1.2 Fault (`receiver`: the server's fault, HTTP 500; else the sender's, HTTP 400)."""

    def __init__(self, subcode: str, text: str, *, receiver: bool = False) -> None:
        super().__init__(f"{subcode}: {text}")
        self.subcode = subcode
        self.text = text
        self.receiver = receiver
