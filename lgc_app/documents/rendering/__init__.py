"""Printable renderings of documents: PDF/A-1b for print and for the N1 body of a CDA.

QtGui is allowed here, and only here in the core, for this purpose (ARCHITECTURE: no QtWidgets in lgc_app).
"""

from lgc_app.documents.rendering.pdf import PdfRenderError, render_pdf
from lgc_app.documents.rendering.qt_runtime import QtRuntimeError
from lgc_app.documents.rendering.spec import PdfDocument, Section

__all__ = ["PdfDocument", "PdfRenderError", "QtRuntimeError", "Section", "render_pdf"]
