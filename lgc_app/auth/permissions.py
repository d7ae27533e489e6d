"""What each role may see and do (SC.SSI/IE.33: the role limits access; a secretary does not read clinical
notes). Use cases returning clinical content call `require(session, Permission.READ_CLINICAL)` first.
"""

from __future__ import annotations

import enum

from lgc_app.errors import UserError
from lgc_app.session import Authentication, Session, UserRole


class Permission(enum.StrEnum):
    READ_CLINICAL = "lecture du contenu médical"
    MANAGE_ACCOUNTS = "gestion des comptes"


_GRANTED: dict[UserRole, frozenset[Permission]] = {
    UserRole.PRACTITIONER: frozenset({Permission.READ_CLINICAL}),
    UserRole.SECRETARIAT: frozenset(),
    UserRole.ADMINISTRATOR: frozenset({Permission.MANAGE_ACCOUNTS}),
}


class NotPermitted(UserError, PermissionError):
    """The acting user's role does not allow this."""

    code = "NOT-PERMITTED"
    summary = "Votre rôle ne vous permet pas cette action."


def allows(session: Session, permission: Permission) -> bool:
    # A headless process (worker, administration command) acts for the cabinet: it sends and imports
    # documents, so it reads their content; no person sees it there.
    if session.authentication is Authentication.WORKSTATION:
        return True
    return permission in _GRANTED[session.user.role]


def require(session: Session, permission: Permission) -> None:
    """Raises NotPermitted, naming the role and what it may not do, in French."""
    if not allows(session, permission):
        raise NotPermitted(f"Le rôle « {session.user.role.label} » ne permet pas la {permission.value} : "
                           "demandez à un praticien du cabinet.")
