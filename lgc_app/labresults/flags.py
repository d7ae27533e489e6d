"""The laboratory's interpretation of a result (HL7 ObservationInterpretation, as CI-SIS uses it), in kinds the
screens can show with a colour AND a text or symbol (never colour alone)."""

from __future__ import annotations

import enum


class Flag(enum.Enum):
    NONE = "none"  # the laboratory gave no interpretation
    NORMAL = "normal"
    LOW = "low"
    HIGH = "high"
    CRITICAL_LOW = "critical_low"
    CRITICAL_HIGH = "critical_high"
    ABNORMAL = "abnormal"
    CRITICAL = "critical"
    OTHER = "other"  # a code the software does not interpret: shown as the laboratory wrote it

    @property
    def is_abnormal(self) -> bool:
        return self not in (Flag.NONE, Flag.NORMAL, Flag.OTHER)

    @property
    def is_critical(self) -> bool:
        return self in (Flag.CRITICAL_LOW, Flag.CRITICAL_HIGH, Flag.CRITICAL)


_CODES = {"N": Flag.NORMAL, "L": Flag.LOW, "LU": Flag.LOW, "<": Flag.LOW, "H": Flag.HIGH, "HU": Flag.HIGH,
          ">": Flag.HIGH, "LL": Flag.CRITICAL_LOW, "HH": Flag.CRITICAL_HIGH, "A": Flag.ABNORMAL,
          "AA": Flag.CRITICAL}


def flag_of(interpretation: str) -> Flag:
    """The kind of an interpretation code ("" → NONE; an unknown code → OTHER)."""
    if not interpretation:
        return Flag.NONE
    return _CODES.get(interpretation.upper(), Flag.OTHER)
