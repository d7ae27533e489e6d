"""`lgc psc login --ciba` against the sandbox, with the overrides an integrator uses (no settings edited)."""

from __future__ import annotations

import asyncio
import threading

import pytest

from lgc_app.cli import main
from services.sandbox.server import RunningSandbox
from tests.helpers.psc import PAUL, SECRETS, approve_waiting


def _overrides(sandbox: RunningSandbox) -> list[str]:
    return ["--issuer", sandbox.manifest.url("psc"), "--client-id", "lgc-segur",
            "--ca-file", str(sandbox.manifest.ca_file)]


def test_ciba_login_prints_who_signed_in(sandbox: RunningSandbox, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LGC_PSC_CLIENT_SECRET", SECRETS["lgc-segur"])
    digits: list[str] = []
    approver = threading.Thread(target=lambda: digits.append(asyncio.run(approve_waiting(sandbox))))
    approver.start()
    code = main(["psc", "login", "--ciba", "--login-hint", PAUL, *_overrides(sandbox)])
    approver.join(10)
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"affiche le code {digits[0]}" in out
    assert "Connecté : Paul MEDECIN-TEST" in out and "RPPS 99700366240" in out
    assert "CABINET MEDICAL DE TEST" in out and "Jetons révoqués" in out


def test_denied_ciba_login_exits_3_with_a_french_message(sandbox: RunningSandbox, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LGC_PSC_CLIENT_SECRET", SECRETS["lgc-segur"])
    approver = threading.Thread(target=lambda: asyncio.run(approve_waiting(sandbox, approve=False)))
    approver.start()
    code = main(["psc", "login", "--ciba", "--login-hint", PAUL, *_overrides(sandbox)])
    approver.join(10)
    assert code == 3
    assert "Connexion Pro Santé Connect refusée" in capsys.readouterr().err


def test_without_client_id_the_command_says_what_to_configure(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["psc", "login", "--ciba", "--login-hint", PAUL]) == 2
    assert "identifiant client" in capsys.readouterr().err


def test_logout_prints_the_end_session_address(sandbox: RunningSandbox, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LGC_PSC_CLIENT_SECRET", SECRETS["lgc-segur"])
    assert main(["psc", "logout", "--no-browser", *_overrides(sandbox)]) == 0
    assert "/protocol/openid-connect/logout?client_id=lgc-segur" in capsys.readouterr().out
