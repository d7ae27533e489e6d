"""Tables of MSSanté reception: each received message (raw bytes on disk, a row by Message-ID) and each of its
documents with its state.

A message row is written, with its raw bytes fsynced to a private file, before the message is flagged \\Seen on
the server: nothing received is lost. It is processed afterwards (state `stored` → `processed`, `report` or
`refused`), so a crash between the two is finished by the next run. Documents of a message are keyed by
(message, uniqueId): processing twice never makes two rows. An integrated document lives in the patient's record
table shared with the DMP (`DmpReceivedDocument`, origin "mss"), where a uniqueId is once per patient: the same
document from the DMP, or by mail again, is a duplicate.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, deferred, mapped_column

from lgc_app.persistence.base import Base, UtcDateTime, utcnow


class MessageState(StrEnum):
    STORED = "stored"  # raw bytes safe, not processed yet
    PROCESSED = "processed"
    REPORT = "report"  # a DSN/MDN, handed to the sending side
    REFUSED = "refused"  # unreadable or hostile: quarantined


class ItemState(StrEnum):
    INTEGRATED = "integrated"
    TO_MATCH = "to_match"  # patient not identified automatically: a user matches it
    KO = "ko"
    REJECTED = "rejected"
    DUPLICATE = "duplicate"

    @property
    def label(self) -> str:
        return {"integrated": "Intégré", "to_match": "À rapprocher", "ko": "En erreur", "rejected": "Rejeté",
                "duplicate": "Doublon"}[self.value]


class InboxMessage(Base):
    __tablename__ = "mss_inbox_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[str] = mapped_column(String(250), unique=True)
    mailbox: Mapped[str] = mapped_column(String(200))
    uidvalidity: Mapped[int | None] = mapped_column(Integer)
    uid: Mapped[int | None] = mapped_column(Integer)
    raw_path: Mapped[str] = mapped_column(String(300))  # relative to the data folder
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(12), default=MessageState.STORED.value, index=True)
    reason_code: Mapped[str] = mapped_column(String(40), default="")
    sender: Mapped[str] = mapped_column(String(200), default="")
    subject: Mapped[str] = mapped_column(String(500), default="")
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    mdn_to: Mapped[str] = mapped_column(String(200), default="")
    mdn_sent: Mapped[bool] = mapped_column(Boolean, default=False)
    quarantined: Mapped[bool] = mapped_column(Boolean, default=False)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class InboxItem(Base):
    """One received document (or, with an empty uniqueId, a whole message that could not be read)."""

    __tablename__ = "mss_inbox_items"
    __table_args__ = (UniqueConstraint("message_row_id", "unique_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_row_id: Mapped[int] = mapped_column(ForeignKey("mss_inbox_messages.id", ondelete="CASCADE"),
                                                index=True)
    unique_id: Mapped[str] = mapped_column(String(128), default="")
    state: Mapped[str] = mapped_column(String(12), index=True)
    reason_code: Mapped[str] = mapped_column(String(40), default="")
    reason: Mapped[str] = mapped_column(String(500), default="")
    title: Mapped[str] = mapped_column(String(255), default="")
    mime_type: Mapped[str] = mapped_column(String(100), default="")
    type_code: Mapped[str | None] = mapped_column(String(40))
    type_display: Mapped[str] = mapped_column(String(200), default="")
    format_code: Mapped[str | None] = mapped_column(String(128))
    class_code: Mapped[str | None] = mapped_column(String(40))
    author: Mapped[str] = mapped_column(String(200), default="")
    creation_time: Mapped[datetime | None] = mapped_column(UtcDateTime)
    patient_ins: Mapped[str] = mapped_column(String(15), default="")
    patient_oid: Mapped[str] = mapped_column(String(32), default="")
    patient_label: Mapped[str] = mapped_column(String(300), default="")  # traits as received, for matching
    patient_id: Mapped[int | None] = mapped_column(ForeignKey("patients.id", ondelete="SET NULL"))
    received_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("dmp_received_documents.id", ondelete="SET NULL"))
    content: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    seen: Mapped[bool] = mapped_column(Boolean, default=False)  # a user opened it (the "new" badge)
    handled_by: Mapped[str] = mapped_column(String(120), default="")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)
