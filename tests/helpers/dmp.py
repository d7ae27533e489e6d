"""A DMP client wired to the sandbox over mutual TLS, recording every exchange, and submission builders."""

from __future__ import annotations

import importlib.util
import random
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from types import ModuleType
from typing import Literal

import httpx

from services.dmp import constants as c
from services.dmp.client import DmpClient
from services.dmp.models import Author, Code, DocumentEntry, PatientId, SourcePatient, Submission
from services.dmp.vihf import VihfContext, VihfSigner
from services.sandbox.dmp import control
from services.sandbox.server import RunningSandbox
from services.transport import make_async_client
from tests.helpers.sandbox import tls_material

SOURCE_ID = "1.2.250.1.999.1.1"

CONTEXT = VihfContext(
    practitioner_id="899700366240",
    practitioner_name="MEDECIN-TEST Paul",
    profession=Code("10", c.CS_PROFESSION, "Médecin"),
    savoir_faire=Code("SM54", c.CS_SAVOIR_FAIRE, "Médecine générale"),
    structure_id="399999000000013",
    secteur="SA07",
    lps_name="LGC-SEGUR",
    lps_version="0.1.0",
    lps_homologation="HOMOLOGATION-TEST-0001",
    authentication_mode=c.AUTH_MODE_INDIRECT,
    authn_context=c.AUTHN_STRUCTURE,
)
OTHER_CONTEXT = VihfContext(
    **{**CONTEXT.__dict__, "practitioner_id": "899700000028", "practitioner_name": "AUTRE Jeanne"}
)

AUTHOR = Author(
    person_id="899700366240",
    family_name="MEDECIN-TEST",
    given_name="Paul",
    specialty=Code("G15_10/SM54", c.CS_AUTHOR_SPECIALTY, "Médecine générale"),
    institution_name="CABINET MEDICAL DE TEST",
    institution_id="399999000000013",
    role=Code("ATTENDING", "2.16.840.1.113883.5.90", "Médecin traitant"),
)
CONTENT_TYPE = Code(c.CONTENT_TYPE_OFFICE_CARE, c.CS_CONTENT_TYPE, "Consultation / soins externes")
NORMAL = Code("N", c.CS_CONFIDENTIALITY_HL7, "Normal")
MASQUE_PS = Code(c.MASQUE_PS, c.CS_CONFIDENTIALITY_DMP, "Masqué aux professionnels de santé")
CR_CONSULTATION = Code("11488-4", c.CS_LOINC, "CR de consultation")
CLASS_CR = Code("10", c.CS_CLASS_CODE, "Compte rendu")
FORMAT_PDF = Code("urn:ihe:iti:xds-sd:pdf:2008", c.CS_FORMAT_IHE, "PDF")


def xds_validator(shared_dir: Path) -> ModuleType:
    """`shared/ihe/xds/validate.py`, loaded under its own name (the CDA checker is also `validate`)."""
    spec = importlib.util.spec_from_file_location(
        "ihe_xds_validate", shared_dir / "ihe" / "xds" / "validate.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def random_ins(rng: random.Random | None = None) -> str:
    """A fresh 15-character test INS with a valid mod-97 key (so every test owns its patient)."""
    rng = rng or random.SystemRandom()
    number = (
        f"{rng.choice('12')}{rng.randint(40, 99):02d}{rng.randint(1, 12):02d}75{rng.randint(1, 999):03d}"
        f"{rng.randint(1, 999):03d}"
    )
    return f"{number}{97 - int(number) % 97:02d}"


def patient_id(ins: str) -> PatientId:
    return PatientId(ins=ins, oid=c.OID_INS_NIR_TEST)


def make_entry(
    patient: PatientId, content: bytes = b"%PDF-1.4 compte rendu de test", **overrides: object
) -> DocumentEntry:
    now = datetime.now(UTC).replace(microsecond=0)
    values: dict[str, object] = dict(
        unique_id=f"1.2.250.1.999.1.1.{random.SystemRandom().randint(10**8, 10**12)}",
        title="CR de consultation",
        content=content,
        mime_type="application/pdf",
        class_code=CLASS_CR,
        type_code=CR_CONSULTATION,
        format_code=FORMAT_PDF,
        confidentiality=[NORMAL],
        healthcare_facility_type=Code("SA07", c.CS_SECTEUR, "Cabinet individuel"),
        practice_setting=Code("AMBULATOIRE", c.CS_PRACTICE_SETTING, "Ambulatoire"),
        authors=[AUTHOR],
        legal_authenticator=AUTHOR,
        patient=patient,
        source_patient=SourcePatient("DUPONT", "ELODIE", date(1985, 3, 14), "F"),
        creation_time=now,
        service_start=now,
        service_stop=now,
    )
    values.update(overrides)
    return DocumentEntry(**values)  # type: ignore[arg-type]


def make_submission(patient: PatientId, *entries: DocumentEntry, **overrides: object) -> Submission:
    values: dict[str, object] = dict(
        unique_id=f"2.25.{random.SystemRandom().getrandbits(100)}",
        source_id=SOURCE_ID,
        patient=patient,
        author=AUTHOR,
        content_type=CONTENT_TYPE,
        documents=list(entries) or [make_entry(patient)],
        submission_time=datetime.now(UTC),
        title="Envoi LGC",
    )
    values.update(overrides)
    return Submission(**values)  # type: ignore[arg-type]


@dataclass
class Exchange:
    url: str
    request_type: str
    request: bytes
    response_type: str
    response: bytes


@dataclass
class DmpWire:
    client: DmpClient
    http: httpx.AsyncClient
    url: str
    exchanges: list[Exchange] = field(default_factory=list)

    async def patient(self, **state: object) -> PatientId:
        """A fresh patient with a DMP in the simulator (`dmp`, `opposition`, `authorize_all` as wanted)."""
        ins = random_ins()
        await control.register_patient(self.http, self.url, ins, **state)  # type: ignore[arg-type]
        return patient_id(ins)

    def as_(self, context: VihfContext) -> DmpClient:
        return self.client.with_context(context)


@asynccontextmanager
async def dmp_wire(
    sandbox: RunningSandbox,
    *,
    cert: Literal["cps", "structure", "unknown"] = "structure",
    signer: Callable[[RunningSandbox], VihfSigner] | None = None,
    http_timeout: float = 10.0,
) -> AsyncIterator[DmpWire]:
    """A DmpClient on the sandbox, in indirect mode: TLS with the structure's authentication certificate (unless
    `cert` says), the VIHF and submission sets signed with its signing certificate (unless `signer` says)."""
    exchanges: list[Exchange] = []

    async def record(response: httpx.Response) -> None:
        await response.aread()
        exchanges.append(
            Exchange(
                str(response.request.url),
                response.request.headers.get("content-type", ""),
                response.request.content,
                response.headers.get("content-type", ""),
                response.content,
            )
        )

    manifest = sandbox.manifest
    vihf = (
        signer(sandbox)
        if signer
        else VihfSigner(manifest.structure_sign_cert.read_bytes(), manifest.structure_sign_key.read_bytes())
    )
    url = manifest.urls["dmp"]
    async with make_async_client(
        tls_material(manifest, cert), timeout=http_timeout, event_hooks={"response": [record]}
    ) as http:
        client = DmpClient(http, base_url=url, vihf=vihf, context=CONTEXT, source_id=SOURCE_ID)
        yield DmpWire(client, http, url, exchanges)
