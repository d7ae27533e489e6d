"""Expected failures of prescribing safety, each with a French message shown to the user."""

from __future__ import annotations

from lgc_app.errors import UserError


class AllergyError(UserError, ValueError):
    """An allergy that cannot be recorded (no substance, unknown ATC class), or one no longer there."""

    code = "ALLERGY"
    summary = "Allergie refusée."
