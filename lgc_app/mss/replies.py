"""Replies of the practice's mailbox (an MDN, a rejection): an `mss.reply` outbox order written in the reception's
transaction, then submitted by the worker like any MSSanté message.

The order carries the reply itself (base64 in its JSON payload) rather than a row of its own: a reply is small
(an MDN or a rejection is a few kilobytes, its fields bounded when built), written once and never edited, so the
order row is its whole durable record and no table or migration is needed. The bytes are fixed when the
reception decides (its Message-ID and Date included): every attempt submits the same message, and the receiver
recognises a retry by its Message-ID. The handler only adds `X-MSS-NIL` (the operator refuses a message
without it, §4.3), from the settings of the executing workstation.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence

from sqlalchemy.orm import Session as OrmSession

from lgc_app.mss.handler import MailboxSender, submit_from_mailbox
from lgc_app.mss.inbox.hooks import Reply
from lgc_app.outbox import orders
from lgc_app.outbox.handler import HandlerResult, OrderContext
from lgc_app.outbox.models import SendOrder
from lgc_app.outbox.trace import Description
from lgc_app.workstation import Workstation

KIND = "mss.reply"
MAX_ATTEMPTS = 24  # like the messages sent (planning.MAX_ATTEMPTS): about half a day of retries
ORDERED_BY = "messagerie MSSanté"
LABEL = "Réponse MSSanté"
_KIND_WORDS = {"mdn": "Accusé de traitement (MDN)", "rejection": "Refus du document"}


class ReplySender:
    """The reception's `ReplySender`: enqueues the reply in the caller's transaction (never sent for a change that
    was rolled back, never lost once it committed)."""

    def __init__(self, workstation: Workstation) -> None:
        self._workstation = workstation

    def __call__(self, session: OrmSession, reply: Reply) -> None:
        payload = {"reply": reply.kind, "to": reply.to, "original": reply.original_message_id,
                   "raw": base64.b64encode(reply.raw).decode("ascii")}
        orders.enqueue(session, kind=KIND, payload_ref=f"mss-reply:{reply.original_message_id}"[:200],
                       payload=payload, ordered_by=ORDERED_BY, origin_workstation=self._workstation.name,
                       target_workstation=self._workstation.executor, max_attempts=MAX_ATTEMPTS)


def with_nil(raw: bytes, nil: str) -> bytes:
    """The reply with the software's `X-MSS-NIL` header first (a header block's order does not matter)."""
    return f"X-MSS-NIL: {nil}\r\n".encode("ascii", "replace") + raw


class ReplyHandler(MailboxSender):
    """Runs `mss.reply` orders: submits the stored reply from the practice's mailbox to its one recipient."""

    async def __call__(self, ctx: OrderContext) -> HandlerResult:
        to = str(ctx.payload["to"])
        raw = with_nil(base64.b64decode(str(ctx.payload["raw"])), self._nil)
        access = self._mailbox()
        ctx.trace(f"{_KIND_WORDS.get(str(ctx.payload['reply']), 'Réponse')} à {to} (tentative {ctx.attempt}), en "
                  f"réponse au message {ctx.payload['original']} ; {len(raw)} octets")
        # one recipient: its refusal is the submission's error (permanent on 5xx, retried on 4xx); no DSN asked
        # (NOTIFY=NEVER): nothing follows a reply's delivery, a report about it would match no message sent
        submitted = await submit_from_mailbox(self._settings, access, raw, (to,), envid=ctx.order_id,
                                              sessions=self._sessions, delivery_reports=False)
        [result] = submitted.recipients
        ctx.trace(f"Réponse du serveur : {result.address} {result.code} {result.reply}")
        return HandlerResult(summary=f"MSSanté : réponse acceptée pour {to}")


class ReplyDescriber:
    label = LABEL

    def describe(self, session: OrmSession, orders: Sequence[SendOrder]) -> Mapping[str, Description]:
        return {order.id: _description(order.payload) for order in orders}


def _description(payload: Mapping[str, object]) -> Description:
    what = _KIND_WORDS.get(str(payload.get("reply", "")), "Réponse")
    to, original = str(payload.get("to", "")), str(payload.get("original", ""))
    return Description(subject=f"{what} → {to}", facts=(("Contenu", what), ("Destinataire", to),
                                                        ("En réponse au message", original or "—")))


def describer() -> ReplyDescriber:
    return ReplyDescriber()
