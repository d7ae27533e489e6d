"""Read the structured results of a BIO-CR-BIO (CI-SIS "Compte rendu d'examens de biologie médicale", N3).

Where the results are (IHE PaLM XD-LAB, as the CI-SIS volet and its schematrons use it): each "Laboratory Report
Data Processing Entry" (`entry/templateId` 1.3.6.1.4.1.19376.1.3.1) holds, directly or inside "Laboratory
Battery Organizer"s, "Laboratory Observation"s (`observation/templateId` 1.3.6.1.4.1.19376.1.3.1.6): a LOINC
`code`, a `value` (PQ mostly; also INT, ST, CO/CD/CE, IVL_PQ, BL), an `interpretationCode` (HL7
ObservationInterpretation: N, H, L, HH, LL, A…), a `referenceRange/observationRange` and an `effectiveTime`.

The CDA comes from outside (a laboratory's mail, the DMP): it is parsed with the project's safe parser (no
entities, no DTD, no network, size cap) and nothing in it is trusted. A document that is not a lab report, or
cannot be read, gives no result (logged); an observation without code or value is skipped with a logged reason;
texts are cut to the columns' sizes; a document cannot bring more than `MAX_OBSERVATIONS` results.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation

from lxml import etree

from services.xml import UnsafeXmlError, parse_bytes

log = logging.getLogger("lgc.labresults.extraction")

HL7 = "urn:hl7-org:v3"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
LOINC = "2.16.840.1.113883.6.1"
LAB_REPORT_LOINC = "11502-2"  # "CR d'examens biologiques"
CR_BIO_TEMPLATE = "1.2.250.1.213.1.1.1.55"  # CI-SIS conformity of the CR-BIO model
DATA_PROCESSING_ENTRY = "1.3.6.1.4.1.19376.1.3.1"
LAB_OBSERVATION = "1.3.6.1.4.1.19376.1.3.1.6"
MAX_OBSERVATIONS = 2000  # a real report carries tens; more is a hostile or broken document

_INTERPRETATION = re.compile(r"^(?:[A-Za-z]{1,5}|[<>])$")  # HL7 ObservationInterpretation codes
_TS = re.compile(r"^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.\d{1,6})?([+-]\d{4})?$")


@dataclass(frozen=True)
class LabObservation:
    """One result of the report, detached from the XML."""

    key: str  # "id:<root>^<extension>" when the observation has an id, else "pos:<n>" (document order)
    loinc_code: str
    loinc_display: str
    value_text: str
    value_numeric: float | None
    unit: str  # UCUM, "" when the value has none
    range_low: float | None
    range_high: float | None
    range_text: str
    interpretation: str  # "" when the laboratory gave none
    observed_at: datetime | None  # the observation's time, else the document's
    specimen: str
    laboratory: str
    author: str


@dataclass(frozen=True)
class LabReport:
    """What a BIO-CR-BIO brings: its identity (for idempotence and versions) and its readable results."""

    document_uid: str  # ClinicalDocument/id as root^extension
    set_id: str
    version: int
    observations: tuple[LabObservation, ...]
    skipped: tuple[str, ...]  # why some observations were left out (French, for logs and the user)


def _q(name: str) -> str:
    return f"{{{HL7}}}{name}"


def _clip(text: str | None, size: int) -> str:
    return " ".join((text or "").split())[:size]


def _instance_id(element: etree._Element | None) -> str:
    if element is None:
        return ""
    root, extension = element.get("root", ""), element.get("extension", "")
    return _clip(f"{root}^{extension}" if extension else root, 200)


def _child_attribute(element: etree._Element, child: str, name: str) -> str:
    found = element.find(_q(child))
    return (found.get(name) or "") if found is not None else ""


def _has_template(element: etree._Element, root: str) -> bool:
    return any(template.get("root") == root for template in element.iterfind(_q("templateId")))


def is_lab_report(root: etree._Element) -> bool:
    """A BIO-CR-BIO declares the CI-SIS CR-BIO template, or is a structured (N3) "CR d'examens biologiques"
    (LOINC 11502-2); the same type with a non-XML body (a PDF report, N1) has no results to read."""
    if root.tag != _q("ClinicalDocument"):
        return False
    if _has_template(root, CR_BIO_TEMPLATE):
        return True
    code = root.find(_q("code"))
    typed = code is not None and code.get("code") == LAB_REPORT_LOINC and code.get("codeSystem") == LOINC
    return typed and root.find(f"{_q('component')}/{_q('structuredBody')}") is not None


def parse_ts(value: str | None) -> datetime | None:
    """HL7 TS (YYYY[MM[DD[HH[MM[SS]]]]][.f][±ZZZZ]) → aware datetime (without offset: this workstation's zone);
    None when absent, unreadable or impossible."""
    match = _TS.match((value or "").strip())
    if match is None:
        return None
    year, month, day, hour, minute, second, offset = match.groups()
    try:
        moment = datetime(int(year), int(month or 1), int(day or 1), int(hour or 0), int(minute or 0),
                          int(second or 0))
        if offset is None:
            return moment.astimezone().astimezone(UTC)
        delta = timedelta(hours=int(offset[1:3]), minutes=int(offset[3:]))
        return moment.replace(tzinfo=timezone(-delta if offset[0] == "-" else delta)).astimezone(UTC)
    except (ValueError, OverflowError):  # 20211399, offset +9999
        return None


def _number(text: str | None) -> float | None:
    """A decimal as written in HL7 (`1.950`); None when not a finite number."""
    try:
        number = float(Decimal((text or "").strip()))
    except (InvalidOperation, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _type(value: etree._Element) -> str:
    """The xsi:type without its prefix ("PQ" for "hl7:PQ")."""
    return (value.get(XSI_TYPE) or "").rsplit(":", 1)[-1].upper()


def _bound(element: etree._Element | None) -> tuple[float | None, str]:
    if element is None or element.get("nullFlavor"):
        return None, ""
    return _number(element.get("value")), element.get("value", "")


@dataclass(frozen=True)
class _Value:
    text: str
    numeric: float | None
    unit: str


def _read_value(value: etree._Element) -> _Value | str:
    """The observation's value, or why it cannot be read (French)."""
    if value.get("nullFlavor"):
        return "valeur absente"
    kind = _type(value)
    if kind in ("PQ", "INT", "REAL"):
        numeric = _number(value.get("value"))
        if numeric is None:
            return "valeur numérique illisible"
        unit = value.get("unit", "") if kind == "PQ" else ""
        return _Value(_clip(value.get("value"), 255), numeric, _clip("" if unit == "1" else unit, 40))
    if kind == "IVL_PQ":
        low, low_text = _bound(value.find(_q("low")))
        high, high_text = _bound(value.find(_q("high")))
        if low is None and high is None:
            return "intervalle sans borne lisible"
        text = f"{low_text} – {high_text}" if low is not None and high is not None else (
            f"≥ {low_text}" if low is not None else f"≤ {high_text}")
        bounds = value.find(_q("low")) if low is not None else value.find(_q("high"))
        return _Value(_clip(text, 255), None, _clip(bounds.get("unit", "") if bounds is not None else "", 40))
    if kind in ("CD", "CE", "CV", "CO"):
        label = value.get("displayName") or value.findtext(_q("originalText")) or value.get("code")
        return _Value(_clip(label, 255), None, "") if label and label.strip() else "valeur codée vide"
    if kind == "BL":
        flag = value.get("value")
        return _Value("oui" if flag == "true" else "non", None, "") if flag in ("true", "false") else \
            "valeur booléenne illisible"
    if kind in ("ST", "ED", ""):
        text = _clip("".join(value.itertext()), 255)
        return _Value(text, None, "") if text else "valeur textuelle vide"
    return f"type de valeur non pris en charge ({_clip(kind, 20)})"


def _reference_range(observation: etree._Element) -> tuple[float | None, float | None, str]:
    """The normal range (low, high, text): the one marked N, else the first."""
    ranges = list(observation.iterfind(f"{_q('referenceRange')}/{_q('observationRange')}"))
    normal = [r for r in ranges if _child_attribute(r, "interpretationCode", "code") in ("", "N")]
    if not ranges:
        return None, None, ""
    chosen = (normal or ranges)[0]
    value = chosen.find(_q("value"))
    low = high = None
    described = chosen.find(_q("text"))
    text = _clip("".join(described.itertext()), 120) if described is not None else ""
    if value is not None and _type(value) in ("IVL_PQ", "IVL_REAL", "IVL_INT", ""):
        low, low_text = _bound(value.find(_q("low")))
        high, high_text = _bound(value.find(_q("high")))
        if not text and (low is not None or high is not None):
            text = (f"{low_text} – {high_text}" if low is not None and high is not None else
                    f"≥ {low_text}" if low is not None else f"≤ {high_text}")
    return low, high, _clip(text, 120)


def _organization_name(element: etree._Element | None, path: str) -> str:
    if element is None:
        return ""
    return _clip(element.findtext(path), 200)


def _person_name(name: etree._Element | None) -> str:
    if name is None:
        return ""
    parts = [*name.iterfind(_q("given")), *name.iterfind(_q("family"))]
    return _clip(" ".join(part.text or "" for part in parts) or "".join(name.itertext()), 200)


_ORG_NAME = f"{_q('representedOrganization')}/{_q('name')}"


def _document_laboratory(root: etree._Element) -> str:
    """The performing laboratory (serviceEvent performer), else the author's or the custodian's organisation."""
    for path in (f"{_q('documentationOf')}/{_q('serviceEvent')}/{_q('performer')}/{_q('assignedEntity')}",
                 f"{_q('author')}/{_q('assignedAuthor')}"):
        for entity in root.iterfind(path):
            if name := _organization_name(entity, _ORG_NAME):
                return name
    return _organization_name(root, f"{_q('custodian')}/{_q('assignedCustodian')}/"
                                    f"{_q('representedCustodianOrganization')}/{_q('name')}")


def _document_author(root: etree._Element) -> str:
    """The biologist who validated the report (legalAuthenticator), else the first author."""
    for path in (f"{_q('legalAuthenticator')}/{_q('assignedEntity')}/{_q('assignedPerson')}/{_q('name')}",
                 f"{_q('author')}/{_q('assignedAuthor')}/{_q('assignedPerson')}/{_q('name')}"):
        if name := _person_name(root.find(path)):
            return name
    return ""


def _specimen(observation: etree._Element, entry: etree._Element) -> str:
    """The specimen named on the observation or on its nearest organizer/act (up to the entry)."""
    node: etree._Element | None = observation
    while node is not None:
        code = node.find(f"{_q('specimen')}/{_q('specimenRole')}/{_q('specimenPlayingEntity')}/{_q('code')}")
        if code is not None:
            return _clip(code.get("displayName") or code.get("code"), 120)
        node = None if node is entry else node.getparent()
    return ""


def _lab_observations(root: etree._Element) -> Iterator[tuple[etree._Element, etree._Element]]:
    """(entry, observation) for each Laboratory Observation of a Data Processing Entry, in document order."""
    for entry in root.iter(_q("entry")):
        if _has_template(entry, DATA_PROCESSING_ENTRY):
            for observation in entry.iter(_q("observation")):
                if _has_template(observation, LAB_OBSERVATION):
                    yield entry, observation


@dataclass(frozen=True)
class _Context:
    """What the document says for every observation that does not say it itself."""

    observed_at: datetime | None
    laboratory: str
    author: str


def _read_observation(entry: etree._Element, observation: etree._Element, position: int,
                      context: _Context) -> LabObservation | str:
    """One result, or why it is skipped (French)."""
    code = observation.find(_q("code"))
    loinc = _clip(code.get("code"), 20) if code is not None else ""
    if not loinc:
        return "observation sans code d'analyse"
    if _child_attribute(observation, "statusCode", "code") == "aborted":
        return f"{loinc} : examen non réalisé"
    value = observation.find(_q("value"))
    if value is None:
        return f"{loinc} : observation sans valeur"
    read = _read_value(value)
    if isinstance(read, str):
        return f"{loinc} : {read}"
    flag = _child_attribute(observation, "interpretationCode", "code")
    time = observation.find(_q("effectiveTime"))
    observed = None
    if time is not None:
        observed = parse_ts(time.get("value")) or parse_ts(_child_attribute(time, "low", "value"))
    low, high, range_text = _reference_range(observation)
    identifier = _instance_id(observation.find(_q("id")))
    performer = f"{_q('performer')}/{_q('assignedEntity')}"
    return LabObservation(
        key=f"id:{identifier}" if identifier else f"pos:{position}",
        loinc_code=loinc, loinc_display=_clip(code.get("displayName") if code is not None else "", 255) or loinc,
        value_text=read.text, value_numeric=read.numeric, unit=read.unit, range_low=low, range_high=high,
        range_text=range_text, interpretation=flag if _INTERPRETATION.match(flag) else "",
        observed_at=observed or context.observed_at, specimen=_specimen(observation, entry),
        laboratory=_organization_name(observation.find(performer), _ORG_NAME) or context.laboratory,
        author=_person_name(observation.find(f"{_q('author')}/{_q('assignedAuthor')}/{_q('assignedPerson')}/"
                                             f"{_q('name')}")) or context.author)


def read_lab_report(cda: bytes) -> LabReport | None:
    """The results of a BIO-CR-BIO; None for another document or one that cannot be read (logged)."""
    try:
        root = parse_bytes(cda)
    except UnsafeXmlError as exc:
        log.warning("lab results: document refused: %s", str(exc)[:200])
        return None
    if not is_lab_report(root):
        log.info("lab results: not a BIO-CR-BIO document, nothing extracted")
        return None
    context = _Context(parse_ts(_child_attribute(root, "effectiveTime", "value")), _document_laboratory(root),
                       _document_author(root))
    observations: list[LabObservation] = []
    skipped: list[str] = []
    keys: set[str] = set()
    for position, (entry, element) in enumerate(_lab_observations(root), start=1):
        if position > MAX_OBSERVATIONS:
            skipped.append(f"plus de {MAX_OBSERVATIONS} résultats : les suivants sont ignorés")
            break
        read = _read_observation(entry, element, position, context)
        if isinstance(read, str):
            skipped.append(read)
        elif read.key in keys:  # two observations claiming one id: the second is not the first's result
            skipped.append(f"{read.loinc_code} : identifiant d'observation en double")
        else:
            keys.add(read.key)
            observations.append(read)
    for reason in skipped:
        log.warning("lab results: observation skipped: %s", reason)
    version = _number(_child_attribute(root, "versionNumber", "value"))
    document_uid = _instance_id(root.find(_q("id")))
    return LabReport(document_uid=document_uid, set_id=_instance_id(root.find(_q("setId"))),
                     version=int(version) if version is not None and 0 < version < 1_000_000 else 1,
                     observations=tuple(observations), skipped=tuple(skipped))


def extract_results(cda: bytes) -> list[LabObservation]:
    """The readable results of a BIO-CR-BIO, in document order; [] for another or an unreadable document."""
    report = read_lab_report(cda)
    return list(report.observations) if report is not None else []
