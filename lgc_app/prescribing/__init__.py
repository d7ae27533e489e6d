"""Prescribing safety: the patient's allergies, a small ATC class table, conflicts between a prescription and
the recorded allergies."""
