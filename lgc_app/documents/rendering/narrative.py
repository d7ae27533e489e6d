"""CDA narrative blocks (section/text, CDA R2 StrucDoc.Text) → sanitised HTML for a QTextBrowser.

Whitelist, not blacklist: only the narrative elements below become HTML, all text is escaped, no attribute
is copied except validated colspan/rowspan, links and multimedia are shown as text (a received document can
never make the viewer load anything). Output is bounded so that a huge document cannot blow up the widget.

Tables are normalised to their real grid: Qt lays a table out on the GUI thread with one slot per spanned
row and column, so a 2.5 kB table with `colspan="100000"` froze the viewer for 17 s (fuzzing campaign,
issue 13). A span never reaches past the rows of its row group, a row's spans never add up past the widest
row's cell count, and a
table keeps at most MAX_TABLE_COLUMNS cells a row and MAX_TABLE_CELLS grid slots (the rest is announced, not
shown): Qt's table layout costs about a millisecond per slot on a loaded 2-core machine.

The writer also records `breaks`: offsets between top-level blocks (headings, the children of a section's text)
where the HTML may be cut into well-formed pieces, so that the viewer can feed a long narrative to Qt in small
pieces off the GUI thread (each Qt call holds Python's GIL; see ui/documents/narrative_pages.py).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from lxml import etree

HL7 = "urn:hl7-org:v3"
MAX_HTML_CHARS = 4_000_000
TRUNCATED = "<p><i>[Contenu tronqué : document trop long pour être affiché en entier.]</i></p>"

MAX_TABLE_COLUMNS = 50
MAX_TABLE_CELLS = 2000
TABLE_TRUNCATED = "<p><i>[Tableau tronqué : trop de lignes ou de colonnes pour être affiché en entier.]</i></p>"

_SIMPLE = {"paragraph": "p", "sub": "sub", "sup": "sup", "item": "li"}
_ROW_GROUPS = ("thead", "tbody", "tfoot")
_STYLES = {"bold": "b", "italics": "i", "underline": "u", "emphasis": "i"}
_SKIPPED = {"col", "colgroup", "footnoteRef"}
_LINE_ENDS = re.compile(r"<br/>|</(?:p|h[2-4]|li|tr|caption|pre)>|<(?:table|ul|ol)\b[^>]*>")
_CELL_ENDS = re.compile(r"</t[dh]>")
_TAGS = re.compile(r"<[^>]*>")


class _Budget(Exception):
    """Raised when the HTML output reaches MAX_HTML_CHARS."""


class HtmlWriter:
    """Accumulates HTML under a size budget."""

    def __init__(self, limit: int = MAX_HTML_CHARS) -> None:
        self._parts: list[str] = []
        self._size = 0
        self._limit = limit
        self.truncated = False
        self.breaks: list[int] = []

    def raw(self, markup: str) -> None:
        self._size += len(markup)
        if self._size > self._limit:
            self.truncated = True
            raise _Budget
        self._parts.append(markup)

    def text(self, value: str | None) -> None:
        if value:
            self.raw(html.escape(value, quote=True))

    def boundary(self) -> None:
        """Mark the current end of the output as a place between top-level blocks."""
        if not self.breaks or self.breaks[-1] != self._size:
            self.breaks.append(self._size)

    def html(self) -> str:
        return "".join(self._parts) + (TRUNCATED if self.truncated else "")


def local_name(element: etree._Element) -> str | None:
    """The element's name when it is in the HL7 v3 namespace, else None (foreign or comment/PI)."""
    if not isinstance(element.tag, str):
        return None
    qname = etree.QName(element)
    return qname.localname if qname.namespace == HL7 else None


def _children(out: HtmlWriter, element: etree._Element, *, top: bool = False) -> None:
    out.text(element.text)
    for child in element:
        _element(out, child)
        out.text(child.tail)
        if top:
            out.boundary()


def _element(out: HtmlWriter, element: etree._Element) -> None:
    name = local_name(element)
    if name is None:
        if isinstance(element.tag, str):  # foreign element: keep its text only
            out.text("".join(element.itertext()))
        return
    if name in _SKIPPED:
        return
    if name == "br":
        out.raw("<br/>")
    elif name in _SIMPLE:
        _wrapped(out, element, _SIMPLE[name])
    elif name == "content":
        _styled(out, element)
    elif name == "list":
        _list(out, element)
    elif name == "table":
        _table(out, element)
    elif name == "caption":
        _wrapped(out, element, "b")
        out.raw("<br/>")
    elif name == "linkHtml":
        _children(out, element)
        if href := element.get("href"):
            out.text(f" ({href})")
    elif name == "footnote":
        out.raw("<small> [note : ")
        _children(out, element)
        out.raw("]</small>")
    elif name == "renderMultiMedia":
        out.raw("<i>[contenu multimédia non affiché]</i>")
    else:
        _children(out, element)


def _wrapped(out: HtmlWriter, element: etree._Element, tag: str) -> None:
    out.raw(f"<{tag}>")
    _children(out, element)
    out.raw(f"</{tag}>")


def _styled(out: HtmlWriter, element: etree._Element) -> None:
    tags = [_STYLES[code] for code in _style_codes(element) if code in _STYLES]
    for tag in tags:
        out.raw(f"<{tag}>")
    _children(out, element)
    for tag in reversed(tags):
        out.raw(f"</{tag}>")


def _style_codes(element: etree._Element) -> Iterator[str]:
    return (code.lower() for code in (element.get("styleCode") or "").split())


def _list(out: HtmlWriter, element: etree._Element) -> None:
    tag = "ol" if element.get("listType") == "ordered" else "ul"
    for child in element:  # the caption goes before the list; items inside it
        if local_name(child) == "caption":
            _element(out, child)
    out.raw(f"<{tag}>")
    for child in element:
        if local_name(child) != "caption":
            _element(out, child)
    out.raw(f"</{tag}>")


def _table(out: HtmlWriter, element: etree._Element) -> None:
    for child in element:
        if local_name(child) == "caption":
            _element(out, child)
    # StrucDoc.Text: rows live in thead/tbody/tfoot (col/colgroup carry no content and are dropped)
    groups = [(name, [row for row in child if local_name(row) == "tr"])
              for child in element if (name := local_name(child)) in _ROW_GROUPS]
    widest = max((len(_cells(row)) for _, rows in groups for row in rows), default=0)
    columns = min(widest, MAX_TABLE_COLUMNS)
    budget = MAX_TABLE_CELLS // max(columns, 1)  # rows
    truncated = widest > MAX_TABLE_COLUMNS
    out.raw('<table border="1" cellspacing="0" cellpadding="3">')
    for name, rows in groups:
        if budget <= 0:
            truncated = True
            break
        shown = rows[:budget]
        truncated = truncated or len(shown) < len(rows)
        budget -= len(shown)
        out.raw(f"<{name}>")
        for index, row in enumerate(shown):
            out.raw("<tr>")
            cells = _cells(row)[:columns]
            used = 0
            for position, cell in enumerate(cells):
                # leave one column for each cell still to come in this row
                colspan = _span(cell.get("colspan"), columns - used - (len(cells) - position - 1))
                used += colspan
                _cell(out, cell, colspan=colspan, rowspan=_span(cell.get("rowspan"), len(shown) - index))
            out.raw("</tr>")
        out.raw(f"</{name}>")
    out.raw("</table>")
    if truncated:
        out.raw(TABLE_TRUNCATED)


def _cells(row: etree._Element) -> list[etree._Element]:
    return [cell for cell in row if local_name(cell) in ("td", "th")]


def _cell(out: HtmlWriter, element: etree._Element, *, colspan: int, rowspan: int) -> None:
    tag = local_name(element)
    spans = "".join(f' {name}="{value}"' for name, value in (("colspan", colspan), ("rowspan", rowspan))
                    if value > 1)  # 1 is HTML's default
    out.raw(f"<{tag}{spans}>")
    _children(out, element)
    out.raw(f"</{tag}>")


def _span(value: str | None, limit: int) -> int:
    """A colspan/rowspan clamped to [1, limit] (absent or unreadable is 1)."""
    if value is None or not (value.isascii() and value.isdigit()):
        return 1
    return max(1, min(int(value) if len(value) <= 6 else limit, limit))


def write_section(out: HtmlWriter, section: etree._Element, depth: int, titles: list[str]) -> None:
    """Write a section's title and narrative, then its nested sections (component/section)."""
    title = section.find(f"{{{HL7}}}title")
    if title is not None:
        heading = " ".join("".join(title.itertext()).split())
        titles.append(heading)
        level = min(depth + 2, 4)
        out.raw(f"<h{level}>")
        out.text(heading)
        out.raw(f"</h{level}>")
        out.boundary()
    text = section.find(f"{{{HL7}}}text")
    if text is not None:
        _children(out, text, top=True)
    for nested in section.iterfind(f"{{{HL7}}}component/{{{HL7}}}section"):
        write_section(out, nested, depth + 1, titles)


def structured_body_html(body: etree._Element, limit: int = MAX_HTML_CHARS) -> tuple[str, list[str], list[int]]:
    """HTML of every section of a structuredBody, the section titles in document order, and the offsets in
    the HTML between top-level blocks (`HtmlWriter.breaks`)."""
    out = HtmlWriter(limit)
    titles: list[str] = []
    try:
        for section in body.iterfind(f"{{{HL7}}}component/{{{HL7}}}section"):
            write_section(out, section, 0, titles)
    except _Budget:
        pass
    return out.html(), titles, out.breaks


def plain_text(markup: str) -> str:
    """The text of HTML written here (escaped text, known tags), one line per block, cells tab-separated:
    what "Copier le texte" copies, without asking Qt to lay the HTML out."""
    text = _TAGS.sub("", _CELL_ENDS.sub("\t", _LINE_ENDS.sub("\n", markup)))
    return re.sub(r"\n{3,}", "\n\n", html.unescape(text)).strip()
