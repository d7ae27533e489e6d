"""`dmp_access`: who signs the DMP calls made for a practitioner, by the session's authentication."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from lgc_app.config import Settings
from lgc_app.cps import configured_card
from lgc_app.dmp.access import AccessKind, dmp_access
from lgc_app.dmp.client_factory import DmpConnection, connect
from lgc_app.session import Authentication, Session
from services.card.key import CardPrivateKey
from services.card.pkcs11_card import Pkcs11Card
from services.card.pkcs12_card import Pkcs12Card
from services.dmp import constants as c
from services.sandbox.ca import TEST_CPS_PIN
from services.sandbox.server import RunningSandbox
from tests.helpers.composition import TEST_PRACTITIONER, practitioner_session
from tests.helpers.dmp_feed import feed_settings

OTHER = dataclasses.replace(TEST_PRACTITIONER, id=2, rpps="10003456789", family_name="AUTRE")


@pytest.fixture
async def connection(sandbox: RunningSandbox) -> AsyncIterator[DmpConnection]:
    connection = connect(feed_settings(sandbox))
    yield connection
    await connection.aclose()


@pytest.fixture
def card(sandbox: RunningSandbox) -> Pkcs12Card:
    card = Pkcs12Card(sandbox.manifest.cps_cert.with_name("cps.p12"))
    card.login(TEST_CPS_PIN)
    return card


def _session(authentication: Authentication, card: Pkcs12Card | None = None) -> Session:
    return dataclasses.replace(practitioner_session(), authentication=authentication, card=card)


def test_the_card_of_the_acting_practitioner_signs_in_direct_mode(connection: DmpConnection,
                                                                  card: Pkcs12Card) -> None:
    access = dmp_access(connection, _session(Authentication.CPS, card), TEST_PRACTITIONER)
    assert access.kind is AccessKind.CARD and access.authentication == (c.AUTH_MODE_DIRECT, c.AUTHN_CPS)
    assert access.signer is not None and isinstance(access.signer.key.key, CardPrivateKey)
    assert access.signer.key.key.card is card


def test_pro_sante_connect_is_indirect_and_keeps_the_structure_signer(connection: DmpConnection) -> None:
    access = dmp_access(connection, _session(Authentication.PRO_SANTE_CONNECT), TEST_PRACTITIONER)
    assert access.kind is AccessKind.PRO_SANTE_CONNECT and access.signer is None
    assert access.authentication == (c.AUTH_MODE_INDIRECT, c.AUTHN_ECPS)


@pytest.mark.parametrize("case", ["no session", "chosen at start", "another author", "card locked again"])
def test_otherwise_the_structure_in_indirect_mode(connection: DmpConnection, card: Pkcs12Card, case: str) -> None:
    session: Session | None = _session(Authentication.CPS, card)
    practitioner = TEST_PRACTITIONER
    if case == "no session":
        session = None
    elif case == "chosen at start":
        session = _session(Authentication.CHOSEN_AT_START, card)
    elif case == "another author":
        practitioner = OTHER  # a card signs for its holder only, PSC for the signed-in practitioner only
    else:
        card.logout()
    access = dmp_access(connection, session, practitioner)
    assert access.kind is AccessKind.WORKSTATION and access.signer is None
    assert access.authentication == (c.AUTH_MODE_INDIRECT, c.AUTHN_STRUCTURE)
    assert access.label.startswith("certificats de la structure : mode indirect")


def test_psc_for_another_author_is_the_structure(connection: DmpConnection) -> None:
    access = dmp_access(connection, _session(Authentication.PRO_SANTE_CONNECT), OTHER)
    assert access.kind is AccessKind.WORKSTATION


def test_the_workstation_card_comes_from_its_settings(tmp_path: Path) -> None:
    assert configured_card(Settings()) is None
    software = configured_card(Settings({"card.pkcs12_file": str(tmp_path / "cps.p12")}))
    assert isinstance(software, Pkcs12Card) and software.path == tmp_path / "cps.p12"
    reader = configured_card(Settings({"card.pkcs11_library": "/usr/lib/libcps.so", "card.pkcs12_file": "x.p12",
                                       "card.token_label": "CPS"}))
    assert isinstance(reader, Pkcs11Card) and reader.token_label == "CPS"  # the reader wins over the file
