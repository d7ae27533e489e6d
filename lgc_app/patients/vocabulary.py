"""Code lists of the identity domain: statuses (FR Core v2-0445), sex, identity documents (RNIV)."""

from __future__ import annotations

from enum import StrEnum


class IdentityStatus(StrEnum):
    """The four mutually exclusive identity statuses (PROTOCOLS §1.3, RNIV)."""

    PROV = "PROV"
    RECUP = "RECUP"
    VALI = "VALI"
    QUAL = "QUAL"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    IdentityStatus.PROV: "Identité provisoire",
    IdentityStatus.RECUP: "Identité récupérée",
    IdentityStatus.VALI: "Identité validée",
    IdentityStatus.QUAL: "Identité qualifiée",
}


class Sex(StrEnum):
    """Administrative sex. `I` (indéterminé) can be stored but INSi only knows M and F."""

    M = "M"
    F = "F"
    I = "I"  # noqa: E741 - the official code letter

    @property
    def label(self) -> str:
        return {"M": "Masculin", "F": "Féminin", "I": "Indéterminé"}[self.value]


class IdentityDocumentType(StrEnum):
    """Identity documents. Only the high-trust ones let an identity become validated (RNIV)."""

    CNI = "CNI"
    PASSPORT = "PASSEPORT"
    RESIDENCE_PERMIT = "TITRE_SEJOUR"
    FAMILY_BOOK = "LIVRET_FAMILLE"
    BIRTH_CERTIFICATE = "EXTRAIT_NAISSANCE"
    DRIVING_LICENCE = "PERMIS_CONDUIRE"
    VITALE_CARD = "CARTE_VITALE"

    @property
    def label(self) -> str:
        return _DOCUMENT_LABELS[self]

    @property
    def is_high_trust(self) -> bool:
        """RNIV: CNI, passport, residence permit; for a minor, family book or birth certificate.

        A driving licence or a carte Vitale never validates an identity.
        """
        return self not in {IdentityDocumentType.DRIVING_LICENCE, IdentityDocumentType.VITALE_CARD}

    @property
    def minors_only(self) -> bool:
        return self in {IdentityDocumentType.FAMILY_BOOK, IdentityDocumentType.BIRTH_CERTIFICATE}


_DOCUMENT_LABELS = {
    IdentityDocumentType.CNI: "Carte nationale d'identité",
    IdentityDocumentType.PASSPORT: "Passeport",
    IdentityDocumentType.RESIDENCE_PERMIT: "Titre de séjour",
    IdentityDocumentType.FAMILY_BOOK: "Livret de famille",
    IdentityDocumentType.BIRTH_CERTIFICATE: "Extrait d'acte de naissance",
    IdentityDocumentType.DRIVING_LICENCE: "Permis de conduire",
    IdentityDocumentType.VITALE_CARD: "Carte Vitale",
}
