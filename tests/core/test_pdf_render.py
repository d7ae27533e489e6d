"""PDF/A-1b rendering: structure, metadata, text, pagination, datamatrix, threads, headless processes."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import threading
import uuid
from datetime import datetime

import pypdf
import pypdfium2
import zxingcpp

from lgc_app.documents.rendering import PdfDocument, Section, render_pdf

SENTENCE = "Le patient présente une évolution favorable, sans fièvre ni complication après traitement."


def _document(sections: list[Section] | None = None, datamatrix: list[list[bool]] | None = None,
              document_id: str = "1.2.250.1.999.7.1") -> PdfDocument:
    return PdfDocument(
        title="Compte rendu de consultation",
        subtitle="Médecine générale",
        patient_lines=["DUPONT Hélène Marie", "Née le 12/03/1968 — Sexe : F",
                       "INS : 268037512345678 (INS-NIR)"],
        datamatrix=datamatrix,
        author_lines=["Dr Jean MARTIN, médecin généraliste", "RPPS 10001234567"],
        sections=sections if sections is not None else [Section("Motif", [SENTENCE]),
                                                        Section("Conclusion", ["Pas de traitement."])],
        footer="Document confidentiel — secret médical",
        created_at=datetime(2026, 11, 25, 9, 30),
        document_id=document_id,
    )


def _text(page: pypdf.PageObject) -> str:
    return " ".join(page.extract_text().split())  # Qt places words one by one: separators vary


def test_output_is_pdf_a1b_with_metadata() -> None:
    data = render_pdf(_document())
    assert data.startswith(b"%PDF-1.4")
    reader = pypdf.PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfaid:part="1"', xmp)
    assert re.search(r'pdfaid:conformance="B"', xmp)
    assert "Compte rendu de consultation" in xmp
    assert reader.metadata.title == "Compte rendu de consultation"
    assert reader.metadata.author == "Dr Jean MARTIN, médecin généraliste"
    intent = root["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    assert "/DestOutputProfile" in intent
    # the file identifier is derived from the document id, stable across renderings
    expected = str(uuid.uuid5(uuid.NAMESPACE_OID, "1.2.250.1.999.7.1"))
    assert [str(part) for part in reader.trailer["/ID"]] == [expected, expected]


def test_fonts_are_embedded() -> None:
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(_document())))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert fonts
    for font in fonts.values():
        for descendant in font.get_object()["/DescendantFonts"]:
            descriptor = descendant.get_object()["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor


def test_identity_sections_and_accents_are_extractable() -> None:
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(_document())))
    text = _text(reader.pages[0])
    assert "DUPONT Hélène Marie" in text
    assert "INS : 268037512345678 (INS-NIR)" in text
    assert "Motif" in text and "Conclusion" in text
    assert "évolution favorable, sans fièvre" in text  # no ligature glyph hides "fi"
    assert "Document créé le 25/11/2026 à 09:30" in text
    assert "Page 1 / 1" in text


def test_long_text_breaks_into_numbered_pages() -> None:
    paragraphs = [f"Paragraphe {index}. " + SENTENCE * 4 for index in range(60)]
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(_document([Section("Observation", paragraphs)]))))
    count = len(reader.pages)
    assert count >= 3
    texts = [_text(page) for page in reader.pages]
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} / {count}" in text
        assert "DUPONT Hélène Marie" in text  # identity on every page
    everything = " ".join(texts)
    assert all(f"Paragraphe {index}." in everything for index in range(60))


def test_table_header_is_repeated_after_a_page_break() -> None:
    rows = [["Examen", "Résultat", "Unité"], *[[f"Dosage {index}", "2,1", "mUI/L"] for index in range(120)]]
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(_document([Section("Biologie", [], table=rows)]))))
    assert len(reader.pages) >= 2
    for page in reader.pages[1:]:
        assert "Examen Résultat Unité" in _text(page)
    everything = " ".join(_text(page) for page in reader.pages)
    assert "Dosage 0 " in everything and "Dosage 119 " in everything


def test_a_cell_taller_than_a_page_is_split_not_lost() -> None:
    huge = " ".join(f"mot{index}" for index in range(4000))
    document = _document([Section("Annexe", [], table=[["A", "B"], ["x", huge]])])
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(document)))
    assert len(reader.pages) >= 3
    everything = " ".join(_text(page) for page in reader.pages)
    assert "mot0 " in everything and "mot3999" in everything


def _datamatrix(text: str) -> list[list[bool]]:
    image = memoryview(zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.DataMatrix)
                       .to_image(scale=1, add_quiet_zones=False))
    return [[image[row, column] == 0 for column in range(image.shape[1])] for row in range(image.shape[0])]


def _scan(pdf_bytes: bytes) -> list[str]:
    """Rasterise page 1 at 216 dpi in grey levels and decode every datamatrix on it."""
    page = pypdfium2.PdfDocument(pdf_bytes)[0]
    bitmap = page.render(scale=3, grayscale=True)
    pixels = memoryview(bitmap.buffer).cast("B", (bitmap.height, bitmap.stride))
    found = zxingcpp.read_barcodes(pixels, formats=zxingcpp.BarcodeFormat.DataMatrix)
    return [barcode.text for barcode in found]


def test_datamatrix_is_drawn_and_scannable() -> None:
    payload = "IS0010000100S1268037512345678S21.2.250.1.213.1.4.8"
    assert _scan(render_pdf(_document(datamatrix=_datamatrix(payload)))) == [payload]


def test_without_datamatrix_nothing_is_scannable() -> None:
    assert _scan(render_pdf(_document())) == []


def test_renders_from_worker_threads() -> None:
    results: dict[int, bytes] = {}
    errors: list[BaseException] = []

    def work(index: int) -> None:
        try:
            results[index] = render_pdf(_document([Section(f"Section {index}", [SENTENCE])]))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(index,)) for index in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    for index in range(3):
        assert f"Section {index}" in _text(pypdf.PdfReader(io.BytesIO(results[index])).pages[0])


HEADLESS = """
import io, sys, threading
from datetime import datetime
from PySide6.QtCore import QCoreApplication
from lgc_app.documents.rendering import PdfDocument, Section, render_pdf
assert QCoreApplication.instance() is None
doc = PdfDocument("Titre", None, ["PATIENT Élise"], None, [], [Section("S", ["x " * 3000])], "pied",
                  datetime(2026, 1, 2), "doc-1")
out = {}
thread = threading.Thread(target=lambda: out.setdefault("pdf", render_pdf(doc)))
thread.start()
thread.join()
sys.stdout.buffer.write(out["pdf"])
"""


def test_headless_process_renders_from_a_thread_and_exits_cleanly() -> None:
    """No QApplication at all, first call on a short-lived thread: the process must still exit with 0."""
    done = subprocess.run([sys.executable, "-c", HEADLESS], capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert b"CRITICAL" not in done.stderr  # the application is destroyed on the thread that made it
    reader = pypdf.PdfReader(io.BytesIO(done.stdout))
    assert "PATIENT Élise" in _text(reader.pages[0])
