"""Pro Santé Connect client (PROTOCOLS.md §5): OpenID Connect sign-in of health professionals."""

from services.psc.ciba import CibaBackchannel, CibaRequest, CibaTicket, DirectCiba, binding_message
from services.psc.client import PscClient, PscConfig, PscSignIn
from services.psc.constants import CibaChannel, ClientAuthMethod
from services.psc.errors import PscError
from services.psc.tokens import ClientCredentials, TokenSet
from services.psc.userinfo import Activity, Exercise, PscIdentity

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
