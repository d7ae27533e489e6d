"""Local patients with a qualified INS matching a DMP of the simulator, for consultation tests."""

from __future__ import annotations

import httpx

from lgc_app.persistence.database import Database
from services.dmp import constants as c
from services.dmp.client import DmpClient
from services.dmp.vihf import VihfSigner
from services.insi import InsiIdentity
from services.sandbox.server import RunningSandbox
from services.transport import make_async_client
from tests.helpers.dmp import CONTEXT, SOURCE_ID
from tests.helpers.patients import add_patient, check_document, retrieve
from tests.helpers.sandbox import tls_material

DUPONT_INS = "285037505612306"  # seeded in the DMP simulator with a document from another professional


def qualified_patient(db: Database, ins: str = DUPONT_INS, *, birth_name: str = "DUPONT",
                      given_name: str = "ELODIE", birth_date: str = "1985-03-14", sex: str = "F") -> int:
    """A local identity moved PROV → RECUP (INSi answer with `ins`) → QUAL (identity document checked)."""
    patient_id = add_patient(db, birth_name, given_name, birth_date, sex)
    identity = InsiIdentity(matricule=ins, oid=c.OID_INS_NIR_TEST, birth_name=birth_name,
                            first_given_name=given_name, given_names=(given_name,), sex=sex,
                            birth_date=birth_date, birth_place=None, history=())
    retrieve(db, patient_id, identity)
    check_document(db, patient_id)
    return patient_id


def sandbox_dmp_client(sandbox: RunningSandbox, *, timeout: float = 15.0) -> tuple[DmpClient, httpx.AsyncClient]:
    """A DMP client on the sandbox for GUI tests, and its HTTP client (the caller closes it)."""
    manifest = sandbox.manifest
    vihf = VihfSigner(manifest.structure_sign_cert.read_bytes(), manifest.structure_sign_key.read_bytes())
    http = make_async_client(tls_material(manifest, "structure"), timeout=timeout)
    client = DmpClient(http, base_url=manifest.urls["dmp"], vihf=vihf, context=CONTEXT, source_id=SOURCE_ID)
    return client, http
