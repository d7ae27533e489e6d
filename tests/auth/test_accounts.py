"""Local accounts (SSI IE.31–IE.36): first administrator, complexity, lockout shared through the database,
TOTP renewal and deactivation, roles."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from lgc_app import secrets
from lgc_app.auth import accounts, totp
from lgc_app.auth.accounts import AccountDraft, AccountError
from lgc_app.auth.passwords import PasswordPolicy, WeakPassword
from lgc_app.auth.permissions import NotPermitted, Permission, allows, require
from lgc_app.auth.sign_in import AccountLocked, SecondFactorNeeded, SignInRefused, sign_in
from lgc_app.config import Role, Settings
from lgc_app.persistence.base import utcnow
from lgc_app.persistence.database import Database
from lgc_app.session import Authentication, UserRole
from lgc_app.workstation import Workstation
from tests.helpers.composition import STANDALONE, practitioner_session

SETTINGS = Settings()
POLICY = PasswordPolicy.from_settings(SETTINGS)
ADMIN_PASSWORD = "Cabinet-Gestion-2024"
PASSWORD = "Vert.Prairie.42x"
ADMIN = AccountDraft("admin", "Durand", "Alice", UserRole.ADMINISTRATOR, "Administratrice")


def _admin_session(db: Database) -> accounts.Session:
    accounts.create_first_administrator(db, ADMIN, ADMIN_PASSWORD, POLICY)
    return sign_in(db, STANDALONE, SETTINGS, "admin", ADMIN_PASSWORD).session


def _secretary(db: Database) -> None:
    accounts.create_account(db, _admin_session(db), AccountDraft("secr", "Petit", "Léa", UserRole.SECRETARIAT,
                                                                  "Secrétaire médicale"), PASSWORD, POLICY)


@pytest.mark.parametrize("password", ["court1A!", "toutenminusculeslong", "Bonjourbonjour",
                                      "ABCDEFGHIJ123456", "admin-Tres-Long-2024"])
def test_weak_passwords_are_refused(password: str) -> None:
    with pytest.raises(WeakPassword):
        POLICY.check(password, login="admin")


@pytest.mark.parametrize("password", ["Vert.Prairie.42x", "le chat boit du lait chaud", "ABCdef123456"])
def test_complex_passwords_and_passphrases_are_accepted(password: str) -> None:
    POLICY.check(password, login="admin")


def test_first_start_creates_the_administrator_once(db: Database) -> None:
    assert not accounts.has_accounts(db)
    accounts.create_first_administrator(db, ADMIN, ADMIN_PASSWORD, POLICY)
    assert accounts.has_accounts(db)
    [view] = accounts.list_accounts(db)
    assert (view.login, view.role, view.family_name, view.profession) == ("admin", UserRole.ADMINISTRATOR,
                                                                          "Durand", "Administratrice")
    with pytest.raises(AccountError, match="existent déjà"):
        accounts.create_first_administrator(db, AccountDraft("autre", "X", "Y", UserRole.ADMINISTRATOR),
                                            ADMIN_PASSWORD, POLICY)


def test_the_password_is_stored_as_an_argon2id_hash(db: Database) -> None:
    accounts.create_first_administrator(db, ADMIN, ADMIN_PASSWORD, POLICY)
    with db.reading() as orm:
        row = accounts.account_row(orm, "admin")
        assert row.password_hash.startswith("$argon2id$")
        assert ADMIN_PASSWORD not in row.password_hash


def test_sign_in_opens_a_local_account_session(db: Database) -> None:
    session = _admin_session(db)
    assert session.authentication is Authentication.LOCAL_ACCOUNT
    assert session.user.login == "admin"
    assert session.who == "Alice Durand"


def test_only_an_administrator_creates_accounts(db: Database) -> None:
    _secretary(db)
    secretary = sign_in(db, STANDALONE, SETTINGS, "secr", PASSWORD).session
    with pytest.raises(NotPermitted, match="Secrétariat"):
        accounts.create_account(db, secretary, AccountDraft("x", "X", "Y", UserRole.PRACTITIONER), PASSWORD, POLICY)


def test_repeated_failures_lock_the_account_for_a_growing_delay_on_every_workstation(db: Database) -> None:
    accounts.create_first_administrator(db, ADMIN, ADMIN_PASSWORD, POLICY)
    now = utcnow()
    for _ in range(4):
        with pytest.raises(SignInRefused):
            sign_in(db, STANDALONE, SETTINGS, "admin", "mauvais", now=now)
    with pytest.raises(AccountLocked) as locked:
        sign_in(db, STANDALONE, SETTINGS, "admin", "mauvais", now=now)
    assert locked.value.remaining == timedelta(seconds=60)
    other = Workstation("POSTE-2", Role.SLAVE, "POSTE-1")
    with pytest.raises(AccountLocked, match="réessayez dans 59 s"):  # even the right password
        sign_in(db, other, SETTINGS, "admin", ADMIN_PASSWORD, now=now + timedelta(seconds=1))
    later = now + timedelta(seconds=61)
    with pytest.raises(AccountLocked) as again:  # the next failure doubles the delay
        sign_in(db, other, SETTINGS, "admin", "mauvais", now=later)
    assert again.value.remaining == timedelta(seconds=120)
    session = sign_in(db, other, SETTINGS, "admin", ADMIN_PASSWORD, now=later + timedelta(seconds=121)).session
    assert session.workstation.name == "POSTE-2"
    with pytest.raises(SignInRefused):  # the counter was reset: one failure does not lock
        sign_in(db, other, SETTINGS, "admin", "mauvais", now=later + timedelta(seconds=122))


def test_an_unknown_login_is_refused_like_a_wrong_password(db: Database) -> None:
    with pytest.raises(SignInRefused, match="Identifiant ou mot de passe incorrect"):
        sign_in(db, STANDALONE, SETTINGS, "personne", PASSWORD)


def test_totp_is_required_renewed_and_deactivated(db: Database, memory_keyring: object) -> None:
    admin = _admin_session(db)
    seed = totp.new_seed()
    now = utcnow()
    with pytest.raises(AccountError):
        accounts.enrol_totp(db, admin, "admin", seed,
                            "000000" if totp.current_code(seed, now) != "000000" else "111111", now=now)
    accounts.enrol_totp(db, admin, "admin", seed, totp.current_code(seed, now), now=now)
    with db.reading() as orm:  # the seed is sealed with the cabinet key, kept in the keyring
        assert seed not in (accounts.account_row(orm, "admin").totp_seed or "")
    assert secrets.fetch(totp.CABINET_KEY_ENTRY)
    with pytest.raises(SecondFactorNeeded):
        sign_in(db, STANDALONE, SETTINGS, "admin", ADMIN_PASSWORD, now=now)
    with pytest.raises(SignInRefused, match="Code d'authentification incorrect"):
        sign_in(db, STANDALONE, SETTINGS, "admin", ADMIN_PASSWORD, "12345", now=now)
    signed = sign_in(db, STANDALONE, SETTINGS, "admin", ADMIN_PASSWORD, totp.current_code(seed, now), now=now)
    assert not signed.totp_renewal_due
    year_later = now + timedelta(days=366)  # IE.34: renewal forced after accounts.totp_renewal_days
    due = sign_in(db, STANDALONE, SETTINGS, "admin", ADMIN_PASSWORD, totp.current_code(seed, year_later),
                  now=year_later)
    assert due.totp_renewal_due
    accounts.deactivate_totp(db, admin, "admin")  # IE.35: lost phone
    assert not sign_in(db, STANDALONE, SETTINGS, "admin", ADMIN_PASSWORD).totp_renewal_due


def test_a_secretary_may_not_deactivate_someone_elses_second_factor(db: Database) -> None:
    _secretary(db)
    secretary = sign_in(db, STANDALONE, SETTINGS, "secr", PASSWORD).session
    with pytest.raises(NotPermitted):
        accounts.deactivate_totp(db, secretary, "admin")


def test_roles_limit_clinical_reading(db: Database) -> None:
    _secretary(db)
    secretary = sign_in(db, STANDALONE, SETTINGS, "secr", PASSWORD).session
    assert not allows(secretary, Permission.READ_CLINICAL)
    with pytest.raises(NotPermitted, match="lecture du contenu médical"):
        require(secretary, Permission.READ_CLINICAL)
    assert allows(practitioner_session(), Permission.READ_CLINICAL)


def test_the_demo_accounts_sign_in_with_the_passwords_the_readme_gives(db: Database) -> None:
    from lgc_app.auth.demo_accounts import DEMO_ACCOUNTS, ensure_demo_accounts
    from lgc_app.demo_seed import demo_session

    demo_session(db, STANDALONE)  # registers the demonstration practitioner the first account stands for
    assert ensure_demo_accounts(db) and not ensure_demo_accounts(db)
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for draft, password in DEMO_ACCOUNTS:
        assert f"`{draft.login}` / `{password}`" in readme
        signed = sign_in(db, STANDALONE, Settings(), draft.login, password)
        assert signed.session.user.role is draft.role


def test_every_sign_in_attempt_is_journaled_with_the_failure_counter(db: Database) -> None:
    from lgc_app.audit import chain, journal
    from lgc_app.audit.events import AuditEvent

    accounts.create_first_administrator(db, ADMIN, ADMIN_PASSWORD, POLICY)
    now = utcnow()
    with pytest.raises(SignInRefused):
        sign_in(db, STANDALONE, SETTINGS, "personne", PASSWORD, now=now)
    for _ in range(5):
        with pytest.raises((SignInRefused, AccountLocked)):
            sign_in(db, STANDALONE, SETTINGS, "admin", "mauvais", now=now)
    with pytest.raises(AccountLocked):
        sign_in(db, STANDALONE, SETTINGS, "admin", ADMIN_PASSWORD, now=now)
    sign_in(db, STANDALONE, SETTINGS, "admin", ADMIN_PASSWORD, now=now + timedelta(seconds=61))
    lines = list(reversed(journal.entries(db, journal.AuditFilter(events=frozenset({AuditEvent.LOGIN,
                                                                                     AuditEvent.LOGIN_FAILED})))))
    assert [(line.event, line.who) for line in lines] == [
        (AuditEvent.LOGIN_FAILED, "personne"), *[(AuditEvent.LOGIN_FAILED, "admin")] * 6,
        (AuditEvent.LOGIN, "Alice Durand")]
    assert "compte inconnu" in lines[0].detail
    assert "échec n° 5, compte verrouillé" in lines[5].detail and "compte verrouillé" in lines[6].detail
    assert all(line.workstation == "POSTE-1" for line in lines)
    assert chain.verify(db).intact
