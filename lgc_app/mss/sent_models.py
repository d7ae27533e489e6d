"""Tables of MSSanté sending: each message (its order, Message-ID and ENVID fixed before the first attempt), each
recipient's status as the operator, the DSNs and the MDNs tell it, the attachments of a free message, the
patient's objection to MSSanté sending and each practitioner's sending preferences.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, Enum, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lgc_app.persistence.base import Base, UtcDateTime, utcnow


class RecipientStatus(enum.StrEnum):
    PLANNED = "planned"
    SENT = "sent"  # accepted by the operator
    DELIVERED = "delivered"  # DSN success
    FAILED = "failed"  # refused at submission, or DSN failure (reason kept)
    DISPLAYED = "displayed"  # MDN displayed
    PROCESSED = "processed"  # MDN processed (integrated by the receiving software)
    ERROR = "error"  # MDN processed/error (the receiving software could not integrate it)
    NOT_SENT = "not_sent"  # not planned: the reason says why (identity not qualified, objection…)

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {RecipientStatus.PLANNED: "prévu", RecipientStatus.SENT: "envoyé", RecipientStatus.DELIVERED: "remis",
           RecipientStatus.FAILED: "échec", RecipientStatus.DISPLAYED: "lu", RecipientStatus.PROCESSED: "intégré",
           RecipientStatus.ERROR: "erreur d'intégration", RecipientStatus.NOT_SENT: "non envoyé"}


def _values(kind: type[RecipientStatus]) -> list[str]:
    return [member.value for member in kind]


class MssMessage(Base):
    """One MSSanté message: about a validated document (`document_id`) or a free one (compose)."""

    __tablename__ = "mss_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[str | None] = mapped_column(ForeignKey("send_orders.id", ondelete="SET NULL"), unique=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="RESTRICT"), index=True)
    patient_id: Mapped[int | None] = mapped_column(ForeignKey("patients.id", ondelete="RESTRICT"), index=True)
    message_id: Mapped[str | None] = mapped_column(String(200), unique=True)  # None: nothing to send
    envid: Mapped[str | None] = mapped_column(String(100), unique=True)
    entry_uuid: Mapped[str | None] = mapped_column(String(64))  # the XDM entry, the same at every attempt
    submission_uid: Mapped[str | None] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    recipients: Mapped[list[MssRecipient]] = relationship(back_populates="message", order_by="MssRecipient.id",
                                                          cascade="all, delete-orphan")
    attachments: Mapped[list[MssAttachment]] = relationship(order_by="MssAttachment.id",
                                                            cascade="all, delete-orphan")


class MssRecipient(Base):
    __tablename__ = "mss_recipients"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_pk: Mapped[int] = mapped_column(ForeignKey("mss_messages.id", ondelete="CASCADE"), index=True)
    address: Mapped[str] = mapped_column(String(254))
    kind: Mapped[str] = mapped_column(String(20))  # patient, medecin_traitant, adresseur, autre
    status: Mapped[RecipientStatus] = mapped_column(
        Enum(RecipientStatus, name="mss_status", native_enum=False, length=12, values_callable=_values),
        default=RecipientStatus.PLANNED)
    reason: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    message: Mapped[MssMessage] = relationship(back_populates="recipients")


class MssAttachment(Base):
    """A file of a free message, stored with it so that every attempt sends the same bytes."""

    __tablename__ = "mss_attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_pk: Mapped[int] = mapped_column(ForeignKey("mss_messages.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    mime_type: Mapped[str] = mapped_column(String(100))
    content: Mapped[bytes] = mapped_column(LargeBinary)


class MssObjection(Base):
    """The patient's objection to receiving documents in Mon espace santé by MSSanté (who, when; withdrawable)."""

    __tablename__ = "mss_patient_objections"

    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"), primary_key=True)
    recorded_by: Mapped[str] = mapped_column(String(120))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    withdrawn_by: Mapped[str | None] = mapped_column(String(120))
    withdrawn_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


class MssPreference(Base):
    """Where a practitioner's validated documents go by MSSanté (a missing row means the defaults)."""

    __tablename__ = "mss_preferences"

    practitioner_id: Mapped[int] = mapped_column(ForeignKey("practitioners.id", ondelete="CASCADE"),
                                                 primary_key=True)
    to_patient: Mapped[bool] = mapped_column(Boolean, default=True)  # only for a qualified identity anyway
    to_treating: Mapped[bool] = mapped_column(Boolean, default=True)
    to_referring: Mapped[bool] = mapped_column(Boolean, default=False)
    end_patient_exchange: Mapped[bool] = mapped_column(Boolean, default=False)  # X-MSS-MES: FIN
    updated_by: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
