"""IE.31/32: a new e-mail or phone is taken only with the code really sent to it; the old contact is told."""

from __future__ import annotations

import json
import re
import ssl
import uuid
from pathlib import Path

import httpx
import pytest

from lgc_app.auth import accounts, contacts
from lgc_app.auth.accounts import AccountDraft
from lgc_app.auth.models import ContactChannel
from lgc_app.auth.passwords import PasswordPolicy
from lgc_app.auth.sign_in import sign_in
from lgc_app.config import Settings
from lgc_app.persistence.database import Database
from lgc_app.session import UserRole
from services.mail import SmtpSender
from services.sandbox.server import RunningSandbox
from services.sms import FileSmsSender
from tests.helpers.composition import STANDALONE

PASSWORD = "Cabinet-Gestion-2024"


async def _mails(sandbox: RunningSandbox, to: str) -> list[dict[str, str]]:
    tls = ssl.create_default_context(cafile=str(sandbox.manifest.ca_file))
    async with httpx.AsyncClient(verify=tls) as client:
        answer = await client.get(sandbox.manifest.url("mail") + "/messages", params={"to": to})
    result: list[dict[str, str]] = answer.json()
    return result


def _code(text: str) -> str:
    match = re.search(r"\b(\d{6})\b", text)
    assert match, text
    return match.group(1)


@pytest.fixture
def senders(sandbox: RunningSandbox, tmp_path: Path) -> contacts.Senders:
    manifest = sandbox.manifest
    return contacts.Senders(SmtpSender(manifest.url("mail_smtp"), "cabinet@demo.test", ca_file=manifest.ca_file),
                            FileSmsSender(tmp_path / "sms"))


async def test_email_change_needs_the_code_sent_to_it_and_notifies_the_old_address(
        db: Database, sandbox: RunningSandbox, senders: contacts.Senders) -> None:
    accounts.create_first_administrator(db, AccountDraft("chef", "Roux", "Anne", UserRole.ADMINISTRATOR), PASSWORD,
                                        PasswordPolicy())
    actor = sign_in(db, STANDALONE, Settings(), "chef", PASSWORD).session
    run = uuid.uuid4().hex[:8]  # the sandbox's mail sink is shared by the tests of this process
    first_address, second_address = f"anne.roux.{run}@demo.test", f"anne.r.{run}@demo.test"
    await contacts.request_change(db, actor, "chef", ContactChannel.EMAIL, first_address, senders)
    assert accounts.list_accounts(db)[0].email is None  # not before the code comes back
    [first] = await _mails(sandbox, first_address)
    await contacts.confirm_change(db, actor, "chef", ContactChannel.EMAIL, _code(first["text"]), senders)
    assert accounts.list_accounts(db)[0].email == first_address

    await contacts.request_change(db, actor, "chef", ContactChannel.EMAIL, second_address, senders)
    [second] = await _mails(sandbox, second_address)
    code = _code(second["text"])
    wrong = "000000" if code != "000000" else "111111"
    with pytest.raises(contacts.VerificationFailed):
        await contacts.confirm_change(db, actor, "chef", ContactChannel.EMAIL, wrong, senders)
    assert accounts.list_accounts(db)[0].email == first_address
    await contacts.confirm_change(db, actor, "chef", ContactChannel.EMAIL, code, senders)
    assert accounts.list_accounts(db)[0].email == second_address
    notices = [m for m in await _mails(sandbox, first_address) if "modifiée" in m["text"]]
    assert len(notices) == 1 and "chef" in notices[0]["text"]
    with pytest.raises(contacts.VerificationFailed):  # a code is used once
        await contacts.confirm_change(db, actor, "chef", ContactChannel.EMAIL, code, senders)


async def test_phone_change_goes_through_the_sms_sender_and_exhausts_after_five_tries(
        db: Database, senders: contacts.Senders, tmp_path: Path) -> None:
    accounts.create_first_administrator(db, AccountDraft("chef", "Roux", "Anne", UserRole.ADMINISTRATOR), PASSWORD,
                                        PasswordPolicy())
    actor = sign_in(db, STANDALONE, Settings(), "chef", PASSWORD).session
    await contacts.request_change(db, actor, "chef", ContactChannel.PHONE, "06 12 34 56 78", senders)
    [sms] = [json.loads(path.read_text(encoding="utf-8")) for path in (tmp_path / "sms").glob("*.json")]
    assert sms["to"] == "0612345678"
    code = _code(sms["text"])
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(contacts.MAX_CODE_ATTEMPTS):
        with pytest.raises(contacts.VerificationFailed):
            await contacts.confirm_change(db, actor, "chef", ContactChannel.PHONE, wrong, senders)
    with pytest.raises(contacts.VerificationFailed):  # exhausted: even the right code is refused now
        await contacts.confirm_change(db, actor, "chef", ContactChannel.PHONE, code, senders)
    assert accounts.list_accounts(db)[0].phone is None
