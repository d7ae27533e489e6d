"""`lgc --demo`'s first start puts a lab report for DUPONT and a letter for MARTIN in the practice's sandbox mailbox:
the first is integrated at once, the second waits for manual matching (identity not qualified)."""

from __future__ import annotations

import asyncio

import pytest

from lgc_app.bootstrap import inbox_hooks
from lgc_app.demo_mail import seed_demo_mail
from lgc_app.mss.inbox import worklist
from lgc_app.mss.inbox.models import ItemState
from lgc_app.mss.inbox.reception import fetch_once, mailbox_opener
from lgc_app.patients.vocabulary import IdentityStatus
from lgc_app.persistence.database import Database
from services.sandbox.server import RunningSandbox
from tests.helpers import mss_sim as sim
from tests.helpers.cisis import add_patient

pytestmark = pytest.mark.db


def test_the_demo_mailbox_shows_one_integrated_report_and_one_letter_to_match(db: Database,
                                                                               sandbox: RunningSandbox) -> None:
    sim.settle_applicative_box(sandbox)
    with db.unit_of_work() as session:
        add_patient(session, status=IdentityStatus.QUAL, **sim.DUPONT_TRAITS)
        add_patient(session, status=IdentityStatus.RECUP, matricule="162116912305714", birth_name="MARTIN",
                    given_names="JEAN-PIERRE LOUIS", sex="M", birth_date="1962-11-02")
    settings = sim.sim_settings(sandbox, **{"demo.sandbox": True,
                                            "services.annuaire_url": sandbox.manifest.urls["annuaire"]})
    assert seed_demo_mail(settings) == 2
    summary = asyncio.run(fetch_once(db, mailbox_opener(settings, lambda: None), inbox_hooks(settings)))
    assert (summary.fetched, summary.integrated, summary.to_match, summary.ko) == (2, 1, 1, 0)
    [letter] = worklist.list_inbox(db, states=(ItemState.TO_MATCH,))
    assert "MARTIN" in letter.patient_label
    assert seed_demo_mail(sim.sim_settings(sandbox)) == 0  # outside the demo: nothing injected
