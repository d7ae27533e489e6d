"""The CPS card of this workstation, from its settings: the reader's PKCS#11 library, or else a PKCS#12
software card (demonstration); None when neither is configured (a slave workstation, a server)."""

from __future__ import annotations

from lgc_app.config import Settings
from services.card.card import Card
from services.card.pkcs11_card import Pkcs11Card
from services.card.pkcs12_card import Pkcs12Card


def configured_card(settings: Settings) -> Card | None:
    if settings["card.pkcs11_library"] is not None:
        return Pkcs11Card(settings["card.pkcs11_library"], token_label=settings["card.token_label"] or None)
    if settings["card.pkcs12_file"] is not None:
        return Pkcs12Card(settings["card.pkcs12_file"])
    return None
