"""Sending short e-mails over SMTP (verification codes, notices): `SmtpSender`."""

from services.mail.smtp import MailError, SmtpSender

__all__ = ["MailError", "SmtpSender"]
