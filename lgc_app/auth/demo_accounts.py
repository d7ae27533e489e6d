"""The demo's accounts, one per role, with the passwords the README and the demo guide give (demonstration
only: a real cabinet's first start creates its administrator in the first-run dialog)."""

from __future__ import annotations

from sqlalchemy import func, select

from lgc_app.auth.accounts import AccountDraft, add_account
from lgc_app.auth.models import Account
from lgc_app.auth.passwords import PasswordPolicy
from lgc_app.persistence.database import Database
from lgc_app.session import UserRole

DEMO_RPPS = "99700366240"  # the sandbox's test CPS, registered by `demo_seed.demo_session`
DEMO_ACCOUNTS: tuple[tuple[AccountDraft, str], ...] = (
    (AccountDraft("praticien", "MEDECIN-TEST", "Paul", UserRole.PRACTITIONER, "Médecin", DEMO_RPPS),
     "Demo-Medecin-2024"),
    (AccountDraft("secretariat", "ACCUEIL", "Léa", UserRole.SECRETARIAT, "Secrétaire médicale"),
     "Demo-Accueil-2024"),
    (AccountDraft("administrateur", "GESTION", "Alice", UserRole.ADMINISTRATOR, "Administratrice"),
     "Demo-Gestion-2024"),
)


def ensure_demo_accounts(db: Database) -> bool:
    """Create the demo accounts when the demo database has none; True when created."""
    with db.unit_of_work() as session:
        if session.scalar(select(func.count(Account.id))):
            return False
        for draft, password in DEMO_ACCOUNTS:
            add_account(session, draft, password, PasswordPolicy())
        return True
