"""MSSanté sends planned at validation (issue 12 item 2): the send planner, run INSIDE the validation unit of work
like the DMP's (`lgc_app.dmp.feeding`), so the orders commit with the validation or not at all. No network.

A validated document goes, per its author's preferences, to the patient's Mon espace santé mailbox
`<INS>@patient.mssante.fr` — only for a qualified identity (§4.0 ECO.2.2.6) and unless the patient objected — and
to the patient's correspondents who have a chosen mailbox (médecin traitant, adresseur). One order per message:
the patient's message (which may forbid replies) apart from the professionals'. Each message's Message-ID and
ENVID, and its XDM entry identifiers, are chosen here, before any attempt: a retry resends the same message. A
recipient left out is recorded with the reason, shown on the document.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from lgc_app.directory.models import Correspondent
from lgc_app.directory.use_cases import CorrespondentRole
from lgc_app.documents.actors import Actor
from lgc_app.documents.identifiers import new_document_oid
from lgc_app.documents.kinds import DocumentStatus
from lgc_app.documents.models import Document
from lgc_app.errors import UserError
from lgc_app.mss.patient_objection import objection_of
from lgc_app.mss.preferences import preferences_of
from lgc_app.mss.sent_models import MssMessage, MssRecipient, RecipientStatus
from lgc_app.outbox import orders
from lgc_app.patients.models import Patient
from lgc_app.persistence.database import Database
from services.mss.message_build import is_patient_address, patient_address

KIND = "mss.send"  # a validated document
COMPOSE_KIND = "mss.compose"  # a free message (compose dialog)
# The outbox backoff (10 s doubling, capped at 1 h) spans about half a day with 24 attempts, as for the DMP.
MAX_ATTEMPTS = 24
PATIENT = "patient"
MESSAGE_ID_DOMAIN = "lgc-segur.mssante.invalid"  # the right side of our Message-IDs: unique with the UUID

UNQUALIFIED = ("Identité du patient non qualifiée : le document n'est pas envoyé dans sa messagerie Mon espace "
               "santé (seul un INS qualifié peut servir d'adresse).")
OBJECTED = "Le patient s'est opposé à l'envoi de ses documents dans Mon espace santé."


def new_message(session: Session, *, actor: Actor, kind: str, patient_id: int | None, document_id: int | None,
                recipients: list[tuple[str, str]], subject: str = "", body: str = "") -> MssMessage:
    """A message with its identifiers fixed and its order enqueued (in the caller's transaction)."""
    message = MssMessage(document_id=document_id, patient_id=patient_id, message_id=f"<{uuid.uuid4()}@"
                         f"{MESSAGE_ID_DOMAIN}>", envid=uuid.uuid4().hex, entry_uuid=f"urn:uuid:{uuid.uuid4()}",
                         submission_uid=new_document_oid(), subject=subject, body=body, created_by=actor.login,
                         recipients=[MssRecipient(address=address, kind=role, reason="",
                                                  status=RecipientStatus.PLANNED) for address, role in recipients])
    session.add(message)
    session.flush()
    order = orders.enqueue(session, kind=kind, payload_ref=f"mss:{message.id}", payload={"message": message.id},
                           ordered_by=actor.login, origin_workstation=actor.workstation.name,
                           target_workstation=actor.workstation.executor, max_attempts=MAX_ATTEMPTS)
    session.flush()  # no ORM relationship orders the two inserts: the order row must exist first
    message.order_id = order.id
    return message


def _not_sent(session: Session, document: Document, actor: Actor, address: str, reason: str) -> None:
    session.add(MssMessage(document_id=document.id, patient_id=document.patient_id, created_by=actor.login,
                           subject="", body="", recipients=[MssRecipient(
                               address=address, kind=PATIENT, status=RecipientStatus.NOT_SENT, reason=reason)]))


def _correspondents(session: Session, patient_id: int, roles: set[str]) -> list[tuple[str, str]]:
    rows = session.scalars(select(Correspondent).where(Correspondent.patient_id == patient_id,
                                                       Correspondent.mailbox != "").order_by(Correspondent.id))
    return [(row.mailbox, row.role) for row in rows if row.role in roles]


def plan_mss_sends(session: Session, document: Document, actor: Actor) -> list[str]:
    """Decide the MSSanté messages of a document being validated; returns the ids of the orders created."""
    patient = session.get(Patient, document.patient_id)
    assert patient is not None  # foreign key
    wanted = preferences_of(session, document.author_id)
    planned: list[str] = []
    if wanted.to_patient:
        ins = patient.ins_for_export()
        if ins is None:
            _not_sent(session, document, actor, "Mon espace santé", UNQUALIFIED)
        elif objection_of(session, patient.id) is not None:
            _not_sent(session, document, actor, patient_address(ins[0]), OBJECTED)
        else:
            message = new_message(session, actor=actor, kind=KIND, patient_id=patient.id, document_id=document.id,
                                  recipients=[(patient_address(ins[0]), PATIENT)])
            planned.append(str(message.order_id))
    roles = {role.value for role, chosen in ((CorrespondentRole.TREATING, wanted.to_treating),
                                             (CorrespondentRole.REFERRING, wanted.to_referring)) if chosen}
    professionals = _correspondents(session, patient.id, roles)
    if professionals:
        message = new_message(session, actor=actor, kind=KIND, patient_id=patient.id, document_id=document.id,
                              recipients=professionals)
        planned.append(str(message.order_id))
    return planned


class MssSendRefused(UserError, ValueError):
    code = "MSS-SEND-REFUSED"
    summary = "Cet envoi par messagerie sécurisée est impossible."


def send_document_to(db: Database, document_id: int, address: str, actor: Actor) -> str:
    """One message of a validated document to one address (`lgc mss send`); returns the order id.

    Raises:
        MssSendRefused: unknown or unvalidated document, malformed address, or a patient address that is not this
            patient's qualified INS one or to which the patient objected.
    """
    address = address.strip()
    if address.count("@") != 1 or not address.partition("@")[0] or "." not in address.partition("@")[2]:
        raise MssSendRefused(f"Adresse MSSanté invalide : « {address} ».")
    with db.unit_of_work() as session:
        document = session.get(Document, document_id)
        if document is None or document.status is not DocumentStatus.VALIDATED:
            raise MssSendRefused(f"Document {document_id} introuvable ou non validé : seul un document validé part.")
        kind = CorrespondentRole.OTHER.value
        if is_patient_address(address):
            patient = session.get(Patient, document.patient_id)
            assert patient is not None  # foreign key
            ins = patient.ins_for_export()
            if ins is None:
                raise MssSendRefused(UNQUALIFIED)
            if address.lower() != patient_address(ins[0]).lower():
                raise MssSendRefused("Cette adresse Mon espace santé n'est pas celle du patient du document.")
            if objection_of(session, patient.id) is not None:
                raise MssSendRefused(OBJECTED)
            kind = PATIENT
        message = new_message(session, actor=actor, kind=KIND, patient_id=document.patient_id,
                              document_id=document.id, recipients=[(address, kind)])
        return str(message.order_id)
