"""Tables of the directory: practitioners as last read from the Annuaire, and each patient's correspondents.

A correspondent keeps its own copy of the RPPS, name and chosen mailbox: the letter goes to the box the user
chose, even if the cache is refreshed or purged later.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from lgc_app.persistence.base import Base, UtcDateTime, utcnow


class CachedPractitioner(Base):
    """One practitioner's directory entry (JSON of `services.annuaire.PractitionerEntry`) and when it was read."""

    __tablename__ = "directory_practitioners"

    rpps: Mapped[str] = mapped_column(String(11), primary_key=True)
    family: Mapped[str] = mapped_column(String(120), index=True)  # for offline look-ups by name
    entry_json: Mapped[str] = mapped_column(Text)
    fetched_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Correspondent(Base):
    """A professional the practice writes to about this patient (médecin traitant, adresseur, autre)."""

    __tablename__ = "patient_correspondents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    rpps: Mapped[str] = mapped_column(String(11))
    family: Mapped[str] = mapped_column(String(120))
    given: Mapped[str] = mapped_column(String(120))
    specialty: Mapped[str] = mapped_column(String(120))
    mailbox: Mapped[str] = mapped_column(String(254))  # the chosen MSSanté address ("" if none)
    mailbox_kind: Mapped[str] = mapped_column(String(3))
    place: Mapped[str] = mapped_column(String(400))
    added_by: Mapped[str] = mapped_column(String(120))
    added_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("patient_id", "rpps"),)
