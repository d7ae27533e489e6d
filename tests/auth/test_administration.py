"""Administration of the accounts (administrator only) and the user's own security, each change journaled
in its transaction (issue 11 items 5 and 6; IE.33–IE.36)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from lgc_app.audit import chain, journal
from lgc_app.audit.events import AuditEvent
from lgc_app.auth import accounts, administration, my_account, totp
from lgc_app.auth.accounts import AccountDraft, AccountError
from lgc_app.auth.administration import AccountEdit
from lgc_app.auth.passwords import PasswordPolicy, WeakPassword
from lgc_app.auth.permissions import NotPermitted
from lgc_app.auth.sign_in import AccountLocked, SignInRefused, sign_in
from lgc_app.config import Settings
from lgc_app.documents.practitioners import add_practitioner
from lgc_app.persistence.base import utcnow
from lgc_app.persistence.database import Database
from lgc_app.session import Session, UserRole
from tests.helpers.composition import STANDALONE

SETTINGS = Settings()
POLICY = PasswordPolicy.from_settings(SETTINGS)
ADMIN_PASSWORD = "Cabinet-Gestion-2024"
PASSWORD = "Vert.Prairie.42x"


def _admin(db: Database) -> Session:
    accounts.create_first_administrator(db, AccountDraft("admin", "Durand", "Alice", UserRole.ADMINISTRATOR),
                                        ADMIN_PASSWORD, POLICY, workstation="POSTE-1")
    return sign_in(db, STANDALONE, SETTINGS, "admin", ADMIN_PASSWORD).session


def _secretary(db: Database, admin: Session) -> Session:
    accounts.create_account(db, admin, AccountDraft("secr", "Petit", "Léa", UserRole.SECRETARIAT, "Secrétaire"),
                            PASSWORD, POLICY)
    return sign_in(db, STANDALONE, SETTINGS, "secr", PASSWORD).session


def _journal(db: Database, *events: AuditEvent) -> list[journal.AuditLine]:
    return list(reversed(journal.entries(db, journal.AuditFilter(events=frozenset(events)))))


def test_an_administrator_edits_identity_and_role_journaled_apart(db: Database) -> None:
    admin = _admin(db)
    _secretary(db, admin)
    practitioner_id = add_practitioner(db, rpps="10001234567", given_name="Léa", family_name="Petit")
    administration.update_account(db, admin, "secr", AccountEdit("Petit-Martin", "Léa", "Médecin généraliste",
                                                                  UserRole.PRACTITIONER, "10001234567"))
    [view] = [v for v in accounts.list_accounts(db) if v.login == "secr"]
    assert (view.family_name, view.profession, view.role, view.rpps) == (
        "Petit-Martin", "Médecin généraliste", UserRole.PRACTITIONER, "10001234567")
    signed = sign_in(db, STANDALONE, SETTINGS, "secr", PASSWORD).session
    assert signed.practitioner_id == practitioner_id  # the account now stands for the registered practitioner
    [role] = _journal(db, AuditEvent.AUTHORISATION_CHANGED)
    assert (role.who, role.subject, role.detail) == ("Alice Durand", "compte secr",
                                                     "Rôle : Secrétariat → Praticien")
    changes = _journal(db, AuditEvent.ACCOUNT_CHANGED)
    assert [line.detail.split(" :")[0] for line in changes] == [
        "Premier compte administrateur créé au démarrage (Alice Durand)", "Compte créé", "Identité modifiée"]
    assert "nom : « Petit » → « Petit-Martin »" in changes[-1].detail
    assert chain.verify(db).intact
    with pytest.raises(AccountError, match="RPPS compte 11 chiffres"):
        administration.update_account(db, admin, "secr", AccountEdit("P", "L", "", UserRole.PRACTITIONER, "123"))


def test_only_an_administrator_administers(db: Database) -> None:
    secretary = _secretary(db, _admin(db))
    edit = AccountEdit("Durand", "Alice", "", UserRole.SECRETARIAT)
    for call in (lambda: administration.update_account(db, secretary, "admin", edit),
                 lambda: administration.unlock(db, secretary, "admin"),
                 lambda: administration.force_totp_renewal(db, secretary, "admin"),
                 lambda: administration.set_active(db, secretary, "admin", False),
                 lambda: accounts.set_password(db, secretary, "admin", PASSWORD, POLICY)):
        with pytest.raises(NotPermitted):
            call()
    assert [v.role for v in accounts.list_accounts(db) if v.login == "admin"] == [UserRole.ADMINISTRATOR]


def test_the_last_administrator_keeps_the_role_and_nobody_deactivates_themselves(db: Database) -> None:
    admin = _admin(db)
    with pytest.raises(AccountError, match="dernier compte administrateur"):
        administration.update_account(db, admin, "admin", AccountEdit("Durand", "Alice", "", UserRole.PRACTITIONER))
    with pytest.raises(AccountError, match="propre compte"):
        administration.set_active(db, admin, "admin", False)


def test_unlock_deactivate_and_reactivate(db: Database) -> None:
    admin = _admin(db)
    _secretary(db, admin)
    now = utcnow()
    for _ in range(5):
        with pytest.raises((SignInRefused, AccountLocked)):
            sign_in(db, STANDALONE, SETTINGS, "secr", "mauvais", now=now)
    assert [v.is_locked(now) for v in accounts.list_accounts(db) if v.login == "secr"] == [True]
    administration.unlock(db, admin, "secr")
    assert sign_in(db, STANDALONE, SETTINGS, "secr", PASSWORD, now=now + timedelta(seconds=1)).session
    administration.set_active(db, admin, "secr", False)
    with pytest.raises(SignInRefused):
        sign_in(db, STANDALONE, SETTINGS, "secr", PASSWORD)
    administration.set_active(db, admin, "secr", True)
    assert sign_in(db, STANDALONE, SETTINGS, "secr", PASSWORD).session.user.login == "secr"
    details = [line.detail for line in _journal(db, AuditEvent.ACCOUNT_CHANGED, AuditEvent.AUTHORISATION_CHANGED)]
    assert details[-3:] == ["Compte déverrouillé par un administrateur", "Compte désactivé", "Compte réactivé"]


def test_forced_renewal_and_deactivation_of_the_totp_factor(db: Database, memory_keyring: object) -> None:
    admin = _admin(db)
    secretary = _secretary(db, admin)
    with pytest.raises(AccountError, match="pas de second facteur"):
        administration.force_totp_renewal(db, admin, "secr")
    enrolment = my_account.new_enrolment(secretary)
    assert enrolment.uri.startswith("otpauth://totp/") and "secr" in enrolment.uri
    with pytest.raises(AccountError, match="titulaire"):  # nobody enrols a factor for someone else
        accounts.enrol_totp(db, admin, "secr", enrolment.seed, totp.current_code(enrolment.seed, utcnow()))
    accounts.enrol_totp(db, secretary, "secr", enrolment.seed, totp.current_code(enrolment.seed, utcnow()))
    code = totp.current_code(enrolment.seed, utcnow())
    assert not sign_in(db, STANDALONE, SETTINGS, "secr", PASSWORD, code).totp_renewal_due
    administration.force_totp_renewal(db, admin, "secr")  # IE.34
    assert sign_in(db, STANDALONE, SETTINGS, "secr", PASSWORD, code).totp_renewal_due
    renewed = my_account.new_enrolment(secretary)
    accounts.enrol_totp(db, secretary, "secr", renewed.seed, totp.current_code(renewed.seed, utcnow()))
    signed = sign_in(db, STANDALONE, SETTINGS, "secr", PASSWORD, totp.current_code(renewed.seed, utcnow()))
    assert not signed.totp_renewal_due
    accounts.deactivate_totp(db, admin, "secr")  # IE.35: lost phone
    assert sign_in(db, STANDALONE, SETTINGS, "secr", PASSWORD).session.user.login == "secr"
    details = [line.detail for line in _journal(db, AuditEvent.ACCOUNT_CHANGED)]
    assert details[-4:] == ["Second facteur (TOTP) activé", "Renouvellement du second facteur (TOTP) imposé",
                            "Second facteur (TOTP) renouvelé", "Second facteur (TOTP) désactivé (perte ou vol)"]


def test_the_user_changes_their_own_password_with_the_current_one(db: Database) -> None:
    admin = _admin(db)
    secretary = _secretary(db, admin)
    assert my_account.my_account(db, secretary).display_name == "Léa Petit"
    with pytest.raises(SignInRefused, match="actuel incorrect"):
        my_account.change_password(db, secretary, "mauvais", "Autre.Prairie.43y", POLICY)
    with pytest.raises(WeakPassword):
        my_account.change_password(db, secretary, PASSWORD, "court", POLICY)
    my_account.change_password(db, secretary, PASSWORD, "Autre.Prairie.43y", POLICY)
    with pytest.raises(SignInRefused):
        sign_in(db, STANDALONE, SETTINGS, "secr", PASSWORD)
    assert sign_in(db, STANDALONE, SETTINGS, "secr", "Autre.Prairie.43y").session
    accounts.set_password(db, admin, "secr", "Reset.Prairie.44z", POLICY)
    assert sign_in(db, STANDALONE, SETTINGS, "secr", "Reset.Prairie.44z").session
    details = [line.detail for line in _journal(db, AuditEvent.ACCOUNT_CHANGED)]
    assert details[-2:] == ["Mot de passe changé par son titulaire", "Mot de passe réinitialisé par un administrateur"]
    assert all("Prairie" not in line.detail for line in journal.entries(db, journal.AuditFilter()))
