"""Signing in with Pro Santé Connect opens a session that carries the sign-in: the practitioner of the cabinet
with that RPPS acts, authenticated by PSC, and ending the session revokes the tokens."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from lgc_app import secrets
from lgc_app.bootstrap import AppContext
from lgc_app.documents.practitioners import add_practitioner
from lgc_app.session import Authentication
from services.sandbox.server import RunningSandbox
from tests.helpers.psc import PAUL, SECRETS, approve_waiting
from tests.ui.conftest import run_coro
from ui.auth.psc_dialog import PscDialog
from ui.auth.psc_session import psc_configured, psc_session_opener
from ui.tasks import TaskManager

pytestmark = pytest.mark.usefixtures("qloop")


def test_a_psc_sign_in_opens_the_practitioners_session_and_its_end_revokes_the_tokens(
        qtbot: QtBot, qloop: asyncio.AbstractEventLoop, context: AppContext, sandbox: RunningSandbox) -> None:
    assert not psc_configured(context)  # no client id: the login dialog hides the button
    secrets.store("psc.client_secret", SECRETS["lgc-segur"])
    context.settings = context.settings.replace(services__psc_issuer=sandbox.manifest.url("psc"),
                                                services__psc_client_id="lgc-segur",
                                                tls__ca_file=str(sandbox.manifest.ca_file))
    assert psc_configured(context)
    add_practitioner(context.database, rpps=PAUL[1:], given_name="Paul", family_name="MEDECIN-TEST")
    opening = qloop.create_task(psc_session_opener(context, TaskManager())())
    qtbot.waitUntil(lambda: any(isinstance(w, PscDialog) and w.isVisible() for w in QApplication.topLevelWidgets()))
    [dialog] = [w for w in QApplication.topLevelWidgets() if isinstance(w, PscDialog) and w.isVisible()]
    dialog.login_hint.setText(PAUL)
    approval = qloop.create_task(approve_waiting(sandbox))
    dialog.app_button.click()
    qtbot.waitUntil(opening.done, timeout=30_000)
    session = opening.result()
    assert approval.done()
    assert session.authentication is Authentication.PRO_SANTE_CONNECT
    assert session.user.rpps == PAUL[1:] and session.practitioner_id is not None
    assert session.psc is not None and session.psc.active
    run_coro(qtbot, session.aclose())
    assert not session.psc.active


def test_closing_the_psc_dialog_cancels_the_sign_in(qtbot: QtBot, qloop: asyncio.AbstractEventLoop,
                                                    context: AppContext) -> None:
    opening = qloop.create_task(psc_session_opener(context, TaskManager())())
    qtbot.waitUntil(lambda: any(isinstance(w, PscDialog) and w.isVisible() for w in QApplication.topLevelWidgets()))
    [dialog] = [w for w in QApplication.topLevelWidgets() if isinstance(w, PscDialog) and w.isVisible()]
    dialog.reject()
    qtbot.waitUntil(opening.done)
    assert opening.cancelled()
