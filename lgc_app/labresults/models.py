"""The table of laboratory results, one row per observation of a received lab report.

A row is keyed by the patient, the report (its CDA id, `document_uid`) and the observation within it (its own
id, else its position): recording the same report again — twice by mail, or by mail and from the DMP — stores
nothing new. `source` says how the report first arrived ("mss:<uniqueId>", "dmp:<uniqueId>"). A corrected report
is a new version of the same set (`set_id`, `version`): the lists show the latest version of each set.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from lgc_app.persistence.base import Base, UtcDateTime, utcnow


class LabResult(Base):
    """One analyte's result as the laboratory reported it (LOINC code, value, unit, range, interpretation)."""

    __tablename__ = "lab_results"
    __table_args__ = (UniqueConstraint("patient_id", "document_uid", "observation_key"),
                      Index("ix_lab_results_patient_loinc", "patient_id", "loinc_code"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(200))
    document_uid: Mapped[str] = mapped_column(String(200))
    set_id: Mapped[str] = mapped_column(String(200), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    observation_key: Mapped[str] = mapped_column(String(200))
    loinc_code: Mapped[str] = mapped_column(String(20))
    loinc_display: Mapped[str] = mapped_column(String(255))
    value_text: Mapped[str] = mapped_column(String(255))
    value_numeric: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(40))
    range_low: Mapped[float | None] = mapped_column(Float)
    range_high: Mapped[float | None] = mapped_column(Float)
    range_text: Mapped[str] = mapped_column(String(120))
    interpretation: Mapped[str] = mapped_column(String(10))  # HL7 ObservationInterpretation code, "" if none
    observed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    specimen: Mapped[str] = mapped_column(String(120))
    laboratory: Mapped[str] = mapped_column(String(200))
    author: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
