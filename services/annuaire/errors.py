"""Annuaire Santé failures: HTTP status and OperationOutcome mapped to a French sentence of ours (§6).

The server's OperationOutcome diagnostics are untrusted remote text (STYLE.md §3): they go to `detail`
(masked trace, log), the user reads the sentence chosen by code.
"""

from __future__ import annotations

from services.errors import ServiceError
from services.transport import RETRYABLE, TransportErrorCode


class AnnuaireError(ServiceError):
    """A directory request failed; `code` is `ANNUAIRE-<reason>`."""

    def __init__(self, reason_code: str, *, detail: str = "", transient: bool | None = None) -> None:
        reason, default_transient = _REASONS.get(reason_code, _REASONS[OTHER])
        super().__init__(f"ANNUAIRE-{reason_code}", reason,
                         transient=default_transient if transient is None else transient, detail=detail)
        self.reason_code = reason_code


KEY = "KEY"
RATE = "RATE"
REQUEST = "REQUEST"
NOT_FOUND = "NOT-FOUND"
SERVER = "SERVER"
ANSWER = "ANSWER"
QUERY = "QUERY"
OTHER = "OTHER"

_REASONS: dict[str, tuple[str, bool]] = {
    KEY: ("L'Annuaire Santé a refusé la clé d'API (ESANTE-API-KEY absente ou invalide) : "
          "vérifiez la clé enregistrée dans les réglages.", False),
    RATE: ("L'Annuaire Santé limite le nombre de requêtes (17 par seconde) : trop de recherches à la fois.", True),
    REQUEST: ("L'Annuaire Santé a refusé la recherche (critère non pris en charge).", False),
    NOT_FOUND: ("L'Annuaire Santé ne connaît pas la ressource demandée.", False),
    SERVER: ("L'Annuaire Santé est momentanément indisponible.", True),
    ANSWER: ("L'Annuaire Santé a renvoyé une réponse illisible.", False),
    QUERY: ("Précisez un nom, un numéro RPPS ou une spécialité pour chercher dans l'Annuaire Santé.", False),
    TransportErrorCode.TIMEOUT: ("L'Annuaire Santé n'a pas répondu à temps.", True),
    TransportErrorCode.CONNECTION: ("Impossible de joindre l'Annuaire Santé (connexion refusée ou interrompue).",
                                    True),
    TransportErrorCode.TLS: ("La connexion sécurisée à l'Annuaire Santé a échoué (autorité de certification).",
                             False),
    TransportErrorCode.CONFIG: ("Adresse de l'Annuaire Santé invalide dans les réglages.", False),
    OTHER: ("Échec de la communication avec l'Annuaire Santé.", False),
}


def for_status(status: int, detail: str) -> AnnuaireError:
    """The error of an HTTP error answer (§6: 400/401/403/404/410/412/429/5xx with an OperationOutcome)."""
    if status in (401, 403):
        return AnnuaireError(KEY, detail=detail)
    if status == 429:
        return AnnuaireError(RATE, detail=detail)
    if status in (404, 410):
        return AnnuaireError(NOT_FOUND, detail=detail)
    if status >= 500:
        return AnnuaireError(SERVER, detail=detail)
    return AnnuaireError(REQUEST, detail=f"HTTP {status} {detail}".strip())


def for_transport(code: TransportErrorCode, detail: str) -> AnnuaireError:
    return AnnuaireError(code.value if code.value in _REASONS else OTHER, detail=detail,
                         transient=code in RETRYABLE)
