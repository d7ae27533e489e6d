"""MSSanté reception end to end against the in-test IMAP server: durable store before \\Seen, integration with
automatic matching, duplicates (mail twice, mail and DMP), hostile messages quarantined, KO actions, MDN."""

from __future__ import annotations

import asyncio
import email
from collections.abc import Callable
from email import policy
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from lgc_app import paths
from lgc_app.bootstrap import inbox_hooks
from lgc_app.config import Settings
from lgc_app.dmp.consultation import received_documents
from lgc_app.mss.inbox import integration, worklist
from lgc_app.mss.inbox.hooks import InboxHooks, Reply
from lgc_app.mss.inbox.models import InboxMessage, ItemState, MessageState
from lgc_app.mss.inbox.reception import fetch_once
from lgc_app.patients.vocabulary import IdentityStatus
from lgc_app.persistence.database import Database
from services.mss.connection import Endpoint, MailboxAccess, Mechanism
from services.mss.imap import ImapError, ImapSession, MessageRef
from services.sandbox.ca import Pki
from services.transport import TlsMaterial
from tests.helpers import mss_messages as mm
from tests.helpers.cisis import add_patient
from tests.helpers.composition import practitioner_session
from tests.helpers.imap_server import ImapTestServer

pytestmark = pytest.mark.db


class Recorder:
    def __init__(self) -> None:
        self.replies: list[Reply] = []
        self.lab_calls: list[tuple[int, str]] = []

    def reply(self, session: Session, reply: Reply) -> None:
        self.replies.append(reply)

    def lab_results(self, session: Session, *, patient_id: int, source: str, cda: bytes) -> int:
        self.lab_calls.append((patient_id, source))
        return 1

    def hooks(self, reports: bool = False) -> InboxHooks:
        return InboxHooks(mm.MAILBOX, self.reply, reports=(lambda s, raw: b"multipart/report" in raw) if reports
                          else (lambda s, raw: False), lab_results=self.lab_results)

    def dispositions(self) -> list[str]:
        found = []
        for reply in self.replies:
            if reply.kind == "mdn":
                text = reply.raw.decode()
                found.append(text.split("Disposition: ", 1)[1].split("\n", 1)[0].strip())
        return found


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


def _opener(imap_server: ImapTestServer, mss_pki: Pki):  # type: ignore[no-untyped-def]
    access = MailboxAccess(mm.MAILBOX, Mechanism.EXTERNAL, TlsMaterial(mss_pki.ca_cert, mss_pki.structure_cert,
                                                                       mss_pki.structure_key))

    async def open_session() -> ImapSession:
        context = await asyncio.to_thread(access.ssl_context)
        return await ImapSession.open(Endpoint.from_url(imap_server.url), access, context, timeout=10)
    return open_session


def _qualified_patient(db: Database, **traits: str) -> int:
    with db.unit_of_work() as session:
        return add_patient(session, status=IdentityStatus.QUAL, **traits).id


def _fetch(db: Database, imap_server: ImapTestServer, mss_pki: Pki, recorder: Recorder, **kwargs: object):  # type: ignore[no-untyped-def]
    return asyncio.run(fetch_once(db, _opener(imap_server, mss_pki), recorder.hooks(), **kwargs))  # type: ignore[arg-type]


def test_a_message_for_a_qualified_patient_is_integrated_with_its_origin(
        db: Database, imap_server: ImapTestServer, mss_pki: Pki, recorder: Recorder, shared_dir: Path) -> None:
    patient_id = _qualified_patient(db)
    uid = imap_server.deliver(mm.cisis_message(shared_dir, "BIO-CR-BIO_2024.01_TSH_1.xml"))
    summary = _fetch(db, imap_server, mss_pki, recorder)
    assert (summary.fetched, summary.integrated, summary.ko, summary.to_match) == (1, 1, 0, 0)
    assert imap_server.seen() == [uid]
    [received] = received_documents(db, patient_id)
    cda = mm.example(shared_dir, "BIO-CR-BIO_2024.01_TSH_1.xml")
    assert received.unique_id == mm.cda_unique_id(cda)
    with db.reading() as session:
        message = session.scalars(select(InboxMessage)).one()
        assert message.state == MessageState.PROCESSED.value and message.sender == mm.SENDER
        raw_file = paths.data_dir() / message.raw_path
        assert raw_file.read_bytes() == imap_server.messages[0].data
        assert raw_file.stat().st_mode & 0o777 == 0o600
    assert recorder.lab_calls == [(patient_id, f"mss:{received.unique_id}")]
    assert recorder.dispositions() == ["automatic-action/MDN-sent-automatically; processed"]


def test_the_same_message_twice_and_the_same_document_again_are_not_integrated_twice(
        db: Database, imap_server: ImapTestServer, mss_pki: Pki, recorder: Recorder, shared_dir: Path) -> None:
    patient_id = _qualified_patient(db)
    raw = mm.cisis_message(shared_dir, message_id="<same@hopital.test>")
    imap_server.deliver(raw)
    imap_server.deliver(raw)  # the operator delivered it twice
    imap_server.deliver(mm.cisis_message(shared_dir, message_id="<other@hopital.test>"))  # same document, new mail
    summary = _fetch(db, imap_server, mss_pki, recorder)
    assert (summary.fetched, summary.integrated, summary.duplicates) == (2, 1, 1)
    assert len(received_documents(db, patient_id)) == 1
    duplicate = worklist.list_inbox(db, states=(ItemState.DUPLICATE,))
    assert len(duplicate) == 1 and "Doublon" in duplicate[0].reason
    assert len(imap_server.seen()) == 3


def test_a_crash_between_store_and_integration_integrates_once_on_the_next_run(
        db: Database, imap_server: ImapTestServer, mss_pki: Pki, recorder: Recorder, shared_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    patient_id = _qualified_patient(db)
    imap_server.deliver(mm.cisis_message(shared_dir))

    def crash(*args: object) -> None:
        raise RuntimeError("power cut")
    with monkeypatch.context() as patched:
        patched.setattr("lgc_app.mss.inbox.reception.process_stored", crash)
        with pytest.raises(RuntimeError):
            _fetch(db, imap_server, mss_pki, recorder)
    assert len(imap_server.seen()) == 1  # stored durably, so flagged seen
    summary = _fetch(db, imap_server, mss_pki, recorder)
    assert (summary.fetched, summary.integrated) == (0, 1)
    assert _fetch(db, imap_server, mss_pki, recorder).integrated == 0
    assert len(received_documents(db, patient_id)) == 1


def test_an_unexpected_error_in_one_message_lists_it_ko_and_the_others_go_on(
        db: Database, imap_server: ImapTestServer, mss_pki: Pki, recorder: Recorder, shared_dir: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    patient_id = _qualified_patient(db)
    imap_server.deliver(mm.cisis_message(shared_dir, message_id="<boom@hopital.test>"))
    imap_server.deliver(mm.cisis_message(shared_dir, "BIO-CR-BIO_2024.01_TSH_1.xml", message_id="<fine@hopital.test>"))

    def buggy_reports(session: Session, raw: bytes) -> bool:
        if b"<boom@hopital.test>" in raw:
            raise KeyError("a bug in one message")
        return False
    hooks = InboxHooks(mm.MAILBOX, recorder.reply, reports=buggy_reports, lab_results=recorder.lab_results)
    summary = asyncio.run(fetch_once(db, _opener(imap_server, mss_pki), hooks))
    assert (summary.fetched, summary.integrated, summary.ko) == (2, 1, 1)
    [entry] = worklist.list_inbox(db, states=(ItemState.KO,))
    [bug_log] = [r for r in caplog.records if r.name == "lgc.errors" and r.exc_info]
    reference = bug_log.getMessage().split()[1].rstrip(":")
    assert entry.reason.startswith("Le message n'a pas pu être intégré. Erreur inattendue")
    assert f"(référence {reference})" in entry.reason
    assert not entry.quarantined and recorder.dispositions() == ["automatic-action/MDN-sent-automatically; processed"]
    with db.reading() as session:
        kept = session.scalars(select(InboxMessage).where(InboxMessage.message_id == "<boom@hopital.test>")).one()
        assert kept.raw_path.startswith("mss/messages/") and (paths.data_dir() / kept.raw_path).exists()
    # the cause fixed, "Réessayer" integrates it
    assert worklist.retry(db, entry.id, recorder.hooks(), practitioner_session()) is ItemState.INTEGRATED
    assert len(received_documents(db, patient_id)) == 2


def test_a_failure_within_a_batch_leaves_it_unseen_and_the_next_run_stores_it_once(
        db: Database, imap_server: ImapTestServer, mss_pki: Pki, recorder: Recorder, shared_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    _qualified_patient(db)
    uids = [imap_server.deliver(mm.cisis_message(shared_dir, message_id=f"<m{n}@hopital.test>")) for n in range(3)]
    real_fetch = ImapSession.fetch

    async def cut_at_the_last(self: ImapSession, message: MessageRef, sink: Callable[[bytes], None]) -> int:
        if message.uid == uids[-1]:
            raise ImapError("MSS-IMAP-CONNECT", "coupure", transient=True)
        return await real_fetch(self, message, sink)
    with monkeypatch.context() as patched:
        patched.setattr(ImapSession, "fetch", cut_at_the_last)
        with pytest.raises(ImapError):
            _fetch(db, imap_server, mss_pki, recorder)
    assert imap_server.seen() == []  # nothing of the batch flagged before all of it is durable
    summary = _fetch(db, imap_server, mss_pki, recorder)
    assert (summary.fetched, summary.integrated, summary.duplicates) == (3, 1, 2)
    assert sorted(imap_server.seen()) == sorted(uids)
    assert not list((paths.data_dir() / "mss").rglob(".part-*"))  # no partial file left


@pytest.mark.parametrize(("traits", "reason"), [
    ({"birth_name": "AUTRE-NOM"}, "Conflit d'identité"),
    ({"matricule": "180017512345678"}, "Aucun patient"),
])
def test_without_a_full_match_the_document_waits_for_manual_matching(
        db: Database, imap_server: ImapTestServer, mss_pki: Pki, recorder: Recorder, shared_dir: Path,
        traits: dict[str, str], reason: str) -> None:
    patient_id = _qualified_patient(db, **traits)
    imap_server.deliver(mm.cisis_message(shared_dir))
    assert _fetch(db, imap_server, mss_pki, recorder).to_match == 1
    [entry] = worklist.list_inbox(db, states=worklist.OPEN_STATES)
    assert entry.state is ItemState.TO_MATCH and reason in entry.reason
    assert recorder.dispositions() == []  # deferred until a user decides
    reader = practitioner_session()
    if "matricule" in traits:  # another INS: a qualified patient with a different INS cannot take it
        with pytest.raises(worklist.InboxError):
            worklist.match_by_hand(db, entry.id, patient_id, recorder.hooks(), reader)
        return
    assert worklist.match_by_hand(db, entry.id, patient_id, recorder.hooks(), reader) is ItemState.INTEGRATED
    assert len(received_documents(db, patient_id)) == 1
    assert recorder.dispositions() == ["automatic-action/MDN-sent-automatically; processed"]


@pytest.mark.parametrize("variant", ["traversal", "zip_bomb", "bad_hash", "xxe", "no_metadata", "duplicate_names",
                                     "malformed_mime", "absolute", "encrypted"])
def test_hostile_messages_are_refused_quarantined_and_answered(
        db: Database, imap_server: ImapTestServer, mss_pki: Pki, recorder: Recorder, shared_dir: Path, variant: str
) -> None:
    _qualified_patient(db)
    imap_server.deliver(mm.cisis_message(shared_dir, variant=variant))
    summary = _fetch(db, imap_server, mss_pki, recorder)
    assert (summary.ko, summary.integrated) == (1, 0)
    [entry] = worklist.list_inbox(db, states=(ItemState.KO,))
    assert entry.quarantined and "quarantaine" in entry.reason
    files = sorted(p.relative_to(paths.data_dir()).as_posix() for p in paths.data_dir().rglob("*") if p.is_file())
    assert [f for f in files if not f.endswith(".sqlite3")] == [f"mss/quarantine/{f.rpartition('/')[2]}"
                                                                for f in files if f.startswith("mss/")]
    assert not any("evil" in p.name for p in Path(paths.data_dir()).parent.rglob("*"))
    if variant != "malformed_mime":  # an unreadable message has no readable MDN request
        assert recorder.dispositions()[0].startswith("automatic-action/MDN-sent-automatically; processed/Error: XDM-")
    assert worklist.retry(db, entry.id, recorder.hooks(), practitioner_session()) is ItemState.KO


def test_a_cda_about_another_patient_than_its_metadata_is_ko_with_mdn_error(
        db: Database, imap_server: ImapTestServer, mss_pki: Pki, recorder: Recorder, shared_dir: Path) -> None:
    _qualified_patient(db)
    imap_server.deliver(mm.cisis_message(shared_dir, variant="patient_mismatch"))
    assert _fetch(db, imap_server, mss_pki, recorder).ko == 1
    [entry] = worklist.list_inbox(db, states=(ItemState.KO,))
    assert "autre patient" in entry.reason
    assert recorder.dispositions() == ["automatic-action/MDN-sent-automatically; processed/Error: "
                                       "DOC-REFUSED^Le document recu par MSSante concerne un autre patient (INS "
                                       "differente) : il a ete refuse."]


def test_a_message_over_the_size_cap_goes_to_quarantine_unparsed(
        db: Database, imap_server: ImapTestServer, mss_pki: Pki, recorder: Recorder, shared_dir: Path) -> None:
    imap_server.deliver(mm.cisis_message(shared_dir))
    summary = _fetch(db, imap_server, mss_pki, recorder, max_bytes=10_000)
    assert summary.ko == 1
    [entry] = worklist.list_inbox(db)
    assert entry.reason.startswith("Le message (0 Mo) dépasse") and entry.quarantined


def test_reject_replies_to_the_sender_with_the_text(
        db: Database, imap_server: ImapTestServer, mss_pki: Pki, recorder: Recorder, shared_dir: Path) -> None:
    imap_server.deliver(mm.cisis_message(shared_dir))
    assert _fetch(db, imap_server, mss_pki, recorder).to_match == 1  # no local patient
    [entry] = worklist.list_inbox(db)
    worklist.reject(db, entry.id, "Patient inconnu du cabinet.", recorder.hooks(), practitioner_session())
    rejection = next(reply for reply in recorder.replies if reply.kind == "rejection")
    parsed = email.message_from_bytes(rejection.raw, policy=policy.default)
    assert parsed["To"] == mm.SENDER and "Patient inconnu du cabinet." in parsed.get_body().get_content()
    assert recorder.dispositions()[0].startswith("automatic-action/MDN-sent-automatically; processed/Error: REJECTED")
    assert worklist.list_inbox(db)[0].state is ItemState.REJECTED
    with pytest.raises(worklist.InboxError):
        worklist.reject(db, entry.id, "encore", recorder.hooks(), practitioner_session())


def test_reports_are_handed_to_the_sending_side(db: Database, imap_server: ImapTestServer, mss_pki: Pki,
                                                recorder: Recorder) -> None:
    imap_server.deliver(b"From: mailer-daemon@x\r\nMessage-ID: <dsn@x>\r\nContent-Type: multipart/report; "
                   b"report-type=delivery-status; boundary=b\r\n\r\n--b\r\n\r\nx\r\n--b--\r\n")
    summary = asyncio.run(fetch_once(db, _opener(imap_server, mss_pki), recorder.hooks(reports=True)))
    assert (summary.reports, summary.ko) == (1, 0)
    assert worklist.list_inbox(db) == []


def _report(report_type: str, fields: str) -> bytes:
    return ("From: MAILER-DAEMON@mss.example\r\nTo: " + mm.MAILBOX + "\r\nMessage-ID: <" + report_type +
            "@mss.example>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=" + report_type +
            '; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nRapport\r\n--b\r\nContent-Type: message/'
            + report_type + "\r\n\r\n" + fields + "\r\n--b--\r\n").encode()


def test_reports_matching_nothing_are_kept_as_reports_not_listed(db: Database, imap_server: ImapTestServer,
                                                                 mss_pki: Pki, recorder: Recorder) -> None:
    # a DSN about a message this software never sent (e.g. about an MDN) and an MDN nobody follows (deleted)
    imap_server.deliver(_report("delivery-status", "Reporting-MTA: dns; mss.example\r\nOriginal-Envelope-Id: "
                                "inconnu\r\n\r\nFinal-Recipient: rfc822; x@y.mssante.fr\r\nAction: delivered\r\n"
                                "Status: 2.0.0\r\n"))
    imap_server.deliver(_report("disposition-notification", "Final-Recipient: rfc822;x@y.mssante.fr\r\n"
                                "Original-Message-ID: <m@y>\r\nDisposition: manual-action/MDN-sent-manually; "
                                "deleted\r\n"))
    hooks = inbox_hooks(Settings({"mss.mailbox": mm.MAILBOX}))  # the application's: the sending side's reports
    summary = asyncio.run(fetch_once(db, _opener(imap_server, mss_pki), hooks))
    assert (summary.fetched, summary.reports, summary.to_match, summary.ko) == (2, 2, 0, 0)
    assert worklist.list_inbox(db) == []
    with db.reading() as session:
        assert set(session.scalars(select(InboxMessage.state))) == {MessageState.REPORT.value}


def test_badge_counts(db: Database, imap_server: ImapTestServer, mss_pki: Pki, recorder: Recorder,
                      shared_dir: Path) -> None:
    imap_server.deliver(mm.cisis_message(shared_dir))
    imap_server.deliver(mm.cisis_message(shared_dir, variant="bad_hash"))
    _fetch(db, imap_server, mss_pki, recorder)
    assert worklist.badge_counts(db) == {"new": 2, "to_match": 1, "ko": 1}
    entry = worklist.list_inbox(db, states=(ItemState.TO_MATCH,))[0]
    mime, content = worklist.item_content(db, entry.id, practitioner_session())
    assert mime == "text/xml" and content.startswith(b"<?xml")
    assert worklist.badge_counts(db)["new"] == 1
    assert integration.ORIGIN == "par MSSanté"


def test_a_message_without_xdm_brings_its_pdf_to_match_by_hand(
        db: Database, imap_server: ImapTestServer, mss_pki: Pki, recorder: Recorder) -> None:
    patient_id = _qualified_patient(db)
    letter = b"%PDF-1.7\n% lettre du confrere\n"
    imap_server.deliver(mm.mss_message(None, subject="Courrier pour Mme PAT-TROIS", attachments=(
        ("courrier.pdf", "application/pdf", letter), ("deguise.pdf", "application/pdf", b"MZ\x90\x00 exe"),
        ("notes.docx", "application/octet-stream", b"PK\x03\x04"))))
    summary = _fetch(db, imap_server, mss_pki, recorder)
    assert (summary.to_match, summary.ko, summary.integrated) == (1, 1, 0)
    [pdf] = worklist.list_inbox(db, states=(ItemState.TO_MATCH,))
    [fake] = worklist.list_inbox(db, states=(ItemState.KO,))
    assert pdf.title == "courrier.pdf" and "deguise.pdf" in fake.reason
    assert worklist.item_content(db, pdf.id, practitioner_session()) == ("application/pdf", letter)
    assert worklist.match_by_hand(db, pdf.id, patient_id, recorder.hooks(), practitioner_session()) \
        is ItemState.INTEGRATED
    [received] = received_documents(db, patient_id)
    assert received.title == "courrier.pdf"
    # the KO disguised attachment makes the MDN an error once everything is decided
    assert recorder.dispositions()[0].startswith("automatic-action/MDN-sent-automatically; processed/Error: "
                                                 "DOC-NOT-PDF")


def test_a_plain_text_message_waits_to_be_read(db: Database, imap_server: ImapTestServer, mss_pki: Pki,
                                               recorder: Recorder) -> None:
    imap_server.deliver(mm.mss_message(None, subject="Question sur un patient"))
    assert _fetch(db, imap_server, mss_pki, recorder).to_match == 1
    [entry] = worklist.list_inbox(db)
    assert entry.reason.startswith("Message sans document structuré")
