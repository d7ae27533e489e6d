"""Signing in: the login dialog, the first-run administrator dialog and the idle-session lock."""
