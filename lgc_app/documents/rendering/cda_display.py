"""Read any CDA R2 document, ours or received, into what a viewer shows: a header summary and a safe body.

Everything here treats the document as hostile: it is parsed by services.xml (no entities, no DTD, no
network, size cap, DOCTYPE refused), the N1 body is size-checked before it is decoded, and the N3 narrative
is turned into whitelisted, escaped HTML (narrative.py). Errors carry a French message for the user.
"""

from __future__ import annotations

import base64
import binascii
import logging
import re
from dataclasses import dataclass

from lxml import etree

from lgc_app.documents.rendering.narrative import HL7, structured_body_html
from lgc_app.errors import UserError
from lgc_app.patients.matricule import format_matricule
from services.xml import MAX_XML_BYTES, UnsafeXmlError, parse_bytes

MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_TEXT_CHARS = 2_000_000
PDF_MAGIC = b"%PDF-"

# PROTOCOLS.md §1.1: the OIDs of the matricule INS
INS_OIDS = {
    "1.2.250.1.213.1.4.8": "INS-NIR",
    "1.2.250.1.213.1.4.9": "INS-NIA",
    "1.2.250.1.213.1.4.10": "INS-NIR de test",
    "1.2.250.1.213.1.4.11": "INS-NIR de démonstration",
}
CONFIDENTIALITY = {"N": "Normal", "R": "Restreint", "V": "Très restreint"}
SEX = {"M": "Masculin", "F": "Féminin", "U": "Inconnu", "UN": "Indéterminé"}

log = logging.getLogger("lgc.documents.rendering")

_NS = {"h": HL7}
_TS = re.compile(r"^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?")


class CdaDisplayError(UserError, ValueError):
    """The document cannot be shown at all (message in French, for the user)."""

    code = "DOC-DISPLAY"
    summary = "Ce document ne peut pas être affiché."


@dataclass(frozen=True)
class CdaHeader:
    """The header fields a reader needs first; empty strings when absent."""

    title: str
    kind: str
    patient: str
    birth_date: str
    sex: str
    ins: str
    author: str
    date: str
    confidentiality: str

    def rows(self) -> list[tuple[str, str]]:
        """(French label, value) pairs, in display order, without the empty ones."""
        rows = [("Titre", self.title), ("Type", self.kind), ("Patient", self.patient),
                ("Naissance", self.birth_date), ("Sexe", self.sex), ("INS", self.ins), ("Auteur", self.author),
                ("Date", self.date), ("Confidentialité", self.confidentiality)]
        return [(label, value) for label, value in rows if value]


@dataclass(frozen=True)
class NarrativeBody:
    """N3: the sections' narrative as sanitised HTML; `breaks` are offsets between top-level blocks."""

    html: str
    section_titles: list[str]
    breaks: list[int]


@dataclass(frozen=True)
class PdfBody:
    """N1: the decoded PDF (checked to start like a PDF, not yet opened)."""

    data: bytes


@dataclass(frozen=True)
class TextBody:
    """N1 with a plain-text body."""

    text: str


@dataclass(frozen=True)
class UnreadableBody:
    """The header is readable but the body cannot be shown; `message` says why, in French."""

    message: str


Body = NarrativeBody | PdfBody | TextBody | UnreadableBody


@dataclass(frozen=True)
class CdaDisplay:
    header: CdaHeader
    body: Body


def read_cda(data: bytes, *, max_bytes: int = MAX_XML_BYTES) -> CdaDisplay:
    """Parse an untrusted CDA document for display.

    Raises:
        CdaDisplayError: not XML, refused by the safe parser (size, DOCTYPE), or not a CDA document.
    """
    try:
        root = parse_bytes(data, max_bytes=max_bytes)
    except UnsafeXmlError as exc:
        raise CdaDisplayError(_refusal(exc)) from None
    if root.tag != f"{{{HL7}}}ClinicalDocument":
        raise CdaDisplayError("Ce fichier n'est pas un document CDA (racine ClinicalDocument attendue).")
    return CdaDisplay(_header(root), _body(root))


def _refusal(exc: UnsafeXmlError) -> str:
    """A French sentence for a parser refusal; libxml2's own detail is English, so it goes to the log only."""
    syntax = exc.__context__
    if not isinstance(syntax, etree.XMLSyntaxError):  # services.xml's own refusals (size, DOCTYPE)
        return f"Document refusé : {exc}."
    log.info("CDA refused by the parser: %s", syntax)
    if syntax.code == etree.ErrorTypes.ERR_RESOURCE_LIMIT:
        # libxml2 caps a text node at 10 MB (an N1 body over about 7.5 MB of PDF) and entity amplification
        return "Document refusé : il dépasse les limites de taille ou de complexité admises."
    return "Document refusé : ce fichier n'est pas un XML bien formé."


def _text(node: etree._Element | None) -> str:
    return " ".join("".join(node.itertext()).split()) if node is not None else ""


def _first(root: etree._Element, path: str) -> etree._Element | None:
    found = root.xpath(path, namespaces=_NS)
    return found[0] if found else None


def _attribute(root: etree._Element, path: str, name: str) -> str:
    node = _first(root, path)
    return (node.get(name) or "") if node is not None else ""


def format_ts(value: str) -> str:
    """HL7 TS (YYYYMMDD[HHMM[SS]][+ZZZZ]) → "JJ/MM/AAAA[ à HH:MM]"; the input itself if unreadable."""
    match = _TS.match(value)
    if not match or not match.group(3):
        return value
    year, month, day, hour, minute = match.groups()
    date = f"{day}/{month}/{year}"
    return f"{date} à {hour}:{minute}" if hour and minute else date


def _person_name(name: etree._Element | None, *, family_first: bool = False) -> str:
    """Prefix, given names without qualifier and the birth family name (qualifier BR) or the first one.

    A patient is shown family name first (birth name, then first names, as identity documents do).
    """
    if name is None:
        return ""
    families = name.findall(f"{{{HL7}}}family")
    givens = name.findall(f"{{{HL7}}}given")
    family = next((f for f in families if f.get("qualifier") == "BR"), families[0] if families else None)
    given = [g for g in givens if g.get("qualifier") is None] or givens[:1]
    surname = [family] if family is not None else []
    parts = [*surname, *given] if family_first else [*name.findall(f"{{{HL7}}}prefix"), *given, *surname]
    return " ".join(text for text in map(_text, parts) if text) or _text(name)


def _ins(root: etree._Element) -> str:
    """The matricule INS among the patient's identifiers, with the kind its OID says."""
    for identifier in root.iterfind(f"{{{HL7}}}recordTarget/{{{HL7}}}patientRole/{{{HL7}}}id"):
        label = INS_OIDS.get(identifier.get("root") or "")
        if label and identifier.get("extension"):
            return f"{format_matricule(identifier.get('extension') or '')} ({label})"
    return ""


def _author(root: etree._Element) -> str:
    person = _person_name(_first(root, "h:author/h:assignedAuthor/h:assignedPerson/h:name"))
    organisation = _text(_first(root, "h:author/h:assignedAuthor/h:representedOrganization/h:name"))
    return ", ".join(part for part in (person, organisation) if part)


def _confidentiality(root: etree._Element) -> str:
    code = _attribute(root, "h:confidentialityCode", "code")
    return CONFIDENTIALITY.get(code) or _attribute(root, "h:confidentialityCode", "displayName") or code


def _header(root: etree._Element) -> CdaHeader:
    patient = "h:recordTarget/h:patientRole/h:patient"
    return CdaHeader(
        title=_text(_first(root, "h:title")),
        kind=_attribute(root, "h:code", "displayName"),
        patient=_person_name(_first(root, f"{patient}/h:name"), family_first=True),
        birth_date=format_ts(_attribute(root, f"{patient}/h:birthTime", "value")),
        sex=SEX.get(_attribute(root, f"{patient}/h:administrativeGenderCode", "code"), ""),
        ins=_ins(root),
        author=_author(root),
        date=format_ts(_attribute(root, "h:effectiveTime", "value")),
        confidentiality=_confidentiality(root),
    )


def _body(root: etree._Element) -> Body:
    structured = _first(root, "h:component/h:structuredBody")
    if structured is not None:
        return NarrativeBody(*structured_body_html(structured))
    text = _first(root, "h:component/h:nonXMLBody/h:text")
    if text is None:
        return UnreadableBody("Le document ne contient pas de corps lisible.")
    return _non_xml_body(text)


def _non_xml_body(text: etree._Element) -> Body:
    """N1 body (IHE XDS-SD): base64 PDF or text; an external reference is never followed."""
    if text.find(f"{{{HL7}}}reference") is not None:
        return UnreadableBody("Le contenu du document est une référence externe : il n'est pas chargé.")
    media_type = (text.get("mediaType") or "text/plain").lower()
    content = text.text or ""
    if text.get("representation") == "B64":
        limit = MAX_PDF_BYTES if media_type == "application/pdf" else MAX_TEXT_CHARS
        decoded = _decode_base64(content, limit)
        if isinstance(decoded, UnreadableBody):
            return decoded
    else:
        decoded = content.encode()
    if media_type == "application/pdf":
        if PDF_MAGIC not in decoded[:1024]:
            return UnreadableBody("Le contenu annoncé comme PDF n'est pas un fichier PDF.")
        return PdfBody(decoded)
    if media_type == "text/plain":
        return TextBody(decoded[:MAX_TEXT_CHARS].decode("utf-8", errors="replace"))
    return UnreadableBody(f"Format de contenu non pris en charge : {media_type[:80]}.")


def _decode_base64(content: str, limit: int) -> bytes | UnreadableBody:
    compact = "".join(content.split())
    if len(compact) // 4 * 3 > limit:  # checked before decoding: no large allocation for a refused body
        megabytes = limit // (1024 * 1024)
        return UnreadableBody(f"Le contenu du document est trop volumineux (maximum {megabytes} Mo).")
    try:
        return base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        return UnreadableBody("Le contenu du document n'est pas un base64 valide.")
