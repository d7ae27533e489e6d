"""Tables of DMP feeding (SC.DMP/ALI/PROG.02): per-practitioner type preferences, per-document DMP state.

`dmp_document_states` holds one row per validated document version (and per withheld draft): what was
decided at validation (send, withheld, excluded type, non-qualified identity), the identifiers chosen
BEFORE the first attempt (entryUUID, uniqueId, submission-set uniqueId) so that every retry sends the very
same entry, and the DMP's last answer.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, Enum, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.types.column import DocumentTypeColumn
from lgc_app.outbox.models import SendOrder
from lgc_app.persistence.base import Base, UtcDateTime


class DmpState(enum.StrEnum):
    """What the DMP knows of one document version; `label` is what users see."""

    PENDING = "pending"  # an order waits (or runs)
    SENT = "sent"
    REFUSED = "refused"  # permanent failure: the DMP refused it, or the order failed for good
    REPLACED = "replaced"  # a newer version was sent with RPLC: the DMP deprecated this entry
    WITHHELD = "withheld"  # the practitioner kept it out of the DMP (reason recorded)
    UNQUALIFIED = "unqualified"  # the patient's identity is not qualified: no INS may leave (§1.3)
    EXCLUDED = "excluded"  # its type is not sent to the DMP (practitioner's preference)
    CANCELLED = "cancelled"  # the order was cancelled in the "Envois" panel (derived, never stored)

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    DmpState.PENDING: "en attente",
    DmpState.SENT: "envoyé",
    DmpState.REFUSED: "refusé",
    DmpState.REPLACED: "remplacé",
    DmpState.WITHHELD: "retenu",
    DmpState.UNQUALIFIED: "non envoyé (identité non qualifiée)",
    DmpState.EXCLUDED: "non envoyé (type non partagé)",
    DmpState.CANCELLED: "envoi annulé",
}


def _enum(enum_class: type[enum.StrEnum], name: str, length: int) -> Enum:
    return Enum(enum_class, name=name, native_enum=False, create_constraint=True, length=length,
                values_callable=lambda e: [member.value for member in e], validate_strings=True)


class DmpTypePreference(Base):
    """Whether a practitioner's documents of one type go to the DMP; no row means the type's default."""

    __tablename__ = "dmp_type_preferences"

    practitioner_id: Mapped[int] = mapped_column(ForeignKey("practitioners.id", ondelete="CASCADE"),
                                                 primary_key=True)
    document_type: Mapped[DocumentType] = mapped_column(DocumentTypeColumn(), primary_key=True)
    send_to_dmp: Mapped[bool] = mapped_column(Boolean)
    updated_by: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class DmpDocumentState(Base):
    """The DMP state of one document version."""

    __tablename__ = "dmp_document_states"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    state: Mapped[DmpState] = mapped_column(_enum(DmpState, "state", 12), index=True)
    reason: Mapped[str | None] = mapped_column(Text)  # withhold reason, refusal message, why not sent
    order_id: Mapped[str | None] = mapped_column(ForeignKey("send_orders.id", ondelete="SET NULL"), index=True)
    # chosen when the order is planned, reused by every attempt (idempotent retries, RPLC target later)
    unique_id: Mapped[str | None] = mapped_column(String(128))
    entry_uuid: Mapped[str | None] = mapped_column(String(80))
    submission_uid: Mapped[str | None] = mapped_column(String(64))
    replaces_entry_uuid: Mapped[str | None] = mapped_column(String(80))
    last_answer: Mapped[str | None] = mapped_column(Text)  # the DMP's last answer, summarised
    decided_by: Mapped[str] = mapped_column(String(120))
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    order: Mapped[SendOrder | None] = relationship()  # also makes the order's INSERT come first


class DmpOpposition(Base):
    """The patient's opposition to the DMP, as the software records it (PROTOCOLS §3.0: the DMP does not say
    it). Withdrawing keeps the row, with who withdrew it and when; recording again revives it."""

    __tablename__ = "dmp_oppositions"

    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"), primary_key=True)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    recorded_by: Mapped[str] = mapped_column(String(120))
    withdrawn_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    withdrawn_by: Mapped[str | None] = mapped_column(String(120))

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None
