"""Outils → Comptes utilisateurs… (administrator only) and Fichier → Mon compte… (password, TOTP enrolment with
its QR code, contact change with the code sent), driven through their widgets."""

from __future__ import annotations

import re

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice
from pytestqt.qtbot import QtBot

from lgc_app.audit import journal
from lgc_app.audit.events import AuditEvent
from lgc_app.auth import accounts, totp
from lgc_app.auth.accounts import AccountDraft
from lgc_app.auth.channels import ContactChannel
from lgc_app.auth.contacts import Senders
from lgc_app.auth.passwords import PasswordPolicy
from lgc_app.auth.sign_in import sign_in
from lgc_app.errors import UserError
from lgc_app.persistence.base import utcnow
from lgc_app.session import Session, UserRole
from tests.helpers.composition import practitioner_session
from ui import messages
from ui.actions import accounts as account_actions
from ui.auth.accounts_dialog import AccountsDialog
from ui.auth.my_account_dialog import MyAccountDialog
from ui.main_window import MainWindow

ADMIN_PASSWORD = "Cabinet-Gestion-2024"
PASSWORD = "Vert.Prairie.42x"


def _signed_in(window: MainWindow, login: str, password: str) -> Session:
    context = window.context
    session = sign_in(context.database, context.workstation, context.settings, login, password).session
    window.set_session(session)
    return session


@pytest.fixture
def admin(window: MainWindow) -> Session:
    policy = PasswordPolicy.from_settings(window.context.settings)
    accounts.create_first_administrator(window.context.database, AccountDraft(
        "admin", "Durand", "Alice", UserRole.ADMINISTRATOR, "Administratrice"), ADMIN_PASSWORD, policy)
    return _signed_in(window, "admin", ADMIN_PASSWORD)


def _accounts_dialog(qtbot: QtBot, window: MainWindow) -> AccountsDialog:
    window.accounts_action.trigger()
    dialog = window.findChild(AccountsDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=5000)
    return dialog


def test_an_administrator_creates_edits_and_deactivates_accounts(qtbot: QtBot, window: MainWindow,
                                                                 admin: Session) -> None:
    dialog = _accounts_dialog(qtbot, window)
    assert dialog.current is None and dialog.save_button.text() == "Créer le compte"
    dialog.login.setText("secr")
    dialog.family.setText("Petit")
    dialog.given.setText("Léa")
    dialog.profession.setText("Secrétaire médicale")
    dialog.role.setCurrentIndex(dialog.role.findData(UserRole.SECRETARIAT.value))
    dialog.password.setText("court")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "trop simple" in dialog.status.text(), timeout=5000)
    dialog.password.setText(PASSWORD)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.status.text() == "Compte « secr » créé.", timeout=5000)
    qtbot.waitUntil(lambda: dialog.current is not None and dialog.current.login == "secr", timeout=5000)
    assert dialog.login.isReadOnly() and dialog.unlock_button.isVisible() and not dialog.unlock_button.isEnabled()
    dialog.role.setCurrentIndex(dialog.role.findData(UserRole.PRACTITIONER.value))
    dialog.rpps.setText("10001234567")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.current is not None and dialog.current.role is UserRole.PRACTITIONER,
                    timeout=5000)
    row = next(i for i in range(dialog.table.rowCount()) if dialog.table.item(i, 0).text() == "secr")
    assert [dialog.table.item(row, c).text() for c in range(5)] == ["secr", "Léa Petit", "Praticien",
                                                                     "10001234567", "Actif"]
    dialog.resize(1100, 520)
    dialog.grab().save("/tmp/accounts_dialog.png")
    dialog.active_button.click()
    qtbot.waitUntil(lambda: dialog.table.item(row, 4).text() == "Désactivé", timeout=5000)
    assert dialog.active_button.text() == "Réactiver le compte"
    lines = journal.entries(window.context.database, journal.AuditFilter(
        events=frozenset({AuditEvent.AUTHORISATION_CHANGED})))
    assert [line.detail for line in reversed(lines)] == ["Rôle : Secrétariat → Praticien", "Compte désactivé"]
    assert all(line.who == "Alice Durand" and line.subject == "compte secr" for line in lines)


def test_the_administrator_unlocks_an_account(qtbot: QtBot, window: MainWindow, admin: Session) -> None:
    context = window.context
    accounts.create_account(context.database, admin, AccountDraft("secr", "Petit", "Léa", UserRole.SECRETARIAT),
                            PASSWORD, PasswordPolicy.from_settings(context.settings))
    for _ in range(5):
        with pytest.raises(UserError):
            sign_in(context.database, context.workstation, context.settings, "secr", "mauvais")
    dialog = _accounts_dialog(qtbot, window)
    row = next(i for i in range(dialog.table.rowCount()) if dialog.table.item(i, 0).text() == "secr")
    assert dialog.table.item(row, 4).text() == "Verrouillé"
    dialog.table.selectRow(row)
    assert dialog.unlock_button.isEnabled()
    dialog.unlock_button.click()
    qtbot.waitUntil(lambda: dialog.table.item(row, 4).text() == "Actif", timeout=5000)
    assert sign_in(context.database, context.workstation, context.settings, "secr", PASSWORD).session


def test_a_practitioner_may_not_open_the_accounts(window: MainWindow, message_log: list[messages.Message]) -> None:
    window.set_session(practitioner_session(window.context.workstation))
    window.accounts_action.trigger()
    assert window.findChild(AccountsDialog) is None
    assert [m.text for m in message_log] == ["La gestion des comptes est réservée aux administrateurs."]


class _Outbox:
    """Records what would be sent (e-mail or SMS)."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    async def send(self, to: str, subject: str, text: str) -> None:
        self.sent.append((to, text))


def _decoded_qr(dialog: MyAccountDialog) -> str:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    dialog.qr.pixmap().save(buffer, "PNG")
    from io import BytesIO

    [found] = zxingcpp.read_barcodes(Image.open(BytesIO(bytes(buffer.data()))).convert("L"))
    return found.text


def test_the_user_changes_password_enrols_totp_and_changes_email(qtbot: QtBot, window: MainWindow, admin: Session,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    outbox = _Outbox()
    monkeypatch.setattr(account_actions, "senders_from_settings", lambda _settings: Senders(outbox, outbox))
    window.my_account_action.trigger()
    dialog = window.findChild(MyAccountDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: "Alice Durand" in dialog.identity.text(), timeout=5000)
    dialog.current.setText("mauvais")
    dialog.new.setText(PASSWORD)
    dialog.again.setText(PASSWORD)
    dialog.change_button.click()
    qtbot.waitUntil(lambda: "actuel incorrect" in dialog.status.text(), timeout=5000)
    dialog.current.setText(ADMIN_PASSWORD)
    dialog.new.setText(PASSWORD)
    dialog.again.setText(PASSWORD)
    dialog.change_button.click()
    qtbot.waitUntil(lambda: dialog.status.text() == "Mot de passe changé.", timeout=5000)

    dialog.enrol_button.click()
    assert dialog.enrolment is not None and dialog.enrol_area.isVisible()
    assert dialog.uri.text() == dialog.enrolment.uri and _decoded_qr(dialog) == dialog.enrolment.uri
    dialog.grab().save("/tmp/my_account_dialog.png")
    dialog.first_code.setText(totp.current_code(dialog.enrolment.seed, utcnow()))
    seed = dialog.enrolment.seed
    dialog.confirm_factor.click()
    qtbot.waitUntil(lambda: "Second facteur actif" in dialog.factor_state.text(), timeout=5000)
    assert not dialog.enrol_area.isVisible()
    context = window.context
    assert sign_in(context.database, context.workstation, context.settings, "admin", PASSWORD,
                   totp.current_code(seed, utcnow())).session

    row = dialog.contacts[ContactChannel.EMAIL]
    row.value.setText("alice@cabinet.test")
    row.send.click()
    qtbot.waitUntil(lambda: len(outbox.sent) == 1, timeout=5000)
    [(to, text)] = outbox.sent
    code = re.search(r"\b(\d{6})\b", text)
    assert to == "alice@cabinet.test" and code is not None
    row.code.setText(code.group(1))
    row.confirm.click()
    qtbot.waitUntil(lambda: dialog.contact_values[ContactChannel.EMAIL].text() == "alice@cabinet.test",
                    timeout=5000)
    details = [line.detail for line in reversed(journal.entries(context.database, journal.AuditFilter(
        events=frozenset({AuditEvent.ACCOUNT_CHANGED}))))]
    assert details[-3:] == ["Mot de passe changé par son titulaire", "Second facteur (TOTP) activé",
                            "Adresse électronique de connexion et de récupération modifiée (vérifiée par un code)"]
