"""Building the DMP client of this workstation from its settings and keyring (no I/O per call).

`connect(settings)` is blocking (it loads certificates and builds the TLS context, 20–40 ms: ARCHITECTURE
"the event loop is sacred"): the composition root calls it once, from a thread (`Services.dmp`). The
connection then gives one `DmpClient` per order or consultation (`client(context, trace)`), cheap, sharing the
one `httpx.AsyncClient`; the VIHF names the document's author (orders) or the session's practitioner.

Two ways to reach the DMP (PROTOCOLS §3.0):

- indirect mode, with the structure's two certificates: mutual TLS with its authentication certificate
  (`tls.structure_cert/key`, ORG_AUTH_CLI) and every signature (VIHF, XAdES of the submission sets) with its
  signing certificate (`tls.signing_cert/key`, ORG_SIGN): two keys. The VIHF says `INDIRECTE`, and its
  `Identifiant_Structure` must be the structure named in the authentication certificate;
- direct mode with the card (`tls.client_cert/key`, the CPS of a master workstation): TLS and signatures
  with the CPS, `DIRECTE`, `AuthnContextClassRef` SmartcardPKI.

A key password lives in the keyring, named by `tls.key_password_ref`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from cryptography import x509

from lgc_app import __version__, lps, secrets
from lgc_app.config import ConfigError, Settings
from lgc_app.dmp.access import dmp_access
from lgc_app.dmp.consultation import ConsultationError
from lgc_app.documents.cabinet import Cabinet
from lgc_app.documents.identifiers import cabinet_root
from lgc_app.documents.valuesets import AUTHOR_SPECIALTIES
from lgc_app.session import PractitionerIdentity, Session
from services.dmp import constants as c
from services.dmp.client import DmpClient, DmpExchange
from services.dmp.models import Code
from services.dmp.signing import certificate_structure
from services.dmp.vihf import AssertionCache, VihfContext, VihfSigner
from services.transport import TlsMaterial, TransportConfigError, make_async_client

# Beyond the simulated latency: the DMP may take its time on a large document.
BASE_TIMEOUT = 30.0


@dataclass(frozen=True)
class DmpConnection:
    """One DMP endpoint reached with this workstation's certificates; its clients share the HTTP connections
    and the signed VIHFs (reused per signer, practitioner and patient, `AssertionCache`)."""

    http: httpx.AsyncClient
    base_url: str
    vihf: VihfSigner
    source_id: str
    authentication_mode: str
    authn_context: str
    lps_id: str
    assertions: AssertionCache = field(default_factory=AssertionCache)

    def client(self, context: VihfContext, trace: Callable[[DmpExchange], None] | None = None, *,
               vihf: VihfSigner | None = None, inline_cpu: bool = False) -> DmpClient:
        """A client whose VIHF and submission sets are signed by `vihf` (the CPS card) or else by this
        connection's signing certificate; `inline_cpu` on a worker's own loop (`DmpClient`)."""
        return DmpClient(self.http, base_url=self.base_url, vihf=vihf or self.vihf, context=context,
                         source_id=self.source_id, trace=trace, assertions=self.assertions, inline_cpu=inline_cpu)

    async def aclose(self) -> None:
        await self.http.aclose()


def _pair(settings: Settings, prefix: str) -> tuple[Path, Path] | None:
    cert, key = settings[f"tls.{prefix}_cert"], settings[f"tls.{prefix}_key"]
    return None if cert is None else (cert, key or cert)


def _certificate_structure(path: Path) -> str:
    """The structure a certificate stands for; TransportConfigError when the file is unreadable."""
    try:
        return certificate_structure(x509.load_pem_x509_certificates(path.read_bytes())[0])
    except (OSError, ValueError) as exc:
        raise TransportConfigError(f"certificat {path} illisible : {exc}") from None


def source_id(structure_id: str) -> str:
    """sourceId of the submission sets: an OID under the cabinet's root (`.1` is the patients' IPP root)."""
    return f"{cabinet_root(structure_id)}.2"


def connect(settings: Settings, *, timeout: float | None = None) -> DmpConnection:
    """The DMP connection of this workstation. Blocking: call it once, from a thread.

    Raises:
        ConfigError: no certificate to sign the VIHF or to authenticate, no structure id, or a key
            password missing from the keyring.
        TransportConfigError: a certificate or key file is unreadable.
    """
    signing, tls = _pair(settings, "signing"), _pair(settings, "structure")
    indirect = signing is not None
    if not indirect:
        signing = tls = _pair(settings, "client")
    if signing is None:
        raise ConfigError("tls.signing_cert", "aucun certificat (signature de la structure ou CPS) pour le DMP")
    if tls is None:
        raise ConfigError("tls.structure_cert",
                          "certificat d'authentification de la structure requis avec son certificat de signature")
    structure_id = settings["cabinet.structure_id"]
    if not structure_id:
        raise ConfigError("cabinet.structure_id", "identifiant de la structure requis pour le DMP")
    if indirect and (certified := _certificate_structure(tls[0])) != structure_id:
        # The DMP refuses a VIHF whose Identifiant_Structure is not the certificate's structure (§3.0).
        raise ConfigError("cabinet.structure_id",
                          f"la structure ne correspond pas à celle du certificat d'authentification ({certified})")
    password = None
    if settings["tls.key_password_ref"]:
        try:
            password = secrets.fetch(settings["tls.key_password_ref"]).encode("utf-8")
        except secrets.SecretUnavailable as exc:
            raise ConfigError("tls.key_password_ref", str(exc)) from None
    vihf = VihfSigner(signing[0].read_bytes(), signing[1].read_bytes(), key_password=password)
    http = make_async_client(TlsMaterial(settings["tls.ca_file"], tls[0], tls[1]),
                             timeout=timeout if timeout is not None else BASE_TIMEOUT + settings["demo.latency"])
    return DmpConnection(
        http=http, base_url=settings["services.dmp_url"], vihf=vihf,
        source_id=source_id(structure_id),
        authentication_mode=c.AUTH_MODE_INDIRECT if indirect else c.AUTH_MODE_DIRECT,
        authn_context=c.AUTHN_STRUCTURE if indirect else c.AUTHN_CPS,
        lps_id=lps.instance_id(settings.workstation_name))


def vihf_context(connection: DmpConnection, practitioner: PractitionerIdentity, cabinet: Cabinet,
                 authentication: tuple[str, str] | None = None) -> VihfContext:
    """The VIHF of calls made on behalf of `practitioner` (the document's author) from `cabinet`;
    `authentication` (Authentification_Mode, AuthnContextClassRef) when the session decides it
    (`lgc_app.dmp.access`), else the connection's."""
    mode, authn = authentication or (connection.authentication_mode, connection.authn_context)
    profession = AUTHOR_SPECIALTIES.get(f"G15_{practitioner.profession_code}")
    return VihfContext(
        practitioner_id=practitioner.national_id,
        practitioner_name=f"{practitioner.family_name} {practitioner.given_name}",
        profession=Code(practitioner.profession_code, c.CS_PROFESSION, profession.display if profession else ""),
        savoir_faire=Code(practitioner.specialty_code, c.CS_SAVOIR_FAIRE) if practitioner.specialty_code else None,
        structure_id=cabinet.structure_id,
        secteur=cabinet.sector,
        lps_name=lps.LPS_NAME,
        lps_version=__version__,
        lps_homologation=lps.LPS_HOMOLOGATION,
        authentication_mode=mode,
        authn_context=authn,
        lps_id=connection.lps_id,
    )


def consultation_client(connection: DmpConnection, session: Session, cabinet: Cabinet) -> DmpClient:
    """The DMP client of the session's consultations: the VIHF names the acting practitioner (PROTOCOLS §3.5).

    Raises:
        ConsultationError: the session's user is not a health professional.
    """
    practitioner = session.user.practitioner
    if practitioner is None:
        raise ConsultationError("La consultation du DMP est réservée aux professionnels de santé : "
                                "ouvrez une session de praticien.")
    access = dmp_access(connection, session, practitioner)
    return connection.client(vihf_context(connection, practitioner, cabinet, access.authentication),
                             vihf=access.signer)
