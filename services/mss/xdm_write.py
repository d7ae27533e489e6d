"""The `IHE_XDM.ZIP` of an MSSanté message (IHE ITI-32 XDM "Zip over Email", PROTOCOLS §4.3).

Layout (ISO-9660 8.3 names, upper case): `INDEX.HTM` and `README.TXT` at the root, then one submission set in
`IHE_XDM/SUBSET01/`: `METADATA.XML` (a bare ebRIM `SubmitObjectsRequest`, built by the same code as the DMP's
ITI-41 metadata, §3.4) and the documents `DOC0001.XML`… whose names are the entries' `URI` slot; `hash` and
`size` are those of the exact bytes stored. Pure: bytes in, bytes out.
"""

from __future__ import annotations

import html
import io
import zipfile
from dataclasses import replace
from datetime import datetime

from lxml import etree

from services.dmp.metadata import submit_objects_request
from services.dmp.models import DocumentEntry, Submission

SUBSET = "IHE_XDM/SUBSET01"
METADATA = f"{SUBSET}/METADATA.XML"
ARCHIVE_NAME = "IHE_XDM.zip"  # the attachment's name as §4.0 writes it (receivers accept either case)
MAX_DOCUMENTS = 9999  # DOC0001 … DOC9999 keep the 8.3 rule
_EXTENSIONS = {"text/xml": "XML", "application/xml": "XML", "application/pdf": "PDF", "text/plain": "TXT"}


def document_name(index: int, mime_type: str) -> str:
    """The 8.3 file name of the `index`-th document (1-based): `DOC0001.XML`, `DOC0002.PDF`…"""
    if not 1 <= index <= MAX_DOCUMENTS:
        raise ValueError(f"an XDM subset holds at most {MAX_DOCUMENTS} documents")
    return f"DOC{index:04d}.{_EXTENSIONS.get(mime_type, 'BIN')}"


def with_uris(submission: Submission) -> Submission:
    """The submission whose entries name their file in the subset (slot URI)."""
    entries = [replace(entry, uri=document_name(index, entry.mime_type))
               for index, entry in enumerate(submission.documents, start=1)]
    return replace(submission, documents=entries)


def metadata_xml(submission: Submission) -> bytes:
    """`METADATA.XML` of a submission whose entries carry their URI."""
    return etree.tostring(submit_objects_request(submission), xml_declaration=True, encoding="UTF-8")


def _index(entries: list[DocumentEntry], sender: str, when: datetime) -> bytes:
    rows = "\n".join(f'<li><a href="{SUBSET}/{entry.uri}">{html.escape(entry.title)}</a> '
                     f"({html.escape(entry.type_code.display or entry.type_code.code)})</li>" for entry in entries)
    page = (f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>Documents transmis</title>'
            f"</head>\n<body><h1>Documents transmis</h1>\n<p>Expéditeur : {html.escape(sender)} — "
            f"{when:%d/%m/%Y %H:%M} UTC</p>\n<ul>\n{rows}\n</ul>\n</body></html>\n")
    return page.encode("utf-8")


def _readme(sender: str, software: str, when: datetime) -> bytes:
    return (f"Archive IHE XDM (ITI-32) transmise par messagerie sécurisée de santé (MSSanté).\r\n"
            f"Expéditeur : {sender}\r\nLogiciel : {software}\r\nDate : {when:%Y-%m-%d %H:%M:%S} UTC\r\n"
            f"Contenu : {METADATA} et les documents qu'il décrit.\r\n").encode()


def build_archive(submission: Submission, *, sender: str, software: str) -> bytes:
    """The zip bytes: index, readme, metadata and each entry's content under its URI (given by `with_uris`)."""
    submission = with_uris(submission)
    when = submission.submission_time
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("INDEX.HTM", _index(submission.documents, sender, when))
        archive.writestr("README.TXT", _readme(sender, software, when))
        archive.writestr(METADATA, metadata_xml(submission))
        for entry in submission.documents:
            archive.writestr(f"{SUBSET}/{entry.uri}", entry.content)
    return buffer.getvalue()
