"""Password rules and hashing (SC.SSI/IE.36).

Complexity in the default configuration follows ANSSI's recommendations on passwords (as the ASPP
electronic-identification referential asks for a password-only factor): either a password of at least
`accounts.password_min_length` characters (12) mixing at least three kinds of characters, or a passphrase of
at least `accounts.passphrase_min_length` characters (20) made of four words or more. Hashes are Argon2id
(argon2-cffi's RFC 9106 low-memory profile); the password itself is never kept.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from lgc_app.config import Settings
from lgc_app.errors import UserError

_HASHER = PasswordHasher()  # Argon2id with argon2-cffi's RFC 9106 low-memory parameters
_CLASSES = (str.islower, str.isupper, str.isdigit)
_MIN_CLASSES = 3
_MIN_WORDS = 4


class WeakPassword(UserError, ValueError):
    """The chosen password does not meet the complexity rules."""

    code = "PASSWORD-WEAK"
    summary = "Ce mot de passe est trop simple."


@dataclass(frozen=True)
class PasswordPolicy:
    min_length: int = 12
    passphrase_min_length: int = 20

    @classmethod
    def from_settings(cls, settings: Settings) -> PasswordPolicy:
        return cls(settings["accounts.password_min_length"], settings["accounts.passphrase_min_length"])

    @property
    def rule_text(self) -> str:
        return (f"au moins {self.min_length} caractères mêlant au moins trois types (minuscules, majuscules, "
                f"chiffres, autres signes), ou une phrase de passe d'au moins {self.passphrase_min_length} "
                f"caractères et {_MIN_WORDS} mots")

    def check(self, password: str, *, login: str = "") -> None:
        """Raises WeakPassword (French text naming the rule) when `password` is refused."""
        if login and login.casefold() in password.casefold():
            raise WeakPassword("Le mot de passe ne doit pas contenir l'identifiant.")
        if _is_passphrase(password, self.passphrase_min_length):
            return
        if len(password) < self.min_length or _classes(password) < _MIN_CLASSES:
            raise WeakPassword(f"Mot de passe trop simple : il faut {self.rule_text}.")


def _classes(password: str) -> int:
    kinds = sum(any(test(char) for char in password) for test in _CLASSES)
    others = any(not char.isalnum() or char in string.punctuation for char in password)
    return kinds + others


def _is_passphrase(password: str, min_length: int) -> bool:
    words = [word for word in re.split(r"[\s\-_.,;:]+", password) if word]
    return len(password) >= min_length and len(words) >= _MIN_WORDS and len(set(words)) >= _MIN_WORDS


def hash_secret(secret: str) -> str:
    return _HASHER.hash(secret)


def verify_secret(stored_hash: str, secret: str) -> bool:
    """True when `secret` matches the Argon2id `stored_hash` (a malformed hash never matches)."""
    try:
        return _HASHER.verify(stored_hash, secret)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """The hash was made with weaker parameters than today's: rehash at the next successful sign-in."""
    return _HASHER.check_needs_rehash(stored_hash)
