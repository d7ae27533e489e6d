"""The CPS card of this workstation, from its settings: the reader's PKCS#11 library, or else a PKCS#12
software card (demonstration); None when neither is configured (a slave workstation, a server).

The card modules (python-pkcs11, asn1crypto: ~0.1 s of imports) load only when a card is configured."""

from __future__ import annotations

from lgc_app.config import Settings
from services.card.card import Card


def configured_card(settings: Settings) -> Card | None:
    if settings["card.pkcs11_library"] is not None:
        from services.card.pkcs11_card import Pkcs11Card

        return Pkcs11Card(settings["card.pkcs11_library"], token_label=settings["card.token_label"] or None)
    if settings["card.pkcs12_file"] is not None:
        from services.card.pkcs12_card import Pkcs12Card

        return Pkcs12Card(settings["card.pkcs12_file"])
    return None
