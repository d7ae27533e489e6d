"""The INSq dashboard: identities per status and the share of qualified ones, refreshed when shown."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from lgc_app.bootstrap import AppContext
from lgc_app.patients.service import set_attributes
from lgc_app.patients.vocabulary import IdentityStatus
from tests.helpers.patients import (
    add_patient,
    check_document,
    retrieve,
)
from ui.main_window import MainWindow
from ui.patients.indicators_view import IndicatorsView, percent
from ui.tasks import TaskManager


def test_dashboard_shows_the_qualified_share(qloop: object, qtbot: QtBot, context: AppContext) -> None:
    db = context.database
    qualified = add_patient(db, "DUPONT", "ELODIE MARIE", "14/03/1985", birth_place_code="75056")
    retrieve(db, qualified)
    check_document(db, qualified)
    validated = add_patient(db, "MARTIN", "JEAN", "02/11/1962", sex="M")
    check_document(db, validated)
    add_patient(db, "DURAND", "PAUL", "05/06/1970", sex="M")
    doubtful = add_patient(db, "PETIT", "LUC", "07/08/1990", sex="M")
    with db.unit_of_work() as session:
        set_attributes(session, doubtful, "test", doubtful=True)
    view = IndicatorsView(context, TaskManager())
    qtbot.addWidget(view)
    view.show()  # computed when looked at
    qtbot.waitUntil(lambda: view.indicators is not None)
    assert view.headline.text() == "Identités qualifiées : 25,0 % (1 sur 4)"
    assert view.counts[IdentityStatus.PROV].text() == "2 (50,0 %)"
    assert view.counts[IdentityStatus.VALI].text() == "1 (25,0 %)"
    assert view.counts[IdentityStatus.RECUP].text() == "0 (0,0 %)"
    assert view.bars[IdentityStatus.QUAL].value() == 250
    assert "douteuses : 1" in view.details.text() and "avec un INS : 1" in view.details.text()

    add_patient(db, "ROUX", "EMMA", "01/01/2001")
    view.refresh()
    qtbot.waitUntil(lambda: view.indicators is not None and view.indicators.total == 5)
    assert view.headline.text() == f"Identités qualifiées : {percent(0.2)} (1 sur 5)"


def test_empty_cabinet(qloop: object, qtbot: QtBot, context: AppContext) -> None:
    view = IndicatorsView(context, TaskManager())
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.indicators is not None)
    assert view.headline.text() == "Identités qualifiées : 0,0 % (0 sur 0)"


def test_dashboard_is_a_main_window_panel(window: MainWindow, qtbot: QtBot) -> None:
    window.show_panel("Indicateurs INSq")
    assert window.panels.currentWidget() is window.patients.indicators
    qtbot.waitUntil(lambda: window.patients.indicators.indicators is not None)
