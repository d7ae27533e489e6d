"""Local sign-in with a password (+ TOTP when enrolled), and the attempt limit (SC.SSI/IE.36).

After `accounts.max_failures` failures in a row the account is locked for `accounts.lock_seconds`, the delay
doubling with each further failure (capped at a day); the counter and the lock are in the database, so every
workstation of the cabinet sees them. A failure is committed before it is reported. Every attempt, accepted or
refused, is journaled in the same transaction as the counter (issue 11 item 6: login and failed login).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from lgc_app.audit.events import AuditEvent
from lgc_app.audit.trail import record
from lgc_app.auth import totp
from lgc_app.auth.accounts import user_of
from lgc_app.auth.models import Account
from lgc_app.auth.passwords import hash_secret, needs_rehash, verify_secret
from lgc_app.config import Settings
from lgc_app.errors import UserError
from lgc_app.persistence.base import utcnow
from lgc_app.persistence.database import Database
from lgc_app.session import Authentication, Session, User
from lgc_app.workstation import Workstation

MAX_LOCK = timedelta(days=1)
# Checked against when the login is unknown, so that an unknown login costs the same time as a known one. A
# constant (the Argon2id hash of "identifiant inconnu" with the current parameters, checked by a test) rather
# than hashed at import: hashing costs ~350 ms of the start-up.
DUMMY_HASH = "$argon2id$v=19$m=65536,t=3,p=4$xg8DrPRPkTaMx4fWhYJV7g$vMJnDl/OuXFXsMiSaMTbFvWGaV6FZoqfc2req9pIM5c"


class SignInRefused(UserError, PermissionError):
    code = "SIGNIN-REFUSED"
    summary = "Identifiant ou mot de passe incorrect."


class AccountLocked(UserError, PermissionError):
    code = "ACCOUNT-LOCKED"
    summary = "Compte verrouillé après trop d'échecs : réessayez plus tard."

    def __init__(self, remaining: timedelta) -> None:
        self.remaining = remaining
        super().__init__(f"Compte verrouillé après trop d'échecs de connexion : réessayez dans "
                         f"{_duration(remaining)}.")


class SecondFactorNeeded(UserError, PermissionError):
    code = "TOTP-NEEDED"
    summary = "Saisissez le code à 6 chiffres affiché par votre application d'authentification."


@dataclass(frozen=True)
class LockPolicy:
    max_failures: int = 5
    lock_seconds: int = 60

    @classmethod
    def from_settings(cls, settings: Settings) -> LockPolicy:
        return cls(settings["accounts.max_failures"], settings["accounts.lock_seconds"])

    def lock_after(self, failures: int) -> timedelta | None:
        """How long the account locks after `failures` failures in a row (None: not yet)."""
        beyond = failures - self.max_failures
        if beyond < 0:
            return None
        return min(timedelta(seconds=self.lock_seconds * 2 ** min(beyond, 20)), MAX_LOCK)


@dataclass(frozen=True)
class SignedIn:
    session: Session
    totp_renewal_due: bool  # IE.34: the user must enrol a new seed now


def sign_in(db: Database, workstation: Workstation, settings: Settings, login: str, password: str,
            code: str = "", *, now: datetime | None = None) -> SignedIn:
    """Open the session of `login` on `workstation`.

    Raises:
        SignInRefused: unknown login, inactive account, wrong password or wrong code (counted).
        AccountLocked: too many failures; `remaining` says for how long.
        SecondFactorNeeded: the password is right and a TOTP code is required (not counted).
    """
    now = now or utcnow()
    policy = LockPolicy.from_settings(settings)
    with db.unit_of_work() as orm:
        row = orm.scalar(select(Account).where(Account.login == login.strip()).with_for_update())
        refusal: UserError | None
        if row is None or not row.active:
            verify_secret(DUMMY_HASH, password)
            refusal = SignInRefused()
            _journal(orm, workstation, login, None, "compte inconnu ou désactivé")
        elif row.locked_until is not None and row.locked_until > now:
            refusal = AccountLocked(row.locked_until - now)
            _journal(orm, workstation, login, None, "compte verrouillé")
        else:
            refusal = _check(row, password, code, now)
            if refusal is None:
                row.failed_attempts = 0
                row.locked_until = None
                if needs_rehash(row.password_hash):
                    row.password_hash = hash_secret(password)
                user = user_of(orm, row)
                due = (row.totp_seed is not None and row.totp_renewal_forced) or totp.renewal_due(
                    row.totp_enrolled_at, settings["accounts.totp_renewal_days"], now)
                _journal(orm, workstation, login, user, "")
            elif not isinstance(refusal, SecondFactorNeeded):
                row.failed_attempts += 1
                lock = policy.lock_after(row.failed_attempts)
                row.locked_until = now + lock if lock is not None else None
                if lock is not None:
                    refusal = AccountLocked(lock)
                _journal(orm, workstation, login, None, f"échec n° {row.failed_attempts}"
                         + (", compte verrouillé" if lock is not None else ""))
    if refusal is not None:  # raised after the commit: the failure counts on every workstation
        raise refusal
    return SignedIn(Session(user, workstation, Authentication.LOCAL_ACCOUNT), due)


def _journal(orm: OrmSession, workstation: Workstation, login: str, user: User | None, why: str) -> None:
    """A sign-in attempt in the journal. On failure nobody is proven: the journal names the login typed."""
    method = Authentication.LOCAL_ACCOUNT.label
    if user is not None:
        record(orm, AuditEvent.LOGIN, user.label, workstation.name, f"compte {user.login}",
               f"Connexion réussie ({method})")
    else:
        record(orm, AuditEvent.LOGIN_FAILED, login.strip()[:160], workstation.name, f"compte {login.strip()[:100]}",
               f"Connexion refusée ({method}) : {why}")


def _check(row: Account, password: str, code: str, now: datetime) -> UserError | None:
    if not verify_secret(row.password_hash, password):
        return SignInRefused()
    if row.totp_seed is None:
        return None
    if not code.strip():
        return SecondFactorNeeded()
    if not totp.code_matches(totp.unseal(row.totp_seed), code, now):
        return SignInRefused("Code d'authentification incorrect.")
    return None


def _duration(delta: timedelta) -> str:
    seconds = max(int(delta.total_seconds() + 0.999), 1)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"
