"""Patients and their national health identity (INS), per the RNIV and the Référentiel INS."""
