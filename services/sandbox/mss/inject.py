"""Messages "from another software": a CI-SIS example CDA (../shared/cisis/examples), optionally re-addressed
to another patient, wrapped as another LPS sends it over MSSanté (§4.0, §4.3): `XDM/1.0/DDM+…` subject,
`X-MSS-*` headers, `Disposition-Notification-To`, and an IHE_XDM.ZIP built here. A hostile variant spoils
it the way the receiving LPS must resist (PROTOCOLS §4, issue 12 "hostile input").
"""

from __future__ import annotations

import html
import io
import warnings
import zipfile
from dataclasses import dataclass, replace
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formatdate, make_msgid
from pathlib import Path

from lxml import etree

from services.dmp import constants as c
from services.sandbox.mss import xdm_build
from services.sandbox.mss.reports import CRLF
from services.sandbox.mss.xdm_check import METADATA, SUBSET, qualified_ins
from services.xml import parse_bytes

VARIANTS = ("traversal", "zip_bomb", "bad_hash", "patient_mismatch", "xxe", "no_metadata", "duplicate_names",
            "malformed_mime")
NIL = "LPS-TIERS-SANDBOX"
BOMB_BYTES = 150 * 1024 * 1024  # zeros: about 150 kB once deflated
_HL7 = "{urn:hl7-org:v3}"
_OTHER_PATIENT = "248017512345626^^^&1.2.250.1.213.1.4.10&ISO^NH"  # patient_mismatch: not the CDA's patient
_XXE = (b'<?xml version="1.0"?>\n<!DOCTYPE lcm [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        b'<lcm:SubmitObjectsRequest xmlns:lcm="urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0">&xxe;'
        b'</lcm:SubmitObjectsRequest>\n')


class InjectError(ValueError):
    """The request cannot be served (French reason)."""


@dataclass(frozen=True)
class Patient:
    ins: str
    oid: str
    family: str
    given: str
    birth_date: str  # YYYY-MM-DD
    sex: str  # M | F


def example_path(shared_dir: Path, name: str) -> Path:
    folder = shared_dir / "cisis" / "examples"
    path = folder / name
    if Path(name).name != name or not path.is_file():
        known = ", ".join(sorted(p.name for p in folder.glob("*.xml")))
        raise InjectError(f"exemple CI-SIS inconnu : {name} (disponibles : {known})")
    return path


def build(cda: bytes, *, sender: str, to: str, patient: Patient | None = None, variant: str | None = None) -> bytes:
    if variant is not None and variant not in VARIANTS:
        raise InjectError(f"variante inconnue : {variant} (choix : {', '.join(VARIANTS)})")
    root = parse_bytes(cda)
    if patient is not None:
        _substitute(root, patient)
        cda = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    facts = xdm_build.facts(root)
    described = cda[::-1] if variant == "bad_hash" else cda  # same size, another SHA-1
    meta_facts = facts if variant != "patient_mismatch" else _with_patient(facts, _OTHER_PATIENT)
    metadata = _XXE if variant == "xxe" else xdm_build.metadata(
        [("DOC0001.XML", described, meta_facts)], source_id="1.2.250.1.999.1", author_institution=
        "CABINET DE CARDIOLOGIE^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^399999000000021")
    files = [("INDEX.HTM", xdm_build.index(html.escape(facts.title))), ("README.TXT", xdm_build.readme(sender))]
    if variant != "no_metadata":
        files.append((METADATA, metadata))
    files.append((SUBSET + "DOC0001.XML", cda))
    if variant == "traversal":
        files.append((SUBSET + "../../../LISEZMOI.TXT", b"cette entree sort de son dossier\r\n"))
    if variant == "duplicate_names":
        files.append((SUBSET + "DOC0001.XML", b"<autre/>"))
    archive = _bomb(files) if variant == "zip_bomb" else _zip(files)
    return _message(facts, archive, sender=sender, to=to, malformed=variant == "malformed_mime")


def _zip(files: list[tuple[str, bytes]]) -> bytes:
    with warnings.catch_warnings():  # duplicate_names is the point of that variant
        warnings.simplefilter("ignore", UserWarning)
        return xdm_build.archive(files)


def _bomb(files: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO(_zip(files))
    bomb = zipfile.ZipInfo(SUBSET + "DOC0002.XML", date_time=(2024, 1, 1, 0, 0, 0))
    bomb.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(buffer, "a") as zipped, zipped.open(bomb, "w", force_zip64=True) as handle:
        chunk = bytes(1024 * 1024)
        for _ in range(BOMB_BYTES // len(chunk)):
            handle.write(chunk)
    return buffer.getvalue()


def _substitute(root: etree._Element, patient: Patient) -> None:
    role = root.find(f"{_HL7}recordTarget/{_HL7}patientRole")
    if role is None:
        raise InjectError("l'exemple n'a pas de recordTarget/patientRole")
    ins = next((i for i in role.iterfind(f"{_HL7}id") if i.get("root") in c.INS_OIDS), None)
    if ins is None:
        ins = etree.SubElement(role, f"{_HL7}id")
        role.insert(0, ins)
    ins.set("root", patient.oid)
    ins.set("extension", patient.ins)
    person = role.find(f"{_HL7}patient")
    if person is None:
        raise InjectError("l'exemple n'a pas de patient")
    for family in person.iterfind(f"{_HL7}name/{_HL7}family"):
        family.text = patient.family
    for given in person.iterfind(f"{_HL7}name/{_HL7}given"):
        given.text = patient.given.split()[0] if given.get("qualifier") == "CL" else patient.given
    birth = person.find(f"{_HL7}birthTime")
    if birth is not None:
        birth.set("value", patient.birth_date.replace("-", ""))
    sex = person.find(f"{_HL7}administrativeGenderCode")
    if sex is not None:
        sex.set("code", patient.sex)
        sex.set("displayName", {"M": "Masculin", "F": "Féminin"}.get(patient.sex, patient.sex))


def _with_patient(facts: xdm_build.CdaFacts, patient_id: str) -> xdm_build.CdaFacts:
    return replace(facts, patient_id=patient_id)


def _message(facts: xdm_build.CdaFacts, archive: bytes, *, sender: str, to: str, malformed: bool) -> bytes:
    birth = f"{facts.birth_date[6:8]}/{facts.birth_date[4:6]}/{facts.birth_date[:4]}" if facts.birth_date else ""
    message = MIMEMultipart("mixed")
    message["From"] = sender
    message["To"] = to
    message["Subject"] = f"XDM/1.0/DDM+{facts.title} {facts.family.upper()} {facts.given} {birth}".strip()
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=sender.split("@")[-1])
    message["Disposition-Notification-To"] = sender
    message["X-MSS-NIL"] = NIL
    message["X-MSS-CODECDA"] = facts.type_code
    message["X-MSS-INS"] = "O" if qualified_ins(facts.patient_id) else "N"
    message.attach(MIMEText(f"Bonjour,\n\nVeuillez trouver ci-joint : {facts.title}.\n\nCordialement,\n"
                            f"{facts.author_given} {facts.author_family}\n", "plain", "utf-8"))
    attachment = MIMEApplication(archive, "zip", name="IHE_XDM.ZIP")
    attachment.add_header("Content-Disposition", "attachment", filename="IHE_XDM.ZIP")
    message.attach(attachment)
    raw = message.as_bytes(policy=CRLF)
    if malformed:  # the declared boundary never comes: no part can be found, the headers still parse
        boundary = message.get_boundary() or ""
        raw = raw.replace(f"--{boundary}".encode(), b"--autre-frontiere")
    return raw
