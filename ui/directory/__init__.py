"""Annuaire Santé screens: the search dialog and the patient's correspondents."""
