"""Pro Santé Connect client (PROTOCOLS.md §5): OpenID Connect sign-in of health professionals.

Its names are imported from their module when first asked for (PEP 562): a session, the worker's channel or the
errors only name a few of them, and the client's JOSE library (joserfc) costs ~30 ms of the start-up.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from services.psc.ciba import CibaBackchannel, CibaRequest, CibaTicket, DirectCiba, binding_message
    from services.psc.client import PscClient, PscConfig, PscSignIn
    from services.psc.constants import CibaChannel, ClientAuthMethod
    from services.psc.errors import PscError
    from services.psc.tokens import ClientCredentials, TokenSet
    from services.psc.userinfo import Activity, Exercise, PscIdentity

_MODULE_OF = {
    "CibaBackchannel": "ciba", "CibaRequest": "ciba", "CibaTicket": "ciba", "DirectCiba": "ciba",
    "binding_message": "ciba",
    "PscClient": "client", "PscConfig": "client", "PscSignIn": "client",
    "CibaChannel": "constants", "ClientAuthMethod": "constants",
    "PscError": "errors",
    "ClientCredentials": "tokens", "TokenSet": "tokens",
    "Activity": "userinfo", "Exercise": "userinfo", "PscIdentity": "userinfo",
}
__all__ = [
    "Activity",
    "CibaBackchannel",
    "CibaChannel",
    "CibaRequest",
    "CibaTicket",
    "ClientAuthMethod",
    "ClientCredentials",
    "DirectCiba",
    "Exercise",
    "PscClient",
    "PscConfig",
    "PscError",
    "PscIdentity",
    "PscSignIn",
    "TokenSet",
    "binding_message",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
