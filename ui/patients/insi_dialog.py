"""The INSi dialog: search by traits, search by carte Vitale, verification of an INS; the answer reviewed
trait by trait and accepted or refused by the user (RNIV: an INS is attached only with INSi's traits).

Every call goes through the task bridge (activity spinner, cancellable) and is logged by the core. Nothing
changes the identity until "Accepter l'identité INSi"; refusing one differing trait refuses the INS.
The dialog is non-modal and owns its requests: closing it cancels them (issue 13 items 1 and 7).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lgc_app.bootstrap import AppContext
from lgc_app.errors import explain
from lgc_app.patients.birth_date import BirthDateError, display_birth_date, parse_birth_date
from lgc_app.patients.insi_lookup import InsiAnswer
from lgc_app.patients.insi_result import InsiApplyError, insi_traits, single_identity
from lgc_app.patients.matricule import INS_OIDS, MatriculeError, oid_label, parse_matricule
from lgc_app.patients.status import STRICT_TRAITS
from lgc_app.patients.use_cases import InsiApplied
from lgc_app.patients.views import PatientView
from lgc_app.patients.vitale import VitaleInputError
from services.insi import InsiIdentity, VitaleQuery
from ui import messages
from ui.actions import patients as actions
from ui.patients.badges import StatusBadge, attributes_text, status_text
from ui.patients.wording import fill, format_matricule
from ui.style import mark_error
from ui.tasks import Task, TaskManager

DIFFERENT = QColor("#fff3cd")


class InsiDialog(QDialog):
    """INSi requests for one stored patient.

    Signals:
        applied(object): the identity was updated from INSi (the new `PatientView`).
        answered(object): an INSi answer is displayed (`InsiAnswer`; tests, traces).
        vitale_saved(object): the typed carte Vitale data were saved (the `PatientView` with its cards; the
            identity itself is unchanged).
    """

    applied = Signal(object)
    answered = Signal(object)
    vitale_saved = Signal(object)

    TRAITS, VITALE, VERIFY = range(3)

    def __init__(self, context: AppContext, tasks: TaskManager, patient: PatientView,
                 pending_ins: tuple[str, str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("insiDialog")
        self.resize(760, 560)
        self._context = context
        self._tasks = tasks
        self.patient = patient
        self.answer: InsiAnswer | None = None
        self._task: Task[Any] | None = None
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setStyleSheet("font-weight: bold;")
        self.badge = StatusBadge(self)
        header.addWidget(self.title)
        header.addWidget(self.badge)
        header.addStretch(1)
        layout.addLayout(header)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._traits_tab(), self.tr("Recherche par traits"))
        self.tabs.addTab(self._vitale_tab(), self.tr("Recherche par carte Vitale"))
        self.tabs.addTab(self._verify_tab(pending_ins), self.tr("Vérification de l'INS"))
        if pending_ins:
            self.tabs.setCurrentIndex(self.VERIFY)
        layout.addWidget(self.tabs, 0)
        busy = QHBoxLayout()
        self.busy_label = QLabel(self.tr("Interrogation du téléservice INSi…"), self)
        self.cancel_button = QPushButton(self.tr("Annuler la requête"), self)
        self.cancel_button.clicked.connect(self.cancel_request)
        busy.addWidget(self.busy_label)
        busy.addWidget(self.cancel_button)
        busy.addStretch(1)
        layout.addLayout(busy)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("insiResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.result_label)
        self.error_label = QLabel(self)
        mark_error(self.error_label)
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("Trait"), self.tr("Dans le dossier"),
                                              self.tr("Réponse INSi"), self.tr("Décision")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.accept_button = QPushButton(self.tr("Accepter l'identité INSi"), self)
        self.accept_button.clicked.connect(self.accept_identity)
        self.refuse_button = QPushButton(self.tr("Refuser"), self)
        self.refuse_button.clicked.connect(self.refuse_identity)
        self.close_button = QPushButton(self.tr("Fermer"), self)
        self.close_button.clicked.connect(self.close)
        buttons.addStretch(1)
        for button in (self.accept_button, self.refuse_button, self.close_button):
            button.setAutoDefault(False)  # Enter must not accept (or drop) an identity by accident
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.checkboxes: dict[str, QCheckBox] = {}
        self._show_patient(patient)
        self._vitale_card_id = self._prefill_vitale(patient)
        self._set_busy(False)
        self._show_answer(None)

    # -- tabs ---------------------------------------------------------------------------------------------

    def _traits_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        self.traits_summary = QLabel(tab)
        self.traits_summary.setTextFormat(Qt.TextFormat.PlainText)
        self.traits_summary.setWordWrap(True)
        self.traits_button = QPushButton(self.tr("Rechercher l'INS avec ces traits"), tab)
        self.traits_button.clicked.connect(self.search_traits)
        layout.addWidget(self.traits_summary)
        layout.addWidget(self.traits_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return tab

    def _vitale_tab(self) -> QWidget:
        tab = QWidget(self)
        form = QFormLayout(tab)
        self.insured_nir = QLineEdit(tab)
        self.insured_nir.setPlaceholderText(self.tr("13 ou 15 caractères, tel que lu sur la carte"))
        self.beneficiary_nir = QLineEdit(tab)
        self.beneficiary_nir.setPlaceholderText(self.tr("facultatif"))
        self.vitale_birth_date = QLineEdit(tab)
        self.vitale_birth_date.setPlaceholderText(self.tr("JJ/MM/AAAA"))
        self.birth_rank = QSpinBox(tab)
        self.birth_rank.setRange(1, 9)
        self.vitale_name = QLineEdit(tab)
        self.vitale_name.setPlaceholderText(self.tr("facultatif"))
        self.vitale_button = QPushButton(self.tr("Rechercher l'INS avec la carte Vitale"), tab)
        self.vitale_button.clicked.connect(self.search_vitale)
        self.save_vitale_button = QPushButton(self.tr("Enregistrer la carte Vitale"), tab)
        self.save_vitale_button.setToolTip(self.tr("Conserve ces données de carte dans le dossier, à part des "
                                                   "traits INS (l'identité n'est pas modifiée)."))
        self.save_vitale_button.clicked.connect(self.save_vitale_card)
        form.addRow(self.tr("N° d'immatriculation de l'assuré"), self.insured_nir)
        form.addRow(self.tr("NIR du bénéficiaire"), self.beneficiary_nir)
        form.addRow(self.tr("Date de naissance (carte)"), self.vitale_birth_date)
        form.addRow(self.tr("Rang de naissance"), self.birth_rank)
        form.addRow(self.tr("Nom de naissance"), self.vitale_name)
        buttons = QHBoxLayout()
        buttons.addWidget(self.vitale_button)
        buttons.addWidget(self.save_vitale_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        return tab

    def _prefill_vitale(self, patient: PatientView) -> int | None:
        """Fill the Vitale tab from the last stored card; its id (saving then updates it), or None."""
        if not patient.vitale_cards:
            return None
        card = patient.vitale_cards[-1]
        self.insured_nir.setText(card.insured_nir)
        self.beneficiary_nir.setText(card.beneficiary_nir or "")
        self.birth_rank.setValue(card.birth_rank)
        self.vitale_birth_date.setText(display_birth_date(card.birth_date))
        self.vitale_name.setText(card.name)
        return card.id

    def _verify_tab(self, pending_ins: tuple[str, str] | None) -> QWidget:
        tab = QWidget(self)
        form = QFormLayout(tab)
        self.verify_matricule = QLineEdit(tab)
        self.verify_matricule.setPlaceholderText(self.tr("15 caractères (13 + clé)"))
        self.verify_oid = QComboBox(tab)
        for oid in INS_OIDS:
            self.verify_oid.addItem(f"{oid_label(oid)} — {oid}", oid)
        matricule, oid = pending_ins or (self.patient.ins_matricule, self.patient.ins_oid)
        if matricule:
            self.verify_matricule.setText(matricule)
        if oid and self.verify_oid.findData(oid) >= 0:
            self.verify_oid.setCurrentIndex(self.verify_oid.findData(oid))
        self.verify_button = QPushButton(self.tr("Vérifier l'INS"), tab)
        self.verify_button.clicked.connect(self.verify)
        origin = QLabel(self.tr("INS lu sur un datamatrix : à vérifier avant de l'attacher.") if pending_ins
                        else self.tr("Confirme qu'un INS connu correspond bien aux traits du dossier."), tab)
        origin.setWordWrap(True)
        form.addRow(origin)
        form.addRow(self.tr("Matricule INS"), self.verify_matricule)
        form.addRow(self.tr("OID"), self.verify_oid)
        form.addRow(self.verify_button)
        return tab

    def _show_patient(self, patient: PatientView) -> None:
        self.patient = patient
        self.title.setText(patient.display_name)
        # non-modal, possibly several: the title says whose identity each one is about
        self.setWindowTitle(fill(self.tr("Téléservice INSi — %1"), patient.display_name))
        self.badge.set_status(patient.status, attributes_text(doubtful=patient.doubtful,
                                                              fictitious=patient.fictitious,
                                                              homonym=patient.homonym))
        self.traits_summary.setText(fill(
            self.tr("Nom de naissance : %1\nPrénom(s) de naissance : %2\nSexe : %3\nDate de naissance : %4\n"
                    "Lieu de naissance : %5\n\nINSi est interrogé avec chaque prénom de naissance, dans "
                    "l'ordre, jusqu'à trouver l'identité."),
            patient.birth_name, patient.birth_given_names, str(patient.sex),
            display_birth_date(patient.birth_date), patient.birth_place_code or self.tr("non renseigné")))
        self.vitale_birth_date.setText(display_birth_date(patient.birth_date))
        self.vitale_name.setText(patient.birth_name)

    # -- requests -----------------------------------------------------------------------------------------

    def search_traits(self) -> None:
        self._request(actions.insi_search_traits(self._context, self.patient.id))

    def search_vitale(self) -> None:
        try:
            birth_date = parse_birth_date(self.vitale_birth_date.text())
        except BirthDateError as exc:
            self._error(exc.text)
            return
        insured = self.insured_nir.text().replace(" ", "").upper()
        if len(insured) not in (13, 15):
            self._error(self.tr("Le n° d'immatriculation de l'assuré comporte 13 ou 15 caractères."))
            return
        query = VitaleQuery(insured_nir=insured, birth_date=birth_date,
                            beneficiary_nir=self.beneficiary_nir.text().replace(" ", "").upper() or None,
                            birth_rank=self.birth_rank.value(),
                            birth_name=self.vitale_name.text().strip().upper() or None)
        self._request(actions.insi_search_vitale(self._context, self.patient.id, query))

    def save_vitale_card(self) -> None:
        """Store the typed card data (updating the card they were prefilled from); the identity is untouched."""
        self._error("")
        self.save_vitale_button.setEnabled(False)
        task = self._tasks.run(actions.save_vitale_card(
            self._context.database, self.patient.id, actions.user_of(self._context), card_id=self._vitale_card_id,
            insured_nir=self.insured_nir.text(), beneficiary_nir=self.beneficiary_nir.text() or None,
            birth_rank=self.birth_rank.value(), birth_date=self.vitale_birth_date.text() or None,
            name=self.vitale_name.text() or None), label_fr=self.tr("Enregistrement de la carte Vitale"),
            owner=self)
        task.on_success(self._vitale_saved).on_failure(self._vitale_save_failed)

    def _vitale_saved(self, patient: PatientView) -> None:
        self.save_vitale_button.setEnabled(True)
        self.patient = patient
        self._vitale_card_id = patient.vitale_cards[-1].id if self._vitale_card_id is None else self._vitale_card_id
        self.result_label.setText(self.tr("Carte Vitale enregistrée dans le dossier (identité inchangée)."))
        self.vitale_saved.emit(patient)

    def _vitale_save_failed(self, error: BaseException) -> None:
        self.save_vitale_button.setEnabled(True)
        if isinstance(error, VitaleInputError):
            self._error(self.tr("Carte Vitale non enregistrée : ") + " ".join(error.errors.values()))
        else:
            self._error(explain(error).text)

    def verify(self) -> None:
        try:
            matricule = parse_matricule(self.verify_matricule.text()).value
        except MatriculeError as exc:
            self._error(exc.text)
            return
        self._request(actions.insi_verify(self._context, self.patient.id, matricule,
                                          self.verify_oid.currentData()))

    def _request(self, coro: Any) -> None:
        self._show_answer(None)
        self._set_busy(True)
        self._task = self._tasks.run(coro, label_fr=self.tr("Appel au téléservice INSi"), owner=self)
        self._task.on_success(self._answered).on_failure(self._failed)

    def cancel_request(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self._task = None
        self._set_busy(False)
        self.result_label.setText(self.tr("Requête INSi annulée."))

    def _set_busy(self, busy: bool) -> None:
        for button in (self.traits_button, self.vitale_button, self.verify_button):
            button.setEnabled(not busy)
        self.busy_label.setVisible(busy)
        self.cancel_button.setVisible(busy)

    def _answered(self, answer: InsiAnswer) -> None:
        self._task = None
        self._set_busy(False)
        self._show_answer(answer)
        self.answered.emit(answer)

    def _failed(self, error: BaseException) -> None:
        self._task = None
        self._set_busy(False)
        self._error(explain(error).text)

    def _error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    # -- the answer ---------------------------------------------------------------------------------------

    def _show_answer(self, answer: InsiAnswer | None) -> None:
        self.answer = answer
        self.checkboxes = {}
        self.table.setRowCount(0)
        self._error("")
        identity = answer.identity if answer else None
        self.accept_button.setEnabled(identity is not None)
        self.refuse_button.setEnabled(identity is not None)
        if answer is None:
            self.result_label.clear()
            return
        if identity is None:
            try:
                single_identity(answer.result)
            except InsiApplyError as exc:  # the core's wording for 01, 02 and unexpected codes
                self.result_label.setText(exc.text)
            return
        differing = {difference.field for difference in answer.differences}
        self.result_label.setText(fill(
            self.tr("Une identité trouvée : INS %1 (%2). %3%4"), format_matricule(identity.matricule),
            oid_label(identity.oid), self._ins_change(identity),
            self.tr("Les traits différents sont surlignés : acceptez-les ou refusez-les un par un.")
            if differing else self.tr("Les traits sont identiques à ceux du dossier.")))
        for field, insi_value in insi_traits(identity).items():
            stored = getattr(self.patient, field)
            self._add_row(field, None if stored is None else str(stored), insi_value,
                          field in differing)

    def _ins_change(self, identity: InsiIdentity) -> str:
        """The sentence saying that accepting replaces the stored INS (a matricule changed: NIA → NIR), and
        whether INSi knows the stored one as a former matricule of this identity (its history), or "" ."""
        stored = self.patient.ins_matricule
        if not stored or stored == identity.matricule:
            return ""
        change = fill(self.tr("INS différent : l'INS enregistré %1 est remplacé par %2"), format_matricule(stored),
                      format_matricule(identity.matricule))
        if any(former.matricule == stored for former in identity.history):
            return change + self.tr(", connu d'INSi comme ancien matricule. ")
        return change + self.tr(" ; INSi ne le connaît pas comme ancien matricule de cette identité : vérifiez "
                                "qu'il s'agit bien du même patient. ")

    def _add_row(self, field: str, stored: str | None, insi: str | None, differs: bool) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        if field == "birth_date":
            stored, insi = (display_birth_date(value) if value else None for value in (stored, insi))
        shown = (STRICT_TRAITS[field], stored or "—", insi or "—")
        for column, text in enumerate(shown):
            item = QTableWidgetItem(text)
            if differs:
                item.setBackground(DIFFERENT)
            self.table.setItem(row, column, item)
        if differs:
            box = QCheckBox(self.tr("Accepter"), self.table)
            box.setObjectName(f"accept_{field}")
            box.setChecked(True)
            self.checkboxes[field] = box
            self.table.setCellWidget(row, 3, box)
        else:
            self.table.setItem(row, 3, QTableWidgetItem(self.tr("identique")))

    def accepted_fields(self) -> set[str]:
        return {field for field, box in self.checkboxes.items() if box.isChecked()}

    def accept_identity(self) -> None:
        answer = self.answer
        if answer is None or answer.identity is None:
            return
        self.accept_button.setEnabled(False)
        task = self._tasks.run(actions.apply_insi(self._context.database, self.patient.id, answer.identity,
                                                  actions.user_of(self._context),
                                                  accepted_fields=self.accepted_fields(),
                                                  message_id=answer.result.message_id),
                               label_fr=self.tr("Enregistrement de l'identité INSi"), owner=self)
        task.on_success(self._applied).on_failure(self._apply_failed)

    def _applied(self, outcome: InsiApplied) -> None:
        self._show_patient(outcome.patient)
        self._show_answer(None)
        status = status_text(outcome.patient.status)
        self.result_label.setText(fill(self.tr("%1 : %2"), status, outcome.reason))
        messages.info(fill(self.tr("INSi : %1."), status))
        self.applied.emit(outcome.patient)

    def _apply_failed(self, error: BaseException) -> None:
        self.accept_button.setEnabled(True)
        self._failed(error)

    def refuse_identity(self) -> None:
        """The user refuses INSi's identity: nothing is changed (the call stays in the log)."""
        self._show_answer(None)
        self.result_label.setText(self.tr("Identité INSi refusée : le dossier est inchangé."))
