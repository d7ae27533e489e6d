"""Decide and write the simulator's answers: `RESULTAT` with `CR` 00/01/02 (PROTOCOLS.md §2.4)."""

from __future__ import annotations

import uuid

from lxml import etree

from services.sandbox.insi.inbound import (
    NS_SOAP,
    NS_WSA,
    Envelope,
    TraitsSearch,
    Verification,
    VitaleSearch,
)
from services.sandbox.insi.population import Person, Population

NS_RESULTAT = "http://www.cnamts.fr/INSiResultat"
LABELS = {"00": "OK", "01": "Aucune identite trouvee", "02": "Plusieurs identites trouvees"}


def match_traits(population: Population, search: TraitsSearch) -> list[Person]:
    """Birth name, sex and date exact; one `Prenom` may be any of the birth first names, a whole list must be
    the birth first names, all of them in order."""
    traits = search.traits
    return [person for person in population.with_traits(traits.birth_name, traits.sex, traits.birth_date)
            if _given_names_match(search.given_names, person.given_names)
            and traits.birth_place in (None, person.birth_place)]


def _given_names_match(sent: tuple[str, ...], registered: tuple[str, ...]) -> bool:
    return sent[0] in registered if len(sent) == 1 else sent == registered


def match_card(population: Population, search: VitaleSearch) -> list[Person]:
    """The persons on the insured's card born that day; the beneficiary NIR or the rank picks one twin."""
    return [person for person in population.on_card(search.insured, search.birth_date)
            if search.beneficiary in (None, person.number)
            and search.rank in (None, person.birth_rank)
            and search.birth_name in (None, person.birth_name)]


def match_verification(population: Population, request: Verification) -> list[Person]:
    """`00` only when the supplied INS (matricule + OID) is active and all its traits are the register's.

    `TypeMatricule` is not compared: with one test OID for NIR and NIA (population.py), a client cannot
    derive it from the OID, and the matricule with its OID already names one person.
    """
    person = population.by_matricule.get(request.number + request.key)
    traits = request.traits
    if (person is None or person.oid != request.oid
            or (person.birth_name, person.sex, person.birth_date) != (traits.birth_name, traits.sex,
                                                                        traits.birth_date)
            or person.given_names != request.given_names
            or traits.birth_place not in (None, person.birth_place)):
        return []
    return [person]


def _sub(parent: etree._Element, name: str, text: str | None = None, ns: str = NS_RESULTAT) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ns}}}{name}")
    element.text = text
    return element


def _id_block(parent: etree._Element, number: str, key: str, kind: str, oid: str) -> None:
    identifier = _sub(parent, "IdIndividu")
    _sub(identifier, "NumIdentifiant", number)
    _sub(identifier, "Cle", key)
    _sub(identifier, "TypeMatricule", kind)
    _sub(parent, "OID", oid)


def _individu(resultat: etree._Element, person: Person) -> None:
    individu = _sub(resultat, "INDIVIDU")
    _id_block(_sub(individu, "INSACTIF"), person.number, person.key, person.kind, person.oid)
    for former in person.history:
        histo = _sub(individu, "INSHISTO")
        _sub(histo, "DateDeb", former.start)
        _sub(histo, "DateFin", former.end)
        _id_block(histo, former.number, former.key, former.kind, person.oid)
    # As the qualification platform answers (PROTOCOLS.md §2.0): `ListePrenom`, no `Prenom`.
    tiq = _sub(individu, "TIQ")
    _sub(tiq, "NomNaissance", person.birth_name)
    _sub(tiq, "ListePrenom", " ".join(person.given_names))
    _sub(tiq, "Sexe", person.sex)
    _sub(tiq, "DateNaissance", person.birth_date)
    _sub(tiq, "LieuNaissance", person.birth_place)


def result_envelope(request: Envelope, matches: list[Person]) -> tuple[str, bytes]:
    """The CR code and the serialised answer; identities are listed only for a single match."""
    code = "00" if len(matches) == 1 else "01" if not matches else "02"
    root = etree.Element(f"{{{NS_SOAP}}}Envelope", nsmap={"S": NS_SOAP, "wsa": NS_WSA})
    header = _sub(root, "Header", ns=NS_SOAP)
    _sub(header, "MessageID", f"uuid:{uuid.uuid4()}", ns=NS_WSA)
    _sub(header, "RelatesTo", request.message_id, ns=NS_WSA)
    _sub(header, "Action", request.action + "Response", ns=NS_WSA)
    resultat = etree.SubElement(_sub(root, "Body", ns=NS_SOAP), f"{{{NS_RESULTAT}}}RESULTAT",
                                nsmap={None: NS_RESULTAT})
    cr = _sub(resultat, "CR")
    _sub(cr, "CodeCR", code)
    _sub(cr, "LibelleCR", LABELS[code])
    if code == "00":
        _individu(resultat, matches[0])
    return code, etree.tostring(root, xml_declaration=True, encoding="UTF-8")
