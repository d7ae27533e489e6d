"""`lgc-sandbox`: serve the simulators of the national services on loopback until stopped."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

import platformdirs

from services.sandbox.faults import FaultPlan, parse_rates
from services.sandbox.manifest import MANIFEST_NAME, Manifest
from services.sandbox.registry import available_simulators
from services.sandbox.server import SandboxError, SandboxOptions, default_shared_dir, run

# Same folders as lgc_app.paths (services must not import lgc_app): LGC_HOME/data, else platformdirs.
_APP_NAME = "lgc-segur"
_APP_AUTHOR = "LGC Segur"
# How --help names the national services simulated; it lists only those whose package exists.
_LABELS = {"insi": "INSi", "dmp": "DMP", "psc": "Pro Santé Connect", "annuaire": "Annuaire Santé", "mss": "MSSanté"}
_ECHO = "echo"  # not a national service: the connection test of the application's "Outils" menu
_MAIL = "mail"  # not a national service: the test mail server that receives verification codes


def default_state_dir() -> Path:
    home = os.environ.get("LGC_HOME")
    data = Path(home) / "data" if home else Path(platformdirs.user_data_dir(_APP_NAME, _APP_AUTHOR))
    return data / "sandbox"


def _parser() -> argparse.ArgumentParser:
    names = [simulator.name for simulator in available_simulators()]
    served = ", ".join(_LABELS.get(name, name) for name in names if name not in (_ECHO, _MAIL))
    extras = [text for name, text in ((_MAIL, "un serveur de courrier de test (codes de vérification)"),
                                      (_ECHO, "un service d'écho pour tester la connexion")) if name in names]
    echo = f", et {' et '.join(extras)}" if extras else ""
    parser = argparse.ArgumentParser(
        prog="lgc-sandbox",
        description=f"Simulateurs locaux des services nationaux ({served}) en HTTPS sur la boucle locale{echo}.")
    parser.add_argument("--state-dir", type=Path, default=None,
                        help="dossier d'état (certificats de test, données, sandbox.json) ; "
                             "par défaut le dossier de données de l'application + /sandbox")
    parser.add_argument("--host", default="127.0.0.1", help="adresse d'écoute, boucle locale uniquement")
    parser.add_argument("--port-mtls", type=int, default=0,
                        help="port du point d'accès TLS mutuel (0 = choisi par le système)")
    parser.add_argument("--port-tls", type=int, default=0,
                        help="port du point d'accès TLS serveur seul (0 = choisi par le système)")
    parser.add_argument("--latency", type=float, default=0.0,
                        help="latence ajoutée à chaque requête, en secondes (ex. 3 pour l'homologation)")
    parser.add_argument("--faults", default="",
                        help="taux de pannes, ex. timeout=0.1,error=0.2,drop=0.1,soap_fault=0.05")
    parser.add_argument("--seed", type=int, default=None, help="graine du tirage des pannes (reproductible)")
    parser.add_argument("--shared", type=Path, default=None,
                        help="dossier de référence « shared » (exemples CI-SIS pour l'injection MSSanté) ; "
                             "par défaut LGC_SHARED, sinon le dossier shared à côté du projet")
    parser.add_argument("--log-level", default="warning",
                        choices=["critical", "error", "warning", "info", "debug"], help="niveau de journal")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        plan = FaultPlan(latency=args.latency, rates=parse_rates(args.faults), seed=args.seed)
    except ValueError as exc:
        parser.error(str(exc))
    logging.basicConfig(level=args.log_level.upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    options = SandboxOptions(state_dir=args.state_dir or default_state_dir(), host=args.host,
                             port_mtls=args.port_mtls, port_tls=args.port_tls, plan=plan,
                             log_level=args.log_level, access_log=args.log_level in ("info", "debug"),
                             shared_dir=args.shared or default_shared_dir())

    def ready(manifest: Manifest) -> None:
        names = ", ".join(name for name in manifest.urls if name not in ("health", "control"))
        print(f"Sandbox prête : {options.state_dir / MANIFEST_NAME} (simulateurs : {names or 'aucun'})",
              flush=True)

    try:
        run(options, ready)
    except SandboxError as exc:
        print(f"lgc-sandbox : {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
