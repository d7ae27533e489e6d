"""MSSanté screens: the compose dialog, the patient's objection, the sending preferences, the inbox."""
