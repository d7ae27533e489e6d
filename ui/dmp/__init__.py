"""DMP screens: consultation panel, "Envois" panel, DMP state of documents, new-documents badge."""
