"""Birth-trait input rules (RNIV; Ségur INS 1.2)."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lgc_app.patients.traits import (
    MAX_LENGTH,
    TraitError,
    fold,
    is_normalised,
    name_parts,
    normalise_given_names,
    normalise_trait,
    normalise_typing,
    search_key,
)

ALPHABET = set(string.ascii_uppercase + "-' ")


def test_elodie_d_arc_dupont_is_converted() -> None:
    assert normalise_trait("élodie d'arc-dupont") == "ELODIE D'ARC-DUPONT"


@pytest.mark.parametrize(("typed", "stored"), [
    ("Œuvray", "OEUVRAY"), ("Lætitia", "LAETITIA"), ("Weiß", "WEISS"), ("François", "FRANCOIS"),
    ("d’Estaing", "D'ESTAING"), ("  Le   Goff ", "LE GOFF"), ("Müller\u00a0Çelik", "MULLER CELIK"),
    ("Øster", "OSTER"), ("Saint‑Exupéry", "SAINT-EXUPERY"),
])
def test_conversions(typed: str, stored: str) -> None:
    assert normalise_trait(typed) == stored


@pytest.mark.parametrize(("typed", "char"), [("Dupont2", "2"), ("Du_pont", "_"), ("Dupont.", "."), ("李", "李")])
def test_refused_characters_are_named(typed: str, char: str) -> None:
    with pytest.raises(TraitError) as caught:
        normalise_trait(typed, "nom de naissance")
    assert f"« {char} »" in caught.value.message
    assert "nom de naissance" in caught.value.message
    assert caught.value.field == "birth_name"


@pytest.mark.parametrize("typed", ["", "   ", "-DUPONT", "DUPONT'", "A" * (MAX_LENGTH + 1)])
def test_strict_refusals(typed: str) -> None:
    with pytest.raises(TraitError):
        normalise_trait(typed)


def test_typing_keeps_trailing_space_and_reports_dropped_character() -> None:
    typed = normalise_typing("jean ")
    assert typed == type(typed)("JEAN ", None)
    dropped = normalise_typing("dup0nt")
    assert dropped.text == "DUPNT"
    assert dropped.error is not None and "« 0 »" in dropped.error
    assert normalise_typing("  a  b").text == "A B"


def test_given_names_keep_order_and_compound_hyphen() -> None:
    assert normalise_given_names("jean-pierre  marie") == "JEAN-PIERRE MARIE"


def test_search_key_and_parts() -> None:
    assert search_key("d'Arc-Dupont") == search_key("DARC DUPONT") == "DARCDUPONT"
    assert name_parts("D'ARC-DUPONT") == ["D", "ARC", "DUPONT"]


@given(st.text(max_size=60))
def test_typing_output_alphabet_and_idempotence(text: str) -> None:
    once = normalise_typing(text)
    assert set(once.text) <= ALPHABET
    assert "  " not in once.text and not once.text.startswith(" ")
    assert normalise_typing(once.text).text == once.text


@given(st.text(alphabet=st.sampled_from("abcdeéèêëàâäîïôöùûüçœæÉÈÀÇ-' "), min_size=1, max_size=40))
def test_accented_input_is_converted_not_refused(text: str) -> None:
    try:
        stored = normalise_trait(text)
    except TraitError as exc:
        # only the empty / leading-trailing punctuation rules may refuse this alphabet
        assert "caractère" not in exc.message
        return
    assert set(stored) <= ALPHABET
    assert normalise_trait(stored) == stored
    assert is_normalised(stored)
    assert fold(text).strip(" ") == stored
