"""Tables of prescribing safety: the patient's allergy list, and the practitioner's decisions to prescribe
despite an allergy warning (who, when, which drug against which allergy, why)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from lgc_app.persistence.base import Base, UtcDateTime, utcnow


class PatientAllergy(Base):
    """A known allergy: the substance as said by the patient, its ATC class when known, the reaction."""

    __tablename__ = "patient_allergies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"), index=True)
    substance: Mapped[str] = mapped_column(String(200))
    atc_class: Mapped[str | None] = mapped_column(String(8))  # e.g. J01C; None: found from the substance
    reaction: Mapped[str] = mapped_column(String(200), default="")
    recorded_by: Mapped[str] = mapped_column(String(120))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class AllergyOverride(Base):
    """A prescription validated despite an allergy warning, with the practitioner's reason."""

    __tablename__ = "allergy_overrides"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    drug: Mapped[str] = mapped_column(String(200))
    allergy: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(120))
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
