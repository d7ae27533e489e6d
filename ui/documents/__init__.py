"""Document views: the CDA viewer (any CDA, ours or received, displayed safely)."""
