"""Received MSSanté messages for the tests: an IHE_XDM.zip around a CI-SIS example (read from ../shared, never
copied), in a MIME message as another software would send it, and the hostile variants of issue 12.

The patient of the CI-SIS examples is the test INS 279035121518989 (PAT-TROIS DOMINIQUE, F, 1979-03-28), the
same as `tests.helpers.cisis.add_patient`'s default.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

from lxml import etree

from services.dmp import constants as c
from services.dmp.metadata import add_slot, document_entry, rim
from services.dmp.models import Author, Code, DocumentEntry, PatientId, SourcePatient

EXAMPLE_INS = "279035121518989"
OTHER_INS = "180017512345678"
SENDER = "dr.emetteur@hopital.test-ci-sis.mssante.fr"
MAILBOX = "cabinet@test-ci-sis.mssante.fr"
HL7 = "urn:hl7-org:v3"
VARIANTS = ("traversal", "absolute", "zip_bomb", "bad_hash", "bad_size", "missing_document", "patient_mismatch",
            "xxe", "no_metadata", "duplicate_names", "encrypted", "not_a_zip")


def example(shared_dir: Path, name: str) -> bytes:
    return (shared_dir / "cisis" / "examples" / name).read_bytes()


def cda_unique_id(cda: bytes) -> str:
    root = etree.fromstring(cda)
    identifier = root.find(f"{{{HL7}}}id")
    assert identifier is not None
    extension = identifier.get("extension")
    return f"{identifier.get('root')}^{extension}" if extension else str(identifier.get("root"))


def with_unique_id(cda: bytes, unique_id_root: str) -> bytes:
    """The example with another ClinicalDocument/id (a distinct document of the same patient)."""
    root = etree.fromstring(cda)
    identifier = root.find(f"{{{HL7}}}id")
    assert identifier is not None
    identifier.set("root", unique_id_root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _entry(cda: bytes, patient_ins: str, mime_type: str = "text/xml") -> DocumentEntry:
    code = Code("11488-4", "2.16.840.1.113883.6.1", "CR de consultation")
    author = Author(person_id="810000000001", family_name="EMETTEUR", given_name="Paul",
                    specialty=Code("G15_10/SM54", "1.2.250.1.213.1.1.4.5", "Médecine générale"))
    return DocumentEntry(
        unique_id=cda_unique_id(cda) if mime_type == "text/xml" else "1.2.3.4.5.6.7",
        title="Compte rendu reçu", content=cda, mime_type=mime_type,
        class_code=Code("10", "1.2.250.1.213.1.1.4.1", "Compte rendu"), type_code=code,
        format_code=Code("urn:asip:ci-sis:vsm:2012", "1.2.250.1.213.1.1.4.2.282", "VSM"),
        confidentiality=[Code("N", "2.16.840.1.113883.5.25", "Normal")],
        healthcare_facility_type=Code("SA07", "1.2.250.1.71.4.2.4", "Cabinet individuel"),
        practice_setting=Code("AMBULATOIRE", "1.2.250.1.213.1.1.4.9", "Ambulatoire"),
        authors=[author], legal_authenticator=author,
        patient=PatientId(patient_ins, "1.2.250.1.213.1.4.10"),
        source_patient=SourcePatient("PAT-TROIS", "DOMINIQUE", datetime(1979, 3, 28).date(), "F"),
        creation_time=datetime(2024, 1, 15, 10, 0, tzinfo=UTC))


def metadata_xml(entries: list[tuple[DocumentEntry, str]], *, hash_override: str | None = None,
                 size_override: int | None = None) -> bytes:
    """A SubmitObjectsRequest with one ExtrinsicObject per (entry, URI)."""
    request = etree.Element(f"{{{c.LCM}}}SubmitObjectsRequest", nsmap={"lcm": c.LCM, "rim": c.RIM})
    objects = etree.SubElement(request, rim("RegistryObjectList"))
    for entry, uri in entries:
        extrinsic = document_entry(entry)
        add_slot(extrinsic, "URI", [uri])
        for slot in extrinsic.iterfind(rim("Slot")):
            value = slot.find(f"{rim('ValueList')}/{rim('Value')}")
            if value is not None and slot.get("name") == "hash" and hash_override is not None:
                value.text = hash_override
            if value is not None and slot.get("name") == "size" and size_override is not None:
                value.text = str(size_override)
        objects.append(extrinsic)
    return etree.tostring(request, xml_declaration=True, encoding="UTF-8")


def xdm_archive(documents: list[bytes], *, variant: str | None = None, metadata_ins: str = EXAMPLE_INS) -> bytes:
    """An IHE_XDM.zip carrying `documents` (CDA bytes), or one of `VARIANTS`."""
    if variant == "not_a_zip":
        return b"PK\x03\x04 this is not a zip archive"
    files: list[tuple[str, bytes]] = [("INDEX.HTM", b"<html><body>Index</body></html>"),
                                      ("README.TXT", b"LGC test sender")]
    entries: list[tuple[DocumentEntry, str]] = []
    for number, cda in enumerate(documents, 1):
        name = f"DOC{number:04d}.XML"
        entries.append((_entry(cda, metadata_ins), name))
        files.append((f"IHE_XDM/SUBSET01/{name}", cda))
    metadata = metadata_xml(entries, hash_override="0" * 40 if variant == "bad_hash" else None,
                            size_override=1 if variant == "bad_size" else None)
    if variant == "xxe":
        metadata = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY x SYSTEM "file:///etc/passwd">'
                    b'<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n'
                    + metadata.split(b"?>", 1)[1].replace(b"Compte rendu re", b"&x;&lol2;Compte rendu re", 1))
    if variant == "missing_document":
        files = [(name, data) for name, data in files if not name.endswith("DOC0001.XML")]
    if variant != "no_metadata":
        files.append(("IHE_XDM/SUBSET01/METADATA.XML", metadata))
    if variant == "traversal":
        files.append(("IHE_XDM/SUBSET01/../../../evil.sh", b"#!/bin/sh\nrm -rf ~\n"))
    if variant == "absolute":
        files.append(("/etc/cron.d/evil", b"* * * * * root rm -rf /\n"))
    if variant == "zip_bomb":
        files.append(("IHE_XDM/SUBSET01/BOMB.XML", b"\0" * (30 * 1024 * 1024)))
    if variant == "duplicate_names":
        files.append(("IHE_XDM/SUBSET01/DOC0001.XML", b"<ClinicalDocument>other</ClinicalDocument>"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 15, 10, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with warnings.catch_warnings():  # duplicate names are the point of one variant
                warnings.simplefilter("ignore", UserWarning)
                archive.writestr(info, data)
    return _encrypted_flag(buffer.getvalue(), b"IHE_XDM/SUBSET01/DOC0001.XML") if variant == "encrypted" \
        else buffer.getvalue()


def _encrypted_flag(archive: bytes, name: bytes) -> bytes:
    """Mark an entry encrypted (general purpose bit 0) in its local and central headers: zipfile cannot
    write encrypted entries, and the reader must refuse on the flag alone."""
    data = bytearray(archive)
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        position = data.find(signature)
        while position != -1:
            name_offset = 30 if signature == b"PK\x03\x04" else 46
            if data[position + name_offset:position + name_offset + len(name)] == name:
                data[position + flag_offset] |= 0x1
            position = data.find(signature, position + 4)
    return bytes(data)


def patient_mismatch(cda: bytes) -> bytes:
    """The CDA with another INS in its recordTarget (the metadata keeps the original)."""
    return cda.replace(f'extension="{EXAMPLE_INS}"'.encode(), f'extension="{OTHER_INS}"'.encode())


def mss_message(xdm: bytes | None, *, subject: str = "XDM/1.0/DDM+Compte rendu PAT-TROIS Dominique",
                sender: str = SENDER, to: str = MAILBOX, message_id: str | None = None, mdn: bool = True,
                attachments: tuple[tuple[str, str, bytes], ...] = (), xdm_name: str = "IHE_XDM.ZIP") -> bytes:
    """A message as another MSSanté software sends it (headers of §4.3), carrying `xdm` when given."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = "Mon, 15 Jan 2024 10:00:00 +0100"
    message["Message-ID"] = message_id or make_msgid(domain="hopital.test-ci-sis.mssante.fr")
    message["X-MSS-NIL"] = "TEST-NIL"
    if mdn:
        message["Disposition-Notification-To"] = sender
    if xdm is not None:
        message["X-MSS-CODECDA"] = "11488-4"
        message["X-MSS-INS"] = "O"
    message.set_content("Bonjour,\nveuillez trouver le compte rendu.\n", charset="utf-8")
    if xdm is not None:
        message.add_attachment(xdm, maintype="application", subtype="zip", filename=xdm_name)
    for filename, mime, data in attachments:
        maintype, subtype = mime.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes()


def cisis_message(shared_dir: Path, name: str = "VSM_1.4_2022.01.xml", *, variant: str | None = None,
                  message_id: str | None = None, mdn: bool = True) -> bytes:
    """A message with the XDM of one CI-SIS example, or one of `VARIANTS` (plus "malformed_mime")."""
    if variant == "malformed_mime":
        return (b"From: " + SENDER.encode() + b"\r\nMessage-ID: <broken@test>\r\nContent-Type: multipart/mixed;"
                b" boundary=\"abc\"\r\n\r\nno boundary ever\r\n")
    cda = example(shared_dir, name)
    if variant == "patient_mismatch":
        return mss_message(xdm_archive([patient_mismatch(cda)]), message_id=message_id, mdn=mdn)
    return mss_message(xdm_archive([cda], variant=variant), message_id=message_id, mdn=mdn)
