"""Pro Santé Connect failures: one `ServiceError` subclass, codes chosen by the client, French reasons.

The provider's own `error_description` is untrusted (STYLE.md §3): it stays in `detail`; the user reads the
sentence of the code. A cancelled, denied or expired sign-in is not a fault of the software: it leaves the
application as it was, with one of these sentences.
"""

from __future__ import annotations

from services.errors import ServiceError
from services.transport import RETRYABLE, classify

CANCELLED = "PSC-CANCELLED"
DENIED = "PSC-DENIED"
EXPIRED = "PSC-EXPIRED"
STATE = "PSC-STATE"
ID_TOKEN = "PSC-ID-TOKEN"
ACR = "PSC-ACR"
CLIENT = "PSC-CLIENT"
GRANT = "PSC-GRANT"
SESSION_ENDED = "PSC-SESSION-ENDED"
DISCOVERY = "PSC-DISCOVERY"
BAD_RESPONSE = "PSC-BAD-RESPONSE"
NETWORK = "PSC-NETWORK"
USERINFO = "PSC-USERINFO"
NO_CIBA = "PSC-NO-CIBA"

MESSAGES: dict[str, str] = {
    CANCELLED: "Connexion Pro Santé Connect annulée.",
    DENIED: "Connexion Pro Santé Connect refusée (refus dans l'application e-CPS ou sur la page de connexion).",
    EXPIRED: "Délai de connexion Pro Santé Connect dépassé : recommencez la connexion.",
    STATE: "Réponse de connexion Pro Santé Connect inattendue (paramètre « state » incorrect) : connexion "
           "refusée par sécurité.",
    ID_TOKEN: "Le jeton d'identité reçu de Pro Santé Connect est invalide (signature, émetteur, destinataire, "
              "date ou nonce) : connexion refusée par sécurité.",
    ACR: "Le niveau d'authentification Pro Santé Connect est insuffisant (eIDAS substantiel attendu).",
    CLIENT: "Pro Santé Connect ne reconnaît pas ce logiciel : vérifiez l'identifiant client et son secret "
            "dans les réglages.",
    GRANT: "Pro Santé Connect a refusé la demande de jeton (code expiré, déjà utilisé ou vérification PKCE "
           "en échec) : recommencez la connexion.",
    SESSION_ENDED: "La session Pro Santé Connect a expiré : reconnectez-vous.",
    DISCOVERY: "Configuration de Pro Santé Connect illisible ou incomplète : vérifiez l'adresse de l'émetteur "
               "dans les réglages.",
    BAD_RESPONSE: "Réponse illisible de Pro Santé Connect.",
    NETWORK: "Pro Santé Connect est injoignable.",
    USERINFO: "Les informations du professionnel renvoyées par Pro Santé Connect sont invalides ou "
              "incomplètes.",
    NO_CIBA: "Ce fournisseur Pro Santé Connect ne propose pas la connexion par l'application e-CPS (CIBA).",
}


class PscError(ServiceError):
    """A Pro Santé Connect step failed; `code` is one of this module's constants."""

    def __init__(self, code: str, *, detail: str = "", transient: bool = False) -> None:
        super().__init__(code, MESSAGES[code], transient=transient, detail=detail)


def network_error(exc: Exception) -> PscError:
    """An httpx failure below any answer (timeout, refused connection, TLS, 5xx)."""
    return PscError(NETWORK, detail=f"{type(exc).__name__}: {exc}", transient=classify(exc) in RETRYABLE)
