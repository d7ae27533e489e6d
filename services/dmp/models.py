"""Wire models of the DMP client: what goes into an ITI-41 submission and what comes back from the DMP.

All times are timezone-aware UTC datetimes; the wire form `AAAAMMJJHHMMSS` is produced in `metadata.py`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum

from services.dmp import constants as c


def new_entry_uuid() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


@dataclass(frozen=True)
class Code:
    """A coded value of the XDS metadata: code, its code system OID, and its display name."""

    code: str
    scheme: str
    display: str = ""


@dataclass(frozen=True)
class DocumentQuery:
    """The filters of an ITI-18 FindDocuments (PROTOCOLS §3.3): each one given narrows the answer."""

    statuses: tuple[str, ...] = (c.STATUS_APPROVED,)
    class_codes: tuple[Code, ...] = ()
    type_codes: tuple[Code, ...] = ()
    format_codes: tuple[Code, ...] = ()
    confidentiality_codes: tuple[Code, ...] = ()
    creation_from: datetime | None = None
    creation_to: datetime | None = None  # exclusive
    service_start_from: datetime | None = None
    service_start_to: datetime | None = None


@dataclass(frozen=True)
class PatientId:
    """A qualified INS: the 15 characters (13 + key) and the OID of its assigning authority (§1.2)."""

    ins: str
    oid: str = c.OID_INS_NIR
    id_type: str = "NH"  # CX-5: NH for an INS; PI for a local patient id (MSSanté, identity not qualified)

    @property
    def cx(self) -> str:
        """HL7 v2 CX form used by the XDS metadata and the VIHF: `INS^^^&OID&ISO^NH` (§3.4)."""
        return f"{self.ins}^^^&{self.oid}&ISO^{self.id_type}"

    @classmethod
    def from_cx(cls, cx: str) -> PatientId:
        ins, _, rest = cx.partition("^^^&")
        oid = rest.split("&", 1)[0]
        return cls(ins=ins, oid=oid)


@dataclass(frozen=True)
class SourcePatient:
    """sourcePatientInfo (PID-5, PID-7, PID-8) of the document entry."""

    family_name: str
    given_name: str
    birth_date: date
    sex: str  # "M", "F" or "U"


@dataclass(frozen=True)
class Author:
    """An author of a document or submission set (authorPerson, authorInstitution, authorRole/Specialty)."""

    person_id: str  # national identifier (RPPS prefixed with 8, or ADELI), OID 1.2.250.1.71.4.2.1
    family_name: str
    given_name: str
    specialty: Code  # J01, e.g. G15_10/SM54
    institution_name: str = ""
    institution_id: str = ""  # national structure identifier, OID 1.2.250.1.71.4.2.2
    role: Code | None = None


@dataclass
class DocumentEntry:
    """One document of an ITI-41 submission with its French metadata (§3.4).

    `entry_uuid` must be kept by the caller (it is the RPLC target of a later version and makes a retry
    after a crash resend the same entry); it defaults to a fresh `urn:uuid:`.
    """

    unique_id: str  # the CDA ClinicalDocument/id: root, or root^extension
    title: str
    content: bytes
    mime_type: str
    class_code: Code
    type_code: Code
    format_code: Code
    confidentiality: list[Code]
    healthcare_facility_type: Code
    practice_setting: Code
    authors: list[Author]
    legal_authenticator: Author  # the professional who validated the document (1..1, §3.0)
    patient: PatientId
    source_patient: SourcePatient
    creation_time: datetime
    service_start: datetime | None = None
    service_stop: datetime | None = None
    language: str = "fr-FR"
    event_codes: list[Code] = field(default_factory=list)
    comments: str = ""
    replaces: str | None = None  # entryUUID of the entry this one replaces (RPLC)
    entry_uuid: str = field(default_factory=new_entry_uuid)
    uri: str = ""  # the file of the document inside an XDM archive (slot URI, ITI-32); unused by ITI-41


@dataclass
class Submission:
    """An ITI-41 submission set: its own metadata and one or more document entries.

    The DMP requires the set to be signed (XAdES, IHE DSG, §3.0): the client signs it with its signing
    certificate and sends the signature as one more document linked to the set by a `signs` association.
    `signature`, when given, is such a signature made elsewhere (e.g. by the CPS middleware) and sent as is.
    """

    unique_id: str  # an OID under the software's or structure's root
    source_id: str  # OID of the sending software/structure
    patient: PatientId
    author: Author
    content_type: Code
    documents: list[DocumentEntry]
    submission_time: datetime
    title: str = ""
    signature: bytes | None = None
    entry_uuid: str = field(default_factory=new_entry_uuid)


@dataclass(frozen=True)
class RegistryErrorInfo:
    code: str
    context: str
    severity: str
    location: str = ""


@dataclass(frozen=True)
class RegistryResult:
    """Outcome of ITI-41/ITI-57: Success or PartialSuccess (a Failure raises `DmpError`)."""

    status: str
    warnings: tuple[RegistryErrorInfo, ...] = ()
    entry_uuids: tuple[str, ...] = ()  # entryUUIDs sent, in submission order

    @property
    def success(self) -> bool:
        return self.status == c.RESPONSE_SUCCESS


@dataclass(frozen=True)
class DocumentEntryInfo:
    """A DocumentEntry as the registry returns it (ITI-18 LeafClass).

    `raw` keeps the ExtrinsicObject XML as received: a metadata update (ITI-57) resubmits it modified.
    """

    entry_uuid: str
    lid: str
    unique_id: str
    status: str
    patient: PatientId
    title: str
    mime_type: str
    class_code: Code | None
    type_code: Code | None
    format_code: Code | None
    confidentiality: tuple[Code, ...]
    healthcare_facility_type: Code | None
    practice_setting: Code | None
    authors: tuple[Author, ...]
    creation_time: datetime | None
    service_start: datetime | None
    service_stop: datetime | None
    repository_id: str
    hash: str
    size: int | None
    version: str
    raw: bytes = field(repr=False, default=b"")

    @property
    def masked(self) -> bool:
        return any(code.code == c.MASQUE_PS for code in self.confidentiality)


@dataclass(frozen=True)
class AssociationInfo:
    entry_uuid: str
    association_type: str
    source: str
    target: str
    status: str


@dataclass(frozen=True)
class RetrievedDocument:
    repository_id: str
    unique_id: str
    mime_type: str
    content: bytes


class AuthorizationState(Enum):
    """The professional's authorisation on the DMP: the `AUTORISATION` attention line of TD0.2 (§3.0)."""

    VALID = c.AUTHORIZATION_VALID
    EXPIRED = c.AUTHORIZATION_EXPIRED
    FORBIDDEN = c.AUTHORIZATION_FORBIDDEN  # the patient blocked this professional
    NONE = c.AUTHORIZATION_NONE


@dataclass(frozen=True)
class DmpStatus:
    """TD0.2 answer: does the patient have a DMP, is it open, may this professional access it.

    The patient's opposition is not part of it: the software records it locally (§3.0).
    """

    exists: bool
    open: bool
    authorization: AuthorizationState
    closing_reason: str = ""  # detectedIssueEvent of a closed DMP
    treating_doctor: str = ""  # STATUT_MT attention line, as the DMP words it

    @property
    def accessible(self) -> bool:
        return self.exists and self.open and self.authorization is AuthorizationState.VALID
