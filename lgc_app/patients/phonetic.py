"""An approximate French phonetic key for the fuzzy part of the anteriority search.

Not a standard algorithm: a few spelling equivalences frequent in French names (PH/F, C/K/QU, silent H,
doubled letters, silent final consonants and E), so that `DUPOND`, `DUPONT` and `DUPONTT` share a key and an
index range. rapidfuzz then ranks the candidates; this only has to bring them into the candidate set.
"""

from __future__ import annotations

import re
from functools import lru_cache

_SPELLINGS = (
    (r"SCH|SH", "CH"),
    (r"PH", "F"),
    (r"TH", "T"),
    (r"QU|CK|Q", "K"),
    (r"C(?=[EIY])", "S"),
    (r"CH(?=[RL])", "K"),  # CHRISTOPHE, CHLOE
    (r"CH", "X"),  # the French "ch" sound, kept apart from K
    (r"C", "K"),
    (r"GU(?=[EIY])", "G"),
    (r"G(?=[EIY])", "J"),
    (r"W", "V"),
    (r"Y", "I"),
    (r"Z", "S"),
    (r"EAU|AU", "O"),
    (r"AI|EI", "E"),
    (r"(?<=.)H", ""),
    (r"^H", ""),
    (r"(.)\1+", r"\1"),
    (r"(?<=..)E$", ""),
    (r"(?<=..)[STDX]$", ""),
)
_RULES = tuple((re.compile(pattern), replacement) for pattern, replacement in _SPELLINGS)


@lru_cache(maxsize=65536)  # names repeat: the search ranks the same candidates again and again
def phonetic_key(compact: str) -> str:
    """Phonetic key of a compact search key (A-Z only, see `traits.search_key`)."""
    key = compact
    for pattern, replacement in _RULES:
        key = pattern.sub(replacement, key)
    return key
