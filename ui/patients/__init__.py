"""Patient identity GUI (issue 4, INS): list, form, INSi dialog, duplicates, datamatrix, INSq dashboard."""
