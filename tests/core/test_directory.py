"""The directory in the practice: cached entries with their date, the patients' correspondents (role, chosen
MSSanté box, one médecin traitant), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from lgc_app.directory import use_cases
from lgc_app.directory.errors import AlreadyCorrespondent, CorrespondentNotFound, MailboxNotOffered
from lgc_app.directory.use_cases import CorrespondentRole
from lgc_app.patients.service import PatientNotFound
from lgc_app.persistence.database import Database
from services.annuaire import Mailbox, MailboxKind, PracticePlace, PractitionerEntry, Qualification
from tests.helpers.patients import add_patient

pytestmark = pytest.mark.usefixtures("db_backend")

CARDIO = PractitionerEntry(
    resource_id="pr-cardio", rpps="99700412345", family="CARDIO", given="Claire",
    profession=Qualification("10", "Médecin"), specialty=Qualification("SM04", "Cardiologie et maladies vasculaires"),
    mailboxes=(Mailbox("claire.cardio@cardio.mssante.fr", MailboxKind.PERSONAL),),
    places=(PracticePlace("org-cardio", "CABINET DE CARDIOLOGIE", ("4 PLACE BELLECOUR",), "69002", "LYON",
                          (Mailbox("secretariat@cardio-lyon.mssante.fr", MailboxKind.ORGANISATIONAL, "Secrétariat"),),
                          ("contact@cabinet-cardio-lyon.fr",)),),
)
PAUL = PractitionerEntry(resource_id="pr-test", rpps="99700366240", family="MEDECIN-TEST", given="Paul",
                         profession=Qualification("10", "Médecin"),
                         specialty=Qualification("SM54", "Médecine générale"),
                         mailboxes=(Mailbox("paul.medecin-test@medecin.mssante.fr", MailboxKind.PERSONAL),))


def test_remembered_entries_come_back_whole_with_their_date(db: Database) -> None:
    read_at = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    assert use_cases.remember(db, [CARDIO, PAUL], now=read_at) == 2
    cached = use_cases.cached(db, "99700412345")
    assert cached is not None and cached.entry == CARDIO and cached.fetched_at == read_at
    later = datetime(2026, 12, 2, tzinfo=UTC)
    use_cases.remember(db, [CARDIO], now=later)
    refreshed = use_cases.cached(db, "99700412345")
    assert refreshed is not None and refreshed.fetched_at == later
    assert [hit.entry.rpps for hit in use_cases.cached_by_name(db, "card")] == ["99700412345"]
    assert use_cases.cached_by_name(db, "") == ()
    assert use_cases.cached(db, "00000000000") is None


def test_a_correspondent_keeps_role_rpps_name_and_chosen_box(db: Database) -> None:
    patient = add_patient(db, "DUPONT", "ELODIE", "1985-03-14")
    added = use_cases.add_correspondent(db, patient, CARDIO, CorrespondentRole.REFERRING,
                                        "secretariat@cardio-lyon.mssante.fr", who="Dr Test")
    (listed,) = use_cases.correspondents(db, patient)
    assert listed == added
    assert (listed.role, listed.rpps, listed.display_name, listed.specialty) == \
        (CorrespondentRole.REFERRING, "99700412345", "CARDIO Claire", "Cardiologie et maladies vasculaires")
    assert (listed.mailbox, listed.mailbox_kind) == ("secretariat@cardio-lyon.mssante.fr", MailboxKind.ORGANISATIONAL)
    assert listed.place == "CABINET DE CARDIOLOGIE, 4 PLACE BELLECOUR, 69002 LYON"


def test_only_listed_mss_boxes_can_be_chosen(db: Database) -> None:
    patient = add_patient(db, "DUPONT", "ELODIE", "1985-03-14")
    for address in ("contact@cabinet-cardio-lyon.fr", "typo@cardio.mssante.fr"):
        with pytest.raises(MailboxNotOffered):
            use_cases.add_correspondent(db, patient, CARDIO, CorrespondentRole.OTHER, address, who="x")
    assert use_cases.correspondents(db, patient) == ()
    none_chosen = use_cases.add_correspondent(db, patient, CARDIO, CorrespondentRole.OTHER, "", who="x")
    assert none_chosen.mailbox == "" and none_chosen.mailbox_kind is None


def test_one_treating_doctor_the_previous_becomes_other(db: Database) -> None:
    patient = add_patient(db, "DUPONT", "ELODIE", "1985-03-14")
    first = use_cases.add_correspondent(db, patient, PAUL, CorrespondentRole.TREATING, "", who="x")
    second = use_cases.add_correspondent(db, patient, CARDIO, CorrespondentRole.TREATING,
                                         "claire.cardio@cardio.mssante.fr", who="x")
    listed = {view.id: view.role for view in use_cases.correspondents(db, patient)}
    assert listed == {second.id: CorrespondentRole.TREATING, first.id: CorrespondentRole.OTHER}
    assert use_cases.correspondents(db, patient)[0].id == second.id, "médecin traitant first"
    with pytest.raises(AlreadyCorrespondent):
        use_cases.add_correspondent(db, patient, PAUL, CorrespondentRole.OTHER, "", who="x")
    with pytest.raises(PatientNotFound):
        use_cases.add_correspondent(db, patient + 999, PAUL, CorrespondentRole.OTHER, "", who="x")


def test_change_uses_the_cached_entry_and_remove_deletes(db: Database) -> None:
    patient = add_patient(db, "DUPONT", "ELODIE", "1985-03-14")
    view = use_cases.add_correspondent(db, patient, CARDIO, CorrespondentRole.OTHER, "", who="x")
    with pytest.raises(MailboxNotOffered):  # not cached: nothing to check the box against
        use_cases.change_correspondent(db, view.id, CorrespondentRole.OTHER, "claire.cardio@cardio.mssante.fr")
    use_cases.remember(db, [CARDIO])
    changed = use_cases.change_correspondent(db, view.id, CorrespondentRole.REFERRING,
                                             "claire.cardio@cardio.mssante.fr")
    assert (changed.role, changed.mailbox, changed.mailbox_kind) == \
        (CorrespondentRole.REFERRING, "claire.cardio@cardio.mssante.fr", MailboxKind.PERSONAL)
    use_cases.remove_correspondent(db, view.id)
    assert use_cases.correspondents(db, patient) == ()
    with pytest.raises(CorrespondentNotFound):
        use_cases.remove_correspondent(db, view.id)
