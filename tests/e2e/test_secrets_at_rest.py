"""No secret at rest in clear (issue 11, item 7): a full scenario on the sandbox — sign-in with a password, a TOTP
factor enrolled then used, the CPS card unlocked by its PIN and signing in, an INSi call, a DMP send signed by
the card and a DMP consultation, with a key password and a PSC token in the keyring — then the database
(SQLite file and its WAL, or every row of every PostgreSQL table as text), the settings file and the log files
are searched for each secret and for PEM private keys: none may be there."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from pathlib import Path

import pyotp
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from sqlalchemy import inspect, text

from lgc_app import config, logs
from lgc_app import secrets as keyring_secrets
from lgc_app.auth import accounts
from lgc_app.auth.accounts import AccountDraft
from lgc_app.auth.card_sign_in import card_sign_in
from lgc_app.auth.demo_accounts import DEMO_RPPS
from lgc_app.auth.passwords import PasswordPolicy
from lgc_app.auth.sign_in import SecondFactorNeeded, sign_in
from lgc_app.bootstrap import make_insi_client
from lgc_app.config import Settings
from lgc_app.dmp import consultation
from lgc_app.dmp.consultation import DocumentFilter
from lgc_app.dmp.handler import FeedHandler
from lgc_app.dmp.models import DmpState
from lgc_app.dmp.state import document_state
from lgc_app.patients import insi_lookup
from lgc_app.persistence.database import Database
from lgc_app.session import Authentication, UserRole
from services.card.pkcs12_card import Pkcs12Card
from services.sandbox.server import RunningSandbox
from tests.helpers.composition import STANDALONE
from tests.helpers.dmp import DmpWire
from tests.helpers.dmp_feed import Cabinetry, dmp_patient, drain, fast_worker, feed_values, validated
from tests.helpers.patients import add_patient

PASSWORD = "Scan-Secrets-Mot2Passe-93"
PIN = "73915208"  # a software card's PIN: long enough that finding it by chance in a binary file is unlikely
SEED = pyotp.random_base32()
KEY_PASSWORD = "cle-de-structure-" + secrets.token_urlsafe(12)
PSC_TOKEN = "jeton-psc-" + secrets.token_urlsafe(24)
KEY_PASSWORD_REF = "tls.signing_key"
PEM_PRIVATE_KEY_MARKERS = (b"PRIVATE KEY-----", b"-----BEGIN ENCRYPTED")


@pytest.fixture
def log_handler() -> Iterator[logging.Handler]:
    handler = logs.setup(logging.DEBUG)  # the most talkative level: debug lines must not leak either
    yield handler
    logging.getLogger().removeHandler(handler)
    handler.close()


def _settings(sandbox: RunningSandbox, folder: Path) -> Settings:
    """The sandbox workstation, its structure signing key encrypted with a password kept in the keyring."""
    manifest = sandbox.manifest
    key = serialization.load_pem_private_key(manifest.structure_sign_key.read_bytes(), None)
    encrypted = folder / "structure-sign-chiffree.key"
    encrypted.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                            serialization.BestAvailableEncryption(KEY_PASSWORD.encode())))
    keyring_secrets.store(KEY_PASSWORD_REF, KEY_PASSWORD)
    return Settings(feed_values(sandbox, **{"tls.signing_key": str(encrypted),
                                            "tls.key_password_ref": KEY_PASSWORD_REF,
                                            "services.insi_url": manifest.urls["insi"]}))


def _card(sandbox: RunningSandbox, folder: Path) -> Pkcs12Card:
    """The test CPS as a software card whose PIN is `PIN`."""
    manifest = sandbox.manifest
    key = serialization.load_pem_private_key(manifest.cps_key.read_bytes(), None)
    certificate = x509.load_pem_x509_certificate(manifest.cps_cert.read_bytes())
    path = folder / "cps.p12"
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"CPS", key, certificate, None, serialization.BestAvailableEncryption(PIN.encode())))  # type: ignore[arg-type]
    return Pkcs12Card(path)


async def _scenario(db: Database, sandbox: RunningSandbox, wire: DmpWire, cabinet: Cabinetry,
                    settings: Settings, card: Pkcs12Card) -> None:
    with db.unit_of_work() as orm:
        accounts.add_account(orm, AccountDraft("pmedecin", "MEDECIN-TEST", "Paul", UserRole.PRACTITIONER, "Médecin",
                                               DEMO_RPPS), PASSWORD, PasswordPolicy())
    owner = sign_in(db, STANDALONE, settings, "pmedecin", PASSWORD).session
    assert owner.authentication is Authentication.LOCAL_ACCOUNT
    accounts.enrol_totp(db, owner, "pmedecin", SEED, pyotp.TOTP(SEED).now())
    with pytest.raises(SecondFactorNeeded):
        sign_in(db, STANDALONE, settings, "pmedecin", PASSWORD)
    sign_in(db, STANDALONE, settings, "pmedecin", PASSWORD, pyotp.TOTP(SEED).now())

    card.login(PIN)
    session = card_sign_in(db, STANDALONE, settings, card)
    assert session.authentication is Authentication.CPS
    keyring_secrets.store("psc.access_token", PSC_TOKEN)
    # a careless log line must be masked by the log filter
    logging.getLogger("lgc.test").info("réponse du jeton : access_token=%s", PSC_TOKEN)

    insi = make_insi_client(settings)
    try:
        patient_id = add_patient(db, "DUPONT", "ELODIE", "14/03/1985")
        answer = await insi_lookup.search_traits(db, insi, patient_id, session.who)
        assert answer.identity is not None
    finally:
        await insi.aclose()

    _ins, patient = await dmp_patient(db, wire)
    document_id = validated(db, patient, cabinet.author)
    handler = FeedHandler(settings, session=lambda: session)
    try:
        await drain(db, fast_worker(db, handler))
    finally:
        await handler.aclose()
    state = document_state(db, document_id)
    assert state is not None and state.state is DmpState.SENT
    listed = await consultation.consult(db, wire.client, patient, DocumentFilter(), reader=session)
    assert listed.documents


def _leaks(name: str, data: bytes) -> list[str]:
    found = [f"{name}: {label}" for label, secret in (("mot de passe", PASSWORD), ("PIN", PIN),
                                                      ("graine TOTP", SEED), ("mot de passe de clé", KEY_PASSWORD),
                                                      ("jeton PSC", PSC_TOKEN))
             if secret.encode() in data]
    return found + [f"{name}: clé privée PEM" for marker in PEM_PRIVATE_KEY_MARKERS if marker in data]


def _database_text(db: Database, db_url: str) -> dict[str, bytes]:
    if db_url.startswith("sqlite"):
        path = Path(db_url.removeprefix("sqlite:///"))
        return {file.name: file.read_bytes() for file in (path, path.with_name(path.name + "-wal")) if file.exists()}
    dump: dict[str, bytes] = {}
    with db.engine.connect() as connection:
        for table in inspect(connection).get_table_names():
            rows = connection.execute(text(f'SELECT t::text FROM "{table}" t')).scalars()
            dump[f"table {table}"] = "\n".join(rows).encode()
    assert {"table accounts", "table audit_events", "table send_orders"} <= set(dump)
    return dump


async def test_no_secret_is_written_anywhere(db: Database, db_url: str, sandbox: RunningSandbox, wire: DmpWire,
                                            cabinet: Cabinetry, tmp_path: Path,
                                            log_handler: logging.Handler) -> None:
    settings = _settings(sandbox, tmp_path)
    settings_file = config.save(settings, tmp_path / "lgc.toml")
    card = _card(sandbox, tmp_path)
    await _scenario(db, sandbox, wire, cabinet, settings, card)
    log_handler.flush()

    files = _database_text(db, db_url)
    files[settings_file.name] = settings_file.read_bytes()
    log_files = sorted(logs.log_file().parent.glob("*.log*"))
    assert log_files and b"access_token=***" in logs.log_file().read_bytes()  # the scenario was logged
    files |= {file.name: file.read_bytes() for file in log_files}
    assert sum(len(data) for data in files.values()) > 10_000  # the scan reads real content
    assert [leak for name, data in files.items() for leak in _leaks(name, data)] == []
