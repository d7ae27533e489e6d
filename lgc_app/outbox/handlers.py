"""The registry of send handlers, by order kind. Each issue adds its kind here, one line each."""

from __future__ import annotations

from lgc_app.config import Settings
from lgc_app.dmp import feeding
from lgc_app.dmp.handler import FeedHandler
from lgc_app.outbox import noop
from lgc_app.outbox.handler import Handler


def default_handlers(settings: Settings) -> dict[str, Handler]:
    """Handlers this workstation can execute, built from its settings (endpoints, certificates)."""
    return {
        noop.KIND: noop.handle,
        feeding.KIND: FeedHandler(settings),
    }
