"""ORM model of the patient identity (RNIV rule 1: every INS trait is stored) and its satellite tables.

Conventions (decided here, relied on everywhere):
- birth traits are stored normalised (capitals A-Z, `-`, `'`, single spaces; see `traits.py`);
- `birth_given_names` is the ordered list of birth first names separated by one space, as INSi's
  `ListePrenom` carries it; `first_birth_given_name` is its first element for a typed identity and INSi's
  `Prenom` for a retrieved one;
- `birth_date` is `YYYY-MM-DD` where `MM` and/or `DD` may be `00` for an unknown month/day (RNIV: a
  partially known date is kept as known, never invented); the year is always known;
- `status` and the flags follow PROTOCOLS §1.3; the matricule leaves the software only through
  `ins_for_export()`, which answers None unless the identity is qualified.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, CheckConstraint, Enum, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lgc_app.patients.identity_readout import IdentityReadout
from lgc_app.patients.vocabulary import IdentityDocumentType, IdentityStatus, Sex
from lgc_app.persistence.base import Base, UtcDateTime, utcnow

__all__ = ["IdentityCheck", "IdentityDocumentType", "IdentityStatus", "InsiCall", "Patient",
           "PatientNameVariant", "PatientSearchKey", "Sex", "StatusChange", "VitaleCard"]

CHILDREN = "all, delete-orphan"
TRAIT_LENGTH = 100  # INSi and the datamatrix cap names and first-name lists at 100 characters


def _values(enum: type[StrEnum]) -> list[str]:
    return [member.value for member in enum]


def _enum_column(enum: type[StrEnum], name: str, length: int) -> Enum:
    """A portable enum: VARCHAR + CHECK constraint on both back-ends, values stored as the codes."""
    return Enum(enum, name=name, native_enum=False, create_constraint=True, length=length,
                values_callable=_values, validate_strings=True)


# Search keys must sort bytewise on PostgreSQL too so that prefix ranges (`key >= 'DUP' AND key < 'DUQ'`)
# use the index whatever the database collation.
SEARCH_KEY = String(TRAIT_LENGTH).with_variant(String(TRAIT_LENGTH, collation="C"), "postgresql")
SEARCH_DATE = String(10).with_variant(String(10, collation="C"), "postgresql")


class Patient(IdentityReadout, Base):
    __tablename__ = "patients"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # INS (matricule 13 + key 2, and the OID of its assigning authority, PROTOCOLS §1.1-1.2)
    ins_matricule: Mapped[str | None] = mapped_column(String(15))
    ins_oid: Mapped[str | None] = mapped_column(String(32))
    # strict birth traits (RNIV)
    birth_name: Mapped[str] = mapped_column(String(TRAIT_LENGTH))
    birth_given_names: Mapped[str] = mapped_column(String(TRAIT_LENGTH))
    first_birth_given_name: Mapped[str] = mapped_column(String(TRAIT_LENGTH))
    birth_date: Mapped[str] = mapped_column(String(10))
    sex: Mapped[Sex] = mapped_column(_enum_column(Sex, "sex", 1))
    birth_place_code: Mapped[str | None] = mapped_column(String(5))
    # used traits (free of the strict rules; they never change the status)
    used_name: Mapped[str | None] = mapped_column(String(TRAIT_LENGTH))
    used_given_name: Mapped[str | None] = mapped_column(String(TRAIT_LENGTH))
    # status and attributes (PROTOCOLS §1.3)
    status: Mapped[IdentityStatus] = mapped_column(_enum_column(IdentityStatus, "identity_status", 5),
                                                   default=IdentityStatus.PROV)
    doubtful: Mapped[bool] = mapped_column(Boolean, default=False)
    fictitious: Mapped[bool] = mapped_column(Boolean, default=False)
    homonym: Mapped[bool] = mapped_column(Boolean, default=False)
    # contact
    address_line1: Mapped[str | None] = mapped_column(String(200))
    address_line2: Mapped[str | None] = mapped_column(String(200))
    postal_code: Mapped[str | None] = mapped_column(String(10))
    city: Mapped[str | None] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(200))
    # bookkeeping
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    vitale_cards: Mapped[list[VitaleCard]] = relationship(
        back_populates="patient", cascade=CHILDREN, passive_deletes=True, order_by="VitaleCard.id")
    identity_checks: Mapped[list[IdentityCheck]] = relationship(
        back_populates="patient", cascade=CHILDREN, passive_deletes=True, order_by="IdentityCheck.id")
    status_changes: Mapped[list[StatusChange]] = relationship(
        back_populates="patient", cascade=CHILDREN, passive_deletes=True, order_by="StatusChange.id")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's declarative API
    __table_args__ = (
        CheckConstraint("ins_matricule IS NULL OR length(ins_matricule) = 15", name="matricule_length"),
        CheckConstraint("(ins_matricule IS NULL) = (ins_oid IS NULL)", name="matricule_with_oid"),
        CheckConstraint("status <> 'QUAL' OR ins_matricule IS NOT NULL", name="qualified_has_ins"),
        # RNIV (see status.py): a doubtful identity cannot be validated, a fictitious one stays provisional.
        CheckConstraint("NOT doubtful OR status IN ('PROV', 'RECUP')", name="doubtful_not_validated"),
        CheckConstraint("NOT fictitious OR status = 'PROV'", name="fictitious_provisional"),
        Index("ix_patients_ins_matricule", "ins_matricule"),
        Index("ix_patients_updated_at", "updated_at", "id"),  # the recent patients list (recent.py)
    )

    def __repr__(self) -> str:
        return f"<Patient {self.id} {self.birth_name} {self.first_birth_given_name} {self.status}>"


class VitaleCard(Base):
    """Data read from a carte Vitale (or ApCV). Kept apart: they are not identity traits (RNIV)."""

    __tablename__ = "vitale_cards"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"), index=True)
    insured_nir: Mapped[str] = mapped_column(String(15))  # the insured person's number (MatriculeOD)
    beneficiary_nir: Mapped[str | None] = mapped_column(String(15))  # the beneficiary's own NIR when known
    birth_rank: Mapped[int] = mapped_column(Integer, default=1)  # RangNaissance (twins)
    name: Mapped[str] = mapped_column(String(TRAIT_LENGTH))
    given_name: Mapped[str] = mapped_column(String(TRAIT_LENGTH))
    birth_date: Mapped[str] = mapped_column(String(10))  # as on the card (may be a "lunar" date)
    read_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    patient: Mapped[Patient] = relationship(back_populates="vitale_cards")


class IdentityCheck(Base):
    """An identity document seen by a user (RNIV: the check that validates an identity)."""

    __tablename__ = "identity_checks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"), index=True)
    document_type: Mapped[IdentityDocumentType] = mapped_column(
        _enum_column(IdentityDocumentType, "document_type", 20))
    checked_by: Mapped[str] = mapped_column(String(100))
    checked_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    note: Mapped[str | None] = mapped_column(Text)

    patient: Mapped[Patient] = relationship(back_populates="identity_checks")


class StatusChange(Base):
    """History of every status transition (who, when, from, to, why)."""

    __tablename__ = "identity_status_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[IdentityStatus | None] = mapped_column(_enum_column(IdentityStatus, "from_status", 5))
    to_status: Mapped[IdentityStatus] = mapped_column(_enum_column(IdentityStatus, "to_status", 5))
    reason: Mapped[str] = mapped_column(Text)
    changed_by: Mapped[str] = mapped_column(String(100))
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    patient: Mapped[Patient] = relationship(back_populates="status_changes")


class InsiCall(Base):
    """Log of the calls to the INSi téléservice (proof of use, Ségur scenario "appel INSi")."""

    __tablename__ = "insi_calls"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    called_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    called_by: Mapped[str] = mapped_column(String(100))
    operation: Mapped[str] = mapped_column(String(40))
    result_code: Mapped[str | None] = mapped_column(String(20))
    message_id: Mapped[str | None] = mapped_column(String(80))
    patient_id: Mapped[int | None] = mapped_column(ForeignKey("patients.id", ondelete="SET NULL"), index=True)


class PatientSearchKey(Base):
    """Normalised keys of the anteriority search, one row per (name form × first-name form) of a patient.

    Maintained by `search_index` on every flush. Every index covers the columns the search reads (with the
    primary key, stored in every index entry of a WITHOUT ROWID table): a prefix search never reads the
    table itself, which costs a look-up per row (measured: 40 ms instead of 1 ms for 11,000 rows).
    """

    __tablename__ = "patient_search_keys"

    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    name_key: Mapped[str] = mapped_column(SEARCH_KEY)
    given_key: Mapped[str] = mapped_column(SEARCH_KEY)
    name_phonetic: Mapped[str] = mapped_column(SEARCH_KEY)
    birth_date: Mapped[str] = mapped_column(SEARCH_DATE)

    __table_args__ = (
        Index("ix_patient_search_keys_name", "name_key", "given_key", "birth_date"),
        Index("ix_patient_search_keys_given", "given_key", "name_key", "birth_date"),
        Index("ix_patient_search_keys_date", "birth_date", "name_key", "given_key"),
        Index("ix_patient_search_keys_phonetic", "name_phonetic", "given_key", "name_key", "birth_date"),
        {"sqlite_with_rowid": False},
    )


class PatientNameVariant(Base):
    """Deletion neighbourhood of every name key, for the fuzzy search (SymSpell): one row per (name key
    with at most one letter deleted, name key). Two names within one typo (substitution, insertion,
    deletion, swap of neighbours) share a variant, wherever the typo is: the fuzzy search finds them by index
    equality on `variant` instead of scanning names.

    Keyed by name, not by patient (a name is shared by many patients), and only ever added to: a variant of a
    name no patient bears any more only costs an empty look-up in `patient_search_keys`.
    """

    __tablename__ = "patient_name_variants"

    variant: Mapped[str] = mapped_column(SEARCH_KEY, primary_key=True)
    name_key: Mapped[str] = mapped_column(SEARCH_KEY, primary_key=True)

    __table_args__ = ({"sqlite_with_rowid": False},)


# Registers the session listener that keeps `patient_search_keys` in step with every patient written through
# the ORM, whoever imports this module (imported last: it needs the classes above).
from lgc_app.patients import search_index as _search_index  # noqa: E402, F401
