"""The identity form: INS traits (RNIV rule 1), live input rules (Ségur INS 1.2), status and attributes,
identity-document check, contact data, and the carte Vitale data kept apart from the INS traits.

Edits are safe: the form keeps what was typed until it is saved or explicitly discarded; a refused input, a
refused transition or a concurrent save (version check) is explained and nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from lgc_app.bootstrap import AppContext
from lgc_app.errors import explain
from lgc_app.patients.birth_date import BirthDateError, display_birth_date, parse_birth_date
from lgc_app.patients.birth_place import Place
from lgc_app.patients.datamatrix import DatamatrixTraits
from lgc_app.patients.models import Patient, VitaleCard
from lgc_app.patients.service import (
    CreateOutcome,
    IdentityInputError,
    PatientDraft,
    UpdateOutcome,
)
from lgc_app.patients.status import STRICT_TRAITS
from lgc_app.patients.vocabulary import IdentityDocumentType, IdentityStatus, Sex
from ui import messages
from ui.actions import patients as actions
from ui.patients.badges import StatusBadge, attributes_text
from ui.patients.duplicates_dialog import DuplicatesDialog
from ui.patients.fields import BirthPlaceLookup, BirthTraitEdit, FieldRow
from ui.patients.vitale_dialog import VitaleCardDialog
from ui.patients.wording import fill, format_matricule, local_time
from ui.tasks import TaskManager

T = TypeVar("T")
W = TypeVar("W", bound=QWidget)
TEXT_FIELDS = ("birth_name", "birth_given_names", "first_birth_given_name", "birth_date", "birth_place_code",
               "used_name", "used_given_name", "address_line1", "address_line2", "postal_code", "city",
               "phone", "email")


class PatientForm(QWidget):
    """One identity, new or stored.

    Signals:
        saved(int): a patient was created or changed (id); lists and indicators refresh.
        loaded(int): a stored patient is now shown.
        insi_requested(object, object): open the INSi dialog for (Patient, pending INS or None).
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
        self.patient: Patient | None = None
        self.pending_ins: tuple[str, str] | None = None  # read from a datamatrix, to verify with INSi
        self._baseline: dict[str, str] = {}
        self._busy = False
        self._first_given_auto = True
        self._dialogs: list[QDialog] = []
        self.vitale_dialog: VitaleCardDialog | None = None
        self._build()
        self.clear()

    # -- construction ----------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.addLayout(self._build_header())
        self.message = QLabel(self)
        self.message.setObjectName("fieldError")
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
        grid = QGridLayout(content)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self._build_status(), 0, 0, 1, 2)
        grid.addWidget(self._build_birth_traits(), 1, 0)
        grid.addWidget(self._build_used_and_contact(), 1, 1)
        grid.addWidget(self._build_vitale(), 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(3, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer.addWidget(scroll, 1)
        outer.addLayout(self._build_buttons())
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

    def _build_header(self) -> QVBoxLayout:
        header = QVBoxLayout()
        line = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("patientTitle")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.badge = StatusBadge(self)
        self.ins_label = QLabel(self)
        self.ins_label.setWordWrap(True)
        self.ins_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        line.addWidget(self.title)
        line.addWidget(self.badge)
        line.addStretch(1)
        header.addLayout(line)
        header.addWidget(self.ins_label)
        return header

    def _row(self, form: QFormLayout, label: str, name: str, field: W) -> W:
        row = FieldRow(field, self)
        self.rows[name] = row
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(label, row)
        return field

    def _build_birth_traits(self) -> QGroupBox:
        box = QGroupBox(self.tr("Traits d'identité de naissance (INS)"), self)
        form = QFormLayout(box)
        self.rows: dict[str, FieldRow] = {}
        self.edits: dict[str, QLineEdit] = {}
        for name, label, trait in (("birth_name", self.tr("Nom de naissance"), "nom de naissance"),
                                   ("birth_given_names", self.tr("Prénom(s) de naissance"),
                                    "prénom(s) de naissance"),
                                   ("first_birth_given_name", self.tr("Premier prénom de naissance"),
                                    "premier prénom de naissance")):
            edit = BirthTraitEdit(trait, self)
            edit.setObjectName(name)
            edit.rule_message.connect(lambda text, name=name: self.rows[name].set_error(text))
            self.edits[name] = self._row(form, label, name, edit)
        self.edits["birth_given_names"].setToolTip(self.tr("Tous les prénoms de naissance, dans l'ordre de "
                                                           "l'état civil, séparés par un espace."))
        self.edits["birth_given_names"].textEdited.connect(self._given_names_typed)
        self.edits["first_birth_given_name"].textEdited.connect(self._first_given_typed)
        date = QLineEdit(self)
        date.setPlaceholderText(self.tr("JJ/MM/AAAA (00 pour un jour ou un mois inconnu)"))
        date.editingFinished.connect(self._check_date)
        self.edits["birth_date"] = self._row(form, self.tr("Date de naissance"), "birth_date", date)
        self.sex = QComboBox(self)
        self.sex.addItem(self.tr("— choisir —"), "")
        for sex, text in ((Sex.F, self.tr("Féminin")), (Sex.M, self.tr("Masculin")),
                          (Sex.I, self.tr("Indéterminé"))):
            self.sex.addItem(text, sex.value)
        self._row(form, self.tr("Sexe"), "sex", self.sex)
        code = QLineEdit(self)
        code.setMaxLength(5)
        code.setPlaceholderText(self.tr("Code INSEE (99xxx : né·e à l'étranger)"))
        code.textEdited.connect(lambda text: code.setText(text.upper()))
        self.edits["birth_place_code"] = self._row(form, self.tr("Code du lieu de naissance"),
                                                   "birth_place_code", code)
        self.place_lookup = BirthPlaceLookup(self._tasks, self)
        self.place_lookup.setMinimumWidth(220)
        self.place_lookup.chosen.connect(self._place_chosen)
        form.addRow(self.tr("Commune / pays"), self.place_lookup)
        self.trait_warning = QLabel(self)
        self.trait_warning.setObjectName("traitWarning")
        self.trait_warning.setWordWrap(True)
        self.trait_warning.setStyleSheet("color: #8a4b00;")
        self.trait_warning.hide()
        form.addRow(self.trait_warning)
        for name in STRICT_TRAITS:
            if name in self.edits:
                self.edits[name].textEdited.connect(self._strict_trait_edited)
        self.sex.activated.connect(self._strict_trait_edited)
        return box

    def _build_status(self) -> QGroupBox:
        box = QGroupBox(self.tr("Statut de l'identité"), self)
        layout = QVBoxLayout(box)
        self.status_badge = StatusBadge(self)
        layout.addWidget(self.status_badge, 0, Qt.AlignmentFlag.AlignLeft)
        self.status_reason = QLabel(self)
        self.status_reason.setObjectName("statusReason")
        self.status_reason.setWordWrap(True)
        self.status_reason.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.status_reason)
        flags = QHBoxLayout()
        self.doubtful = QCheckBox(self.tr("Identité douteuse"), self)
        self.fictitious = QCheckBox(self.tr("Identité fictive"), self)
        self.homonym = QCheckBox(self.tr("Homonyme"), self)
        self.flags = {"doubtful": self.doubtful, "fictitious": self.fictitious, "homonym": self.homonym}
        for name, box_ in self.flags.items():
            box_.clicked.connect(lambda checked, name=name: self._set_attribute(name, checked))
            flags.addWidget(box_)
        layout.addLayout(flags)
        check = QHBoxLayout()
        self.document = QComboBox(self)
        for document in IdentityDocumentType:
            self.document.addItem(document.label, document.value)
        self.check_button = QPushButton(self.tr("Enregistrer le contrôle"), self)
        self.check_button.setToolTip(self.tr("La pièce d'identité choisie a été vue : l'identité devient "
                                             "validée (ou qualifiée si elle a été récupérée par INSi)."))
        self.check_button.clicked.connect(self.record_identity_check)
        check.addWidget(QLabel(self.tr("Pièce vue :"), self))
        check.addWidget(self.document, 1)
        check.addWidget(self.check_button)
        layout.addLayout(check)
        self.checks_label = QLabel(self)
        self.checks_label.setWordWrap(True)
        self.checks_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.checks_label)
        return box

    def _build_used_and_contact(self) -> QGroupBox:
        box = QGroupBox(self.tr("Traits d'usage et coordonnées"), self)
        form = QFormLayout(box)
        for name, label in (("used_name", self.tr("Nom utilisé")),
                            ("used_given_name", self.tr("Prénom utilisé")),
                            ("address_line1", self.tr("Adresse")), ("address_line2", self.tr("Complément")),
                            ("postal_code", self.tr("Code postal")), ("city", self.tr("Ville")),
                            ("phone", self.tr("Téléphone")), ("email", self.tr("Courriel"))):
            edit = QLineEdit(self)
            edit.setObjectName(name)
            self.edits[name] = self._row(form, label, name, edit)
        return box

    def _build_vitale(self) -> QGroupBox:
        box = QGroupBox(self.tr("Carte Vitale (données de la carte, distinctes des traits INS)"), self)
        layout = QHBoxLayout(box)
        cards = QVBoxLayout()
        self.vitale_label = QLabel(self)
        self.vitale_label.setWordWrap(True)
        self.vitale_label.setTextFormat(Qt.TextFormat.PlainText)
        self.vitale_list = QListWidget(self)
        self.vitale_list.setObjectName("vitaleCards")
        self.vitale_list.setMaximumHeight(90)
        self.vitale_list.itemSelectionChanged.connect(self._refresh_buttons)
        self.vitale_list.itemDoubleClicked.connect(lambda _item: self.edit_vitale_card())
        cards.addWidget(self.vitale_label)
        cards.addWidget(self.vitale_list)
        layout.addLayout(cards, 1)
        buttons = QVBoxLayout()
        self.vitale_add = QPushButton(self.tr("Ajouter…"), self)
        self.vitale_add.clicked.connect(self.add_vitale_card)
        self.vitale_edit = QPushButton(self.tr("Modifier…"), self)
        self.vitale_edit.clicked.connect(self.edit_vitale_card)
        self.vitale_remove = QPushButton(self.tr("Supprimer"), self)
        self.vitale_remove.clicked.connect(self.remove_vitale_card)
        for button in (self.vitale_add, self.vitale_edit, self.vitale_remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return box

    def _build_buttons(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Enregistrer"), self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.discard_button = QPushButton(self.tr("Abandonner les modifications"), self)
        self.discard_button.clicked.connect(self.discard)
        self.insi_button = QPushButton(self.tr("Téléservice INSi…"), self)
        self.insi_button.clicked.connect(self.open_insi)
        self.datamatrix_button = QPushButton(self.tr("Datamatrix INS…"), self)
        self.datamatrix_button.clicked.connect(self._show_datamatrix)
        self.import_button = QPushButton(self.tr("Importer un datamatrix…"), self)
        self.import_button.clicked.connect(self.choose_datamatrix_file)
        for button in (self.save_button, self.discard_button, self.insi_button, self.datamatrix_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        return buttons

    # -- values ----------------------------------------------------------------------------------------

    def values(self) -> dict[str, str]:
        """What the form shows now, field by field (text as typed)."""
        values = {name: self.edits[name].text().strip() for name in TEXT_FIELDS}
        values["sex"] = self.sex.currentData() or ""
        return values

    def draft(self) -> PatientDraft:
        values = self.values()
        return PatientDraft(**{name: value or None for name, value in values.items()
                               if name not in ("birth_name", "birth_given_names", "sex", "birth_date")},
                            birth_name=values["birth_name"], birth_given_names=values["birth_given_names"],
                            sex=values["sex"], birth_date=values["birth_date"])

    def is_dirty(self) -> bool:
        return self.values() != self._baseline

    def _set_values(self, values: dict[str, str]) -> None:
        for name in TEXT_FIELDS:
            self.edits[name].setText(values.get(name, ""))
        self.sex.setCurrentIndex(max(0, self.sex.findData(values.get("sex", ""))))
        self.place_lookup.show_code(values.get("birth_place_code", ""))

    @staticmethod
    def _patient_values(patient: Patient) -> dict[str, str]:
        values = {name: getattr(patient, name) or "" for name in TEXT_FIELDS}
        values["birth_date"] = display_birth_date(patient.birth_date)
        values["sex"] = str(patient.sex)  # a Sex, or its code just after a save (same text either way)
        return values

    # -- showing a patient -----------------------------------------------------------------------------

    def clear(self) -> None:
        """An empty form for a new identity."""
        self.patient = None
        self.pending_ins = None
        self._first_given_auto = True
        self._set_values({})
        self._baseline = self.values()
        self._refresh_header()
        self._clear_messages()

    def show_patient(self, patient: Patient) -> None:
        """Show a stored patient (what was typed is replaced: callers ask first, see `request_open`)."""
        self.patient = patient
        self.pending_ins = None
        self._set_values(self._patient_values(patient))
        self._baseline = self.values()
        first = patient.birth_given_names_list[:1]
        self._first_given_auto = first == [patient.first_birth_given_name]
        self._clear_messages()
        self._refresh_header()
        self.loaded.emit(patient.id)

    def _refresh_header(self) -> None:
        patient = self.patient
        if patient is None:
            self.title.setText(self.tr("Nouveau patient"))
            self.badge.set_status(IdentityStatus.PROV)
            self.status_badge.set_status(IdentityStatus.PROV)
            self.ins_label.setText(self.tr("Pas d'INS"))
            self.status_reason.setText(self.tr("Une identité créée ici est provisoire jusqu'à l'appel au "
                                               "téléservice INSi et au contrôle d'une pièce d'identité."))
            self.checks_label.clear()
        else:
            attributes = attributes_text(doubtful=patient.doubtful, fictitious=patient.fictitious,
                                         homonym=patient.homonym)
            self.title.setText(patient.display_name)
            self.badge.set_status(patient.status, attributes)
            self.status_badge.set_status(patient.status, attributes)
            self.ins_label.setText(self._ins_text(patient))
            last = patient.status_changes[-1] if patient.status_changes else None
            self.status_reason.setText(fill(self.tr("Dernier changement : %1 (%2, %3)"), last.reason,
                                            last.changed_by, local_time(last.changed_at)) if last else "")
            self.checks_label.setText("\n".join(
                fill(self.tr("%1 vue par %2 le %3"), check.document_type.label, check.checked_by,
                     local_time(check.checked_at, with_time=False)) for check in patient.identity_checks))
            for name, box in self.flags.items():
                box.setChecked(getattr(patient, name))
        self._show_vitale_cards(patient.vitale_cards if patient else [])
        self._refresh_buttons()
        self.trait_warning.hide()

    def _ins_text(self, patient: Patient) -> str:
        if not patient.ins_matricule:
            return self.tr("Pas d'INS")
        text = fill(self.tr("INS %1 (OID %2)"), format_matricule(patient.ins_matricule), patient.ins_oid)
        if not patient.is_qualified:  # PROTOCOLS §1.3: it never leaves the software in this state
            text += self.tr(" — non transmis tant que l'identité n'est pas qualifiée")
        return text

    def _clear_messages(self) -> None:
        for row in self.rows.values():
            row.set_error("")
        self.message.hide()
        self.notice.hide()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _inform(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    # -- live rules ------------------------------------------------------------------------------------

    def _given_names_typed(self, text: str) -> None:
        if self._first_given_auto:
            first = self.edits["birth_given_names"].text().split(" ")[0]
            self.edits["first_birth_given_name"].setText(first)

    def _first_given_typed(self, text: str) -> None:
        self._first_given_auto = not text

    def _check_date(self) -> None:
        text = self.edits["birth_date"].text().strip()
        try:
            if text:
                self.edits["birth_date"].setText(display_birth_date(parse_birth_date(text)))
            self.rows["birth_date"].set_error("")
        except BirthDateError as exc:
            self.rows["birth_date"].set_error(exc.text)

    def _place_chosen(self, place: Place) -> None:
        self.edits["birth_place_code"].setText(place.code)
        self._strict_trait_edited()

    def _strict_trait_edited(self, *_args: object) -> None:
        """Warn before saving: hand-editing a verified trait takes the identity back to provisional (RNIV)."""
        patient = self.patient
        if patient is None or patient.status == IdentityStatus.PROV:
            return
        values = self.values()
        changed = [label for name, label in STRICT_TRAITS.items() if values[name] != self._baseline[name]]
        self.trait_warning.setText(fill(
            self.tr("Modification de : %1. À l'enregistrement, l'identité repassera au statut « Identité "
                    "provisoire »%2."), ", ".join(changed),
            self.tr(" et son INS sera retiré") if patient.ins_matricule else ""))
        self.trait_warning.setVisible(bool(changed))

    # -- saving ----------------------------------------------------------------------------------------

    def _run(self, coro: Coroutine[Any, Any, T], label: str, done: Callable[[T], None]) -> None:
        """Run one action through the task bridge; buttons wait for it, failures are explained here."""
        self._busy = True
        self._refresh_buttons()
        task = self._tasks.run(coro, label_fr=label)
        task.on_success(lambda result: self._finished(done, result)).on_failure(self._failed)

    def _finished(self, done: Callable[[T], None], result: T) -> None:
        self._busy = False
        done(result)
        self._refresh_buttons()

    def _refresh_buttons(self) -> None:
        """Actions on a stored identity need one; none starts while another is running."""
        stored = self.patient is not None
        self.save_button.setEnabled(not self._busy)
        for widget in (self.doubtful, self.fictitious, self.homonym, self.check_button, self.document,
                       self.insi_button):
            widget.setEnabled(stored and not self._busy)
        self.datamatrix_button.setEnabled(self.patient is not None and self.patient.is_qualified)
        self.vitale_add.setEnabled(stored and not self._busy)
        chosen = self._chosen_card() is not None
        self.vitale_edit.setEnabled(chosen and not self._busy)
        self.vitale_remove.setEnabled(chosen and not self._busy)

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self._refresh_buttons()
        if isinstance(error, IdentityInputError):
            for name, text in error.errors.items():
                if name in self.rows:
                    self.rows[name].set_error(text)
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
        self._run(actions.update_patient(self._context.database, patient_id, self.draft(),
                                         actions.user_of(self._context), expected_version=version),
                  self.tr("Enregistrement du patient"), self._updated)

    def _create(self, *, ignore_duplicates: bool) -> None:
        self._run(actions.create_patient(self._context.database, self.draft(), actions.user_of(self._context),
                                         ignore_duplicates=ignore_duplicates),
                  self.tr("Création du patient"), self._created)

    def _created(self, outcome: CreateOutcome) -> None:
        if outcome.patient is None:
            dialog = DuplicatesDialog(outcome.duplicates, self)
            dialog.create_anyway.connect(lambda: self._create(ignore_duplicates=True))
            dialog.open_existing.connect(self.open_patient)
            self._keep(dialog)
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

    def _updated(self, outcome: UpdateOutcome) -> None:
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
        self._keep(box)
        box.open()

    def open_patient(self, patient_id: int) -> None:
        self._run(actions.load_patient(self._context.database, patient_id), self.tr("Ouverture du patient"),
                  self.show_patient)

    def _keep(self, dialog: QDialog) -> None:
        """Keep a non-modal dialog referenced until it closes."""
        self._dialogs.append(dialog)
        dialog.finished.connect(lambda _result: self._dialogs.remove(dialog))

    # -- status actions --------------------------------------------------------------------------------

    def _set_attribute(self, name: str, checked: bool) -> None:
        if self.patient is None:
            return
        user = actions.user_of(self._context)
        self._run(actions.set_attributes(self._context.database, self.patient.id, user, **{name: checked}),
                  self.tr("Attributs de l'identité"), self._status_changed)

    def record_identity_check(self) -> None:
        """Record the document chosen as seen; the core validates (PROV → VALI, RECUP → QUAL) or refuses."""
        if self.patient is None:
            return
        if self.is_dirty():
            self._say(self.tr("Enregistrez d'abord les modifications : le contrôle porte sur les traits "
                              "enregistrés."))
            return
        document = IdentityDocumentType(self.document.currentData())
        self._run(actions.record_identity_check(self._context.database, self.patient.id, document,
                                                actions.user_of(self._context)),
                  self.tr("Contrôle de la pièce d'identité"), self._status_changed)

    def _status_changed(self, patient: Patient) -> None:
        """Status, attributes or cards changed: take the new version, status and cards, keep anything being
        typed."""
        typed = self.values()
        dirty = self.is_dirty()
        self.show_patient(patient)
        if dirty:
            self._set_values(typed)
        self.saved.emit(patient.id)

    def apply_patient(self, patient: Patient) -> None:
        """A patient changed elsewhere (INSi dialog): show it (the INSi dialog opens only on a clean form)."""
        self.show_patient(patient)
        self.saved.emit(patient.id)

    # -- carte Vitale (kept apart from the INS traits: saving a card never touches the identity) -------------

    def _show_vitale_cards(self, cards: list[VitaleCard]) -> None:
        self.vitale_list.clear()
        for card in cards:
            item = QListWidgetItem(fill(self.tr("N° d'assuré %1, rang %2 : %3 %4, né(e) le %5"),
                                        card.insured_nir, card.birth_rank, card.name, card.given_name,
                                        display_birth_date(card.birth_date)))
            item.setData(Qt.ItemDataRole.UserRole, card.id)
            self.vitale_list.addItem(item)
        self.vitale_label.setText(self.tr("Aucune carte Vitale enregistrée pour ce patient.") if not cards
                                  else self.tr("Données lues sur la carte ; elles ne modifient pas l'identité."))
        self.vitale_list.setVisible(bool(cards))

    def _chosen_card(self) -> VitaleCard | None:
        item = self.vitale_list.currentItem()
        if self.patient is None or item is None or not item.isSelected():
            return None
        card_id = item.data(Qt.ItemDataRole.UserRole)
        return next((card for card in self.patient.vitale_cards if card.id == card_id), None)

    def add_vitale_card(self) -> None:
        self._open_vitale_dialog(None)

    def edit_vitale_card(self) -> None:
        card = self._chosen_card()
        if card is not None:
            self._open_vitale_dialog(card)

    def _open_vitale_dialog(self, card: VitaleCard | None) -> None:
        if self.patient is None or self._busy:
            return
        dialog = VitaleCardDialog(self._context, self._tasks, self.patient, card, self)
        dialog.saved.connect(self._status_changed)
        self._keep(dialog)
        self.vitale_dialog = dialog  # tests, and raising it again
        dialog.open()

    def remove_vitale_card(self) -> None:
        """Delete the chosen card after a (non-modal) confirmation."""
        card = self._chosen_card()
        if card is None or self.patient is None:
            return
        patient_id, card_id = self.patient.id, card.id
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Supprimer la carte Vitale"),
                          fill(self.tr("Supprimer la carte Vitale n° %1 de ce dossier ? L'identité n'est pas "
                                       "modifiée."), card.insured_nir),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Supprimer"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Conserver"))
        box.setObjectName("confirmVitaleRemoval")
        box.finished.connect(lambda result: self._run(
            actions.remove_vitale_card(self._context.database, patient_id, card_id, actions.user_of(self._context)),
            self.tr("Suppression de la carte Vitale"), self._status_changed)
            if result == QMessageBox.StandardButton.Yes else None)
        self._keep(box)
        box.open()

    # -- INSi and datamatrix ---------------------------------------------------------------------------

    def open_insi(self) -> None:
        if self.patient is None:
            return
        if self.is_dirty():
            self._say(self.tr("Enregistrez d'abord les modifications : le téléservice INSi est interrogé "
                              "avec les traits enregistrés."))
            return
        self.insi_requested.emit(self.patient, self.pending_ins)

    def _show_datamatrix(self) -> None:
        if self.patient is not None:
            self.datamatrix_requested.emit(self.patient.id)

    def choose_datamatrix_file(self) -> None:
        dialog = QFileDialog(self, self.tr("Importer un datamatrix INS"))
        dialog.setNameFilter(self.tr("Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(
            lambda path: self.confirm_discard(lambda: self.import_datamatrix(Path(path))))
        self._keep(dialog)
        dialog.open()

    def import_datamatrix(self, path: Path) -> None:
        """Read a datamatrix INS from an image and prefill a new identity with its traits (RNIV: the INS it
        carries is only attached after an INSi verification)."""
        self._run(actions.read_datamatrix(path), self.tr("Lecture du datamatrix INS"),
                  self._prefill)

    def _prefill(self, traits: DatamatrixTraits) -> None:
        self.clear()
        given = traits.given_names
        self._set_values({"birth_name": traits.birth_name, "birth_given_names": given,
                          "first_birth_given_name": traits.first_given_name,
                          "birth_date": display_birth_date(traits.birth_date), "sex": traits.sex,
                          "birth_place_code": traits.birth_place or ""})
        self.pending_ins = (traits.matricule, traits.oid)
        self._inform(fill(self.tr("Traits lus sur le datamatrix INS (INS %1). Vérifiez-les, enregistrez "
                                  "l'identité puis vérifiez l'INS avec le téléservice INSi."),
                          format_matricule(traits.matricule)))
