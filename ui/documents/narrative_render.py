"""A narrative laid out and painted to PDF pages in a child process (issue 10 item 13).

Laid out in a worker thread of the GUI process, a multi-megabyte narrative still stalled the GUI loop for
350-580 ms: while the worker inserts the HTML, Qt-internal locks and the GIL are shared with the GUI thread's
painting. A child process shares neither. The GUI side (`lay_out_in_child`) starts
`python -m ui.documents.narrative_render` with the offscreen platform, writes the request to its stdin and
reads the PDF from its stdout, both in a worker thread whose pipe I/O releases the GIL; a cancelled layout (a
newer document or width, a closed viewer) kills the child at once.

Wire format, stdin: one JSON line `{"width": int, "breaks": [int, ...]}`, then the sanitised HTML in UTF-8.
stdout: the PDF. A failure exits non-zero with its reason on stderr.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import subprocess
import sys

from lgc_app.errors import UserError
from ui.documents.narrative_pages import MIN_WIDTH_PX, NarrativePages, lay_out
from ui.documents.pdf_pages import page_count
from ui.tasks import run_in_thread

log = logging.getLogger("lgc.ui.documents.narrative_render")

MODULE = "ui.documents.narrative_render"


class NarrativeLayoutError(UserError, RuntimeError):
    code = "NARRATIVE-LAYOUT"
    summary = "Le texte du document n'a pas pu être mis en page."


def _command() -> list[str]:
    return [sys.executable, "-m", MODULE]


def _exchange(process: subprocess.Popen[bytes], request: bytes) -> bytes:
    """Blocking: send the request, read the PDF (a worker thread; pipe I/O releases the GIL)."""
    pdf, errors = process.communicate(request)
    if process.returncode != 0:
        detail = errors.decode("utf-8", "replace").strip().splitlines()[-1:] or ["?"]
        # a negative code is a signal: usually our own kill of a cancelled layout
        log.log(logging.INFO if process.returncode < 0 else logging.WARNING,
                "narrative layout child ended with code %s: %s", process.returncode, detail[0])
        raise NarrativeLayoutError(f"code {process.returncode}")
    return pdf


def _request(html: str, breaks: list[int], width: int) -> bytes:
    return json.dumps({"width": width, "breaks": breaks}).encode() + b"\n" + html.encode("utf-8")


def _spawn() -> subprocess.Popen[bytes]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env)


async def _spawned() -> subprocess.Popen[bytes]:
    """The child, started in a worker thread. Cancelled meanwhile, the start still completes in its thread: the
    child is then killed as soon as it exists (else it would wait for its request on stdin as long as its pipe
    stays open)."""
    spawning = asyncio.ensure_future(run_in_thread(_spawn))
    try:
        return await asyncio.shield(spawning)
    except asyncio.CancelledError:
        spawning.add_done_callback(_kill_started)
        raise


def _kill_started(spawning: asyncio.Future[subprocess.Popen[bytes]]) -> None:
    if not spawning.cancelled() and spawning.exception() is None:
        spawning.result().kill()


async def lay_out_in_child(html: str, breaks: list[int], width: int) -> NarrativePages:
    """`narrative_pages.lay_out` run in a child process; cancelling kills the child.

    Raises:
        NarrativeLayoutError: the child failed (its reason is logged).
    """
    if getattr(sys, "frozen", False):  # a frozen build has no `python -m`: the worker thread, as before
        return await run_in_thread(lay_out, html, breaks, width)
    request = await run_in_thread(_request, html, breaks, width)
    process = await _spawned()
    try:
        pdf = await run_in_thread(_exchange, process, request)
    finally:
        if process.poll() is None:  # cancelled (or failed) while the child works: it must not linger
            process.kill()
    count = await run_in_thread(page_count, pdf)
    return NarrativePages(pdf, count, max(width, MIN_WIDTH_PX))  # as `lay_out` widens it


def main() -> int:
    """Child side: read the request on stdin, write the PDF on stdout."""
    from PySide6.QtGui import QGuiApplication

    if hasattr(os, "nice"):  # on a busy 2-core machine the GUI process, not the layout, gets the CPU first
        os.nice(10)
    app = QGuiApplication.instance() or QGuiApplication([MODULE])  # fonts need a GUI application
    header = sys.stdin.buffer.readline()
    options = json.loads(header)
    html = sys.stdin.buffer.read().decode("utf-8")
    pages = lay_out(html, [int(offset) for offset in options["breaks"]], int(options["width"]))
    sys.stdout.buffer.write(pages.pdf)
    sys.stdout.buffer.flush()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
