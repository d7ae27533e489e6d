"""A document type that exists only in the tests: the proof that a new type is one module and one `register`.

Nothing outside this module knows it: no other file of the application was changed to add it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from lgc_app.documents.content import NarrativeContent
from lgc_app.documents.content import Section as TextSection
from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.rendering.spec import Section
from lgc_app.documents.types import DocumentTypeSpec, Level, SharingDefaults, register, unregister
from lgc_app.documents.types.narrative import N1_PDF_FORMAT, build_cda

SPORT_CERTIFICATE = DocumentType("TEST_SPORT_CERT")
HEADING = "Aptitude à la pratique sportive"


def sections(content: NarrativeContent, created_at: datetime) -> list[Section]:
    """Its own printed layout: the verdict first, then the text."""
    return [Section(HEADING, ("Absence de contre-indication constatée ce jour.",))] + [
        Section(s.heading, s.paragraphs) for s in content.sections
    ]


SPEC = DocumentTypeSpec(
    type=SPORT_CERTIFICATE,
    label="Certificat d'aptitude au sport",
    level=Level.N1,
    content_class=NarrativeContent,
    build_cda=build_cda,
    printable=sections,
    sharing=SharingDefaults("89601-9", N1_PDF_FORMAT, fixed_type=False),
    editor="narrative",
    starter=NarrativeContent((TextSection("Discipline"), TextSection("Observations"))),
)


@contextmanager
def registered() -> Iterator[DocumentTypeSpec]:
    """The type registered for the duration of a test."""
    register(SPEC)
    try:
        yield SPEC
    finally:
        unregister(SPORT_CERTIFICATE)
