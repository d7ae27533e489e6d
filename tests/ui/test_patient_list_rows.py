"""The patient list's model shows the texts of the prepared rows: display name (used name, "née"), birth date,
status wording and badge code, tooltip, patient id."""

from __future__ import annotations

from PySide6.QtCore import Qt

from lgc_app.patients.list_rows import patient_rows
from lgc_app.patients.search import MatchKind, SearchHit
from lgc_app.patients.vocabulary import IdentityStatus, Sex
from ui.patients.badges import STATUS_ROLE
from ui.patients.patient_list import PatientListModel


def _hit(patient_id: int, birth_name: str, givens: str, born: str, sex: Sex, status: IdentityStatus,
         used_name: str | None = None, used_given_name: str | None = None) -> SearchHit:
    return SearchHit(patient_id, 0.0, MatchKind.EXACT, False, birth_name, used_name, givens, used_given_name, born,
                     sex, status)


def test_rows_show_names_dates_statuses_and_tooltips() -> None:
    model = PatientListModel()
    model.set_rows(patient_rows([
        _hit(7, "DUPONT", "ELODIE MARIE", "1985-03-14", Sex.F, IdentityStatus.QUAL, used_name="MARTIN"),
        _hit(9, "LEROY", "JEAN-PIERRE", "1962-00-00", Sex.M, IdentityStatus.PROV, used_given_name="JP"),
    ]))

    def cells(row: int, role: int = Qt.ItemDataRole.DisplayRole) -> list[object]:
        return [model.index(row, column).data(role) for column in range(model.columnCount())]

    assert cells(0) == ["MARTIN Elodie (née DUPONT)", "14/03/1985", "Identité qualifiée"]
    assert cells(1) == ["LEROY Jp", "00/00/1962", "Identité provisoire"]
    assert cells(0, STATUS_ROLE) == [None, None, IdentityStatus.QUAL]
    assert cells(1, Qt.ItemDataRole.UserRole) == [9, 9, 9]
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == (
        "DUPONT ELODIE MARIE (F), 14/03/1985 — Identité qualifiée")
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole) is None
    assert model.data(model.index(5, 0)) is None
