"""Input rules of the birth traits (RNIV; Ségur INS 1.2): capitals without accents or diacritics, only
A-Z, hyphen, apostrophe and single spaces.

Two entry points over one conversion: `normalise_typing` for a field being typed (never raises, keeps a
trailing space so the next word can be typed, drops refused characters and says which) and
`normalise_trait` for the core (strict: refuses, with a French message naming the character).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from lgc_app.errors import UserError

ALLOWED = re.compile(r"[A-Z' -]")
MAX_LENGTH = 100  # INSi / datamatrix limit on names and first-name lists

# Letters that Unicode decomposition does not reduce to A-Z (ligatures and letters with a stroke).
_LIGATURES = str.maketrans({"Œ": "OE", "œ": "OE", "Æ": "AE", "æ": "AE", "ß": "SS", "ẞ": "SS",
                            "Ø": "O", "ø": "O", "Đ": "D", "đ": "D", "Ł": "L", "ł": "L"})
# Typographic apostrophes and hyphens typed or pasted from word processors.
_PUNCTUATION = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "′": "'",
                              "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-"})
_SPACES = re.compile(r"\s+")
_NOT_LETTERS = re.compile(r"[^A-Z]+")


class TraitError(UserError, ValueError):
    """A birth trait that breaks the input rules. `message` is French and shown to the user."""

    code = "PATIENT-TRAIT"
    summary = "Trait d'identité refusé par les règles de saisie."

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class TypedTrait:
    """The text to put back in the field, and the reason a character was dropped (or None)."""

    text: str
    error: str | None


def fold(text: str) -> str:
    """Capitals, diacritics removed, typographic punctuation made plain, whitespace runs made one space."""
    if text.isascii():  # stored traits and most typing: no decomposition needed
        return _SPACES.sub(" ", text.replace("`", "'").upper())
    text = text.translate(_LIGATURES).translate(_PUNCTUATION)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.upper())


def _refused_message(char: str, label: str) -> str:
    shown = repr(char) if not char.isprintable() else f"« {char} »"
    return (f"Le caractère {shown} n'est pas autorisé dans le champ « {label} » : lettres A à Z, tiret, "
            "apostrophe et espace uniquement.")


def normalise_typing(text: str, label: str = "nom de naissance") -> TypedTrait:
    """Normalise a field as it is typed: never raises; refused characters are removed and reported.

    Leading spaces go, a single trailing space is kept (the user is about to type the next word).
    """
    converted = fold(text).lstrip(" ")
    kept = []
    error = None
    for char in converted:
        if ALLOWED.fullmatch(char):
            kept.append(char)
        elif error is None:
            error = _refused_message(char, label)
    result = _SPACES.sub(" ", "".join(kept)).lstrip(" ")
    if len(result) > MAX_LENGTH:
        result = result[:MAX_LENGTH]
        error = error or f"Le champ « {label} » est limité à {MAX_LENGTH} caractères."
    return TypedTrait(result, error)


def normalise_trait(text: str, label: str = "nom de naissance", *, field: str = "birth_name") -> str:
    """Strictly normalise a birth trait for storage.

    Raises:
        TraitError: empty value, a character outside the alphabet (named in the message), a value starting or
            ending with a hyphen or an apostrophe, or longer than 100 characters.
    """
    converted = fold(text).strip(" ")
    if not converted:
        raise TraitError(field, f"Le champ « {label} » est obligatoire.")
    for char in converted:
        if not ALLOWED.fullmatch(char):
            raise TraitError(field, _refused_message(char, label))
    if converted[0] in "-'" or converted[-1] in "-'":
        raise TraitError(field, f"Le champ « {label} » ne peut ni commencer ni finir par un tiret ou une "
                                "apostrophe.")
    if len(converted) > MAX_LENGTH:
        raise TraitError(field, f"Le champ « {label} » est limité à {MAX_LENGTH} caractères.")
    return converted


def normalise_given_names(text: str) -> str:
    """The ordered birth first names, separated by single spaces (a compound first name keeps its hyphen)."""
    return normalise_trait(text, "prénom(s) de naissance", field="birth_given_names")


def is_normalised(text: str) -> bool:
    """True when text is already a valid stored birth trait."""
    try:
        return normalise_trait(text) == text
    except TraitError:
        return False


def search_key(text: str) -> str:
    """Compact key for searching: the converted text with everything but A-Z removed.

    Insensitive to case, accents, hyphens, apostrophes and spaces (Ségur: anteriority search not sensitive
    to special characters): `d'Arc-Dupont` and `DARC DUPONT` give `DARCDUPONT`.
    """
    return _NOT_LETTERS.sub("", fold(text))


def name_parts(text: str) -> list[str]:
    """The components of a name split on spaces, hyphens and apostrophes, each as a compact key."""
    return [part for part in _NOT_LETTERS.split(fold(text)) if part]
