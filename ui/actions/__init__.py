"""Thin GUI actions: one core use case per function, run off the GUI thread (Anki `aqt/operations`)."""
