"""MSSanté: sending documents and free messages (this package), receiving them (`inbox/`), PROTOCOLS §4."""
