"""The consultation record: reason, history, examination with vital signs, conclusion; the documents written
from it (report, prescription, letter) and the patient's timeline."""
