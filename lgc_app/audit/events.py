"""The kinds of audited events, with the French label the journal shows."""

from __future__ import annotations

import enum


class AuditEvent(enum.StrEnum):
    """What happened. Stored by value: never rename one (old rows keep their kind)."""

    PATIENT_READ = "patient.lecture"
    PATIENT_CREATED = "patient.creation"
    PATIENT_CHANGED = "patient.modification"
    DOCUMENT_VALIDATED = "document.validation"
    DOCUMENT_ARCHIVED = "document.archivage"
    DOCUMENT_DELETED = "document.suppression"
    DOCUMENT_SENT = "document.envoi"
    DOCUMENT_REFUSED = "document.refus"
    DOCUMENT_RECEIVED = "document.reception"
    CONSULTATION_OPENED = "consultation.ouverture"
    CONSULTATION_CREATED = "consultation.creation"
    CONSULTATION_CHANGED = "consultation.modification"
    ALLERGY_ADDED = "allergie.ajout"
    ALLERGY_REMOVED = "allergie.retrait"
    ORDER_RETRIED = "envoi.relance"
    ORDER_CANCELLED = "envoi.annulation"
    LOGIN = "connexion"
    LOGIN_FAILED = "connexion.echec"
    ACCOUNT_CHANGED = "compte.modification"
    AUTHORISATION_CHANGED = "habilitation.modification"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    AuditEvent.PATIENT_READ: "Ouverture d'un dossier patient",
    AuditEvent.PATIENT_CREATED: "Création d'un patient",
    AuditEvent.PATIENT_CHANGED: "Modification d'un dossier patient",
    AuditEvent.DOCUMENT_VALIDATED: "Validation d'un document",
    AuditEvent.DOCUMENT_ARCHIVED: "Archivage d'un document",
    AuditEvent.DOCUMENT_DELETED: "Suppression d'un document",
    AuditEvent.DOCUMENT_SENT: "Document envoyé",
    AuditEvent.DOCUMENT_REFUSED: "Envoi refusé",
    AuditEvent.DOCUMENT_RECEIVED: "Document reçu",
    AuditEvent.CONSULTATION_OPENED: "Ouverture d'une consultation",
    AuditEvent.CONSULTATION_CREATED: "Nouvelle consultation",
    AuditEvent.CONSULTATION_CHANGED: "Modification d'une consultation",
    AuditEvent.ALLERGY_ADDED: "Allergie ajoutée",
    AuditEvent.ALLERGY_REMOVED: "Allergie retirée",
    AuditEvent.ORDER_RETRIED: "Envoi relancé",
    AuditEvent.ORDER_CANCELLED: "Envoi annulé",
    AuditEvent.LOGIN: "Connexion",
    AuditEvent.LOGIN_FAILED: "Échec de connexion",
    AuditEvent.ACCOUNT_CHANGED: "Modification d'un compte",
    AuditEvent.AUTHORISATION_CHANGED: "Modification d'une habilitation",
}
