"""Sending SMS through a pluggable gateway; `FileSmsSender` drops each message in a folder (a gateway
that watches the folder, or the sandbox and the demo)."""

from services.sms.file_sink import FileSmsSender

__all__ = ["FileSmsSender"]
