"""The CPS card: PKCS#11 against SoftHSM2 holding the sandbox's test CPS, and the PKCS#12 software card."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from services.card.card import (
    CARD_ABSENT,
    CARD_LOCKED,
    CARD_NOT_UNLOCKED,
    PIN_INCORRECT,
    CardError,
    PinState,
    SignMechanism,
)
from services.card.key import CardPrivateKey
from services.card.pkcs11_card import Pkcs11Card
from services.card.pkcs12_card import Pkcs12Card
from services.sandbox.ca import TEST_CPS_PIN, TEST_PRACTITIONER_ID, TEST_PRACTITIONER_SURNAME, Pki, ensure_pki
from tests.helpers import softhsm

DATA = b"<SignedInfo>le VIHF</SignedInfo>"


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return ensure_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def hsm(pki: Pki, tmp_path_factory: pytest.TempPathFactory) -> Iterator[softhsm.SoftHsm]:
    with pytest.MonkeyPatch.context() as monkeypatch:
        yield from softhsm.provision(tmp_path_factory.mktemp("softhsm"), pki.cps_cert.read_bytes(),
                                     pki.cps_key.read_bytes(), monkeypatch)


def verify(pki: Pki, signature: bytes) -> None:
    public = x509.load_pem_x509_certificate(pki.cps_cert.read_bytes()).public_key()
    assert isinstance(public, rsa.RSAPublicKey)
    public.verify(signature, DATA, padding.PKCS1v15(), hashes.SHA256())  # raises InvalidSignature


def test_pkcs11_card_names_its_holder_without_pin(hsm: softhsm.SoftHsm) -> None:
    card = Pkcs11Card(hsm.library, token_label=softhsm.CPS_LABEL)
    holder = card.holder()
    assert (holder.national_id, holder.family_name, holder.rpps) == (
        TEST_PRACTITIONER_ID, TEST_PRACTITIONER_SURNAME, TEST_PRACTITIONER_ID[1:])
    assert not card.unlocked


def test_pkcs11_card_signs_after_the_right_pin(hsm: softhsm.SoftHsm, pki: Pki) -> None:
    card = Pkcs11Card(hsm.library, token_label=softhsm.CPS_LABEL)
    with pytest.raises(CardError) as refused:
        card.sign(DATA, SignMechanism.RSA_PKCS1_SHA256)
    assert refused.value.code == CARD_NOT_UNLOCKED
    card.login(softhsm.PIN)
    verify(pki, card.sign(DATA, SignMechanism.RSA_PKCS1_SHA256))
    card.logout()
    with pytest.raises(CardError):
        card.sign(DATA, SignMechanism.RSA_PKCS1_SHA256)


def test_pkcs11_wrong_pin_moves_the_card_counter(hsm: softhsm.SoftHsm) -> None:
    card = Pkcs11Card(hsm.library, token_label=softhsm.CPS_LABEL)
    assert card.pin_state() is PinState.UNTOUCHED
    with pytest.raises(CardError) as refused:
        card.login("0000")
    assert refused.value.code == PIN_INCORRECT
    assert refused.value.pin_state is PinState.COUNT_LOW
    assert "il reste au plus 2 essais" in refused.value.text
    assert card.pin_state() is PinState.COUNT_LOW and not card.unlocked
    card.login(softhsm.PIN)  # the right PIN resets the card's counter
    assert card.pin_state() is PinState.UNTOUCHED and card.unlocked
    card.logout()


def test_pkcs11_blocked_card_is_refused_in_french_and_never_sent_the_pin(hsm: softhsm.SoftHsm) -> None:
    card = Pkcs11Card(hsm.library, token_label=softhsm.LOCKED_LABEL)
    assert card.pin_state() is PinState.LOCKED
    with pytest.raises(CardError) as refused:
        card.login(softhsm.PIN)  # SoftHSM2 itself would accept it: the flag alone must stop us
    assert refused.value.code == CARD_LOCKED
    assert "bloquée" in refused.value.text and "PUK" in refused.value.text
    assert not card.unlocked


def test_pkcs11_absent_card(hsm: softhsm.SoftHsm) -> None:
    card = Pkcs11Card(hsm.library, token_label="AUCUNE")
    with pytest.raises(CardError) as refused:
        card.holder()
    assert refused.value.code == CARD_ABSENT and refused.value.transient


def test_card_key_signs_like_a_key_and_never_exports(hsm: softhsm.SoftHsm, pki: Pki) -> None:
    card = Pkcs11Card(hsm.library, token_label=softhsm.CPS_LABEL)
    card.login(softhsm.PIN)
    key = CardPrivateKey(card)
    verify(pki, key.sign(DATA, padding.PKCS1v15(), hashes.SHA256()))
    with pytest.raises(ValueError):
        key.sign(DATA, padding.PKCS1v15(), hashes.SHA1())
    with pytest.raises(TypeError):
        key.private_numbers()
    card.logout()


def test_pkcs12_card_counts_three_tries_then_blocks(pki: Pki, tmp_path: Path) -> None:
    card = Pkcs12Card(pki.cps_pkcs12)
    with pytest.raises(CardError) as refused:
        card.holder()  # the certificate is encrypted in the file with the key
    assert refused.value.code == CARD_NOT_UNLOCKED
    card.login(TEST_CPS_PIN)
    assert card.holder().national_id == TEST_PRACTITIONER_ID
    verify(pki, card.sign(DATA, SignMechanism.RSA_PKCS1_SHA256))

    states = []
    for _ in range(3):
        with pytest.raises(CardError) as refused:
            card.login("9999")
        states.append((refused.value.code, refused.value.pin_state))
    assert states == [(PIN_INCORRECT, PinState.COUNT_LOW), (PIN_INCORRECT, PinState.FINAL_TRY),
                      (CARD_LOCKED, PinState.LOCKED)]
    with pytest.raises(CardError) as refused:
        card.login(TEST_CPS_PIN)
    assert refused.value.code == CARD_LOCKED


def test_pkcs12_card_missing_file_is_an_absent_card(tmp_path: Path) -> None:
    with pytest.raises(CardError) as refused:
        Pkcs12Card(tmp_path / "absente.p12").login(TEST_CPS_PIN)
    assert refused.value.code == CARD_ABSENT
