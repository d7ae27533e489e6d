"""Vital signs of a consultation: units, plausible ranges (refused outside them, in French), BMI.

The ranges are those a measurement can physically reach in a general practice, child or adult (a value
outside is a typing error: 7,5 kg typed for 75 kg is plausible, 750 kg is not). The BMI is computed, never
stored: it follows the weight and height it comes from (OMS: weight in kg / height in m squared).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from lgc_app.consultations.errors import VitalSignError


@dataclass(frozen=True)
class Measure:
    """How one vital sign is typed, stored and printed."""

    name: str  # the attribute of `VitalSigns` and the column of `consultations`
    label: str  # French label
    unit: str
    low: float
    high: float
    decimals: int

    def format(self, value: float) -> str:
        """The value the French way (72,5 kg)."""
        return f"{value:.{self.decimals}f}".replace(".", ",") + f" {self.unit}"


MEASURES = (
    Measure("weight_kg", "Poids", "kg", 0.3, 400.0, 1),
    Measure("height_cm", "Taille", "cm", 20.0, 260.0, 0),
    Measure("systolic_mmhg", "Pression artérielle systolique", "mmHg", 50.0, 300.0, 0),
    Measure("diastolic_mmhg", "Pression artérielle diastolique", "mmHg", 20.0, 200.0, 0),
    Measure("heart_rate_bpm", "Fréquence cardiaque", "/min", 20.0, 250.0, 0),
    Measure("temperature_c", "Température", "°C", 30.0, 45.0, 1),
)
BY_NAME = {measure.name: measure for measure in MEASURES}
_NUMBER = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*$")


def parse_measure(name: str, text: str) -> float | None:
    """The value typed for a vital sign (decimal comma or point); None when left empty.

    Raises:
        VitalSignError: not a number, or outside the plausible range (the message names the range).
    """
    measure = BY_NAME[name]
    if not text.strip():
        return None
    match = _NUMBER.match(text)
    if match is None:
        raise VitalSignError(f"{measure.label} : « {text.strip()} » n'est pas un nombre.")
    value = round(float(match.group(1).replace(",", ".")), measure.decimals)
    check_measure(measure, value)
    return value


def check_measure(measure: Measure, value: float) -> None:
    if not measure.low <= value <= measure.high:
        raise VitalSignError(f"{measure.label} : {measure.format(value)} est hors des valeurs plausibles "
                             f"({measure.format(measure.low)} à {measure.format(measure.high)}).")


@dataclass(frozen=True)
class VitalSigns:
    """The vital signs measured at one consultation; None: not measured."""

    weight_kg: float | None = None
    height_cm: float | None = None
    systolic_mmhg: float | None = None
    diastolic_mmhg: float | None = None
    heart_rate_bpm: float | None = None
    temperature_c: float | None = None

    def check(self) -> None:
        """Raises VitalSignError for a value outside its range or a blood pressure that cannot be."""
        for item in fields(self):
            value = getattr(self, item.name)
            if value is not None:
                check_measure(BY_NAME[item.name], value)
        if (self.systolic_mmhg is None) != (self.diastolic_mmhg is None):
            raise VitalSignError("Pression artérielle : saisissez la systolique et la diastolique.")
        if self.systolic_mmhg is not None and self.diastolic_mmhg is not None \
                and self.systolic_mmhg <= self.diastolic_mmhg:
            raise VitalSignError("Pression artérielle : la systolique doit être supérieure à la diastolique.")

    @property
    def bmi(self) -> float | None:
        """Indice de masse corporelle (kg/m²), one decimal; None unless weight and height are known."""
        if self.weight_kg is None or self.height_cm is None:
            return None
        return round(self.weight_kg / (self.height_cm / 100) ** 2, 1)

    @property
    def is_empty(self) -> bool:
        return all(getattr(self, item.name) is None for item in fields(self))

    def lines(self) -> tuple[str, ...]:
        """One French line per measured sign, as the report and the letter print them."""
        out: list[str] = []
        if self.weight_kg is not None:
            out.append(f"Poids : {BY_NAME['weight_kg'].format(self.weight_kg)}")
        if self.height_cm is not None:
            out.append(f"Taille : {BY_NAME['height_cm'].format(self.height_cm)}")
        if self.bmi is not None:
            out.append(f"IMC : {format_bmi(self.bmi)}")
        if self.systolic_mmhg is not None and self.diastolic_mmhg is not None:
            out.append(f"Pression artérielle : {self.systolic_mmhg:.0f}/{self.diastolic_mmhg:.0f} mmHg")
        if self.heart_rate_bpm is not None:
            out.append(f"Fréquence cardiaque : {BY_NAME['heart_rate_bpm'].format(self.heart_rate_bpm)}")
        if self.temperature_c is not None:
            out.append(f"Température : {BY_NAME['temperature_c'].format(self.temperature_c)}")
        return tuple(out)


def format_bmi(bmi: float) -> str:
    return f"{bmi:.1f}".replace(".", ",") + " kg/m²"
