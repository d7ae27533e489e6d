"""`lgc mss fetch` against the sandbox's MSSanté simulator: reads the practice's applicative box once, integrates,
prints the counts, then sends the replies it enqueued (MDN) from this workstation."""

from __future__ import annotations

from pathlib import Path

import pytest

from lgc_app import cli, config
from lgc_app.config import Settings
from lgc_app.patients.vocabulary import IdentityStatus
from lgc_app.persistence.database import Database
from services.sandbox.server import RunningSandbox
from tests.helpers import mss_sim as sim
from tests.helpers.cisis import add_patient

pytestmark = pytest.mark.db


def _run(tmp_path: Path, sandbox: RunningSandbox, db_url: str, **values: object) -> int:
    path = tmp_path / "lgc.toml"
    config.save(Settings(sim.sim_values(sandbox, **{"database.url": db_url}, **values)), path)
    return cli.main(["--config", str(path), "mss", "fetch"])


def test_fetch_prints_the_counts_and_sends_the_replies(db: Database, db_url: str, tmp_path: Path,
                                                      sandbox: RunningSandbox,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    sim.settle_applicative_box(sandbox)
    with db.unit_of_work() as session:
        add_patient(session, status=IdentityStatus.QUAL, **sim.DUPONT_TRAITS)
    sim.inject(sandbox, sim.APPLICATIVE, patient=sim.DUPONT_IDENTITY)
    sim.inject(sandbox, sim.APPLICATIVE, patient=sim.DUPONT_IDENTITY, variant="xxe")
    assert _run(tmp_path, sandbox, db_url) == 0
    assert capsys.readouterr().out.splitlines() == [
        "2 message(s) relevé(s) : 1 document(s) intégré(s), 0 à rapprocher, 1 en erreur, 0 doublon(s), 0 accusé(s) "
        "de réception.",
        "Envois exécutés : 2 réussi(s), 0 à retenter, 0 en échec."]  # the two MDN: processed, processed/Error


def test_unreachable_server_is_a_french_error(db: Database, db_url: str, tmp_path: Path, sandbox: RunningSandbox,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(tmp_path, sandbox, db_url, **{"services.mss_imap": "imap://127.0.0.1:1"}) == 1
    assert capsys.readouterr().err.strip() == ("Erreur : Le serveur de réception MSSanté est injoignable. "
                                               "Réessayez dans un instant.")
