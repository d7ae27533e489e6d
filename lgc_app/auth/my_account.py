"""The signed-in user's own security (Fichier → Mon compte…): their password and their TOTP factor.

Changing the password asks for the current one first (a session left open must not let anybody take the
account over); the new one follows the policy (IE.36). The factor is enrolled or renewed with
`accounts.enrol_totp` once the user typed a first code, and switched off with `accounts.deactivate_totp`;
the e-mail and phone change through `contacts` (a code sent to the new contact, IE.31/32).
"""

from __future__ import annotations

from dataclasses import dataclass

from lgc_app.auth import totp
from lgc_app.auth.accounts import AccountView, account_row, journal, replace_password
from lgc_app.auth.passwords import PasswordPolicy, verify_secret
from lgc_app.auth.sign_in import SignInRefused
from lgc_app.persistence.database import Database
from lgc_app.session import Session


def my_account(db: Database, session: Session) -> AccountView:
    """The session's own account (AccountNotFound for a session without one: PSC only, the workstation)."""
    with db.reading() as orm:
        return AccountView.of(account_row(orm, session.user.login))


def change_password(db: Database, session: Session, current: str, new: str, policy: PasswordPolicy) -> None:
    """Raises SignInRefused when `current` is wrong, WeakPassword when `new` breaks the policy."""
    login = session.user.login
    policy.check(new, login=login)
    with db.unit_of_work() as orm:
        row = account_row(orm, login)
        if not verify_secret(row.password_hash, current):
            raise SignInRefused("Mot de passe actuel incorrect : le mot de passe n'a pas été changé.")
        replace_password(row, new)
        journal(orm, session, login, "Mot de passe changé par son titulaire")


@dataclass(frozen=True)
class Enrolment:
    """A seed proposed to the user, shown as the `otpauth://` URI (text and QR code); nothing is stored until
    the first code confirms it (`accounts.enrol_totp`)."""

    seed: str
    uri: str


def new_enrolment(session: Session) -> Enrolment:
    seed = totp.new_seed()
    return Enrolment(seed, totp.provisioning_uri(seed, session.user.login))
