"""The Annuaire Santé in the practice: cached search results with their date, the patients' correspondents."""
