"""What a stored identity and its snapshot both answer when read: qualified or not, the INS it may export, its
first names, its display name (the RNIV rules of reading, written once for `Patient` and `PatientView`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lgc_app.patients.naming import display_name
from lgc_app.patients.vocabulary import IdentityStatus

if TYPE_CHECKING:
    from lgc_app.patients.vocabulary import Sex


class IdentityReadout:
    """Mixin of the ORM row and the frozen snapshot; they provide the traits below."""

    if TYPE_CHECKING:  # declared for the type checker only: the ORM maps these columns itself
        status: IdentityStatus
        ins_matricule: str | None
        ins_oid: str | None
        birth_name: str
        birth_given_names: str
        first_birth_given_name: str
        used_name: str | None
        used_given_name: str | None
        sex: Sex

    @property
    def is_qualified(self) -> bool:
        return self.status == IdentityStatus.QUAL

    def ins_for_export(self) -> tuple[str, str] | None:
        """(matricule, OID) for documents, XDS, MSSanté and datamatrix; None unless the identity is QUAL.

        PROTOCOLS §1.3: only a qualified identity may carry its INS outside the software.
        """
        if not self.is_qualified or not self.ins_matricule or not self.ins_oid:
            return None
        return self.ins_matricule, self.ins_oid

    @property
    def birth_given_names_list(self) -> list[str]:
        return self.birth_given_names.split(" ") if self.birth_given_names else []

    @property
    def display_name(self) -> str:
        return display_name(birth_name=self.birth_name, first_birth_given_name=self.first_birth_given_name,
                            used_name=self.used_name, used_given_name=self.used_given_name, sex=self.sex)
