"""`lgc annuaire search`: look practitioners up in the Annuaire Santé from the command line (support, scripts).

The search is the GUI's (`services.annuaire`, the workstation's settings and keyring key): practitioners
with their practice places and MSSanté mailboxes, plain e-mails marked as such. Nothing is stored.

Exit codes: 0 at least one practitioner; 1 none; 2 bad option or configuration; 3 the Annuaire failed.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from lgc_app import config, secrets
from lgc_app.bootstrap import make_annuaire_client
from lgc_app.cli.common import load_settings
from services.annuaire import AnnuaireError, PractitionerEntry, PractitionerQuery, SearchPage
from services.annuaire.constants import QUALIFICATIONS
from services.transport import TransportConfigError

EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
EXIT_SERVICE = 3

_EPILOG = "Codes de sortie : 0 au moins un résultat ; 1 aucun ; 2 option ou configuration invalide ; 3 échec."


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("annuaire", help="chercher un professionnel dans l'Annuaire Santé")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    search = actions.add_parser("search", help="rechercher des professionnels (nom, RPPS, spécialité, ville)",
                                epilog=_EPILOG)
    search.add_argument("--nom", default="", metavar="NOM", help="nom d'exercice (début du nom)")
    search.add_argument("--prenom", default="", metavar="PRÉNOM", help="prénom (début du prénom)")
    search.add_argument("--rpps", default="", metavar="RPPS", help="numéro RPPS (11 chiffres)")
    search.add_argument("--specialite", default="", metavar="SPÉCIALITÉ",
                        help="profession ou spécialité : code (SM54, 10…) ou libellé (« cardiologie »)")
    search.add_argument("--ville", default="", metavar="VILLE", help="ville d'un lieu d'exercice")
    search.add_argument("--pages", type=int, default=1, metavar="N", help="nombre de pages de 50 à afficher")
    search.set_defaults(func=_search)


def qualification_code(text: str) -> str:
    """A profession/specialty code from a code or the start of a French label; raises ValueError."""
    wanted = text.strip().casefold()
    for code, label in QUALIFICATIONS:
        if wanted in (code.casefold(), label.casefold()) or label.casefold().startswith(wanted):
            return code
    known = ", ".join(f"{code} ({label})" for code, label in QUALIFICATIONS)
    raise ValueError(f"spécialité inconnue : « {text} ». Codes connus : {known}")


def _search(args: argparse.Namespace) -> int:
    try:
        specialty = qualification_code(args.specialite) if args.specialite.strip() else ""
    except ValueError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return EXIT_USAGE
    query = PractitionerQuery(family=args.nom, given=args.prenom, rpps=args.rpps, specialty=specialty,
                              city=args.ville)
    if query.is_empty():
        print(f"Erreur : {AnnuaireError('QUERY').text}", file=sys.stderr)
        return EXIT_USAGE
    settings = load_settings(args)
    config.check_files(settings)
    try:
        client = make_annuaire_client(settings)
    except (TransportConfigError, secrets.SecretUnavailable) as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Annuaire Santé : {settings['services.annuaire_url']}")

    async def run() -> list[SearchPage]:
        try:
            pages = [await client.search(query)]
            while len(pages) < max(1, args.pages) and (following := await client.more(pages[-1])) is not None:
                pages.append(following)
            return pages
        finally:
            await client.aclose()

    try:
        pages = asyncio.run(run())
    except AnnuaireError as exc:
        print(f"Erreur : {exc.text} ({exc.code})", file=sys.stderr)
        return EXIT_SERVICE
    found = [entry for page in pages for entry in page.practitioners]
    total = pages[0].total
    print(f"{len(found)} professionnel(s) affiché(s)" + (f" sur {total}" if total is not None else "") + ".")
    for entry in found:
        _print_entry(entry)
    if pages[-1].next_url is not None:
        print("Plus de résultats : relancez avec --pages pour les suivants.")
    return 0 if found else EXIT_NOT_FOUND


def _print_entry(entry: PractitionerEntry) -> None:
    qualifications = ", ".join(q.label for q in (entry.profession, entry.specialty) if q is not None)
    print(f"\n{entry.display_name} — RPPS {entry.rpps or '?'}" + (f" — {qualifications}" if qualifications else ""))
    for box in entry.mailboxes:
        print(f"  MSSanté ({box.kind.label}) : {box.address}")
    for place in entry.places:
        print(f"  Lieu d'exercice : {place.name}, {place.address}")
        for box in place.mailboxes:
            print(f"    MSSanté ({box.kind.label}) : {box.address}")
        for email in place.emails:
            print(f"    Courriel (non MSSanté) : {email}")
