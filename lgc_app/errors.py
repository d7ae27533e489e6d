"""One catalogue of the errors a user can act on (ARCHITECTURE.md "One error catalogue", STYLE.md §3).

An expected failure raises a `UserError` subclass: a stable `code`, quoted in logs, traces and proofs, and a
French `text` saying what happened and what the user can do (qutebrowser `KnownError`, Electrum
`UserFacingException`). Each subclass declares its code and a `summary` (the sentence used when the raiser
gives no detail); declaring them is checked when the class is created, so the catalogue cannot hold two
classes with one code. Service failures carry the same pair (`services.errors.ServiceError`, since services
do not import the app); transport failures that reach a view raw (httpx) get a sentence here.

Anything else is a bug (qutebrowser `BugError`, Electrum `on_error`): `explain()` logs its traceback under a
short reference and gives a generic sentence quoting the reference and the log file, never the exception
text (it may hold remote or personal data).
"""

from __future__ import annotations

import logging
import sys
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, TypeGuard

from lgc_app import logs
from services.errors import ServiceError
from services.transport import RETRYABLE, TransportErrorCode, classify

if TYPE_CHECKING:
    import httpx

log = logging.getLogger("lgc.errors")

# code -> class, filled as the modules defining them are imported
CATALOGUE: dict[str, type[UserError]] = {}

BUG_CODE = "BUG"
BUG_TEXT = ("Erreur inattendue du logiciel (référence {reference}) : les détails sont dans le journal {log}. "
            "Signalez-la au support en citant cette référence.")
_REFERENCE_ATTRIBUTE = "_lgc_bug_reference"

# What a view says when a request failed below any service client (a raw httpx error: health check, echo).
_NETWORK_REASONS = {
    TransportErrorCode.TIMEOUT: "Le service n'a pas répondu à temps.",
    TransportErrorCode.TLS: "La connexion sécurisée au service a échoué : vérifiez le certificat (CPS ou "
                            "certificat logiciel) et l'autorité de certification configurés.",
    TransportErrorCode.CONNECTION: "Service injoignable (réseau ou certificat).",
    TransportErrorCode.HTTP_4XX: "Le service a refusé la demande (code HTTP {status}).",
    TransportErrorCode.HTTP_5XX: "Le service est momentanément indisponible (code HTTP {status}).",
    TransportErrorCode.CONFIG: "Adresse du service invalide : vérifiez les réglages.",
    TransportErrorCode.OTHER: "Échec de la communication avec le service.",
}


class UserError(Exception):
    """An expected failure the user can act on; `text` (French) is shown as is, `code` identifies it.

    Subclasses keep the constructor of the builtin exception they replace (one French message), so raisers
    write `raise BirthDateError("…")`; without a message, the class's `summary` is the text.
    """

    code: ClassVar[str]
    summary: ClassVar[str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        code, summary = cls.__dict__.get("code"), cls.__dict__.get("summary")
        if not code or not summary:
            raise TypeError(f"{cls.__qualname__} must declare its own `code` and French `summary`")
        known = CATALOGUE.get(code)
        if known is not None and _name(known) != _name(cls):  # the same class again is a module reload
            raise TypeError(f"error code {code} of {_name(cls)} is already {_name(known)}'s")
        CATALOGUE[code] = cls

    def __init__(self, text: str = "") -> None:
        self.text = text or self.summary
        super().__init__(self.text)


def _name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


@dataclass(frozen=True)
class Explanation:
    """What to show for a failure: `text` (French); `code` for logs and traces; `is_bug` for anything
    unexpected (then `text` quotes the reference under which the traceback was logged)."""

    code: str
    text: str
    is_bug: bool


def explain(error: BaseException) -> Explanation:
    """Map any exception to what the user reads; a bug is logged with its traceback (once per exception)."""
    if isinstance(error, UserError | ServiceError):
        return Explanation(error.code, error.text, is_bug=False)
    if _is_http_error(error):
        return explain(_network_error(error))
    return Explanation(BUG_CODE, BUG_TEXT.format(reference=_reported(error), log=logs.log_file()), is_bug=True)


def _is_http_error(error: BaseException) -> TypeGuard[httpx.HTTPError]:
    """An httpx failure; httpx is imported by the first service client (services/transport.py), not here: until
    then no request can have failed."""
    httpx_module = sys.modules.get("httpx")
    return httpx_module is not None and isinstance(error, httpx_module.HTTPError)


def _network_error(error: httpx.HTTPError) -> ServiceError:
    import httpx

    code = classify(error)
    status = error.response.status_code if isinstance(error, httpx.HTTPStatusError) else "?"
    return ServiceError("NET-" + code.value.upper().replace("_", "-"), _NETWORK_REASONS[code].format(status=status),
                        transient=code in RETRYABLE, detail=f"{type(error).__name__}: {error}")


def _reported(error: BaseException) -> str:
    """The bug's reference; the first call logs the traceback under it, later calls reuse it."""
    reference = getattr(error, _REFERENCE_ATTRIBUTE, None)
    if reference is None:
        reference = uuid.uuid4().hex[:8].upper()
        setattr(error, _REFERENCE_ATTRIBUTE, reference)
        log.error("bug %s: %s", reference, type(error).__name__, exc_info=error)
    return reference
