"""What the application asks of a CPS card, whatever carries it (PKCS#11 token or PKCS#12 file).

The holder is read without the PIN (the certificates of a card are public objects), so the master
workstation can show whose card is inserted; signing needs the PIN once per session. The PIN is handed to
`login` and forgotten: no implementation keeps it. The card counts wrong PINs itself (a CPS blocks after
three); `pin_state` says where the counter stands, and `login` never presents a PIN to a blocked card.

Every method may block (a smart card answers in tens of milliseconds): callers on an event loop use a thread.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from services.errors import ServiceError

if TYPE_CHECKING:  # cryptography (~25 ms of imports) loads when a certificate is first read, not at start-up
    from cryptography import x509

CARD_ABSENT = "CARTE_ABSENTE"
CARD_UNREADABLE = "CARTE_ILLISIBLE"
CARD_LOCKED = "CARTE_BLOQUEE"
CARD_NOT_UNLOCKED = "CARTE_VERROUILLEE"
PIN_INCORRECT = "PIN_INCORRECT"

_REASONS = {
    CARD_ABSENT: "Aucune carte CPS n'est insérée dans le lecteur.",
    CARD_UNREADABLE: "La carte CPS n'a pas pu être lue (lecteur, bibliothèque PKCS#11 ou carte).",
    CARD_LOCKED: "La carte CPS est bloquée après trop de codes erronés : débloquez-la avec son code de "
                 "déblocage (PUK) dans l'outil de gestion de la CPS.",
    CARD_NOT_UNLOCKED: "La carte CPS n'est pas déverrouillée : saisissez son code PIN.",
    PIN_INCORRECT: "Code PIN incorrect.",
}


class SignMechanism(enum.Enum):
    """How the card signs: the data are hashed by the card (or its library), then signed."""

    RSA_PKCS1_SHA256 = "sha256-rsa-pkcs1"  # RSASSA-PKCS1-v1_5 with SHA-256: XML-DSig rsa-sha256


class PinState(enum.Enum):
    """Where the card's retry counter stands (PKCS#11 token flags CKF_USER_PIN_*)."""

    UNTOUCHED = "untouched"
    COUNT_LOW = "count_low"  # a wrong PIN has been entered since the last right one
    FINAL_TRY = "final_try"
    LOCKED = "locked"

    @property
    def text(self) -> str:
        """What the PIN dialog says about the remaining tries (a CPS allows three)."""
        return {PinState.UNTOUCHED: "3 essais avant blocage de la carte.",
                PinState.COUNT_LOW: "Un code erroné a déjà été saisi : il reste au plus 2 essais avant blocage.",
                PinState.FINAL_TRY: "Dernier essai : un code erroné bloquera la carte.",
                PinState.LOCKED: "Carte bloquée : aucun essai restant."}[self]


class CardError(ServiceError):
    """A card operation failed; `pin_state` is the counter after the failure when it is known."""

    def __init__(self, code: str, *, detail: str = "", pin_state: PinState | None = None) -> None:
        reason = _REASONS[code]
        if code == PIN_INCORRECT and pin_state is not None:
            reason = f"{reason} {pin_state.text}"
        super().__init__(code, reason, transient=code in (CARD_ABSENT, CARD_UNREADABLE), detail=detail)
        self.pin_state = pin_state


@dataclass(frozen=True)
class CardHolder:
    """The professional a card belongs to, as its certificate names them (IGC-Santé subject)."""

    national_id: str  # 8 + RPPS: the subject's serialNumber (and CN) on a CPS
    family_name: str
    given_name: str
    structure_id: str  # the subject's OU: the structure the card was issued for

    @classmethod
    def of(cls, certificate: x509.Certificate) -> CardHolder:
        from cryptography.x509.oid import NameOID

        def first(oid: x509.ObjectIdentifier) -> str:
            values = certificate.subject.get_attributes_for_oid(oid)
            return str(values[0].value) if values else ""

        return cls(first(NameOID.SERIAL_NUMBER) or first(NameOID.COMMON_NAME), first(NameOID.SURNAME),
                   first(NameOID.GIVEN_NAME), first(NameOID.ORGANIZATIONAL_UNIT_NAME))

    @property
    def rpps(self) -> str:
        return self.national_id[1:] if self.national_id.startswith("8") else self.national_id

    @property
    def display_name(self) -> str:
        return f"{self.given_name.capitalize()} {self.family_name}".strip() or self.national_id


class Card(Protocol):
    """A CPS card: its certificate, its PIN and its signature."""

    @property
    def unlocked(self) -> bool:
        """True after a right PIN, until `logout`."""
        ...

    def holder(self) -> CardHolder:
        """Whose card is present. Raises CardError (CARTE_ABSENTE, CARTE_ILLISIBLE)."""
        ...

    def certificate(self) -> x509.Certificate:
        """The signing certificate. Raises CardError."""
        ...

    def pin_state(self) -> PinState:
        """The retry counter, read from the card. Raises CardError."""
        ...

    def login(self, pin: str) -> None:
        """Unlock the card for signing. Raises CardError: PIN_INCORRECT (with the counter after the try),
        CARTE_BLOQUEE (the PIN is then not presented), CARTE_ABSENTE."""
        ...

    def sign(self, data: bytes, mechanism: SignMechanism) -> bytes:
        """The signature of `data`. Raises CardError (CARTE_VERROUILLEE before `login`)."""
        ...

    def logout(self) -> None:
        """Forget the unlocked state (end of session, card removed)."""
        ...


def certificate_pem(card: Card) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return card.certificate().public_bytes(serialization.Encoding.PEM)
