"""The MDN a receiving software returns (RFC 8098, PROTOCOLS §4.0)."""

from __future__ import annotations

import email
from email import policy

from services.mss.mdn import build_mdn


def _report(raw: bytes) -> tuple[email.message.Message, str]:
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message.get_content_type() == "multipart/report"
    assert message.get_param("report-type") == "disposition-notification"
    parts = [part for part in message.walk() if part.get_content_type() == "message/disposition-notification"]
    assert len(parts) == 1
    return message, raw.decode().replace("\r\n", "\n")  # the report fields as on the wire


def test_processed_mdn_carries_the_required_fields() -> None:
    message, report = _report(build_mdn(original_message_id="<orig@hopital.fr>", original_recipient="cab@x.fr",
                                        final_recipient="cab@x.fr", to="dr@hopital.fr", sender="cab@x.fr",
                                        subject="CR").as_bytes())
    assert message["To"] == "dr@hopital.fr" and message["In-Reply-To"] == "<orig@hopital.fr>"
    assert "Original-Message-ID: <orig@hopital.fr>" in report
    assert "Original-Recipient: rfc822;cab@x.fr" in report and "Final-Recipient: rfc822;cab@x.fr" in report
    assert "Disposition: automatic-action/MDN-sent-automatically; processed\n" in report


def test_error_mdn_names_the_code_and_label_without_header_injection() -> None:
    _, report = _report(build_mdn(original_message_id="<o@h>", original_recipient="c@x", final_recipient="c@x",
                                  to="d@h", sender="c@x", subject="CR",
                                  error=("XDM-HASH", "Empreinte différente\r\nBcc: victime@x")).as_bytes())
    assert "Disposition: automatic-action/MDN-sent-automatically; processed/Error: XDM-HASH^Empreinte " \
           "differente Bcc: victime@x" in report
    assert "\nBcc:" not in report
