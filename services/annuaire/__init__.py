"""Annuaire Santé client (FHIR R4, PROTOCOLS.md §6): practitioners, practice places, MSSanté mailboxes."""

from services.annuaire.client import AnnuaireClient
from services.annuaire.errors import AnnuaireError
from services.annuaire.models import (
    Mailbox,
    MailboxKind,
    PracticePlace,
    PractitionerEntry,
    PractitionerQuery,
    Qualification,
    SearchPage,
)
from services.annuaire.rate_limit import TokenBucket

__all__ = [
    "AnnuaireClient",
    "AnnuaireError",
    "Mailbox",
    "MailboxKind",
    "PracticePlace",
    "PractitionerEntry",
    "PractitionerQuery",
    "Qualification",
    "SearchPage",
    "TokenBucket",
]
