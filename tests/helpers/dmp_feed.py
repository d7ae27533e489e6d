"""DMP feeding test set-up: a cabinet, its practitioner and patients, documents validated through the core use
cases, settings pointing at the sandbox, and a worker drained until every order is settled.

A pytest plugin (tests/conftest.py): its fixture `cabinet` serves every DMP feeding test module.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from functools import partial

import pytest

from lgc_app.config import Settings
from lgc_app.dmp.client_factory import connect
from lgc_app.dmp.feeding import KIND
from lgc_app.dmp.handler import FeedHandler
from lgc_app.documents import lifecycle
from lgc_app.documents.actors import Actor
from lgc_app.documents.cabinet import Cabinet
from lgc_app.documents.content import NarrativeContent, Section
from lgc_app.documents.dispatch import SendPlanners
from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.practitioners import add_practitioner
from lgc_app.outbox.backoff import Backoff
from lgc_app.outbox.models import OrderStatus, SendOrder
from lgc_app.outbox.worker import Worker
from lgc_app.patients.vocabulary import IdentityStatus
from lgc_app.persistence.database import Database
from services.sandbox.dmp import control
from services.sandbox.server import RunningSandbox
from tests.helpers.cisis import add_patient, sample_content
from tests.helpers.composition import PLANNERS, STANDALONE
from tests.helpers.dmp import DmpWire, dmp_wire, random_ins

CABINET = Cabinet(structure_id="399999000000013", name="Cabinet médical des Érables", sector="SA07")


@dataclass(frozen=True)
class Cabinetry:
    author: Actor
    secretary: Actor


def add_author(db: Database, rpps: str = "99700366240") -> Cabinetry:
    author_id = add_practitioner(db, rpps=rpps, given_name="Paul", family_name="MEDECIN-TEST")
    return Cabinetry(Actor("pmedecin", author_id, workstation=STANDALONE), Actor("secretariat", workstation=STANDALONE))


@pytest.fixture
def cabinet(db: Database) -> Cabinetry:
    return add_author(db)


def add_qualified_patient(db: Database, ins: str, status: IdentityStatus = IdentityStatus.QUAL) -> int:
    with db.unit_of_work() as session:
        return add_patient(session, status=status, matricule=ins).id


def draft(db: Database, patient_id: int, author: Actor,
          document_type: DocumentType = DocumentType.CONSULTATION_REPORT, text: str = "Examen normal.") -> int:
    content = (NarrativeContent((Section("Consultation", (text,)),)) if not document_type.is_structured
               else sample_content(document_type))
    return lifecycle.create_draft(db, patient_id=patient_id, author_id=author.practitioner_id or 0,
                                  document_type=document_type, actor=author, cabinet=CABINET,
                                  content=content)  # type: ignore[arg-type]


def validated(db: Database, patient_id: int, author: Actor,
              document_type: DocumentType = DocumentType.CONSULTATION_REPORT, text: str = "Examen normal.",
              planners: SendPlanners = PLANNERS) -> int:
    document_id = draft(db, patient_id, author, document_type, text)
    lifecycle.validate(db, document_id, author, CABINET, planners=planners)
    return document_id


def feed_settings(sandbox: RunningSandbox, **values: object) -> Settings:
    """A workstation holding the test CPS and the structure's two certificates (indirect mode: authentication
    for mutual TLS, signature for the VIHF and the submission sets), on the sandbox."""
    return Settings(feed_values(sandbox, **values))


def feed_values(sandbox: RunningSandbox, **values: object) -> dict[str, object]:
    """The settings of `feed_settings` as TOML-like values (for a child process or a settings file)."""
    manifest = sandbox.manifest
    base: dict[str, object] = {
        "services.dmp_url": manifest.urls["dmp"], "tls.ca_file": str(manifest.ca_file),
        "tls.client_cert": str(manifest.cps_cert), "tls.client_key": str(manifest.cps_key),
        "tls.structure_cert": str(manifest.structure_cert), "tls.structure_key": str(manifest.structure_key),
        "tls.signing_cert": str(manifest.structure_sign_cert), "tls.signing_key": str(manifest.structure_sign_key),
        "cabinet.structure_id": CABINET.structure_id, "cabinet.name": CABINET.name,
        "cabinet.sector": CABINET.sector, "workstation.name": "POSTE-1",
    }
    base.update(values)
    return base


def fast_handler(settings: Settings, timeout: float = 2.0) -> FeedHandler:
    """The real handler with a short HTTP timeout (an injected "timeout" fault then costs seconds, not 30)."""
    return FeedHandler(settings, connect=partial(connect, settings, timeout=timeout))


def fast_worker(db: Database, handler: FeedHandler, workstation: str = "POSTE-1", **options: object) -> Worker:
    return Worker(db, {KIND: handler}, workstation=workstation, backoff=Backoff(base=0.05, cap=0.3),
                  listen=False, **options)  # type: ignore[arg-type]


def unsettled(db: Database) -> int:
    with db.reading() as session:
        return session.query(SendOrder).filter(
            SendOrder.status.in_((OrderStatus.PENDING, OrderStatus.IN_PROGRESS))).count()


async def drain(db: Database, worker: Worker, within: float = 60.0) -> None:
    """Run the worker until no order is pending or in progress (retries included)."""
    deadline = time.monotonic() + within
    while await asyncio.to_thread(unsettled, db):
        if time.monotonic() > deadline:
            raise AssertionError(f"orders still unsettled after {within} s")
        await worker.run_once()
        await asyncio.sleep(0.05)


@pytest.fixture
async def handler(sandbox: RunningSandbox) -> AsyncIterator[FeedHandler]:
    """The real DMP feed handler on the sandbox, closed after the test."""
    handler = fast_handler(feed_settings(sandbox))
    yield handler
    await handler.aclose()


@pytest.fixture
async def wire(sandbox: RunningSandbox) -> AsyncIterator[DmpWire]:
    """A DMP client and HTTP client on the sandbox (with its control routes)."""
    async with dmp_wire(sandbox) as wire:
        yield wire


async def dmp_patient(db: Database, wire: DmpWire) -> tuple[str, int]:
    """A patient with a new INS, qualified here and registered in the DMP simulator."""
    ins = random_ins()
    await control.register_patient(wire.http, wire.url, ins)
    return ins, add_qualified_patient(db, ins)
