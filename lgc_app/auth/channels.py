"""The contacts used for sign-in or recovery (IE.31/32), apart from the tables so that screens may name them."""

from __future__ import annotations

import enum


class ContactChannel(enum.StrEnum):
    """A contact used for sign-in or recovery (IE.31/32)."""

    EMAIL = "email"
    PHONE = "phone"

    @property
    def label(self) -> str:
        return "adresse électronique" if self is ContactChannel.EMAIL else "numéro de téléphone"
