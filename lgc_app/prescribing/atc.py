"""A small ATC (Anatomical Therapeutic Chemical, WHO) table: enough to tell the class of the drugs and
allergies a general practitioner meets most, until a certified drug database (Vidal, Thériaque, BCB) is
connected.

Names are matched on whole words, accents and case folded (« Amoxicilline 1 g, comprimé » is amoxicillin).
A substance belongs to an allergy class (the ATC group an allergy to it extends to: an amoxicillin allergy
is a penicillin allergy); cross-reactivities between classes are warnings of their own (penicillins and
cephalosporins, aspirin and the other NSAIDs).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class AtcClass:
    """An allergy class: the ATC code prefixes it covers and the words that name the class itself."""

    code: str
    label: str
    prefixes: tuple[str, ...]
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Substance:
    code: str  # ATC level 5 (or a fixed combination)
    label: str
    names: tuple[str, ...]  # INN and common French brand names, lower case without accents


CLASSES = (
    AtcClass("J01C", "Pénicillines (bêtalactamines)", ("J01C",), ("penicilline", "penicillines")),
    AtcClass("J01D", "Céphalosporines", ("J01D",), ("cephalosporine", "cephalosporines")),
    AtcClass("J01E", "Sulfamides antibactériens", ("J01E",), ("sulfamide", "sulfamides")),
    AtcClass("J01F", "Macrolides", ("J01F",), ("macrolide", "macrolides")),
    AtcClass("J01M", "Quinolones", ("J01M",), ("quinolone", "quinolones", "fluoroquinolones")),
    AtcClass("M01A", "Anti-inflammatoires non stéroïdiens (AINS)", ("M01A",),
             ("ains", "anti-inflammatoire", "anti-inflammatoires")),
    AtcClass("N02BA", "Acide acétylsalicylique et salicylés", ("N02BA", "B01AC06"), ("salicyles",)),
    AtcClass("N02BE", "Paracétamol (anilides)", ("N02BE",)),
)

SUBSTANCES = (
    Substance("J01CA04", "Amoxicilline", ("amoxicilline", "clamoxyl")),
    Substance("J01CR02", "Amoxicilline et acide clavulanique", ("augmentin",)),
    Substance("J01CA01", "Ampicilline", ("ampicilline",)),
    Substance("J01CA08", "Pivmécillinam", ("pivmecillinam", "selexid")),
    Substance("J01CE02", "Phénoxyméthylpénicilline (pénicilline V)", ("phenoxymethylpenicilline", "oracilline",
                                                                     "penicilline v")),
    Substance("J01CE01", "Benzylpénicilline (pénicilline G)", ("benzylpenicilline", "penicilline g",
                                                              "extencilline")),
    Substance("J01CF02", "Cloxacilline", ("cloxacilline", "orbenine")),
    Substance("J01DB01", "Céfalexine", ("cefalexine", "cephalexine")),
    Substance("J01DC02", "Céfuroxime", ("cefuroxime", "zinnat")),
    Substance("J01DD04", "Ceftriaxone", ("ceftriaxone", "rocephine")),
    Substance("J01DD08", "Céfixime", ("cefixime", "oroken")),
    Substance("J01DD13", "Cefpodoxime", ("cefpodoxime", "orelox")),
    Substance("J01EE01", "Sulfaméthoxazole et triméthoprime", ("cotrimoxazole", "bactrim",
                                                              "sulfamethoxazole")),
    Substance("J01FA09", "Clarithromycine", ("clarithromycine", "zeclar")),
    Substance("J01FA10", "Azithromycine", ("azithromycine", "zithromax")),
    Substance("J01MA01", "Ofloxacine", ("ofloxacine", "oflocet")),
    Substance("J01MA02", "Ciprofloxacine", ("ciprofloxacine", "ciflox")),
    Substance("J01MA12", "Lévofloxacine", ("levofloxacine", "tavanic")),
    Substance("M01AE01", "Ibuprofène", ("ibuprofene", "advil", "nurofen", "spedifen")),
    Substance("M01AE02", "Naproxène", ("naproxene", "apranax")),
    Substance("M01AE03", "Kétoprofène", ("ketoprofene", "profenid", "bi-profenid")),
    Substance("M01AB05", "Diclofénac", ("diclofenac", "voltarene")),
    Substance("N02BA01", "Acide acétylsalicylique", ("aspirine", "acide acetylsalicylique", "aspegic")),
    Substance("B01AC06", "Acide acétylsalicylique (antiagrégant)", ("kardegic",)),
    Substance("N02BE01", "Paracétamol", ("paracetamol", "doliprane", "dafalgan", "efferalgan")),
)

# (allergy class, class of the drug) → why a drug of the second class is a risk for an allergy to the first
CROSS_REACTIVITY = {
    ("J01C", "J01D"): "allergie croisée possible entre pénicillines et céphalosporines",
    ("J01D", "J01C"): "allergie croisée possible entre céphalosporines et pénicillines",
    ("N02BA", "M01A"): "intolérance croisée fréquente entre l'aspirine et les autres AINS",
    ("M01A", "N02BA"): "intolérance croisée fréquente entre les AINS et l'aspirine",
}

CLASS_BY_CODE = {atc_class.code: atc_class for atc_class in CLASSES}


def fold(text: str) -> str:
    """Lower case, accents removed, every non-letter/digit a space (whole-word matching)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " " + re.sub(r"[^a-z0-9-]+", " ", plain).strip() + " "


def _mentions(folded: str, name: str) -> bool:
    return f" {name} " in folded


def substance_of(name: str) -> Substance | None:
    """The substance a drug (or allergy) name mentions; the longest matching name wins (« pénicilline V »
    is phenoxymethylpenicillin, not the whole class)."""
    folded = fold(name)
    found = [(len(alias), substance) for substance in SUBSTANCES for alias in substance.names
             if _mentions(folded, alias)]
    return max(found, key=lambda pair: pair[0])[1] if found else None


def class_of_code(code: str) -> AtcClass | None:
    """The allergy class an ATC code belongs to (longest prefix)."""
    found = [(len(prefix), atc_class) for atc_class in CLASSES for prefix in atc_class.prefixes
             if code.upper().startswith(prefix)]
    return max(found, key=lambda pair: pair[0])[1] if found else None


def class_of_name(name: str) -> AtcClass | None:
    """The allergy class a drug or allergy name belongs to: through its substance, or by naming the class
    itself (« allergie aux pénicillines »)."""
    substance = substance_of(name)
    if substance is not None:
        return class_of_code(substance.code)
    folded = fold(name)
    return next((atc_class for atc_class in CLASSES if any(_mentions(folded, n) for n in atc_class.names)), None)
