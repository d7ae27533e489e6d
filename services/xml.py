"""XML from outside is hostile: one parser configuration for every service client and simulator.

Entity resolution, DTD loading and network access are off; documents over `MAX_XML_BYTES` are refused
before parsing (a billion-laughs or a huge base64 body never reaches libxml2's tree builder).
"""

from __future__ import annotations

from lxml import etree

MAX_XML_BYTES = 30 * 1024 * 1024


class UnsafeXmlError(ValueError):
    """The XML was refused: too large, not well-formed, or carrying a DOCTYPE."""


def safe_parser(*, huge_tree: bool = False) -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=huge_tree, remove_blank_text=False)


# Shared: a parser's first use in a call costs more than the parse of a small answer; lxml locks a parser
# while it parses, so threads may share it.
_PARSER = safe_parser()


def parse_bytes(data: bytes, *, max_bytes: int = MAX_XML_BYTES) -> etree._Element:
    """Parse untrusted XML; DOCTYPE declarations are refused outright (SOAP and CDA never need one)."""
    if len(data) > max_bytes:
        raise UnsafeXmlError(f"document XML trop volumineux ({len(data)} octets, maximum {max_bytes})")
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise UnsafeXmlError(f"XML mal formé : {exc}") from None
    if root.getroottree().docinfo.doctype:
        raise UnsafeXmlError("déclaration DOCTYPE refusée")
    return root
