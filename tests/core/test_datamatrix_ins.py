"""Datamatrix INS (PROTOCOLS §1.4): payload, square symbol, PNG round trip, tolerant parsing."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from lgc_app.patients.datamatrix import (
    GS,
    HEADER,
    DatamatrixError,
    DatamatrixTraits,
    build_payload,
    parse_payload,
    read_datamatrix,
    render_png,
    symbol_matrix,
    traits_of,
)
from lgc_app.patients.models import Patient
from lgc_app.patients.vocabulary import IdentityStatus, Sex

TRAITS = DatamatrixTraits("297022A02077878", "1.2.250.1.213.1.4.8", "ELODIE MARIE", "D'ARC-DUPONT", "F",
                          "1997-02-12", "2A004")


def test_payload_layout() -> None:
    payload = build_payload(TRAITS)
    assert HEADER == "IS01" + "0" * 22 and payload.startswith(HEADER)
    assert payload[26:] == ("S1297022A02077878" "S21.2.250.1.213.1.4.8" + GS + "S3ELODIE MARIE" + GS
                            + "S4D'ARC-DUPONT" + GS + "S5F" "S612-02-1997" "S72A004")


def test_no_separator_at_maximum_length_or_last() -> None:
    twenty = DatamatrixTraits(**{**TRAITS.__dict__, "oid": "1.2.250.1.213.1.4.10", "birth_place": None})
    payload = build_payload(twenty)
    assert "S21.2.250.1.213.1.4.10S3" in payload  # 20-character OID: maximum length, no GS
    assert payload.endswith("S612-02-1997")


def test_parse_is_order_free_and_space_tolerant() -> None:
    shuffled = HEADER + "S5FS4D'ARC-DUPONT S612-02-1997S3ELODIE MARIE S21.2.250.1.213.1.4.8S1297022A02077878"
    assert parse_payload(shuffled) == DatamatrixTraits(**{**TRAITS.__dict__, "birth_place": None})
    assert parse_payload(build_payload(TRAITS).replace(GS, " ")) == TRAITS


@pytest.mark.parametrize(("payload", "fragment"), [
    ("XX01", "en-tête"), (HEADER + "S1297022A02077878", "incomplet"), (HEADER + "S9ABC", "inattendu"),
])
def test_parse_refusals(payload: str, fragment: str) -> None:
    with pytest.raises(DatamatrixError, match=fragment):
        parse_payload(payload)


def test_round_trip_through_png() -> None:
    png = render_png(build_payload(TRAITS))
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"
    assert read_datamatrix(png) == TRAITS


def test_symbol_matrix_is_a_square_ecc200_symbol() -> None:
    matrix = symbol_matrix(build_payload(TRAITS))
    size = len(matrix)
    assert all(len(row) == size for row in matrix)
    # ECC200 finder pattern: solid left column and bottom row, alternating top row
    assert all(row[0] for row in matrix) and all(matrix[-1])
    assert [matrix[0][i] for i in range(4)] == [True, False, True, False]


def test_only_qualified_identities_are_printed() -> None:
    patient = Patient(ins_matricule=TRAITS.matricule, ins_oid=TRAITS.oid, birth_name=TRAITS.birth_name,
                      birth_given_names=TRAITS.given_names, first_birth_given_name="ELODIE",
                      birth_date=TRAITS.birth_date, sex=Sex.F, birth_place_code="2A004", status=IdentityStatus.RECUP)
    with pytest.raises(DatamatrixError, match="qualifiée"):
        traits_of(patient)
    patient.status = IdentityStatus.QUAL
    assert traits_of(patient) == TRAITS


def test_image_without_datamatrix(tmp_path: object) -> None:
    blank = io.BytesIO()
    Image.new("L", (50, 50), 255).save(blank, format="PNG")
    with pytest.raises(DatamatrixError, match="Aucun datamatrix"):
        read_datamatrix(blank.getvalue())
    with pytest.raises(DatamatrixError, match="illisible"):
        read_datamatrix(b"not an image")
