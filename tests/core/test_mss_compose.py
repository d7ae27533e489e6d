"""A free MSSanté message (lgc_app.mss.compose): recipients vouched for by the correspondents or the Annuaire, the
patient's own box only for a qualified identity without objection, allowed attachments recognised by content,
size limits, one transaction, and the message as the stand-in operator receives it."""

from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from lgc_app.bootstrap import outbox_handlers
from lgc_app.config import Settings
from lgc_app.directory.models import Correspondent
from lgc_app.directory.use_cases import remember
from lgc_app.mss import compose
from lgc_app.mss.compose import ComposeRefused, Draft, FileAttachment, Recipient
from lgc_app.mss.patient_objection import set_objection
from lgc_app.mss.planning import COMPOSE_KIND, PATIENT
from lgc_app.mss.sent_models import MssMessage, RecipientStatus
from lgc_app.outbox.backoff import Backoff
from lgc_app.outbox.models import SendOrder
from lgc_app.outbox.worker import Worker
from lgc_app.patients.vocabulary import IdentityStatus
from lgc_app.persistence.database import Database
from services.annuaire import Mailbox, MailboxKind, PracticePlace, PractitionerEntry
from tests.helpers.dmp import random_ins
from tests.helpers.dmp_feed import CABINET, Cabinetry, add_qualified_patient, drain
from tests.helpers.mss_server import MssOperator

DOCTOR = "jean.traitant@medecin.mssante.fr"
DOCTOR_RPPS = "10000000001"
LIMIT = 20 * compose.MB
PDF = b"%PDF-1.4\n" + b"0" * 2000
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
CDA = (b'<?xml version="1.0"?><ClinicalDocument xmlns="urn:hl7-org:v3"><title>CR</title></ClinicalDocument>')
CARDIO = PractitionerEntry(
    resource_id="pr-cardio", rpps="99700412345", family="CARDIO", given="Claire",
    mailboxes=(Mailbox("claire.cardio@cardio.mssante.fr", MailboxKind.PERSONAL),),
    places=(PracticePlace(organisation_id="org", name="CABINET DE CARDIOLOGIE",
                          mailboxes=(Mailbox("secretariat@cardio-lyon.mssante.fr", MailboxKind.ORGANISATIONAL),),
                          emails=("contact@cabinet-cardio-lyon.fr",)),))


def _correspondent(db: Database, patient_id: int, mailbox: str = DOCTOR, role: str = "medecin_traitant") -> None:
    with db.unit_of_work() as session:
        session.add(Correspondent(patient_id=patient_id, role=role, rpps=DOCTOR_RPPS, family="TRAITANT",
                                  given="Jean", specialty="Médecine générale", mailbox=mailbox, mailbox_kind="PER",
                                  place="", added_by="test"))


def _doctor() -> Recipient:
    return Recipient(DOCTOR, "medecin_traitant", "TRAITANT Jean", DOCTOR_RPPS)


def _draft(*recipients: Recipient, patient_id: int | None = None, subject: str = "Votre patiente",
           text: str = "Bonjour,\nrésultats ci-joints.", attachments: tuple[FileAttachment, ...] = ()) -> Draft:
    return Draft(subject, text, recipients, attachments, patient_id)


def _count(db: Database) -> tuple[int, int]:
    with db.reading() as session:
        return len(session.scalars(select(MssMessage.id)).all()), len(session.scalars(select(SendOrder.id)).all())


def _refusal(db: Database, draft: Draft, cabinet: Cabinetry, limit: int = LIMIT) -> str:
    before = _count(db)
    with pytest.raises(ComposeRefused) as caught:
        compose.queue_message(db, draft, cabinet.author, limit=limit)
    assert _count(db) == before  # nothing half-written
    return caught.value.text


def test_a_message_to_a_correspondent_is_queued_with_its_files(db: Database, cabinet: Cabinetry) -> None:
    patient_id = add_qualified_patient(db, random_ins())
    _correspondent(db, patient_id)
    files = (compose.attachment_from_bytes("bilan.pdf", PDF), compose.attachment_from_bytes("ecg.png", PNG))
    queued = compose.queue_message(db, _draft(_doctor(), _doctor(), patient_id=patient_id, attachments=files),
                                   cabinet.author, limit=LIMIT)
    assert queued.addresses == (DOCTOR,)  # the same address twice is one recipient
    with db.reading() as session:
        [message] = session.scalars(select(MssMessage)).all()
        order = session.get(SendOrder, queued.order_id)
        assert order is not None and order.kind == COMPOSE_KIND and order.ordered_by == "pmedecin"
        assert (message.order_id, message.message_id, message.document_id) == (order.id, queued.message_id, None)
        assert (message.subject, message.body, message.patient_id) == ("Votre patiente", _draft().text, patient_id)
        assert [(r.address, r.kind, r.status) for r in message.recipients] == [
            (DOCTOR, "medecin_traitant", RecipientStatus.PLANNED)]
        assert [(a.filename, a.mime_type, a.content) for a in message.attachments] == [
            ("bilan.pdf", "application/pdf", PDF), ("ecg.png", "image/png", PNG)]


def test_a_box_listed_in_the_annuaire_cache_is_accepted_without_a_patient(db: Database, cabinet: Cabinetry) -> None:
    remember(db, [CARDIO])
    organisation = compose.annuaire_recipient(CARDIO, "secretariat@cardio-lyon.mssante.fr")
    queued = compose.queue_message(db, _draft(organisation), cabinet.author, limit=LIMIT)
    assert queued.addresses == ("secretariat@cardio-lyon.mssante.fr",)
    unknown = Recipient("inconnu@cardio.mssante.fr", "autre", "CARDIO Claire", CARDIO.rpps)
    assert "n'est pas une messagerie MSSanté de CARDIO Claire" in _refusal(db, _draft(unknown), cabinet)


def test_plain_e_mails_are_shown_but_not_selectable() -> None:
    options = compose.annuaire_options(CARDIO)
    assert [(o.address, o.selectable) for o in options] == [
        ("claire.cardio@cardio.mssante.fr", True), ("secretariat@cardio-lyon.mssante.fr", True),
        ("contact@cabinet-cardio-lyon.fr", False)]
    assert "non sécurisé" in options[-1].label and "MSSanté" in options[0].label


@pytest.mark.parametrize(("recipient", "expected"), [
    (Recipient("contact@cabinet-cardio-lyon.fr", "autre", "CARDIO", "99700412345"), "n'est pas une adresse MSSanté"),
    (Recipient("pas-une-adresse", "autre", "X", "1"), "Adresse invalide"),
    (Recipient("a@b@medecin.mssante.fr", "autre", "X", "1"), "Adresse invalide"),
    (Recipient("tape.a.la.main@medecin.mssante.fr", "autre", "", ""), "n'est pas une messagerie MSSanté de ce "
                                                                       "professionnel"),
])
def test_addresses_not_vouched_for_are_refused(db: Database, cabinet: Cabinetry, recipient: Recipient,
                                               expected: str) -> None:
    assert expected in _refusal(db, _draft(recipient), cabinet)


def test_the_patients_box_only_for_a_qualified_identity_without_objection(db: Database, cabinet: Cabinetry) -> None:
    ins = random_ins()
    patient_id = add_qualified_patient(db, ins)
    box = Recipient(f"{ins}@patient.mssante.fr", PATIENT, "le patient")
    choices = compose.recipient_choices(db, patient_id)
    assert choices.patient_box == Recipient(box.address, PATIENT, choices.patient_name) and not choices.patient_refusal
    assert "concerner le patient" in _refusal(db, _draft(box), cabinet)  # no patient named
    other = add_qualified_patient(db, random_ins())
    assert "un seul patient" in _refusal(db, _draft(box, patient_id=other), cabinet)
    assert "n'est choisie que pour le patient" in _refusal(db, _draft(Recipient(box.address, "autre", "", "1"),
                                                                      patient_id=patient_id), cabinet)
    set_objection(db, patient_id, True, "secretariat")
    assert "opposé" in _refusal(db, _draft(box, patient_id=patient_id), cabinet)
    assert compose.recipient_choices(db, patient_id).patient_box is None
    set_objection(db, patient_id, False, "secretariat")
    queued = compose.queue_message(db, _draft(box, patient_id=patient_id), cabinet.author, limit=LIMIT)
    with db.reading() as session:
        [message] = session.scalars(select(MssMessage)).all()
        assert [(r.address, r.kind) for r in message.recipients] == [(box.address, PATIENT)]
    assert queued.addresses == (box.address,)


def test_no_patient_box_for_an_identity_not_qualified(db: Database, cabinet: Cabinetry) -> None:
    ins = random_ins()
    patient_id = add_qualified_patient(db, ins, status=IdentityStatus.VALI)
    choices = compose.recipient_choices(db, patient_id)
    assert choices.patient_box is None and "non qualifiée" in choices.patient_refusal
    box = Recipient(f"{ins}@patient.mssante.fr", PATIENT)
    assert "non qualifiée" in _refusal(db, _draft(box, patient_id=patient_id), cabinet)


def test_choices_list_the_correspondents_with_a_box_treating_doctor_first(db: Database, cabinet: Cabinetry) -> None:
    patient_id = add_qualified_patient(db, random_ins())
    with db.unit_of_work() as session:
        for rpps, role, family, mailbox in (("1", "autre", "AUTRE", "autre@x.mssante.fr"),
                                            ("2", "medecin_traitant", "TRAITANT", "mt@x.mssante.fr"),
                                            ("3", "adresseur", "SANSBOITE", "")):
            session.add(Correspondent(patient_id=patient_id, role=role, rpps=rpps, family=family, given="A",
                                      specialty="", mailbox=mailbox, mailbox_kind="PER" if mailbox else "",
                                      place="", added_by="test"))
    choices = compose.recipient_choices(db, patient_id)
    assert [(r.address, r.kind, r.rpps) for r in choices.correspondents] == [
        ("mt@x.mssante.fr", "medecin_traitant", "2"), ("autre@x.mssante.fr", "autre", "1")]


@pytest.mark.parametrize(("subject", "text", "files", "expected"), [
    ("  ", "texte", (), "Indiquez l'objet"),
    ("Objet\r\nBcc: x@y.fr", "texte", (), "une ligne"),
    ("XDM/1.0/DDM+CR DUPONT", "texte", (), "réservé aux documents structurés"),
    ("O" * 301, "texte", (), "trop long"),
    ("Objet", "   ", (), "Le message est vide"),
    ("Objet", "x" * 100_001, (), "joignez-le plutôt"),
])
def test_content_refusals(db: Database, cabinet: Cabinetry, subject: str, text: str,
                          files: tuple[FileAttachment, ...], expected: str) -> None:
    assert expected in _refusal(db, _draft(_doctor(), subject=subject, text=text, attachments=files), cabinet)


def test_no_recipient(db: Database, cabinet: Cabinetry) -> None:
    assert "au moins un destinataire" in _refusal(db, _draft(), cabinet)


def test_size_limits_of_the_operator_and_of_mon_espace_sante(db: Database, cabinet: Cabinetry) -> None:
    ins = random_ins()
    patient_id = add_qualified_patient(db, ins)
    _correspondent(db, patient_id)
    big = FileAttachment("scanner.pdf", "application/pdf", b"%PDF-" + bytes(19 * compose.MB))  # ~26 MB in base64
    text = _refusal(db, _draft(_doctor(), patient_id=patient_id, attachments=(big,)), cabinet, limit=LIMIT)
    assert "environ 26,0 Mo" in text and "n'accepte pas plus de 20,0 Mo" in text
    box = Recipient(f"{ins}@patient.mssante.fr", PATIENT)
    text = _refusal(db, _draft(_doctor(), box, patient_id=patient_id, attachments=(big,)), cabinet,
                    limit=40 * compose.MB)
    assert "Mon espace santé refuse les messages de plus de 25,0 Mo" in text
    compose.queue_message(db, _draft(_doctor(), patient_id=patient_id, attachments=(big,)), cabinet.author,
                          limit=40 * compose.MB)  # to a professional, within the operator's limit: accepted


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("programme.exe", b"MZ\x90\x00", "type de fichier non accepté"),
    ("sans-extension", b"%PDF-1.4", "type de fichier non accepté"),
    ("bilan.pdf", PNG, "n'est pas un fichier PDF valide"),
    ("photo.jpg", PDF, "n'est pas un fichier image JPEG valide"),
    ("note.txt", b"\xff\xfe\x00a", "n'est pas un fichier texte (UTF-8) valide"),
    ("autre.xml", b"<html/>", "n'est pas un fichier document CDA valide"),
    ("xxe.xml", b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                b'<ClinicalDocument xmlns="urn:hl7-org:v3">&x;</ClinicalDocument>', "document CDA valide"),
    ("vide.pdf", b"", "est vide"),
])
def test_attachment_refusals(name: str, content: bytes, expected: str) -> None:
    with pytest.raises(ComposeRefused, match=re.escape(expected)):
        compose.attachment_from_bytes(name, content)


def test_attachments_recognised_by_content_and_named_safely(tmp_path: Path) -> None:
    cda = compose.attachment_from_bytes("CR.XML", CDA)
    assert (cda.filename, cda.mime_type) == ("CR.XML", "text/xml")
    text = compose.attachment_from_bytes("../../etc/note\x07.txt", b"Tension 12/8")
    assert (text.filename, text.mime_type) == ("note.txt", "text/plain")
    long = compose.attachment_from_bytes("a" * 400 + ".pdf", PDF)
    assert len(long.filename) == 255 and long.filename.endswith(".pdf")
    path = tmp_path / "scan.tiff"
    path.write_bytes(b"II*\x00" + bytes(5000))
    read = compose.read_attachment(path, limit=LIMIT)
    assert (read.filename, read.mime_type, read.size) == ("scan.tiff", "image/tiff", 5004)
    assert compose.size_text(read.size) == "5 ko" and compose.size_text(3 * compose.MB // 2) == "1,5 Mo"
    with pytest.raises(ComposeRefused, match="fait 5 ko : un message ne peut dépasser 2 ko"):
        compose.read_attachment(path, limit=2048)
    with pytest.raises(ComposeRefused, match="ne peut pas être lu"):
        compose.read_attachment(tmp_path / "absent.pdf", limit=LIMIT)


def test_encoded_size_is_what_base64_produces() -> None:
    import base64
    for size in (0, 1, 57, 58, 1000, 123_457):
        assert compose.encoded_size(size) == len(base64.encodebytes(bytes(size)).replace(b"\n", b"\r\n"))


def test_operator_limit_from_the_settings() -> None:
    assert compose.operator_limit(Settings({"mss.max_message_mb": 12})) == 12 * compose.MB
    assert compose.operator_limit(Settings({})) == 20 * compose.MB


# -- sent through the outbox to the stand-in operator ---------------------------------------------------------


async def test_the_worker_sends_the_free_message_with_its_files(db: Database, cabinet: Cabinetry,
                                                                mss_operator: MssOperator) -> None:
    patient_id = add_qualified_patient(db, random_ins())
    _correspondent(db, patient_id)
    files = (compose.attachment_from_bytes("bilan.pdf", PDF), compose.attachment_from_bytes("ECG.png", PNG))
    queued = compose.queue_message(db, _draft(_doctor(), patient_id=patient_id, subject="Résultats d'ECG",
                                              attachments=files), cabinet.author, limit=LIMIT)
    settings = Settings({
        "services.mss_smtp": mss_operator.smtp_url, "mss.mailbox": mss_operator.mailbox, "mss.auth": "external",
        "tls.ca_file": str(mss_operator.ca_file), "mss.client_cert": str(mss_operator.client_cert),
        "mss.client_key": str(mss_operator.client_key), "cabinet.structure_id": CABINET.structure_id,
        "cabinet.name": CABINET.name, "cabinet.sector": CABINET.sector, "workstation.name": "POSTE-1"})
    handlers = {COMPOSE_KIND: outbox_handlers(settings)[COMPOSE_KIND]}
    await drain(db, Worker(db, handlers, workstation="POSTE-1", backoff=Backoff(base=0.05, cap=0.2), listen=False))
    [received] = mss_operator.received
    assert received.recipients == [DOCTOR]
    message = email.message_from_bytes(received.data, policy=email.policy.default)
    assert (message["Subject"], message["Message-ID"]) == ("Résultats d'ECG", queued.message_id)
    assert "X-MSS-CODECDA" not in message and message["X-MSS-NIL"]
    parts = {part.get_filename(): part.get_payload(decode=True) for part in message.iter_attachments()}
    assert parts == {"bilan.pdf": PDF, "ECG.png": PNG}
    with db.reading() as session:
        [message_row] = session.scalars(select(MssMessage)).all()
        assert [r.status for r in message_row.recipients] == [RecipientStatus.SENT]
