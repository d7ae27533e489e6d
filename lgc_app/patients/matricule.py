"""Matricule INS (NIR or NIA, 13 characters + 2-digit key) and the OIDs of its assigning authorities.

PROTOCOLS §1.1: key = 97 − (N mod 97), N being the 13 characters read as a number after `2A` → `19` and
`2B` → `18`. §1.2: the OID tells a NIR from a NIA, and production from test and demonstration.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from lgc_app.errors import UserError
from services.insi.key import matricule_key

OID_NIR = "1.2.250.1.213.1.4.8"
OID_NIA = "1.2.250.1.213.1.4.9"
OID_NIR_TEST = "1.2.250.1.213.1.4.10"
OID_NIR_DEMO = "1.2.250.1.213.1.4.11"

INS_OIDS: dict[str, str] = {
    OID_NIR: "INS-NIR",
    OID_NIA: "INS-NIA",
    OID_NIR_TEST: "INS-NIR de test",
    OID_NIR_DEMO: "INS-NIR de démonstration",
}

# 13 characters: sex, year, month, département (2A/2B for Corsica), commune, order; then the key.
_SHAPE = re.compile(r"^[0-9]{5}(?:[0-9]{2}|2A|2B)[0-9]{6}[0-9]{2}$")


class MatriculeError(UserError, ValueError):
    """A matricule INS that cannot be accepted; the message is French."""

    code = "PATIENT-MATRICULE"
    summary = "Matricule INS refusé : 13 chiffres et une clé de 2 chiffres attendus."


@dataclass(frozen=True)
class Matricule:
    """A checked 15-character matricule."""

    value: str

    @property
    def number(self) -> str:
        """The 13 characters (INSi `NumIdentifiant`)."""
        return self.value[:13]

    @property
    def key(self) -> str:
        """The 2-digit key (INSi `Cle`)."""
        return self.value[13:]

    @property
    def place_code(self) -> str:
        """Characters 6-10: département + commune of birth, or 99 + country code, at the time of birth."""
        return self.value[5:10]


def compute_key(number: str) -> str:
    """The 2-digit key of a 13-character NIR/NIA (Corsican département letters substituted)."""
    if len(number) != 13:
        raise MatriculeError("Le numéro doit comporter 13 caractères avant la clé.")
    try:
        return matricule_key(number)
    except ValueError:
        raise MatriculeError("Le numéro contient des caractères autres que des chiffres (hors 2A/2B).") from None


def parse_matricule(text: str) -> Matricule:
    """Parse a typed or received matricule (spaces ignored, letters upper-cased) and check its key.

    Raises:
        MatriculeError: wrong length or characters, or a key that does not match (French message).
    """
    value = re.sub(r"\s+", "", text).upper()
    if len(value) != 15:
        raise MatriculeError(f"Le matricule INS doit comporter 15 caractères (13 + clé), et non "
                             f"{len(value)}.")
    if not _SHAPE.fullmatch(value):
        raise MatriculeError("Le matricule INS ne contient que des chiffres, sauf 2A ou 2B en 6e-7e position "
                             "(Corse).")
    expected = compute_key(value[:13])
    if value[13:] != expected:
        raise MatriculeError(f"La clé du matricule INS est incorrecte ({value[13:]} au lieu de {expected}) : "
                             "vérifiez la saisie.")
    return Matricule(value)


def format_matricule(matricule: str) -> str:
    """`285037505612306` → `2 85 03 75 056 123 06`, the grouping printed on a carte Vitale (13 characters
    without the key are grouped the same way); how a matricule is shown anywhere a person reads it."""
    cuts = [cut for cut in (0, 1, 3, 5, 7, 10, 13, 15) if cut < len(matricule)] + [len(matricule)]
    return " ".join(matricule[start:end] for start, end in itertools.pairwise(cuts))


def is_valid_matricule(text: str) -> bool:
    try:
        parse_matricule(text)
    except MatriculeError:
        return False
    return True


def check_oid(oid: str) -> str:
    """Return oid if it is one of the INS OIDs; raise MatriculeError otherwise."""
    if oid not in INS_OIDS:
        raise MatriculeError(f"L'OID « {oid} » n'est pas celui d'une autorité d'affectation de l'INS.")
    return oid


def oid_label(oid: str) -> str:
    return INS_OIDS.get(oid, f"OID inconnu ({oid})")


def consistency_warnings(matricule: Matricule, *, sex: str, birth_date: str,
                         birth_place_code: str | None = None) -> list[str]:
    """Differences between the NIR structure and the traits, as French warnings (never a refusal).

    A NIR keeps the traits of its first registration (sex digit 1/2, year and month of birth, place at
    the time of birth), so a mismatch is a reason to look twice, not an error: the month may be a
    fictitious 20-42 / 50+, the commune may have merged since, and NIAs follow no such rule.
    """
    warnings = []
    sex_digit = matricule.value[0]
    if sex_digit in "12" and sex in "MF" and {"1": "M", "2": "F"}[sex_digit] != sex:
        warnings.append("Le 1er chiffre du matricule ne correspond pas au sexe saisi.")
    year, month = birth_date[2:4], birth_date[5:7]
    if matricule.value[1:3] != year:
        warnings.append("L'année de naissance ne correspond pas aux 2e et 3e chiffres du matricule.")
    nir_month = matricule.value[3:5]
    if month != "00" and "01" <= nir_month <= "12" and nir_month != month:
        warnings.append("Le mois de naissance ne correspond pas aux 4e et 5e chiffres du matricule.")
    if birth_place_code and matricule.place_code != birth_place_code:
        warnings.append("Le code du lieu de naissance diffère de celui du matricule (commune fusionnée ou "
                        "changement de code possible).")
    return warnings
