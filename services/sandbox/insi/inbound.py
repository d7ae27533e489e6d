"""Read and check an INSi request the way the téléservice does (PROTOCOLS.md §2.2, §2.3, §8).

The simulator's own parser: envelope, `wsa:MessageID`, `wsa:Action`, `ContexteBAM`, `ContexteLPS`, then
the body of the action with every trait validated. Any deviation raises a `Refusal` (see `faults.py`).
Body elements must be qualified with their operation's namespace, as the service's schemas require.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from lxml import etree

from services.sandbox.insi import nir
from services.sandbox.insi.ctxbam import NS_CTXBAM, check_contexte_bam
from services.sandbox.insi.faults import Refusal, context_refusal, data_refusal, malformed
from services.xml import UnsafeXmlError, parse_bytes

NS_SOAP = "http://www.w3.org/2003/05/soap-envelope"
NS_WSA = "http://www.w3.org/2005/08/addressing"
NS_CTXLPS = "urn:siram:lps:ctxlps"

_PREFIX = "urn:ServiceIdentiteCertifiee:1.0.0:"
# action → (operation, body element)
OPERATIONS: dict[str, tuple[str, str]] = {
    _PREFIX + "rechercherInsAvecTraitsIdentite": ("traits", "{http://www.cnamts.fr/INSiRecSans}RECSANSVITALE"),
    _PREFIX + "rechercherInsAvecCarteVitale": ("vitale", "{http://www.cnamts.fr/INSiRecVit}RECVITALE"),
    _PREFIX + "verifierInsAvecTraitsIdentite": ("verify", "{http://www.cnamts.fr/INSiVerif}IndividuVerifie"),
}

_BIRTH_NAME = re.compile(r"^[A-Z' -]+$")
_GIVEN_NAME = re.compile(r"^[A-Z'-]+$")
# `Prenom` of a traits search: one birth first name, or the whole list separated by spaces (§2.0).
_GIVEN_NAMES = re.compile(r"^[A-Z'-]+(?: [A-Z'-]+)*$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_PLACE = re.compile(r"^[0-9A-Z]{5}$")


@dataclass(frozen=True)
class Envelope:
    message_id: str
    action: str
    operation: str
    body: etree._Element
    idam: str
    bam: etree._Element


@dataclass(frozen=True)
class Traits:
    birth_name: str
    sex: str
    birth_date: str
    birth_place: str | None


@dataclass(frozen=True)
class TraitsSearch:
    """`given_names`: the one first name of `Prenom`, or all of them when the client sent the whole list."""

    traits: Traits
    given_names: tuple[str, ...]


@dataclass(frozen=True)
class VitaleSearch:
    insured: str
    beneficiary: str | None
    birth_name: str | None
    birth_date: str
    rank: int | None


@dataclass(frozen=True)
class Verification:
    number: str
    key: str
    oid: str
    traits: Traits
    given_names: tuple[str, ...]


def read_envelope(data: bytes, content_type: str) -> Envelope:
    """Check transport-level SOAP facts and the SIRAM headers.

    Raises:
        Refusal: with `message_id` unknown (the caller answers with a fresh one) or known.
    """
    if not content_type.lower().startswith("application/soap+xml"):
        raise malformed(f"type de contenu {content_type!r} : SOAP 1.2 attendu")
    try:
        root = parse_bytes(data)
    except UnsafeXmlError as exc:
        raise malformed(str(exc)) from None
    header = root.find(f"{{{NS_SOAP}}}Header")
    body = root.find(f"{{{NS_SOAP}}}Body")
    if root.tag != f"{{{NS_SOAP}}}Envelope" or header is None or body is None:
        raise malformed("enveloppe SOAP 1.2 (Header et Body) attendue")
    message_id = _text(header, f"{{{NS_WSA}}}MessageID")
    if not message_id:
        raise malformed("wsa:MessageID absent")
    action = _text(header, f"{{{NS_WSA}}}Action")
    try:
        if not action:
            raise Refusal("siram_10", "insi_002", "wsa:Action absent")
        if action not in OPERATIONS:
            raise Refusal("siram_10", "insi_003", f"action inconnue {action[:100]}")
        bam = check_contexte_bam(header.find(f"{{{NS_CTXBAM}}}ContexteBAM"))
        idam = _check_lps(header.find(f"{{{NS_CTXLPS}}}ContexteLPS"))
        operation, element = OPERATIONS[action]
        payload = [child for child in body if isinstance(child.tag, str)]
        if len(payload) != 1 or payload[0].tag != element:
            raise malformed(f"le corps doit contenir un seul élément {etree.QName(element).localname}")
    except Refusal as refusal:
        refusal.message_id = message_id
        raise
    return Envelope(message_id=message_id, action=action, operation=operation, body=payload[0], idam=idam,
                    bam=bam)


def _text(parent: etree._Element | None, tag: str) -> str:
    if parent is None:
        return ""
    return (parent.findtext(tag) or "").strip()


def _check_lps(lps: etree._Element | None) -> str:
    """Return the IDAM (the software's numéro d'autorisation) of a well-formed ContexteLPS."""
    if lps is None:
        raise context_refusal("insi_010", "ContexteLPS absent")
    if lps.get("Nature") != "CTXLPS" or lps.get("Version") != "01_00":
        raise context_refusal("insi_011", "ContexteLPS : Nature CTXLPS et Version 01_00 attendues")
    software = lps.find(f"{{{NS_CTXLPS}}}LPS")
    idam = software.find(f"{{{NS_CTXLPS}}}IDAM") if software is not None else None
    if idam is None or not (idam.text or "").strip() or idam.get("R") != "4":
        raise context_refusal("insi_011", "ContexteLPS : LPS/IDAM (R=\"4\") absent")
    for name in ("Version", "Instance", "Nom"):
        if not _text(software, f"{{{NS_CTXLPS}}}{name}"):
            raise context_refusal("insi_011", f"ContexteLPS : LPS/{name} absent")
    return (idam.text or "").strip()


class _Fields:
    """Children of a body element, all in that element's namespace."""

    def __init__(self, element: etree._Element) -> None:
        self._element = element
        self._ns = etree.QName(element).namespace

    def child(self, *path: str) -> etree._Element | None:
        element: etree._Element | None = self._element
        for name in path:
            element = element.find(f"{{{self._ns}}}{name}") if element is not None else None
        return element

    def optional(self, *path: str) -> str | None:
        element = self.child(*path)
        return element.text.strip() if element is not None and element.text and element.text.strip() else None

    def required(self, *path: str) -> str:
        value = self.optional(*path)
        if value is None:
            raise data_refusal("insi_209", f"{'/'.join(path)} obligatoire")
        return value


def _traits(fields: _Fields, *path: str) -> Traits:
    birth_name = fields.required(*path, "NomNaissance")
    if not _BIRTH_NAME.match(birth_name):
        raise data_refusal("insi_201", "NomNaissance : majuscules A-Z, espace, tiret, apostrophe")
    sex = fields.required(*path, "Sexe")
    if sex not in ("M", "F"):
        raise data_refusal("insi_203", "Sexe : M ou F")
    place = fields.optional(*path, "LieuNaissance")
    if place is not None and not _PLACE.match(place):
        raise data_refusal("insi_205", "LieuNaissance : code INSEE sur 5 caractères")
    return Traits(birth_name, sex, _birth_date(fields.required(*path, "DateNaissance")), place)


def _given_name(value: str) -> str:
    if not _GIVEN_NAME.match(value):
        raise data_refusal("insi_202", "Prenom : un seul prénom en majuscules A-Z, tiret, apostrophe")
    return value


def _birth_date(value: str) -> str:
    """`AAAA-MM-JJ`, a real date; the RNIPP's unknown day (`JJ=00`) or day and month (`00-00`) pass."""
    match = _DATE.match(value)
    if not match:
        raise data_refusal("insi_204", "DateNaissance : format AAAA-MM-JJ")
    year, month, day = (int(part) for part in match.groups())
    today = dt.date.today()
    try:
        if month == 0 and day != 0:
            raise ValueError("jour connu, mois inconnu")
        first = dt.date(year, month or 1, day or 1)
    except ValueError:
        raise data_refusal("insi_204", "DateNaissance : date inexistante") from None
    if first > today or year < 1850:
        raise data_refusal("insi_204", "DateNaissance : date hors limites (future ou avant 1850)")
    return value


def traits_search(envelope: Envelope) -> TraitsSearch:
    fields = _Fields(envelope.body)
    traits = _traits(fields)
    given = fields.required("Prenom")
    if not _GIVEN_NAMES.match(given):
        raise data_refusal("insi_202", "Prenom : un prénom, ou la liste des prénoms séparés par une espace, en "
                           "majuscules A-Z, tiret, apostrophe")
    return TraitsSearch(traits, tuple(given.split(" ")))


def _card_number(fields: _Fields, block: str) -> str | None:
    number = fields.optional(block, "NumIdentifiant")
    if number is None:
        return None
    key = fields.optional(block, "Cle")
    if not nir.well_formed(number) or (key is not None and key != nir.key_of(number)):
        raise data_refusal("insi_207", f"{block} : numéro ou clé invalide")
    return number


def _check_coverage(bam: etree._Element, insured: str) -> None:
    """The carte Vitale's insured person is repeated in `ContexteBAM/COUVERTURE/ASSURE/Id` (§2.2), its
    13-character number in `Num` and its key in `Cle` (the structure is already schema-checked)."""
    number_path = f"{{{NS_CTXBAM}}}COUVERTURE/{{{NS_CTXBAM}}}ASSURE/{{{NS_CTXBAM}}}Id/{{{NS_CTXBAM}}}"
    number = (bam.findtext(number_path + "Num") or "").strip()
    key = (bam.findtext(number_path + "Cle") or "").strip()
    if not number:
        raise data_refusal("insi_209", "ContexteBAM/COUVERTURE/ASSURE/Id/Num obligatoire")
    if number != insured or (key and key != nir.key_of(number)):
        raise data_refusal("insi_207", "ContexteBAM/COUVERTURE/ASSURE : numéro ou clé différent de MatriculeOD")


def vitale_search(envelope: Envelope) -> VitaleSearch:
    fields = _Fields(envelope.body)
    insured = _card_number(fields, "MatriculeOD")
    if insured is None:
        raise data_refusal("insi_209", "MatriculeOD/NumIdentifiant obligatoire")
    _check_coverage(envelope.bam, insured)
    birth_name = fields.optional("NomNaissance")
    if birth_name is not None and not _BIRTH_NAME.match(birth_name):
        raise data_refusal("insi_201", "NomNaissance : majuscules A-Z, espace, tiret, apostrophe")
    rank_text = fields.optional("RangNaissance")
    if rank_text is not None and not re.fullmatch(r"[1-9]", rank_text):
        raise data_refusal("insi_208", "RangNaissance : 1 à 9")
    return VitaleSearch(insured=insured, beneficiary=_card_number(fields, "MatriculeIndividu"),
                        birth_name=birth_name, birth_date=_birth_date(fields.required("DateNaissance")),
                        rank=int(rank_text) if rank_text else None)


def verification(envelope: Envelope) -> Verification:
    fields = _Fields(envelope.body)
    number = fields.required("INSFourni", "IdIndividu", "NumIdentifiant")
    key = fields.required("INSFourni", "IdIndividu", "Cle")
    # §8: the key of a supplied matricule is checked with the 2A/2B substitution.
    if not nir.valid_matricule(number, key):
        raise data_refusal("insi_206", "INSFourni : matricule ou clé de contrôle invalide")
    traits = _traits(fields, "TraitsIdentiteIndividu")
    given = tuple(fields.required("TraitsIdentiteIndividu", "ListePrenom").split())
    first = _given_name(fields.required("TraitsIdentiteIndividu", "Prenom"))
    for name in given:
        _given_name(name)
    if given[0] != first:
        raise data_refusal("insi_202", "Prenom : doit être le premier prénom de ListePrenom")
    return Verification(number=number, key=key, oid=fields.required("INSFourni", "OID"),
                        traits=traits, given_names=given)
