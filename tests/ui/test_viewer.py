"""CdaViewer on the published CI-SIS examples and on hostile input (built here, never committed)."""

from __future__ import annotations

import asyncio
import base64
import time
from datetime import datetime
from pathlib import Path

import pytest
from lxml import etree
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot

from lgc_app.documents.rendering import PdfDocument, Section, cda_display, render_pdf
from ui.documents import pdf_pages
from ui.documents.narrative_pages import SafeTextDocument
from ui.documents.viewer import MIN_BODY_HEIGHT, CdaViewer, prepare

HL7 = "urn:hl7-org:v3"

HEADER = """<ClinicalDocument xmlns="urn:hl7-org:v3">
  <title>{title}</title>
  <effectiveTime value="20261125093000+0100"/>
  <confidentialityCode code="N" codeSystem="2.16.840.1.113883.5.25"/>
  <recordTarget><patientRole>
    <id root="1.2.250.1.213.1.4.10" extension="279035121518989"/>
    <patient><name><family qualifier="BR">{family}</family><given>Hélène</given></name>
      <administrativeGenderCode code="F"/><birthTime value="19680312"/></patient>
  </patientRole></recordTarget>
  <author><assignedAuthor><assignedPerson><name><given>Jean</given><family>MARTIN</family></name>
  </assignedPerson></assignedAuthor></author>
  <component>{body}</component>
</ClinicalDocument>"""


def cda(body: str, *, title: str = "Compte rendu", family: str = "DUPONT") -> bytes:
    return HEADER.format(title=title, family=family, body=body).encode()


def n1(payload: bytes | str, media_type: str = "application/pdf") -> bytes:
    content = payload if isinstance(payload, str) else base64.b64encode(payload).decode()
    text = f'<text mediaType="{media_type}" representation="B64">{content}</text>'
    return cda(f"<nonXMLBody>{text}</nonXMLBody>")


def n3(text: str, title: str = "Observation", family: str = "DUPONT") -> bytes:
    return cda(f"<structuredBody><component><section><title>{title}</title><text>{text}</text></section>"
               "</component></structuredBody>", family=family)


@pytest.fixture
def viewer(qtbot: QtBot) -> CdaViewer:
    widget = CdaViewer()
    qtbot.addWidget(widget)
    return widget


def _examples(shared_dir: Path) -> list[Path]:
    return sorted((shared_dir / "cisis" / "examples").glob("*.xml"))


def _dark_fraction(image: QImage) -> float:
    small = image.scaled(100, 140).convertToFormat(QImage.Format.Format_Grayscale8)
    dark = sum(1 for y in range(small.height()) for x in range(small.width())
               if small.pixelColor(x, y).value() < 128)
    return dark / (small.width() * small.height())


# --- the published examples ------------------------------------------------------------------------

def test_every_published_example_is_displayed(viewer: CdaViewer, shared_dir: Path) -> None:
    examples = _examples(shared_dir)
    assert len(examples) >= 9
    for path in examples:
        data = path.read_bytes()
        viewer.load_bytes_sync(data)
        assert viewer.message() is None, (path.name, viewer.message())
        fields = viewer.header_fields()
        root = etree.fromstring(data)
        assert fields["Titre"] == " ".join(root.findtext(f"{{{HL7}}}title").split()), path.name
        assert fields["Patient"], path.name
        if root.find(f"{{{HL7}}}component/{{{HL7}}}nonXMLBody") is not None:
            assert viewer.page_count() >= 1, path.name
            assert 0.002 < _dark_fraction(viewer.page_images()[0]) < 0.5, path.name  # a real page, not blank
        else:
            shown = " ".join(viewer.narrative_text().split())
            titles = [" ".join("".join(t.itertext()).split()) for t in root.iter(f"{{{HL7}}}title")][1:]
            assert titles, path.name
            for title in titles:
                assert title in shown, (path.name, title)


def test_n1_example_header_shows_the_ins(viewer: CdaViewer, shared_dir: Path, qtbot: QtBot) -> None:
    data = (shared_dir / "cisis" / "examples" / "DOC_NON_STRUCTURE_CDA-R2-N1.xml").read_bytes()
    with qtbot.waitSignal(viewer.loaded) as loaded:
        viewer.load_bytes_sync(data)
    assert loaded.args == ["Compte rendu d'examens biologiques"]
    fields = viewer.header_fields()
    assert fields["INS"] == "2 79 03 51 215 189 89 (INS-NIR de test)"
    assert fields["Patient"] == "PAT-TROIS DOMINIQUE MARIE-LOUISE"
    assert fields["Naissance"] == "28/03/1979"
    assert fields["Date"] == "01/04/2021 à 13:47"
    assert fields["Confidentialité"] == "Normal"
    assert viewer.page_count() == 2


async def test_body_keeps_room_under_a_full_header(viewer: CdaViewer, shared_dir: Path, qtbot: QtBot) -> None:
    viewer.load_bytes_sync((shared_dir / "cisis" / "examples" / "DOC_NON_STRUCTURE_CDA-R2-N1.xml").read_bytes())
    viewer.resize(600, 200)  # a small pane: the header rows must not squeeze the body to a strip
    viewer.show()
    qtbot.waitExposed(viewer)
    assert len(viewer.header_fields()) >= 8 and viewer.findChild(QScrollArea).height() >= MIN_BODY_HEIGHT


async def test_async_load_runs_in_a_thread_and_shows_the_result(viewer: CdaViewer, shared_dir: Path) -> None:
    data = (shared_dir / "cisis" / "examples" / "VAC-NOTE_2023.01.xml").read_bytes()
    await viewer.load_bytes(data)
    assert viewer.message() is None
    assert "Note de vaccination" in viewer.narrative_text()


async def test_a_later_load_wins_over_an_earlier_one(viewer: CdaViewer, shared_dir: Path) -> None:
    slow = asyncio.ensure_future(viewer.load_bytes((shared_dir / "cisis" / "examples" /
                                                    "DOC_NON_STRUCTURE_CDA-R2-N1.xml").read_bytes()))
    await asyncio.sleep(0)
    await viewer.load_bytes(n3("<paragraph>Dernier</paragraph>"))
    await slow
    assert viewer.page_count() == 0
    assert "Dernier" in viewer.narrative_text()


# --- our own PDF in an N1 body ---------------------------------------------------------------------

def _pdf(pages_of_text: int) -> bytes:
    paragraphs = ["Texte du compte rendu, avec accents : été, à, où. " * 20] * (pages_of_text * 4)
    document = PdfDocument("Compte rendu", None, ["DUPONT Hélène"], None, ["Dr MARTIN"],
                           [Section("Observation", paragraphs)], "pied", datetime(2026, 11, 25), "doc")
    return render_pdf(document)


def test_our_pdf_in_an_n1_body_is_shown_page_by_page(viewer: CdaViewer) -> None:
    viewer.load_bytes_sync(n1(_pdf(3)))
    assert viewer.message() is None
    assert viewer.page_count() >= 3
    assert all(image.width() == pdf_pages.TARGET_WIDTH_PX for image in viewer.page_images())


def test_pages_beyond_the_cap_are_announced(viewer: CdaViewer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_pages, "MAX_PAGES", 2)
    viewer.load_bytes_sync(n1(_pdf(3)))
    assert viewer.page_count() == 2
    assert viewer.message() is not None and "2 premières pages" in viewer.message()


def test_plain_text_n1_body(viewer: CdaViewer) -> None:
    viewer.load_bytes_sync(n1("Été : <b>pas du HTML</b>".encode(), media_type="text/plain"))
    assert viewer.narrative_text() == "Été : <b>pas du HTML</b>"


# --- hostile input ---------------------------------------------------------------------------------

def _refused(viewer: CdaViewer, qtbot: QtBot, data: bytes, expected: str, *, seconds: float = 1.0) -> str:
    start = time.perf_counter()
    with qtbot.waitSignal(viewer.failed, timeout=int(seconds * 1000) + 1000) as failed:
        viewer.load_bytes_sync(data)
    assert time.perf_counter() - start < seconds
    message = viewer.message()
    assert message is not None and expected in message, message
    assert failed.args == [message]
    return message


def test_xxe_file_entity_is_refused_and_never_read(viewer: CdaViewer, qtbot: QtBot, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("CONTENU-SECRET-XXE")
    data = (f'<?xml version="1.0"?><!DOCTYPE ClinicalDocument [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
            ).encode() + cda("<structuredBody/>", title="&x;")
    message = _refused(viewer, qtbot, data, "DOCTYPE")
    assert "CONTENU-SECRET-XXE" not in message + viewer.narrative_text() + str(viewer.header_fields())


def test_billion_laughs_is_refused_quickly(viewer: CdaViewer, qtbot: QtBot) -> None:
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    data = f"<!DOCTYPE ClinicalDocument [{entities}]>".encode() + cda("<structuredBody/>", title="&lol9;")
    message = _refused(viewer, qtbot, data, "Document refusé", seconds=1.0)
    assert "lol" not in message + str(viewer.header_fields())


def test_50_mb_base64_body_is_refused_cleanly(viewer: CdaViewer, qtbot: QtBot) -> None:
    data = n1("QUFB" * (50 * 1024 * 1024 // 4))
    assert len(data) > 50 * 1024 * 1024
    _refused(viewer, qtbot, data, "trop volumineux", seconds=2.0)


def test_body_over_the_text_node_limit_is_refused_cleanly(viewer: CdaViewer, qtbot: QtBot) -> None:
    """libxml2 (without huge_tree) caps a text node at 10 MB: a bigger N1 body is refused by the parser."""
    _refused(viewer, qtbot, n1("JVBE" + "QUFB" * (3 * 1024 * 1024)), "limites de taille", seconds=2.0)


def test_body_over_the_pdf_cap_shows_the_header_and_a_message(viewer: CdaViewer, qtbot: QtBot,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cda_display, "MAX_PDF_BYTES", 1024 * 1024)
    _refused(viewer, qtbot, n1(b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024)), "trop volumineux")
    assert viewer.header_fields()["Patient"] == "DUPONT Hélène"


def test_doctype_alone_is_refused(viewer: CdaViewer, qtbot: QtBot) -> None:
    _refused(viewer, qtbot, b"<!DOCTYPE ClinicalDocument>" + cda("<structuredBody/>"), "DOCTYPE")


def test_not_xml_is_refused(viewer: CdaViewer, qtbot: QtBot) -> None:
    _refused(viewer, qtbot, b"\x89PNG\r\n\x1a\n\x00\x00binary", "n'est pas un XML bien formé")


def test_non_cda_root_is_refused(viewer: CdaViewer, qtbot: QtBot) -> None:
    _refused(viewer, qtbot, b'<html xmlns="http://www.w3.org/1999/xhtml"><body>x</body></html>',
             "n'est pas un document CDA")


def test_pdf_that_is_not_a_pdf(viewer: CdaViewer, qtbot: QtBot) -> None:
    _refused(viewer, qtbot, n1(b"MZ\x90\x00 an executable, not a PDF"), "n'est pas un fichier PDF")
    assert viewer.page_count() == 0


def test_damaged_pdf(viewer: CdaViewer, qtbot: QtBot) -> None:
    _refused(viewer, qtbot, n1(b"%PDF-1.7\n1 0 obj << garbage"), "illisible")


def test_invalid_base64(viewer: CdaViewer, qtbot: QtBot) -> None:
    _refused(viewer, qtbot, n1("JVBERi0x***pas du base64***"), "base64")


def test_external_reference_is_not_followed(viewer: CdaViewer, qtbot: QtBot, tmp_path: Path) -> None:
    target = tmp_path / "external.pdf"
    body = (f'<nonXMLBody><text mediaType="application/pdf"><reference value="{target.as_uri()}"/></text>'
            "</nonXMLBody>")
    _refused(viewer, qtbot, cda(body), "référence externe")


def test_unsupported_media_type(viewer: CdaViewer, qtbot: QtBot) -> None:
    _refused(viewer, qtbot, n1(b"GIF89a", media_type="image/gif"), "non pris en charge")


def test_markup_in_the_narrative_stays_text(viewer: CdaViewer) -> None:
    viewer.load_bytes_sync(n3(
        '<paragraph>&lt;img src="file:///etc/passwd"&gt; <content styleCode="Bold">gras</content></paragraph>'
        '<paragraph><linkHtml href="https://example.invalid/x">lien</linkHtml></paragraph>'
        '<renderMultiMedia referencedObject="img1"/>'
        '<x:img xmlns:x="http://www.w3.org/1999/xhtml" src="http://example.invalid/i.png">étranger</x:img>'))
    shown = viewer.narrative_text()
    assert '<img src="file:///etc/passwd">' in shown
    assert "lien (https://example.invalid/x)" in shown
    assert "[contenu multimédia non affiché]" in shown
    assert "étranger" in shown
    laid_out = prepare(n3('<paragraph>&lt;img src="x"&gt; <content styleCode="Bold">gras</content>'
                          '<linkHtml href="https://example.invalid/x">lien</linkHtml></paragraph>')).html or ""
    assert "<img" not in laid_out and "<a " not in laid_out
    assert "<b>gras</b>" in laid_out  # styleCode Bold was kept


def test_markup_in_the_header_stays_text(viewer: CdaViewer) -> None:
    viewer.load_bytes_sync(n3("<paragraph>x</paragraph>", family="&lt;b&gt;DUPONT&lt;/b&gt;"))
    assert viewer.header_fields()["Patient"] == "<b>DUPONT</b> Hélène"


def test_the_narrative_document_loads_no_resource() -> None:
    document = SafeTextDocument()
    for url in ("file:///etc/passwd", "https://example.invalid/a.png", "qrc:/icon.png", "a.png"):
        assert document.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(url)) is None


def test_narrative_lines_wrap_between_words_only(qapp: object) -> None:
    """Qt's default wrapping cut the prescription's "Renouvellements" heading mid-word to narrow its column."""
    from PySide6.QtGui import QTextOption

    document = SafeTextDocument()
    document.setHtml("<table><tr><th>Renouvellements</th><th>x</th></tr></table>")
    document.setTextWidth(40)  # narrower than the word: the column keeps the whole word
    assert document.defaultTextOption().wrapMode() is QTextOption.WrapMode.WordWrap
    assert document.idealWidth() > 40
