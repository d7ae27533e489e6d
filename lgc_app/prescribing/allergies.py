"""The patient's allergies and their conflicts with a prescription (issue 14: prescribing amoxicillin to a
patient allergic to penicillin warns before validation).

Where allergies are recorded: the patient's allergy list (`patient_allergies`, edited in the consultation
screen) and, since practitioners already type them there, the drug allergies of the patient's latest
volet de synthèse médicale. A conflict is a drug whose ATC allergy class is an allergy's class (same class),
or a class known to cross-react with it (atc.CROSS_REACTIVITY).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from lgc_app.audit.events import AuditEvent
from lgc_app.audit.trail import record
from lgc_app.documents.actors import Actor
from lgc_app.documents.content import VsmContent
from lgc_app.documents.kinds import DocumentStatus, DocumentType
from lgc_app.documents.models import Document
from lgc_app.documents.types import parse_content
from lgc_app.persistence.database import Database
from lgc_app.prescribing import atc
from lgc_app.prescribing.errors import AllergyError
from lgc_app.prescribing.models import AllergyOverride, PatientAllergy

ATC_CLASS = re.compile(r"^[A-Z]\d{2}[A-Z]{0,2}\d{0,2}$")
FROM_LIST, FROM_VSM = "dossier", "VSM"


@dataclass(frozen=True)
class KnownAllergy:
    """One allergy as the checks and the screens see it; `id` is None for one read from a VSM."""

    id: int | None
    substance: str
    atc_class: str | None
    reaction: str
    source: str  # FROM_LIST or FROM_VSM

    @property
    def allergy_class(self) -> atc.AtcClass | None:
        if self.atc_class:
            return atc.class_of_code(self.atc_class)
        return atc.class_of_name(self.substance)


@dataclass(frozen=True)
class AllergyConflict:
    drug: str
    allergy: str
    drug_class: str  # French label
    cross_reactivity: str  # empty for the same class

    @property
    def text(self) -> str:
        why = self.cross_reactivity or "même classe"
        return f"« {self.drug} » — {self.drug_class} : patient allergique à « {self.allergy} » ({why})."


# --- the allergy list --------------------------------------------------------------------------------------

def list_allergies(db: Database, patient_id: int) -> tuple[KnownAllergy, ...]:
    """The patient's allergy list, in the order recorded."""
    with db.reading() as session:
        rows = session.scalars(select(PatientAllergy).where(PatientAllergy.patient_id == patient_id)
                               .order_by(PatientAllergy.id))
        return tuple(_known(row) for row in rows)


def add_allergy(db: Database, patient_id: int, *, substance: str, atc_class: str = "", reaction: str = "",
                actor: Actor) -> KnownAllergy:
    """Record an allergy. Without an ATC class, the class is found from the substance when the table knows it.

    Raises:
        AllergyError: no substance, or an ATC class that is not an ATC code.
    """
    substance, code = substance.strip(), atc_class.strip().upper()
    if not substance:
        raise AllergyError("Indiquez la substance ou le médicament en cause.")
    if code and not ATC_CLASS.match(code):
        raise AllergyError(f"« {atc_class.strip()} » n'est pas un code ATC (ex. : J01C pour les pénicillines).")
    if not code:
        found = atc.class_of_name(substance)
        code = found.code if found else ""
    with db.unit_of_work() as session:
        row = PatientAllergy(patient_id=patient_id, substance=substance, atc_class=code or None,
                             reaction=reaction.strip(), recorded_by=actor.login)
        session.add(row)
        session.flush()
        _audit(session, actor, AuditEvent.ALLERGY_ADDED, row, "Allergie ajoutée à la liste du patient")
        return _known(row)


def remove_allergy(db: Database, allergy_id: int, *, actor: Actor) -> None:
    with db.unit_of_work() as session:
        row = session.get(PatientAllergy, allergy_id)
        if row is None:
            raise AllergyError("Cette allergie a déjà été retirée du dossier.")
        _audit(session, actor, AuditEvent.ALLERGY_REMOVED, row, "Allergie retirée de la liste du patient")
        session.delete(row)


def _audit(session: Session, actor: Actor, event: AuditEvent, row: PatientAllergy, detail: str) -> None:
    """A change of the allergy list is a change of the patient record: journaled in its transaction (issue
    11), naming the entry, not the substance (the journal is exported)."""
    record(session, event, actor.login, actor.workstation.name, f"allergie {row.id}", detail,
           patient_id=row.patient_id)


def known_allergies(db: Database, patient_id: int) -> tuple[KnownAllergy, ...]:
    """The allergy list and the drug allergies of the latest VSM not deleted, each substance once."""
    listed = list_allergies(db, patient_id)
    with db.reading() as session:
        vsm = session.scalar(select(Document).where(
            Document.patient_id == patient_id, Document.type == DocumentType.VSM,
            Document.status.in_((DocumentStatus.DRAFT, DocumentStatus.VALIDATED)))
            .order_by(Document.id.desc()).limit(1))
        content = parse_content(DocumentType.VSM, vsm.content) if vsm is not None else VsmContent()
    assert isinstance(content, VsmContent)
    seen = {atc.fold(a.substance) for a in listed}
    from_vsm = [KnownAllergy(None, a.agent, None, a.reaction, FROM_VSM) for a in content.allergies
                if a.active and a.kind == "medicament" and atc.fold(a.agent) not in seen]
    return listed + tuple(from_vsm)


def _known(row: PatientAllergy) -> KnownAllergy:
    return KnownAllergy(row.id, row.substance, row.atc_class, row.reaction, FROM_LIST)


# --- conflicts ---------------------------------------------------------------------------------------------

def find_conflicts(allergies: Iterable[KnownAllergy], drugs: Iterable[str]) -> list[AllergyConflict]:
    """Each (drug, allergy) pair where the drug's class is the allergy's class or cross-reacts with it.

    A drug the ATC table does not know raises no warning: the table is small, the practitioner stays in charge.
    """
    classes = [(allergy, allergy.allergy_class) for allergy in allergies]
    conflicts: list[AllergyConflict] = []
    for drug in drugs:
        drug_class = atc.class_of_name(drug)
        if drug_class is None:
            continue
        for allergy, allergy_class in classes:
            if allergy_class is None:
                continue
            if allergy_class.code == drug_class.code:
                conflicts.append(AllergyConflict(drug, allergy.substance, drug_class.label, ""))
            elif (why := atc.CROSS_REACTIVITY.get((allergy_class.code, drug_class.code))) is not None:
                conflicts.append(AllergyConflict(drug, allergy.substance, drug_class.label, why))
    return conflicts


def prescription_conflicts(db: Database, patient_id: int, drugs: Sequence[str]) -> list[AllergyConflict]:
    """The conflicts between these prescribed drugs and the patient's known allergies."""
    return find_conflicts(known_allergies(db, patient_id), drugs)


def record_override(db: Database, document_id: int, conflicts: Sequence[AllergyConflict], reason: str, *,
                    who: str) -> None:
    """The practitioner prescribes despite the warning: one row per conflict, with the reason.

    Raises:
        AllergyError: no reason given.
    """
    if not reason.strip():
        raise AllergyError("Indiquez pourquoi vous prescrivez malgré l'allergie.")
    with db.unit_of_work() as session:
        session.add_all(AllergyOverride(document_id=document_id, drug=c.drug, allergy=c.allergy,
                                        reason=reason.strip(), actor=who) for c in conflicts)


def overrides(db: Database, document_id: int) -> list[tuple[str, str, str, str]]:
    """(drug, allergy, reason, who) of every override recorded for a prescription."""
    with db.reading() as session:
        rows = session.scalars(select(AllergyOverride).where(AllergyOverride.document_id == document_id)
                               .order_by(AllergyOverride.id))
        return [(row.drug, row.allergy, row.reason, row.actor) for row in rows]
