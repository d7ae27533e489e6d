"""A free MSSanté message (issue 12 item 2, the compose dialog): subject, text and attached files, to
professionals' MSSanté mailboxes — the patient's correspondents or an Annuaire Santé entry — and, about one
patient, to that patient's Mon espace santé mailbox.

Everything is checked before anything is stored, each refusal a French `ComposeRefused`:
- a professional's address must be one the Annuaire lists for that professional (RPPS), or the mailbox chosen for
  one of the patient's correspondents: never a typed address or a plain e-mail;
- the patient's own box only for a qualified INS (ECO.2.2.6), unless the patient objected, and only the box of the
  patient the message is about (one patient per message, ECO.2.1.2);
- attachments of the allowed types (PDF, JPEG/PNG/TIFF images, UTF-8 text, CDA), recognised by their content and
  not only by their name, the whole message under the operator's limit and under Mon espace santé's 25 MB;
- a subject on one line (it becomes a header) that does not take the structured-document prefix.
The message, its recipients, its attachments and its `mss.compose` order are written in one transaction; the
outbox worker sends it (`lgc_app.mss.handler`) and it appears in "Envois".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from lgc_app.config import Settings
from lgc_app.directory import codec
from lgc_app.directory.models import CachedPractitioner, Correspondent
from lgc_app.directory.use_cases import CorrespondentRole
from lgc_app.documents.actors import Actor
from lgc_app.errors import UserError
from lgc_app.mss.patient_objection import objection_of
from lgc_app.mss.planning import COMPOSE_KIND, OBJECTED, PATIENT, UNQUALIFIED, new_message
from lgc_app.mss.sent_models import MssAttachment
from lgc_app.patients.models import Patient
from lgc_app.persistence.database import Database
from services.annuaire import PractitionerEntry
from services.mss.message_build import SUBJECT_PREFIX, is_patient_address, patient_address
from services.mss.smtp import PATIENT_SIZE_LIMIT
from services.xml import UnsafeXmlError, parse_bytes

MB = 1024 * 1024
MAX_SUBJECT = 300  # mss_messages.subject
MAX_TEXT = 100_000
MAX_FILENAME = 255
HEADERS_ALLOWANCE = 4096  # the headers and MIME boundaries of a message, generously
_CDA_ROOT = "{urn:hl7-org:v3}ClinicalDocument"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class ComposeRefused(UserError, ValueError):
    code = "MSS-COMPOSE-REFUSED"
    summary = "Ce message ne peut pas être envoyé par messagerie sécurisée."


# -- attachments ------------------------------------------------------------------------------------------


def _is_text(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in data


def _is_cda(data: bytes) -> bool:
    try:
        return parse_bytes(data).tag == _CDA_ROOT
    except (UnsafeXmlError, ValueError):  # lxml's XMLSyntaxError is a ValueError too
        return False


@dataclass(frozen=True)
class FileType:
    label: str  # French, for the refusal
    mime_type: str
    matches: Callable[[bytes], bool]


_PDF = FileType("PDF", "application/pdf", lambda data: data.startswith(b"%PDF-"))
_JPEG = FileType("image JPEG", "image/jpeg", lambda data: data.startswith(b"\xff\xd8\xff"))
_PNG = FileType("image PNG", "image/png", lambda data: data.startswith(b"\x89PNG\r\n\x1a\n"))
_TIFF = FileType("image TIFF", "image/tiff", lambda data: data[:4] in (b"II*\x00", b"MM\x00*"))
_TEXT = FileType("texte (UTF-8)", "text/plain", _is_text)
_CDA = FileType("document CDA", "text/xml", _is_cda)
FILE_TYPES = {".pdf": _PDF, ".jpg": _JPEG, ".jpeg": _JPEG, ".png": _PNG, ".tif": _TIFF, ".tiff": _TIFF,
              ".txt": _TEXT, ".xml": _CDA}
ALLOWED_TEXT = "PDF, images JPEG, PNG ou TIFF, texte (.txt), document CDA (.xml)"


def size_text(size: int) -> str:
    """"12 ko", "3,4 Mo": how the screens and the refusals give a size."""
    if size < MB:
        return f"{max(1, round(size / 1024))} ko"
    return f"{size / MB:.1f} Mo".replace(".", ",")


@dataclass(frozen=True)
class FileAttachment:
    filename: str
    mime_type: str
    content: bytes

    @property
    def size(self) -> int:
        return len(self.content)


def _clean_name(name: str) -> str:
    """The file's own name (no folder), printable, at most 255 characters with its extension kept."""
    cleaned = _CONTROL.sub("", unicodedata.normalize("NFC", name)).strip() or "piece-jointe"
    if len(cleaned) > MAX_FILENAME:
        stem, dot, extension = cleaned.rpartition(".")
        keep = MAX_FILENAME - len(extension) - 1
        cleaned = f"{stem[:keep]}.{extension}" if dot and keep > 0 else cleaned[:MAX_FILENAME]
    return cleaned


def attachment_from_bytes(filename: str, content: bytes) -> FileAttachment:
    """A file as it will be attached: its type from its extension, confirmed by its content.

    Raises:
        ComposeRefused: a type outside PDF, images, text and CDA, or content that is not what the name says.
    """
    name = _clean_name(Path(filename).name)
    kind = FILE_TYPES.get(Path(name).suffix.lower())
    if kind is None:
        raise ComposeRefused(f"« {name} » : type de fichier non accepté. Fichiers acceptés : {ALLOWED_TEXT}.")
    if not content:
        raise ComposeRefused(f"« {name} » est vide.")
    if not kind.matches(content):
        raise ComposeRefused(f"« {name} » n'est pas un fichier {kind.label} valide : son contenu ne correspond pas "
                             "à son extension.")
    return FileAttachment(name, kind.mime_type, content)


def read_attachment(path: Path, *, limit: int) -> FileAttachment:
    """Read a file to attach (blocking: call it off the GUI loop); a file over `limit` bytes is not even read.

    Raises:
        ComposeRefused: unreadable, too large, or not of an allowed type.
    """
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ComposeRefused(f"« {path.name} » n'est pas un fichier.")
        if size > limit:
            raise ComposeRefused(f"« {path.name} » fait {size_text(size)} : un message ne peut dépasser "
                                 f"{size_text(limit)}.")
        content = path.read_bytes()
    except OSError as exc:
        raise ComposeRefused(f"« {path.name} » ne peut pas être lu ({exc.strerror or 'erreur de lecture'}).") from None
    return attachment_from_bytes(path.name, content)


def encoded_size(size: int) -> int:
    """Bytes of a base64 body part of `size` bytes, in 76-character lines with CRLF (RFC 2045)."""
    encoded = 4 * ((size + 2) // 3)
    return encoded + 2 * ((encoded + 75) // 76)


def operator_limit(settings: Settings) -> int:
    """The largest message the practice's operator accepts (`mss.max_message_mb`), in bytes."""
    return int(settings["mss.max_message_mb"]) * MB


# -- recipients -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    """A chosen address: a professional's (with the RPPS that vouches for it) or the patient's own box."""

    address: str
    kind: str  # PATIENT, or a correspondent role value (medecin_traitant, adresseur, autre)
    label: str = ""  # who, for the screens
    rpps: str = ""

    @property
    def is_patient(self) -> bool:
        return self.kind == PATIENT


@dataclass(frozen=True)
class RecipientChoices:
    """What the compose dialog offers for one patient."""

    correspondents: tuple[Recipient, ...]  # those with a chosen MSSanté box, médecin traitant first
    patient_box: Recipient | None  # the patient's Mon espace santé box, when it may be written to
    patient_refusal: str  # why not, otherwise ("" when it may)
    patient_name: str

    @property
    def patient_refusal_short(self) -> str:
        return {UNQUALIFIED: "identité non qualifiée", OBJECTED: "le patient s'y est opposé"}.get(
            self.patient_refusal, self.patient_refusal)


@dataclass(frozen=True)
class AddressOption:
    """One address of an Annuaire entry: MSSanté boxes can be chosen, plain e-mails are shown but cannot."""

    address: str
    label: str
    selectable: bool


def annuaire_options(entry: PractitionerEntry) -> tuple[AddressOption, ...]:
    boxes = [AddressOption(box.address, f"{box.address} — MSSanté ({box.kind.label})", True)
             for box in entry.all_mailboxes()]
    known = {box.address.lower() for box in boxes}
    plain = [AddressOption(email, f"{email} — e-mail ordinaire, non sécurisé : envoi impossible", False)
             for place in entry.places for email in place.emails if email.lower() not in known]
    return tuple(boxes + plain)


def annuaire_recipient(entry: PractitionerEntry, address: str) -> Recipient:
    return Recipient(address, CorrespondentRole.OTHER.value, entry.display_name, entry.rpps)


def recipient_choices(db: Database, patient_id: int) -> RecipientChoices:
    with db.reading() as session:
        patient = session.get(Patient, patient_id)
        if patient is None:
            raise ComposeRefused(f"Patient {patient_id} introuvable.")
        rows = session.scalars(select(Correspondent).where(Correspondent.patient_id == patient_id,
                                                           Correspondent.mailbox != ""))
        order = [role.value for role in CorrespondentRole]
        professionals = tuple(Recipient(row.mailbox, row.role, f"{row.family} {row.given}".strip(), row.rpps)
                              for row in sorted(rows, key=lambda row: (order.index(row.role), row.family, row.id)))
        refusal = _patient_refusal(session, patient)
        ins = patient.ins_for_export()
        box = (Recipient(patient_address(ins[0]), PATIENT, patient.display_name)
               if not refusal and ins is not None else None)
        return RecipientChoices(professionals, box, refusal, patient.display_name)


def _patient_refusal(session: Session, patient: Patient) -> str:
    if patient.ins_for_export() is None:
        return UNQUALIFIED
    if objection_of(session, patient.id) is not None:
        return OBJECTED
    return ""


# -- the message ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Draft:
    subject: str
    text: str
    recipients: tuple[Recipient, ...]
    attachments: tuple[FileAttachment, ...] = ()
    patient_id: int | None = None

    @property
    def estimated_size(self) -> int:
        """About the size of the message on the wire: text in quoted-printable, files in base64."""
        text = len(self.text.encode("utf-8"))
        return (HEADERS_ALLOWANCE + len(self.subject.encode("utf-8")) * 2 + text + text // 3
                + sum(encoded_size(attachment.size) + 300 for attachment in self.attachments))


@dataclass(frozen=True)
class Queued:
    order_id: str
    message_id: str
    addresses: tuple[str, ...]


def check_content(draft: Draft, *, limit: int) -> None:
    """Subject, text and size, without the database (the dialog checks them as the user types too).

    Raises:
        ComposeRefused: with the French reason of the first problem found.
    """
    subject = draft.subject.strip()
    if not subject:
        raise ComposeRefused("Indiquez l'objet du message.")
    if _CONTROL.search(subject):
        raise ComposeRefused("L'objet doit tenir sur une ligne.")
    if len(subject) > MAX_SUBJECT:
        raise ComposeRefused(f"L'objet est trop long ({len(subject)} caractères, {MAX_SUBJECT} au plus).")
    if subject.upper().startswith(SUBJECT_PREFIX.rstrip("+").upper()):
        raise ComposeRefused(f"L'objet ne peut pas commencer par « {SUBJECT_PREFIX.rstrip('+')} », réservé aux "
                             "documents structurés.")
    if not draft.text.strip() and not draft.attachments:
        raise ComposeRefused("Le message est vide : écrivez un texte ou joignez un fichier.")
    if len(draft.text) > MAX_TEXT:
        raise ComposeRefused(f"Le texte est trop long ({len(draft.text)} caractères, {MAX_TEXT} au plus) : "
                             "joignez-le plutôt en fichier.")
    if not draft.recipients:
        raise ComposeRefused("Indiquez au moins un destinataire.")
    size = draft.estimated_size
    if size > limit:
        raise ComposeRefused(f"Le message ferait environ {size_text(size)} : votre opérateur MSSanté n'accepte pas "
                             f"plus de {size_text(limit)}. Retirez ou allégez des pièces jointes.")
    if size > PATIENT_SIZE_LIMIT and any(recipient.is_patient for recipient in draft.recipients):
        raise ComposeRefused(f"Le message ferait environ {size_text(size)} : Mon espace santé refuse les messages "
                             f"de plus de {size_text(PATIENT_SIZE_LIMIT)}. Retirez ou allégez des pièces jointes.")


def _check_address(address: str) -> None:
    local, at, domain = address.partition("@")
    if not at or not local or "@" in domain or "." not in domain or _CONTROL.search(address) or " " in address:
        raise ComposeRefused(f"Adresse invalide : « {address} ».")
    if not domain.lower().endswith(".mssante.fr"):
        raise ComposeRefused(f"« {address} » n'est pas une adresse MSSanté : un e-mail ordinaire ne peut pas "
                             "recevoir de données de santé.")


def _check_patient_box(session: Session, patient: Patient | None, address: str) -> None:
    if patient is None:
        raise ComposeRefused("Pour écrire dans Mon espace santé, le message doit concerner le patient : ouvrez-le "
                             "depuis son dossier.")
    refusal = _patient_refusal(session, patient)
    if refusal:
        raise ComposeRefused(refusal)
    ins = patient.ins_for_export()
    if ins is None or address.lower() != patient_address(ins[0]).lower():
        raise ComposeRefused(f"« {address} » n'est pas la messagerie Mon espace santé de {patient.display_name} : "
                             "un message ne concerne qu'un seul patient.")


def _check_professional(session: Session, patient_id: int | None, recipient: Recipient) -> None:
    """The address is the box chosen for one of the patient's correspondents, or listed in the Annuaire."""
    address = recipient.address.lower()
    if patient_id is not None:
        chosen = session.scalars(select(Correspondent.mailbox).where(Correspondent.patient_id == patient_id,
                                                                     Correspondent.rpps == recipient.rpps))
        if address in {mailbox.lower() for mailbox in chosen}:
            return
    cached = session.get(CachedPractitioner, recipient.rpps) if recipient.rpps else None
    if cached is not None and address in {box.address.lower()
                                          for box in codec.loads(cached.entry_json).all_mailboxes()}:
        return
    raise ComposeRefused(f"« {recipient.address} » n'est pas une messagerie MSSanté de "
                         f"{recipient.label or 'ce professionnel'} dans l'Annuaire Santé : choisissez le "
                         "destinataire parmi les correspondants du patient ou dans l'Annuaire.")


def queue_message(db: Database, draft: Draft, actor: Actor, *, limit: int) -> Queued:
    """Check the message and queue it (message, recipients, files and `mss.compose` order in one transaction).

    Raises:
        ComposeRefused: the French reason the message cannot go as it is.
    """
    check_content(draft, limit=limit)
    unique: dict[str, Recipient] = {}
    for recipient in draft.recipients:
        address = recipient.address.strip()
        _check_address(address)
        if recipient.is_patient != is_patient_address(address):
            raise ComposeRefused(f"« {address} » : une messagerie Mon espace santé n'est choisie que pour le patient.")
        unique.setdefault(address.lower(), Recipient(address, recipient.kind, recipient.label, recipient.rpps))
    with db.unit_of_work() as session:
        patient = session.get(Patient, draft.patient_id) if draft.patient_id is not None else None
        if draft.patient_id is not None and patient is None:
            raise ComposeRefused(f"Patient {draft.patient_id} introuvable.")
        for recipient in unique.values():
            if recipient.is_patient:
                _check_patient_box(session, patient, recipient.address)
            else:
                _check_professional(session, draft.patient_id, recipient)
        message = new_message(session, actor=actor, kind=COMPOSE_KIND, patient_id=draft.patient_id,
                              document_id=None, subject=draft.subject.strip(), body=draft.text,
                              recipients=[(recipient.address, recipient.kind) for recipient in unique.values()])
        message.attachments.extend(MssAttachment(filename=attachment.filename, mime_type=attachment.mime_type,
                                                 content=attachment.content) for attachment in draft.attachments)
        session.flush()
        assert message.order_id is not None and message.message_id is not None  # set by new_message
        return Queued(message.order_id, message.message_id, tuple(r.address for r in unique.values()))
