"""Pro Santé Connect sign-in use case: settings → client, sign-in (system browser or CIBA), the local user.

The client secret is read from the keyring entry named by `services.psc_client_secret_ref`, else from the
environment variable `LGC_PSC_CLIENT_SECRET` (an integrator trying a provider without touching the keyring).
The sign-in returns a `PscLogin`: the `session.User` of the professional, matched to the cabinet's
practitioner by RPPS, and the `PscSignIn` that holds the tokens in memory for the session (the MSSanté
worker asks it for its XOAUTH2 bearer, PROTOCOLS.md §4.0). Nothing here writes a token anywhere.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from lgc_app import secrets
from lgc_app.config import Settings
from lgc_app.errors import UserError
from lgc_app.persistence.database import Database
from lgc_app.session import User, UserRole, practitioner_by_rpps
from services.psc import (
    CibaChannel,
    CibaRequest,
    ClientAuthMethod,
    ClientCredentials,
    PscClient,
    PscConfig,
    PscIdentity,
    PscSignIn,
    binding_message,
)
from services.transport import TlsMaterial, make_async_client

CLIENT_SECRET_ENV = "LGC_PSC_CLIENT_SECRET"


class PscNotConfigured(UserError, ValueError):
    code = "PSC-NOT-CONFIGURED"
    summary = ("Pro Santé Connect n'est pas configuré : renseignez l'identifiant client dans les réglages et son "
               "secret dans le trousseau.")


class PscUnknownPractitioner(UserError, LookupError):
    code = "PSC-UNKNOWN-PRACTITIONER"
    summary = "Le professionnel connecté par Pro Santé Connect n'est pas un praticien de ce cabinet."


class PscLoginHintMissing(UserError, ValueError):
    code = "PSC-LOGIN-HINT"
    summary = ("Connexion par l'application e-CPS : indiquez l'identifiant national du professionnel "
               "(8 + RPPS).")


@dataclass(frozen=True)
class PscOverrides:
    """What `lgc psc login` may set instead of the settings (trying another provider)."""

    issuer: str | None = None
    client_id: str | None = None
    ca_file: Path | None = None


@dataclass(frozen=True)
class PscLogin:
    user: User
    sign_in: PscSignIn


def client_secret(settings: Settings) -> str | None:
    """The keyring entry, else the environment variable; None for a public client."""
    try:
        return secrets.fetch(settings["services.psc_client_secret_ref"])
    except secrets.SecretUnavailable:
        return os.environ.get(CLIENT_SECRET_ENV) or None


def psc_config(settings: Settings, overrides: PscOverrides = PscOverrides()) -> PscConfig:
    """Raises: PscNotConfigured without a client id."""
    client_id = overrides.client_id or settings["services.psc_client_id"]
    if not client_id:
        raise PscNotConfigured()
    credentials = ClientCredentials(client_id, client_secret(settings),
                                    ClientAuthMethod(settings["services.psc_auth_method"]))
    return PscConfig(overrides.issuer or settings["services.psc_issuer"], credentials,
                     required_acr=settings["services.psc_acr"] or None)


def make_psc_client(settings: Settings, overrides: PscOverrides = PscOverrides()) -> PscClient:
    """Blocking (TLS context, ARCHITECTURE.md): call it from a thread in the GUI."""
    ca_file = overrides.ca_file or settings["tls.ca_file"]
    http = make_async_client(TlsMaterial(ca_file=ca_file), timeout=settings["demo.latency"] + 30.0)
    return PscClient(http, psc_config(settings, overrides))


async def sign_in_with_browser(client: PscClient, settings: Settings, open_browser: Callable[[str], object],
                               ) -> PscSignIn:
    return await client.sign_in_with_browser(open_browser, port=settings["services.psc_redirect_port"])


async def sign_in_with_app(client: PscClient, settings: Settings, login_hint: str,
                           show_binding: Callable[[str], Awaitable[None] | None]) -> PscSignIn:
    """CIBA: `show_binding(digits)` shows the two digits before the request leaves (the app repeats them).

    Raises: PscLoginHintMissing, PscError.
    """
    login_hint = login_hint.strip()
    if not login_hint:
        raise PscLoginHintMissing()
    digits = binding_message()
    shown = show_binding(digits)
    if shown is not None:
        await shown
    request = CibaRequest(login_hint, digits, CibaChannel(settings["services.psc_ciba_channel"]))
    return await client.sign_in_with_ciba(request)


def user_for(identity: PscIdentity, db: Database) -> User:
    """The cabinet's practitioner the professional is (by RPPS), as a PSC-authenticated user.

    Raises: PscUnknownPractitioner.
    """
    local = practitioner_by_rpps(db, identity.rpps) if identity.rpps else None
    if local is None or local.practitioner is None:
        raise PscUnknownPractitioner(f"{identity.display_name} (identifiant national {identity.national_id}) n'est "
                                     "pas un praticien de ce cabinet : ajoutez-le avant de vous connecter.")
    return User(f"psc:{identity.national_id}", local.display_name, UserRole.PRACTITIONER, local.practitioner)


async def psc_login(sign_in: PscSignIn, db_lookup: Callable[[PscIdentity], Awaitable[User]]) -> PscLogin:
    """Pair the sign-in with the local user; on refusal the tokens are revoked at once (nobody keeps them)."""
    try:
        user = await db_lookup(sign_in.identity)
    except BaseException:
        await sign_in.logout()
        raise
    return PscLogin(user, sign_in)
