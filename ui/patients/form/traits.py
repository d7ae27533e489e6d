"""The identity traits of the form: the birth traits (INS, RNIV rule 1) under the live input rules (Ségur INS
1.2), with the birth-place look-up, then the used traits and contact data; what was typed, and whether it
differs from the stored identity."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from lgc_app.patients.birth_date import BirthDateError, display_birth_date, parse_birth_date
from lgc_app.patients.birth_place import Place
from lgc_app.patients.phone import format_phone
from lgc_app.patients.service import PatientDraft
from lgc_app.patients.status import STRICT_TRAITS
from lgc_app.patients.views import PatientView
from lgc_app.patients.vocabulary import IdentityStatus, Sex
from ui.patients.fields import BirthPlaceLookup, BirthTraitEdit, FieldRow
from ui.patients.wording import fill
from ui.tasks import TaskManager

W = TypeVar("W", bound=QWidget)
TEXT_FIELDS = ("birth_name", "birth_given_names", "first_birth_given_name", "birth_date", "birth_place_code",
               "used_name", "used_given_name", "address_line1", "address_line2", "postal_code", "city",
               "phone", "email")
REQUIRED = ("birth_name", "birth_given_names", "sex", "birth_date")


def patient_values(patient: PatientView) -> dict[str, str]:
    """The field texts of a stored identity."""
    values = {name: getattr(patient, name) or "" for name in TEXT_FIELDS}
    values["birth_date"] = display_birth_date(patient.birth_date)
    values["phone"] = format_phone(patient.phone or "")
    values["sex"] = patient.sex.value
    return values


class TraitsEditor(QWidget):
    """Birth traits beside used traits and contact data; `edits`, `rows` and `sex` are the fields."""

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: dict[str, FieldRow] = {}
        self.edits: dict[str, QLineEdit] = {}
        self._stored: PatientView | None = None
        self._baseline: dict[str, str] = {}
        self._first_given_auto = True
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._build_birth_traits(tasks), 1)
        layout.addWidget(self._build_used_and_contact(), 1)

    def _row(self, form: QFormLayout, label: str, name: str, field: W) -> W:
        row = FieldRow(field, self)
        self.rows[name] = row
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(label, row)
        return field

    def _build_birth_traits(self, tasks: TaskManager) -> QGroupBox:
        box = QGroupBox(self.tr("Traits d'identité de naissance (INS)"), self)
        form = QFormLayout(box)
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
        code.setPlaceholderText(self.tr("Code INSEE"))
        code.setToolTip(self.tr("Code INSEE de la commune de naissance ; pour une naissance à l'étranger, 99 "
                                "suivi du code du pays (ex. 99134 : Espagne)."))
        code.textEdited.connect(lambda text: code.setText(text.upper()))
        self.edits["birth_place_code"] = self._row(form, self.tr("Code du lieu de naissance"),
                                                   "birth_place_code", code)
        self.place_lookup = BirthPlaceLookup(tasks, self)
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
        phone = self.edits["phone"]
        phone.editingFinished.connect(lambda: phone.setText(format_phone(phone.text())))
        return box

    # -- values ----------------------------------------------------------------------------------------

    def values(self) -> dict[str, str]:
        """What the form shows now, field by field (text as typed)."""
        values = {name: self.edits[name].text().strip() for name in TEXT_FIELDS}
        values["sex"] = self.sex.currentData() or ""
        return values

    def draft(self) -> PatientDraft:
        values = self.values()
        return PatientDraft(**{name: value or None for name, value in values.items() if name not in REQUIRED},
                            **{name: values[name] for name in REQUIRED})

    def is_dirty(self) -> bool:
        return self.values() != self._baseline

    def set_values(self, values: dict[str, str]) -> None:
        for name in TEXT_FIELDS:
            self.edits[name].setText(values.get(name, ""))
        self.sex.setCurrentIndex(max(0, self.sex.findData(values.get("sex", ""))))
        self.place_lookup.show_code(values.get("birth_place_code", ""))

    def show_patient(self, patient: PatientView | None) -> None:
        """Show a stored identity (None: empty fields for a new one); what was typed is replaced."""
        self._stored = patient
        self.set_values(patient_values(patient) if patient else {})
        self._baseline = self.values()
        self._first_given_auto = patient is None or \
            patient.birth_given_names_list[:1] == [patient.first_birth_given_name]
        self.trait_warning.hide()

    def clear_errors(self) -> None:
        for row in self.rows.values():
            row.set_error("")

    def show_errors(self, errors: dict[str, str]) -> None:
        """One French message next to each refused field."""
        for name, text in errors.items():
            if name in self.rows:
                self.rows[name].set_error(text)

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
        patient = self._stored
        if patient is None or patient.status == IdentityStatus.PROV:
            return
        values = self.values()
        changed = [label for name, label in STRICT_TRAITS.items() if values[name] != self._baseline[name]]
        self.trait_warning.setText(fill(
            self.tr("Modification de : %1. À l'enregistrement, l'identité repassera au statut « Identité "
                    "provisoire »%2."), ", ".join(changed),
            self.tr(" et son INS sera retiré") if patient.ins_matricule else ""))
        self.trait_warning.setVisible(bool(changed))
