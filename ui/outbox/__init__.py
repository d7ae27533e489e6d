"""Screens of the outbox: the "Envois" panel (every send order, its trace, "Relancer", "Annuler")."""
