"""Wire constants of IHE XDS.b as the DMP uses it (PROTOCOLS.md §3), shared by the client and the simulator.

Constants only: no parsing or building code lives here, so that the simulator never mirrors a client mistake.
"""

from __future__ import annotations

# --- Namespaces ------------------------------------------------------------------------------------------
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
WSA = "http://www.w3.org/2005/08/addressing"
WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
SAML2 = "urn:oasis:names:tc:SAML:2.0:assertion"
DS = "http://www.w3.org/2000/09/xmldsig#"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XOP = "http://www.w3.org/2004/08/xop/include"
XADES = "http://uri.etsi.org/01903/v1.3.2#"
XDSB = "urn:ihe:iti:xds-b:2007"
LCM = "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0"
RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"
RS = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0"
QUERY = "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0"
HL7V3 = "urn:hl7-org:v3"
HABILITATIONS = "urn:si-dmp-habilitations"
DSIG11 = "http://www.w3.org/2009/xmldsig11#"

# --- XML-DSig algorithms of the VIHF and the submission-set signature ------------------------------------
C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
XMLENC = "http://www.w3.org/2001/04/xmlenc#"  # sha256, sha512
XMLDSIG_MORE = "http://www.w3.org/2001/04/xmldsig-more#"  # sha224, sha384, rsa-sha256, ecdsa-sha256…
SHA256 = XMLENC + "sha256"

# --- Services (§3.1): path under the base URL and wsa:Action --------------------------------------------
PATH_PATIENTS = "/patients"
PATH_HABILITATIONS = "/habilitations"
PATH_REGISTRY = "/registry"
PATH_REPOSITORY = "/repository"

ACTION_TD02 = "urn:hl7-org:v3:PRPA_IN201307UV02"
ACTION_SET_AUTHORIZATION = "urn:si-dmp-habilitations:HabilitationsEndPoint:setAuthorization"
ACTION_ITI18 = "urn:ihe:iti:2007:RegistryStoredQuery"
ACTION_ITI57 = "urn:ihe:iti:2010:UpdateDocumentSet"
ACTION_ITI41 = "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b"
ACTION_ITI43 = "urn:ihe:iti:2007:RetrieveDocumentSet"
RESPONSE_SUFFIX = "Response"

TD02_REASON_CODE = "TEST_EXST"
TD02_REASON_SYSTEM = "1.2.250.1.213.1.1.4.11"
AUTHORIZATION_ADD = "AJOUT"
AUTHORIZATION_REMOVE = "SUPPRESSION"  # assumed (§3.1)
ROLE_TREATING_DOCTOR = "MEDECIN_TRAITANT"  # optional role of TD0.4 (§3.0)

# TD0.2 answer (§3.0): attention lines of the PRPA_IN201308UV02 wrapper
ATTENTION_AUTHORIZATION = "AUTORISATION"
ATTENTION_TREATING_DOCTOR = "STATUT_MT"
AUTHORIZATION_VALID = "VALIDE"
AUTHORIZATION_EXPIRED = "EXPIRE"
AUTHORIZATION_FORBIDDEN = "INTERDIT"
AUTHORIZATION_NONE = "NON_EXISTE"
# registrationEvent/subject1/patient/statusCode of an open DMP (HL7 RoleStatus; a closed one is any other)
DMP_STATUS_OPEN = "active"

# --- INS (§1.2) ------------------------------------------------------------------------------------------
OID_INS_NIR = "1.2.250.1.213.1.4.8"
OID_INS_NIA = "1.2.250.1.213.1.4.9"
OID_INS_NIR_TEST = "1.2.250.1.213.1.4.10"
OID_INS_NIR_DEMO = "1.2.250.1.213.1.4.11"
INS_OIDS = frozenset({OID_INS_NIR, OID_INS_NIA, OID_INS_NIR_TEST, OID_INS_NIR_DEMO})
OID_RPPS = "1.2.250.1.71.4.2.1"  # national identifier of health professionals (authorPerson)
OID_STRUCTURE = "1.2.250.1.71.4.2.2"  # national identifier of structures (authorInstitution)

# --- XDS identifiers (§3.3) ------------------------------------------------------------------------------
DOCUMENT_ENTRY_TYPE = "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1"
SUBMISSION_SET_NODE = "urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd"

DE_CLASS_CODE = "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a"
DE_TYPE_CODE = "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983"
DE_FORMAT_CODE = "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d"
DE_CONFIDENTIALITY_CODE = "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f"
DE_EVENT_CODE = "urn:uuid:2c6b8cb7-8b2a-4051-b291-b1ae6a575ef4"
DE_HEALTHCARE_FACILITY_TYPE_CODE = "urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1"
DE_PRACTICE_SETTING_CODE = "urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead"
DE_AUTHOR = "urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d"
DE_PATIENT_ID = "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427"
DE_UNIQUE_ID = "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab"

SS_AUTHOR = "urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d"
SS_CONTENT_TYPE_CODE = "urn:uuid:aa543740-bdda-424e-8c96-df4873be8500"
SS_PATIENT_ID = "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446"
SS_SOURCE_ID = "urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832"
SS_UNIQUE_ID = "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8"

ASSOC_HAS_MEMBER = "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember"
ASSOC_RPLC = "urn:ihe:iti:2007:AssociationType:RPLC"
ASSOC_APND = "urn:ihe:iti:2007:AssociationType:APND"
ASSOC_XFRM = "urn:ihe:iti:2007:AssociationType:XFRM"
ASSOC_XFRM_RPLC = "urn:ihe:iti:2007:AssociationType:XFRM_RPLC"
ASSOC_SIGNS = "urn:ihe:iti:2007:AssociationType:signs"
ASSOC_UPDATE_AVAILABILITY = "urn:ihe:iti:2010:AssociationType:UpdateAvailabilityStatus"

STATUS_APPROVED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved"
STATUS_DEPRECATED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated"
STATUS_DELETED = "urn:asip:ci-sis:2010:StatusType:Deleted"
STATUS_ARCHIVED = "urn:asip:ci-sis:2010:StatusType:Archived"  # assumed (DMP "archivage")

RESPONSE_SUCCESS = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success"
RESPONSE_FAILURE = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure"
RESPONSE_PARTIAL = "urn:ihe:iti:2007:ResponseStatusType:PartialSuccess"
SEVERITY_ERROR = "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error"
SEVERITY_WARNING = "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Warning"

QUERY_FIND_DOCUMENTS = "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d"
QUERY_FIND_SUBMISSION_SETS = "urn:uuid:f26abbcb-ac74-4422-8a30-edb644bbc1a9"
QUERY_GET_DOCUMENTS = "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4"
QUERY_GET_ASSOCIATIONS = "urn:uuid:a7ae438b-4bc2-4642-93e9-be891f7bb155"
QUERY_GET_DOCUMENTS_AND_ASSOCIATIONS = "urn:uuid:bab9529a-4a10-40b3-a01f-f68a615d247a"

# --- French code systems (§3.4) --------------------------------------------------------------------------
CS_CLASS_CODE = "1.2.250.1.213.1.1.4.1"  # TRE_A03 (JDV_J57)
CS_LOINC = "2.16.840.1.113883.6.1"
CS_TYPE_CODE_FR = "1.2.250.1.213.1.1.4.12"  # TRE_A05
CS_FORMAT_CISIS = "1.2.250.1.213.1.1.4.2.282"  # TRE_A06
CS_FORMAT_IHE = "1.3.6.1.4.1.19376.1.2.3"  # TRE_A11
CS_SECTEUR = "1.2.250.1.71.4.2.4"  # TRE_R02 secteur d'activité (J02, VIHF Secteur_Activite)
CS_PRACTICE_SETTING = "1.2.250.1.213.1.1.4.9"
CS_AUTHOR_SPECIALTY = "1.2.250.1.213.1.1.4.5"
CS_CONFIDENTIALITY_HL7 = "2.16.840.1.113883.5.25"
CS_CONFIDENTIALITY_DMP = "1.2.250.1.213.1.1.4.13"
CS_PROFESSION = "1.2.250.1.71.1.2.7"
CS_SAVOIR_FAIRE = "1.2.250.1.71.4.2.5"
CS_PURPOSE_OF_USE = "1.2.250.1.213.1.1.4.248"
CS_CONTENT_TYPE = "1.2.250.1.213.2.2"  # TRE_R209 TypeActivite (JDV_J59, §3.0)
CONTENT_TYPE_OFFICE_CARE = "07"  # "Consultation / soins externes" (§3.0; 04 is "Hospitalisation de jour")

CONFIDENTIALITY_NORMAL = "N"
MASQUE_PS = "MASQUE_PS"
INVISIBLE_PATIENT = "INVISIBLE_PATIENT"
INVISIBLE_REPRESENTANTS_LEGAUX = "INVISIBLE_REPRESENTANTS_LEGAUX"

# IHE DSG signature of the submission set (§3.2)
SIGNATURE_CLASS_CODE = "urn:oid:1.3.6.1.4.1.19376.1.2.1.1.1"
SIGNATURE_CLASS_SYSTEM = "URN"
SIGNATURE_TYPE_CODE = "E1762"
SIGNATURE_TYPE_SYSTEM = "ASTM"
SIGNATURE_FORMAT_CODE = "http://www.w3.org/2000/09/xmldsig#"
SIGNATURE_EVENT_CODE = "1.2.840.10065.1.12.1.14"

# --- VIHF (§3.5) -----------------------------------------------------------------------------------------
VIHF_ISSUER_FORMAT = "urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName"
AUTHN_CPS = "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI"  # §3.0
AUTHN_ECPS = "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorUnregistered"  # §3.0
# Indirect mode: the structure is authenticated by its TLS client certificate (the class is assumed, §3.0
# names only the CPS and e-CPS ones).
AUTHN_STRUCTURE = "urn:oasis:names:tc:SAML:2.0:ac:classes:TLSClient"
ATTR_VIHF_VERSION = "VIHF_Version"
ATTR_STRUCTURE = "Identifiant_Structure"
ATTR_SECTEUR = "Secteur_Activite"
ATTR_SUBJECT_ID = "urn:oasis:names:tc:xspa:1.0:subject:subject-id"
ATTR_ROLE = "urn:oasis:names:tc:xacml:2.0:subject:role"
ATTR_AUTH_MODE = "Authentification_Mode"
ATTR_RESOURCE_ID = "urn:oasis:names:tc:xacml:2.0:resource:resource-id"
ATTR_RESOURCE_URN = "Ressource_URN"
ATTR_PURPOSE_OF_USE = "urn:oasis:names:tc:xspa:1.0:subject:purposeofuse"
ATTR_CONFIDENTIALITY = "urn:oasis:names:tc:xspa:1.0:resource:patient:hl7:confidentiality-code"
ATTR_LPS_NAME = "LPS_Nom"
ATTR_LPS_VERSION = "LPS_Version"
ATTR_LPS_HOMOLOGATION = "LPS_ID_HOMOLOGATION_DMP"
ATTR_LPS_ID = "LPS_ID"
RESOURCE_URN_DMP = "urn:dmp"
VIHF_VERSIONS = frozenset({"3.0", "4.0"})
AUTH_MODE_DIRECT = "DIRECTE"
AUTH_MODE_INDIRECT = "INDIRECTE"  # structure certificates: TLS with ORG_AUTH_CLI, signatures with ORG_SIGN (§3.0)
AUTH_MODES = frozenset({AUTH_MODE_DIRECT, AUTH_MODE_INDIRECT, "INDIRECTE_RENFORCEE"})
