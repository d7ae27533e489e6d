"""Without network: the INSi simulator's register and key arithmetic, and the client's reading of answers
it cannot get from the simulator (the qualification platform's Fault, broken answers)."""

from __future__ import annotations

import httpx
import pytest

from services.insi import InsiClient, TraitsQuery
from services.insi.errors import InsiError
from services.insi.response import parse_response
from services.sandbox.insi import nir
from services.sandbox.insi.population import FIXED, OID_TEST, build_population
from tests.helpers.insi import EMITTER, LPS


@pytest.mark.parametrize(("number", "key"), [("297022A020778", "78"), ("2360663220836", "56"),
                                             ("149012B033614", "34")])
def test_key_follows_mod_97_with_corsican_substitution(number: str, key: str) -> None:
    assert nir.key_of(number) == key
    assert nir.valid_matricule(number, key)
    assert not nir.valid_matricule(number, f"{(int(key) % 97) + 1:02d}")


def test_population_is_deterministic_and_every_matricule_is_valid() -> None:
    first, second = build_population(), build_population()
    assert [p.matricule for p in first.persons] == [p.matricule for p in second.persons]
    assert len(first.persons) >= 300
    assert len(first.by_matricule) == len(first.persons), "matricules must be unique"
    for person in first.persons:
        assert nir.valid_matricule(person.number, person.key), person
        assert person.oid == OID_TEST
        assert person.number[5:10] == person.birth_place  # NIR characters 6–10 = COG code of the place
        for former in person.history:
            assert nir.valid_matricule(former.number, former.key)


def test_population_covers_the_hard_cases() -> None:
    persons = build_population().persons
    assert any(p.birth_place.startswith("99") and p.number[5:7] == "99" for p in persons[len(FIXED):])
    assert any(p.kind == "NIA" for p in persons[len(FIXED):])
    assert any(p.birth_date.endswith("-00") for p in persons[len(FIXED):])
    assert any(len(p.given_names) >= 2 for p in persons[len(FIXED):])
    assert any(set(p.birth_name) & set(" -'") for p in persons[len(FIXED):])
    assert sum(p.history != () for p in persons) >= 1


QUALIFICATION_FAULT = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope">'
    b'<env:Body xmlns:S="http://www.w3.org/2003/05/soap-envelope" xmlns:env="http://www.w3.org/2003/05/soap-envelope">'
    b'<S:Fault><S:Code><S:Value>S:Receiver</S:Value><S:Subcode><S:Value>S:siram_40</S:Value></S:Subcode></S:Code>'
    b'<S:Reason><S:Text xml:lang="en">Le service est temporairement inaccessible.</S:Text></S:Reason>'
    b'<S:Detail><siram:Erreur severite="fatal" code="insi_102" xmlns:siram="urn:siram">erreur technique'
    b'</siram:Erreur></S:Detail></S:Fault></env:Body></soap:Envelope>'
)


def test_client_reads_the_fault_shape_of_the_qualification_platform() -> None:
    with pytest.raises(InsiError) as caught:
        parse_response(QUALIFICATION_FAULT, "uuid:x")
    assert (caught.value.siram_code, caught.value.desir_code) == ("siram_40", "insi_102")
    assert caught.value.transient
    assert "temporairement inaccessible" in caught.value.text


def test_client_refuses_a_doctype_in_the_answer() -> None:
    with pytest.raises(InsiError) as caught:
        parse_response(b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', "uuid:x")
    assert caught.value.is_transport and caught.value.desir_code == "bad_response"


async def test_a_found_answer_without_identity_is_a_broken_answer() -> None:
    broken = (b'<S:Envelope xmlns:S="http://www.w3.org/2003/05/soap-envelope"><S:Body>'
              b'<RESULTAT xmlns="http://www.cnamts.fr/INSiResultat"><CR><CodeCR>00</CodeCR><LibelleCR>OK</LibelleCR>'
              b'</CR></RESULTAT></S:Body></S:Envelope>')
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=broken))
    async with httpx.AsyncClient(transport=transport) as http:
        client = InsiClient(http, url="https://insi.invalid/lps", lps=LPS, emitter=EMITTER)
        with pytest.raises(InsiError) as caught:
            await client.search_by_traits(TraitsQuery("DUPONT", ("ELODIE",), "F", "1985-03-14"))
    assert (caught.value.siram_code, caught.value.desir_code) == ("transport", "bad_response")


# Shapes of the answers captured on the CNDA qualification platform (PROTOCOLS.md §2.0), with our own data:
# no SOAP Header, the Body under another prefix than the Envelope, extra namespace declarations on RESULTAT,
# `INSACTIF` without `TypeMatricule`, `TIQ` with `ListePrenom` and no `Prenom`.
CNDA_FOUND = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope">'
    '<S:Body xmlns:S="http://www.w3.org/2003/05/soap-envelope">{comment}<RESULTAT xmlns:ns3="http://www.cnamts.fr/'
    'INSiRecVit" xmlns:ns2="http://www.cnamts.fr/INSiRecSans" xmlns="http://www.cnamts.fr/INSiResultat"><CR>'
    '<CodeCR>00</CodeCR><LibelleCR>OK</LibelleCR></CR><INDIVIDU><INSACTIF><IdIndividu><NumIdentifiant>'
    '1760499123045</NumIdentifiant>{key}</IdIndividu><OID>1.2.250.1.213.1.4.8</OID></INSACTIF><INSHISTO>'
    '<IdIndividu><NumIdentifiant>2760499123045</NumIdentifiant><Cle>17</Cle><TypeMatricule>NIR</TypeMatricule>'
    '</IdIndividu><OID>1.2.250.1.213.1.4.8</OID></INSHISTO><INSHISTO><IdIndividu><NumIdentifiant>1840675056001'
    '</NumIdentifiant><TypeMatricule>NIR</TypeMatricule></IdIndividu><OID>1.2.250.1.213.1.4.8</OID></INSHISTO>'
    '{tiq}</INDIVIDU></RESULTAT></S:Body></soap:Envelope>'
)
CNDA_TIQ = ('<TIQ><NomNaissance>TESTINSI</NomNaissance><ListePrenom>JEAN-MARC LUC ANDRE</ListePrenom><Sexe>M</Sexe>'
            '<DateNaissance>1976-04-09</DateNaissance><LieuNaissance>99123</LieuNaissance></TIQ>')


def _cnda(*, comment: str = "", key: str = "<Cle>67</Cle>", tiq: str = CNDA_TIQ) -> bytes:
    return CNDA_FOUND.format(comment=comment, key=key, tiq=tiq).encode()


def test_client_reads_the_found_answer_shape_of_the_qualification_platform() -> None:
    result = parse_response(_cnda(), "uuid:x")
    assert (result.code, result.label) == ("00", "OK")
    (identity,) = result.identities
    assert (identity.matricule, identity.oid) == ("176049912304567", "1.2.250.1.213.1.4.8")
    assert (identity.birth_name, identity.first_given_name, identity.given_names) == \
        ("TESTINSI", "JEAN-MARC", ("JEAN-MARC", "LUC", "ANDRE")), "first name taken from ListePrenom"
    assert (identity.sex, identity.birth_date, identity.birth_place) == ("M", "1976-04-09", "99123")
    assert [former.matricule for former in identity.history] == ["276049912304517", "184067505600181"], \
        "a missing Cle is computed (mod 97)"


def test_a_comment_before_resultat_and_a_missing_key_are_fine() -> None:
    result = parse_response(_cnda(comment="<!-- plateforme de qualification -->", key=""), "uuid:x")
    assert result.identities[0].matricule == "176049912304567"


@pytest.mark.parametrize("tiq", ["", "<TIQ/>", "<TIQ><NomNaissance>TESTINSI</NomNaissance></TIQ>"],
                         ids=["sans TIQ", "TIQ vide", "TIQ avec le nom seul"])
def test_every_tiq_child_is_optional(tiq: str) -> None:
    (identity,) = parse_response(_cnda(tiq=tiq), "uuid:x").identities
    assert identity.matricule == "176049912304567"
    assert (identity.first_given_name, identity.given_names, identity.sex, identity.birth_date,
            identity.birth_place) == (None, (), None, None, None)
    assert identity.birth_name == ("TESTINSI" if "NomNaissance" in tiq else None)


def test_a_prenom_without_liste_prenom_is_the_only_first_name() -> None:
    tiq = "<TIQ><Prenom>LUC</Prenom><Sexe>M</Sexe></TIQ>"
    (identity,) = parse_response(_cnda(tiq=tiq), "uuid:x").identities
    assert (identity.first_given_name, identity.given_names) == ("LUC", ("LUC",))


@pytest.mark.parametrize("data", [
    _cnda().replace(b"<NumIdentifiant>1760499123045<", b"<NumIdentifiant>176049912304<"),
    _cnda().replace(b"<NumIdentifiant>1760499123045<", b"<NumIdentifiant>17604991230XY<"),
    _cnda(key="<Cle>6</Cle>"),
    _cnda().replace(b"<OID>1.2.250.1.213.1.4.8</OID></INSACTIF>", b"</INSACTIF>"),
    _cnda().replace(b"<CodeCR>00</CodeCR>", b""),
    b'<S:Envelope xmlns:S="http://www.w3.org/2003/05/soap-envelope"><S:Body><!-- vide --></S:Body></S:Envelope>',
], ids=["NumIdentifiant court", "NumIdentifiant non numérique", "Cle sur 1 chiffre", "OID absent", "CodeCR absent",
        "corps sans élément"])
def test_a_malformed_answer_is_an_insi_error_in_french(data: bytes) -> None:
    with pytest.raises(InsiError) as caught:
        parse_response(data, "uuid:x")
    assert (caught.value.siram_code, caught.value.desir_code) == ("transport", "bad_response")
    assert caught.value.text == "Le téléservice INSi a renvoyé une réponse illisible."
