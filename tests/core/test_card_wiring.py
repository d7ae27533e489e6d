"""The CPS card in the composition root: the worker reads the session when an order runs (a CPS session signs
its practitioner's documents with the card), one card object per workstation and none on a slave, and the
demo's sandbox hands its software card to the settings."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lgc_app import bootstrap as bootstrap_module
from lgc_app.bootstrap import AppContext, bootstrap
from lgc_app.config import Settings
from lgc_app.cps import configured_card
from lgc_app.demo import DEMO_CPS_PIN, DemoSandbox
from lgc_app.session import Authentication
from services.card.pkcs12_card import Pkcs12Card
from services.sandbox.server import RunningSandbox
from tests.helpers.composition import practitioner_session


def _context(db_url: str, **values: str) -> AppContext:
    return bootstrap(Settings({"database.url": db_url, "workstation.name": "POSTE-1", **values}))


def test_the_worker_asks_for_the_session_when_an_order_runs(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker process asks the GUI who acts at each order (`lgc_app.outbox.process`): the context's
    session then, not the one at start."""
    given: list[Callable[[], Any]] = []

    def start(workstation: object, settings: object, *, session: Callable[[], Any], **options: object) -> None:
        given.append(session)

    monkeypatch.setattr(bootstrap_module, "start_worker_process", start)
    context = _context(db_url)
    try:
        context.start_worker()
        [session_of] = given
        assert session_of() is context.session  # the workstation's session until someone signs in
        signed_in = dataclasses.replace(practitioner_session(), authentication=Authentication.CPS)
        context.session = signed_in
        assert session_of() is signed_in  # read at each order, not frozen at start
    finally:
        context.stop()


def test_one_card_per_workstation_and_none_on_a_slave(db_url: str, tmp_path: Path) -> None:
    card_file = str(tmp_path / "cps.p12")
    standalone = _context(db_url, **{"card.pkcs12_file": card_file})
    slave = _context(db_url, **{"card.pkcs12_file": card_file, "workstation.role": "slave"})
    bare = _context(db_url)
    try:
        card = standalone.cps_card()
        assert isinstance(card, Pkcs12Card) and card.path == Path(card_file)
        assert standalone.cps_card() is card  # the status bar, the sign-in and the session share it
        assert slave.cps_card() is None and bare.cps_card() is None
    finally:
        for context in (standalone, slave, bare):
            context.stop()


def test_the_demo_sandbox_provides_its_software_card(sandbox: RunningSandbox, tmp_path: Path) -> None:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait(10)
    demo = DemoSandbox(process, tmp_path, 0.0)
    demo.manifest = sandbox.manifest.to_json()
    settings = demo.overlay(Settings())
    assert settings["card.pkcs12_file"] == sandbox.manifest.cps_pkcs12
    card = configured_card(settings)
    assert isinstance(card, Pkcs12Card)
    card.login(DEMO_CPS_PIN)  # the PIN the login dialog's demo hint and the README give
    assert card.holder().national_id == "899700366240"
    demo.stop()
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"PIN `{DEMO_CPS_PIN}`" in readme
