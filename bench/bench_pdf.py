"""PDF/A-1b rendering throughput: PDFs per second for a 1-page and a 5-page document, and in 2 threads.

Run: `.venv/bin/python -m bench.bench_pdf` (prints a table; `run()` returns the rows for bench/run.py).
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import pypdf

from bench.table import print_rows
from lgc_app.documents.rendering import PdfDocument, Section, render_pdf

SENTENCE = "Patiente revue ce jour, évolution favorable, pas de fièvre, examen clinique sans particularité. "
BUDGET_S = 3.0  # wall-clock time spent per measure


def document(paragraphs: int) -> PdfDocument:
    sections = [Section("Motif", [SENTENCE * 2]),
                Section("Examen", [SENTENCE * 6] * paragraphs),
                Section("Biologie", [], table=[["Examen", "Résultat", "Unité"], ["TSH", "1,95", "mUI/L"]])]
    return PdfDocument(
        title="Compte rendu de consultation", subtitle="Médecine générale",
        patient_lines=["DUPONT Hélène Marie", "Née le 12/03/1968 — Sexe : F",
                       "INS : 268037512345678 (INS-NIR)"],
        datamatrix=[[(row * 7 + column * 3) % 5 < 2 for column in range(22)] for row in range(22)],
        author_lines=["Dr Jean MARTIN, médecin généraliste", "RPPS 10001234567"],
        sections=sections, footer="Document confidentiel — secret médical",
        created_at=datetime(2026, 11, 25, 9, 30), document_id="1.2.250.1.999.1")


def _pages(doc: PdfDocument) -> int:
    return len(pypdf.PdfReader(io.BytesIO(render_pdf(doc))).pages)


def _sized(pages: int) -> PdfDocument:
    """The smallest document of this family that fills `pages` pages."""
    paragraphs = 1
    while _pages(document(paragraphs)) < pages:
        paragraphs += 1
    return document(paragraphs)


def _rate(work: Callable[[], object], workers: int = 1) -> tuple[float, int]:
    done = 0
    start = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        while time.perf_counter() - start < BUDGET_S:
            list(pool.map(lambda _: work(), range(workers)))
            done += workers
    return done / (time.perf_counter() - start), done


def run(quick: bool = False) -> list[tuple[str, str]]:  # already short: `quick` changes nothing
    render_pdf(document(1))  # warm-up: Qt start-up, font database
    rows: list[tuple[str, str]] = []
    for pages in (1, 5):
        doc = _sized(pages)
        size = len(render_pdf(doc))
        rate, count = _rate(lambda doc=doc: render_pdf(doc))
        rows.append((f"PDF/A-1b {pages} page(s), 1 thread", f"{rate:.1f} PDF/s ({1000 / rate:.1f} ms, "
                                                          f"{size / 1024:.0f} Kio, n={count})"))
        rate, count = _rate(lambda doc=doc: render_pdf(doc), workers=2)
        rows.append((f"PDF/A-1b {pages} page(s), 2 threads", f"{rate:.1f} PDF/s (n={count})"))
    return rows


def main() -> None:
    print_rows(run())


if __name__ == "__main__":
    main()
