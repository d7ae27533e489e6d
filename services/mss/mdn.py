"""Building the MDN (RFC 8098) a receiving software returns after processing a message (PROTOCOLS §4.0).

Automatic processing answers `Disposition: automatic-action/MDN-sent-automatically; processed`, or
`processed/Error: <code>^<libellé>` when integration failed; `Original-Message-ID`, `Original-Recipient` and
`Final-Recipient` are required. The result is a `multipart/report; report-type=disposition-notification`
message, ready for submission (the caller adds X-MSS-NIL and sends it).
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

PROCESSED = "processed"


def _clean(value: str, limit: int = 200) -> str:
    """One header line: no CR/LF (header injection from a hostile original), bounded."""
    return " ".join(value.replace("\r", " ").replace("\n", " ").split())[:limit]


def _ascii(value: str) -> str:
    """RFC 8098 report fields are ASCII: accents dropped (the human-readable part keeps them)."""
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(char for char in decomposed if char.isascii() and not unicodedata.combining(char))


def build_mdn(*, original_message_id: str, original_recipient: str, final_recipient: str, to: str,
              sender: str, subject: str, error: tuple[str, str] | None = None, reporting_ua: str = "LGC",
              now: datetime | None = None) -> EmailMessage:
    """The MDN answering the message `original_message_id` received by `final_recipient`, sent to `to`.

    `error` = (code, libellé) makes it `processed/Error: code^libellé`; None is a plain `processed`.
    """
    disposition = "automatic-action/MDN-sent-automatically; " + PROCESSED
    if error is not None:
        code, label = error
        disposition += f"/Error: {_ascii(_clean(code, 40))}^{_ascii(_clean(label))}"
    message = EmailMessage()
    message["From"] = _clean(sender)
    message["To"] = _clean(to)
    message["Subject"] = ("Erreur de traitement : " if error else "Traité : ") + _clean(subject, 150)
    message["Date"] = format_datetime(now or datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message["In-Reply-To"] = _clean(original_message_id, 250)
    message["References"] = _clean(original_message_id, 250)
    human = ("Le message a été reçu et intégré automatiquement." if error is None
             else f"Le message a été reçu mais n'a pas pu être intégré : {_clean(error[1])}.")
    message.set_content(human, charset="utf-8")
    message.make_mixed()
    message.set_type("multipart/report")
    message.set_param("report-type", "disposition-notification")
    report = EmailMessage()
    fields = [f"Reporting-UA: {_clean(reporting_ua)}", f"Original-Recipient: rfc822;{_clean(original_recipient)}",
              f"Final-Recipient: rfc822;{_clean(final_recipient)}",
              f"Original-Message-ID: {_clean(original_message_id, 250)}", f"Disposition: {disposition}"]
    fields = [_ascii(line) for line in fields]
    report["Content-Type"] = "message/disposition-notification"
    report["Content-Transfer-Encoding"] = "7bit"
    report.set_payload("\r\n".join(fields) + "\r\n")
    message.attach(report)
    return message
