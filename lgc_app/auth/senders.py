"""The e-mail and SMS senders of verification codes, built from the settings (`mail.*`, `sms.*`)."""

from __future__ import annotations

from lgc_app import paths, secrets
from lgc_app.auth.contacts import Senders
from lgc_app.config import Settings
from services.mail import SmtpSender
from services.sms import FileSmsSender


def senders_from_settings(settings: Settings) -> Senders:
    """Blocking (keyring, TLS context): call it from a thread."""
    sender = settings["mail.sender"] or f"ne-pas-repondre@{settings.workstation_name}"
    password = secrets.fetch(settings["mail.password_ref"]) if settings["mail.password_ref"] else ""
    email = SmtpSender(settings["mail.smtp_url"], sender, ca_file=settings["tls.ca_file"],
                       username=sender if password else "", password=password)
    sms_folder = settings["sms.outbox_dir"] or paths.data_dir() / "sms"
    return Senders(email=email, sms=FileSmsSender(sms_folder))
