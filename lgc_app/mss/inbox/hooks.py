"""What reception needs from other parts, injected so that it imports none of them (contracts of issue 12).

- `ReportHandler(session, raw) -> bool`: True when the message is a DSN/MDN, handled by the sending side
  (`report_handler(parse_reports, apply_report, is_report)` composes mss-send's functions, every recipient of a DSN);
- `LabResultsRecorder(session, *, patient_id, source, cda) -> int`: structured lab results of an integrated CDA;
- `ReplySender(session, reply)`: sends a reply (an MDN or a rejection) — an outbox order in the same
  transaction, so a reply is never lost nor sent for a change that was rolled back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from sqlalchemy.orm import Session

R = TypeVar("R")
log = logging.getLogger("lgc.mss.inbox")

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


def report_handler(parse: Callable[[bytes], Sequence[R]], apply: Callable[[Session, R], bool],
                   is_report: Callable[[bytes], bool]) -> ReportHandler:
    """A `ReportHandler` from `parse_reports(raw) -> [Report]` (one per recipient, [] for an ordinary message),
    `apply_report(session, report) -> matched` and `is_report(raw)`. A report matching no message sent here (a
    DSN about a reply from another software, an MDN we cannot use) is still a report: stored as such (state
    `report`), never listed as a document to match."""
    def handle(session: Session, raw: bytes) -> bool:
        if not is_report(raw):  # an ordinary message (by its header: cheap)
            return False
        reports = parse(raw)
        matched = [apply(session, report) for report in reports]
        if not all(matched) or not reports:
            log.info("MSSanté report matching no message sent here (%d of %d): kept, not listed",
                     matched.count(False), len(reports))
        return True
    return handle


@dataclass(frozen=True)
class InboxHooks:
    mailbox: str  # the practice's address (MDN Final-Recipient, sender of replies)
    reply: ReplySender
    reports: ReportHandler = no_report
    lab_results: LabResultsRecorder = no_lab_results

