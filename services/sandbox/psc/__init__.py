"""Pro Santé Connect simulator (PROTOCOLS.md §5, refusals §8), served at `/psc` over server TLS.

The issuer is `<base_tls>/psc`; discovery at `/.well-known/wallet-openid-configuration` (and the standard
path); Keycloak's `protocol/openid-connect/…` endpoints; the wallet's login page at `/wallet/auth`.
Test professionals (`people.py`): `899700366240` Paul MEDECIN-TEST (the sandbox CA's test CPS), `899700218896`
Claire INFIRMIERE-TEST, `810003562431` Sophie PHARMACIEN-TEST; code `1234`. Clients (`clients.py`):
`lgc-segur` (RS256, the demo's), `lgc-segur-hs256`, `lgc-segur-jwt` (userinfo as JWT), `lgc-segur-short`
(2 s access tokens). Control: `POST /_sandbox/rotate-keys {"retire_old": bool}`; `GET /_sandbox/ciba` lists
waiting CIBA requests; `POST /_sandbox/ciba {"login_hint", "binding_message", "approve"}` answers one.
"""

from __future__ import annotations

from starlette.types import ASGIApp

from services.sandbox.context import SimulatorContext
from services.sandbox.psc.app import create_psc_app
from services.sandbox.psc.realm import Realm

NAME = "psc"
MOUNT = "/psc"
MUTUAL_TLS = False


def create_app(ctx: SimulatorContext) -> ASGIApp:
    """State is in memory (tokens must not outlive the process): `ctx.data_dir` stays unused."""
    return create_psc_app(Realm())
