"""The simulated MSSanté trust space: which addresses exist, of which kind, and who owns each one.

Built from the Annuaire simulator's directory (its personal, cabinet and organisational boxes), plus the demo
practice's applicative box (owned by the sandbox's structure authentication certificate) and the patient
catch-all `<INS>@patient.mssante.fr` for the INSi simulator's persons. Owners are identities as the operator
authenticates them: `ps:<8 + RPPS>` (a PSC token's SubjectNameID) or `structure:<id>` (a certificate's
serialNumber).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from services.annuaire import constants
from services.sandbox.annuaire.population import Directory
from services.sandbox.ca import TEST_STRUCTURE_ID
from services.sandbox.insi.nir import valid_matricule
from services.sandbox.insi.population import Population

PATIENT_DOMAIN = "patient.mssante.fr"
APPLICATIVE_MAILBOX = "lgc.cabinet-test@medecin.mssante.fr"
PRACTITIONER_MAILBOX = "paul.medecin-test@medecin.mssante.fr"
CABINET_MAILBOX = "cabinet.test@medecin.mssante.fr"
CARDIO_MAILBOX = "claire.cardio@cardio.mssante.fr"
SOFTWARE_MAILBOX = "secretariat@cardio-lyon.mssante.fr"  # read by the cardiology practice's software
CLOSED_PATIENT = "158209913945524"  # DA SILVA JOAO MANUEL: "messagerie fermée"
STRUCTURE_OWNER = f"structure:{TEST_STRUCTURE_ID}"

PERSONAL = "personnelle"
ORGANISATIONAL = "organisationnelle"
APPLICATIVE = "applicative"
PATIENT = "patient"
SOFTWARE = "correspondent-software"

_KINDS = {"PER": PERSONAL, "CAB": ORGANISATIONAL, "ORG": ORGANISATIONAL}
_PATIENT_LOCAL = re.compile(r"^[0-9]{5}(?:[0-9]{2}|2A|2B)[0-9]{8}$", re.IGNORECASE)


@dataclass(frozen=True)
class Mailbox:
    address: str
    kind: str
    owners: frozenset[str]
    auto_mdn: bool = False  # answers MDN requests by itself (patients' Mon espace santé, other software)
    closed: bool = False  # Mon espace santé "messagerie fermée": accepted, then bounced


class RecipientRefused(Exception):
    """An address outside the trust space; `str()` is the SMTP reply text (after the code)."""

    def __init__(self, status: str, text: str) -> None:
        super().__init__(text)
        self.status = status


class TrustSpace:
    def __init__(self, directory: Directory, population: Population) -> None:
        self._boxes: dict[str, Mailbox] = {}
        self._patients = population.by_matricule
        self._add(Mailbox(APPLICATIVE_MAILBOX, APPLICATIVE, frozenset({STRUCTURE_OWNER})))
        for address, kind, owners in _directory_boxes(directory):
            known = self._boxes.get(address)
            owners = owners | known.owners if known else owners
            software = address == SOFTWARE_MAILBOX
            self._add(Mailbox(address, SOFTWARE if software else kind, frozenset(owners), auto_mdn=software))

    def _add(self, mailbox: Mailbox) -> None:
        self._boxes[mailbox.address] = mailbox

    def __iter__(self) -> Iterator[Mailbox]:
        yield from self._boxes.values()
        for matricule in self._patients:
            yield self._patient(matricule)

    def _patient(self, matricule: str) -> Mailbox:
        return Mailbox(f"{matricule}@{PATIENT_DOMAIN}", PATIENT, frozenset(), auto_mdn=True,
                       closed=matricule == CLOSED_PATIENT)

    def find(self, address: str) -> Mailbox | None:
        address = address.strip().lower()
        local, _, domain = address.rpartition("@")
        if domain == PATIENT_DOMAIN:
            matricule = local.upper()
            return self._patient(matricule) if matricule in self._patients else None
        return self._boxes.get(address)

    def recipient(self, address: str) -> Mailbox:
        """The mailbox `address` delivers to. Raises RecipientRefused (the §4.0 Mon espace santé reasons)."""
        mailbox = self.find(address)
        if mailbox is not None:
            return mailbox
        local, _, domain = address.strip().lower().rpartition("@")
        if domain == PATIENT_DOMAIN:
            if not _PATIENT_LOCAL.match(local) or not valid_matricule(local[:13].upper(), local[13:]):
                raise RecipientRefused("553 5.1.3", "adresse invalide : un matricule INS de 15 caractères "
                                                    "avec une clé valide est attendu")
            raise RecipientRefused("550 5.1.1", "patient non trouvé")
        raise RecipientRefused("550 5.1.1", f"destinataire inconnu dans l'espace de confiance : {address}")

    def owns(self, identity: str, address: str) -> bool:
        mailbox = self.find(address)
        return mailbox is not None and identity in mailbox.owners

    def mailboxes_of(self, identity: str) -> list[str]:
        return [box.address for box in self._boxes.values() if identity in box.owners]


def _mss_addresses(resource: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(address, Annuaire mailbox type) of each MSSanté ContactPoint (§6.0 discriminator)."""
    for telecom in resource.get("telecom", []):
        for extension in telecom.get("extension", []):
            coding = extension.get("valueCoding", {})
            if extension.get("url") != constants.EMAIL_TYPE_EXTENSION or coding.get("code") != constants.MSSANTE_CODE:
                continue
            kind = next((sub["valueCodeableConcept"]["coding"][0]["code"] for sub in extension.get("extension", [])
                         if sub.get("url") == "type"), "PER")
            yield str(telecom["value"]).lower(), kind


def _idnps(practitioner: dict[str, Any]) -> str:
    return next(str(identifier["value"]) for identifier in practitioner["identifier"]
                if identifier["system"] == constants.IDNPS_SYSTEM)


def _directory_boxes(directory: Directory) -> Iterator[tuple[str, str, set[str]]]:
    """Personal boxes belong to their practitioner; cabinet boxes to the practitioner of the role; an
    organisation's box to every practitioner working there (their PSC token opens it)."""
    staff: dict[str, set[str]] = {}
    for role in directory.roles.values():
        practitioner = directory.practitioners[role["practitioner"]["reference"].split("/", 1)[1]]
        owner = f"ps:{_idnps(practitioner)}"
        staff.setdefault(role["organization"]["reference"].split("/", 1)[1], set()).add(owner)
        for address, kind in _mss_addresses(role):
            yield address, _KINDS.get(kind, ORGANISATIONAL), {owner}
    for practitioner in directory.practitioners.values():
        for address, kind in _mss_addresses(practitioner):
            yield address, _KINDS.get(kind, PERSONAL), {f"ps:{_idnps(practitioner)}"}
    for organisation_id, organisation in directory.organisations.items():
        for address, kind in _mss_addresses(organisation):
            yield address, _KINDS.get(kind, ORGANISATIONAL), staff.get(organisation_id, set())
