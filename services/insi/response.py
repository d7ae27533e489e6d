"""Read an INSi answer: `RESULTAT` (PROTOCOLS.md §2.4) or a SOAP 1.2 Fault, through `services/xml.py`.

The children of `RESULTAT` are matched by local name: the namespace of the body element is checked, the
qualification of its descendants is the server's schema business (elementFormDefault), not ours.

Only what the schema requires is required (PROTOCOLS.md §2.0): `CR/CodeCR`, and for each `INDIVIDU` the
`IdIndividu/NumIdentifiant` and `OID` of its matricules. `IdIndividu/Cle` and every child of `TIQ` are
optional: a missing key is computed (§1.1), a missing trait is None. Comments and processing instructions
between elements are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from services.insi.envelope import NS_RESULTAT, NS_SOAP
from services.insi.errors import BAD_RESPONSE, InsiError, fault_error, transport_error
from services.insi.key import matricule_key
from services.insi.models import HistoricIns, InsiIdentity, InsiResult
from services.xml import UnsafeXmlError, parse_bytes

_SOAP = f"{{{NS_SOAP}}}"


def parse_response(data: bytes, message_id: str) -> InsiResult:
    """The result of one call.

    Raises:
        InsiError: for a SOAP Fault (SIRAM and DESIR codes) or an unreadable answer.
    """
    try:
        root = parse_bytes(data)
    except UnsafeXmlError as exc:
        raise transport_error(BAD_RESPONSE, str(exc)) from None
    body = root.find(f"{_SOAP}Body")
    payload = next(_elements(body), None) if body is not None else None
    if root.tag != f"{_SOAP}Envelope" or payload is None:
        raise transport_error(BAD_RESPONSE, "pas d'enveloppe SOAP 1.2")
    if payload.tag == f"{_SOAP}Fault":
        raise fault_from_element(payload)
    if payload.tag != f"{{{NS_RESULTAT}}}RESULTAT":
        raise transport_error(BAD_RESPONSE, f"élément inattendu {etree.QName(payload).text}")
    return _result(payload, message_id)


def fault_from_element(fault: etree._Element) -> InsiError:
    """SIRAM code = last `Code/Subcode/Value` (QName prefix dropped); DESIR code = `Detail/Erreur/@code`."""
    values = [value.text or "" for value in fault.iter(f"{_SOAP}Value")]
    siram = _local_qname(values[-1]) if values else ""
    erreur = next((el for el in fault.iter() if isinstance(el.tag, str)
                   and etree.QName(el).localname == "Erreur"), None)
    desir = erreur.get("code", "") if erreur is not None else ""
    reason = fault.findtext(f"{_SOAP}Reason/{_SOAP}Text") or ""
    text = (erreur.text or "").strip() if erreur is not None else ""
    detail = reason.strip() if text in reason else f"{reason.strip()} {text}".strip()
    return fault_error(siram, desir, detail)


def _local_qname(value: str) -> str:
    return value.strip().rpartition(":")[2]


def _elements(parent: etree._Element) -> Iterator[etree._Element]:
    """The element children (lxml also yields comments and processing instructions, whose tag is not a str)."""
    return (child for child in parent if isinstance(child.tag, str))


def _child(parent: etree._Element | None, name: str) -> etree._Element | None:
    if parent is None:
        return None
    return next((el for el in _elements(parent) if etree.QName(el).localname == name), None)


def _children(parent: etree._Element, name: str) -> list[etree._Element]:
    return [el for el in _elements(parent) if etree.QName(el).localname == name]


def _text(parent: etree._Element | None, *path: str) -> str | None:
    element = parent
    for name in path:
        element = _child(element, name)
    if element is None or element.text is None:
        return None
    return element.text.strip() or None


def _required(parent: etree._Element | None, *path: str) -> str:
    value = _text(parent, *path)
    if not value:
        raise transport_error(BAD_RESPONSE, f"{'/'.join(path)} absent de la réponse")
    return value


def _result(resultat: etree._Element, message_id: str) -> InsiResult:
    code = _required(resultat, "CR", "CodeCR")
    label = _text(resultat, "CR", "LibelleCR") or ""
    identities = tuple(_identity(individu) for individu in _children(resultat, "INDIVIDU"))
    return InsiResult(code=code, label=label, identities=identities, message_id=message_id)


def _matricule(holder: etree._Element | None) -> tuple[str, str]:
    """15-character matricule and OID of an `INSACTIF`/`INSHISTO` block (OID read, never assumed).

    `Cle` is optional in the schema: when INSi leaves it out, the key is computed from the 13 characters.
    """
    number = _required(holder, "IdIndividu", "NumIdentifiant")
    key = _text(holder, "IdIndividu", "Cle")
    try:
        expected = matricule_key(number)
    except ValueError as exc:
        raise transport_error(BAD_RESPONSE, f"NumIdentifiant {number[:20]!r} : {exc}") from None
    if key is None:
        key = expected
    elif len(key) != 2 or not key.isdigit():
        raise transport_error(BAD_RESPONSE, f"Cle {key[:10]!r} : 2 chiffres attendus")
    return number.upper() + key, _required(holder, "OID")


def _identity(individu: etree._Element) -> InsiIdentity:
    matricule, oid = _matricule(_child(individu, "INSACTIF"))
    history = tuple(
        HistoricIns(*_matricule(histo), start=_text(histo, "DateDeb"), end=_text(histo, "DateFin"))
        for histo in _children(individu, "INSHISTO")
    )
    tiq = _child(individu, "TIQ")
    first = _text(tiq, "Prenom")
    listed = _text(tiq, "ListePrenom")
    given = tuple(listed.split()) if listed else (first,) if first else ()
    return InsiIdentity(
        matricule=matricule, oid=oid, birth_name=_text(tiq, "NomNaissance"),
        first_given_name=first or (given[0] if given else None), given_names=given, sex=_text(tiq, "Sexe"),
        birth_date=_text(tiq, "DateNaissance"), birth_place=_text(tiq, "LieuNaissance"), history=history,
    )
