"""ORM models: practitioners, clinical documents (one row per version) and their lifecycle events.

A document row is edited only while it is a draft; validation freezes its CDA (and PDF) bytes and the
row's clinical fields are never written again (a correction is a new version sharing the `set_id`, linked
by `replaces_id`). `version` is the optimistic-concurrency counter (several workstations, one database).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from lgc_app.documents.kinds import DocumentStatus, DocumentType
from lgc_app.documents.types.column import DocumentTypeColumn
from lgc_app.persistence.base import Base, UtcDateTime, utcnow


def _enum(enum: type[DocumentStatus], name: str, length: int) -> Enum:
    """Portable enum: VARCHAR + CHECK on both back-ends, values stored as the codes."""
    return Enum(
        enum,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=length,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


class Practitioner(Base):
    """A health professional of the cabinet (SC.SSI/IE.33: RPPS, names, profession)."""

    __tablename__ = "practitioners"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rpps: Mapped[str] = mapped_column(String(11), unique=True)
    civility: Mapped[str] = mapped_column(String(10), default="")  # M, MME
    title: Mapped[str] = mapped_column(String(10), default="DR")  # DR, PR (CDA name suffix)
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    profession_code: Mapped[str] = mapped_column(String(10), default="10")  # TRE_G15, 10 = médecin
    specialty_code: Mapped[str] = mapped_column(String(10), default="SM54")  # savoir-faire, SM54 = MG
    mssante_address: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(30))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    __table_args__ = (CheckConstraint("length(rpps) = 11", name="rpps_length"),)

    @property
    def national_id(self) -> str:
        """Identifiant national PS: `8` + RPPS (CI-SIS, root 1.2.250.1.71.4.2.1)."""
        return f"8{self.rpps}"

    @property
    def specialty(self) -> str:
        """J01 code `G15_<profession>[/<savoir-faire>]`, e.g. G15_10/SM54."""
        base = f"G15_{self.profession_code}"
        return f"{base}/{self.specialty_code}" if self.specialty_code else base

    @property
    def display_name(self) -> str:
        # the stored title is the CDA code (DR, PR); people read "Dr", "Pr"
        return f"{self.title.capitalize()} {self.given_name} {self.family_name}".strip()


class Document(Base):
    """One version of a clinical document."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="RESTRICT"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("practitioners.id", ondelete="RESTRICT"))
    type: Mapped[DocumentType] = mapped_column(DocumentTypeColumn())
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[DocumentStatus] = mapped_column(
        _enum(DocumentStatus, "document_status", 10), default=DocumentStatus.DRAFT
    )
    content: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # identity of the version (CDA ClinicalDocument/id, setId, versionNumber)
    set_id: Mapped[str] = mapped_column(String(64))
    version_number: Mapped[int] = mapped_column(Integer, default=1)
    cda_id_root: Mapped[str] = mapped_column(String(64), unique=True)
    cda_id_extension: Mapped[str | None] = mapped_column(String(64))
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="RESTRICT"))
    # frozen at validation (deferred: listing documents never loads the blobs)
    cda_xml: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    pdf: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    # sharing metadata (XDS / MSSanté), editable on drafts only (metadata.py)
    class_code: Mapped[str] = mapped_column(String(20))
    type_code: Mapped[str] = mapped_column(String(20))
    format_code: Mapped[str] = mapped_column(String(64))
    practice_setting_code: Mapped[str] = mapped_column(String(20))
    facility_type_code: Mapped[str] = mapped_column(String(10))
    confidentiality_code: Mapped[str] = mapped_column(String(1), default="N")
    masked_from_professionals: Mapped[bool] = mapped_column(Boolean, default=False)
    hidden_from_patient: Mapped[bool] = mapped_column(Boolean, default=False)
    hidden_from_legal_representatives: Mapped[bool] = mapped_column(Boolean, default=False)
    # bookkeeping
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)
    validated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    author: Mapped[Practitioner] = relationship()
    replaces: Mapped[Document | None] = relationship(remote_side=[id])
    events: Mapped[list[DocumentEvent]] = relationship(
        back_populates="document",
        order_by="DocumentEvent.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's declarative API
    __table_args__ = (
        CheckConstraint("version_number >= 1", name="version_number_positive"),
        CheckConstraint("status IN ('draft', 'deleted') OR cda_xml IS NOT NULL", name="frozen_has_cda"),
        Index("ix_documents_set_id", "set_id", "version_number", unique=True),
    )


class DocumentEvent(Base):
    """Every lifecycle transition, timestamped and attributed (who, when, from, to)."""

    __tablename__ = "document_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(20))  # created, validated, replaced, archived, deleted…
    from_status: Mapped[DocumentStatus | None] = mapped_column(_enum(DocumentStatus, "from_status", 10))
    to_status: Mapped[DocumentStatus] = mapped_column(_enum(DocumentStatus, "to_status", 10))
    actor: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    note: Mapped[str | None] = mapped_column(Text)

    document: Mapped[Document] = relationship(back_populates="events")
