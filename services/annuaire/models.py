"""What a directory search gives back: frozen snapshots, independent of the FHIR wire model."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class MailboxKind(enum.StrEnum):
    """TRE_R257-TypeBAL: who an MSSanté mailbox belongs to (§6.0)."""

    PERSONAL = "PER"
    ORGANISATIONAL = "ORG"
    APPLICATIVE = "APP"
    CABINET = "CAB"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    MailboxKind.PERSONAL: "personnelle",
    MailboxKind.ORGANISATIONAL: "organisationnelle",
    MailboxKind.APPLICATIVE: "applicative",
    MailboxKind.CABINET: "cabinet",
}


@dataclass(frozen=True)
class Mailbox:
    """An MSSanté address (never a plain e-mail: those are `PracticePlace.emails`)."""

    address: str
    kind: MailboxKind
    description: str = ""
    service: str = ""


@dataclass(frozen=True)
class PracticePlace:
    """Where a practitioner works: the organisation of one of their PractitionerRoles."""

    organisation_id: str
    name: str
    address_lines: tuple[str, ...] = ()
    postal_code: str = ""
    city: str = ""
    mailboxes: tuple[Mailbox, ...] = ()  # the role's cabinet boxes, then the organisation's
    emails: tuple[str, ...] = ()  # plain contact e-mails of the organisation: not MSSanté

    @property
    def address(self) -> str:
        return ", ".join(part for part in (*self.address_lines, f"{self.postal_code} {self.city}".strip()) if part)


@dataclass(frozen=True)
class Qualification:
    code: str
    label: str


@dataclass(frozen=True)
class PractitionerEntry:
    """One practitioner of the directory with their practice places and MSSanté mailboxes."""

    resource_id: str
    rpps: str
    family: str
    given: str
    profession: Qualification | None = None
    specialty: Qualification | None = None
    mailboxes: tuple[Mailbox, ...] = ()  # personal mailboxes (on the Practitioner)
    places: tuple[PracticePlace, ...] = ()

    @property
    def display_name(self) -> str:
        return f"{self.family} {self.given}".strip()

    def all_mailboxes(self) -> tuple[Mailbox, ...]:
        """Personal mailboxes first, then those of the practice places, without repeats."""
        seen: dict[str, Mailbox] = {}
        for mailbox in (*self.mailboxes, *(box for place in self.places for box in place.mailboxes)):
            seen.setdefault(mailbox.address.lower(), mailbox)
        return tuple(seen.values())


@dataclass(frozen=True)
class PractitionerQuery:
    """A practitioner search; empty fields are not sent. `city` keeps the practitioners with a practice
    place in that city (matched on the organisations' `address-city`)."""

    family: str = ""
    given: str = ""
    rpps: str = ""
    specialty: str = ""  # a qualification code: profession (`10`) or specialty (`SM54`)
    city: str = ""
    page_size: int = 50

    def is_empty(self) -> bool:
        return not (self.family.strip() or self.rpps.strip() or self.specialty.strip())


@dataclass(frozen=True)
class SearchPage:
    """One page of results; `next_url` is the server's `next` link, followed verbatim (§6.0)."""

    practitioners: tuple[PractitionerEntry, ...]
    next_url: str | None = None
    total: int | None = None
    query: PractitionerQuery = field(default_factory=PractitionerQuery)
