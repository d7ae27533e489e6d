"""Datamatrix INS (PROTOCOLS §1.4): payload building, symbol rendering, reading back.

Payload: header `IS01` + 22 zeros, then `<id><value>` fields S1..S7; the variable-length fields S2, S3, S4
end with GS (0x1D) unless at their maximum length or last. It is printed only for a qualified identity.
Reading is order-free and tolerates a space instead of GS. An INS read from a datamatrix only prefills an
identity: it must still be checked with INSi before the identity can be retrieved or qualified (RNIV).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import zxingcpp

from lgc_app.errors import UserError
from lgc_app.patients.birth_date import display_birth_date
from lgc_app.patients.models import Patient
from lgc_app.patients.status import STRICT_TRAITS
from lgc_app.patients.views import PatientView

GS = "\x1d"
HEADER = "IS01" + "0" * 22
# id → (maximum length, fixed length?) (PROTOCOLS §1.4)
FIELDS: dict[str, tuple[int, bool]] = {
    "S1": (15, True), "S2": (20, False), "S3": (100, False), "S4": (100, False),
    "S5": (1, True), "S6": (10, True), "S7": (5, True),
}
_NEXT_FIELD = re.compile(r"S[1-7]")


class DatamatrixError(UserError, ValueError):
    """A datamatrix that cannot be produced or read; the message is French."""

    code = "PATIENT-DATAMATRIX"
    summary = "Datamatrix INS illisible ou impossible à produire."


@dataclass(frozen=True)
class DatamatrixTraits:
    """What a datamatrix INS carries. `birth_date` is ISO (`YYYY-MM-DD`)."""

    matricule: str
    oid: str
    given_names: str
    birth_name: str
    sex: str
    birth_date: str
    birth_place: str | None

    @property
    def first_given_name(self) -> str:
        return self.given_names.split(" ")[0]


def traits_of(patient: Patient) -> DatamatrixTraits:
    """The traits to print for patient.

    Raises:
        DatamatrixError: the identity is not qualified (no INS may leave the software).
    """
    ins = patient.ins_for_export()
    if ins is None:
        raise DatamatrixError("Le datamatrix INS n'est imprimé que pour une identité qualifiée.")
    return DatamatrixTraits(ins[0], ins[1], patient.birth_given_names, patient.birth_name, patient.sex.value,
                            patient.birth_date, patient.birth_place_code)


@dataclass(frozen=True)
class TraitMismatch:
    """A strict trait that differs between a stored identity and a datamatrix INS bearing its INS."""

    label: str
    stored: str
    read: str


def mismatches(patient: PatientView, traits: DatamatrixTraits) -> list[TraitMismatch]:
    """The strict traits where the identity that already bears the INS and the datamatrix differ: the record
    may have been mistyped since, or the datamatrix may be someone else's (identity vigilance, RNIV)."""
    read = {"birth_name": traits.birth_name, "birth_given_names": traits.given_names,
            "birth_date": display_birth_date(traits.birth_date), "sex": traits.sex,
            "birth_place_code": traits.birth_place or ""}
    stored = {"birth_name": patient.birth_name, "birth_given_names": patient.birth_given_names,
              "birth_date": display_birth_date(patient.birth_date), "sex": patient.sex.value,
              "birth_place_code": patient.birth_place_code or ""}
    return [TraitMismatch(STRICT_TRAITS[field], stored[field], read[field]) for field in read
            if stored[field] != read[field]]


def build_payload(traits: DatamatrixTraits) -> str:
    """The datamatrix text for traits, fields in S1..S7 order."""
    year, month, day = traits.birth_date.split("-")
    values = {"S1": traits.matricule, "S2": traits.oid, "S3": traits.given_names, "S4": traits.birth_name,
              "S5": traits.sex, "S6": f"{day}-{month}-{year}", "S7": traits.birth_place}
    present = [(key, value) for key, value in values.items() if value]
    parts = [HEADER]
    for index, (key, value) in enumerate(present):
        maximum, fixed = FIELDS[key]
        if len(value) > maximum or (fixed and len(value) != maximum):
            raise DatamatrixError(f"Champ {key} de longueur invalide pour le datamatrix INS.")
        is_last = index == len(present) - 1
        parts.append(key + value + ("" if fixed or is_last or len(value) == maximum else GS))
    return "".join(parts)


def patient_payload(patient: Patient) -> str:
    return build_payload(traits_of(patient))


def _symbol(payload: str) -> zxingcpp.Barcode:
    # Square ECC200 symbol: left alone, zxing-cpp may pick a rectangular DMRE size that older readers skip.
    return zxingcpp.create_barcode(payload, zxingcpp.BarcodeFormat.DataMatrix, force_square=True)


def _pixels(image: zxingcpp.Image) -> bytes:
    """The 8-bit grey pixels, row by row. zxingcpp.Image implements the buffer protocol, which its stubs omit."""
    return memoryview(image).tobytes()  # type: ignore[arg-type]  # stubs lack Image.__buffer__


def symbol_matrix(payload: str) -> list[list[bool]]:
    """The symbol's modules, row by row, True for a dark module, without quiet zone (for the PDF renderer)."""
    image = _symbol(payload).to_image(scale=1, add_quiet_zones=False)
    height, width = image.shape[:2]
    pixels = _pixels(image)
    return [[pixels[row * width + column] < 128 for column in range(width)] for row in range(height)]


def render_png(payload: str, *, module_pixels: int = 8) -> bytes:
    """A PNG of the symbol with its quiet zone, module_pixels pixels per module."""
    image = _symbol(payload).to_image(scale=module_pixels, add_quiet_zones=True)
    height, width = image.shape[:2]
    buffer = io.BytesIO()
    from PIL import Image  # Pillow: ~50 ms of imports, paid when a symbol is first drawn, not at start-up

    Image.frombytes("L", (width, height), _pixels(image)).save(buffer, format="PNG")
    return buffer.getvalue()


def read_payloads(image: Path | bytes) -> list[str]:
    """The texts of every datamatrix found in an image file (PNG, JPEG…) or its bytes."""
    from PIL import Image  # as in `render_png`

    source = io.BytesIO(image) if isinstance(image, bytes) else image
    try:
        with Image.open(source) as picture:
            datamatrix = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.DataMatrix)
            found = zxingcpp.read_barcodes(picture.convert("L"), formats=datamatrix)
    except (OSError, ValueError) as exc:
        raise DatamatrixError(f"Image illisible : {exc}") from None
    return [barcode.bytes.decode("latin-1") for barcode in found]


def parse_payload(text: str) -> DatamatrixTraits:
    """Traits from a datamatrix INS text (fields in any order; GS or a space as separator).

    Raises:
        DatamatrixError: not an INS datamatrix, or a mandatory field (S1-S6) missing or malformed.
    """
    if not text.startswith("IS") or len(text) < len(HEADER):
        raise DatamatrixError("Ce datamatrix n'est pas un datamatrix INS (en-tête IS01 absent).")
    values: dict[str, str] = {}
    position = len(HEADER)
    while position < len(text):
        if text[position] in (GS, " "):
            position += 1
            continue
        key = text[position:position + 2]
        if key not in FIELDS or key in values:
            raise DatamatrixError(f"Champ « {key} » inattendu dans le datamatrix INS.")
        maximum, fixed = FIELDS[key]
        start = position + 2
        if fixed:
            end = start + maximum
        else:
            # Names hold no digit: the next `S<digit>` starts the next field even without a separator.
            window = text[start:start + maximum + 2]  # + 2: a next field right after a full-length value
            stops = [i for i in (window.find(GS), _find_next_field(window)) if i >= 0]
            end = start + min([*stops, maximum, len(window)])
        values[key] = text[start:end].strip(" ")
        position = end
    missing = [key for key in ("S1", "S2", "S3", "S4", "S5", "S6") if not values.get(key)]
    if missing:
        raise DatamatrixError("Datamatrix INS incomplet : champ(s) " + ", ".join(missing) + " absent(s).")
    day, month, year = values["S6"].split("-") if values["S6"].count("-") == 2 else ("", "", "")
    if not (day.isdigit() and month.isdigit() and year.isdigit()):
        raise DatamatrixError(f"Date de naissance « {values['S6']} » illisible dans le datamatrix INS.")
    return DatamatrixTraits(values["S1"], values["S2"], values["S3"], values["S4"], values["S5"],
                            f"{year}-{month}-{day}", values.get("S7") or None)


def _find_next_field(window: str) -> int:
    match = _NEXT_FIELD.search(window)
    return match.start() if match else -1


def read_datamatrix(image: Path | bytes) -> DatamatrixTraits:
    """The traits of the first datamatrix INS found in an image.

    Raises:
        DatamatrixError: no datamatrix INS in the image.
    """
    payloads = read_payloads(image)
    for payload in payloads:
        if payload.startswith("IS"):
            return parse_payload(payload)
    raise DatamatrixError("Aucun datamatrix INS trouvé dans l'image.")
