"""INSi failures as one exception with stable codes and a French message for the user (a `ServiceError`).

A SOAP 1.2 Fault carries two codes (PROTOCOLS.md §2.4): the SIRAM code (`Code/Subcode/Value`, the
transport layer's verdict) and the DESIR code (`Detail/Erreur/@code`, the téléservice's reason). The remote
text is untrusted (STYLE.md §3): the user sees a sentence of ours chosen by code; the raw text only goes to
the log, truncated.  Failures that never reached a SOAP answer get `siram_code == TRANSPORT` and, as
`desir_code`, the shared `services.transport.TransportErrorCode` value or `BAD_RESPONSE`.
"""

from __future__ import annotations

from services.errors import ServiceError
from services.transport import RETRYABLE, TransportErrorCode

TRANSPORT = "transport"
# SIRAM code of "service temporairement inaccessible", as the qualification platform sends it.
UNAVAILABLE = "siram_40"
# An answer came back but is not a SOAP 1.2 INSi answer.
BAD_RESPONSE = "bad_response"


class InsiError(ServiceError):
    """An INSi call failed; `text` is ready to show (French), the two codes go into traces.

    `transient`: a timeout, a dropped connection, a 5xx or `siram_40` (service temporarily unavailable): the
    same request may succeed later. A refusal of the request itself will not.
    """

    def __init__(self, siram_code: str, desir_code: str, reason: str, *, detail: str = "") -> None:
        transient = (siram_code == TRANSPORT and desir_code in RETRYABLE) or siram_code == UNAVAILABLE
        super().__init__(f"INSI-{siram_code}/{desir_code}", reason, transient=transient, detail=detail)
        self.siram_code = siram_code
        self.desir_code = desir_code

    @property
    def is_transport(self) -> bool:
        """True when no SOAP answer was read (the service was not reached, or answered garbage)."""
        return self.siram_code == TRANSPORT


_TRANSPORT_MESSAGES: dict[str, str] = {
    TransportErrorCode.TIMEOUT: "Le téléservice INSi n'a pas répondu à temps.",
    TransportErrorCode.CONNECTION: "Impossible de joindre le téléservice INSi (connexion refusée ou "
                                   "interrompue).",
    TransportErrorCode.TLS: "La connexion sécurisée au téléservice INSi a échoué : vérifiez la carte CPS ou "
                            "le certificat logiciel et l'autorité de certification configurés.",
    TransportErrorCode.HTTP_5XX: "Le téléservice INSi est momentanément indisponible (erreur du serveur).",
    TransportErrorCode.HTTP_4XX: "Le téléservice INSi a refusé la requête (adresse du service à vérifier).",
    TransportErrorCode.CONFIG: "Configuration du téléservice INSi invalide (adresse ou certificats).",
    BAD_RESPONSE: "Le téléservice INSi a renvoyé une réponse illisible.",
}
_OTHER_TRANSPORT = "Échec de la communication avec le téléservice INSi."

# DESIR codes whose meaning we know (the sandbox's catalogue, services/sandbox/insi/faults.py, and the
# codes public INSi clients report from the qualification platform).
_DESIR_MESSAGES: dict[str, str] = {
    "insi_102": "Le téléservice INSi est temporairement inaccessible.",
    "desir_550": "Ce logiciel n'est pas autorisé à utiliser le téléservice INSi "
                 "(numéro d'autorisation inconnu).",
    "insi_010": "Requête INSi refusée : le contexte du logiciel (ContexteLPS) est absent.",
    "insi_011": "Requête INSi refusée : le contexte du logiciel (ContexteLPS) est mal formé.",
    "insi_012": "Requête INSi refusée : le contexte de facturation (ContexteBAM) est absent ou mal formé.",
    "insi_001": "Requête INSi refusée : message SOAP non conforme.",
    "insi_002": "Requête INSi refusée : action SOAP absente.",
    "insi_003": "Requête INSi refusée : action SOAP inconnue.",
    "insi_201": "Nom de naissance refusé par INSi : lettres majuscules sans accent, espace, tiret "
                "ou apostrophe.",
    "insi_202": "Prénom refusé par INSi : un seul prénom, en majuscules sans accent "
                "(tiret ou apostrophe admis).",
    "insi_203": "Sexe refusé par INSi : M ou F attendu.",
    "insi_204": "Date de naissance refusée par INSi : date invalide ou dans le futur.",
    "insi_205": "Lieu de naissance refusé par INSi : code INSEE à 5 caractères attendu.",
    "insi_206": "Matricule INS refusé par INSi : format ou clé de contrôle incorrects.",
    "insi_207": "Numéro de la carte Vitale refusé par INSi : format ou clé incorrects.",
    "insi_208": "Rang de naissance refusé par INSi.",
    "insi_209": "Requête INSi incomplète : un trait d'identité obligatoire manque.",
}

_SIRAM_MESSAGES: dict[str, str] = {
    "siram_40": "Le téléservice INSi est temporairement inaccessible.",
    "siram_100": "Ce logiciel n'est pas autorisé à utiliser le téléservice INSi.",
}


def transport_error(code: str, detail: str = "") -> InsiError:
    """`code`: a `TransportErrorCode` or `BAD_RESPONSE`."""
    message = _TRANSPORT_MESSAGES.get(code, _OTHER_TRANSPORT)
    return InsiError(TRANSPORT, str(code), message, detail=detail[:300])


def fault_error(siram_code: str, desir_code: str, detail: str = "") -> InsiError:
    """The error for a SOAP Fault; unknown codes get a generic sentence quoting them (for support)."""
    message = _DESIR_MESSAGES.get(desir_code) or _SIRAM_MESSAGES.get(siram_code)
    if message is None:
        message = f"Le téléservice INSi a refusé la demande (code {siram_code or '?'} / {desir_code or '?'})."
    return InsiError(siram_code, desir_code, message, detail=detail[:500])
