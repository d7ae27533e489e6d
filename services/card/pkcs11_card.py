"""The CPS read through a PKCS#11 library: the card vendor's on a real workstation (Cryptolib CPS), SoftHSM2
in the tests (its token holds a test CPS issued by the sandbox CA).

The retry counter is the token's: its flags (CKF_USER_PIN_COUNT_LOW, _FINAL_TRY, _LOCKED) are read before
each PIN presentation and after a wrong one, and a blocked token is never sent a PIN. The logged-in session
is kept in memory for signing until `logout`; the PIN itself is not kept.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

import pkcs11
from cryptography import x509
from pkcs11 import Attribute, Mechanism, ObjectClass, TokenFlag

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

_MECHANISMS = {SignMechanism.RSA_PKCS1_SHA256: Mechanism.SHA256_RSA_PKCS}


def pin_state(flags: int) -> PinState:
    if flags & TokenFlag.USER_PIN_LOCKED:
        return PinState.LOCKED
    if flags & TokenFlag.USER_PIN_FINAL_TRY:
        return PinState.FINAL_TRY
    if flags & TokenFlag.USER_PIN_COUNT_LOW:
        return PinState.COUNT_LOW
    return PinState.UNTOUCHED


class Pkcs11Card:
    """The first token of `library` (or the one labelled `token_label`) holding a certificate.

    Args:
        library: path of the PKCS#11 module (setting `card.pkcs11_library`).
        token_label: the token to use when the library shows several (None: the first present).
    """

    def __init__(self, library: Path, *, token_label: str | None = None) -> None:
        self.library = library
        self.token_label = token_label
        self._lock = threading.Lock()  # one PKCS#11 session is not used by two threads at once
        self._session: pkcs11.Session | None = None
        self._key_id: bytes | None = None
        self._certificate: x509.Certificate | None = None  # the signing certificate, read at login

    @property
    def unlocked(self) -> bool:
        return self._session is not None

    def _token(self) -> pkcs11.Token:
        try:
            lib = pkcs11.lib(str(self.library))
            tokens = list(lib.get_tokens(token_label=self.token_label))
        except (pkcs11.PKCS11Error, RuntimeError, OSError) as exc:
            raise CardError(CARD_UNREADABLE, detail=f"{self.library}: {type(exc).__name__} {exc}") from None
        if not tokens:
            raise CardError(CARD_ABSENT)
        return tokens[0]

    def _certificates(self, session: pkcs11.Session) -> list[tuple[bytes, x509.Certificate]]:
        """(CKA_ID, certificate) of each X.509 certificate of the token."""
        found = []
        for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
            try:
                found.append((bytes(obj[Attribute.ID]), x509.load_der_x509_certificate(bytes(obj[Attribute.VALUE]))))
            except ValueError:
                continue  # not an X.509 certificate this software can read: not the CPS's
        return found

    def _public_certificates(self) -> list[tuple[bytes, x509.Certificate]]:
        try:
            with self._token().open() as session:
                certificates = self._certificates(session)
        except pkcs11.PKCS11Error as exc:
            raise CardError(CARD_UNREADABLE, detail=type(exc).__name__) from None
        if not certificates:
            raise CardError(CARD_UNREADABLE, detail="aucun certificat sur la carte")
        return certificates

    def holder(self) -> CardHolder:
        with self._lock:
            return CardHolder.of(self._public_certificates()[0][1])

    def certificate(self) -> x509.Certificate:
        """The signing certificate once unlocked (no card I/O then), else the token's first certificate."""
        with self._lock:
            if self._session is not None and self._certificate is not None:
                return self._certificate
            return self._public_certificates()[0][1]

    def pin_state(self) -> PinState:
        with self._lock:
            return pin_state(self._token().flags)

    def login(self, pin: str) -> None:
        with self._lock:
            self._close()  # PKCS#11 logs a user in once per application: a new PIN starts a new session
            token = self._token()
            if pin_state(token.flags) is PinState.LOCKED:
                raise CardError(CARD_LOCKED)
            try:
                session = token.open(user_pin=pin)
            except pkcs11.PinLocked:
                raise CardError(CARD_LOCKED) from None
            except (pkcs11.PinIncorrect, pkcs11.PinLenRange, pkcs11.PinInvalid):
                state = pin_state(self._token().flags)
                raise CardError(CARD_LOCKED if state is PinState.LOCKED else PIN_INCORRECT, pin_state=state) from None
            except pkcs11.PKCS11Error as exc:
                raise CardError(CARD_UNREADABLE, detail=type(exc).__name__) from None
            try:
                self._key_id, self._certificate = self._signing_pair(session)
            except CardError:
                session.close()
                raise
            self._session = session

    def _signing_pair(self, session: pkcs11.Session) -> tuple[bytes, x509.Certificate]:
        """The CKA_ID shared by a signing private key and a certificate (a CPS holds several pairs), and that
        certificate."""
        certificates = dict(self._certificates(session))
        for key in session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY, Attribute.SIGN: True}):
            key_id = bytes(key[Attribute.ID])
            if key_id in certificates:
                return key_id, certificates[key_id]
        raise CardError(CARD_UNREADABLE, detail="aucune clé de signature associée à un certificat")

    def sign(self, data: bytes, mechanism: SignMechanism) -> bytes:
        with self._lock:
            if self._session is None or self._key_id is None:
                raise CardError(CARD_NOT_UNLOCKED)
            try:
                key = self._session.get_key(ObjectClass.PRIVATE_KEY, id=self._key_id)
                if not isinstance(key, pkcs11.SignMixin):
                    raise CardError(CARD_UNREADABLE, detail="clé privée sans fonction de signature")
                return bytes(key.sign(data, mechanism=_MECHANISMS[mechanism]))
            except (pkcs11.DeviceRemoved, pkcs11.TokenNotPresent, pkcs11.SessionHandleInvalid,
                    pkcs11.SessionClosed, pkcs11.UserNotLoggedIn) as exc:
                self._session = None  # the card was removed or reset: the PIN must be entered again
                raise CardError(CARD_NOT_UNLOCKED, detail=type(exc).__name__) from None
            except pkcs11.PKCS11Error as exc:
                raise CardError(CARD_UNREADABLE, detail=type(exc).__name__) from None

    def logout(self) -> None:
        with self._lock:
            self._close()

    def _close(self) -> None:
        if self._session is not None:
            session, self._session = self._session, None
            with contextlib.suppress(pkcs11.PKCS11Error):  # the card is already gone: nothing left to close
                session.close()
