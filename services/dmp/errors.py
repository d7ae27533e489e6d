"""DMP errors: one exception type (a `ServiceError`) and one catalogue of French reasons keyed by the IHE/DMP code.

The text the DMP sends back (codeContext, fault reason) is untrusted (STYLE §3): it is kept on the
exception for the masked trace, never shown; the user sees the catalogue sentence for the code.
"""

from __future__ import annotations

from collections.abc import Sequence

from services.dmp.models import RegistryErrorInfo
from services.errors import ServiceError

# Codes raised by the client itself (transport, unreadable answers).
NETWORK = "DMP_RESEAU"
TIMEOUT = "DMP_DELAI"
TLS = "DMP_TLS"
SERVER = "DMP_SERVEUR"
HTTP = "DMP_HTTP"
BAD_RESPONSE = "DMP_REPONSE_INVALIDE"
SOAP_FAULT = "DMP_SOAP_FAULT"

MESSAGES: dict[str, str] = {
    NETWORK: "Le DMP est injoignable (erreur réseau).",
    TIMEOUT: "Le DMP n'a pas répondu à temps.",
    TLS: "Connexion sécurisée au DMP refusée : vérifiez le certificat (CPS ou certificat logiciel).",
    SERVER: "Le DMP rencontre une erreur technique.",
    HTTP: "Le DMP a refusé la requête (erreur HTTP).",
    BAD_RESPONSE: "La réponse du DMP est illisible.",
    SOAP_FAULT: "Le DMP a renvoyé une erreur technique.",
    # DMP access refusals (codes defined by the sandbox, PROTOCOLS §3.6: the real ones are not public)
    "DMP_INEXISTANT": "Ce patient n'a pas de DMP.",
    "DMP_FERME": "Le DMP de ce patient est fermé.",
    "AUTORISATION_ABSENTE": "Vous n'êtes pas autorisé à accéder au DMP de ce patient.",
    "OPPOSITION_PATIENT": "Le patient s'est opposé à votre accès à son DMP.",
    "INS_NON_QUALIFIE": "L'identité du patient n'est pas qualifiée (INS invalide) : le DMP la refuse.",
    "VIHF_INVALIDE": "Le jeton d'authentification (VIHF) a été refusé par le DMP.",
    # IHE XDS.b codes (ITI TF-3 §4.2.4)
    "XDSUnknownPatientId": "Patient inconnu du DMP.",
    "XDSPatientIdDoesNotMatch": "L'identifiant du patient diffère entre le lot et le document.",
    "XDSDuplicateUniqueIdInRegistry": "Un autre document porte déjà cet identifiant unique dans le DMP.",
    "XDSNonIdenticalHash": "L'empreinte du document ne correspond pas à son contenu.",
    "XDSNonIdenticalSize": "La taille du document ne correspond pas à son contenu.",
    "XDSMissingDocument": "Le contenu d'un document manque dans l'envoi.",
    "XDSMissingDocumentMetadata": "Les métadonnées d'un document manquent dans l'envoi.",
    "XDSRegistryMetadataError": "Les métadonnées du document sont refusées par le DMP.",
    "UnresolvedReferenceException": "Le document à remplacer est introuvable dans le DMP.",
    "XDSMetadataUpdateError": "Ce document ne peut plus être modifié ou remplacé.",
    "XDSUnknownRepositoryId": "Entrepôt de documents inconnu du DMP.",
    "XDSDocumentUniqueIdError": "Document introuvable ou non accessible dans le DMP.",
    "XDSStoredQueryParamNumber": "Recherche dans le DMP mal formée (paramètres).",
    "XDSStoredQueryMissingParam": "Recherche dans le DMP incomplète (paramètre manquant).",
    "XDSMetadataVersionError": "Le document a été modifié entre-temps : rechargez-le puis recommencez.",
    "XDSUnknownStoredQuery": "Recherche non prise en charge par le DMP.",
    "TLS_MUTUEL_REQUIS": "Le DMP exige une authentification par certificat.",
    "REQUETE_MALFORMEE": "Le DMP n'a pas compris la requête envoyée.",
    "SERVICE_INDISPONIBLE": "Le DMP est momentanément indisponible.",
    "XDSRegistryError": "Erreur du registre du DMP.",
    "XDSRepositoryError": "Erreur de l'entrepôt du DMP.",
}
UNKNOWN_MESSAGE = "Le DMP a refusé l'opération (code {code})."


def reason_for(code: str) -> str:
    """The catalogue sentence for `code`, without the retry hint (`ServiceError.text_for` adds it)."""
    return MESSAGES.get(code, UNKNOWN_MESSAGE.format(code=code))


class DmpError(ServiceError):
    """A DMP transaction failed.

    Attributes:
        code: the IHE/DMP error code (or one of the client codes above).
        transient: True when a retry may succeed (network, timeouts, 5xx, server faults); the outbox
            retries those and leaves the others "à traiter".
        errors: every RegistryError of the answer.
        detail: untrusted remote text, for the masked trace only.
    """

    def __init__(
        self, code: str, *, transient: bool, errors: Sequence[RegistryErrorInfo] = (), detail: str = ""
    ) -> None:
        super().__init__(code, reason_for(code), transient=transient, detail=detail[:500])
        self.errors = tuple(errors)
