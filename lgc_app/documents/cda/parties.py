"""Snapshots of the people and organisations a CDA header names, detached from the ORM.

Builders read only these frozen values, so building a document needs no database session and the frozen
CDA cannot depend on lazy loading.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lgc_app.documents.valuesets import Code


@dataclass(frozen=True)
class Identifier:
    """An HL7 II: `root` (OID or UUID) and an optional `extension`."""

    root: str
    extension: str | None = None

    @property
    def xds_unique_id(self) -> str:
        """XDS uniqueId: `root` alone, or `root^extension` (PROTOCOLS.md §3.4)."""
        return f"{self.root}^{self.extension}" if self.extension else self.root


@dataclass(frozen=True)
class PatientParty:
    """The identity traits the header carries (INS only for a qualified identity)."""

    local_id: Identifier  # the patient's id in this cabinet, always present
    ins: Identifier | None  # (INS OID, matricule) only when the identity is QUAL
    birth_name: str
    birth_given_names: str
    first_birth_given_name: str
    sex: str  # M / F / I
    birth_time: str  # HL7 TS: AAAAMMJJ, or AAAAMM / AAAA for a partially known date (RNIV)
    used_name: str = ""
    used_given_name: str = ""
    birth_place_code: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""
    phones: tuple[str, ...] = ()
    email: str = ""


@dataclass(frozen=True)
class AuthorParty:
    """A health professional identified by RPPS (national id `8` + RPPS under 1.2.250.1.71.4.2.1)."""

    national_id: str
    given_name: str
    family_name: str
    specialty: Code  # J01, e.g. G15_10/SM54
    civility: str = ""  # prefix (M, MME)
    title: str = "DR"  # suffix (DR, PR)
    phone: str = ""


@dataclass(frozen=True)
class Organization:
    """The cabinet: author's organisation, custodian and care location."""

    national_id: str  # IDNST under 1.2.250.1.71.4.2.2
    name: str
    facility_type: Code  # J02 (cabinet.sector)
    practice_setting: Code  # J04
    phone: str = ""


@dataclass(frozen=True)
class DocumentHeader:
    """Everything the CI-SIS header needs besides the volet's fixed codes."""

    document_id: Identifier
    set_id: Identifier
    version_number: int
    title: str
    created_at: datetime  # effectiveTime, also the author and legal authentication time
    type_code: Code  # ClinicalDocument/code (fixed by the N3 volets, chosen for N1)
    confidentiality: Code  # N / R / V
    patient: PatientParty
    author: AuthorParty
    organization: Organization
    service_start: datetime
    service_end: datetime | None = None
    replaces: Identifier | None = None  # id of the parent version (relatedDocument RPLC)
