"""Opening a session with Pro Santé Connect from the login dialog: the PSC dialog signs the professional in,
the core pairs them with the cabinet's practitioner, and the session carries the sign-in (tokens in memory,
refreshed while the session lasts, revoked when it ends)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from lgc_app.bootstrap import AppContext
from lgc_app.session import Authentication, Session, User
from ui.tasks import TaskManager, run_db

if TYPE_CHECKING:
    from lgc_app.auth.psc_login import PscLogin
    from services.psc import PscIdentity


def psc_configured(context: AppContext) -> bool:
    return bool(context.settings["services.psc_client_id"])


def psc_session_opener(context: AppContext, tasks: TaskManager,
                       parent: QWidget | None = None) -> Callable[[], Awaitable[Session]]:
    """What the login dialog's "Pro Santé Connect" button awaits: the PSC session, or CancelledError when the
    user closes the PSC dialog (the login dialog stays, usable)."""
    # the PSC client and its JOSE library are imported when the user first asks for it, not at start-up
    async def user_of(identity: PscIdentity) -> User:
        from lgc_app.auth.psc_login import user_for

        return await run_db(user_for, identity, context.database)

    async def open_psc_session() -> Session:
        from ui.auth.psc_dialog import PscDialog

        chosen: asyncio.Future[PscLogin] = asyncio.get_running_loop().create_future()
        dialog = PscDialog(context.settings, tasks, user_of, parent=parent)
        dialog.signed_in.connect(lambda login: chosen.done() or chosen.set_result(login))
        dialog.rejected.connect(lambda: chosen.done() or chosen.cancel())
        dialog.show()
        try:
            login = await chosen
        finally:
            dialog.close()
        session = Session(login.user, context.workstation, Authentication.PRO_SANTE_CONNECT, psc=login.sign_in)
        tasks.run(login.sign_in.keep_alive(), label_fr=dialog.tr("Session Pro Santé Connect"), visible=False)
        return session
    return open_psc_session
