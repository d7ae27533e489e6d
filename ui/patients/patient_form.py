"""The identity form: composes its parts (`ui/patients/form/`): INS traits (RNIV rule 1) under the live input
rules (Ségur INS 1.2), status, attributes and identity-document check, contact data, the carte Vitale data kept
apart from the INS traits, INSi and the datamatrix INS.

Edits are safe: the form keeps what was typed until it is saved or explicitly discarded; a refused input, a
refused transition or a concurrent save (version check) is explained and nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QScrollArea, QVBoxLayout, QWidget

from lgc_app.bootstrap import AppContext
from lgc_app.errors import explain
from lgc_app.patients.datamatrix import DatamatrixTraits
from lgc_app.patients.service import IdentityInputError, PatientDraft
from lgc_app.patients.use_cases import CheckPreview, Created, DatamatrixOwner, Updated
from lgc_app.patients.views import PatientView
from lgc_app.patients.vocabulary import IdentityStatus
from ui import messages
from ui.actions import patients as actions
from ui.directory.correspondents import CorrespondentsPanel
from ui.patients.badges import StatusBadge, attributes_text
from ui.patients.duplicates_dialog import DuplicatesDialog
from ui.patients.form.datamatrix import DatamatrixPart, prefill_values
from ui.patients.form.insi import InsiPart
from ui.patients.form.status import StatusPanel
from ui.patients.form.traits import TraitsEditor
from ui.patients.form.vitale import VitaleCardsPanel
from ui.patients.vitale_dialog import VitaleCardDialog
from ui.patients.wording import fill, format_matricule
from ui.style import mark_error
from ui.tasks import TaskManager

T = TypeVar("T")


class PatientForm(QWidget):
    """One identity, new or stored (a frozen `PatientView`; actions return the new one).

    Signals:
        saved(int): a patient was created or changed (id); lists and indicators refresh.
        loaded(int): a stored patient is now shown.
        insi_requested(object, object): open the INSi dialog for (`PatientView`, pending INS or None).
        datamatrix_requested(int): show the datamatrix INS of this (qualified) patient.
    """

    saved = Signal(int)
    loaded = Signal(int)
    insi_requested = Signal(object, object)
    datamatrix_requested = Signal(int)

    def __init__(self, context: AppContext, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("patientForm")
        self._context = context
        self._tasks = tasks
        self.patient: PatientView | None = None
        self._busy = False
        self._dialogs: list[QDialog] = []
        self.traits = TraitsEditor(tasks, self)
        self.status = StatusPanel(self)
        self.vitale = VitaleCardsPanel(context, tasks, self, self)
        self.insi = InsiPart(self)
        self.datamatrix = DatamatrixPart(self, self, context)
        self.correspondents = CorrespondentsPanel(context, tasks, self)
        self._build()
        self._connect()
        # The fields and widgets of the parts that tests and the main window reach through the form.
        self.edits, self.rows, self.sex = self.traits.edits, self.traits.rows, self.traits.sex
        self.place_lookup, self.trait_warning = self.traits.place_lookup, self.traits.trait_warning
        self.document, self.checks_label = self.status.document, self.status.checks_label
        self.status_reason, self.homonym = self.status.status_reason, self.status.homonym
        self.doubtful, self.fictitious = self.status.doubtful, self.status.fictitious
        self.vitale_list, self.vitale_add = self.vitale.list, self.vitale.add_button
        self.vitale_edit, self.vitale_remove = self.vitale.edit_button, self.vitale.remove_button
        self.ins_label, self.insi_button = self.insi.ins_label, self.insi.button
        self.datamatrix_button, self.import_button = self.datamatrix.show_button, self.datamatrix.import_button
        self.clear()

    # -- construction ----------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        line = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("patientTitle")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.badge = StatusBadge(self)
        line.addWidget(self.title)
        line.addWidget(self.badge)
        line.addStretch(1)
        outer.addLayout(line)
        outer.addWidget(self.insi.ins_label)
        self.message = QLabel(self)
        mark_error(self.message)
        self.message.setWordWrap(True)
        self.message.hide()
        outer.addWidget(self.message)
        self.notice = QLabel(self)
        self.notice.setObjectName("formNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #0b3d6e;")
        self.notice.hide()
        outer.addWidget(self.notice)
        content = QWidget(self)
        parts = QVBoxLayout(content)
        parts.setContentsMargins(0, 0, 0, 0)
        for part in (self.status, self.traits, self.vitale, self.correspondents):
            parts.addWidget(part)
        parts.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer.addWidget(scroll, 1)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Enregistrer"), self)
        self.save_button.setDefault(True)
        self.discard_button = QPushButton(self.tr("Abandonner les modifications"), self)
        for button in (self.save_button, self.discard_button, self.insi.button, self.datamatrix.show_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.datamatrix.import_button)
        outer.addLayout(buttons)

    def _connect(self) -> None:
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self.discard)
        self.status.attribute_clicked.connect(self._set_attribute)
        self.status.check_clicked.connect(self.record_identity_check)
        self.vitale.changed.connect(self._status_changed)
        self.insi.button.clicked.connect(self.open_insi)
        self.insi.requested.connect(self.insi_requested)
        self.datamatrix.show_requested.connect(self.datamatrix_requested)
        self.datamatrix.file_chosen.connect(lambda path: self.confirm_discard(lambda: self.import_datamatrix(path)))
        self.datamatrix.read.connect(self._prefill)
        self.datamatrix.known.connect(self._open_owner)

    # -- what the parts ask of the form (`ui/patients/form/host.py`) -----------------------------------

    @property
    def busy(self) -> bool:
        return self._busy

    def run(self, coro: Coroutine[Any, Any, T], label: str, done: Callable[[T], None]) -> None:
        """Run one action through the task bridge; buttons wait for it, failures are explained here."""
        self._busy = True
        self._refresh_buttons()
        task = self._tasks.run(coro, label_fr=label)
        task.on_success(lambda result: self._finished(done, result)).on_failure(self._failed)

    def keep(self, dialog: QDialog) -> None:
        """Keep a non-modal dialog referenced until it closes."""
        self._dialogs.append(dialog)
        dialog.finished.connect(lambda _result: self._dialogs.remove(dialog))

    # -- values ----------------------------------------------------------------------------------------

    @property
    def pending_ins(self) -> tuple[str, str] | None:
        """An INS read from a datamatrix, to verify with INSi before it is attached (RNIV)."""
        return self.insi.pending_ins

    @pending_ins.setter
    def pending_ins(self, ins: tuple[str, str] | None) -> None:
        self.insi.pending_ins = ins

    @property
    def vitale_dialog(self) -> VitaleCardDialog | None:
        return self.vitale.dialog

    def values(self) -> dict[str, str]:
        """What the form shows now, field by field (text as typed)."""
        return self.traits.values()

    def draft(self) -> PatientDraft:
        return self.traits.draft()

    def is_dirty(self) -> bool:
        return self.traits.is_dirty()

    # -- showing a patient -----------------------------------------------------------------------------

    def clear(self) -> None:
        """An empty form for a new identity."""
        self.patient = None
        self.pending_ins = None
        self.traits.show_patient(None)
        self.correspondents.show_patient(None)
        self._refresh_header()
        self._clear_messages()

    def show_patient(self, patient: PatientView) -> None:
        """Show a stored patient (what was typed is replaced: callers ask first, see `request_open`)."""
        self.patient = patient
        self.pending_ins = None
        self.traits.show_patient(patient)
        self.correspondents.show_patient(patient.id)
        self._clear_messages()
        self._refresh_header()
        self.loaded.emit(patient.id)

    def _refresh_header(self) -> None:
        patient = self.patient
        if patient is None:
            self.title.setText(self.tr("Nouveau patient"))
            self.badge.set_status(IdentityStatus.PROV)
        else:
            self.title.setText(patient.display_name)
            self.badge.set_status(patient.status, attributes_text(
                doubtful=patient.doubtful, fictitious=patient.fictitious, homonym=patient.homonym))
        for part in (self.status, self.vitale, self.insi, self.datamatrix):
            part.show_patient(patient)
        self._refresh_buttons()
        self.trait_warning.hide()

    def _clear_messages(self) -> None:
        self.traits.clear_errors()
        self.message.hide()
        self.notice.hide()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _inform(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    # -- saving ----------------------------------------------------------------------------------------

    def _finished(self, done: Callable[[T], None], result: T) -> None:
        self._busy = False
        done(result)
        self._refresh_buttons()

    def _refresh_buttons(self) -> None:
        """Actions on a stored identity need one; none starts while another is running."""
        stored = self.patient is not None
        self.save_button.setEnabled(not self._busy)
        self.status.set_enabled(stored and not self._busy)
        self.insi.button.setEnabled(stored and not self._busy)
        self.vitale.refresh_buttons()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self._refresh_buttons()
        if isinstance(error, IdentityInputError):
            self.traits.show_errors(error.errors)
            self._say(self.tr("Identité non enregistrée : corrigez les champs signalés (rien n'est perdu)."))
        elif explain(error).is_bug:
            messages.failure(self.tr("Dossier patient"), error)
        else:
            self._say(explain(error).text)
        if self.patient is not None:  # a refused transition changes nothing: show the stored state again
            self._refresh_header()

    def save(self) -> None:
        if self._busy:
            return
        self._clear_messages()
        if self.patient is None:
            self._create(ignore_duplicates=False)
            return
        patient_id, version = self.patient.id, self.patient.version
        self.run(actions.update_patient(self._context.database, patient_id, self.draft(),
                                        actions.user_of(self._context), expected_version=version),
                 self.tr("Enregistrement du patient"), self._updated)

    def _create(self, *, ignore_duplicates: bool) -> None:
        self.run(actions.create_patient(self._context.database, self.draft(), actions.user_of(self._context),
                                        ignore_duplicates=ignore_duplicates),
                 self.tr("Création du patient"), self._created)

    def _created(self, outcome: Created) -> None:
        if outcome.patient is None:
            dialog = DuplicatesDialog(list(outcome.duplicates), list(outcome.resemblances), self)
            dialog.create_anyway.connect(lambda: self._create(ignore_duplicates=True))
            dialog.open_existing.connect(self.open_patient)
            self.keep(dialog)
            dialog.open()
            return
        pending = self.pending_ins
        self.show_patient(outcome.patient)
        self.pending_ins = pending
        messages.info(self.tr("Identité créée (identité provisoire)."))
        if pending:
            self._inform(fill(self.tr("INS lu sur le datamatrix : %1. Vérifiez-le avec le téléservice INSi "
                                      "pour l'attacher à l'identité."), format_matricule(pending[0])))
        self.saved.emit(outcome.patient.id)

    def _updated(self, outcome: Updated) -> None:
        self.show_patient(outcome.patient)
        if outcome.status_reason:
            self._inform(outcome.status_reason)
            messages.warning(outcome.status_reason)
        self.saved.emit(outcome.patient.id)

    def discard(self) -> None:
        """Forget what was typed: back to the stored identity (read again: it may have changed elsewhere)."""
        if self.patient is None:
            self.clear()
        else:
            self.open_patient(self.patient.id)

    # -- opening ---------------------------------------------------------------------------------------

    def request_open(self, patient_id: int) -> None:
        """Open a patient, asking first if unsaved changes would be lost."""
        if self.patient is not None and self.patient.id == patient_id and not self.is_dirty():
            return
        self.confirm_discard(lambda: self.open_patient(patient_id))

    def request_new(self) -> None:
        self.confirm_discard(self.clear)

    def confirm_discard(self, then: Callable[[], None]) -> None:
        """Run then, after asking (non-modally) when the form holds unsaved changes."""
        if not self.is_dirty():
            then()
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Modifications non enregistrées"),
                          self.tr("Les modifications de cette identité ne sont pas enregistrées. "
                                  "Les abandonner ?"),
                          QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel, self)
        box.button(QMessageBox.StandardButton.Discard).setText(self.tr("Abandonner les modifications"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Continuer la saisie"))
        box.setObjectName("confirmDiscard")
        box.finished.connect(lambda result: then() if result == QMessageBox.StandardButton.Discard else None)
        self.keep(box)
        box.open()

    def open_patient(self, patient_id: int) -> None:
        self.run(actions.open_patient(self._context.database, patient_id, actions.user_of(self._context)),
                 self.tr("Ouverture du patient"),
                 self.show_patient)

    # -- status actions --------------------------------------------------------------------------------

    def _set_attribute(self, name: str, checked: bool) -> None:
        if self.patient is None:
            return
        user = actions.user_of(self._context)
        self.run(actions.set_attributes(self._context.database, self.patient.id, user, **{name: checked}),
                 self.tr("Attributs de l'identité"), self._status_changed)

    def record_identity_check(self) -> None:
        """Record the document chosen as seen, once the user confirmed what it changes; the core validates
        (PROV → VALI, RECUP → QUAL) or refuses, before anything is asked."""
        document = self.status.chosen_document()
        if self.patient is None:
            return
        if document is None:
            self._say(self.tr("Choisissez d'abord la pièce d'identité présentée."))
            return
        if self.is_dirty():
            self._say(self.tr("Enregistrez d'abord les modifications : le contrôle porte sur les traits "
                              "enregistrés."))
            return
        self._clear_messages()
        self.run(actions.preview_identity_check(self._context.database, self.patient.id, document),
                 self.tr("Contrôle de la pièce d'identité"), self._confirm_check)

    def _confirm_check(self, preview: CheckPreview) -> None:
        box = self.status.confirm_check_box(preview)
        box.finished.connect(lambda result: self._record_check(preview)
                             if result == QMessageBox.StandardButton.Yes else None)
        self.keep(box)
        box.open()

    def _record_check(self, preview: CheckPreview) -> None:
        if self.patient is None:
            return
        self.run(actions.record_identity_check(self._context.database, self.patient.id, preview.document,
                                               actions.user_of(self._context)),
                 self.tr("Contrôle de la pièce d'identité"), self._status_changed)

    def _status_changed(self, patient: PatientView) -> None:
        """Status, attributes or cards changed: take the new version, status and cards, keep anything being
        typed."""
        typed = self.values()
        dirty = self.is_dirty()
        self.show_patient(patient)
        if dirty:
            self.traits.set_values(typed)
        self.saved.emit(patient.id)

    def apply_patient(self, patient: PatientView) -> None:
        """A patient changed elsewhere (the non-modal INSi dialog): the list refreshes, and the form shows the
        new identity if it shows that patient. Unsaved edits are kept on the old version, never merged into
        INSi's traits: saving them then meets the version check and says the record changed."""
        if self.patient is not None and self.patient.id == patient.id:
            if self.is_dirty():
                self._inform(self.tr("Ce dossier a été modifié depuis la fenêtre du téléservice INSi : "
                                     "abandonnez vos modifications pour afficher la nouvelle version."))
            else:
                self.show_patient(patient)
        self.saved.emit(patient.id)

    # -- INSi and datamatrix ---------------------------------------------------------------------------

    def open_insi(self) -> None:
        if self.patient is None:
            return
        if self.is_dirty():
            self._say(self.tr("Enregistrez d'abord les modifications : le téléservice INSi est interrogé "
                              "avec les traits enregistrés."))
            return
        self.insi.request(self.patient)

    def choose_datamatrix_file(self) -> None:
        self.datamatrix.choose_file()

    def import_datamatrix(self, path: Path) -> None:
        """Read a datamatrix INS from an image: open the identity that already bears its INS, or prefill a new
        identity with its traits (RNIV: the INS it carries is only attached after an INSi verification)."""
        self.datamatrix.import_file(path)

    def _open_owner(self, owner: DatamatrixOwner) -> None:
        """A known INS: its record, never a second identity; the traits that differ are pointed out."""
        self.show_patient(owner.patient)
        matricule = format_matricule(owner.patient.ins_matricule or "")
        if not owner.mismatches:
            self._inform(fill(self.tr("Ce datamatrix INS (INS %1) est celui de ce dossier, ouvert au lieu d'en "
                                      "créer un nouveau. Ses traits sont identiques à ceux enregistrés."), matricule))
            return
        details = "\n".join(fill(self.tr("• %1 : %2 dans le dossier, %3 sur le datamatrix"), mismatch.label,
                                 mismatch.stored or "—", mismatch.read or "—") for mismatch in owner.mismatches)
        self._say(fill(self.tr("Ce datamatrix INS (INS %1) est celui de ce dossier, ouvert au lieu d'en créer un "
                               "nouveau, mais des traits diffèrent :\n%2\nVérifiez l'identité avec une pièce "
                               "d'identité avant toute modification."), matricule, details))

    def _prefill(self, traits: DatamatrixTraits) -> None:
        self.clear()
        self.traits.set_values(prefill_values(traits))
        self.pending_ins = (traits.matricule, traits.oid)
        self._inform(fill(self.tr("Traits lus sur le datamatrix INS (INS %1). Vérifiez-les, enregistrez "
                                  "l'identité puis vérifiez l'INS avec le téléservice INSi."),
                          format_matricule(traits.matricule)))
