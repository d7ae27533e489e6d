"""The cabinet (the structure the documents come from), read from the `cabinet.*` settings."""

from __future__ import annotations

from dataclasses import dataclass

from lgc_app.config import Settings
from lgc_app.documents.errors import DocumentContentError


@dataclass(frozen=True)
class Cabinet:
    """Custodian and care location of every document.

    Args:
        structure_id: identifiant national de structure (IDNST, e.g. `3` + SIRET), under 1.2.250.1.71.4.2.2.
        sector: TRE_R02 secteur d'activité (JDV_J02), the healthcareFacilityTypeCode.
    """

    structure_id: str
    name: str
    sector: str = "SA07"
    phone: str = ""

    @classmethod
    def from_settings(cls, settings: Settings) -> Cabinet:
        return cls(
            structure_id=settings["cabinet.structure_id"],
            name=settings["cabinet.name"],
            sector=settings["cabinet.sector"],
        )

    def check(self) -> None:
        """Raise a French error when a value the CDA header needs is not configured."""
        if not self.structure_id:
            raise DocumentContentError(
                "Identifiant national de la structure non renseigné (paramètre cabinet.structure_id)."
            )
        if not self.name:
            raise DocumentContentError("Nom du cabinet non renseigné (paramètre cabinet.name).")
