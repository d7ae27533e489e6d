"""The simulator's check of `ctxbam:ContexteBAM` against the structure of the CTXBAM 01_02 schema.

What the schema says (PROTOCOLS.md §2.0, §2.3): `Id`, `Temps`, `Emetteur`?, `DateRef`?, `COUVERTURE`, in this
order; `COUVERTURE` = `GrandRegime`?, `Organisme`?, `CodeCentre`?, `ASSURE`?{`Id`?{`Num`?, `Cle`?}},
`BENEFICIAIRE`?{`Nir`?{`Num`?, `Cle`?, `DateCertification`?}, `DateNai`?, `Rang`?, `Porteur`?}. A `Num` is the
13-character NIR (`\\d{6}[AB0-9]\\d{6}`: a 15-character value is schema-invalid), a `Cle` two digits.

Refusals: a badly shaped `Num` or `Cle` is a carte Vitale number refusal (`insi_207`); any other deviation
from the structure is a badly formed ContexteBAM (`insi_012`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from services.sandbox.insi.faults import Refusal, context_refusal, data_refusal

NS_CTXBAM = "urn:siram:bam:ctxbam"
VERSION = "01_02"

_NUM = re.compile(r"\d{6}[AB0-9]\d{6}")
_KEY = re.compile(r"\d{2}")
_LUNAR_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # DateLunaire: day or month may be 00
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:Z|[+-]\d{2}:\d{2})?")
_DATE_TIME = re.compile(r"-?\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?")
_INTEGER = re.compile(r"[+-]?\d+")
_DIGIT = re.compile(r"\d")
_ANY = re.compile(r".*", re.DOTALL)


@dataclass(frozen=True)
class Child:
    """One element of a sequence: text matching `pattern`, or the sequence `children` (a complex type)."""

    name: str
    required: bool = False
    pattern: re.Pattern[str] = _ANY
    children: tuple[Child, ...] = ()


_NIR = (Child("Num", pattern=_NUM), Child("Cle", pattern=_KEY))
_COUVERTURE = (
    Child("GrandRegime"), Child("Organisme"), Child("CodeCentre"),
    Child("ASSURE", children=(Child("Id", children=_NIR),)),
    Child("BENEFICIAIRE", children=(
        Child("Nir", children=(*_NIR, Child("DateCertification", pattern=_DATE))),
        Child("DateNai", pattern=_LUNAR_DATE), Child("Rang", pattern=_INTEGER), Child("Porteur", pattern=_DIGIT),
    )),
)
CONTEXTE_BAM = (
    Child("Id", required=True), Child("Temps", required=True, pattern=_DATE_TIME), Child("Emetteur"),
    Child("DateRef", pattern=_DATE_TIME), Child("COUVERTURE", required=True, children=_COUVERTURE),
)
_VITALE_NUMBERS = ("Num", "Cle")


def check_contexte_bam(bam: etree._Element | None) -> etree._Element:
    """Return the checked ContexteBAM.

    Raises:
        Refusal: `insi_012`, or `insi_207` for a NIR `Num`/`Cle` of the wrong shape.
    """
    if bam is None or bam.get("Version") != VERSION:
        raise context_refusal("insi_012", f"ContexteBAM absent ou de version différente de {VERSION}")
    if bam.get("Nature") not in (None, "CTXBAM"):
        raise context_refusal("insi_012", "ContexteBAM : Nature CTXBAM attendue")
    _check_sequence(bam, CONTEXTE_BAM, "ContexteBAM")
    return bam


def _check_sequence(element: etree._Element, sequence: tuple[Child, ...], path: str) -> None:
    """xsd:sequence with minOccurs 0/1 and maxOccurs 1: each child in order, at most once."""
    position = 0
    for child in element:
        if not isinstance(child.tag, str):
            continue  # comment or processing instruction
        name = etree.QName(child).localname
        while position < len(sequence) and sequence[position].name != name:
            if sequence[position].required:
                raise _missing(path, sequence[position].name)
            position += 1
        if position == len(sequence) or etree.QName(child).namespace != NS_CTXBAM:
            raise context_refusal("insi_012", f"{path} : élément {name} inattendu ou hors de l'ordre du schéma")
        _check_child(child, sequence[position], f"{path}/{name}")
        position += 1
    for declared in sequence[position:]:
        if declared.required:
            raise _missing(path, declared.name)


def _check_child(element: etree._Element, declared: Child, path: str) -> None:
    if declared.children:
        if (element.text or "").strip():
            raise context_refusal("insi_012", f"{path} : texte inattendu")
        _check_sequence(element, declared.children, path)
        return
    if any(isinstance(child.tag, str) for child in element):
        raise context_refusal("insi_012", f"{path} : élément simple attendu")
    if not declared.pattern.fullmatch((element.text or "").strip()):
        if declared.name in _VITALE_NUMBERS:
            raise data_refusal("insi_207", f"{path} : 13 caractères (Num) ou 2 chiffres (Cle) attendus")
        raise context_refusal("insi_012", f"{path} : valeur non conforme au schéma")


def _missing(path: str, name: str) -> Refusal:
    return context_refusal("insi_012", f"{path} : {name} obligatoire")
