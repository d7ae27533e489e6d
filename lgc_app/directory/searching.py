"""A directory search as the screens and the command line run it: ask the Annuaire, remember the results
in the cache with today's date (off the event loop), hand back the page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lgc_app.directory.use_cases import remember
from lgc_app.offload import Offload
from lgc_app.persistence.database import Database
from services.annuaire import PractitionerQuery, SearchPage

if TYPE_CHECKING:
    from services.annuaire import AnnuaireClient


async def search(client: AnnuaireClient, db: Database, query: PractitionerQuery, offload: Offload) -> SearchPage:
    """Raises AnnuaireError."""
    page = await client.search(query)
    await offload(remember, db, page.practitioners)
    return page


async def more(client: AnnuaireClient, db: Database, page: SearchPage, offload: Offload) -> SearchPage | None:
    """The next page (None at the end), remembered like the first. Raises AnnuaireError."""
    following = await client.more(page)
    if following is not None:
        await offload(remember, db, following.practitioners)
    return following
