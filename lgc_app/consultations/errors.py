"""Expected failures of the consultations domain, each with a French message shown to the user."""

from __future__ import annotations

from lgc_app.errors import UserError


class ConsultationError(UserError, ValueError):
    """Base of the consultations domain's expected errors (never a bug)."""

    code = "CONSULT"
    summary = "Action impossible sur cette consultation."


class VitalSignError(ConsultationError):
    """A vital sign outside its plausible range, or not a number; the message names the measure."""

    code = "CONSULT-VITALS"
    summary = "Constante invalide."


class ConsultationNotFoundError(ConsultationError):
    code = "CONSULT-NOT-FOUND"
    summary = "Consultation introuvable."


class ConsultationConflictError(ConsultationError):
    """The consultation was changed on another workstation since it was read (optimistic concurrency)."""

    code = "CONSULT-CONFLICT"
    summary = ("Cette consultation a été modifiée sur un autre poste entre-temps : vos modifications n'ont pas "
               "été enregistrées.")
