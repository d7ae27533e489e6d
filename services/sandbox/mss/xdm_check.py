"""What the operator checks in an `IHE_XDM.ZIP` (PROTOCOLS §4.3, §8 "MSSanté"): a safe archive, its
`IHE_XDM/SUBSET01/METADATA.XML`, each document's hash (SHA-1), size and URI, and the facts the `X-MSS-*`
headers must agree with (CDA codes, qualified INS, one patient).
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import zipfile
from dataclasses import dataclass

from lxml import etree

from services.dmp import constants as c
from services.sandbox.dmp.ebrim import rim, slot
from services.sandbox.insi.nir import valid_matricule
from services.xml import UnsafeXmlError, parse_bytes

SUBSET = "IHE_XDM/SUBSET01/"
METADATA = SUBSET + "METADATA.XML"
MAX_ENTRIES = 500
MAX_TOTAL_BYTES = 100 * 1024 * 1024  # uncompressed
MAX_RATIO = 100  # uncompressed / compressed, per entry
_HL7 = "{urn:hl7-org:v3}"
_QUALIFIED_OIDS = frozenset({c.OID_INS_NIR, c.OID_INS_NIR_TEST, c.OID_INS_NIR_DEMO})


class XdmRefused(ValueError):
    """The archive is refused; the message (French) says why."""


@dataclass(frozen=True)
class Archive:
    cda_codes: tuple[str, ...]  # ClinicalDocument/code/@code of each CDA, in metadata order
    patient_ids: frozenset[str]  # the CX patientId values of the submission set and its entries
    qualified_ins: bool  # the patient is identified by a matricule INS (INS OID, valid key)


def check_archive(data: bytes) -> Archive:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise XdmRefused("IHE_XDM.ZIP n'est pas une archive zip lisible") from None
    with archive:
        entries = _safe_entries(archive)
        if METADATA not in entries:
            raise XdmRefused(f"{METADATA} absent de l'archive IHE_XDM.ZIP")
        try:
            root = parse_bytes(_read(archive, entries[METADATA]))
        except UnsafeXmlError as exc:
            raise XdmRefused(f"METADATA.XML refusé : {exc}") from None
        codes: list[str] = []
        patients: set[str] = set()
        documents = list(root.iter(rim("ExtrinsicObject")))
        if not documents:
            raise XdmRefused("METADATA.XML ne décrit aucun document")
        for document in documents:
            content = _document(archive, entries, document)
            if document.get("mimeType", "text/xml") == "text/xml":
                codes.append(_cda_code(content, slot(document, "URI")))
            patients.update(_external(document, c.DE_PATIENT_ID))
        for package in root.iter(rim("RegistryPackage")):
            patients.update(_external(package, c.SS_PATIENT_ID))
    if len(patients) != 1:
        raise XdmRefused("un message MSSanté ne concerne qu'un seul patient : "
                         f"{len(patients)} identifiants patient dans METADATA.XML")
    return Archive(tuple(codes), frozenset(patients), qualified_ins(next(iter(patients))))


def _safe_entries(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise XdmRefused(f"archive refusée : {len(infos)} entrées (maximum {MAX_ENTRIES})")
    entries: dict[str, zipfile.ZipInfo] = {}
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        normal = posixpath.normpath(name)
        if "\\" in name or name.startswith("/") or ":" in name or normal.startswith("..") or normal != name.rstrip("/"):
            raise XdmRefused(f"archive refusée : l'entrée « {name} » sort de son dossier")
        if name.upper() in seen:
            raise XdmRefused(f"archive refusée : l'entrée « {name} » apparaît deux fois")
        total += info.file_size
        if total > MAX_TOTAL_BYTES or info.file_size > MAX_RATIO * max(info.compress_size, 1) + 1024:
            raise XdmRefused(f"archive refusée : taux de compression ou taille excessifs (« {name} »)")
        entries[name] = info
        seen.add(name.upper())
    return entries


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The entry, read no further than its declared size (a lying header cannot inflate it)."""
    with archive.open(info) as handle:
        data = handle.read(info.file_size + 1)
    if len(data) > info.file_size:
        raise XdmRefused(f"archive refusée : « {info.filename} » dépasse sa taille déclarée")
    return data


def _document(archive: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo], document: etree._Element) -> bytes:
    uri = slot(document, "URI")
    if not uri:
        raise XdmRefused("METADATA.XML : un document n'a pas de slot URI")
    path = posixpath.normpath(SUBSET + uri)
    if not path.startswith(SUBSET) or path not in entries:
        raise XdmRefused(f"METADATA.XML : le document « {uri} » est absent de {SUBSET}")
    content = _read(archive, entries[path])
    if slot(document, "size") != str(len(content)):
        raise XdmRefused(f"METADATA.XML : la taille déclarée de « {uri} » ({slot(document, 'size')}) "
                         f"diffère du fichier ({len(content)} octets)")
    digest = hashlib.sha1(content).hexdigest()  # noqa: S324 - the XDS hash is SHA-1
    if slot(document, "hash").lower() != digest:
        raise XdmRefused(f"METADATA.XML : l'empreinte SHA-1 déclarée de « {uri} » diffère du fichier")
    return content


def _cda_code(content: bytes, uri: str) -> str:
    try:
        root = parse_bytes(content)
    except UnsafeXmlError as exc:
        raise XdmRefused(f"document « {uri} » refusé : {exc}") from None
    code = root.find(f"{_HL7}code")
    if root.tag != f"{_HL7}ClinicalDocument" or code is None or not code.get("code"):
        raise XdmRefused(f"document « {uri} » : pas un CDA avec un code de document")
    return str(code.get("code"))


def _external(element: etree._Element, scheme: str) -> list[str]:
    return [str(found.get("value", "")) for found in element.iter(rim("ExternalIdentifier"))
            if found.get("identificationScheme") == scheme]


def qualified_ins(patient_id: str) -> bool:
    """`<15 characters>^^^&<INS OID>&ISO^NH` with a valid key."""
    matricule, _, rest = patient_id.partition("^^^&")
    oid = rest.split("&", 1)[0]
    return oid in _QUALIFIED_OIDS and len(matricule) == 15 and valid_matricule(matricule[:13], matricule[13:])
