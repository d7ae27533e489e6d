"""Signing in with the CPS card (issue 11 item 3): the holder's RPPS names the account, the certificate must
come from the configured authorities and the card must hold its key; the login is journaled; a refused card
is locked again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12

from lgc_app.audit import journal
from lgc_app.audit.events import AuditEvent
from lgc_app.audit.journal import AuditFilter
from lgc_app.auth.accounts import AccountDraft, create_first_administrator
from lgc_app.auth.card_sign_in import CardNotTrusted, NoAccountForCard, card_sign_in
from lgc_app.auth.demo_accounts import DEMO_ACCOUNTS, DEMO_RPPS, ensure_demo_accounts
from lgc_app.auth.passwords import PasswordPolicy
from lgc_app.config import Settings
from lgc_app.documents.practitioners import add_practitioner
from lgc_app.persistence.database import Database
from lgc_app.session import Authentication, UserRole
from services.card.card import CardHolder, SignMechanism
from services.card.pkcs12_card import Pkcs12Card
from services.sandbox.ca import TEST_CPS_PIN, Pki, ensure_pki
from tests.helpers.composition import STANDALONE


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return ensure_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture
def settings(pki: Pki) -> Settings:
    return Settings({"tls.ca_file": str(pki.ca_cert)})


@pytest.fixture
def card(pki: Pki) -> Pkcs12Card:
    card = Pkcs12Card(pki.cps_pkcs12)
    card.login(TEST_CPS_PIN)
    return card


def _journal(db: Database) -> list[tuple[str, str, str]]:
    return [(line.event, line.who, line.subject) for line in reversed(journal.entries(db, AuditFilter()))]


def _demo_accounts(db: Database) -> None:
    add_practitioner(db, rpps=DEMO_RPPS, given_name="Paul", family_name="MEDECIN-TEST")
    assert ensure_demo_accounts(db)


def test_the_card_opens_its_holders_session_and_is_journaled(db: Database, settings: Settings,
                                                            card: Pkcs12Card) -> None:
    _demo_accounts(db)
    session = card_sign_in(db, STANDALONE, settings, card)
    assert session.authentication is Authentication.CPS and session.card is card and card.unlocked
    assert session.user.login == DEMO_ACCOUNTS[0][0].login and session.user.role is UserRole.PRACTITIONER
    assert session.user.practitioner is not None and session.user.practitioner.national_id == "899700366240"
    assert _journal(db) == [(AuditEvent.LOGIN, session.who, "compte praticien")]


def test_a_card_without_an_account_is_refused_journaled_and_locked_again(db: Database, settings: Settings,
                                                                        card: Pkcs12Card) -> None:
    create_first_administrator(db, AccountDraft("admin", "GESTION", "Alice", UserRole.ADMINISTRATOR),
                               "Cabinet-Gestion-2024", PasswordPolicy())
    with pytest.raises(NoAccountForCard):
        card_sign_in(db, STANDALONE, settings, card)
    assert not card.unlocked
    sign_ins = [entry for entry in _journal(db) if entry[0] is not AuditEvent.ACCOUNT_CHANGED]  # the admin's
    assert sign_ins == [(AuditEvent.LOGIN_FAILED, "Paul MEDECIN-TEST (RPPS 99700366240)", "carte CPS 899700366240")]


def _self_made_card(pki: Pki, folder: Path) -> Pkcs12Card:
    """A PKCS#12 anyone can make: the test holder's name, a self-signed certificate."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.load_pem_x509_certificate(pki.cps_cert.read_bytes()).subject
    now = dt.datetime.now(dt.UTC)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
                   .not_valid_after(now + dt.timedelta(days=30)).sign(key, hashes.SHA256()))
    path = folder / "forged.p12"
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"CPS", key, certificate, None, serialization.BestAvailableEncryption(b"0000")))
    card = Pkcs12Card(path)
    card.login("0000")
    return card


class _BorrowedCertificate:
    """A card showing the real CPS certificate (public) without its key."""

    def __init__(self, certificate: x509.Certificate, signer: Pkcs12Card) -> None:
        self._certificate = certificate
        self._signer = signer
        self.logged_out = False

    @property
    def unlocked(self) -> bool:
        return not self.logged_out

    def holder(self) -> CardHolder:
        return CardHolder.of(self._certificate)

    def certificate(self) -> x509.Certificate:
        return self._certificate

    def sign(self, data: bytes, mechanism: SignMechanism) -> bytes:
        return self._signer.sign(data, mechanism)

    def logout(self) -> None:
        self.logged_out = True


def test_a_self_made_card_naming_the_practitioner_is_refused(db: Database, settings: Settings, pki: Pki,
                                                             tmp_path: Path) -> None:
    _demo_accounts(db)
    forged = _self_made_card(pki, tmp_path)
    assert forged.holder().rpps == DEMO_RPPS
    with pytest.raises(CardNotTrusted):
        card_sign_in(db, STANDALONE, settings, forged)
    assert not forged.unlocked and _journal(db) == []


def test_the_real_certificate_without_its_key_is_refused(db: Database, settings: Settings, pki: Pki,
                                                         tmp_path: Path) -> None:
    _demo_accounts(db)
    borrowed = _BorrowedCertificate(x509.load_pem_x509_certificate(pki.cps_cert.read_bytes()),
                                    _self_made_card(pki, tmp_path))
    with pytest.raises(CardNotTrusted, match="ne détient pas la clé"):
        card_sign_in(db, STANDALONE, settings, borrowed)  # type: ignore[arg-type]  # no PIN counter needed
    assert borrowed.logged_out


def test_no_configured_authority_no_card_sign_in(db: Database, card: Pkcs12Card) -> None:
    _demo_accounts(db)
    with pytest.raises(CardNotTrusted, match=r"tls\.ca_file"):
        card_sign_in(db, STANDALONE, Settings(), card)
    assert not card.unlocked


def test_an_expired_certificate_is_refused(db: Database, settings: Settings, card: Pkcs12Card) -> None:
    _demo_accounts(db)
    later = card.certificate().not_valid_after_utc + dt.timedelta(days=1)
    with pytest.raises(CardNotTrusted, match="validité"):
        card_sign_in(db, STANDALONE, settings, card, now=later)
