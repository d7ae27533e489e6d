"""Pro Santé Connect wire constants (PROTOCOLS.md §5.0–§5.4), shared by the client and its simulator."""

from __future__ import annotations

import enum

# §5.0: the ANS proxy reads the wallet document; any other OpenID provider publishes the standard one.
WALLET_DISCOVERY_PATH = "/.well-known/wallet-openid-configuration"
STANDARD_DISCOVERY_PATH = "/.well-known/openid-configuration"

SCOPE = "openid scope_all"  # §5.2: `scope_all` returns the whole professional record (§5.3)
ACR_EIDAS1 = "eidas1"  # §5.2: substantial assurance (CPS card or e-CPS app)
CIBA_GRANT_TYPE = "urn:openid:params:grant-type:ciba"  # CIBA Core §10.1
CALLBACK_PATH = "/callback"  # RFC 8252 §7.3 loopback redirect: http://127.0.0.1:<port>/callback


class ClientAuthMethod(enum.StrEnum):
    """How the client authenticates at the token, revocation and CIBA endpoints (§5.0)."""

    CLIENT_SECRET_BASIC = "client_secret_basic"
    CLIENT_SECRET_POST = "client_secret_post"


class CibaChannel(enum.StrEnum):
    """§5.0: the extra CIBA parameter `channel`: the CPS card or the e-CPS mobile app."""

    CARD = "CARD"
    MOBILE = "MOBILE"
