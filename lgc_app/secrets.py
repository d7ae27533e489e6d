"""Secrets over keyring: the only place passwords, client secrets and tokens are kept.

Settings and database rows hold only the *name* of a keyring entry. Tests install a memory backend
(`tests/helpers/keyring_backend.py`) so the user's keyring is never read or written. keyring itself (and its
backends' dependencies: ~15 ms of imports) is imported on the first use, not when the application starts.
"""

from __future__ import annotations

import contextlib

from lgc_app.errors import UserError

SERVICE = "lgc-segur"


class SecretUnavailable(UserError, RuntimeError):
    """The keyring has no such entry or cannot be reached."""

    code = "SECRET-UNAVAILABLE"
    summary = "Un secret manque dans le trousseau du poste : refaites le réglage concerné."


def store(name: str, value: str) -> None:
    """Keep `value` in the system keyring.

    Raises:
        SecretUnavailable: no keyring on this machine (a minimal Linux without a Secret Service).
    """
    import keyring.errors  # binds `keyring` too

    try:
        keyring.set_password(SERVICE, name, value)
    except keyring.errors.KeyringError as exc:
        raise SecretUnavailable(f"Trousseau inaccessible pour enregistrer « {name} » : {exc}") from None


def fetch(name: str) -> str:
    import keyring.errors  # binds `keyring` too

    try:
        value = keyring.get_password(SERVICE, name)
    except keyring.errors.KeyringError as exc:
        raise SecretUnavailable(f"Trousseau inaccessible pour « {name} » : {exc}") from None
    if value is None:
        raise SecretUnavailable(f"Aucun secret « {name} » dans le trousseau")
    return value


def forget(name: str) -> None:
    import keyring.errors  # binds `keyring` too

    with contextlib.suppress(keyring.errors.PasswordDeleteError):
        keyring.delete_password(SERVICE, name)
