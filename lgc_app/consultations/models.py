"""Tables of the consultation record: one row per consultation, and the documents written from it.

The vital signs are columns with their unit in the name and their plausible range as a CHECK (the same
ranges as `vitals.MEASURES`, which refuses them first with a French message); the BMI is not stored.
`version` is the optimistic-concurrency counter (the consultation is autosaved, several workstations).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from lgc_app.consultations.vitals import MEASURES
from lgc_app.persistence.base import Base, UtcDateTime, utcnow


def _range_checks() -> tuple[CheckConstraint, ...]:
    return tuple(CheckConstraint(f"{m.name} IS NULL OR ({m.name} >= {m.low} AND {m.name} <= {m.high})",
                                 name=f"{m.name}_range") for m in MEASURES)


class Consultation(Base):
    __tablename__ = "consultations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="RESTRICT"), index=True)
    practitioner_id: Mapped[int] = mapped_column(ForeignKey("practitioners.id", ondelete="RESTRICT"))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    reason: Mapped[str] = mapped_column(String(200), default="")
    history: Mapped[str] = mapped_column(Text, default="")
    examination: Mapped[str] = mapped_column(Text, default="")
    conclusion: Mapped[str] = mapped_column(Text, default="")
    weight_kg: Mapped[float | None] = mapped_column(Float)
    height_cm: Mapped[float | None] = mapped_column(Float)
    systolic_mmhg: Mapped[float | None] = mapped_column(Float)
    diastolic_mmhg: Mapped[float | None] = mapped_column(Float)
    heart_rate_bpm: Mapped[float | None] = mapped_column(Float)
    temperature_c: Mapped[float | None] = mapped_column(Float)
    created_by: Mapped[str] = mapped_column(String(120))
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's declarative API
    __table_args__ = _range_checks()


class ConsultationDocument(Base):
    """A document drafted from a consultation (the draft links back to the consultation it came from)."""

    __tablename__ = "consultation_documents"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id", ondelete="CASCADE"), index=True)
