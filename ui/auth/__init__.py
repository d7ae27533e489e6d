"""Sign-in dialogs."""
