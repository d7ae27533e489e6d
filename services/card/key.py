"""The card seen as a private key by the XML signers (`SigningKey.sign` calls `key.sign(data, padding, algorithm)`):
the VIHF and the XAdES of the submission sets are then signed by the card, with the same code as with a key
in memory (`services.dmp.signing.SigningKey`).

Only signing is possible: the private key never leaves the card, so every other operation refuses.
"""

from __future__ import annotations

import copy
from typing import Any, NoReturn

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.padding import AsymmetricPadding, PKCS1v15
from cryptography.hazmat.primitives.asymmetric.utils import NoDigestInfo, Prehashed

from services.card.card import Card, SignMechanism, certificate_pem
from services.dmp.signing import SigningKey


class CardPrivateKey(rsa.RSAPrivateKey):
    """An RSA private key whose signatures are made by `card` (RSASSA-PKCS1-v1_5 with SHA-256 only)."""

    def __init__(self, card: Card) -> None:
        self.card = card
        public = card.certificate().public_key()
        if not isinstance(public, rsa.RSAPublicKey):
            raise ValueError("la carte ne porte pas de clé RSA")
        self._public = public

    def sign(self, data: bytes, padding: AsymmetricPadding,
             algorithm: Prehashed | hashes.HashAlgorithm | NoDigestInfo) -> bytes:
        if not isinstance(padding, PKCS1v15) or not isinstance(algorithm, hashes.SHA256):
            raise ValueError("la carte signe en RSA PKCS#1 v1.5 avec SHA-256 seulement")
        return self.card.sign(data, SignMechanism.RSA_PKCS1_SHA256)

    def public_key(self) -> rsa.RSAPublicKey:
        return self._public

    @property
    def key_size(self) -> int:
        return self._public.key_size

    def decrypt(self, ciphertext: bytes, padding: AsymmetricPadding) -> bytes:
        _refuse()

    def private_numbers(self) -> rsa.RSAPrivateNumbers:
        _refuse()

    def private_bytes(self, encoding: serialization.Encoding, format: serialization.PrivateFormat,
                      encryption_algorithm: serialization.KeySerializationEncryption) -> bytes:
        _refuse()

    def __copy__(self) -> CardPrivateKey:
        return self  # the card is one object: a copy signs with the same card

    def __deepcopy__(self, memo: dict[int, Any]) -> CardPrivateKey:
        return copy.copy(self)


def _refuse() -> NoReturn:
    raise TypeError("la clé privée de la carte CPS ne sort pas de la carte")


def card_signing_key(card: Card) -> SigningKey:
    """The signing key of DMP calls made with `card` (already unlocked: signing before the PIN raises
    CardError CARTE_VERROUILLEE)."""
    return SigningKey(cert_pem=certificate_pem(card), certificate=card.certificate(), key=CardPrivateKey(card),
                      algorithm="rsa-sha256")
