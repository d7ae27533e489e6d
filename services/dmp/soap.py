"""SOAP 1.2 envelopes of the DMP client: WS-Addressing header, VIHF in `wsse:Security`, fault reading."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from services.dmp import constants as c
from services.dmp.ids import uuid4_text
from services.xml import UnsafeXmlError, parse_bytes

SOAP_CONTENT_TYPE = "application/soap+xml"


def _soap(tag: str) -> str:
    return f"{{{c.SOAP12}}}{tag}"


def build_envelope(
    *, action: str, to: str, body: etree._Element, assertion: etree._Element
) -> etree._Element:
    """`soap:Envelope` with wsa:Action/MessageID/To (mustUnderstand) and the signed VIHF (§3.1, §3.5)."""
    envelope = etree.Element(_soap("Envelope"), nsmap={"soap": c.SOAP12, "wsa": c.WSA})
    header = etree.SubElement(envelope, _soap("Header"))
    must = {_soap("mustUnderstand"): "true"}
    etree.SubElement(header, f"{{{c.WSA}}}Action", must).text = action
    etree.SubElement(header, f"{{{c.WSA}}}MessageID").text = f"urn:uuid:{uuid4_text()}"
    reply_to = etree.SubElement(header, f"{{{c.WSA}}}ReplyTo")
    etree.SubElement(reply_to, f"{{{c.WSA}}}Address").text = "http://www.w3.org/2005/08/addressing/anonymous"
    etree.SubElement(header, f"{{{c.WSA}}}To", must).text = to
    security = etree.SubElement(header, f"{{{c.WSSE}}}Security", must, nsmap={"wsse": c.WSSE})
    security.append(assertion)
    etree.SubElement(envelope, _soap("Body")).append(body)
    return envelope


def serialize(envelope: etree._Element) -> bytes:
    # No pretty printing: the VIHF signature covers the assertion's exact text nodes.
    return etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")


@dataclass(frozen=True)
class SoapFault:
    code: str  # "Sender" or "Receiver" (local name of the soap:Value)
    subcode: str  # local name of the first Subcode/Value, the DMP code when there is one
    reason: str

    @property
    def server_side(self) -> bool:
        return self.code != "Sender"


class SoapResponseError(ValueError):
    """The answer is not a readable SOAP 1.2 envelope."""


def _local(value: str) -> str:
    return value.rsplit(":", 1)[-1].strip()


def read_body(xml: bytes) -> etree._Element | SoapFault:
    """The single child of the response Body, or the SOAP fault it carries."""
    try:
        envelope = parse_bytes(xml)
    except UnsafeXmlError as exc:
        raise SoapResponseError(str(exc)) from None
    if envelope.tag != _soap("Envelope"):
        raise SoapResponseError(f"élément racine inattendu {etree.QName(envelope).text}")
    body = envelope.find(_soap("Body"))
    children = [] if body is None else [child for child in body if isinstance(child.tag, str)]
    if len(children) != 1:
        raise SoapResponseError("corps SOAP vide ou multiple")
    payload = children[0]
    if payload.tag != _soap("Fault"):
        return payload
    return SoapFault(
        code=_local(payload.findtext(f"{_soap('Code')}/{_soap('Value')}", "")),
        subcode=_local(payload.findtext(f"{_soap('Code')}/{_soap('Subcode')}/{_soap('Value')}", "")),
        reason=payload.findtext(f"{_soap('Reason')}/{_soap('Text')}", ""),
    )
