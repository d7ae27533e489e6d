"""The practice's mailbox access from the settings and the acting session (PROTOCOLS §4.0), and the server it
reaches, for sending (SMTP submission) and reading (IMAP) alike.

Personal and organisational mailboxes authenticate with the acting user's Pro Santé Connect access token
(XOAUTH2/OAUTHBEARER), asked at each connection and never stored; an applicative mailbox with its IGC-Santé
certificate (EXTERNAL) or, where the operator asks for it, a password from the keyring (LOGIN).
"""

from __future__ import annotations

from typing import Literal

from lgc_app import secrets
from lgc_app.config import Settings
from lgc_app.errors import UserError
from lgc_app.session import ActingSession
from services.mss.connection import Endpoint, MailboxAccess, Mechanism, discover
from services.transport import TlsMaterial


class MailboxUnavailable(UserError):
    """The mailbox cannot be opened now (no PSC token, no password, no address); French reason."""

    code = "MSS-MAILBOX"
    summary = "La boîte aux lettres MSSanté du cabinet n'est pas accessible."

    def __init__(self, text: str, *, transient: bool) -> None:
        super().__init__(text)
        self.transient = transient


NO_PSC = ("Connectez-vous avec Pro Santé Connect pour utiliser la messagerie MSSanté du cabinet : l'envoi ou la "
          "relève attend votre connexion.")
Service = Literal["submission", "imap"]
_CONFIGURED = {"submission": "services.mss_smtp", "imap": "services.mss_imap"}


def mailbox_access(settings: Settings, session: ActingSession | None) -> MailboxAccess:
    """The access to `mss.mailbox` with `mss.auth`.

    Raises:
        MailboxUnavailable: transient without a PSC sign-in (the order waits for one); permanent when the mailbox
            or the LOGIN password is not configured.
    """
    address = settings["mss.mailbox"]
    if not address:
        raise MailboxUnavailable("Adresse MSSanté du cabinet non renseignée (réglage mss.mailbox).", transient=False)
    mechanism = Mechanism(settings["mss.auth"])
    tls = TlsMaterial(settings["tls.ca_file"], settings["mss.client_cert"], settings["mss.client_key"])
    if mechanism.uses_token:
        psc = session.psc if session is not None else None
        if psc is None:
            raise MailboxUnavailable(NO_PSC, transient=True)
        return MailboxAccess(address, mechanism, TlsMaterial(settings["tls.ca_file"]), token=psc.access_token)
    password = ""
    if mechanism is Mechanism.LOGIN:
        try:
            password = secrets.fetch(settings["mss.password_ref"])
        except secrets.SecretUnavailable:
            raise MailboxUnavailable("Mot de passe de la boîte MSSanté absent du trousseau (réglage "
                                     "mss.password_ref).", transient=False) from None
    return MailboxAccess(address, mechanism, tls, password=password)


async def endpoint(settings: Settings, access: MailboxAccess, service: Service) -> Endpoint:
    """The configured server of `service` (`services.mss_smtp` / `services.mss_imap`), else the one the mailbox's
    domain publishes in its RFC 6186 SRV records.

    Raises:
        MssConnectionError: nothing configured and no SRV record.
    """
    configured = settings[_CONFIGURED[service]]
    return Endpoint.from_url(configured) if configured else await discover(access.domain, service, "")
