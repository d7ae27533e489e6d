"""The audit tables: the append-only journal and the one row that holds the head of its hash chain."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from lgc_app.persistence.base import Base, UtcDateTime

HASH_LENGTH = 64  # SHA-256, hexadecimal
GENESIS_HASH = "0" * HASH_LENGTH  # the "previous hash" of the first row


class AuditEntry(Base):
    """One audited event. `id` is the row's rank in the chain (1, 2, 3 …, no gap): a deleted row shows.

    No foreign key: the journal outlives what it names (a deleted document, a merged patient).
    """

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    event: Mapped[str] = mapped_column(String(40), index=True)
    who: Mapped[str] = mapped_column(String(160), index=True)
    workstation: Mapped[str] = mapped_column(String(120))
    patient_id: Mapped[int | None] = mapped_column(Integer, index=True)
    subject: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(Text)
    previous_hash: Mapped[str] = mapped_column(String(HASH_LENGTH))
    hash: Mapped[str] = mapped_column(String(HASH_LENGTH))


class AuditChainHead(Base):
    """The single row (id 1) naming the last entry: appends lock it, so that concurrent writers take turns
    and never fork the chain; verify compares it with the last entry, so that removing the tail shows."""

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_id: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(HASH_LENGTH))
