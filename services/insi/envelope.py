"""Build the SOAP 1.2 requests of the INSi téléservice (PROTOCOLS.md §2.2, §2.3) with lxml.

One envelope = `wsa:MessageID` + `wsa:Action` + `ctxbam:ContexteBAM` + `ctxlps:ContexteLPS` headers and one
body element. `wsse:Security` is omitted: this client authenticates with its certificate in mutual TLS
(§2.3, assumed for a software certificate), so the body carries no `Id="_0"`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from lxml import etree

from services.insi.models import LpsIdentity, TraitsQuery, VerifyQuery, VitaleQuery

NS_SOAP = "http://www.w3.org/2003/05/soap-envelope"
NS_WSA = "http://www.w3.org/2005/08/addressing"
NS_CTXBAM = "urn:siram:bam:ctxbam"
NS_CTXLPS = "urn:siram:lps:ctxlps"
NS_RECSANS = "http://www.cnamts.fr/INSiRecSans"
NS_RECVIT = "http://www.cnamts.fr/INSiRecVit"
NS_VERIF = "http://www.cnamts.fr/INSiVerif"  # assumed (§2.2)
NS_RESULTAT = "http://www.cnamts.fr/INSiResultat"

_ACTION_PREFIX = "urn:ServiceIdentiteCertifiee:1.0.0:"
ACTION_TRAITS = _ACTION_PREFIX + "rechercherInsAvecTraitsIdentite"
ACTION_VITALE = _ACTION_PREFIX + "rechercherInsAvecCarteVitale"
ACTION_VERIFY = _ACTION_PREFIX + "verifierInsAvecTraitsIdentite"

CONTENT_TYPE = "application/soap+xml; charset=utf-8"
BAM_VERSION = "01_02"
LPS_VERSION = "01_00"
# `R="4"`: the IDAM is the numéro d'autorisation of the software (§2.3).
IDAM_KIND = "4"
# INS OIDs (§1.2): the NIA one says the 13 characters are a numéro d'attente.
OID_NIA = "1.2.250.1.213.1.4.9"


@dataclass(frozen=True)
class Envelope:
    """A serialised request and the identifiers the log and the trace quote."""

    message_id: str
    action: str
    body: bytes

    @property
    def headers(self) -> dict[str, str]:
        # SOAP 1.2 puts the action in the media type too; the SIRAM server reads wsa:Action.
        return {"Content-Type": f'{CONTENT_TYPE}; action="{self.action}"'}


def _sub(parent: etree._Element, ns: str, name: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ns}}}{name}")
    if text is not None:
        element.text = text
    return element


def split_matricule(matricule: str) -> tuple[str, str | None]:
    """13 characters + key as INSi transports them; a 13-character number has no key."""
    number = matricule.strip().upper()
    if len(number) == 15:
        return number[:13], number[13:]
    return number, None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class EnvelopeBuilder:
    """Builds the envelopes of one installation: its ContexteLPS and its emitter (professional id)."""

    def __init__(self, lps: LpsIdentity, emitter: str) -> None:
        self._lps = lps
        self._emitter = emitter

    def traits(self, query: TraitsQuery, given_name: str) -> Envelope:
        """`RECSANSVITALE` for one birth first name, or for the whole list separated by spaces (§2.0)."""
        root, body = self._envelope(ACTION_TRAITS, coverage=None)
        element = _sub(body, NS_RECSANS, "RECSANSVITALE")
        _sub(element, NS_RECSANS, "NomNaissance", query.birth_name)
        _sub(element, NS_RECSANS, "Prenom", given_name)
        _sub(element, NS_RECSANS, "Sexe", query.sex)
        _sub(element, NS_RECSANS, "DateNaissance", query.birth_date)
        if query.birth_place:
            _sub(element, NS_RECSANS, "LieuNaissance", query.birth_place)
        return self._finish(root, ACTION_TRAITS)

    def vitale(self, query: VitaleQuery) -> Envelope:
        """`RECVITALE`; the beneficiary is repeated in `ContexteBAM/COUVERTURE` (§2.2)."""
        root, body = self._envelope(ACTION_VITALE, coverage=query)
        element = _sub(body, NS_RECVIT, "RECVITALE")
        if query.beneficiary_nir:
            _id_block(_sub(element, NS_RECVIT, "MatriculeIndividu"), NS_RECVIT, query.beneficiary_nir)
        _id_block(_sub(element, NS_RECVIT, "MatriculeOD"), NS_RECVIT, query.insured_nir)
        if query.birth_name:
            _sub(element, NS_RECVIT, "NomNaissance", query.birth_name)
        _sub(element, NS_RECVIT, "DateNaissance", query.birth_date)
        _sub(element, NS_RECVIT, "RangNaissance", str(query.birth_rank))
        return self._finish(root, ACTION_VITALE)

    def verify(self, query: VerifyQuery) -> Envelope:
        """`IndividuVerifie`: the INS to confirm and the traits it should belong to (§2.2)."""
        root, body = self._envelope(ACTION_VERIFY, coverage=None)
        element = _sub(body, NS_VERIF, "IndividuVerifie")
        supplied = _sub(element, NS_VERIF, "INSFourni")
        id_element = _id_block(supplied, NS_VERIF, query.matricule, tag="IdIndividu")
        _sub(id_element, NS_VERIF, "TypeMatricule", "NIA" if query.oid == OID_NIA else "NIR")
        _sub(supplied, NS_VERIF, "OID", query.oid)
        traits, element = query.traits, _sub(element, NS_VERIF, "TraitsIdentiteIndividu")
        _sub(element, NS_VERIF, "NomNaissance", traits.birth_name)
        _sub(element, NS_VERIF, "Prenom", traits.given_names[0] if traits.given_names else "")
        _sub(element, NS_VERIF, "ListePrenom", " ".join(traits.given_names))
        _sub(element, NS_VERIF, "Sexe", traits.sex)
        _sub(element, NS_VERIF, "DateNaissance", traits.birth_date)
        if traits.birth_place:
            _sub(element, NS_VERIF, "LieuNaissance", traits.birth_place)
        return self._finish(root, ACTION_VERIFY)

    def _envelope(self, action: str, coverage: VitaleQuery | None) -> tuple[etree._Element, etree._Element]:
        nsmap = {"soap": NS_SOAP, "wsa": NS_WSA, "ctxbam": NS_CTXBAM, "ctxlps": NS_CTXLPS}
        root = etree.Element(f"{{{NS_SOAP}}}Envelope", nsmap=nsmap)
        header = _sub(root, NS_SOAP, "Header")
        _sub(header, NS_WSA, "MessageID", f"uuid:{uuid.uuid4()}")
        _sub(header, NS_WSA, "Action", action)
        now = _now()
        bam = _sub(header, NS_CTXBAM, "ContexteBAM")
        bam.set("Version", BAM_VERSION)
        _sub(bam, NS_CTXBAM, "Id", str(uuid.uuid4()))
        _sub(bam, NS_CTXBAM, "Temps", now)
        _sub(bam, NS_CTXBAM, "Emetteur", self._emitter)
        cover = _sub(bam, NS_CTXBAM, "COUVERTURE")
        if coverage is not None:
            # CTXBAM XSD (§2.0): `Num` is the 13-character NIR (`\d{6}[AB0-9]\d{6}`), its key goes in `Cle`.
            _id_block(_sub(_sub(cover, NS_CTXBAM, "ASSURE"), NS_CTXBAM, "Id"), NS_CTXBAM, coverage.insured_nir,
                      number_tag="Num")
            beneficiary = _sub(cover, NS_CTXBAM, "BENEFICIAIRE")
            if coverage.beneficiary_nir:
                _id_block(_sub(beneficiary, NS_CTXBAM, "Nir"), NS_CTXBAM, coverage.beneficiary_nir,
                          number_tag="Num")
            _sub(beneficiary, NS_CTXBAM, "DateNai", coverage.birth_date)
            _sub(beneficiary, NS_CTXBAM, "Rang", str(coverage.birth_rank))
        lps = _sub(header, NS_CTXLPS, "ContexteLPS")
        lps.set("Nature", "CTXLPS")
        lps.set("Version", LPS_VERSION)
        _sub(lps, NS_CTXLPS, "Id", str(uuid.uuid4()))
        _sub(lps, NS_CTXLPS, "Temps", now)
        _sub(lps, NS_CTXLPS, "Emetteur", self._emitter)
        software = _sub(lps, NS_CTXLPS, "LPS")
        _sub(software, NS_CTXLPS, "IDAM", self._lps.idam).set("R", IDAM_KIND)
        _sub(software, NS_CTXLPS, "Version", self._lps.version)
        _sub(software, NS_CTXLPS, "Instance", self._lps.instance)
        _sub(software, NS_CTXLPS, "Nom", f"urn:lps:{self._lps.name}:{self._lps.version}")
        body = _sub(root, NS_SOAP, "Body")
        return root, body

    @staticmethod
    def _finish(root: etree._Element, action: str) -> Envelope:
        message_id = root.findtext(f"{{{NS_SOAP}}}Header/{{{NS_WSA}}}MessageID") or ""
        return Envelope(message_id=message_id, action=action,
                        body=etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def _id_block(parent: etree._Element, ns: str, matricule: str, *, tag: str | None = None,
              number_tag: str = "NumIdentifiant") -> etree._Element:
    """13 characters (`number_tag`) + `Cle` (2) under `parent` (or under a new `tag` child of it)."""
    holder = _sub(parent, ns, tag) if tag else parent
    number, key = split_matricule(matricule)
    _sub(holder, ns, number_tag, number)
    if key is not None:
        _sub(holder, ns, "Cle", key)
    return holder
