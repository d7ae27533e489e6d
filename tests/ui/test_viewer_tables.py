"""No GUI freeze from any CDA (issues 10 and 13): the narrative is laid out and painted off the GUI thread, and
hostile table spans are normalised to the real grid (a 2.5 kB table with colspan="100000" used to stall the
GUI thread for 17 s; a legitimate 2,000-cell table for seconds)."""

from __future__ import annotations

import asyncio
import re
import subprocess
import threading
import time

import pytest
import qasync
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from lgc_app.documents.rendering import narrative
from tests.helpers.stall import GUI_STALL_LIMIT_MS
from tests.ui.test_viewer import n3
from ui.documents import narrative_render
from ui.documents.narrative_pages import PAGE_HEIGHT_PX
from ui.documents.viewer import CdaViewer, prepare
from ui.stall_monitor import StallMonitor

# The target is 50 ms on a workstation (issue 10). Laid out on the GUI thread these documents stalled it from 1 to
# 17 s; in a worker thread a 5 MB narrative still stalled it 300-580 ms (Qt-internal locks and the GIL shared
# with the worker); laid out in a child process (narrative_render.py) it stalls it about 10 ms, like the others.

HOSTILE_TABLES = {
    "staircase": "".join(f'<tr><td colspan="100000" rowspan="100000">x{i}</td></tr>' for i in range(20)),
    "wide": "<tr>" + "<td>x</td>" * 30 + "</tr>" + "<tr>" + '<td colspan="99999">x</td>' * 25 + "</tr>",
    "tall": "<tr>" + "".join(f'<td rowspan="100000">{i}</td>' for i in range(60)) + "</tr>",
}


def _table(rows: int, columns: int) -> str:
    return "".join("<tr>" + "".join(f"<td>cellule {row}-{column}</td>" for column in range(columns)) + "</tr>"
                   for row in range(rows))


def _long_narrative(megabytes: int) -> bytes:
    paragraph = "<paragraph>Évolution favorable, examen clinique sans particularité, traitement inchangé. " * 1
    count = megabytes * 1024 * 1024 // len(paragraph + "</paragraph>")
    return n3("".join(f"{paragraph}({index})</paragraph>" for index in range(count)))


DOCUMENTS = {
    "hostile_spans": lambda: n3("<table><tbody>" + HOSTILE_TABLES["staircase"] + "</tbody></table>"),
    "table_2000_cells": lambda: n3(f"<table><tbody>{_table(333, 6)}</tbody></table>"),
    "narrative_5_mb": lambda: _long_narrative(5),
}


def _ink(image: QImage) -> float:
    """Fraction of inked pixels (one in 16 looked at): 0 for a blank page."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    points = [(x, y) for y in range(0, gray.height(), 4) for x in range(0, gray.width(), 4)]
    return sum(1 for x, y in points if gray.pixelColor(x, y).value() < 200) / len(points)


@pytest.mark.parametrize("make", DOCUMENTS.values(), ids=DOCUMENTS.keys())
def test_any_narrative_displays_without_stalling(qtbot: QtBot, qloop: qasync.QEventLoop, make: object) -> None:
    data = make()  # type: ignore[operator]
    viewer = CdaViewer()
    qtbot.addWidget(viewer)
    viewer.resize(800, 600)
    viewer.show()
    qtbot.waitExposed(viewer)
    monitor = StallMonitor()
    monitor.start()
    qtbot.wait(50)
    monitor.reset()
    started = time.perf_counter()
    with qtbot.waitSignal(viewer.laid_out, timeout=60_000):
        loading = asyncio.ensure_future(viewer.load_bytes(data))  # as the application loads a document
    qtbot.waitUntil(loading.done)  # load_bytes ends with its layout
    qtbot.waitUntil(lambda: viewer.page_strip.image(0) is not None, timeout=10_000)
    qtbot.wait(100)
    monitor.stop()
    print(f"{len(data)} bytes: shown in {time.perf_counter() - started:.2f} s, "
          f"max stall {monitor.max_stall_ms:.0f} ms, {viewer.narrative_pages().count} pages")  # type: ignore[union-attr]
    assert monitor.max_stall_ms < GUI_STALL_LIMIT_MS
    assert viewer.narrative_text().startswith("Observation")
    image = viewer.page_strip.image(0)
    assert image is not None and _ink(image) > 0.002  # a real page, not blank
    assert viewer.page_strip.height() >= PAGE_HEIGHT_PX * viewer.page_strip.page_count()


def test_pages_follow_the_content_and_the_width(qtbot: QtBot, qloop: qasync.QEventLoop) -> None:
    viewer = CdaViewer()
    qtbot.addWidget(viewer)
    viewer.resize(900, 600)
    viewer.show()
    qtbot.waitExposed(viewer)
    with qtbot.waitSignal(viewer.laid_out, timeout=20_000) as short:
        viewer.show_prepared(prepare(n3(f"<table><tbody>{_table(20, 6)}</tbody></table>")))
    with qtbot.waitSignal(viewer.laid_out, timeout=20_000) as long:
        viewer.show_prepared(prepare(n3(f"<table><tbody>{_table(300, 6)}</tbody></table>")))
    assert short.args == [1] and long.args[0] > 3  # more content, more pages
    wide = viewer.narrative_pages()
    assert wide is not None
    with qtbot.waitSignal(viewer.laid_out, timeout=20_000) as narrower:
        viewer.resize(500, 600)  # laid out again once the resizing stops
    narrow = viewer.narrative_pages()
    assert narrow is not None and narrow.width < wide.width and narrower.args[0] > long.args[0]


def _spans(html: str) -> list[int]:
    return [int(value) for value in re.findall(r'(?:col|row)span="(\d+)"', html)]


def test_spans_are_clamped_to_the_real_grid() -> None:
    html = prepare(n3("<table><tbody>" + HOSTILE_TABLES["staircase"] + "</tbody></table>")).html or ""
    assert max(_spans(html)) <= 20  # 20 rows, one cell each: rowspan to the last row at most, colspan 1
    assert "colspan" not in html
    wide = prepare(n3("<table><tbody>" + HOSTILE_TABLES["wide"] + "</tbody></table>")).html or ""
    assert sum(_spans(wide)) + wide.count("<td>") <= 2 * 30  # each row's spans add up to the widest row at most
    legit = prepare(n3('<table><thead><tr><th colspan="2">A</th></tr></thead><tbody><tr><td>1</td><td>2</td>'
                       '</tr><tr><td rowspan="2">3</td><td>4</td></tr><tr><td>5</td></tr></tbody></table>')).html
    assert legit is not None and '<th colspan="2">A</th>' in legit and '<td rowspan="2">3</td>' in legit


def test_huge_tables_are_cut_and_say_so() -> None:
    rows = "".join("<tr>" + "<td>x</td>" * 80 + "</tr>" for _ in range(100))
    html = prepare(n3(f"<table><tbody>{rows}</tbody></table>")).html or ""
    assert html.count("<tr>") == narrative.MAX_TABLE_CELLS // narrative.MAX_TABLE_COLUMNS
    assert html.count("<td>") == narrative.MAX_TABLE_CELLS
    assert "Tableau tronqué" in html


def test_a_layout_cancelled_while_its_child_starts_kills_the_child(qtbot: QtBot, qloop: qasync.QEventLoop,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Cancelled between the child's start (in a worker thread) and the task's resumption: the child would
    otherwise wait for its request for as long as its stdin stays open."""
    release = threading.Event()
    started: list[subprocess.Popen[bytes]] = []
    spawn = narrative_render._spawn

    def slow_spawn() -> subprocess.Popen[bytes]:
        release.wait(10)
        started.append(spawn())
        return started[-1]

    monkeypatch.setattr(narrative_render, "_spawn", slow_spawn)
    layout = asyncio.ensure_future(narrative_render.lay_out_in_child("<p>Texte.</p>", [], 600))
    qtbot.wait(100)  # the layout now waits for the child's start, held in its worker thread
    assert not layout.done()
    layout.cancel()
    qtbot.waitUntil(layout.done, timeout=5_000)
    release.set()
    qtbot.waitUntil(lambda: bool(started) and started[0].poll() is not None, timeout=30_000)
    assert started[0].returncode < 0  # killed


def test_closing_the_viewer_kills_the_layout_process(qtbot: QtBot, qloop: qasync.QEventLoop,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[subprocess.Popen[bytes]] = []
    spawn = narrative_render._spawn
    monkeypatch.setattr(narrative_render, "_spawn", lambda: started.append(spawn()) or started[-1])
    viewer = CdaViewer()
    viewer.resize(800, 600)
    viewer.show()
    qtbot.waitExposed(viewer)
    loading = asyncio.ensure_future(viewer.load_bytes(DOCUMENTS["narrative_5_mb"]()))
    qtbot.waitUntil(lambda: bool(started), timeout=20_000)
    assert started[0].poll() is None  # laying the pages out
    viewer.deleteLater()
    qtbot.waitUntil(lambda: started[0].poll() is not None, timeout=30_000)  # a loaded CI machine
    assert started[0].returncode < 0  # killed, not finished
    qtbot.waitUntil(loading.done)
