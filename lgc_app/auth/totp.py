"""The optional TOTP second factor (RFC 6238, pyotp) and the cabinet key that encrypts its seeds.

Every workstation of the cabinet must check the codes, so the seed is in the database — encrypted (Fernet:
AES-128-CBC + HMAC-SHA256) with the cabinet key, which is kept in each workstation's keyring and never in the
database or the settings (issue 11 item 7). IE.34: an administrator forces renewal after
`accounts.totp_renewal_days`; IE.35: the user or an administrator deactivates it on loss or theft.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import pyotp

from lgc_app import secrets
from lgc_app.errors import UserError

if TYPE_CHECKING:  # cryptography loads when a second factor is first checked or enrolled, not at start-up
    from cryptography.fernet import Fernet

CABINET_KEY_ENTRY = "cabinet-key"
ISSUER = "LGC Ségur"


class CabinetKeyMismatch(UserError, RuntimeError):
    """The cabinet key of this workstation does not open the seeds written by the others."""

    code = "CABINET-KEY-MISMATCH"
    summary = ("La clé du cabinet de ce poste ne correspond pas à celle des autres postes : le second facteur "
               "ne peut pas être vérifié. Importez la clé du cabinet sur ce poste.")


def ensure_cabinet_key() -> Fernet:
    """The cabinet key from this workstation's keyring, created on the first enrolment of the cabinet."""
    from cryptography.fernet import Fernet

    try:
        return Fernet(secrets.fetch(CABINET_KEY_ENTRY).encode("ascii"))
    except secrets.SecretUnavailable:
        key = Fernet.generate_key().decode("ascii")
        secrets.store(CABINET_KEY_ENTRY, key)
        return Fernet(key.encode("ascii"))


def _cabinet_key() -> Fernet:
    """Raises SecretUnavailable when this workstation has no cabinet key yet (seeds exist: never overwrite)."""
    from cryptography.fernet import Fernet

    return Fernet(secrets.fetch(CABINET_KEY_ENTRY).encode("ascii"))


def new_seed() -> str:
    return pyotp.random_base32()


def seal(seed: str) -> str:
    """The seed encrypted for the database."""
    return ensure_cabinet_key().encrypt(seed.encode("ascii")).decode("ascii")


def unseal(token: str) -> str:
    from cryptography.fernet import InvalidToken

    try:
        return _cabinet_key().decrypt(token.encode("ascii")).decode("ascii")
    except InvalidToken:
        raise CabinetKeyMismatch() from None


def code_matches(seed: str, code: str, now: datetime) -> bool:
    """One step of clock drift either way is tolerated (RFC 6238 §5.2)."""
    code = code.strip().replace(" ", "")
    return code.isdigit() and pyotp.TOTP(seed).verify(code, for_time=now, valid_window=1)


def current_code(seed: str, now: datetime) -> str:
    """What the authenticator app shows at `now` (tests and the enrolment check)."""
    return pyotp.TOTP(seed).at(now)


def provisioning_uri(seed: str, login: str) -> str:
    """The `otpauth://` URI an authenticator app imports."""
    return pyotp.TOTP(seed).provisioning_uri(name=login, issuer_name=ISSUER)


def renewal_due(enrolled_at: datetime | None, renewal_days: int, now: datetime) -> bool:
    return enrolled_at is not None and renewal_days > 0 and now >= enrolled_at + timedelta(days=renewal_days)
