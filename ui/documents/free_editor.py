"""Editor of the N1 documents: consultation report, letter to a colleague, certificate, free document.

The text is written as titled sections (paragraphs separated by a blank line), which the core renders as
the PDF/A body of an N1 CDA. A new document starts with the usual sections of its kind (its type spec's
starter content); a letter also names its recipient.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from lgc_app.documents.content import Content, NarrativeContent, Section
from lgc_app.documents.types import spec_for
from ui.documents.editor_base import DocumentEditor
from ui.documents.fields import ErrorLabel, Findings
from ui.documents.rows import ItemRow, RowList, tr


class SectionRow(ItemRow[Section]):
    """One titled section: a heading and its text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLineEdit(self)
        self.heading.setPlaceholderText(tr("Titre de la section"))
        self.body = QPlainTextEdit(self)
        self.body.setPlaceholderText(tr("Texte (laissez une ligne vide entre deux paragraphes)"))
        self.body.setMinimumHeight(120)
        self.place(self.heading, 0, 0, tr("Section"))
        self.place(self.body, 1, 0)

    def is_blank(self) -> bool:
        return not self.heading.text().strip() and not self.body.toPlainText().strip()

    def read(self, findings: Findings, strict: bool) -> Section:
        text = self.body.toPlainText().replace("\r\n", "\n")
        paragraphs = tuple(p.strip() for p in text.split("\n\n") if p.strip())
        return Section(self.heading.text().strip(), paragraphs)

    def show_item(self, item: Section) -> None:
        self.heading.setText(item.heading)
        self.body.setPlainText("\n\n".join(item.paragraphs))


class FreeEditor(DocumentEditor):
    """N1 kinds: report, certificate, free document (editor kind "narrative")."""

    asks_recipient = False

    def build_content(self) -> None:
        page = QWidget(self)
        self.recipient = QLineEdit(page)
        self.recipient.setPlaceholderText(self.tr("Ex. : Dr Élise Lefèvre, cardiologue, 3 rue de l'Église, Reims"))
        self.recipient.textEdited.connect(self.mark_dirty)
        self.recipient_error = ErrorLabel(page)
        self.sections: RowList[Section] = RowList(
            SectionRow, self.tr("Ajouter une section"),
            self.tr("Section vide : écrivez son texte ou supprimez-la."), page)
        self.sections.changed.connect(self.mark_dirty)
        self.sections_error = ErrorLabel(page)
        form = QFormLayout()
        form.addRow(self.tr("Destinataire"), self.recipient)
        form.addRow("", self.recipient_error)
        self.recipient.setVisible(self.asks_recipient)
        form.labelForField(self.recipient).setVisible(self.asks_recipient)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(self.sections_error)
        layout.addWidget(self.sections, 1)
        self.tabs.addTab(page, self.tr("Texte"))

    def show_content(self, content: Content) -> None:
        assert isinstance(content, NarrativeContent)
        self.recipient.setText(content.recipient)
        # a draft stored empty (created before drafts got their starter content) shows the usual sections
        starter = spec_for(self.detail.type).new_content()
        assert isinstance(starter, NarrativeContent)
        self.sections.set_items(content.sections or starter.sections)

    def read_content(self, findings: Findings, strict: bool) -> Content:
        sections = self.sections.read(findings, strict)
        recipient = self.recipient.text().strip()
        if strict:
            if self.asks_recipient and not recipient:
                findings.add(self.recipient, self.tr("Indiquez le destinataire de la lettre."),
                             self.recipient_error)
            if not any(s.paragraphs for s in sections):
                target = next((row.body for row in self.sections.rows() if isinstance(row, SectionRow)),
                              self.sections.add_button)
                findings.add(target, self.tr("Document vide : saisissez au moins un paragraphe."),
                             self.sections_error)
        return NarrativeContent(sections=sections, recipient=recipient)

    def set_content_editable(self, editable: bool) -> None:
        self.recipient.setReadOnly(not editable)
        self.sections.set_editable(editable)


class LetterEditor(FreeEditor):
    """A letter to a colleague (editor kind "letter"): the narrative editor that also asks for the recipient."""

    asks_recipient = True
