"""VIHF reuse (issue 14 §3): a signed assertion serves the calls for one signer, practitioner and patient while
at least half its validity is left; never another patient's call (its resource-id names the patient)."""

from __future__ import annotations

import datetime as dt

from lxml import etree

from services.dmp import constants as c
from services.dmp.client import DmpClient
from services.dmp.vihf import REUSE, VALIDITY, AssertionCache, VihfSigner
from services.sandbox.dmp import control
from services.sandbox.server import RunningSandbox
from tests.helpers.dmp import CONTEXT, OTHER_CONTEXT, SOURCE_ID, dmp_wire, patient_id, random_ins

NOW = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)


def _signer(sandbox: RunningSandbox) -> VihfSigner:
    manifest = sandbox.manifest
    return VihfSigner(manifest.structure_sign_cert.read_bytes(), manifest.structure_sign_key.read_bytes())


def _id_and_patient(assertion: etree._Element) -> tuple[str, str]:
    resource = assertion.find(f".//{{{c.SAML2}}}Attribute[@Name='{c.ATTR_RESOURCE_ID}']/{{{c.SAML2}}}AttributeValue")
    assert resource is not None
    return assertion.get("ID", ""), resource.text or ""


def test_an_assertion_is_reused_for_one_practitioner_and_patient_within_half_its_validity(
        sandbox: RunningSandbox) -> None:
    signer, other_signer, cache = _signer(sandbox), _signer(sandbox), AssertionCache()
    alice, bob = patient_id(random_ins()), patient_id(random_ins())
    first = cache.assertion(signer, CONTEXT, alice, now=NOW)
    again = cache.assertion(other_signer, CONTEXT, alice, now=NOW + REUSE - dt.timedelta(seconds=1))
    assert _id_and_patient(again) == _id_and_patient(first)
    assert again is not first  # a copy: each envelope gets its own element
    for other in (cache.assertion(signer, CONTEXT, bob, now=NOW),
                  cache.assertion(signer, OTHER_CONTEXT, alice, now=NOW),
                  cache.assertion(signer, CONTEXT, alice, now=NOW + REUSE),
                  cache.assertion(signer, CONTEXT, alice, now=NOW - dt.timedelta(seconds=1))):  # clock set back
        assert _id_and_patient(other)[0] != _id_and_patient(first)[0]
    assert _id_and_patient(cache.assertion(signer, CONTEXT, bob, now=NOW))[1] == bob.cx
    assert REUSE <= VALIDITY / 2


def test_the_cache_keeps_at_most_its_size(sandbox: RunningSandbox) -> None:
    signer, cache = _signer(sandbox), AssertionCache(size=2)
    patients = [patient_id(random_ins()) for _ in range(3)]
    ids = [_id_and_patient(cache.assertion(signer, CONTEXT, patient, now=NOW))[0] for patient in patients]
    assert _id_and_patient(cache.assertion(signer, CONTEXT, patients[2], now=NOW))[0] == ids[2]
    assert _id_and_patient(cache.assertion(signer, CONTEXT, patients[0], now=NOW))[0] != ids[0]  # evicted


async def test_the_dmp_accepts_the_calls_of_one_patient_sharing_one_assertion(sandbox: RunningSandbox) -> None:
    cache = AssertionCache()
    async with dmp_wire(sandbox) as wire:
        ins = random_ins()
        await control.register_patient(wire.http, wire.url, ins)
        client = DmpClient(wire.http, base_url=wire.url, vihf=_signer(sandbox), context=CONTEXT,
                           source_id=SOURCE_ID, assertions=cache, inline_cpu=True)
        for _ in range(2):
            status = await client.test_dmp(patient_id(ins))
            assert status.accessible
        sent = [etree.fromstring(exchange.request) for exchange in wire.exchanges if "soap" in exchange.request_type]
        ids = {element.find(f".//{{{c.SAML2}}}Assertion").get("ID") for element in sent}  # type: ignore[union-attr]
        assert len(sent) == 2 and len(ids) == 1
