"""`lgc psc login|logout`: sign in with Pro Santé Connect from the command line (integrators, support).

`login` opens the provider's page in the system browser and waits for its redirect to the loopback
(`--no-browser` prints the URL to open instead), or with `--ciba` pushes the request to the professional's
e-CPS app and shows the two digits the app repeats. It prints who signed in (RPPS, names, profession,
structures). Tokens live in this process's memory only (PROTOCOLS.md §4.0): the command revokes them and ends
the provider's session before it exits. `logout` ends the provider's session in the browser, so its single
sign-on does not sign the next person in silently.

`--issuer`, `--client-id`, `--ca-file` and `--login-hint` override the settings; the client secret comes
from the keyring, else from the environment variable LGC_PSC_CLIENT_SECRET.

Exit codes: 0 signed in (or out); 2 bad option or configuration; 3 sign-in refused, cancelled or failed.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import webbrowser
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

from lgc_app.auth.psc_login import (
    PscOverrides,
    make_psc_client,
    sign_in_with_app,
    sign_in_with_browser,
)
from lgc_app.cli.common import load_settings
from lgc_app.config import Settings
from lgc_app.errors import UserError
from services.psc import PscClient, PscError, PscSignIn
from services.transport import TransportConfigError

EXIT_USAGE = 2
EXIT_SERVICE = 3


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("psc", help="se connecter avec Pro Santé Connect (essai d'un fournisseur)")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    login = actions.add_parser("login", help="se connecter et afficher le professionnel connecté")
    login.add_argument("--ciba", action="store_true",
                       help="sans navigateur : demande envoyée à l'application e-CPS du professionnel")
    login.add_argument("--no-browser", action="store_true",
                       help="afficher l'adresse à ouvrir au lieu de lancer le navigateur")
    login.add_argument("--login-hint", metavar="ID", default="",
                       help="identifiant national du professionnel (8 + RPPS), requis avec --ciba")
    logout = actions.add_parser("logout", help="fermer la session Pro Santé Connect du navigateur")
    logout.add_argument("--no-browser", action="store_true", help="afficher l'adresse au lieu de l'ouvrir")
    for action in (login, logout):
        action.add_argument("--issuer", metavar="URL", help="émetteur OpenID Connect (remplace le réglage)")
        action.add_argument("--client-id", metavar="ID", help="identifiant client (remplace le réglage)")
        action.add_argument("--ca-file", metavar="PEM", type=Path,
                            help="autorités de certification du fournisseur (remplace le réglage)")
    login.set_defaults(func=_login)
    logout.set_defaults(func=_logout)


def _client(args: argparse.Namespace) -> tuple[Settings, PscClient]:
    settings = load_settings(args)
    return settings, make_psc_client(settings, PscOverrides(args.issuer, args.client_id, args.ca_file))


def _opener(no_browser: bool) -> Callable[[str], None]:
    def show(url: str) -> None:
        if no_browser or not webbrowser.open(url):
            print(f"Ouvrez cette adresse dans un navigateur :\n{url}", flush=True)
        else:
            print("Connexion dans le navigateur…", flush=True)
    return show


def _login(args: argparse.Namespace) -> int:
    try:
        settings, client = _client(args)
    except (UserError, TransportConfigError) as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return EXIT_USAGE

    def show_binding(digits: str) -> None:
        print(f"Vérifiez que l'application e-CPS affiche le code {digits}, puis acceptez.", flush=True)

    async def run() -> PscSignIn:
        try:
            if args.ciba:
                sign_in = await sign_in_with_app(client, settings, args.login_hint, show_binding)
            else:
                sign_in = await sign_in_with_browser(client, settings, _opener(args.no_browser))
            _print(sign_in)
            await sign_in.logout()
            return sign_in
        finally:
            await client.aclose()

    try:
        asyncio.run(run())
    except UserError as exc:
        print(f"Erreur : {exc.text}", file=sys.stderr)
        return EXIT_USAGE
    except PscError as exc:
        print(f"Erreur : {exc.text} ({exc.code})", file=sys.stderr)
        return EXIT_SERVICE
    print("Jetons révoqués et session fermée : ils ne sont jamais conservés.")
    return 0


def _print(sign_in: PscSignIn) -> None:
    identity = sign_in.identity
    print(f"Connecté : {identity.given_name} {identity.family_name}")
    print(f"Identifiant national : {identity.national_id}" + (f" (RPPS {identity.rpps})" if identity.rpps else ""))
    for exercise in identity.exercises:
        print(f"Profession {exercise.profession_code}" +
              (f", savoir-faire {exercise.specialty_code}" if exercise.specialty_code else ""))
        for activity in exercise.activities:
            print(f"  Structure : {activity.structure_name or '?'} ({activity.structure_id or '?'}), "
                  f"secteur {activity.sector or '?'}")


def _logout(args: argparse.Namespace) -> int:
    try:
        _settings, client = _client(args)
    except (UserError, TransportConfigError) as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return EXIT_USAGE

    async def end_session_url() -> str | None:
        try:
            endpoint = (await client.metadata()).end_session_endpoint
        finally:
            await client.aclose()
        return f"{endpoint}?{urlencode({'client_id': client.config.client.client_id})}" if endpoint else None

    try:
        url = asyncio.run(end_session_url())
    except PscError as exc:
        print(f"Erreur : {exc.text} ({exc.code})", file=sys.stderr)
        return EXIT_SERVICE
    if url is None:
        print("Ce fournisseur ne propose pas de déconnexion : fermez le navigateur pour terminer sa session.")
        return 0
    if args.no_browser or not webbrowser.open(url):
        print(f"Ouvrez cette adresse pour fermer la session Pro Santé Connect :\n{url}")
    else:
        print("Session Pro Santé Connect fermée dans le navigateur.")
    return 0
