"""Wire models of the INSi téléservice (PROTOCOLS.md §2): what the patient core sends and receives.

Dates are ISO `YYYY-MM-DD`; a matricule is the 15 characters (13 + key) that documents carry (§1.1),
although INSi transports the 13 characters and the key separately (and may leave the key out of an answer:
the client then computes it).
"""

from __future__ import annotations

from dataclasses import dataclass

# Re-exported: the patient core takes the wire models and their error from this one module.
from services.insi.errors import InsiError

__all__ = ["HistoricIns", "InsiError", "InsiIdentity", "InsiResult", "LpsIdentity", "TraitsQuery",
           "VerifyQuery", "VitaleQuery"]


@dataclass(frozen=True)
class TraitsQuery:
    """Search with identity traits (`RECSANSVITALE`). `given_names` are the birth first names, in order."""

    birth_name: str
    given_names: tuple[str, ...]
    sex: str
    birth_date: str
    birth_place: str | None = None


@dataclass(frozen=True)
class VitaleQuery:
    """Search with the data read from a carte Vitale (`RECVITALE`)."""

    insured_nir: str
    birth_date: str
    beneficiary_nir: str | None = None
    birth_rank: int = 1
    birth_name: str | None = None


@dataclass(frozen=True)
class VerifyQuery:
    """Verification of a known INS against the traits it should belong to. `matricule` is the 15 characters."""

    matricule: str
    oid: str
    traits: TraitsQuery


@dataclass(frozen=True)
class HistoricIns:
    """An earlier matricule of the identity (`INSHISTO`)."""

    matricule: str
    oid: str
    start: str | None
    end: str | None


@dataclass(frozen=True)
class InsiIdentity:
    """The identity returned by INSi: active matricule (`INSACTIF`) and reference traits (`TIQ`).

    Every child of `TIQ` is optional in the service's schema (PROTOCOLS.md §2.0): a trait INSi left out is
    None (`given_names` empty). The qualification platform sends `ListePrenom` without `Prenom`, so
    `first_given_name` is `Prenom`, or else the first name of `ListePrenom`.
    """

    matricule: str
    oid: str
    birth_name: str | None
    first_given_name: str | None
    given_names: tuple[str, ...]
    sex: str | None
    birth_date: str | None
    birth_place: str | None
    history: tuple[HistoricIns, ...]


@dataclass(frozen=True)
class InsiResult:
    """`CR/CodeCR`: `00` (one identity), `01` (none), `02` (several); `identities` is empty unless `00`."""

    code: str
    label: str
    identities: tuple[InsiIdentity, ...]
    message_id: str

    @property
    def found(self) -> bool:
        return self.code == CR_FOUND


CR_FOUND = "00"
CR_NOT_FOUND = "01"
CR_SEVERAL = "02"


@dataclass(frozen=True)
class LpsIdentity:
    """The software as it declares itself in `ContexteLPS` (§2.3)."""

    idam: str
    name: str
    version: str
    instance: str
