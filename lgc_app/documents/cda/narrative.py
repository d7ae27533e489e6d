"""Narrative blocks (section/text) and the section skeleton shared by the N3 builders."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from lgc_app.documents.cda.xmltree import coded, new_id, sub, template_ids
from lgc_app.documents.valuesets import LOINC, Code


@dataclass(frozen=True)
class Cell:
    """A table cell; with `ref` its text is a `content ID=...` that coded entries point to."""

    text: str
    ref: str | None = None


def loinc(code: str, display: str) -> Code:
    return Code(code, LOINC, display, "LOINC")


def section(parent: etree._Element, templates: Sequence[str], code: Code, title: str) -> etree._Element:
    """A `component/section` with its templateIds, id, code and title (text and entries follow)."""
    element = sub(sub(parent, "component"), "section")
    template_ids(element, *templates)
    new_id(element)
    coded(element, "code", code)
    sub(element, "title", title)
    return element


def table(
    parent: etree._Element, headers: Sequence[str], rows: Sequence[Sequence[Cell | str]]
) -> etree._Element:
    """A `text` element holding one table (the readable part of a section)."""
    text = sub(parent, "text")
    grid = sub(text, "table", border="0")
    head_row = sub(sub(grid, "thead"), "tr")
    for header in headers:
        sub(head_row, "th", header)
    body = sub(grid, "tbody")
    for row in rows:
        tr = sub(body, "tr")
        for cell in row:
            cell = cell if isinstance(cell, Cell) else Cell(cell)
            td = sub(tr, "td")
            if cell.ref:
                sub(td, "content", cell.text, ID=cell.ref)
            else:
                td.text = cell.text
    return text


def paragraphs(parent: etree._Element, lines: Sequence[str]) -> etree._Element:
    text = sub(parent, "text")
    for line in lines:
        sub(text, "paragraph", line)
    return text


def reference(parent: etree._Element, tag: str, ref: str) -> etree._Element:
    """`<tag><reference value="#ref"/></tag>`: points an entry at its narrative."""
    element = sub(parent, tag)
    sub(element, "reference", value=f"#{ref}")
    return element
