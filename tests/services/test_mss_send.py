"""MSSanté sending, client side: the XDM archive, the MIME message and its headers, SMTP submission against a
stand-in operator (STARTTLS, XOAUTH2/OAUTHBEARER/EXTERNAL, DSN parameters), refusals, reports (DSN/MDN)."""

from __future__ import annotations

import asyncio
import email
import email.policy
import hashlib
import io
import zipfile
from datetime import date
from email.message import EmailMessage
from pathlib import Path

import pytest

from services.dmp import constants as c
from services.dmp.models import PatientId
from services.mss import xdm_write
from services.mss.connection import Endpoint, MailboxAccess, Mechanism
from services.mss.message_build import (
    Attachment,
    Documents,
    MessageBuildError,
    OutgoingMessage,
    PatientLabel,
    build_message,
    document_subject,
    patient_address,
    pdf_name,
)
from services.mss.reports import parse_report, parse_reports
from services.mss.smtp import (
    PATIENT_SIZE_LIMIT,
    MssAuthError,
    MssNetworkError,
    MssRefusedError,
    MssTooLargeError,
    check_size,
    submit,
    xtext,
)
from services.mss.smtp_sessions import SmtpSessions
from services.xml import parse_bytes
from tests.helpers.dmp import make_entry, make_submission, patient_id, random_ins, xds_validator
from tests.helpers.mss_server import MssOperator

RIM = "{urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0}"
CDA = (b'<?xml version="1.0" encoding="UTF-8"?><ClinicalDocument xmlns="urn:hl7-org:v3"><title>CR</title>'
       b"</ClinicalDocument>")
PATIENT = PatientLabel("Dupont", "Élodie", "1985-03-14")
SENDER = "cabinet.erables@test-ci-sis.mssante.fr"
DOCTOR = "paul.medecin@medecin.mssante.fr"


def _documents(pid: PatientId | None = None, *, extra_patient: PatientId | None = None) -> Documents:
    pid = pid or patient_id(random_ins())
    entries = [make_entry(pid, CDA, mime_type="text/xml")]
    if extra_patient is not None:
        entries.append(make_entry(extra_patient, CDA, mime_type="text/xml"))
    return Documents(make_submission(pid, *entries), (b"%PDF-1.4 rendu",) * len(entries),
                     "Compte rendu de consultation", PATIENT, "LGC-SEGUR 1.0")


def _message(**overrides: object) -> EmailMessage:
    values: dict[str, object] = {"sender": SENDER, "recipients": (DOCTOR,), "message_id": "<m1@test-ci-sis.mssante.fr>",
                                 "nil": "LGC-NIL-0001", "text": "Bonjour,\nci-joint le compte rendu. Cordialement.",
                                 "documents": _documents()}
    values.update(overrides)
    return build_message(OutgoingMessage(**values))  # type: ignore[arg-type]


def _zip_of(message: EmailMessage) -> zipfile.ZipFile:
    [part] = [part for part in message.iter_attachments() if part.get_content_type() == "application/zip"]
    return zipfile.ZipFile(io.BytesIO(part.get_payload(decode=True)))


# --- archive ----------------------------------------------------------------------------------------------


def test_the_archive_has_the_xdm_layout_with_8_3_upper_case_names() -> None:
    archive = _zip_of(_message())
    names = archive.namelist()
    assert names == ["INDEX.HTM", "README.TXT", "IHE_XDM/SUBSET01/METADATA.XML", "IHE_XDM/SUBSET01/DOC0001.XML"]
    for name in names:
        stem, _, extension = name.rpartition("/")[2].partition(".")
        assert name == name.upper() and len(stem) <= 8 and len(extension) <= 3
    assert archive.read("IHE_XDM/SUBSET01/DOC0001.XML") == CDA
    assert SENDER in archive.read("README.TXT").decode()
    assert b'href="IHE_XDM/SUBSET01/DOC0001.XML"' in archive.read("INDEX.HTM")


def test_metadata_validates_and_carries_hash_size_uri_and_the_patient(shared_dir: Path) -> None:
    documents = _documents()
    metadata = _zip_of(_message(documents=documents)).read(xdm_write.METADATA)
    assert xds_validator(shared_dir).check(metadata) == []
    root = parse_bytes(metadata)
    [entry] = root.iter(f"{RIM}ExtrinsicObject")
    slots = {slot.get("name"): [v.text for v in slot.iter(f"{RIM}Value")] for slot in entry.iter(f"{RIM}Slot")}
    assert slots["hash"] == [hashlib.sha1(CDA).hexdigest()]
    assert slots["size"] == [str(len(CDA))] and slots["URI"] == ["DOC0001.XML"]
    patient_ids = {e.get("value") for e in root.iter(f"{RIM}ExternalIdentifier")
                   if e.get("identificationScheme") in (c.DE_PATIENT_ID, c.SS_PATIENT_ID)}
    assert patient_ids == {documents.submission.patient.cx}
    [member] = [a for a in root.iter(f"{RIM}Association") if a.get("associationType") == c.ASSOC_HAS_MEMBER]
    assert member.get("targetObject") == entry.get("id")


def test_a_local_patient_id_is_written_pi() -> None:
    local = PatientId("42", "2.25.1234.1", id_type="PI")
    metadata = _zip_of(_message(documents=_documents(local))).read(xdm_write.METADATA)
    assert b"42^^^&amp;2.25.1234.1&amp;ISO^PI" in metadata


def test_document_names_stay_8_3() -> None:
    assert xdm_write.document_name(12, "application/pdf") == "DOC0012.PDF"
    with pytest.raises(ValueError):
        xdm_write.document_name(10_000, "text/xml")


# --- message ----------------------------------------------------------------------------------------------


def test_headers_subject_parts_and_pdf_name() -> None:
    documents = _documents()
    message = _message(documents=documents)
    assert message["Subject"] == "XDM/1.0/DDM+Compte rendu de consultation DUPONT Élodie 14/03/1985"
    assert message["X-MSS-NIL"] == "LGC-NIL-0001"
    assert message["X-MSS-CODECDA"] == "11488-4"
    assert message["X-MSS-INS"] == "O"
    assert message["Disposition-Notification-To"] == SENDER and message["Message-ID"] == "<m1@test-ci-sis.mssante.fr>"
    assert message["X-MSS-MES"] is None
    assert message.get_content_type() == "multipart/mixed"
    body = message.get_body(("plain",))
    assert body is not None and body.get_content_charset() == "utf-8"
    zip_part, pdf_part = list(message.iter_attachments())
    assert zip_part.get_content_type() == "application/zip" and zip_part.get_param("name") == "IHE_XDM.zip"
    created = documents.submission.documents[0].creation_time.date()
    assert pdf_part.get_filename() == f"{created:%Y%m%d}_CR-de-consultation_DUPONT_Elodie.pdf"
    # what goes on the wire parses back the same
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    assert parsed["X-MSS-CODECDA"] == "11488-4"


def test_pdf_name_and_subject_rules() -> None:
    patient = PatientLabel("de la Tour", "Jean-Marc", "1950-00-00")
    assert (pdf_name(date(2026, 1, 5), "Lettre à un confrère", patient)
            == "20260105_Lettre-a-un-confrere_DE-LA-TOUR_Jean-Marc.pdf")
    assert document_subject("Lettre", patient) == "XDM/1.0/DDM+Lettre DE LA TOUR Jean-Marc 00/00/1950"


def test_a_non_qualified_archive_says_x_mss_ins_n() -> None:
    message = _message(documents=_documents(PatientId("42", "2.25.1.1", id_type="PI")))
    assert message["X-MSS-INS"] == "N"


def test_x_mss_mes_fin_only_to_a_patient_address() -> None:
    patient = patient_address("279035121518989")
    assert _message(recipients=(patient,), end_patient_exchange=True)["X-MSS-MES"] == "FIN"
    assert _message(recipients=(DOCTOR,), end_patient_exchange=True)["X-MSS-MES"] is None
    assert _message(recipients=(patient,), end_patient_exchange=False)["X-MSS-MES"] is None


def test_one_patient_per_message() -> None:
    with pytest.raises(MessageBuildError) as refused:
        _message(documents=_documents(extra_patient=patient_id(random_ins())))
    assert refused.value.code == "MSS-ONE-PATIENT" and not refused.value.transient


def test_a_free_message_has_its_subject_no_xdm_headers_and_its_attachments() -> None:
    message = _message(documents=None, subject="Question sur un patient",
                       attachments=(Attachment("bilan.pdf", b"%PDF-1.4", "application/pdf"),))
    assert message["Subject"] == "Question sur un patient"
    assert message["X-MSS-CODECDA"] is None and message["X-MSS-INS"] is None and message["X-MSS-NIL"]
    [part] = list(message.iter_attachments())
    assert part.get_filename() == "bilan.pdf"


def test_no_recipient_is_refused() -> None:
    with pytest.raises(MessageBuildError):
        _message(recipients=())


# --- submission -------------------------------------------------------------------------------------------


def _access(operator: MssOperator, mechanism: Mechanism, token: str = "jeton-psc") -> MailboxAccess:
    async def source() -> str:
        return token
    client = mechanism in (Mechanism.EXTERNAL,)
    return MailboxAccess(operator.mailbox, mechanism, operator.tls(client=client),
                         token=source if mechanism.uses_token else None)


@pytest.mark.parametrize("mechanism", [Mechanism.XOAUTH2, Mechanism.OAUTHBEARER])
async def test_bearer_submission_asks_for_dsn(mss_operator: MssOperator, mechanism: Mechanism) -> None:
    mss_operator.accept_token("jeton-psc")
    raw = _message().as_bytes()
    done = await submit(_access(mss_operator, mechanism), Endpoint.from_url(mss_operator.smtp_url), raw,
                        [DOCTOR], envid="env+1")
    assert done.dsn_requested and [r.accepted for r in done.recipients] == [True]
    [received] = mss_operator.received
    assert received.auth == (mechanism.value.upper(), mss_operator.mailbox)
    assert received.mail_options == ["RET=HDRS", "ENVID=env+2B1"]
    assert received.rcpt_options[DOCTOR] == ["NOTIFY=SUCCESS,FAILURE,DELAY", f"ORCPT=rfc822;{DOCTOR}"]
    assert b"X-MSS-NIL: LGC-NIL-0001" in received.data


async def test_external_after_client_certificate(mss_operator: MssOperator) -> None:
    done = await submit(_access(mss_operator, Mechanism.EXTERNAL), Endpoint.from_url(mss_operator.smtp_url),
                        _message().as_bytes(), [DOCTOR], envid="e2")
    assert done.recipients[0].accepted
    assert mss_operator.received[0].auth[0] == "EXTERNAL" and mss_operator.received[0].auth[1]


async def test_a_certificate_session_carries_several_messages_a_bearer_one_does_not(
        mss_operator: MssOperator) -> None:
    mss_operator.accept_token("jeton-psc")
    sessions = SmtpSessions()
    endpoint = Endpoint.from_url(mss_operator.smtp_url)
    for n, mechanism in enumerate([Mechanism.EXTERNAL, Mechanism.EXTERNAL, Mechanism.XOAUTH2, Mechanism.XOAUTH2]):
        done = await submit(_access(mss_operator, mechanism), endpoint, _message().as_bytes(), [DOCTOR],
                            envid=f"e{n}", sessions=sessions)
        assert done.recipients[0].accepted
    peers = [received.peer for received in mss_operator.received]
    assert peers[0] == peers[1]  # one connection, TLS handshake and SASL EXTERNAL for both messages
    assert len({peers[0], peers[2], peers[3]}) == 3  # a PSC token's session is the user's: never kept
    await sessions.aclose()


async def test_a_session_closed_while_idle_is_replaced(mss_operator: MssOperator) -> None:
    sessions = SmtpSessions()
    endpoint, access = Endpoint.from_url(mss_operator.smtp_url), _access(mss_operator, Mechanism.EXTERNAL)
    await submit(access, endpoint, _message().as_bytes(), [DOCTOR], envid="e1", sessions=sessions)
    kept = sessions.take((endpoint, access.address, access.mechanism))
    assert kept is not None
    kept.transport.abort()  # type: ignore[union-attr]  # the server dropped it while idle
    sessions.give((endpoint, access.address, access.mechanism), kept)
    done = await submit(access, endpoint, _message().as_bytes(), [DOCTOR], envid="e2", sessions=sessions)
    assert done.recipients[0].accepted and len(mss_operator.received) == 2
    await sessions.aclose()


def test_sessions_kept_by_a_finished_event_loop_are_not_reused_by_the_next(mss_operator: MssOperator) -> None:
    sessions = SmtpSessions()
    endpoint, access = Endpoint.from_url(mss_operator.smtp_url), _access(mss_operator, Mechanism.EXTERNAL)
    for envid in ("e1", "e2"):  # two workers' runs, each on its own loop (`asyncio.run`)
        done = asyncio.run(submit(access, endpoint, _message().as_bytes(), [DOCTOR], envid=envid, sessions=sessions))
        assert done.recipients[0].accepted
    assert len({received.peer for received in mss_operator.received}) == 2


async def test_external_without_certificate_is_an_auth_error(mss_operator: MssOperator) -> None:
    access = MailboxAccess(mss_operator.mailbox, Mechanism.EXTERNAL, mss_operator.tls(client=False))
    with pytest.raises(MssAuthError) as refused:
        await submit(access, Endpoint.from_url(mss_operator.smtp_url), b"x", [DOCTOR], envid="e3")
    assert not refused.value.transient and "certificat" in refused.value.reason
    assert mss_operator.received == []


async def test_a_refused_token_is_an_auth_error(mss_operator: MssOperator) -> None:
    with pytest.raises(MssAuthError) as refused:
        await submit(_access(mss_operator, Mechanism.XOAUTH2, "périmé"), Endpoint.from_url(mss_operator.smtp_url),
                     b"x", [DOCTOR], envid="e4")
    assert refused.value.code == "MSS-SMTP-535" and "Pro Santé Connect" in refused.value.reason


async def test_per_recipient_results_and_refusals(mss_operator: MssOperator) -> None:
    mss_operator.refuse("inconnu@medecin.mssante.fr", "550 5.1.1 adresse invalide")
    mss_operator.refuse("occupe@medecin.mssante.fr", "451 4.3.0 réessayez")
    endpoint, access = Endpoint.from_url(mss_operator.smtp_url), _access(mss_operator, Mechanism.EXTERNAL)
    done = await submit(access, endpoint, _message().as_bytes(), [DOCTOR, "inconnu@medecin.mssante.fr"], envid="e5")
    assert [(r.address, r.accepted, r.code) for r in done.recipients] == [
        (DOCTOR, True, 250), ("inconnu@medecin.mssante.fr", False, 550)]
    with pytest.raises(MssRefusedError) as permanent:
        await submit(access, endpoint, b"x", ["inconnu@medecin.mssante.fr"], envid="e6")
    assert not permanent.value.transient
    with pytest.raises(MssRefusedError) as transient:
        await submit(access, endpoint, b"x", ["occupe@medecin.mssante.fr"], envid="e7")
    assert transient.value.transient


async def test_an_unreachable_server_is_transient(mss_operator: MssOperator) -> None:
    with pytest.raises(MssNetworkError) as failed:
        await submit(_access(mss_operator, Mechanism.EXTERNAL), Endpoint("127.0.0.1", 1, Endpoint.from_url(
            mss_operator.smtp_url).tls), b"x", [DOCTOR], envid="e8", command_timeout=5)
    assert failed.value.transient


def test_the_25_mb_patient_limit_is_permanent() -> None:
    patient = patient_address("279035121518989")
    check_size(PATIENT_SIZE_LIMIT, [patient], None)
    with pytest.raises(MssTooLargeError) as refused:
        check_size(PATIENT_SIZE_LIMIT + 1, [DOCTOR, patient], None)
    assert not refused.value.transient and "25 Mo" in refused.value.reason
    check_size(PATIENT_SIZE_LIMIT + 1, [DOCTOR], None)


def test_xtext() -> None:
    assert xtext("a+b=c d") == "a+2Bb+3Dc+20d"


# --- reports ----------------------------------------------------------------------------------------------


def _dsn(action: str, recipient: str = DOCTOR, envid: str = "env-1") -> bytes:
    return (
        "From: MAILER-DAEMON@mss.example\r\nTo: " + SENDER + "\r\nSubject: Delivery report\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
        "--b\r\nContent-Type: text/plain\r\n\r\nRapport\r\n"
        "--b\r\nContent-Type: message/delivery-status\r\n\r\n"
        f"Reporting-MTA: dns; mss.example\r\nOriginal-Envelope-Id: {envid}\r\n\r\n"
        f"Original-Recipient: rfc822;{recipient}\r\nFinal-Recipient: rfc822; {recipient}\r\nAction: {action}\r\n"
        "Status: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 patient non trouvé\r\n\r\n"
        "--b\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: <m1@test-ci-sis.mssante.fr>\r\n"
        "Subject: x\r\n\r\n--b--\r\n").encode()


def _mdn(disposition: str, extra: str = "") -> bytes:
    return (
        "From: " + DOCTOR + "\r\nTo: " + SENDER + "\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=disposition-notification; boundary="b"\r\n\r\n'
        "--b\r\nContent-Type: text/plain\r\n\r\nLu\r\n"
        "--b\r\nContent-Type: message/disposition-notification\r\n\r\n"
        f"Original-Recipient: rfc822;{DOCTOR}\r\nFinal-Recipient: rfc822;{DOCTOR}\r\n"
        f"Original-Message-ID: <m1@test-ci-sis.mssante.fr>\r\nDisposition: {disposition}\r\n{extra}\r\n--b--\r\n"
    ).encode()


def test_dsn_reports() -> None:
    report = parse_report(_dsn("failed"))
    assert report is not None
    assert (report.kind, report.original_message_id, report.envid, report.recipient, report.outcome) == (
        "dsn", "<m1@test-ci-sis.mssante.fr>", "env-1", DOCTOR, "failed")
    assert "patient non trouvé" in report.detail
    assert parse_report(_dsn("delivered")).outcome == "delivered"  # type: ignore[union-attr]
    assert parse_report(_dsn("delayed")).outcome == "delayed"  # type: ignore[union-attr]


def test_mdn_reports() -> None:
    displayed = parse_report(_mdn("manual-action/MDN-sent-manually; displayed"))
    assert displayed is not None and (displayed.kind, displayed.outcome, displayed.recipient) == (
        "mdn", "displayed", DOCTOR)
    processed = parse_report(_mdn("automatic-action/MDN-sent-automatically; processed"))
    assert processed is not None and processed.outcome == "processed"
    error = parse_report(_mdn("automatic-action/MDN-sent-automatically; processed/Error",
                              "Error: 12^Patient inconnu\r\n"))
    assert error is not None and error.outcome == "error" and error.detail == "12^Patient inconnu"


def test_ordinary_and_malformed_messages_are_not_reports() -> None:
    assert parse_report(_message().as_bytes()) is None
    assert parse_report(b"\x00\xff garbage") is None
    assert parse_reports(_dsn("failed").replace(b"Action: failed", b"Action: ???")) == []
    assert parse_report(_mdn("manual-action/MDN-sent-manually; deleted")) is None


