"""`lgc insi search|verify`: call the INSi téléservice from the command line (headless master, support).

The call goes to the configured endpoint (`Settings.insi_url`: software certificate or CPS) with the
workstation's TLS files, exactly as the GUI makes it; the answer is printed in French. Nothing is stored:
attaching an INS to a patient stays a decision taken in the patient's file (RNIV).

Exit codes: 0 one identity found (search) or INS confirmed (verify); 1 none, several, or not confirmed;
2 bad option or configuration; 3 the téléservice failed (refusal, unreachable, unreadable answer).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable

from lgc_app import config
from lgc_app.bootstrap import make_insi_client
from lgc_app.cli.common import load_settings
from lgc_app.patients.birth_date import BirthDateError, display_birth_date, parse_birth_date
from lgc_app.patients.birth_place import BirthPlaceError, check_birth_place_code
from lgc_app.patients.insi_result import InsiApplyError, single_identity
from lgc_app.patients.matricule import MatriculeError, check_oid, oid_label, parse_matricule
from lgc_app.patients.traits import TraitError, normalise_given_names, normalise_trait
from services.insi import InsiClient, InsiError, InsiIdentity, InsiResult, TraitsQuery, VerifyQuery
from services.transport import TransportConfigError

EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
EXIT_SERVICE = 3

_EPILOG = ("Codes de sortie : 0 identité trouvée ou INS confirmé ; 1 aucune identité, plusieurs identités ou INS "
           "non confirmé ; 2 option ou configuration invalide ; 3 échec du téléservice.")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("insi", help="appeler le téléservice INSi (recherche, vérification d'un INS)")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    search = actions.add_parser("search", help="rechercher l'INS d'une personne par ses traits d'identité",
                                epilog=_EPILOG)
    _add_traits(search)
    search.set_defaults(func=_search)
    verify = actions.add_parser("verify", help="vérifier qu'un INS correspond aux traits d'identité",
                                epilog=_EPILOG)
    verify.add_argument("--matricule", required=True, metavar="MATRICULE",
                        help="matricule INS sur 15 caractères (13 + clé)")
    verify.add_argument("--oid", required=True, metavar="OID",
                        help="OID de l'autorité d'affectation (ex. 1.2.250.1.213.1.4.8 pour un NIR)")
    _add_traits(verify)
    verify.set_defaults(func=_verify)


def _add_traits(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--nom", required=True, metavar="NOM", help="nom de naissance")
    parser.add_argument("--prenoms", required=True, metavar="PRÉNOMS",
                        help="prénoms de naissance dans l'ordre, séparés par des espaces (ex. « JEAN PAUL »)")
    parser.add_argument("--sexe", required=True, choices=("M", "F"), type=str.upper, help="sexe : M ou F")
    parser.add_argument("--date-naissance", required=True, metavar="DATE",
                        help="date de naissance, JJ/MM/AAAA ou AAAA-MM-JJ")
    parser.add_argument("--lieu-naissance", metavar="CODE",
                        help="code INSEE du lieu de naissance (5 caractères, 99 + pays à l'étranger)")


def _traits(args: argparse.Namespace) -> TraitsQuery:
    """Raises: TraitError, BirthDateError, BirthPlaceError (French messages)."""
    place = check_birth_place_code(args.lieu_naissance) if args.lieu_naissance else None
    given_names = tuple(normalise_given_names(args.prenoms).split(" "))
    return TraitsQuery(birth_name=normalise_trait(args.nom), given_names=given_names, sex=args.sexe,
                       birth_date=parse_birth_date(args.date_naissance), birth_place=place)


def _search(args: argparse.Namespace) -> int:
    try:
        query = _traits(args)
    except (TraitError, BirthDateError, BirthPlaceError) as exc:
        return _usage_error(str(exc))
    result = _call(args, lambda client: client.search_by_traits(query))
    if result is None:
        return EXIT_SERVICE
    try:
        identity = single_identity(result)
    except InsiApplyError as exc:  # the patient core's wording for 01, 02 and unexpected codes
        print(f"Résultat INSi {result.code} : {exc}")
        print(f"Message : {result.message_id}")
        return EXIT_NOT_FOUND
    print(f"Résultat INSi {result.code} : une identité trouvée.")
    _print_identity(identity)
    print(f"Message : {result.message_id}")
    return 0


def _verify(args: argparse.Namespace) -> int:
    try:
        query = VerifyQuery(parse_matricule(args.matricule).value, check_oid(args.oid), _traits(args))
    except (MatriculeError, TraitError, BirthDateError, BirthPlaceError) as exc:
        return _usage_error(str(exc))
    result = _call(args, lambda client: client.verify(query))
    if result is None:
        return EXIT_SERVICE
    if not result.found:
        print(f"Résultat INSi {result.code} : INS non confirmé, il ne correspond pas à ces traits d'identité "
              f"({result.label or 'sans libellé'}).")
        print(f"Message : {result.message_id}")
        return EXIT_NOT_FOUND
    print(f"Résultat INSi {result.code} : INS {query.matricule} confirmé pour ces traits d'identité.")
    for identity in result.identities:
        _print_identity(identity)
    print(f"Message : {result.message_id}")
    return 0


def _call(args: argparse.Namespace, call: Callable[[InsiClient], Awaitable[InsiResult]]) -> InsiResult | None:
    """One téléservice operation with this workstation's settings; None (reported) when it failed.

    Raises: ConfigError (a TLS file named in the settings is missing: `lgc` reports it).
    """
    settings = load_settings(args)
    config.check_files(settings)
    try:
        client = make_insi_client(settings)
    except TransportConfigError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return None
    print(f"Téléservice INSi : {settings.insi_url}")

    async def run() -> InsiResult:
        try:
            return await call(client)
        finally:
            await client.aclose()

    try:
        return asyncio.run(run())
    except InsiError as exc:
        print(f"Erreur : {exc.text} (codes {exc.siram_code}/{exc.desir_code})", file=sys.stderr)
        return None


def _print_identity(identity: InsiIdentity) -> None:
    lines = [
        ("INS", f"{identity.matricule} ({oid_label(identity.oid)}, OID {identity.oid})"),
        ("Nom de naissance", identity.birth_name),
        ("Prénom(s) de naissance", " ".join(identity.given_names) or None),
        ("Premier prénom de naissance", identity.first_given_name),
        ("Sexe", identity.sex),
        ("Date de naissance", display_birth_date(identity.birth_date) if identity.birth_date else None),
        ("Lieu de naissance", identity.birth_place),
    ]
    for label, value in lines:
        print(f"{label} : {value or '— (absent de la réponse)'}")
    for former in identity.history:
        period = f", du {_day(former.start)} au {_day(former.end)}" if former.start or former.end else ""
        print(f"Ancien INS : {former.matricule} (OID {former.oid}){period}")


def _day(iso: str | None) -> str:
    return display_birth_date(iso) if iso else "?"


def _usage_error(message: str) -> int:
    print(f"Erreur : {message}", file=sys.stderr)
    return EXIT_USAGE
