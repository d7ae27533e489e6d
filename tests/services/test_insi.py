"""INSi client ↔ simulator over loopback mutual TLS: result codes, first-name loop, Vitale, verification,
and the headers the client puts on the wire (PROTOCOLS.md §2)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest
from lxml import etree

from services.insi import InsiError, TraitsQuery, VerifyQuery, VitaleQuery
from services.insi.envelope import NS_CTXBAM, NS_CTXLPS, NS_RECSANS, NS_RECVIT, NS_SOAP, NS_VERIF, NS_WSA
from services.sandbox.server import RunningSandbox
from tests.helpers.insi import EMITTER, LPS, InsiWire, insi_wire

OID_TEST = "1.2.250.1.213.1.4.10"
DUPONT = TraitsQuery("DUPONT", ("ELODIE", "MARIE"), "F", "1985-03-14")


@pytest.fixture
async def wire(sandbox: RunningSandbox) -> AsyncIterator[InsiWire]:
    async with insi_wire(sandbox) as wire:
        yield wire


def _prenoms(wire: InsiWire) -> list[str]:
    return [root.findtext(f".//{{{NS_RECSANS}}}Prenom") for root in wire.sent_xml()]


async def test_one_identity_gives_00_with_traits_and_oid(wire: InsiWire) -> None:
    result = await wire.client.search_by_traits(DUPONT)
    assert (result.code, result.label) == ("00", "OK")
    (identity,) = result.identities
    assert identity.matricule == "285037505612306" and identity.oid == OID_TEST
    assert (identity.birth_name, identity.first_given_name, identity.given_names) == \
        ("DUPONT", "ELODIE", ("ELODIE", "MARIE"))
    assert (identity.sex, identity.birth_date, identity.birth_place) == ("F", "1985-03-14", "75056")
    assert identity.history == ()
    assert _prenoms(wire) == ["ELODIE"], "stops at the first 00"
    assert result.message_id == wire.sent_xml()[0].findtext(f".//{{{NS_WSA}}}MessageID")


async def test_unknown_person_gives_01_after_one_call_per_first_name_then_the_list(wire: InsiWire) -> None:
    query = TraitsQuery("INCONNU", ("PIERRE", "PAUL", "JACQUES"), "M", "1970-01-01")
    result = await wire.client.search_by_traits(query)
    assert (result.code, result.label, result.identities) == ("01", "Aucune identite trouvee", ())
    assert _prenoms(wire) == ["PIERRE", "PAUL", "JACQUES", "PIERRE PAUL JACQUES"]


async def test_a_single_first_name_is_sent_once(wire: InsiWire) -> None:
    result = await wire.client.search_by_traits(TraitsQuery("INCONNU", ("PIERRE",), "M", "1970-01-01"))
    assert result.code == "01"
    assert _prenoms(wire) == ["PIERRE"]


async def test_found_on_the_second_birth_first_name(wire: InsiWire) -> None:
    result = await wire.client.search_by_traits(TraitsQuery("DUPONT", ("ANNE", "MARIE"), "F", "1985-03-14"))
    assert result.code == "00" and result.identities[0].matricule == "285037505612306"
    assert _prenoms(wire) == ["ANNE", "MARIE"]


async def test_register_matches_a_non_first_given_name(wire: InsiWire) -> None:
    result = await wire.client.search_by_traits(TraitsQuery("MARTIN", ("LOUIS",), "M", "1962-11-02"))
    assert result.code == "00"
    assert result.identities[0].given_names == ("JEAN-PIERRE", "LOUIS")


async def test_homonyms_give_02_and_the_birth_place_separates_them(wire: InsiWire) -> None:
    query = TraitsQuery("LEROY", ("CAMILLE", "MARIE"), "F", "1990-06-21")
    several = await wire.client.search_by_traits(query)
    assert (several.code, several.label, several.identities) == ("02", "Plusieurs identites trouvees", ())
    assert _prenoms(wire) == ["CAMILLE", "MARIE", "CAMILLE MARIE"], "02 does not stop the loop; 02 wins over 01"
    one = await wire.client.search_by_traits(TraitsQuery("LEROY", ("CAMILLE",), "F", "1990-06-21", "59350"))
    assert one.code == "00" and one.identities[0].matricule == "290065935008889"


async def test_twins_sharing_a_first_name_give_02(wire: InsiWire) -> None:
    result = await wire.client.search_by_traits(TraitsQuery("BERNARD", ("NOAH",), "M", "2015-09-09"))
    assert result.code == "02"
    lucas = await wire.client.search_by_traits(TraitsQuery("BERNARD", ("LUCAS",), "M", "2015-09-09"))
    assert lucas.code == "00" and lucas.identities[0].matricule == "115093523830191"


async def test_02_on_a_first_name_goes_on_to_the_next_one(wire: InsiWire) -> None:
    result = await wire.client.search_by_traits(TraitsQuery("BERNARD", ("NOAH", "HUGO"), "M", "2015-09-09"))
    assert result.code == "00" and result.identities[0].matricule == "115093523830290"
    assert _prenoms(wire) == ["NOAH", "HUGO"], "stops at the 00"


async def test_only_the_whole_list_call_singles_out_homonyms_sharing_first_names(wire: InsiWire) -> None:
    result = await wire.client.search_by_traits(TraitsQuery("MOREAU", ("JEAN", "PAUL"), "M", "1975-04-18"))
    assert result.code == "00" and result.identities[0].given_names == ("JEAN", "PAUL")
    assert _prenoms(wire) == ["JEAN", "PAUL", "JEAN PAUL"]


async def test_a_whole_list_in_another_order_is_not_a_match(wire: InsiWire) -> None:
    result = await wire.client.search_by_traits(TraitsQuery("MOREAU", ("PAUL", "JEAN"), "M", "1975-04-18"))
    assert result.code == "02", "both single names gave 02; the list PAUL JEAN matches nobody"
    assert _prenoms(wire) == ["PAUL", "JEAN", "PAUL JEAN"]


async def test_changed_matricule_comes_with_its_history(wire: InsiWire) -> None:
    result = await wire.client.search_by_traits(TraitsQuery("N'DIAYE", ("AMINATA",), "F", "1978-04-30"))
    (identity,) = result.identities
    assert identity.matricule == "278049934101703"
    (former,) = identity.history
    assert (former.matricule, former.oid, former.start, former.end) == \
        ("278049934190288", OID_TEST, "1998-02-03", "2001-06-30")


async def test_partial_birth_date_and_birth_abroad(wire: InsiWire) -> None:
    query = TraitsQuery("DA SILVA", ("JOAO",), "M", "1958-00-00", "99139")
    result = await wire.client.search_by_traits(query)
    assert result.code == "00"
    identity = result.identities[0]
    assert identity.birth_date == "1958-00-00" and identity.matricule[5:7] == "99"


@pytest.mark.parametrize(("rank", "matricule", "first"), [(1, "115093523830191", "LUCAS"),
                                                          (2, "115093523830290", "HUGO")])
async def test_vitale_search_tells_twins_apart_by_rank(wire: InsiWire, rank: int, matricule: str,
                                                       first: str) -> None:
    result = await wire.client.search_by_vitale(VitaleQuery("284053523804157", "2015-09-09", birth_rank=rank))
    assert result.code == "00"
    assert (result.identities[0].matricule, result.identities[0].first_given_name) == (matricule, first)
    (request,) = wire.sent_xml()
    body = request.find(f".//{{{NS_RECVIT}}}RECVITALE")
    assert body.findtext(f"{{{NS_RECVIT}}}MatriculeOD/{{{NS_RECVIT}}}NumIdentifiant") == "2840535238041"
    assert body.findtext(f"{{{NS_RECVIT}}}MatriculeOD/{{{NS_RECVIT}}}Cle") == "57"
    assert body.findtext(f"{{{NS_RECVIT}}}RangNaissance") == str(rank)
    coverage = request.find(f".//{{{NS_CTXBAM}}}COUVERTURE")
    insured = coverage.find(f"{{{NS_CTXBAM}}}ASSURE/{{{NS_CTXBAM}}}Id")
    assert [(etree.QName(child).localname, child.text) for child in insured] == \
        [("Num", "2840535238041"), ("Cle", "57")], "CTXBAM: the 13-character NIR, its key apart"
    assert coverage.findtext(f"{{{NS_CTXBAM}}}BENEFICIAIRE/{{{NS_CTXBAM}}}Rang") == str(rank)


async def test_vitale_search_by_beneficiary_and_unknown_card(wire: InsiWire) -> None:
    own = await wire.client.search_by_vitale(VitaleQuery("285037505612306", "1985-03-14",
                                                         beneficiary_nir="285037505612306"))
    assert own.code == "00" and own.identities[0].birth_name == "DUPONT"
    beneficiary = wire.sent_xml()[0].find(f".//{{{NS_CTXBAM}}}BENEFICIAIRE/{{{NS_CTXBAM}}}Nir")
    assert [child.text for child in beneficiary] == ["2850375056123", "06"]
    wrong_date = await wire.client.search_by_vitale(VitaleQuery("285037505612306", "1985-03-15"))
    assert wrong_date.code == "01"


async def test_verification_confirms_a_matching_ins(wire: InsiWire) -> None:
    result = await wire.client.verify(VerifyQuery("285037505612306", OID_TEST, DUPONT))
    assert result.code == "00" and result.identities[0].matricule == "285037505612306"
    (request,) = wire.sent_xml()
    supplied = request.find(f".//{{{NS_VERIF}}}IndividuVerifie/{{{NS_VERIF}}}INSFourni")
    assert supplied.findtext(f"{{{NS_VERIF}}}IdIndividu/{{{NS_VERIF}}}NumIdentifiant") == "2850375056123"
    assert supplied.findtext(f"{{{NS_VERIF}}}IdIndividu/{{{NS_VERIF}}}Cle") == "06"
    assert supplied.findtext(f"{{{NS_VERIF}}}OID") == OID_TEST
    assert request.findtext(f".//{{{NS_VERIF}}}ListePrenom") == "ELODIE MARIE"


async def test_verification_of_a_corsican_matricule(wire: InsiWire) -> None:
    traits = TraitsQuery("DE LA FONTAINE-D'ARTOIS", ("ANNE-SOPHIE",), "F", "1971-07-08", "2A004")
    result = await wire.client.verify(VerifyQuery("271072A00400962", OID_TEST, traits))
    assert result.code == "00"


async def test_verification_of_a_nia(wire: InsiWire) -> None:
    result = await wire.client.verify(VerifyQuery(
        "295019912273329", OID_TEST, TraitsQuery("KOWALSKI", ("ANNA",), "F", "1995-01-17", "99122")))
    assert result.code == "00" and result.identities[0].birth_place == "99122"


async def test_verification_with_other_traits_is_not_confirmed(wire: InsiWire) -> None:
    result = await wire.client.verify(VerifyQuery(
        "285037505612306", OID_TEST, TraitsQuery("DUPONT", ("ELODIE",), "F", "1985-03-14")))
    assert (result.code, result.identities) == ("01", ())


async def test_verification_refuses_a_bad_key(wire: InsiWire) -> None:
    with pytest.raises(InsiError) as caught:
        await wire.client.verify(VerifyQuery("285037505612307", OID_TEST, DUPONT))
    assert (caught.value.siram_code, caught.value.desir_code) == ("siram_20", "insi_206")
    assert "clé" in caught.value.text and not caught.value.transient


async def test_request_carries_the_siram_headers(wire: InsiWire) -> None:
    await wire.client.search_by_traits(TraitsQuery("DUPONT", ("ELODIE",), "F", "1985-03-14", "75056"))
    (http_request,) = wire.sent
    assert http_request.headers["content-type"].startswith("application/soap+xml; charset=utf-8")
    (root,) = wire.sent_xml()
    assert root.tag == f"{{{NS_SOAP}}}Envelope"
    header = root.find(f"{{{NS_SOAP}}}Header")
    message_id = header.findtext(f"{{{NS_WSA}}}MessageID")
    assert message_id.startswith("uuid:") and uuid.UUID(message_id[5:])
    assert header.findtext(f"{{{NS_WSA}}}Action") == \
        "urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecTraitsIdentite"
    bam = header.find(f"{{{NS_CTXBAM}}}ContexteBAM")
    assert bam.get("Version") == "01_02" and bam.findtext(f"{{{NS_CTXBAM}}}Emetteur") == EMITTER
    assert len(bam.find(f"{{{NS_CTXBAM}}}COUVERTURE")) == 0, "empty for a traits search"
    lps = header.find(f"{{{NS_CTXLPS}}}ContexteLPS")
    assert (lps.get("Nature"), lps.get("Version")) == ("CTXLPS", "01_00")
    idam = lps.find(f"{{{NS_CTXLPS}}}LPS/{{{NS_CTXLPS}}}IDAM")
    assert (idam.text, idam.get("R")) == (LPS.idam, "4")
    assert lps.findtext(f"{{{NS_CTXLPS}}}LPS/{{{NS_CTXLPS}}}Instance") == LPS.instance
    assert lps.findtext(f"{{{NS_CTXLPS}}}LPS/{{{NS_CTXLPS}}}Nom") == f"urn:lps:{LPS.name}:{LPS.version}"
    body = root.find(f"{{{NS_SOAP}}}Body/{{{NS_RECSANS}}}RECSANSVITALE")
    assert [etree.QName(child).localname for child in body] == \
        ["NomNaissance", "Prenom", "Sexe", "DateNaissance", "LieuNaissance"]
    await wire.client.search_by_traits(DUPONT)
    assert wire.sent_xml()[1].findtext(f".//{{{NS_WSA}}}MessageID") != message_id, "one MessageID per call"
