"""Patient identifiers as the DMP simulator reads them, and its seeded test population.

Seeded patients (INS-NIR de test, OID 1.2.250.1.213.1.4.10; the names are those of the INSi simulator's
population, so an INSi look-up followed by a DMP feed works in the demo):

| INS | who | DMP |
|---|---|---|
| `279035121518989` | (PROTOCOLS §3.4 example) | open |
| `285037505612306` | DUPONT ELODIE | open, holds one document from another professional |
| `162116912305714` | MARTIN JEAN-PIERRE | open |
| `290063306321064` | LEROY CAMILLE | **closed** (`DMP_FERME`) |
| `284053523804157` | BERNARD SOPHIE | open, **blocks professionals** (TD0.2 `INTERDIT`, XDS `OPPOSITION_PATIENT`) |
| `295019912273329` | KOWALSKI ANNA | open, **not authorised** before TD0.4 (`NON_EXISTE`, XDS `AUTORISATION_ABSENTE`) |

Anyone else has no DMP (`XDSUnknownPatientId`) until registered with `POST …/_sandbox/patients`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from services.dmp.constants import INS_OIDS, OID_INS_NIR_TEST
from services.sandbox.insi.nir import valid_matricule

_CX = re.compile(r"^(?P<id>[^\^]+)\^\^\^&(?P<oid>[0-9.]+)&ISO(?:\^(?P<type>[A-Z]+))?$")


@dataclass(frozen=True)
class PatientRef:
    ins: str
    oid: str

    @property
    def qualified(self) -> bool:
        """An INS OID and 15 characters whose mod-97 key is right (§1.1, §8)."""
        return self.oid in INS_OIDS and len(self.ins) == 15 and valid_matricule(self.ins[:13], self.ins[13:])


def parse_cx(value: str) -> PatientRef | None:
    """`INS^^^&OID&ISO^NH` (the type suffix is optional) → PatientRef, or None when not a CX."""
    match = _CX.match(value.strip().strip("'"))
    return PatientRef(ins=match["id"], oid=match["oid"]) if match else None


@dataclass(frozen=True)
class SeedPatient:
    ins: str
    family_name: str
    given_name: str
    birth_date: str
    sex: str
    dmp: str = "open"  # "open" or "closed"
    opposition: bool = False
    authorize_all: bool = True


POPULATION = (
    SeedPatient("279035121518989", "TEST", "PATIENT", "1979-03-01", "F"),
    SeedPatient("285037505612306", "DUPONT", "ELODIE", "1985-03-14", "F"),
    SeedPatient("162116912305714", "MARTIN", "JEAN-PIERRE", "1962-11-02", "M"),
    SeedPatient("290063306321064", "LEROY", "CAMILLE", "1990-06-21", "F", dmp="closed"),
    SeedPatient("284053523804157", "BERNARD", "SOPHIE", "1984-05-12", "F", opposition=True),
    SeedPatient("295019912273329", "KOWALSKI", "ANNA", "1995-01-17", "F", authorize_all=False),
)
SEED_OID = OID_INS_NIR_TEST
SEED_FOREIGN_DOCUMENT_PATIENT = "285037505612306"
