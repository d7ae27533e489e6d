"""The MIME message an LPS sends through MSSanté (PROTOCOLS §4.0 and §4.3; Référentiel socle #2 ECO.2.x).

`multipart/mixed`: a UTF-8 text body, the `IHE_XDM.zip` archive of the structured documents, the PDF/A rendering
of each for human readers (named `<date>_<type>_<NOM>_<prénom>.pdf`) and any loose attachments; the subject
`XDM/1.0/DDM+<libellé> <NOM> <prénom> <date de naissance>` when documents travel; the headers `X-MSS-NIL` (every
message), `X-MSS-CODECDA` and `X-MSS-INS` (with an archive), `X-MSS-MES: FIN` (to a patient whose reply the
professional blocks) and `Disposition-Notification-To` (MDN). One patient per message (ECO.2.1.2): a message
whose documents name two patients is refused here, before anything leaves.
"""

from __future__ import annotations

import email.policy
import re
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from email.utils import formatdate

from services.dmp.models import Submission
from services.errors import ServiceError
from services.mss import xdm_write

SUBJECT_PREFIX = "XDM/1.0/DDM+"
PATIENT_DOMAIN = "patient.mssante.fr"
CDA_MIME_TYPES = ("text/xml", "application/xml")
# CRLF, and headers folded only past RFC 5322's 998 characters: a subject folded at 78 comes back with a leading
# space from some parsers, and receivers match the `XDM/1.0/DDM+` prefix at its very start.
_POLICY = email.policy.SMTP.clone(max_line_length=998)


class MessageBuildError(ServiceError):
    """The message breaks an MSSanté rule (two patients, no recipient): nothing is sent; French reason."""


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mime_type: str  # "application/pdf"…


@dataclass(frozen=True)
class PatientLabel:
    """How the subject and the PDF names call the patient (birth name, first given name, birth date)."""

    family: str
    given: str
    birth_date: str  # ISO `AAAA-MM-JJ`; RNIV partial dates keep their `00`

    @property
    def birth_date_text(self) -> str:
        year, month, day = self.birth_date.split("-")
        return f"{day}/{month}/{year}"


@dataclass(frozen=True)
class Documents:
    """The structured documents of a message: one XDS submission (one patient) and each document's PDF/A."""

    submission: Submission
    pdfs: tuple[bytes, ...]  # in the order of submission.documents (b"" when a document has none)
    label: str  # the subject's <libellé>, e.g. "Compte rendu de consultation"
    patient: PatientLabel
    software: str  # README.TXT of the archive: the sending software


@dataclass(frozen=True)
class OutgoingMessage:
    sender: str
    recipients: tuple[str, ...]
    message_id: str  # `<…@…>`, chosen once by the caller so that a retry sends the same message
    nil: str  # X-MSS-NIL: the product reference declared on Convergence
    text: str
    subject: str = ""  # a free message's subject; a message with documents takes the §4.0 one
    documents: Documents | None = None
    attachments: tuple[Attachment, ...] = ()
    end_patient_exchange: bool = False  # the professional blocks the patient's reply (X-MSS-MES: FIN)


def new_message_id(address: str) -> str:
    return f"<{uuid.uuid4()}@{address.rpartition('@')[2] or 'localhost'}>"


def is_patient_address(address: str) -> bool:
    return address.lower().endswith("@" + PATIENT_DOMAIN)


def patient_address(ins: str) -> str:
    """The patient's Mon espace santé mailbox; only for a qualified INS (ECO.2.2.6), checked by the caller."""
    return f"{ins}@{PATIENT_DOMAIN}"


def document_subject(label: str, patient: PatientLabel) -> str:
    """ECO.2.1.3: `XDM/1.0/DDM+<libellé> <NOM> <prénom> <date de naissance>`; receivers hide the prefix."""
    return f"{SUBJECT_PREFIX}{label} {patient.family.upper()} {patient.given} {patient.birth_date_text}"


def _file_part(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-") or "document"


def pdf_name(when: date, type_label: str, patient: PatientLabel) -> str:
    """ECO.2.1.5: `<date>_<type>_<NOM>_<prénom>.pdf`, ASCII only so that every client shows it unchanged."""
    return (f"{when:%Y%m%d}_{_file_part(type_label)}_{_file_part(patient.family).upper()}_"
            f"{_file_part(patient.given)}.pdf")


def check_one_patient(submission: Submission) -> None:
    """Refuse documents of two patients in one message (ECO.2.1.2: the receiver files the message by patient)."""
    others = {entry.patient.cx for entry in submission.documents} - {submission.patient.cx}
    if others:
        raise MessageBuildError("MSS-ONE-PATIENT", "Un message MSSanté ne peut concerner qu'un seul patient : "
                                "envoyez les documents de chaque patient dans un message séparé.", transient=False)


def cda_codes(submission: Submission) -> list[str]:
    """X-MSS-CODECDA: the CDA `code/@code` of each CDA of the archive (the entry's typeCode, the same code)."""
    return [entry.type_code.code for entry in submission.documents if entry.mime_type in CDA_MIME_TYPES]


def _attach(message: EmailMessage, attachment: Attachment) -> None:
    maintype, _, subtype = attachment.mime_type.partition("/")
    message.add_attachment(attachment.content, maintype=maintype, subtype=subtype or "octet-stream",
                           filename=attachment.filename)
    *_, part = message.iter_parts()
    part.set_param("name", attachment.filename)  # Content-Type `name` too: older clients read only that


def document_attachments(documents: Documents, sender: str) -> list[Attachment]:
    """The archive, then each document's PDF/A rendering under its ECO.2.1.5 name."""
    submission = documents.submission
    archive = xdm_write.build_archive(submission, sender=sender, software=documents.software)
    found = [Attachment(xdm_write.ARCHIVE_NAME, archive, "application/zip")]
    for entry, pdf in zip(submission.documents, documents.pdfs, strict=True):
        if pdf:
            name = pdf_name(entry.creation_time.date(), entry.type_code.display or entry.title, documents.patient)
            found.append(Attachment(name, pdf, "application/pdf"))
    return found


def build_message(outgoing: OutgoingMessage, *, when: float | None = None) -> EmailMessage:
    """The RFC 5322 message (bytes: `bytes(message)` or `message.as_bytes()`).

    Raises:
        MessageBuildError: no recipient, or documents of more than one patient.
    """
    if not outgoing.recipients:
        raise MessageBuildError("MSS-NO-RECIPIENT", "Indiquez au moins un destinataire.", transient=False)
    message = EmailMessage(policy=_POLICY)
    message["From"] = outgoing.sender
    message["To"] = ", ".join(outgoing.recipients)
    message["Date"] = formatdate(when, usegmt=True)
    message["Message-ID"] = outgoing.message_id
    message["X-MSS-NIL"] = outgoing.nil
    message["Disposition-Notification-To"] = outgoing.sender
    if outgoing.end_patient_exchange and any(is_patient_address(address) for address in outgoing.recipients):
        message["X-MSS-MES"] = "FIN"
    attachments: list[Attachment] = []
    if outgoing.documents is not None:
        submission = outgoing.documents.submission
        check_one_patient(submission)
        codes = cda_codes(submission)
        if codes:
            message["X-MSS-CODECDA"] = ",".join(codes)
            message["X-MSS-INS"] = "O" if submission.patient.id_type == "NH" else "N"
        attachments = document_attachments(outgoing.documents, outgoing.sender)
    message["Subject"] = (document_subject(outgoing.documents.label, outgoing.documents.patient)
                          if outgoing.documents is not None else outgoing.subject)
    message.set_content(outgoing.text, charset="utf-8", cte="quoted-printable")
    for attachment in (*attachments, *outgoing.attachments):
        _attach(message, attachment)
    return message

