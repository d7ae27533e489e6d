"""Expected failures of the documents domain, each with a French message shown to the user."""

from __future__ import annotations


class DocumentError(ValueError):
    """Base of the documents domain's expected errors (never a bug)."""


class DocumentStateError(DocumentError):
    """A transition that the document's current status forbids (e.g. editing a validated document)."""


class DocumentContentError(DocumentError):
    """The content or the context of a document is incomplete or invalid; the message names the field."""


class MetadataError(DocumentError):
    """A sharing-metadata value outside its CI-SIS value set, or an edit refused on a frozen document."""


class DocumentNotFoundError(DocumentError):
    """No document (or practitioner) with the given id."""


class DocumentConflictError(DocumentError):
    """The draft was changed on another workstation since it was read (optimistic concurrency)."""
