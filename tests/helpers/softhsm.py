"""SoftHSM2 tokens holding the sandbox's test CPS (key and certificate issued by the sandbox CA).

PKCS#11 reads its configuration (SOFTHSM2_CONF) when the library is initialised, once per process: the
fixture sets it, loads the library for the tests of a module and unloads it afterwards. The tokens are
written before the library is loaded, so one of them can be blocked beforehand (SoftHSM2 counts wrong PINs
but never blocks: a blocked CPS is simulated by setting CKF_USER_PIN_LOCKED in the token's stored flags).
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pkcs11
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pkcs11 import Attribute, CertificateType, KeyType, ObjectClass, TokenFlag
from pkcs11.util.rsa import decode_rsa_private_key

LIBRARY_CANDIDATES = (Path("/usr/lib/softhsm/libsofthsm2.so"), Path("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
                      Path("/usr/local/lib/softhsm/libsofthsm2.so"))
PIN = "1234"
SO_PIN = "12345678"
CPS_LABEL = "CPS-TEST"
LOCKED_LABEL = "CPS-BLOQUEE"
KEY_ID = b"\x01"
_TOKEN_FLAGS_ATTRIBUTE = struct.pack(">QQ", 0x8000534B, 2)  # SoftHSM2 file store: CKA_OS_TOKENFLAGS, unsigned long


@dataclass(frozen=True)
class SoftHsm:
    library: Path
    folder: Path


def library() -> Path:
    found = next((path for path in LIBRARY_CANDIDATES if path.is_file()), None)
    if found is None or shutil.which("softhsm2-util") is None:
        # like PostgreSQL (tests/conftest.py): never skipped in CI, which installs it (.ci/run)
        reason = "SoftHSM2 is not installed (apt-get install -y softhsm2; .ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return found


def _init_token(label: str) -> None:
    subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", label, "--pin", PIN, "--so-pin", SO_PIN],
                   check=True, capture_output=True)


def _import_cps(lib: pkcs11.lib, label: str, cert_pem: bytes, key_pem: bytes) -> None:
    certificate = x509.load_pem_x509_certificate(cert_pem)
    key = serialization.load_pem_private_key(key_pem, password=None)
    key_der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.TraditionalOpenSSL,
                                serialization.NoEncryption())
    with lib.get_token(token_label=label).open(rw=True, user_pin=PIN) as session:
        session.create_object({**decode_rsa_private_key(key_der), Attribute.TOKEN: True, Attribute.PRIVATE: True,
                               Attribute.SENSITIVE: True, Attribute.EXTRACTABLE: False, Attribute.SIGN: True,
                               Attribute.ID: KEY_ID, Attribute.LABEL: "Signature CPS",
                               Attribute.KEY_TYPE: KeyType.RSA, Attribute.CLASS: ObjectClass.PRIVATE_KEY})
        session.create_object({Attribute.CLASS: ObjectClass.CERTIFICATE,
                               Attribute.CERTIFICATE_TYPE: CertificateType.X_509, Attribute.TOKEN: True,
                               Attribute.PRIVATE: False, Attribute.ID: KEY_ID, Attribute.LABEL: "Certificat CPS",
                               Attribute.SUBJECT: certificate.subject.public_bytes(),
                               Attribute.VALUE: certificate.public_bytes(serialization.Encoding.DER)})


def _lock(folder: Path, label: str) -> None:
    """Set CKF_USER_PIN_LOCKED in the stored flags of the token labelled `label`."""
    for token_file in folder.glob("tokens/*/token.object"):
        data = bytearray(token_file.read_bytes())
        if label.encode() not in data:
            continue
        start = data.index(_TOKEN_FLAGS_ATTRIBUTE) + len(_TOKEN_FLAGS_ATTRIBUTE)
        (flags,) = struct.unpack(">Q", data[start:start + 8])
        data[start:start + 8] = struct.pack(">Q", flags | TokenFlag.USER_PIN_LOCKED)
        token_file.write_bytes(bytes(data))
        return
    raise AssertionError(f"token {label} not found")


def provision(folder: Path, cert_pem: bytes, key_pem: bytes, monkeypatch: pytest.MonkeyPatch) -> Iterator[SoftHsm]:
    """Two tokens with the test CPS in `folder` (CPS_LABEL usable, LOCKED_LABEL blocked); yields while the
    library is loaded with them."""
    path = library()
    (folder / "tokens").mkdir(parents=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    pkcs11.unload(str(path))  # a library loaded by an earlier module read another configuration
    for label in (CPS_LABEL, LOCKED_LABEL):
        _init_token(label)
    lib = pkcs11.lib(str(path))
    for label in (CPS_LABEL, LOCKED_LABEL):
        _import_cps(lib, label, cert_pem, key_pem)
    pkcs11.unload(str(path))
    _lock(folder, LOCKED_LABEL)
    try:
        yield SoftHsm(path, folder)
    finally:
        pkcs11.unload(str(path))
