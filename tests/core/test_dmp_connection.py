"""The DMP connection's two ways (PROTOCOLS §3.0): indirect mode with the structure's two certificates, or the
CPS in direct mode; the VIHF's structure must be the authentication certificate's."""

from __future__ import annotations

import pytest

from lgc_app.config import ConfigError
from lgc_app.dmp.client_factory import connect
from services.dmp import constants as c
from services.sandbox.server import RunningSandbox
from tests.helpers.dmp_feed import feed_settings


async def test_structure_certificates_give_the_indirect_mode_with_two_keys(sandbox: RunningSandbox) -> None:
    connection = connect(feed_settings(sandbox))
    try:
        assert (connection.authentication_mode, connection.authn_context) == (c.AUTH_MODE_INDIRECT,
                                                                              c.AUTHN_STRUCTURE)
        signing = sandbox.manifest.structure_sign_cert.read_bytes()
        assert connection.vihf.key.cert_pem == signing  # the VIHF and XAdES key is not the TLS one
    finally:
        await connection.aclose()


async def test_the_cps_alone_gives_the_direct_mode(sandbox: RunningSandbox) -> None:
    settings = feed_settings(sandbox, **{"tls.signing_cert": "", "tls.signing_key": "",
                                         "tls.structure_cert": "", "tls.structure_key": ""})
    connection = connect(settings)
    try:
        assert (connection.authentication_mode, connection.authn_context) == (c.AUTH_MODE_DIRECT, c.AUTHN_CPS)
    finally:
        await connection.aclose()


def test_a_signing_certificate_needs_the_authentication_one(sandbox: RunningSandbox) -> None:
    with pytest.raises(ConfigError) as caught:
        connect(feed_settings(sandbox, **{"tls.structure_cert": "", "tls.structure_key": ""}))
    assert caught.value.key == "tls.structure_cert"


def test_the_structure_must_be_the_certificates(sandbox: RunningSandbox) -> None:
    with pytest.raises(ConfigError, match="399999000000013") as caught:
        connect(feed_settings(sandbox, **{"cabinet.structure_id": "399999999999999"}))
    assert caught.value.key == "cabinet.structure_id"
