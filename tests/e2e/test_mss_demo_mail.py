"""`lgc --demo`'s first start puts a lab report for DUPONT and a letter for MARTIN in the practice's sandbox mailbox:
the first is integrated at once, the second waits for manual matching (identity not qualified)."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select

from lgc_app import demo_seed
from lgc_app.bootstrap import inbox_hooks
from lgc_app.demo_mail import seed_demo_mail
from lgc_app.dmp.consultation import received_documents
from lgc_app.labresults.use_cases import patient_results
from lgc_app.mss.inbox import worklist
from lgc_app.mss.inbox.models import ItemState
from lgc_app.mss.inbox.reception import fetch_once, mailbox_opener
from lgc_app.patients.models import Patient
from lgc_app.persistence.database import Database
from services.sandbox.server import RunningSandbox
from tests.helpers import mss_sim as sim
from tests.helpers.composition import PLANNERS, STANDALONE, practitioner_session
from tests.helpers.dmp_feed import CABINET

pytestmark = pytest.mark.db


def test_the_demo_mailbox_shows_one_integrated_report_and_one_letter_to_match(db: Database,
                                                                               sandbox: RunningSandbox) -> None:
    sim.settle_applicative_box(sandbox)
    demo_seed.seed(db, CABINET, demo_seed.demo_session(db, STANDALONE), PLANNERS)  # the demo's own patients
    with db.reading() as session:
        dupont, martin = (session.scalars(select(Patient).where(Patient.birth_name == name)).one()
                          for name in ("DUPONT", "MARTIN"))
        dupont_id, martin_id = dupont.id, martin.id
        assert dupont.ins_for_export() is not None and martin.ins_for_export() is None  # qualified / not
    settings = sim.sim_settings(sandbox, **{"demo.sandbox": True,
                                            "services.annuaire_url": sandbox.manifest.urls["annuaire"]})
    assert seed_demo_mail(settings) == 2
    summary = asyncio.run(fetch_once(db, mailbox_opener(settings, lambda: None), inbox_hooks(settings)))
    assert (summary.fetched, summary.integrated, summary.to_match, summary.ko) == (2, 1, 1, 0)
    # the lab report matched DUPONT by her INS (its OID hers) and brought its results; the letter waits
    [report] = [r for r in received_documents(db, dupont_id) if r.by_mss]
    assert report.origin_sender and patient_results(db, dupont_id, practitioner_session())
    [letter] = worklist.list_inbox(db, states=(ItemState.TO_MATCH,))
    assert "MARTIN" in letter.patient_label and letter.patient_id is None
    assert not [r for r in received_documents(db, martin_id) if r.by_mss]
    assert seed_demo_mail(sim.sim_settings(sandbox)) == 0  # outside the demo: nothing injected
