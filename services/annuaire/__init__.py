"""Annuaire Santé client (FHIR R4, PROTOCOLS.md §6): practitioners, practice places, MSSanté mailboxes."""

from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from services.annuaire.client import AnnuaireClient

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


def __getattr__(name: str) -> Any:
    """The client is imported when first asked for: it parses FHIR with `fhir.resources`, whose pydantic models
    cost ~0.3 s of imports that the models above (used by the GUI's screens) do not need (PEP 562)."""
    if name == "AnnuaireClient":
        from services.annuaire.client import AnnuaireClient

        return AnnuaireClient
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
