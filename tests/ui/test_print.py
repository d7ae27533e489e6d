"""Printing (issue 13 item 12): the stored PDF/A is rendered off the loop, previewed, painted one page a sheet;
"Enregistrer en PDF" copies it byte for byte."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pypdfium2
import pytest
from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from lgc_app.documents.kinds import DocumentType
from tests.helpers.document_editors import DocWorld, make_world, open_editor, validate
from ui.documents.pdf_pages import PRINT_DPI, rasterise
from ui.main_window import MainWindow
from ui.print import PagesPreview, file_stem, paint_pages


@pytest.fixture
def world(qloop: object, ui_db_url: str) -> Iterator[DocWorld]:
    built = make_world(ui_db_url)
    yield built
    built.context.stop()


def _pdf(path: Path, pages: int) -> bytes:
    writer = QPdfWriter(str(path))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF()))
    painter = QPainter(writer)
    for index in range(pages):
        if index:
            writer.newPage()
        painter.drawText(200, 400, f"Page {index + 1}")
    painter.end()
    return path.read_bytes()


def _pages_of(path: Path) -> int:
    document = pypdfium2.PdfDocument(path.read_bytes())
    try:
        return len(document)
    finally:
        document.close()


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_each_page_is_printed_on_its_own_sheet_at_print_resolution(qapp: object, tmp_path: Path) -> None:
    pages = rasterise(_pdf(tmp_path / "in.pdf", 3), dpi=PRINT_DPI)
    assert pages.total == 3
    assert pages.images[0].width() > 1500  # 200 dpi on A4, not the 130 dpi of the screen viewer
    paint_pages(_pdf_printer(tmp_path / "out.pdf"), pages.images)
    assert _pages_of(tmp_path / "out.pdf") == 3


def test_validated_document_is_previewed_printed_and_saved_as_its_stored_pdf(
        qtbot: QtBot, world: DocWorld, tmp_path: Path) -> None:
    editor = open_editor(qtbot, world, DocumentType.CERTIFICATE)
    assert not editor.print_button.isVisible() and editor.request_print() is None  # a draft has no PDF yet
    editor.title_edit.setText("Certificat : sport / école")
    editor.sections.rows()[0].body.setPlainText("Apte à la pratique du football.")  # type: ignore[attr-defined]
    validate(qtbot, editor)
    assert editor.print_button.isVisible() and editor.save_pdf_button.isVisible()
    stored = world.document(editor.detail.id).pdf
    assert stored is not None
    task = editor.request_print()
    assert task is not None
    qtbot.waitUntil(lambda: editor.printing.preview is not None, timeout=20_000)
    preview = editor.printing.preview
    assert isinstance(preview, PagesPreview)
    assert preview.isVisible() and "Certificat" in preview.windowTitle()
    printed = tmp_path / "printed.pdf"
    paint_pages(_pdf_printer(printed), preview.pages.images)
    assert _pages_of(printed) == pypdfium2.PdfDocument(stored).__len__()
    preview.close()

    copy = tmp_path / "copie.pdf"
    saving = editor.printing.save_pdf(editor._stored_pdf, copy)
    qtbot.waitUntil(saving.future.done, timeout=10_000)
    assert copy.read_bytes() == stored  # the PDF/A itself, not a re-rendering
    dialog = editor.printing.choose_pdf_file(editor._stored_pdf, editor.detail.title)
    assert dialog.selectedFiles()[0].endswith("Certificat - sport - école.pdf")
    dialog.close()


def test_file_names_from_titles_keep_no_separator() -> None:
    assert file_stem("Ordonnance 12/03 : <urgent>") == "Ordonnance 12-03 - -urgent"
    assert file_stem("...") == "document"


def test_print_menu_without_a_validated_document_says_what_to_do(window: MainWindow,
                                                                 message_log: list[object]) -> None:
    assert window.print_action.shortcut().toString() == "Ctrl+P"
    window.print_action.trigger()
    assert any("document validé" in message.text for message in message_log)  # type: ignore[attr-defined]
