"""The simulator's synthetic directory: FHIR R4 JSON resources generated deterministically (seed 20261201).

Fixed entries first (tests and the demo name them):

- RPPS `99700366240` Paul MEDECIN-TEST, médecin, médecine générale (SM54): the sandbox's test CPS holder,
  at the sandbox's test structure (CABINET MEDICAL DE TEST, PARIS); personal box
  `paul.medecin-test@medecin.mssante.fr`, cabinet box `cabinet.test@medecin.mssante.fr`.
- RPPS `99700412345` Claire CARDIO, cardiologie (SM04), CABINET DE CARDIOLOGIE, LYON: personal box
  `claire.cardio@cardio.mssante.fr`, a second personal box on the liste rouge, and her cabinet has an
  organisational box `secretariat@cardio-lyon.mssante.fr` and a plain contact e-mail
  `contact@cabinet-cardio-lyon.fr` (not MSSanté).

Then ~3000 generated practitioners (professions and specialties of `QUALIFICATIONS`), 1200 organisations in
20 cities; most practitioners have a personal MSSanté box, about 2 % of those on the liste rouge; a third of
the organisations an organisational box, a quarter a plain e-mail.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from services.annuaire import constants
from services.sandbox.ca import (
    TEST_PRACTITIONER_GIVEN_NAME,
    TEST_PRACTITIONER_ID,
    TEST_PRACTITIONER_SURNAME,
    TEST_STRUCTURE_ID,
    TEST_STRUCTURE_NAME,
)

Resource = dict[str, Any]

SEED = 20261201
GENERATED_PRACTITIONERS = 3000
GENERATED_ORGANISATIONS = 1200
TEST_RPPS = TEST_PRACTITIONER_ID[1:]
CARDIO_RPPS = "99700412345"

_CITIES = (("PARIS", "75011"), ("LYON", "69003"), ("MARSEILLE", "13005"), ("TOULOUSE", "31000"),
           ("NANTES", "44000"), ("RENNES", "35000"), ("LILLE", "59000"), ("BORDEAUX", "33000"),
           ("STRASBOURG", "67000"), ("NICE", "06000"), ("MONTPELLIER", "34000"), ("GRENOBLE", "38000"),
           ("DIJON", "21000"), ("BREST", "29200"), ("TOURS", "37000"), ("ROUEN", "76000"),
           ("REIMS", "51100"), ("ANGERS", "49000"), ("LIMOGES", "87000"), ("AMIENS", "80000"))
_FAMILIES = ("MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "DURAND", "DUBOIS", "MOREAU", "LAURENT",
             "SIMON", "MICHEL", "LEFEBVRE", "LEROY", "ROUX", "DAVID", "BERTRAND", "MOREL", "FOURNIER", "GIRARD",
             "BONNET", "DUPONT", "LAMBERT", "FONTAINE", "ROUSSEAU", "VINCENT", "MULLER", "LEFEVRE", "FAURE",
             "ANDRE", "MERCIER", "BLANC", "GUERIN", "BOYER", "GARNIER", "CHEVALIER", "FRANCOIS", "LEGRAND",
             "GAUTHIER", "GARCIA", "PERRIN", "ROBIN", "CLEMENT", "MORIN", "NICOLAS", "HENRY", "ROUSSEL",
             "MATHIEU", "GAUTIER", "MASSON", "N'DIAYE", "LE GALL", "DA SILVA", "BENOIT-DUVAL")
_GIVENS = ("Jean", "Marie", "Pierre", "Sophie", "Nicolas", "Isabelle", "Julien", "Camille", "Thomas", "Claire",
           "Antoine", "Julie", "Louis", "Emma", "Hugo", "Léa", "Mathieu", "Chloé", "Paul", "Anne", "Éric",
           "Hélène", "Lucas", "Manon", "François", "Inès", "Gabriel", "Zoé", "Olivier", "Élodie")
_STREETS = ("RUE DE LA REPUBLIQUE", "AVENUE JEAN JAURES", "BOULEVARD VICTOR HUGO", "RUE PASTEUR",
            "PLACE DE LA MAIRIE", "RUE DU MARCHE", "AVENUE DE LA GARE", "RUE DES ECOLES")
# (profession, specialty or "", weight)
_KINDS = (("10", "SM54", 40), ("10", "SM04", 6), ("10", "SM15", 4), ("10", "SM40", 5), ("10", "SM42", 5),
          ("21", "", 12), ("40", "", 8), ("50", "", 4), ("60", "", 10), ("70", "", 6))
_LABELS = dict(constants.QUALIFICATIONS)


@dataclass
class Directory:
    """Resources by type and id; `roles` also indexed by practitioner and organisation id."""

    practitioners: dict[str, Resource] = field(default_factory=dict)
    roles: dict[str, Resource] = field(default_factory=dict)
    organisations: dict[str, Resource] = field(default_factory=dict)

    def of_type(self, resource_type: str) -> dict[str, Resource]:
        return {"Practitioner": self.practitioners, "PractitionerRole": self.roles,
                "Organization": self.organisations}[resource_type]


def build_directory(seed: int = SEED) -> Directory:
    rng = random.Random(seed)
    directory = Directory()
    test_org = _organisation("org-test", TEST_STRUCTURE_NAME, "3" + TEST_STRUCTURE_ID[1:], ("12 RUE DU TEST",),
                             ("PARIS", "75011"), mss=None, email=None)
    cardio_org = _organisation("org-cardio-lyon", "CABINET DE CARDIOLOGIE", "3" + "99999000000021",
                               ("4 PLACE BELLECOUR",), ("LYON", "69002"),
                               mss="secretariat@cardio-lyon.mssante.fr", email="contact@cabinet-cardio-lyon.fr")
    for organisation in (test_org, cardio_org):
        directory.organisations[organisation["id"]] = organisation
    _add_practitioner(directory, "pr-test", TEST_RPPS, TEST_PRACTITIONER_SURNAME,
                      TEST_PRACTITIONER_GIVEN_NAME.capitalize(), "10", "SM54",
                      [_mailbox("paul.medecin-test@medecin.mssante.fr", "PER")],
                      [("org-test", [_mailbox("cabinet.test@medecin.mssante.fr", "CAB")])])
    _add_practitioner(directory, "pr-cardio", CARDIO_RPPS, "CARDIO", "Claire", "10", "SM04",
                      [_mailbox("claire.cardio@cardio.mssante.fr", "PER", description="Dr Claire CARDIO"),
                       _mailbox("c.cardio.perso@cardio.mssante.fr", "PER", liste_rouge=True)],
                      [("org-cardio-lyon", [])])

    org_ids = []
    for index in range(GENERATED_ORGANISATIONS):
        city = rng.choice(_CITIES)
        street = f"{rng.randint(1, 120)} {rng.choice(_STREETS)}"
        kind = rng.choice(("CABINET MEDICAL", "CENTRE DE SANTE", "MAISON DE SANTE", "PHARMACIE", "CABINET"))
        name = f"{kind} {rng.choice(_STREETS).split(' ', 2)[-1]} {city[0]} {index + 1}"
        slug = f"s{index + 1:04d}"
        mss = f"secretariat.{slug}@{city[0].lower()}.mssante.fr" if rng.random() < 0.33 else None
        email = f"contact.{slug}@exemple-cabinet.fr" if rng.random() < 0.25 else None
        organisation = _organisation(f"org-{index + 1:04d}", name, f"3{99000000000000 + index:014d}", (street,),
                                     city, mss=mss, email=email)
        directory.organisations[organisation["id"]] = organisation
        org_ids.append(organisation["id"])

    weights = [weight for *_, weight in _KINDS]
    for index in range(GENERATED_PRACTITIONERS):
        family, given = rng.choice(_FAMILIES), rng.choice(_GIVENS)
        profession, specialty, _ = rng.choices(_KINDS, weights)[0]
        boxes = []
        if rng.random() < 0.75:
            local = f"{_ascii(given)}.{_ascii(family)}.{index + 1}"
            boxes.append(_mailbox(f"{local}@{'medecin' if profession == '10' else 'pro'}.mssante.fr", "PER",
                                  liste_rouge=rng.random() < 0.02))
        places = [(rng.choice(org_ids), [_mailbox(f"cab.{index + 1}@cabinet.mssante.fr", "CAB")]
                   if rng.random() < 0.1 else [])]
        if rng.random() < 0.2:
            places.append((rng.choice(org_ids), []))
        _add_practitioner(directory, f"pr-{index + 1:05d}", f"10{100000000 + index * 7:09d}", family, given,
                          profession, specialty, boxes, places)
    return directory


def _ascii(text: str) -> str:
    table = str.maketrans("éèêëàâîïôöùûüçÉÈ' ", "eeeeaaiioouuucEE--")
    return text.translate(table).lower()


def _mailbox(address: str, kind: str, *, description: str = "", liste_rouge: bool = False) -> Resource:
    """An MSSanté ContactPoint: the §6.0 discriminator carrying the mailbox metadata sub-extensions."""
    metadata: list[Resource] = [{"url": "type", "valueCodeableConcept": {"coding": [
        {"system": constants.MAILBOX_TYPE_SYSTEM, "code": kind}]}}]
    if description:
        metadata.append({"url": "description", "valueString": description})
    metadata.append({"url": "listeRouge", "valueBoolean": liste_rouge})
    return {"system": "email", "value": address, "extension": [{
        "url": constants.EMAIL_TYPE_EXTENSION,
        "valueCoding": {"system": constants.MESSAGING_TYPE_SYSTEM, "code": constants.MSSANTE_CODE},
        "extension": metadata,
    }]}


def _organisation(resource_id: str, name: str, idnst: str, lines: tuple[str, ...], city: tuple[str, str], *,
                  mss: str | None, email: str | None) -> Resource:
    telecom = []
    if mss:
        telecom.append(_mailbox(mss, "ORG", description="Secrétariat"))
    if email:
        telecom.append({"system": "email", "value": email})  # a plain contact e-mail: no discriminator
    resource: Resource = {
        "resourceType": "Organization", "id": resource_id, "active": True,
        "identifier": [{"system": constants.IDNST_SYSTEM, "value": idnst}],
        "name": name,
        "address": [{"line": list(lines), "postalCode": city[1], "city": city[0], "country": "FRA"}],
    }
    if telecom:
        resource["telecom"] = telecom
    return resource


def _add_practitioner(directory: Directory, resource_id: str, rpps: str, family: str, given: str, profession: str,
                      specialty: str, boxes: list[Resource], places: list[tuple[str, list[Resource]]]) -> None:
    qualifications = [{"code": {"coding": [{"system": constants.PROFESSION_SYSTEM, "code": profession,
                                            "display": _LABELS[profession]}]}}]
    if specialty:
        qualifications.append({"code": {"coding": [{"system": constants.SPECIALTY_SYSTEM, "code": specialty,
                                                    "display": _LABELS[specialty]}]}})
    practitioner: Resource = {
        "resourceType": "Practitioner", "id": resource_id, "active": True,
        "identifier": [{"system": constants.RPPS_SYSTEM, "value": rpps},
                       {"system": constants.IDNPS_SYSTEM, "value": "8" + rpps}],
        "name": [{"family": family, "given": [given], **({"prefix": ["DR"]} if profession == "10" else {})}],
        "qualification": qualifications,
    }
    if boxes:
        practitioner["telecom"] = boxes
    directory.practitioners[resource_id] = practitioner
    for number, (organisation_id, role_boxes) in enumerate(places, start=1):
        role: Resource = {"resourceType": "PractitionerRole", "id": f"{resource_id}-role{number}", "active": True,
                          "practitioner": {"reference": f"Practitioner/{resource_id}"},
                          "organization": {"reference": f"Organization/{organisation_id}"}}
        if role_boxes:
            role["telecom"] = role_boxes
        directory.roles[role["id"]] = role
