"""Tables of DMP consultation: what was seen at the last consultation, and documents imported from the DMP.

`dmp_consultations` holds, per patient, the entryUUIDs present in the DMP when a user last listed it: a
document is "new" when its entryUUID is not among them (SEGUR wave 2: "information that a new document is
present in the DMP"). Comparing entry ids rather than dates also catches a document submitted today with an
old creation date. `new_count` caches the last background check so that lists show the badge without a
network call.

`dmp_received_documents` holds documents imported from the DMP into the local record: the exact bytes
retrieved (ITI-43) and the registry metadata, never edited. A uniqueId is imported once per patient. The table
also holds the documents received by MSSanté and integrated into the record (`origin` "mss", with the sender
and message), so one document from both pipes is detected as a duplicate by its uniqueId.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, deferred, mapped_column

from lgc_app.persistence.base import Base, UtcDateTime, utcnow


class DmpConsultation(Base):
    """The last consultation of one patient's DMP from this cabinet, and the last new-documents check."""

    __tablename__ = "dmp_consultations"

    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"), primary_key=True)
    consulted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    consulted_by: Mapped[str | None] = mapped_column(String(120))
    seen_entry_uuids: Mapped[list[str]] = mapped_column(JSON, default=list)
    new_count: Mapped[int] = mapped_column(Integer, default=0)
    checked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class DmpReceivedDocument(Base):
    """A document retrieved from the DMP and kept in the patient's local record."""

    __tablename__ = "dmp_received_documents"
    __table_args__ = (UniqueConstraint("patient_id", "unique_id"),)  # one import per uniqueId

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"), index=True)
    unique_id: Mapped[str] = mapped_column(String(128))
    entry_uuid: Mapped[str] = mapped_column(String(80))
    repository_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(255))
    mime_type: Mapped[str] = mapped_column(String(100))
    class_code: Mapped[str | None] = mapped_column(String(40))
    type_code: Mapped[str | None] = mapped_column(String(40))
    type_display: Mapped[str] = mapped_column(String(200), default="")
    format_code: Mapped[str | None] = mapped_column(String(128))
    author: Mapped[str] = mapped_column(String(200), default="")
    creation_time: Mapped[datetime | None] = mapped_column(UtcDateTime)
    size: Mapped[int] = mapped_column(Integer)
    sha1: Mapped[str] = mapped_column(String(40))
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))
    imported_by: Mapped[str] = mapped_column(String(120))
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    origin: Mapped[str] = mapped_column(String(8), default="dmp", server_default="dmp")  # "dmp" | "mss"
    origin_sender: Mapped[str] = mapped_column(String(200), default="", server_default="")  # MSSanté sender
    origin_message_id: Mapped[str] = mapped_column(String(250), default="", server_default="")
