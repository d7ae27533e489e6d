"""Signing in with the CPS card (issue 11 item 3): the card, unlocked by its PIN, names its holder; the
holder's RPPS names the account.

The card's certificate is only believed when the card proves it holds the matching private key (it signs a
fresh challenge) and when the certificate was issued by an authority of the configured bundle
(`tls.ca_file`, the IGC-Santé chain) and is in force: anyone can make a PKCS#12 file naming any RPPS, nobody
can make one that the IGC-Santé signed. The session then carries the card, which signs the practitioner's DMP
calls (`lgc_app.dmp.access`). The login, accepted or refused, is recorded in the audit trail.

Blocking (card I/O, database): run off the GUI thread.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from sqlalchemy import select

from lgc_app.audit.events import AuditEvent
from lgc_app.audit.trail import record
from lgc_app.auth.accounts import user_of
from lgc_app.auth.models import Account
from lgc_app.config import Settings
from lgc_app.errors import UserError
from lgc_app.persistence.database import Database
from lgc_app.session import Authentication, Session
from lgc_app.workstation import Workstation
from services.card.card import Card, CardHolder, SignMechanism


class CardNotTrusted(UserError, PermissionError):
    code = "CARD-UNTRUSTED"
    summary = "Cette carte CPS n'est pas reconnue : son certificat n'a pas été émis par une autorité de confiance."


class NoAccountForCard(UserError, PermissionError):
    code = "CARD-NO-ACCOUNT"
    summary = "Aucun compte actif de ce cabinet ne correspond à cette carte CPS."


def card_sign_in(db: Database, workstation: Workstation, settings: Settings, card: Card, *,
                 now: datetime | None = None) -> Session:
    """The session of the holder of `card` (already unlocked by its PIN) on `workstation`.

    A refused card is locked again (`logout`): it must not stay unlocked for nobody.

    Raises:
        CardNotTrusted: the certificate is not from the configured authorities, not in force, or the card does
            not hold its key.
        NoAccountForCard: no active account has the holder's RPPS.
        CardError: the card was removed or reset since the PIN.
    """
    try:
        certificate = card.certificate()
        holder = CardHolder.of(certificate)
        _check_trusted(certificate, settings["tls.ca_file"], now or datetime.now(UTC))
        _check_holds_key(card, certificate)
        return _open_session(db, workstation, card, holder)
    except BaseException:
        card.logout()
        raise


def _check_trusted(certificate: x509.Certificate, ca_file: Path | None, now: datetime) -> None:
    if ca_file is None:
        raise CardNotTrusted("Connexion par carte CPS impossible : les autorités de certification de l'IGC-Santé "
                             "ne sont pas configurées (paramètre tls.ca_file).")
    if not certificate.not_valid_before_utc <= now <= certificate.not_valid_after_utc:
        raise CardNotTrusted("Le certificat de cette carte CPS n'est pas en cours de validité.")
    for authority in x509.load_pem_x509_certificates(ca_file.read_bytes()):
        if authority.subject != certificate.issuer:
            continue
        try:
            certificate.verify_directly_issued_by(authority)
        except (InvalidSignature, ValueError, TypeError):
            continue
        return
    raise CardNotTrusted()


def _check_holds_key(card: Card, certificate: x509.Certificate) -> None:
    """Proof of possession: the certificate alone is public, the card must sign a challenge with its key."""
    public = certificate.public_key()
    challenge = secrets.token_bytes(32)
    signature = card.sign(challenge, SignMechanism.RSA_PKCS1_SHA256)
    if not isinstance(public, rsa.RSAPublicKey):
        raise CardNotTrusted("Cette carte CPS ne porte pas de clé RSA.")
    try:
        public.verify(signature, challenge, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        raise CardNotTrusted("Cette carte CPS ne détient pas la clé de son certificat.") from None


def _open_session(db: Database, workstation: Workstation, card: Card, holder: CardHolder) -> Session:
    with db.unit_of_work() as orm:
        row = orm.scalar(select(Account).where(Account.rpps == holder.rpps, Account.active.is_(True)))
        session = Session(user_of(orm, row), workstation, Authentication.CPS, card=card) if row else None
        if session is not None and row is not None:
            record(orm, AuditEvent.LOGIN, session.who, workstation.name, f"compte {row.login}",
                   f"Connexion réussie ({Authentication.CPS.label})")
        else:  # nobody is proven: the journal names the card's holder
            record(orm, AuditEvent.LOGIN_FAILED, f"{holder.display_name} (RPPS {holder.rpps})", workstation.name,
                   f"carte CPS {holder.national_id}",
                   f"Connexion refusée ({Authentication.CPS.label}) : aucun compte actif pour ce RPPS")
    if session is None:  # raised after the commit: the refusal stays in the journal
        raise NoAccountForCard()
    return session
