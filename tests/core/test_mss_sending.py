"""MSSanté sending in the app: the planner at validation (qualified-only patient address, objection, correspondents
per preferences), the handler against a stand-in operator (record first, stable Message-ID on retry, PSC token
waited for), DSN/MDN applied to the recipients."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Mapping

import pytest
from sqlalchemy import select

from lgc_app.bootstrap import inbox_hooks, outbox_handlers, trace_describers
from lgc_app.config import Settings
from lgc_app.directory.models import Correspondent
from lgc_app.mss import planning
from lgc_app.mss.acknowledgements import apply_report
from lgc_app.mss.inbox.hooks import Reply
from lgc_app.mss.patient_objection import objection_status, set_objection
from lgc_app.mss.preferences import SendingPreferences, save_preferences
from lgc_app.mss.sent_models import MssMessage, RecipientStatus
from lgc_app.mss.trace import document_recipients
from lgc_app.outbox.backoff import Backoff
from lgc_app.outbox.handler import Handler
from lgc_app.outbox.models import OrderStatus, SendOrder
from lgc_app.outbox.trace import read_order
from lgc_app.outbox.worker import Worker
from lgc_app.patients.vocabulary import IdentityStatus
from lgc_app.persistence.database import Database
from services.mss.mdn import build_mdn
from services.mss.reports import Report
from tests.helpers.dmp import random_ins
from tests.helpers.dmp_feed import CABINET, Cabinetry, add_qualified_patient, drain, validated
from tests.helpers.mss_server import MssOperator

DOCTOR = "jean.traitant@medecin.mssante.fr"


def _add_correspondent(db: Database, patient_id: int, role: str = "medecin_traitant", mailbox: str = DOCTOR,
                       rpps: str = "10000000001") -> None:
    with db.unit_of_work() as session:
        session.add(Correspondent(patient_id=patient_id, role=role, rpps=rpps, family="TRAITANT", given="Jean",
                                  specialty="Médecine générale", mailbox=mailbox, mailbox_kind="PER", place="",
                                  added_by="test"))


def _messages(db: Database) -> list[tuple[str | None, list[tuple[str, RecipientStatus, str]]]]:
    with db.reading() as session:
        return [(m.order_id and "order", [(r.address, r.status, r.reason) for r in m.recipients])
                for m in session.scalars(select(MssMessage).order_by(MssMessage.id))]


def test_a_qualified_patient_and_the_treating_doctor_get_one_message_each(db: Database, cabinet: Cabinetry) -> None:
    ins = random_ins()
    patient_id = add_qualified_patient(db, ins)
    _add_correspondent(db, patient_id)
    _add_correspondent(db, patient_id, role="adresseur", mailbox="adr@medecin.mssante.fr", rpps="10000000002")
    validated(db, patient_id, cabinet.author)
    assert _messages(db) == [("order", [(f"{ins}@patient.mssante.fr", RecipientStatus.PLANNED, "")]),
                             ("order", [(DOCTOR, RecipientStatus.PLANNED, "")])]  # adresseur: off by default
    with db.reading() as session:
        kinds = [o.kind for o in session.scalars(select(SendOrder))]
        ids = [(m.message_id, m.envid) for m in session.scalars(select(MssMessage))]
    assert kinds.count(planning.KIND) == 2
    assert all(message_id and message_id.startswith("<") and envid for message_id, envid in ids)


def test_no_patient_address_without_a_qualified_identity(db: Database, cabinet: Cabinetry) -> None:
    patient_id = add_qualified_patient(db, random_ins(), status=IdentityStatus.VALI)
    validated(db, patient_id, cabinet.author)
    [(order, [(_address, status, reason)])] = _messages(db)
    assert order is None and status is RecipientStatus.NOT_SENT and "non qualifiée" in reason


def test_the_patients_objection_stops_the_patient_message(db: Database, cabinet: Cabinetry) -> None:
    patient_id = add_qualified_patient(db, random_ins())
    set_objection(db, patient_id, True, "secretariat")
    assert objection_status(db, patient_id).in_force
    document_id = validated(db, patient_id, cabinet.author)
    [state] = document_recipients(db, document_id)
    assert state.status is RecipientStatus.NOT_SENT and "opposé" in state.reason
    set_objection(db, patient_id, False, "secretariat")
    assert not objection_status(db, patient_id).in_force


def test_preferences_choose_the_recipients(db: Database, cabinet: Cabinetry) -> None:
    assert cabinet.author.practitioner_id is not None
    save_preferences(db, cabinet.author.practitioner_id, SendingPreferences(to_patient=False, to_treating=False,
                                                                            to_referring=True), cabinet.author)
    patient_id = add_qualified_patient(db, random_ins())
    _add_correspondent(db, patient_id)
    _add_correspondent(db, patient_id, role="adresseur", mailbox="adr@medecin.mssante.fr", rpps="10000000002")
    validated(db, patient_id, cabinet.author)
    assert _messages(db) == [("order", [("adr@medecin.mssante.fr", RecipientStatus.PLANNED, "")])]


# --- the handler against the stand-in operator -------------------------------------------------------------


def _settings(operator: MssOperator, **values: object) -> Settings:
    base: dict[str, object] = {
        "services.mss_smtp": operator.smtp_url, "mss.mailbox": operator.mailbox, "mss.auth": "external",
        "tls.ca_file": str(operator.ca_file), "mss.client_cert": str(operator.client_cert),
        "mss.client_key": str(operator.client_key), "cabinet.structure_id": CABINET.structure_id,
        "cabinet.name": CABINET.name, "cabinet.sector": CABINET.sector, "workstation.name": "POSTE-1"}
    base.update(values)
    return Settings(base)


def _worker(db: Database, handlers: Mapping[str, Handler]) -> Worker:
    return Worker(db, handlers, workstation="POSTE-1", backoff=Backoff(base=0.05, cap=0.2), listen=False)


def _only_mss(settings: Settings) -> dict[str, Handler]:
    return {kind: handler for kind, handler in outbox_handlers(settings).items() if kind.startswith("mss.")}


async def test_a_validated_document_reaches_its_recipients(db: Database, cabinet: Cabinetry,
                                                           mss_operator: MssOperator) -> None:
    ins = random_ins()
    patient_id = add_qualified_patient(db, ins)
    _add_correspondent(db, patient_id)
    document_id = validated(db, patient_id, cabinet.author)
    await drain(db, _worker(db, _only_mss(_settings(mss_operator))), within=60)
    states = {state.address: state.status for state in document_recipients(db, document_id)}
    assert states == {f"{ins}@patient.mssante.fr": RecipientStatus.SENT, DOCTOR: RecipientStatus.SENT}
    assert len(mss_operator.received) == 2
    for received in mss_operator.received:
        message = email.message_from_bytes(received.data, policy=email.policy.default)
        assert message["X-MSS-INS"] == "O" and message["Subject"].startswith("XDM/1.0/DDM+")
        assert received.auth[0] == "EXTERNAL" and received.mail_options[0] == "RET=HDRS"
    with db.reading() as session:
        order_id = session.scalars(select(MssMessage.order_id)).first()
    assert order_id is not None
    view = read_order(db, order_id, trace_describers())
    assert view is not None and view.subject and "Envoi MSSanté" in view.kind_label


async def test_a_reply_asks_for_no_delivery_report(db: Database, mss_operator: MssOperator) -> None:
    settings = _settings(mss_operator)
    mdn = build_mdn(original_message_id="<lettre@hopital.test>", original_recipient=mss_operator.mailbox,
                    final_recipient=mss_operator.mailbox, to=DOCTOR, sender=mss_operator.mailbox, subject="Lettre")
    with db.unit_of_work() as session:
        inbox_hooks(settings).reply(session, Reply("mdn", DOCTOR, "<lettre@hopital.test>", mdn.as_bytes()))
    await drain(db, _worker(db, _only_mss(settings)), within=60)
    [received] = mss_operator.received
    # RFC 3461 §4.1: NEVER, so that no DSN comes back about an MDN (it would match no message sent)
    assert received.rcpt_options[DOCTOR] == ["NOTIFY=NEVER"]
    assert not any(option.startswith(("RET=", "ENVID=")) for option in received.mail_options)


async def test_a_retry_sends_the_same_message_id(db: Database, cabinet: Cabinetry,
                                                 mss_operator: MssOperator) -> None:
    patient_id = add_qualified_patient(db, random_ins())
    document_id = validated(db, patient_id, cabinet.author)
    mss_operator.refuse(next(s.address for s in document_recipients(db, document_id)), "451 4.3.0 plus tard")
    worker = _worker(db, _only_mss(_settings(mss_operator)))
    await worker.run_once()
    with db.reading() as session:
        [message] = session.scalars(select(MssMessage)).all()
        first_id, order = message.message_id, session.get(SendOrder, message.order_id)
        assert order is not None and order.status is OrderStatus.PENDING and order.attempts >= 1
    mss_operator.state.refused.clear()
    await drain(db, worker)
    [received] = mss_operator.received
    parsed = email.message_from_bytes(received.data, policy=email.policy.default)
    assert parsed["Message-ID"] == first_id


async def test_without_psc_token_the_order_waits_with_a_french_reason(db: Database, cabinet: Cabinetry,
                                                                      mss_operator: MssOperator) -> None:
    patient_id = add_qualified_patient(db, random_ins())
    validated(db, patient_id, cabinet.author)
    await _worker(db, _only_mss(_settings(mss_operator, **{"mss.auth": "xoauth2"}))).run_once()
    with db.reading() as session:
        [order] = session.scalars(select(SendOrder).where(SendOrder.kind == planning.KIND)).all()
        assert order.status is OrderStatus.PENDING and "Pro Santé Connect" in (order.last_error or "")
    assert mss_operator.received == []


def test_reports_update_the_recipient(db: Database, cabinet: Cabinetry) -> None:
    patient_id = add_qualified_patient(db, random_ins())
    _add_correspondent(db, patient_id)
    save_preferences(db, cabinet.author.practitioner_id or 0, SendingPreferences(to_patient=False), cabinet.author)
    document_id = validated(db, patient_id, cabinet.author)
    with db.reading() as session:
        [message] = session.scalars(select(MssMessage)).all()
        message_id, envid = message.message_id or "", message.envid or ""

    def apply(report: Report) -> bool:
        with db.unit_of_work() as session:
            return apply_report(session, report)

    assert apply(Report("dsn", "", envid, DOCTOR, "delivered", ""))
    assert document_recipients(db, document_id)[0].status is RecipientStatus.DELIVERED
    assert apply(Report("mdn", message_id, "", DOCTOR.upper(), "displayed", ""))
    assert apply(Report("dsn", message_id, envid, DOCTOR, "delivered", ""))  # late: does not hide "lu"
    assert document_recipients(db, document_id)[0].status is RecipientStatus.DISPLAYED
    assert apply(Report("mdn", message_id, "", DOCTOR, "error", "12^Patient inconnu"))
    state = document_recipients(db, document_id)[0]
    assert state.status is RecipientStatus.ERROR and state.reason == "12^Patient inconnu"
    assert not apply(Report("mdn", "<autre@x>", "", DOCTOR, "displayed", ""))


@pytest.mark.parametrize("who", [""])
def test_an_objection_needs_a_user(db: Database, cabinet: Cabinetry, who: str) -> None:
    from lgc_app.mss.patient_objection import ObjectionError
    with pytest.raises(ObjectionError):
        set_objection(db, add_qualified_patient(db, random_ins()), True, who)
