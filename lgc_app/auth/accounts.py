"""Account management use cases: the first administrator, creating accounts, passwords, the TOTP factor.

Each function owns its transaction and returns frozen snapshots (`AccountView`); those an administrator
performs take the acting `Session` and check `Permission.MANAGE_ACCOUNTS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from lgc_app.audit.events import AuditEvent
from lgc_app.audit.trail import record
from lgc_app.auth import totp
from lgc_app.auth.models import Account
from lgc_app.auth.passwords import PasswordPolicy, hash_secret
from lgc_app.auth.permissions import Permission, require
from lgc_app.documents.models import Practitioner
from lgc_app.errors import UserError
from lgc_app.persistence.base import utcnow
from lgc_app.persistence.database import Database
from lgc_app.session import PractitionerIdentity, Session, User, UserRole


class AccountError(UserError, ValueError):
    code = "ACCOUNT-INVALID"
    summary = "Ce compte ne peut pas être enregistré."


class AccountNotFound(UserError, LookupError):
    code = "ACCOUNT-NOT-FOUND"
    summary = "Compte introuvable."


@dataclass(frozen=True)
class AccountDraft:
    """What IE.33 asks to manage: private identifier, exercise name, first name, profession, RPPS if any."""

    login: str
    family_name: str
    given_name: str
    role: UserRole
    profession: str = ""
    rpps: str | None = None


@dataclass(frozen=True)
class AccountView:
    login: str
    family_name: str
    given_name: str
    profession: str
    role: UserRole
    rpps: str | None
    email: str | None
    phone: str | None
    totp_enabled: bool
    totp_enrolled_at: datetime | None
    locked_until: datetime | None
    active: bool
    totp_renewal_forced: bool = False

    @classmethod
    def of(cls, row: Account) -> AccountView:
        return cls(row.login, row.family_name, row.given_name, row.profession, row.role, row.rpps, row.email,
                   row.phone, row.totp_seed is not None, row.totp_enrolled_at, row.locked_until, row.active,
                   row.totp_renewal_forced)

    @property
    def display_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now


def has_accounts(db: Database) -> bool:
    """False on first start: the first-run dialog creates the administrator."""
    with db.reading() as session:
        return bool(session.scalar(select(func.count(Account.id))))


def list_accounts(db: Database) -> list[AccountView]:
    with db.reading() as session:
        return [AccountView.of(row) for row in session.scalars(select(Account).order_by(Account.login))]


def create_first_administrator(db: Database, draft: AccountDraft, password: str, policy: PasswordPolicy, *,
                               workstation: str = "") -> None:
    """The administrator created on first start (on `workstation`); refused once any account exists."""
    if draft.role is not UserRole.ADMINISTRATOR:
        raise AccountError("Le premier compte doit être celui d'un administrateur.")
    with db.unit_of_work() as session:
        if session.scalar(select(func.count(Account.id))):
            raise AccountError("Des comptes existent déjà : demandez à un administrateur de créer le vôtre.")
        add_account(session, draft, password, policy)
        record(session, AuditEvent.ACCOUNT_CHANGED, draft.login.strip(), workstation, f"compte {draft.login.strip()}",
               f"Premier compte administrateur créé au démarrage ({draft.given_name} {draft.family_name})")


def create_account(db: Database, actor: Session, draft: AccountDraft, password: str, policy: PasswordPolicy) -> None:
    require(actor, Permission.MANAGE_ACCOUNTS)
    with db.unit_of_work() as session:
        add_account(session, draft, password, policy)
        rpps = (draft.rpps or "").strip()
        journal(session, actor, draft.login.strip(), f"Compte créé : {draft.given_name.strip()} "
                f"{draft.family_name.strip()}, rôle {draft.role.label}" + (f", RPPS {rpps}" if rpps else ""))


def add_account(session: OrmSession, draft: AccountDraft, password: str, policy: PasswordPolicy) -> None:
    """Within the caller's transaction: the checks (unique login, RPPS, complexity) and the new row."""
    login = draft.login.strip()
    if not login or not draft.family_name.strip() or not draft.given_name.strip():
        raise AccountError("L'identifiant, le nom d'exercice et le prénom sont obligatoires.")
    if session.scalar(select(Account.id).where(func.lower(Account.login) == login.lower())) is not None:
        raise AccountError(f"L'identifiant « {login} » est déjà pris.")
    rpps = (draft.rpps or "").strip() or None
    if rpps is not None and not (len(rpps) == 11 and rpps.isdigit()):
        raise AccountError("Le RPPS compte 11 chiffres.")
    policy.check(password, login=login)
    practitioner_id = session.scalar(select(Practitioner.id).where(Practitioner.rpps == rpps)) if rpps else None
    session.add(Account(login=login, family_name=draft.family_name.strip(), given_name=draft.given_name.strip(),
                        profession=draft.profession.strip(), role=draft.role, rpps=rpps,
                        practitioner_id=practitioner_id, password_hash=hash_secret(password),
                        password_changed_at=utcnow(), failed_attempts=0, active=True))


def set_password(db: Database, actor: Session, login: str, password: str, policy: PasswordPolicy) -> None:
    """An administrator's reset of `login`'s password (its owner changes it with `my_account.change_password`);
    unlocks the account."""
    require(actor, Permission.MANAGE_ACCOUNTS)
    policy.check(password, login=login)
    with db.unit_of_work() as session:
        replace_password(account_row(session, login), password)
        journal(session, actor, login, "Mot de passe réinitialisé par un administrateur")


def replace_password(row: Account, password: str) -> None:
    """Within the caller's transaction: the new hash, and the account unlocked."""
    row.password_hash = hash_secret(password)
    row.password_changed_at = utcnow()
    row.failed_attempts = 0
    row.locked_until = None


def enrol_totp(db: Database, actor: Session, login: str, seed: str, code: str, *,
               now: datetime | None = None) -> None:
    """Turn on (or renew, IE.34) the second factor once the user proved their app shows the right code.
    Only the account's owner enrols: the seed is shown on their screen."""
    if actor.user.login != login:
        raise AccountError("Seul le titulaire du compte peut enrôler son second facteur (Fichier → Mon compte).")
    now = now or utcnow()
    if not totp.code_matches(seed, code, now):
        raise AccountError("Le code ne correspond pas : vérifiez l'heure du téléphone et saisissez le code "
                           "affiché par l'application.")
    with db.unit_of_work() as session:
        row = account_row(session, login)
        renewed = row.totp_seed is not None
        row.totp_seed = totp.seal(seed)
        row.totp_enrolled_at = now
        row.totp_renewal_forced = False
        journal(session, actor, login, "Second facteur (TOTP) renouvelé" if renewed
                else "Second facteur (TOTP) activé")


def deactivate_totp(db: Database, actor: Session, login: str) -> None:
    """IE.35: the user themselves or an administrator switches the second factor off (lost or stolen phone)."""
    if actor.user.login != login:
        require(actor, Permission.MANAGE_ACCOUNTS)
    with db.unit_of_work() as session:
        row = account_row(session, login)
        row.totp_seed = None
        row.totp_enrolled_at = None
        row.totp_renewal_forced = False
        journal(session, actor, login, "Second facteur (TOTP) désactivé (perte ou vol)")


def journal(session: OrmSession, actor: Session, login: str, detail: str,
            event: AuditEvent = AuditEvent.ACCOUNT_CHANGED) -> None:
    """An account change in the audit trail, in the caller's transaction (issue 11 item 6)."""
    record(session, event, actor.who, actor.workstation.name, f"compte {login}", detail)


def user_of(session: OrmSession, row: Account) -> User:
    """The `User` an account signs in as: the linked practitioner's identity when there is one."""
    practitioner = session.get(Practitioner, row.practitioner_id) if row.practitioner_id is not None else None
    identity = PractitionerIdentity.of(practitioner) if practitioner is not None else None
    return User(row.login, f"{row.given_name} {row.family_name}", row.role, identity)


def account_row(session: OrmSession, login: str) -> Account:
    row = session.scalar(select(Account).where(Account.login == login))
    if row is None:
        raise AccountNotFound(f"Aucun compte « {login} ».")
    return row
