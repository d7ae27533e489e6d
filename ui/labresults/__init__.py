"""The laboratory results screens: the "Résultats" panel of the patient record and its history chart."""
