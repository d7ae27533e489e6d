"""Who is acting: the user, the workstation, and how the user authenticated.

Every attribution — document validation, identity changes, send orders, traces, INSi call logs — reads the
session (`Session.who`, `Session.actor`); the OS login never enters the record. Today the user is chosen when
the application starts (the demo opens the demonstration practitioner's session); local accounts and Pro Santé
Connect will open sessions the same way, with another `Authentication`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import select

from lgc_app.documents.actors import Actor
from lgc_app.documents.models import Practitioner
from lgc_app.persistence.database import Database
from lgc_app.workstation import Workstation

if TYPE_CHECKING:  # a session only holds them: their libraries (cryptography, joserfc) load when a sign-in needs them
    from services.card.card import Card
    from services.psc import PscSignIn


class UserRole(enum.StrEnum):
    """What a user may see and do (SSI IE.33)."""

    PRACTITIONER = "praticien"
    SECRETARIAT = "secretariat"
    ADMINISTRATOR = "administrateur"

    @property
    def label(self) -> str:
        return {UserRole.PRACTITIONER: "Praticien", UserRole.SECRETARIAT: "Secrétariat",
                UserRole.ADMINISTRATOR: "Administration"}[self]


class Authentication(enum.StrEnum):
    """How the user of a session proved who they are."""

    CHOSEN_AT_START = "choix"  # no sign-in yet: the user was chosen when the application started
    WORKSTATION = "poste"  # a headless process (worker, administration command) acting as the workstation
    LOCAL_ACCOUNT = "compte"
    PRO_SANTE_CONNECT = "psc"
    CPS = "cps"

    @property
    def label(self) -> str:
        return {Authentication.CHOSEN_AT_START: "choisi au démarrage",
                Authentication.WORKSTATION: "poste (sans utilisateur)",
                Authentication.LOCAL_ACCOUNT: "compte local", Authentication.PRO_SANTE_CONNECT: "Pro Santé Connect",
                Authentication.CPS: "carte CPS"}[self]


@dataclass(frozen=True)
class PractitionerIdentity:
    """A practitioner as the national services name them (VIHF, CDA author): a frozen snapshot."""

    id: int
    rpps: str
    title: str
    given_name: str
    family_name: str
    profession_code: str
    specialty_code: str

    @classmethod
    def of(cls, row: Practitioner) -> PractitionerIdentity:
        return cls(row.id, row.rpps, row.title, row.given_name, row.family_name, row.profession_code,
                   row.specialty_code)

    @property
    def national_id(self) -> str:
        """Identifiant national PS: `8` + RPPS (CI-SIS, root 1.2.250.1.71.4.2.1)."""
        return f"8{self.rpps}"

    @property
    def display_name(self) -> str:
        return f"{self.title.capitalize()} {self.given_name} {self.family_name}".strip()


@dataclass(frozen=True)
class User:
    """A person who uses the software.

    Args:
        login: unique private identifier of the user in this cabinet (IE.33).
        display_name: how the user is named on screen and in the record.
        practitioner: set for a health professional registered in the cabinet (RPPS, names, profession).
    """

    login: str
    display_name: str
    role: UserRole
    practitioner: PractitionerIdentity | None = None

    @property
    def rpps(self) -> str | None:
        return self.practitioner.rpps if self.practitioner else None

    @property
    def label(self) -> str:
        """The name recorded in histories and traces: who, with the RPPS when there is one."""
        return f"{self.display_name} (RPPS {self.rpps})" if self.rpps else self.display_name


SECRETARIAT = User("secretariat", "Secrétariat", UserRole.SECRETARIAT)


class AccessTokens(Protocol):
    """Where a handler gets the acting user's Pro Santé Connect access token (`PscSignIn`, or in the worker
    process the GUI's, asked over its channel: `lgc_app.outbox.remote_session`)."""

    async def access_token(self) -> str: ...


class ActingSession(Protocol):
    """What the outbox handlers read of the session acting when an order runs: a `Session` in the GUI's
    process, a `RemoteSession` (its mirror) in the worker process."""

    @property
    def user(self) -> User: ...

    @property
    def workstation(self) -> Workstation: ...

    @property
    def authentication(self) -> Authentication: ...

    @property
    def card(self) -> Card | None: ...

    @property
    def psc(self) -> AccessTokens | None: ...

    @property
    def who(self) -> str: ...

    def actor(self) -> Actor: ...


@dataclass(frozen=True)
class SessionIdentity:
    """Who is acting, on which workstation, authenticated how: what a `Session` and its mirror in the worker
    process (`lgc_app.outbox.remote_session.RemoteSession`) say alike."""

    user: User
    workstation: Workstation
    authentication: Authentication

    @property
    def who(self) -> str:
        return self.user.label

    @property
    def practitioner_id(self) -> int | None:
        return self.user.practitioner.id if self.user.practitioner else None

    def actor(self) -> Actor:
        return Actor(self.who, self.practitioner_id, workstation=self.workstation)


@dataclass(frozen=True)
class Session(SessionIdentity):
    """Who is acting, on which workstation, authenticated how, with the credentials the session holds."""

    # The CPS the user signed in with (Authentication.CPS), unlocked by its PIN: it signs the user's DMP calls.
    # In memory only, like every credential of a session.
    card: Card | None = field(default=None, compare=False, repr=False)
    # The Pro Santé Connect sign-in (Authentication.PRO_SANTE_CONNECT): its tokens, refreshed while the session
    # lasts and revoked when it ends; the MSSanté mailbox is opened with its access token (PROTOCOLS §4.0).
    psc: PscSignIn | None = field(default=None, compare=False, repr=False)

    async def aclose(self) -> None:
        """End the session's credentials: the PSC tokens are revoked, the card is logged out."""
        if self.psc is not None:
            await self.psc.aclose()
        if self.card is not None:
            self.card.logout()

    @property
    def status_text(self) -> str:
        """One line for the status bar: who, where, how."""
        return (f"{self.user.display_name} — {self.user.role.label.lower()} — poste {self.workstation.name} "
                f"({self.authentication.label})")


def practitioner_user(row: Practitioner) -> User:
    identity = PractitionerIdentity.of(row)
    return User(f"rpps:{row.rpps}", identity.display_name, UserRole.PRACTITIONER, identity)


def workstation_session(workstation: Workstation) -> Session:
    """The session of a process no person drives (`lgc worker`, administration commands)."""
    user = User(f"poste:{workstation.name}", f"Poste {workstation.name}", UserRole.ADMINISTRATOR)
    return Session(user, workstation, Authentication.WORKSTATION)


def practitioner_by_rpps(db: Database, rpps: str) -> User | None:
    with db.reading() as session:
        row = session.scalar(select(Practitioner).where(Practitioner.rpps == rpps))
        return practitioner_user(row) if row is not None else None

