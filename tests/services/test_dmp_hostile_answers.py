"""Malformed DMP answers (fuzzing campaign): each one is a `DmpError` with a French text, or a skipped entry.

No network: the parsers are fed the bytes a hostile or broken server could send.
"""

from __future__ import annotations

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from services.dmp import constants as c
from services.dmp import mtom, results
from services.dmp.client import _decode
from services.dmp.errors import DmpError

RIM = f"{{{c.RIM}}}"
ENVELOPE = (b'<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><x xmlns="urn:t"/>'
            b"</s:Body></s:Envelope>")


def _entry(entry_id: str, **slots: str) -> etree._Element:
    element = etree.Element(f"{RIM}ExtrinsicObject", id=entry_id, objectType=c.DOCUMENT_ENTRY_TYPE,
                            mimeType="text/plain", nsmap={"rim": c.RIM})
    for name, value in {"creationTime": "20240102030405", "size": "12", "hash": "ab" * 20, **slots}.items():
        value_list = etree.SubElement(etree.SubElement(element, f"{RIM}Slot", name=name), f"{RIM}ValueList")
        etree.SubElement(value_list, f"{RIM}Value").text = value
    return element


def _response(*entries: etree._Element) -> etree._Element:
    response = etree.Element(f"{{{c.QUERY}}}AdhocQueryResponse", status=c.RESPONSE_SUCCESS)
    objects = etree.SubElement(response, f"{RIM}RegistryObjectList")
    objects.extend(entries)
    return response


# --- ITI-18 entries ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("slot", "value"), [
    ("creationTime", "20231399120000"),  # impossible month
    ("creationTime", "2023٠١٠١"),  # Arabic-Indic digits pass str.isdigit()
    ("serviceStartTime", "20230230"),
    ("size", "9" * 5000),  # int() refuses more than 4300 digits
    ("size", "١٢"),
    ("size", "²"),
])
def test_one_unreadable_entry_is_skipped_and_said(slot: str, value: str) -> None:
    entries, _ = results.leaf_objects(_response(_entry("good"), _entry("bad", **{slot: value}), _entry("also")))
    assert [entry.entry_uuid for entry in entries] == ["good", "also"]
    assert len(entries.skipped) == 1
    assert entries.skipped[0].startswith("Un document du DMP a été ignoré")
    assert "bad" not in entries.skipped[0]  # remote text is never shown


def test_readable_values_are_kept() -> None:
    [entry] = results.leaf_objects(_response(_entry("e", size="123456", creationTime="2024")))[0]
    assert entry.size == 123456 and entry.creation_time is not None and entry.creation_time.year == 2024


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["creationTime", "serviceStartTime", "serviceStopTime", "size"]),
       st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40))
def test_any_slot_value_parses_or_skips(slot: str, value: str) -> None:
    entries, _ = results.leaf_objects(_response(_entry("x", **{slot: value})))
    assert len(entries) + len(entries.skipped) == 1


# --- MIME / multipart ----------------------------------------------------------------------------------

def test_empty_multipart_is_a_mime_error() -> None:
    with pytest.raises(mtom.MimeError):
        mtom.split_multipart('multipart/related; boundary="b"', b"--b--\r\n")


def test_non_ascii_boundary_is_a_mime_error() -> None:
    with pytest.raises(mtom.MimeError):
        mtom.split_multipart('multipart/related; boundary="bé"', b"--b\xc3\xa9\r\n\r\n\r\nx\r\n--b\xc3\xa9--")


def _multipart(body: bytes, content_type: str) -> httpx.Response:
    # header bytes as a server may send them (httpx decodes them as UTF-8, else Latin-1)
    return httpx.Response(200, headers=[(b"content-type", content_type.encode())], content=body)


@pytest.mark.parametrize(("content_type", "body"), [
    ('multipart/related; boundary="b"', b"--b--\r\n"),
    ('multipart/related; boundary="b"', b""),
    ("multipart/related; boundary=é", b"--\xe9\r\n"),
    ('multipart/related; boundary="b"; start="<nope>"', b"--b\r\nContent-ID: <x>\r\n\r\n" + ENVELOPE + b"\r\n--b--"),
])
def test_malformed_mtom_answer_is_a_dmp_error(content_type: str, body: bytes) -> None:
    with pytest.raises(DmpError) as caught:
        _decode(_multipart(body, content_type), c.ACTION_ITI43)
    assert caught.value.text == "La réponse du DMP est illisible."


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30), st.binary(max_size=200), st.booleans())
def test_any_multipart_answer_decodes_or_is_a_dmp_error(boundary: str, noise: bytes, framed: bool) -> None:
    content_type = f'multipart/related; boundary="{boundary}"; start="<root>"'
    body = noise
    if framed and boundary.isascii():
        delimiter = b"--" + boundary.encode()
        body = delimiter + b"\r\nContent-ID: <root>\r\n\r\n" + ENVELOPE + b"\r\n" + delimiter + noise
    try:
        _decode(_multipart(body, content_type), c.ACTION_ITI43)
    except DmpError as exc:
        assert exc.text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.binary(max_size=300))
def test_split_multipart_only_raises_mime_error(content_type: str, body: bytes) -> None:
    try:
        message = mtom.split_multipart(content_type, body)
    except mtom.MimeError:
        return
    assert isinstance(message.root, bytes)
