"""INSi téléservice client (PROTOCOLS.md §2): identity traits, carte Vitale, INS verification."""

from services.insi.client import InsiClient
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
