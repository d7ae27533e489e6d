"""What the INSi simulator refuses (PROTOCOLS.md §8) and how the client reports refusals, TLS failures and
injected faults as `InsiError`, all over loopback mutual TLS."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import AsyncIterator, Callable

import httpx
import pytest
from lxml import etree

from services.insi import InsiError, TraitsQuery, VitaleQuery
from services.insi.envelope import (
    ACTION_VITALE,
    CONTENT_TYPE,
    NS_CTXBAM,
    NS_CTXLPS,
    NS_SOAP,
    NS_WSA,
    EnvelopeBuilder,
)
from services.insi.response import parse_response
from services.sandbox.server import RunningSandbox
from tests.helpers.insi import EMITTER, LPS, InsiWire, insi_wire

DUPONT = TraitsQuery("DUPONT", ("ELODIE",), "F", "1985-03-14")
HEADER = f"{{{NS_SOAP}}}Header"


@pytest.fixture
async def wire(sandbox: RunningSandbox) -> AsyncIterator[InsiWire]:
    async with insi_wire(sandbox) as wire:
        yield wire


def _remove(path: str) -> Callable[[etree._Element], None]:
    def mutate(root: etree._Element) -> None:
        element = root.find(path)
        element.getparent().remove(element)
    return mutate


def _set(path: str, *, text: str | None = None, attribute: tuple[str, str] | None = None
         ) -> Callable[[etree._Element], None]:
    def mutate(root: etree._Element) -> None:
        element = root.find(path)
        if text is not None:
            element.text = text
        if attribute is not None:
            element.set(*attribute)
    return mutate


LPS_PATH = f"{HEADER}/{{{NS_CTXLPS}}}ContexteLPS"
ACTION_PATH = f"{HEADER}/{{{NS_WSA}}}Action"

ENVELOPE_REFUSALS = {
    "ContexteLPS absent": (_remove(LPS_PATH), "siram_15", "insi_010"),
    "ContexteLPS mauvaise Version": (_set(LPS_PATH, attribute=("Version", "01_01")), "siram_15", "insi_011"),
    "ContexteLPS mauvaise Nature": (_set(LPS_PATH, attribute=("Nature", "LPS")), "siram_15", "insi_011"),
    "IDAM absent": (_remove(f"{LPS_PATH}/{{{NS_CTXLPS}}}LPS/{{{NS_CTXLPS}}}IDAM"), "siram_15", "insi_011"),
    "IDAM sans R=4": (_set(f"{LPS_PATH}/{{{NS_CTXLPS}}}LPS/{{{NS_CTXLPS}}}IDAM", attribute=("R", "3")),
                      "siram_15", "insi_011"),
    "ContexteBAM absent": (_remove(f"{HEADER}/{{{NS_CTXBAM}}}ContexteBAM"), "siram_15", "insi_012"),
    "action absente": (_remove(ACTION_PATH), "siram_10", "insi_002"),
    "action inconnue": (_set(ACTION_PATH, text="urn:ServiceIdentiteCertifiee:1.0.0:supprimerIns"),
                        "siram_10", "insi_003"),
    "corps d'une autre action": (_set(ACTION_PATH, text=ACTION_VITALE), "siram_10", "insi_001"),
    "MessageID absent": (_remove(f"{HEADER}/{{{NS_WSA}}}MessageID"), "siram_10", "insi_001"),
}


async def _post(wire: InsiWire, body: bytes,
                content_type: str = CONTENT_TYPE) -> tuple[httpx.Response, InsiError]:
    response = await wire.http.post(wire.url, content=body, headers={"Content-Type": content_type})
    with pytest.raises(InsiError) as caught:
        parse_response(response.content, "uuid:test")
    return response, caught.value


@pytest.mark.parametrize("case", ENVELOPE_REFUSALS)
async def test_envelope_and_context_refusals(wire: InsiWire, case: str) -> None:
    mutate, siram, desir = ENVELOPE_REFUSALS[case]
    envelope = EnvelopeBuilder(LPS, EMITTER).traits(DUPONT, "ELODIE")
    root = etree.fromstring(envelope.body)
    mutate(root)
    response, error = await _post(wire, etree.tostring(root))
    assert response.status_code == 400  # SOAP 1.2 HTTP binding: a Sender fault
    assert (error.siram_code, error.desir_code) == (siram, desir)
    assert error.text and not error.transient


async def test_fault_detail_names_codes_message_id_and_severity(wire: InsiWire) -> None:
    envelope = EnvelopeBuilder(LPS, EMITTER).traits(DUPONT, "ELODIE")
    root = etree.fromstring(envelope.body)
    _remove(LPS_PATH)(root)
    response = await wire.http.post(wire.url, content=etree.tostring(root), headers=envelope.headers)
    fault = etree.fromstring(response.content).find(f"{{{NS_SOAP}}}Body/{{{NS_SOAP}}}Fault")
    assert fault.findtext(f"{{{NS_SOAP}}}Code/{{{NS_SOAP}}}Value") == "S:Sender"
    erreur = fault.find(f"{{{NS_SOAP}}}Detail/{{urn:siram}}Erreur")
    assert (erreur.get("code"), erreur.get("messageID"), erreur.get("severite")) == \
        ("insi_010", envelope.message_id, "erreur")


@pytest.mark.parametrize(("body", "content_type"), [
    (b"not xml at all", CONTENT_TYPE),
    (b'<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body/></Envelope>', CONTENT_TYPE),
    (None, "text/xml; charset=utf-8"),
], ids=["pas du XML", "SOAP 1.1", "type text/xml"])
async def test_non_soap12_requests_are_refused(wire: InsiWire, body: bytes | None, content_type: str) -> None:
    data = body if body is not None else EnvelopeBuilder(LPS, EMITTER).traits(DUPONT, "ELODIE").body
    _, error = await _post(wire, data, content_type)
    assert (error.siram_code, error.desir_code) == ("siram_10", "insi_001")


TOMORROW = (dt.date.today() + dt.timedelta(days=1)).isoformat()
TRAIT_REFUSALS = {
    "nom en minuscules": (TraitsQuery("Dupont", ("ELODIE",), "F", "1985-03-14"), "insi_201"),
    "nom avec chiffre": (TraitsQuery("DUPONT2", ("ELODIE",), "F", "1985-03-14"), "insi_201"),
    "nom accentué": (TraitsQuery("DUPONT", ("ÉLODIE",), "F", "1985-03-14"), "insi_202"),
    "prénoms séparés par une virgule": (TraitsQuery("DUPONT", ("ELODIE,MARIE",), "F", "1985-03-14"), "insi_202"),
    "prénoms séparés par deux espaces": (TraitsQuery("DUPONT", ("ELODIE  MARIE",), "F", "1985-03-14"), "insi_202"),
    "sexe inconnu": (TraitsQuery("DUPONT", ("ELODIE",), "X", "1985-03-14"), "insi_203"),
    "date inexistante": (TraitsQuery("DUPONT", ("ELODIE",), "F", "1985-02-30"), "insi_204"),
    "date française": (TraitsQuery("DUPONT", ("ELODIE",), "F", "14/03/1985"), "insi_204"),
    "jour sans mois": (TraitsQuery("DUPONT", ("ELODIE",), "F", "1985-00-14"), "insi_204"),
    "date future": (TraitsQuery("DUPONT", ("ELODIE",), "F", TOMORROW), "insi_204"),
    "lieu sur 4 caractères": (TraitsQuery("DUPONT", ("ELODIE",), "F", "1985-03-14", "7505"), "insi_205"),
    "nom absent": (TraitsQuery("", ("ELODIE",), "F", "1985-03-14"), "insi_209"),
}


@pytest.mark.parametrize("case", TRAIT_REFUSALS)
async def test_invalid_traits_are_refused(wire: InsiWire, case: str) -> None:
    query, desir = TRAIT_REFUSALS[case]
    with pytest.raises(InsiError) as caught:
        await wire.client.search_by_traits(query)
    assert (caught.value.siram_code, caught.value.desir_code) == ("siram_20", desir)
    assert len(wire.sent) == 1, "a refusal stops the first-name loop"


@pytest.mark.parametrize(("query", "desir"), [
    (VitaleQuery("284053523804158", "2015-09-09"), "insi_207"),
    (VitaleQuery("28405352380", "2015-09-09"), "insi_207"),
    (VitaleQuery("284053523804157", "2015-09-09", birth_rank=0), "insi_208"),
    (VitaleQuery("284053523804157", "2015-13-09"), "insi_204"),
], ids=["clé fausse", "numéro court", "rang 0", "mois 13"])
async def test_invalid_vitale_data_is_refused(wire: InsiWire, query: VitaleQuery, desir: str) -> None:
    with pytest.raises(InsiError) as caught:
        await wire.client.search_by_vitale(query)
    assert (caught.value.siram_code, caught.value.desir_code) == ("siram_20", desir)


BAM_PATH = f"{HEADER}/{{{NS_CTXBAM}}}ContexteBAM"
INSURED_PATH = f"{BAM_PATH}/{{{NS_CTXBAM}}}COUVERTURE/{{{NS_CTXBAM}}}ASSURE/{{{NS_CTXBAM}}}Id"
TWINS_CARD = VitaleQuery("284053523804157", "2015-09-09", birth_rank=1)


def _move_after(path: str, sibling_path: str) -> Callable[[etree._Element], None]:
    def mutate(root: etree._Element) -> None:
        root.find(sibling_path).addnext(root.find(path))
    return mutate


def _append(path: str, name: str, text: str) -> Callable[[etree._Element], None]:
    def mutate(root: etree._Element) -> None:
        etree.SubElement(root.find(path), f"{{{NS_CTXBAM}}}{name}").text = text
    return mutate


# The CTXBAM schema's structure (PROTOCOLS.md §2.0), checked by the simulator on a carte Vitale search.
CTXBAM_REFUSALS = {
    "Num de 15 caractères": (_set(f"{INSURED_PATH}/{{{NS_CTXBAM}}}Num", text="284053523804157"),
                             "siram_20", "insi_207"),
    "Cle sur 1 chiffre": (_set(f"{INSURED_PATH}/{{{NS_CTXBAM}}}Cle", text="7"), "siram_20", "insi_207"),
    "ASSURE autre que MatriculeOD": (_set(f"{INSURED_PATH}/{{{NS_CTXBAM}}}Num", text="2850375056123"),
                                     "siram_20", "insi_207"),
    "ASSURE absent": (_remove(f"{INSURED_PATH}/.."), "siram_20", "insi_209"),
    "Temps après Emetteur": (_move_after(f"{BAM_PATH}/{{{NS_CTXBAM}}}Temps", f"{BAM_PATH}/{{{NS_CTXBAM}}}Emetteur"),
                             "siram_15", "insi_012"),
    "Id absent": (_remove(f"{BAM_PATH}/{{{NS_CTXBAM}}}Id"), "siram_15", "insi_012"),
    "Temps pas une date-heure": (_set(f"{BAM_PATH}/{{{NS_CTXBAM}}}Temps", text="14/03/2025"), "siram_15", "insi_012"),
    "élément inconnu": (_append(f"{BAM_PATH}/{{{NS_CTXBAM}}}COUVERTURE", "Carte", "x"), "siram_15", "insi_012"),
    "Rang pas un entier": (_set(f"{BAM_PATH}/{{{NS_CTXBAM}}}COUVERTURE/{{{NS_CTXBAM}}}BENEFICIAIRE/"
                                f"{{{NS_CTXBAM}}}Rang", text="un"), "siram_15", "insi_012"),
}


@pytest.mark.parametrize("case", CTXBAM_REFUSALS)
async def test_contexte_bam_must_follow_the_ctxbam_schema(wire: InsiWire, case: str) -> None:
    mutate, siram, desir = CTXBAM_REFUSALS[case]
    root = etree.fromstring(EnvelopeBuilder(LPS, EMITTER).vitale(TWINS_CARD).body)
    mutate(root)
    response, error = await _post(wire, etree.tostring(root))
    assert response.status_code == 400
    assert (error.siram_code, error.desir_code) == (siram, desir)
    assert error.text


async def test_the_unchanged_vitale_envelope_is_schema_valid(wire: InsiWire) -> None:
    envelope = EnvelopeBuilder(LPS, EMITTER).vitale(TWINS_CARD)
    response = await wire.http.post(wire.url, content=envelope.body, headers=envelope.headers)
    assert response.status_code == 200
    assert parse_response(response.content, envelope.message_id).code == "00"


@pytest.mark.parametrize("cert", [None, "unknown"], ids=["sans certificat client", "AC inconnue"])
async def test_handshake_fails_without_an_accepted_client_certificate(sandbox: RunningSandbox,
                                                                     cert: str | None) -> None:
    async with insi_wire(sandbox, cert=cert) as wire:  # type: ignore[arg-type]
        with pytest.raises(InsiError) as caught:
            await wire.client.search_by_traits(DUPONT)
    assert (caught.value.siram_code, caught.value.desir_code) == ("transport", "tls")
    assert "certificat" in caught.value.text


@pytest.mark.parametrize(("fault", "desir", "transient"), [
    ("timeout", "timeout", True), ("error", "http_5xx", True), ("drop", "connection", True),
])
async def test_transport_faults_become_insi_errors(sandbox: RunningSandbox, fault: str, desir: str,
                                                   transient: bool) -> None:
    sandbox.set_faults(fail_next=[fault])
    async with insi_wire(sandbox, http_timeout=0.5) as wire:
        with pytest.raises(InsiError) as caught:
            await wire.client.search_by_traits(DUPONT)
        assert (caught.value.siram_code, caught.value.desir_code) == ("transport", desir)
        assert caught.value.transient is transient
        assert (await wire.client.search_by_traits(DUPONT)).code == "00", "only the next request failed"


async def test_injected_soap_fault_is_service_unavailable(sandbox: RunningSandbox, wire: InsiWire) -> None:
    sandbox.set_faults(fail_next=["soap_fault"])
    with pytest.raises(InsiError) as caught:
        await wire.client.search_by_traits(DUPONT)
    assert (caught.value.siram_code, caught.value.desir_code) == ("siram_40", "insi_102")
    assert caught.value.transient and "temporairement inaccessible" in caught.value.text


async def test_latency_is_honoured(sandbox: RunningSandbox, wire: InsiWire) -> None:
    sandbox.set_faults(latency=0.4)
    started = time.perf_counter()
    result = await wire.client.search_by_traits(DUPONT)
    assert result.code == "00"
    assert time.perf_counter() - started >= 0.4
