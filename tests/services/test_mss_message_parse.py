"""Reading received messages: the XDM found in either case, the subject prefix hidden, malformed MIME refused."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.mss.message_parse import MessageError, MessageLimits, display_subject, parse_message
from tests.helpers import mss_messages as mm


@pytest.mark.parametrize("xdm_name", ["IHE_XDM.ZIP", "IHE_XDM.zip", "ihe_xdm.zip"])
def test_finds_the_archive_whatever_its_case_and_reads_the_headers(xdm_name: str) -> None:
    raw = mm.mss_message(b"PK-archive", xdm_name=xdm_name, message_id="<m1@hopital.test>",
                         attachments=(("2024_CR_PAT-TROIS.pdf", "application/pdf", b"%PDF-1.4 x"),))
    parsed = parse_message(raw)
    assert parsed.xdm == b"PK-archive"
    assert parsed.message_id == "<m1@hopital.test>"
    assert parsed.sender == mm.SENDER and parsed.recipients == (mm.MAILBOX,)
    assert parsed.subject == "Compte rendu PAT-TROIS Dominique"
    assert parsed.mdn_to == mm.SENDER
    assert parsed.mss_headers["X-MSS-INS"] == "O" and parsed.mss_headers["X-MSS-CODECDA"] == "11488-4"
    assert [(a.filename, a.content_type) for a in parsed.attachments] == [("2024_CR_PAT-TROIS.pdf",
                                                                          "application/pdf")]
    assert "compte rendu" in parsed.body_text and parsed.date is not None


def test_subject_prefix_is_hidden_only_when_present() -> None:
    assert display_subject("XDM/1.0/DDM+CR DUPONT Jean [01/02/1970]") == "CR DUPONT Jean [01/02/1970]"
    assert display_subject("Re: rendez-vous") == "Re: rendez-vous"


def test_a_message_without_message_id_gets_a_stable_one() -> None:
    raw = b"From: a@b.fr\r\nSubject: x\r\n\r\nbody"
    assert parse_message(raw).message_id == parse_message(raw).message_id != parse_message(raw + b"!").message_id


def test_a_date_in_unknown_zone_is_utc() -> None:
    raw = b"From: a@b.fr\r\nDate: Mon, 15 Jan 2024 10:00:00 -0000\r\nSubject: x\r\n\r\nbody"
    assert parse_message(raw).date == datetime(2024, 1, 15, 10, 0, tzinfo=UTC)  # aware: the database takes it


def test_no_mdn_asked() -> None:
    assert parse_message(mm.mss_message(None, mdn=False)).mdn_to == ""


def test_malformed_mime_is_refused_with_a_reason(shared_dir: Path) -> None:
    with pytest.raises(MessageError) as refused:
        parse_message(mm.cisis_message(shared_dir, variant="malformed_mime"))
    assert refused.value.code == "MSG-MALFORMED" and "mal formé" in refused.value.text


def test_size_parts_and_depth_caps() -> None:
    with pytest.raises(MessageError) as too_big:
        parse_message(mm.mss_message(b"x" * 3000), MessageLimits(max_bytes=2000))
    assert too_big.value.code == "MSG-TOO-LARGE"
    many = mm.mss_message(None, attachments=tuple((f"f{i}.txt", "text/plain", b"x") for i in range(12)))
    with pytest.raises(MessageError) as too_many:
        parse_message(many, MessageLimits(max_parts=10))
    assert too_many.value.code == "MSG-TOO-MANY-PARTS"
    nested = b"Content-Type: text/plain\r\n\r\nfin"
    for level in range(12):
        nested = (f"Content-Type: multipart/mixed; boundary=\"b{level}\"\r\n\r\n--b{level}\r\n".encode() + nested
                  + f"\r\n--b{level}--\r\n".encode())
    with pytest.raises(MessageError) as too_deep:
        parse_message(b"From: a@b.fr\r\n" + nested)
    assert too_deep.value.code == "MSG-TOO-DEEP"


def test_two_archives_are_refused() -> None:
    raw = mm.mss_message(b"PK1", attachments=(("ihe_xdm.zip", "application/zip", b"PK2"),))
    with pytest.raises(MessageError) as refused:
        parse_message(raw)
    assert refused.value.code == "MSG-SEVERAL-XDM"


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_fuzzed_messages_raise_only_message_errors(data: st.DataObject) -> None:
    raw = bytearray(_SAMPLE)
    for _ in range(data.draw(st.integers(1, 12))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    try:
        parse_message(bytes(raw))
    except MessageError as refused:
        assert refused.code.startswith("MSG-") and refused.text


@settings(max_examples=100, deadline=None)
@given(raw=st.binary(max_size=2000))
def test_arbitrary_bytes_raise_only_message_errors(raw: bytes) -> None:
    try:
        parse_message(raw)
    except MessageError as refused:
        assert refused.text


_SAMPLE = mm.mss_message(b"PK\x03\x04archive", message_id="<fuzz@test>",
                         attachments=(("cr.pdf", "application/pdf", b"%PDF-1.4"),))
