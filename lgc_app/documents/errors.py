"""Expected failures of the documents domain, each with a French message shown to the user."""

from __future__ import annotations

from lgc_app.errors import UserError


class DocumentError(UserError, ValueError):
    """Base of the documents domain's expected errors (never a bug)."""

    code = "DOC"
    summary = "Action impossible sur ce document."


class DocumentStateError(DocumentError):
    """A transition that the document's current status forbids (e.g. editing a validated document)."""

    code = "DOC-STATE"
    summary = "L'état du document ne permet pas cette action."


class DocumentContentError(DocumentError):
    """The content or the context of a document is incomplete or invalid; the message names the field."""

    code = "DOC-CONTENT"
    summary = "Le contenu du document est incomplet ou invalide."


class MetadataError(DocumentError):
    """A sharing-metadata value outside its CI-SIS value set, or an edit refused on a frozen document."""

    code = "DOC-METADATA"
    summary = "Métadonnée de partage refusée."


class DocumentNotFoundError(DocumentError):
    """No document (or practitioner) with the given id."""

    code = "DOC-NOT-FOUND"
    summary = "Document introuvable."


class DocumentConflictError(DocumentError):
    """The draft was changed on another workstation since it was read (optimistic concurrency)."""

    code = "DOC-CONFLICT"
    summary = ("Ce document a été modifié sur un autre poste entre-temps : vos modifications n'ont pas été "
               "enregistrées.")
