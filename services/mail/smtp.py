"""An SMTP submission client (aiosmtplib) that never sends in clear: STARTTLS is required on `smtp://`,
implicit TLS is used on `smtps://` (RFC 8314), and the server certificate is checked against `ca_file` (or
the system's authorities)."""

from __future__ import annotations

import ssl
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from urllib.parse import urlsplit

import aiosmtplib

from services.errors import ServiceError

_TIMEOUT = 30.0


class MailError(ServiceError):
    """The SMTP server could not be reached, refused STARTTLS or the message (transient: try again)."""


class SmtpSender:
    """Sends plain-text messages from `sender` through the server at `url` (smtp://host:port, smtps://…)."""

    def __init__(self, url: str, sender: str, *, ca_file: Path | None = None, username: str = "",
                 password: str = "") -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError(f"adresse SMTP invalide : {url}")
        self.host = parts.hostname
        self.implicit_tls = parts.scheme == "smtps"
        self.port = parts.port or (465 if self.implicit_tls else 587)
        self.sender = sender
        self._tls = ssl.create_default_context(cafile=str(ca_file) if ca_file else None)
        self._username = username
        self._password = password

    async def send(self, to: str, subject: str, text: str) -> None:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = to
        message["Subject"] = subject
        message["Message-ID"] = make_msgid(domain=self.sender.rpartition("@")[2] or None)
        message.set_content(text)
        try:
            await aiosmtplib.send(message, hostname=self.host, port=self.port, use_tls=self.implicit_tls,
                                  start_tls=not self.implicit_tls, tls_context=self._tls, timeout=_TIMEOUT,
                                  username=self._username or None, password=self._password or None)
        except (aiosmtplib.SMTPException, OSError) as exc:
            raise MailError("MAIL-SEND-FAILED", "Le message n'a pas pu être envoyé : vérifiez le serveur d'envoi "
                            "(SMTP) dans les réglages.", transient=True, detail=type(exc).__name__) from exc
