"""What a DMP send order concerns, for its trace (SC.DMP/ALI/PROG.02 proof on the master workstation).

The outbox owns the read model and the text of every order's trace (`lgc_app.outbox.trace`); this describer
adds what only DMP feeding knows: the document and its patient, the identifiers of the DMP entry (chosen
before the first attempt, so every retry sends the same entry), the entry it replaces and the DMP's last
answer. The content sent and the DMP's answer at each attempt are in the events, masked when recorded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from lgc_app.dmp.models import DmpDocumentState
from lgc_app.documents.models import Document
from lgc_app.outbox.models import SendOrder
from lgc_app.outbox.trace import Description
from lgc_app.patients.models import Patient

LABEL = "Alimentation du DMP"


class FeedDescriber:
    """Describes `dmp.feed` orders by the document version they send."""

    label = LABEL

    def describe(self, session: Session, orders: Sequence[SendOrder]) -> Mapping[str, Description]:
        query = (select(DmpDocumentState, Document, Patient)
                 .join(Document, Document.id == DmpDocumentState.document_id)
                 .join(Patient, Patient.id == Document.patient_id)
                 .where(DmpDocumentState.order_id.in_([order.id for order in orders])))
        return {state.order_id: _description(state, document, patient)
                for state, document, patient in session.execute(query) if state.order_id is not None}


def _description(state: DmpDocumentState, document: Document, patient: Patient) -> Description:
    facts = [
        ("Document", f"{document.title} ({document.type.label}, n° {document.id}, "
                     f"version {document.version_number})"),
        ("Patient", patient.display_name),
        ("État dans le DMP", state.state.label),
        ("Entrée DMP (entryUUID)", state.entry_uuid or "—"),
        ("Identifiant (uniqueId)", state.unique_id or "—"),
        ("Lot de soumission", state.submission_uid or "—"),
    ]
    if state.replaces_entry_uuid:
        facts.append(("Remplace l'entrée", state.replaces_entry_uuid))
    facts.append(("Dernière réponse du DMP", state.last_answer or "—"))
    return Description(subject=f"{document.title} — {patient.display_name}", facts=tuple(facts))


def describer() -> FeedDescriber:
    """The DMP feed's describer, registered under `feeding.KIND` by the composition root."""
    return FeedDescriber()

