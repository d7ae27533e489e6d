"""Mail sink simulator: an SMTP server (aiosmtpd, STARTTLS required) that keeps every message it accepts,
and an HTTP control route that lists them (tests read the verification codes there).

The SMTP listener is bound on loopback when the app is created, on a free port published in the manifest as
`mail_smtp` (`smtp://127.0.0.1:<port>`); it serves on the sandbox's event loop until the loop ends.
MSSanté will extend it (mailboxes, IMAP).
"""

from services.sandbox.mail.app import create_app

NAME = "mail"
MOUNT = "/mail"
MUTUAL_TLS = False

__all__ = ["MOUNT", "MUTUAL_TLS", "NAME", "create_app"]
