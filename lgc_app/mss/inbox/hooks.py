"""What reception needs from other parts, injected so that it imports none of them (contracts of issue 12).

- `ReportHandler(session, raw) -> bool`: True when the message is a DSN/MDN, handled by the sending side
  (`report_handler(parse_report, apply_report)` composes mss-send's two functions);
- `LabResultsRecorder(session, *, patient_id, source, cda) -> int`: structured lab results of an integrated CDA;
- `ReplySender(session, reply)`: sends a reply (an MDN or a rejection) — an outbox order in the same
  transaction, so a reply is never lost nor sent for a change that was rolled back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from sqlalchemy.orm import Session

R = TypeVar("R")
_log = logging.getLogger("lgc.mss.inbox")

ReportHandler = Callable[[Session, bytes], bool]


class LabResultsRecorder(Protocol):
    def __call__(self, session: Session, *, patient_id: int, source: str, cda: bytes) -> int: ...


@dataclass(frozen=True)
class Reply:
    """A message to submit from the practice's mailbox: `raw` is complete (headers and body) but X-MSS-NIL,
    which the sending side adds."""

    kind: str  # "mdn" | "rejection"
    to: str
    original_message_id: str
    raw: bytes = field(repr=False)


ReplySender = Callable[[Session, Reply], None]


def no_report(session: Session, raw: bytes) -> bool:
    return False


def no_lab_results(session: Session, *, patient_id: int, source: str, cda: bytes) -> int:
    return 0


def report_handler(parse: Callable[[bytes], R | None], apply: Callable[[Session, R], bool]) -> ReportHandler:
    """A `ReportHandler` from `parse_report(raw) -> Report | None` and `apply_report(session, report)`."""
    def handle(session: Session, raw: bytes) -> bool:
        report = parse(raw)
        if report is None:
            return False
        apply(session, report)
        return True
    return handle


@dataclass(frozen=True)
class InboxHooks:
    mailbox: str  # the practice's address (MDN Final-Recipient, sender of replies)
    reply: ReplySender
    reports: ReportHandler = no_report
    lab_results: LabResultsRecorder = no_lab_results


def unwired_hooks(mailbox: str) -> InboxHooks:
    """Until the sending side is wired at the composition root: replies are logged, not sent."""
    def log_reply(session: Session, reply: Reply) -> None:
        _log.warning("réponse MSSanté (%s) à %s non envoyée : envoi MSSanté non configuré", reply.kind, reply.to)
    return InboxHooks(mailbox, log_reply)
