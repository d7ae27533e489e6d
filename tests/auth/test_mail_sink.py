"""The sandbox mail sink: STARTTLS is required, accepted messages are listed on its control route."""

from __future__ import annotations

import ssl

import aiosmtplib
import httpx
import pytest

from services.mail import MailError, SmtpSender
from services.sandbox.server import RunningSandbox


async def test_a_message_sent_over_starttls_is_listed_for_its_recipient(sandbox: RunningSandbox) -> None:
    manifest = sandbox.manifest
    sender = SmtpSender(manifest.url("mail_smtp"), "cabinet@demo.test", ca_file=manifest.ca_file)
    await sender.send("dr.martin@demo.test", "Code", "Votre code est 123456.")
    async with httpx.AsyncClient(verify=ssl.create_default_context(cafile=str(manifest.ca_file))) as client:
        answer = await client.get(manifest.url("mail") + "/messages", params={"to": "dr.martin@demo.test"})
    [message] = answer.json()
    assert message["subject"] == "Code"
    assert "123456" in message["text"]
    assert message["over_tls"] is True


async def test_the_sink_refuses_mail_without_starttls(sandbox: RunningSandbox) -> None:
    port = int(sandbox.manifest.url("mail_smtp").rsplit(":", 1)[1])
    async with aiosmtplib.SMTP(hostname="127.0.0.1", port=port, start_tls=False) as smtp:
        with pytest.raises(aiosmtplib.SMTPException):
            await smtp.sendmail("a@demo.test", ["b@demo.test"], "Subject: x\r\n\r\nclair")


async def test_an_untrusted_server_certificate_is_a_mail_error(sandbox: RunningSandbox) -> None:
    sender = SmtpSender(sandbox.manifest.url("mail_smtp"), "cabinet@demo.test")  # system CAs only
    with pytest.raises(MailError):
        await sender.send("x@demo.test", "Code", "texte")
