"""Tables of the local accounts (SC.SSI/IE.33: RPPS when there is one, a unique private identifier, exercise
name, first name, profession) and of the verification codes sent before a contact changes (IE.31/32).

The failure counter and the lock live here, in the database, so every workstation of the cabinet enforces
the same limit (IE.36); the password is an Argon2id hash and the TOTP seed is encrypted with the cabinet key
(issue 11 item 7: no secret at rest in clear).
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, Enum, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from lgc_app.auth.channels import ContactChannel
from lgc_app.persistence.base import Base, UtcDateTime, utcnow
from lgc_app.session import UserRole


def _enum(enum_class: type[enum.StrEnum], name: str, length: int) -> Enum:
    return Enum(enum_class, name=name, native_enum=False, create_constraint=True, length=length,
                values_callable=lambda e: [member.value for member in e], validate_strings=True)


class Account(Base):
    """A person who may sign in at the cabinet's workstations."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    family_name: Mapped[str] = mapped_column(String(100))  # nom d'exercice
    given_name: Mapped[str] = mapped_column(String(100))
    profession: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[UserRole] = mapped_column(_enum(UserRole, "user_role", 20))
    rpps: Mapped[str | None] = mapped_column(String(11))
    practitioner_id: Mapped[int | None] = mapped_column(ForeignKey("practitioners.id", ondelete="SET NULL"))
    email: Mapped[str | None] = mapped_column(String(200))  # set only once verified (IE.31)
    phone: Mapped[str | None] = mapped_column(String(30))
    password_hash: Mapped[str] = mapped_column(Text)
    password_changed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    totp_seed: Mapped[str | None] = mapped_column(Text)  # Fernet token under the cabinet key
    totp_enrolled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # IE.34: an administrator asked for a new seed before the period ends (cleared by the next enrolment)
    totp_renewal_forced: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ContactVerification(Base):
    """A code sent to a new contact; the contact changes only when the code comes back (IE.31/32)."""

    __tablename__ = "contact_verifications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    channel: Mapped[ContactChannel] = mapped_column(_enum(ContactChannel, "contact_channel", 10))
    new_value: Mapped[str] = mapped_column(String(200))
    code_hash: Mapped[str] = mapped_column(Text)  # Argon2id, like a password: the code is a secret
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
