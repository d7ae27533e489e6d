"""The demo overlay points Pro Santé Connect at the sandbox: the use case signs the test practitioner in
with the settings alone, and maps them to the cabinet's practitioner by RPPS."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest

from lgc_app import secrets
from lgc_app.auth.psc_login import PscUnknownPractitioner, make_psc_client, psc_login, sign_in_with_app, user_for
from lgc_app.config import Settings
from lgc_app.demo import DemoSandbox
from lgc_app.documents.practitioners import add_practitioner
from lgc_app.persistence.database import Database
from lgc_app.session import UserRole
from services.sandbox.server import RunningSandbox
from tests.helpers.psc import PAUL, approve_waiting


def _demo_settings(sandbox: RunningSandbox, tmp_path: Path) -> Settings:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    demo = DemoSandbox(process, tmp_path, 0.0)
    demo.manifest = sandbox.manifest.to_json()
    settings = demo.overlay(Settings())
    demo.stop()
    return settings


@pytest.mark.db
async def test_demo_settings_sign_the_demo_practitioner_in(sandbox: RunningSandbox, tmp_path: Path,
                                                           db: Database) -> None:
    settings = _demo_settings(sandbox, tmp_path)
    assert settings["services.psc_issuer"] == sandbox.manifest.url("psc")
    assert secrets.fetch(settings["services.psc_client_secret_ref"])
    client = await asyncio.to_thread(make_psc_client, settings)
    shown: list[str] = []
    try:
        sign_in, digits = await asyncio.gather(sign_in_with_app(client, settings, PAUL, shown.append),
                                               approve_waiting(sandbox))
        assert shown == [digits]
        with pytest.raises(PscUnknownPractitioner):  # not yet a practitioner of this cabinet
            await psc_login(sign_in, lambda identity: asyncio.to_thread(user_for, identity, db))
        assert not sign_in.active, "a refused sign-in does not keep its tokens"
        add_practitioner(db, rpps="99700366240", given_name="Paul", family_name="MEDECIN-TEST")
        sign_in, _ = await asyncio.gather(sign_in_with_app(client, settings, PAUL, shown.append),
                                          approve_waiting(sandbox))
        login = await psc_login(sign_in, lambda identity: asyncio.to_thread(user_for, identity, db))
        assert (login.user.login, login.user.rpps, login.user.role) == (f"psc:{PAUL}", "99700366240",
                                                                         UserRole.PRACTITIONER)
        await login.sign_in.logout()
    finally:
        await client.aclose()
