"""Changing the e-mail or phone used for sign-in or recovery (SC.SSI/IE.31, IE.32).

The new contact is verified as at enrolment: a one-time code is sent to it, and the contact changes only
when that code comes back (within `CODE_LIFETIME`, `MAX_CODE_ATTEMPTS` tries). Then the previous contact —
and the account's other contact — is told of the change, so a hijacked account does not go unnoticed.
Codes are stored as Argon2id hashes, like passwords.
"""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import delete, select

from lgc_app.auth.accounts import account_row, journal
from lgc_app.auth.channels import ContactChannel
from lgc_app.auth.models import Account, ContactVerification
from lgc_app.auth.passwords import hash_secret, verify_secret
from lgc_app.auth.permissions import Permission, require
from lgc_app.errors import UserError
from lgc_app.offload import Offload
from lgc_app.persistence.base import utcnow
from lgc_app.persistence.database import Database
from lgc_app.session import Session

CODE_LIFETIME = timedelta(minutes=15)
MAX_CODE_ATTEMPTS = 5
CODE_DIGITS = 6


class MessageSender(Protocol):
    """Delivers a short text to an address (e-mail) or a number (SMS)."""

    async def send(self, to: str, subject: str, text: str) -> None: ...


@dataclass(frozen=True)
class Senders:
    email: MessageSender
    sms: MessageSender

    def for_channel(self, channel: ContactChannel) -> MessageSender:
        return self.email if channel is ContactChannel.EMAIL else self.sms


class VerificationFailed(UserError, ValueError):
    code = "CONTACT-CODE-INVALID"
    summary = "Code de vérification incorrect ou expiré : demandez un nouveau code."


@dataclass(frozen=True)
class _Change:
    channel: ContactChannel
    new_value: str
    notify: tuple[tuple[ContactChannel, str], ...]  # previous and other contacts to tell


def _check_actor(actor: Session, login: str) -> None:
    if actor.user.login != login:
        require(actor, Permission.MANAGE_ACCOUNTS)


def _normalised(channel: ContactChannel, value: str) -> str:
    value = value.strip()
    if channel is ContactChannel.EMAIL:
        if value.count("@") != 1 or "." not in value.split("@")[1] or any(c.isspace() for c in value):
            raise VerificationFailed("Adresse électronique invalide.")
        return value
    digits = value.replace(" ", "").replace(".", "")
    if not ((digits.startswith("+") and digits[1:].isdigit()) or digits.isdigit()) or len(digits) < 10:
        raise VerificationFailed("Numéro de téléphone invalide.")
    return digits


def _record_code(db: Database, login: str, channel: ContactChannel, value: str, code: str, now: datetime) -> None:
    with db.unit_of_work() as orm:
        row = account_row(orm, login)
        orm.execute(delete(ContactVerification).where(ContactVerification.account_id == row.id,
                                                      ContactVerification.channel == channel))
        orm.add(ContactVerification(account_id=row.id, channel=channel, new_value=value, code_hash=hash_secret(code),
                                    expires_at=now + CODE_LIFETIME, attempts=0))


async def request_change(db: Database, actor: Session, login: str, channel: ContactChannel, new_value: str,
                         senders: Senders, *, offload: Offload = asyncio.to_thread) -> None:
    """Send a verification code to `new_value`; nothing changes until `confirm_change`."""
    _check_actor(actor, login)
    value = _normalised(channel, new_value)
    code = f"{secrets.randbelow(10 ** CODE_DIGITS):0{CODE_DIGITS}d}"
    await offload(_record_code, db, login, channel, value, code, utcnow())
    await senders.for_channel(channel).send(
        value, "LGC Ségur : code de vérification",
        f"Votre code de vérification LGC Ségur est {code}. Il est valable "
        f"{int(CODE_LIFETIME.total_seconds() // 60)} minutes. Si vous n'avez rien demandé, prévenez "
        "l'administrateur du cabinet.")


def _apply(db: Database, actor: Session, login: str, channel: ContactChannel, code: str, now: datetime) -> _Change:
    with db.unit_of_work() as orm:
        row = account_row(orm, login)
        pending = orm.scalar(select(ContactVerification).where(ContactVerification.account_id == row.id,
                                                               ContactVerification.channel == channel)
                             .with_for_update())
        if pending is None or pending.expires_at <= now or pending.attempts >= MAX_CODE_ATTEMPTS:
            return _Change(channel, "", ())
        if not verify_secret(pending.code_hash, code.strip()):
            pending.attempts += 1
            return _Change(channel, "", ())
        notify = _contacts(row)
        if channel is ContactChannel.EMAIL:
            row.email = pending.new_value
        else:
            row.phone = pending.new_value
        orm.delete(pending)
        journal(orm, actor, login, f"{channel.label.capitalize()} de connexion et de récupération modifiée "
                "(vérifiée par un code)")
        return _Change(channel, pending.new_value, notify)


def _contacts(row: Account) -> tuple[tuple[ContactChannel, str], ...]:
    return tuple((channel, value) for channel, value in ((ContactChannel.EMAIL, row.email),
                                                         (ContactChannel.PHONE, row.phone)) if value)


async def confirm_change(db: Database, actor: Session, login: str, channel: ContactChannel, code: str,
                         senders: Senders, *, offload: Offload = asyncio.to_thread) -> str:
    """Apply the change if `code` is the one sent, tell the previous contacts; returns the new contact.

    Raises:
        VerificationFailed: wrong, expired or exhausted code (the attempt is counted).
    """
    _check_actor(actor, login)
    change = await offload(_apply, db, actor, login, channel, code, utcnow())
    if not change.new_value:
        raise VerificationFailed()
    for notified_channel, address in change.notify:
        await senders.for_channel(notified_channel).send(
            address, "LGC Ségur : coordonnée modifiée",
            f"La {channel.label} de connexion et de récupération du compte « {login} » vient d'être modifiée. "
            "Si vous n'êtes pas à l'origine de ce changement, prévenez immédiatement l'administrateur du cabinet.")
    return change.new_value
