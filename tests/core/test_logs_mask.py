"""Masking secrets in logs and traces: each pattern runs only on a text holding one of its words, which must
never let a secret through (the patterns are case-insensitive, with Unicode's case equivalences)."""

from __future__ import annotations

import pytest

from lgc_app.logs import _PATTERNS, _SIGNATURE_VALUE, mask


def _every_pattern(text: str) -> str:
    """The reference: every pattern applied, whatever the text holds."""
    for _, pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return _SIGNATURE_VALUE.sub(r"\1***", text)


SECRETS = [
    "Authorization: Bearer eyJhbGciOi.payload.sig",
    "AUTHORIZATION = basic dXNlcjpwYXNz",
    'token réponse {"access_token": "abc.def", "refresh_token":"r1", "id_token": x}',
    "password=hunter2&client_secret=s3cr3t&code_verifier=v",
    "PASSWD: motdepasse",
    "ESANTE-API-KEY: 0123-4567",
    "<ds:SignatureValue Id='s'>QUJD\nREVG</ds:SignatureValue>",
    # Unicode case equivalences the word test must not miss: İ (U+0130) lowers to two characters, ſ and ı
    # match s and i, K (Kelvin sign) matches k.
    "authorİzation: bearer jeton-1",
    "paſſword=jeton-2",
    "authorızation: Bearer jeton-3",
    "esante-api-\u212aey: jeton-4",
]


@pytest.mark.parametrize("text", SECRETS)
def test_every_secret_is_masked_as_by_every_pattern(text: str) -> None:
    masked = mask(text)
    assert masked == _every_pattern(text)
    assert masked != text and "***" in masked


def test_a_trace_without_secret_is_unchanged_and_masking_twice_changes_nothing() -> None:
    trace = ("→ urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b https://dmp/repository (1234 octets)\n"
             "<saml2:Attribute Name='urn:oasis:names:tc:xspa:1.0:subject:subject-id'>MEDECIN Paul</saml2:Attribute>\n"
             "Réponse : Accepté (Success) ; patient ÉLODIE DUPONT ; secrétariat")
    assert mask(trace) == trace
    once = mask("\n".join([trace, *SECRETS]))
    assert mask(once) == once == _every_pattern("\n".join([trace, *SECRETS]))
