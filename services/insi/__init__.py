"""INSi téléservice client (PROTOCOLS.md §2): identity traits, carte Vitale, INS verification."""

from typing import TYPE_CHECKING, Any

from services.insi.errors import InsiError
from services.insi.models import (
    HistoricIns,
    InsiIdentity,
    InsiResult,
    LpsIdentity,
    TraitsQuery,
    VerifyQuery,
    VitaleQuery,
)

if TYPE_CHECKING:
    from services.insi.client import InsiClient

__all__ = [
    "HistoricIns",
    "InsiClient",
    "InsiError",
    "InsiIdentity",
    "InsiResult",
    "LpsIdentity",
    "TraitsQuery",
    "VerifyQuery",
    "VitaleQuery",
]


def __getattr__(name: str) -> Any:
    """The client is imported when first asked for (PEP 562): the screens use the models above, the client and its
    HTTP library load when the first INSi call is prepared."""
    if name == "InsiClient":
        from services.insi.client import InsiClient

        return InsiClient
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
