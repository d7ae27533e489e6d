"""« Rédiger le compte rendu / l'ordonnance / le courrier » from a consultation: a draft of that type whose
content is prefilled from what was typed during the consultation (nothing typed twice), linked back to it.

The report and the letter carry the sections Motif / Antécédents / Examen clinique (vital signs first) /
Conclusion; the letter opens on a greeting and ends on the usual closing. The prescription starts empty
(its lines are the drugs, not in the record), linked to the consultation it was written in.
"""

from __future__ import annotations

from lgc_app.consultations.errors import ConsultationError
from lgc_app.consultations.models import ConsultationDocument
from lgc_app.consultations.use_cases import ConsultationView, get_consultation
from lgc_app.documents import lifecycle
from lgc_app.documents.cabinet import Cabinet
from lgc_app.documents.content import Content, NarrativeContent, PrescriptionContent, Section
from lgc_app.documents.kinds import DocumentType
from lgc_app.persistence.database import Database
from lgc_app.session import Session as UserSession

WRITABLE = (DocumentType.CONSULTATION_REPORT, DocumentType.PRESCRIPTION, DocumentType.LETTER)


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def clinical_sections(view: ConsultationView) -> tuple[Section, ...]:
    """The consultation as report sections; empty ones are left out."""
    record = view.record
    sections = (
        Section("Motif de consultation", _paragraphs(record.reason)),
        Section("Antécédents", _paragraphs(record.history)),
        Section("Examen clinique", record.vitals.lines() + _paragraphs(record.examination)),
        Section("Conclusion", _paragraphs(record.conclusion)),
    )
    return tuple(section for section in sections if section.paragraphs)


def _day(view: ConsultationView) -> str:
    return f"{view.started_at.astimezone():%d/%m/%Y}"


def prefilled(view: ConsultationView, document_type: DocumentType) -> tuple[str | None, Content]:
    """(title, content) of a draft of this type written from the consultation; None: the type's label."""
    if document_type is DocumentType.CONSULTATION_REPORT:
        return f"Compte rendu de consultation du {_day(view)}", NarrativeContent(clinical_sections(view))
    if document_type is DocumentType.LETTER:
        greeting = Section("Courrier", ("Cher confrère, chère consœur,",
                                        f"Je vous adresse ce patient, vu en consultation le {_day(view)}."))
        *body, last = (greeting, *clinical_sections(view))
        signed = Section(last.heading, (*last.paragraphs, "Bien confraternellement."))
        return None, NarrativeContent((*body, signed))
    if document_type is DocumentType.PRESCRIPTION:
        return None, PrescriptionContent()
    raise ConsultationError(f"Un document « {document_type.label} » ne se rédige pas depuis une consultation.")


def write_document(db: Database, consultation_id: int, document_type: DocumentType, *, writer: UserSession,
                   cabinet: Cabinet) -> int:
    """Create the prefilled draft, authored by the consultation's practitioner, and link it; returns its id.
    `writer` reads the consultation (NotPermitted for a role that may not) and creates the draft.

    Two transactions (the draft is the documents domain's use case): a failure between them leaves a draft
    that is simply not linked, never a link to nothing.
    """
    view = get_consultation(db, consultation_id, writer)
    title, content = prefilled(view, document_type)
    document_id = lifecycle.create_draft(db, patient_id=view.patient_id, author_id=view.practitioner_id,
                                         document_type=document_type, actor=writer.actor(), cabinet=cabinet,
                                         title=title, content=content)
    with db.unit_of_work() as session:
        session.add(ConsultationDocument(document_id=document_id, consultation_id=consultation_id))
    return document_id
