"""What an MSSanté send order concerns, for its trace and the "Envois" panel (like `lgc_app.dmp.trace`), and the
per-recipient state of a document's messages for the document view."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from lgc_app.documents.models import Document
from lgc_app.mss.sent_models import MssMessage, RecipientStatus
from lgc_app.outbox.models import SendOrder
from lgc_app.outbox.trace import Description
from lgc_app.patients.models import Patient
from lgc_app.persistence.database import Database

LABEL = "Envoi MSSanté"


@dataclass(frozen=True)
class RecipientState:
    address: str
    status: RecipientStatus
    reason: str
    updated_at: datetime

    @property
    def text(self) -> str:
        return f"{self.address} : {self.status.label}" + (f" ({self.reason})" if self.reason else "")


class MssDescriber:
    label = LABEL

    def describe(self, session: Session, orders: Sequence[SendOrder]) -> Mapping[str, Description]:
        query = (select(MssMessage).options(selectinload(MssMessage.recipients))
                 .where(MssMessage.order_id.in_([order.id for order in orders])))
        return {message.order_id: _description(session, message) for message in session.scalars(query)
                if message.order_id is not None}


def _description(session: Session, message: MssMessage) -> Description:
    document = session.get(Document, message.document_id) if message.document_id else None
    patient = session.get(Patient, message.patient_id) if message.patient_id else None
    what = f"{document.title} ({document.type.label}, n° {document.id})" if document else message.subject
    facts = [("Contenu", what or "—"), ("Patient", patient.display_name if patient else "—"),
             ("Message-ID", message.message_id or "—"), ("ENVID", message.envid or "—")]
    facts += [(f"Destinataire {r.address}", r.status.label + (f" — {r.reason}" if r.reason else ""))
              for r in message.recipients]
    addresses = ", ".join(r.address for r in message.recipients)
    return Description(subject=f"{what} → {addresses}", facts=tuple(facts))


def describer() -> MssDescriber:
    return MssDescriber()


def document_recipients(db: Database, document_id: int) -> list[RecipientState]:
    """Every recipient of the document's MSSanté messages (and those left out, with the reason), oldest first."""
    return documents_recipients(db, [document_id]).get(document_id, [])


def documents_recipients(db: Database, document_ids: Sequence[int]) -> dict[int, list[RecipientState]]:
    """`document_recipients` of several documents in one query (the document list); absent: no message."""
    found: dict[int, list[RecipientState]] = {}
    with db.reading() as session:
        query = (select(MssMessage).options(selectinload(MssMessage.recipients))
                 .where(MssMessage.document_id.in_(list(document_ids))).order_by(MssMessage.id))
        for message in session.scalars(query):
            assert message.document_id is not None  # selected by it
            found.setdefault(message.document_id, []).extend(
                RecipientState(r.address, r.status, r.reason, r.updated_at) for r in message.recipients)
    return found
