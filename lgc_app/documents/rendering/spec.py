"""What a printable document says, independent of how it is drawn (the PDF/A renderer reads only this)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Section:
    """One titled part of the body.

    Args:
        heading: the section title.
        paragraphs: body text, one entry per paragraph; a "\\n" inside a paragraph is a line break.
        table: optional rows of cells; the first row is the header, repeated after a page break.
    """

    heading: str
    paragraphs: Sequence[str] = ()
    table: Sequence[Sequence[str]] | None = None


@dataclass(frozen=True)
class PdfDocument:
    """A document to print as PDF/A-1b.

    Args:
        title: the document title (also the PDF Title metadata).
        subtitle: an optional line under the title.
        patient_lines: the identity block: name, birth date, sex, and the INS line when the identity is
            qualified (RNIV: only a qualified identity prints its INS).
        datamatrix: the INS datamatrix as a module matrix (rows of booleans, True = dark), built by the
            patients package; drawn beside the identity block when given.
        author_lines: the author block; its first line is also the PDF Author metadata.
        sections: the body.
        footer: a line printed at the bottom of every page.
        created_at: when the document was made (printed under the author block).
        document_id: the document's identifier; a UUID is used as is for the PDF /ID and XMP DocumentID,
            any other identifier (e.g. an OID) is turned into a stable name-based UUID.
    """

    title: str
    subtitle: str | None
    patient_lines: Sequence[str]
    datamatrix: Sequence[Sequence[bool]] | None
    author_lines: Sequence[str]
    sections: Sequence[Section]
    footer: str
    created_at: datetime
    document_id: str
