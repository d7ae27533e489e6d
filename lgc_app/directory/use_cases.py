"""Use cases of the directory; each owns its transaction and returns frozen snapshots.

- the cache: every entry the Annuaire returned is kept with the date it was read (`remember`), so a
  correspondent can be shown and chosen again without the network, and the screen tells how old it is;
- the correspondents of a patient: added from a directory entry with a role and the chosen MSSanté box
  (only one of the entry's listed boxes: never a typed address or a plain e-mail), changed, removed.
  A patient has one médecin traitant: naming another turns the previous one into « autre ».
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from lgc_app.directory import codec
from lgc_app.directory.errors import AlreadyCorrespondent, CorrespondentNotFound, MailboxNotOffered
from lgc_app.directory.models import CachedPractitioner, Correspondent
from lgc_app.patients.models import Patient
from lgc_app.patients.service import PatientNotFound
from lgc_app.persistence.base import utcnow
from lgc_app.persistence.database import Database
from services.annuaire import MailboxKind, PractitionerEntry


class CorrespondentRole(enum.StrEnum):
    TREATING = "medecin_traitant"
    REFERRING = "adresseur"
    OTHER = "autre"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]


_ROLE_LABELS = {
    CorrespondentRole.TREATING: "Médecin traitant",
    CorrespondentRole.REFERRING: "Adresseur",
    CorrespondentRole.OTHER: "Autre",
}


@dataclass(frozen=True)
class CachedEntry:
    entry: PractitionerEntry
    fetched_at: datetime


@dataclass(frozen=True)
class CorrespondentView:
    id: int
    patient_id: int
    role: CorrespondentRole
    rpps: str
    family: str
    given: str
    specialty: str
    mailbox: str
    mailbox_kind: MailboxKind | None
    place: str

    @property
    def display_name(self) -> str:
        return f"{self.family} {self.given}".strip()


def remember(db: Database, entries: Iterable[PractitionerEntry], *, now: datetime | None = None) -> int:
    """Store (or refresh) these directory entries with the date they were read; returns how many."""
    stamp = now or utcnow()
    count = 0
    with db.unit_of_work() as session:
        for entry in entries:
            if not entry.rpps:
                continue
            row = session.get(CachedPractitioner, entry.rpps)
            if row is None:
                row = CachedPractitioner(rpps=entry.rpps)
                session.add(row)
            row.family = entry.family[:120]
            row.entry_json = codec.dumps(entry)
            row.fetched_at = stamp
            count += 1
    return count


def cached(db: Database, rpps: str) -> CachedEntry | None:
    with db.reading() as session:
        row = session.get(CachedPractitioner, rpps)
        return CachedEntry(codec.loads(row.entry_json), row.fetched_at) if row else None


def cached_by_name(db: Database, family: str, *, limit: int = 50) -> tuple[CachedEntry, ...]:
    """Cached entries whose family name starts with `family` (case-insensitive): the offline look-up."""
    prefix = family.strip().upper()
    if not prefix:
        return ()
    with db.reading() as session:
        rows = session.scalars(select(CachedPractitioner)
                               .where(CachedPractitioner.family.startswith(prefix, autoescape=True))
                               .order_by(CachedPractitioner.family, CachedPractitioner.rpps).limit(limit))
        return tuple(CachedEntry(codec.loads(row.entry_json), row.fetched_at) for row in rows)


def correspondents(db: Database, patient_id: int) -> tuple[CorrespondentView, ...]:
    """The patient's correspondents, médecin traitant first."""
    order = list(CorrespondentRole)
    with db.reading() as session:
        rows = session.scalars(select(Correspondent).where(Correspondent.patient_id == patient_id)
                               .order_by(Correspondent.family, Correspondent.id))
        views = [_view(row) for row in rows]
    return tuple(sorted(views, key=lambda view: order.index(view.role)))


def add_correspondent(db: Database, patient_id: int, entry: PractitionerEntry, role: CorrespondentRole,
                      mailbox: str, *, who: str) -> CorrespondentView:
    """Raises PatientNotFound, AlreadyCorrespondent, MailboxNotOffered."""
    kind = _chosen_kind(entry, mailbox)
    with db.unit_of_work() as session:
        if session.get(Patient, patient_id) is None:
            raise PatientNotFound(patient_id)
        if session.scalar(select(Correspondent.id).where(Correspondent.patient_id == patient_id,
                                                         Correspondent.rpps == entry.rpps)) is not None:
            raise AlreadyCorrespondent(f"{entry.display_name} (RPPS {entry.rpps}) est déjà un correspondant "
                                       "de ce patient.")
        if role is CorrespondentRole.TREATING:
            _demote_treating(session, patient_id)
        place = entry.places[0] if entry.places else None
        qualification = entry.specialty or entry.profession
        row = Correspondent(patient_id=patient_id, role=role.value, rpps=entry.rpps, family=entry.family[:120],
                            given=entry.given[:120],
                            specialty=qualification.label[:120] if qualification else "",
                            mailbox=mailbox, mailbox_kind=kind.value if kind else "",
                            place=(f"{place.name}, {place.address}" if place else "")[:400], added_by=who)
        session.add(row)
        session.flush()
        return _view(row)


def change_correspondent(db: Database, correspondent_id: int, role: CorrespondentRole,
                         mailbox: str) -> CorrespondentView:
    """New role and chosen mailbox; the mailbox must be one the cached entry lists (or "" for none).

    Raises CorrespondentNotFound, MailboxNotOffered."""
    with db.unit_of_work() as session:
        row = session.get(Correspondent, correspondent_id)
        if row is None:
            raise CorrespondentNotFound()
        kind: MailboxKind | None = None
        if mailbox and mailbox != row.mailbox:
            cached_row = session.get(CachedPractitioner, row.rpps)
            if cached_row is None:
                raise MailboxNotOffered()
            kind = _chosen_kind(codec.loads(cached_row.entry_json), mailbox)
        elif mailbox:
            kind = MailboxKind(row.mailbox_kind) if row.mailbox_kind else None
        if role is CorrespondentRole.TREATING and row.role != role.value:
            _demote_treating(session, row.patient_id)
        row.role = role.value
        row.mailbox = mailbox
        row.mailbox_kind = kind.value if kind else ""
        session.flush()
        return _view(row)


def remove_correspondent(db: Database, correspondent_id: int) -> None:
    """Raises CorrespondentNotFound."""
    with db.unit_of_work() as session:
        row = session.get(Correspondent, correspondent_id)
        if row is None:
            raise CorrespondentNotFound()
        session.delete(row)


def _chosen_kind(entry: PractitionerEntry, mailbox: str) -> MailboxKind | None:
    if not mailbox:
        return None
    for box in entry.all_mailboxes():
        if box.address.lower() == mailbox.lower():
            return box.kind
    raise MailboxNotOffered(f"« {mailbox} » n'est pas une messagerie MSSanté de {entry.display_name} dans "
                            "l'Annuaire Santé.")


def _demote_treating(session: Session, patient_id: int) -> None:
    for previous in session.scalars(select(Correspondent).where(
            Correspondent.patient_id == patient_id, Correspondent.role == CorrespondentRole.TREATING.value)):
        previous.role = CorrespondentRole.OTHER.value


def _view(row: Correspondent) -> CorrespondentView:
    return CorrespondentView(id=row.id, patient_id=row.patient_id, role=CorrespondentRole(row.role), rpps=row.rpps,
                             family=row.family, given=row.given, specialty=row.specialty, mailbox=row.mailbox,
                             mailbox_kind=MailboxKind(row.mailbox_kind) if row.mailbox_kind else None,
                             place=row.place)
