"""The consultation screens: the consultation record of the open patient and the patient's timeline."""
