"""Expected failures of the directory domain, each with a French message shown to the user."""

from __future__ import annotations

from lgc_app.errors import UserError


class DirectoryError(UserError, ValueError):
    code = "DIRECTORY"
    summary = "Action impossible sur les correspondants."


class CorrespondentNotFound(DirectoryError):
    code = "DIRECTORY-CORRESPONDENT-NOT-FOUND"
    summary = "Ce correspondant n'existe plus (retiré depuis un autre poste ?)."


class AlreadyCorrespondent(DirectoryError):
    code = "DIRECTORY-ALREADY-CORRESPONDENT"
    summary = "Ce professionnel est déjà un correspondant du patient."


class MailboxNotOffered(DirectoryError):
    """The chosen address is not one of the practitioner's listed MSSanté mailboxes (a typo, a plain e-mail,
    a box on the liste rouge): only the Annuaire's boxes are accepted."""

    code = "DIRECTORY-MAILBOX"
    summary = "Cette adresse n'est pas une messagerie MSSanté de ce professionnel dans l'Annuaire Santé."
