"""What an administrator does to the accounts of the cabinet (Outils → Comptes utilisateurs…): edit the
identity IE.33 asks for (names, profession, RPPS) and the role, unlock an account locked after failures
(IE.36), force the renewal of a TOTP factor (IE.34), switch off a lost one (IE.35, `accounts.deactivate_totp`),
deactivate or reactivate an account.

Each use case checks `Permission.MANAGE_ACCOUNTS` and journals the change in its own transaction: a role
change is an authorisation change (`AuditEvent.AUTHORISATION_CHANGED`), the rest account changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from lgc_app.audit.events import AuditEvent
from lgc_app.auth.accounts import AccountError, account_row, journal
from lgc_app.auth.models import Account
from lgc_app.auth.permissions import Permission, require
from lgc_app.documents.models import Practitioner
from lgc_app.persistence.database import Database
from lgc_app.session import Session, UserRole


@dataclass(frozen=True)
class AccountEdit:
    """The fields an administrator edits (the login, the private identifier, never changes)."""

    family_name: str
    given_name: str
    profession: str
    role: UserRole
    rpps: str | None = None


def update_account(db: Database, actor: Session, login: str, edit: AccountEdit) -> None:
    """Raises AccountError (French) on a missing name, a malformed RPPS, or the last active administrator
    losing the role."""
    require(actor, Permission.MANAGE_ACCOUNTS)
    family, given, profession = edit.family_name.strip(), edit.given_name.strip(), edit.profession.strip()
    if not family or not given:
        raise AccountError("Le nom d'exercice et le prénom sont obligatoires.")
    rpps = (edit.rpps or "").strip() or None
    if rpps is not None and not (len(rpps) == 11 and rpps.isdigit()):
        raise AccountError("Le RPPS compte 11 chiffres.")
    with db.unit_of_work() as session:
        row = account_row(session, login)
        changes = [f"{label} : « {before} » → « {after} »" for label, before, after in (
            ("nom", row.family_name, family), ("prénom", row.given_name, given),
            ("profession", row.profession, profession), ("RPPS", row.rpps or "", rpps or "")) if before != after]
        if row.role is not edit.role:
            if row.role is UserRole.ADMINISTRATOR:
                _keep_an_administrator(session, row)
            journal(session, actor, login, f"Rôle : {row.role.label} → {edit.role.label}",
                    AuditEvent.AUTHORISATION_CHANGED)
            row.role = edit.role
        if changes:
            journal(session, actor, login, "Identité modifiée : " + " ; ".join(changes))
        row.family_name, row.given_name, row.profession = family, given, profession
        if rpps != row.rpps:
            row.rpps = rpps
            row.practitioner_id = (session.scalar(select(Practitioner.id).where(Practitioner.rpps == rpps))
                                   if rpps else None)


def unlock(db: Database, actor: Session, login: str) -> None:
    """Lift the lock put after repeated failures (IE.36); the failure counter restarts."""
    require(actor, Permission.MANAGE_ACCOUNTS)
    with db.unit_of_work() as session:
        row = account_row(session, login)
        row.failed_attempts = 0
        row.locked_until = None
        journal(session, actor, login, "Compte déverrouillé par un administrateur")


def force_totp_renewal(db: Database, actor: Session, login: str) -> None:
    """IE.34: at the next sign-in the user is told to enrol a new seed (Fichier → Mon compte…)."""
    require(actor, Permission.MANAGE_ACCOUNTS)
    with db.unit_of_work() as session:
        row = account_row(session, login)
        if row.totp_seed is None:
            raise AccountError("Ce compte n'a pas de second facteur à renouveler.")
        row.totp_renewal_forced = True
        journal(session, actor, login, "Renouvellement du second facteur (TOTP) imposé")


def set_active(db: Database, actor: Session, login: str, active: bool) -> None:
    """A deactivated account can no longer sign in (its history stays); an administrator may not deactivate
    their own account, nor the last active administrator."""
    require(actor, Permission.MANAGE_ACCOUNTS)
    if not active and actor.user.login == login:
        raise AccountError("Vous ne pouvez pas désactiver votre propre compte.")
    with db.unit_of_work() as session:
        row = account_row(session, login)
        if row.active == active:
            return
        if not active and row.role is UserRole.ADMINISTRATOR:
            _keep_an_administrator(session, row)
        row.active = active
        journal(session, actor, login, "Compte réactivé" if active else "Compte désactivé",
                AuditEvent.AUTHORISATION_CHANGED)


def _keep_an_administrator(session: OrmSession, row: Account) -> None:
    """Somebody must still be able to manage the accounts once `row` is no longer an administrator."""
    others = session.scalar(select(func.count(Account.id)).where(
        Account.role == UserRole.ADMINISTRATOR, Account.active.is_(True), Account.id != row.id))
    if not others:
        raise AccountError("C'est le dernier compte administrateur actif : créez-en un autre d'abord.")
