"""Account actions of the GUI (Outils → Comptes utilisateurs…, Fichier → Mon compte…): the core use cases of
`lgc_app.auth` on the database thread, as the acting session."""

from __future__ import annotations

from lgc_app.auth import accounts, administration, contacts, my_account
from lgc_app.auth.accounts import AccountDraft, AccountView
from lgc_app.auth.administration import AccountEdit
from lgc_app.auth.channels import ContactChannel
from lgc_app.auth.passwords import PasswordPolicy
from lgc_app.auth.senders import senders_from_settings
from lgc_app.bootstrap import AppContext
from ui.tasks import run_db, run_in_thread


def policy(context: AppContext) -> PasswordPolicy:
    return PasswordPolicy.from_settings(context.settings)


async def list_accounts(context: AppContext) -> list[AccountView]:
    return await run_db(accounts.list_accounts, context.database)


async def create(context: AppContext, draft: AccountDraft, password: str) -> None:
    await run_db(accounts.create_account, context.database, context.session, draft, password, policy(context))


async def update(context: AppContext, login: str, edit: AccountEdit) -> None:
    await run_db(administration.update_account, context.database, context.session, login, edit)


async def reset_password(context: AppContext, login: str, password: str) -> None:
    await run_db(accounts.set_password, context.database, context.session, login, password, policy(context))


async def unlock(context: AppContext, login: str) -> None:
    await run_db(administration.unlock, context.database, context.session, login)


async def force_totp_renewal(context: AppContext, login: str) -> None:
    await run_db(administration.force_totp_renewal, context.database, context.session, login)


async def deactivate_totp(context: AppContext, login: str) -> None:
    await run_db(accounts.deactivate_totp, context.database, context.session, login)


async def set_active(context: AppContext, login: str, active: bool) -> None:
    await run_db(administration.set_active, context.database, context.session, login, active)


# --- the user's own account -----------------------------------------------------------------------------------

async def mine(context: AppContext) -> AccountView:
    return await run_db(my_account.my_account, context.database, context.session)


async def change_password(context: AppContext, current: str, new: str) -> None:
    await run_db(my_account.change_password, context.database, context.session, current, new, policy(context))


async def enrol_totp(context: AppContext, seed: str, code: str) -> None:
    await run_db(accounts.enrol_totp, context.database, context.session, context.session.user.login, seed, code)


async def deactivate_my_totp(context: AppContext) -> None:
    await run_db(accounts.deactivate_totp, context.database, context.session, context.session.user.login)


async def request_contact_change(context: AppContext, channel: ContactChannel, value: str) -> None:
    """A code is sent to `value` (SMTP or the SMS sender of the settings)."""
    senders = await run_in_thread(senders_from_settings, context.settings)
    await contacts.request_change(context.database, context.session, context.session.user.login, channel, value,
                                  senders, offload=run_db)


async def confirm_contact_change(context: AppContext, channel: ContactChannel, code: str) -> str:
    senders = await run_in_thread(senders_from_settings, context.settings)
    return await contacts.confirm_change(context.database, context.session, context.session.user.login, channel,
                                         code, senders, offload=run_db)
