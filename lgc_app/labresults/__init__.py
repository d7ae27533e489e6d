"""Structured laboratory results: read from a received BIO-CR-BIO (CI-SIS "Compte rendu d'examens de biologie
médicale", IHE PaLM XD-LAB) and kept per patient, for the results table and the history of one analyte."""
