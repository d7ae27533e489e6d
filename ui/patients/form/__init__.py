"""The parts of the identity form (`ui/patients/patient_form.py` composes them): birth and used traits, status
and document checks, carte Vitale cards, INSi, datamatrix INS."""
