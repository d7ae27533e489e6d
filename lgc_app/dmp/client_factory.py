"""Building the DMP client of this workstation from its settings and keyring (no I/O per call).

`connect(settings)` is blocking (it loads certificates and builds the TLS context, 20–40 ms: ARCHITECTURE
"the event loop is sacred"): the composition root calls it once, from a thread (`Services.dmp`). The
connection then gives one `DmpClient` per order or consultation (`client(context, trace)`), cheap, sharing the
one `httpx.AsyncClient`; the VIHF names the document's author (orders) or the session's practitioner.

The VIHF is signed with the structure's certificate (`tls.structure_cert/key`), or else with the card's
(`tls.client_cert/key`, the CPS of a master workstation); mutual TLS uses the card's certificate, or else
the structure's. A key password lives in the keyring, named by `tls.key_password_ref`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from lgc_app import __version__, lps, secrets
from lgc_app.config import ConfigError, Settings
from lgc_app.dmp.consultation import ConsultationError
from lgc_app.documents.cabinet import Cabinet
from lgc_app.documents.identifiers import cabinet_root
from lgc_app.documents.valuesets import AUTHOR_SPECIALTIES
from lgc_app.session import PractitionerIdentity, Session
from services.dmp import constants as c
from services.dmp.client import DmpClient, DmpExchange
from services.dmp.models import Code
from services.dmp.vihf import VihfContext, VihfSigner
from services.transport import TlsMaterial, make_async_client

# Beyond the simulated latency: the DMP may take its time on a large document.
BASE_TIMEOUT = 30.0


@dataclass(frozen=True)
class DmpConnection:
    """One DMP endpoint reached with this workstation's certificates."""

    http: httpx.AsyncClient
    base_url: str
    vihf: VihfSigner
    source_id: str
    authentication_mode: str
    lps_id: str

    def client(self, context: VihfContext, trace: Callable[[DmpExchange], None] | None = None) -> DmpClient:
        return DmpClient(self.http, base_url=self.base_url, vihf=self.vihf, context=context,
                         source_id=self.source_id, trace=trace)

    async def aclose(self) -> None:
        await self.http.aclose()


def _pair(settings: Settings, first: str, second: str) -> tuple[Path, Path] | None:
    for prefix in (first, second):
        cert, key = settings[f"tls.{prefix}_cert"], settings[f"tls.{prefix}_key"]
        if cert is not None:
            return cert, key or cert
    return None


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
    signing = _pair(settings, "structure", "client")
    tls = _pair(settings, "client", "structure")
    if signing is None or tls is None:
        raise ConfigError("tls.structure_cert", "aucun certificat (structure ou CPS) pour accéder au DMP")
    if not settings["cabinet.structure_id"]:
        raise ConfigError("cabinet.structure_id", "identifiant de la structure requis pour le DMP")
    password = None
    if settings["tls.key_password_ref"]:
        try:
            password = secrets.fetch(settings["tls.key_password_ref"]).encode("utf-8")
        except secrets.SecretUnavailable as exc:
            raise ConfigError("tls.key_password_ref", str(exc)) from None
    vihf = VihfSigner(signing[0].read_bytes(), signing[1].read_bytes(), key_password=password)
    http = make_async_client(TlsMaterial(settings["tls.ca_file"], tls[0], tls[1]),
                             timeout=timeout if timeout is not None else BASE_TIMEOUT + settings["demo.latency"])
    # A VIHF signed by the card is the professional's own (DIRECTE); by the structure's seal, the structure
    # vouches for a user it authenticated (INDIRECTE_RENFORCEE, PROTOCOLS §3.5).
    by_card = settings["tls.structure_cert"] is None
    return DmpConnection(
        http=http, base_url=settings["services.dmp_url"], vihf=vihf,
        source_id=source_id(settings["cabinet.structure_id"]),
        authentication_mode="DIRECTE" if by_card else "INDIRECTE_RENFORCEE",
        lps_id=lps.instance_id(settings.workstation_name))


def vihf_context(connection: DmpConnection, practitioner: PractitionerIdentity, cabinet: Cabinet) -> VihfContext:
    """The VIHF of calls made on behalf of `practitioner` (the document's author) from `cabinet`."""
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
        authentication_mode=connection.authentication_mode,
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
    return connection.client(vihf_context(connection, practitioner, cabinet))
