"""The professionals the PSC simulator knows, and their userinfo in the PSC shape (PROTOCOLS.md §5.3, §5.0).

The first one is the holder of the sandbox CA's test CPS (`ca.py`) and the demo's practitioner, so a PSC
sign-in, the card and the demo data name the same person.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from services.sandbox.ca import (
    TEST_PRACTITIONER_GIVEN_NAME,
    TEST_PRACTITIONER_ID,
    TEST_PRACTITIONER_SURNAME,
    TEST_STRUCTURE_ID,
    TEST_STRUCTURE_NAME,
)

TEST_CODE = "1234"  # the code every test professional types on the login page (the e-CPS PIN stands-in)
PSI_LOCALE = "1.2.250.1.213.1.3.1.1"  # §5.0


@dataclass(frozen=True)
class Professional:
    national_id: str  # 8 + RPPS
    civility: str  # codeCivilite
    civility_of_exercise: str  # codeCiviliteDexercice
    family_name: str
    given_name: str
    profession: str  # TRE_G15
    specialty: str  # codeSavoirFaire
    sector: str = "SA07"
    structure_id: str = TEST_STRUCTURE_ID
    structure_name: str = TEST_STRUCTURE_NAME

    @property
    def subject(self) -> str:
        """`sub` as Keycloak's PSC realm forms it (§5.3): federated id prefix + national identifier."""
        return f"f:550dc1c8-d97b-4b1e-ac8c-8eb4471cf9dd:{self.national_id}"


PROFESSIONALS: tuple[Professional, ...] = (
    Professional(TEST_PRACTITIONER_ID, "M", "DR", TEST_PRACTITIONER_SURNAME, TEST_PRACTITIONER_GIVEN_NAME.capitalize(),
                 "10", "SM54"),
    Professional("899700218896", "MME", "", "INFIRMIERE-TEST", "Claire", "60", ""),  # §5.0 login_hint example
    Professional("810003562431", "MME", "DR", "PHARMACIEN-TEST", "Sophie", "21", "",
                 structure_name="PHARMACIE DE TEST"),
)
BY_NATIONAL_ID = {person.national_id: person for person in PROFESSIONALS}


def userinfo(person: Professional) -> dict[str, Any]:
    """The `scope_all` userinfo of `person` (§5.3 with the §5.0 additions)."""
    activity = {
        "codeModeExercice": "L", "codeSecteurDactivite": person.sector, "codeRole": "FON-01",
        "codeSectionPharmacien": "", "numeroSiretSite": "", "numeroSirenSite": "", "numeroFinessSite": "",
        "numeroFinessetablissementJuridique": "", "identifiantTechniqueDeLaStructure": person.structure_id,
        "ancienIdentifiantDeLaStructure": "", "raisonSocialeSite": person.structure_name,
        "enseigneCommercialeSite": "", "numeroVoie": "1", "codeTypeDeVoie": "R", "libelleVoie": "DE LA SANTE",
        "indiceRepetitionVoie": "", "complementDestinataire": "", "complementPointGeographique": "",
        "mentionDistribution": "", "codePostal": "75014", "codeCommune": "75114", "bureauCedex": "75014 PARIS",
        "codePays": "99000", "codeDepartement": "75", "telephone": "0100000000", "telephone2": "",
        "telecopie": "", "adresseEMail": "", "codeGenreActivite": "GENR01", "autoriteDenregistrement": "CNOM",
    }
    return {
        "sub": person.subject,
        "SubjectNameID": person.national_id,
        "preferred_username": person.national_id,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "SubjectOrganization": person.structure_name,
        "SubjectOrganizationID": person.structure_id,
        "SubjectRole": [f"{person.profession}^1.2.250.1.213.1.1.5.5"],
        "Secteur_Activite": f"{person.sector}^1.2.250.1.71.4.2.4",
        "Palier_Authentification": "APPPRIP3^1.2.250.1.213.1.5.1.1.1",
        "Mode_Acces_Raison": "", "Acces_Regulation_Medicale": "FAUX", "UITVersion": "1.0",
        "PSI_Locale": PSI_LOCALE, "email_verified": False,
        "otherIds": [{"identifiant": person.national_id, "origine": "RPPS", "qualite": 1}],
        "SubjectRefPro": {
            "codeCivilite": person.civility,
            "exercices": [{
                "codeProfession": person.profession, "codeCategorieProfessionnelle": "C",
                "codeCiviliteDexercice": person.civility_of_exercise, "nomDexercice": person.family_name,
                "prenomDexercice": person.given_name, "codeTypeSavoirFaire": "S" if person.specialty else "",
                "codeSavoirFaire": person.specialty, "activities": [activity],
            }],
        },
    }
