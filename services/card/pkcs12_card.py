"""A software CPS for demonstrations on a machine without a card reader: a PKCS#12 file whose password is
the PIN.

It behaves like the card where the application can tell: the holder and certificate, three tries then
blocked (counted in memory for the life of the process, as nothing may be written about the PIN), a key
usable only after the PIN. The decrypted key lives in memory until `logout`; the PIN is not kept.
"""

from __future__ import annotations

import threading
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs12

from services.card.card import (
    CARD_ABSENT,
    CARD_LOCKED,
    CARD_NOT_UNLOCKED,
    CARD_UNREADABLE,
    PIN_INCORRECT,
    CardError,
    CardHolder,
    PinState,
    SignMechanism,
)

MAX_TRIES = 3  # a CPS blocks after three wrong PINs


class Pkcs12Card:
    """The software card in `path` (setting `card.pkcs12_file`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._failures = 0
        self._key: rsa.RSAPrivateKey | None = None
        self._certificate: x509.Certificate | None = None

    @property
    def unlocked(self) -> bool:
        return self._key is not None

    def _read(self) -> bytes:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            raise CardError(CARD_ABSENT) from None
        except OSError as exc:
            raise CardError(CARD_UNREADABLE, detail=str(exc)) from None

    def holder(self) -> CardHolder:
        return CardHolder.of(self.certificate())

    def certificate(self) -> x509.Certificate:
        """The PKCS#12 encrypts its certificate too: it is known once the PIN has been given."""
        with self._lock:
            self._read()  # a removed file is a removed card
            if self._certificate is None:
                raise CardError(CARD_NOT_UNLOCKED)
            return self._certificate

    def pin_state(self) -> PinState:
        with self._lock:
            return self._state()

    def _state(self) -> PinState:
        remaining = MAX_TRIES - self._failures
        if remaining <= 0:
            return PinState.LOCKED
        if remaining == 1:
            return PinState.FINAL_TRY
        return PinState.COUNT_LOW if self._failures else PinState.UNTOUCHED

    def login(self, pin: str) -> None:
        with self._lock:
            self._key = None  # as a card: a new PIN presentation ends the previous unlocking
            if self._state() is PinState.LOCKED:
                raise CardError(CARD_LOCKED)
            data = self._read()
            try:
                key, certificate, _chain = pkcs12.load_key_and_certificates(data, pin.encode("utf-8"))
            except ValueError:
                self._failures += 1
                state = self._state()
                raise CardError(CARD_LOCKED if state is PinState.LOCKED else PIN_INCORRECT, pin_state=state) from None
            if not isinstance(key, rsa.RSAPrivateKey) or certificate is None:
                raise CardError(CARD_UNREADABLE, detail="PKCS#12 sans clé RSA ni certificat")
            self._failures = 0
            self._key, self._certificate = key, certificate

    def sign(self, data: bytes, mechanism: SignMechanism) -> bytes:
        with self._lock:
            if self._key is None:
                raise CardError(CARD_NOT_UNLOCKED)
            if mechanism is SignMechanism.RSA_PKCS1_SHA256:
                return self._key.sign(data, padding.PKCS1v15(), hashes.SHA256())
            raise CardError(CARD_UNREADABLE, detail=f"mécanisme {mechanism.value} non pris en charge")

    def logout(self) -> None:
        with self._lock:
            self._key = None
