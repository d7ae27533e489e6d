"""Core of the LGC Ségur client: domain, persistence, use cases, outbox. No Qt widgets here."""

__version__ = "0.1.0"
APP_NAME = "lgc-segur"
APP_AUTHOR = "LGC Segur"
