"""A free message end to end on the sandbox: the correspondent found in the Annuaire simulator, the message
composed with two files, queued, sent by the outbox worker through the MSSanté simulator (applicative mailbox,
client certificate) and read back from the correspondent's simulated mailbox."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from lgc_app.bootstrap import outbox_handlers
from lgc_app.config import Settings
from lgc_app.directory import searching
from lgc_app.mss import compose
from lgc_app.mss.planning import COMPOSE_KIND
from lgc_app.mss.sent_models import MssMessage, RecipientStatus
from lgc_app.outbox.backoff import Backoff
from lgc_app.outbox.worker import Worker
from lgc_app.persistence.database import Database
from services.annuaire import PractitionerQuery
from services.sandbox.server import RunningSandbox
from tests.helpers import mss_sim
from tests.helpers.annuaire import annuaire_client
from tests.helpers.dmp import random_ins
from tests.helpers.dmp_feed import CABINET, Cabinetry, add_qualified_patient, drain

PDF = b"%PDF-1.4\n%compose e2e\n" + bytes(3000)
TEXT = "Pression artérielle 12/8, à revoir dans un mois.".encode()


def _settings(sandbox: RunningSandbox) -> Settings:
    manifest = sandbox.manifest
    return Settings({
        "services.mss_smtp": manifest.url("mss_smtp"), "mss.mailbox": manifest.url("mss_mailbox"),
        "mss.auth": "external", "tls.ca_file": str(manifest.ca_file),
        "mss.client_cert": str(manifest.structure_cert), "mss.client_key": str(manifest.structure_key),
        "cabinet.structure_id": CABINET.structure_id, "cabinet.name": CABINET.name,
        "cabinet.sector": CABINET.sector, "workstation.name": "POSTE-1"})


async def test_a_free_message_reaches_the_correspondents_mailbox(db: Database, cabinet: Cabinetry,
                                                                 sandbox: RunningSandbox) -> None:
    async with annuaire_client(sandbox) as client:
        page = await searching.search(client, db, PractitionerQuery(family="CARDIO", given="Claire"),
                                      asyncio.to_thread)
    entry = next(found for found in page.practitioners if found.rpps == "99700412345")
    option = next(o for o in compose.annuaire_options(entry) if o.address == mss_sim.CARDIO)
    assert option.selectable
    patient_id = add_qualified_patient(db, random_ins())
    files = (compose.attachment_from_bytes("bilan.pdf", PDF), compose.attachment_from_bytes("note.txt", TEXT))
    draft = compose.Draft("Avis cardiologique", "Chère consœur,\nvoici le bilan.\n",
                          (compose.annuaire_recipient(entry, option.address),), files, patient_id)
    queued = compose.queue_message(db, draft, cabinet.author, limit=compose.operator_limit(_settings(sandbox)))

    handlers = {COMPOSE_KIND: outbox_handlers(_settings(sandbox))[COMPOSE_KIND]}
    await drain(db, Worker(db, handlers, workstation="POSTE-1", backoff=Backoff(base=0.05, cap=0.3), listen=False))
    wanted = queued.message_id.strip("<>")
    [arrived] = mss_sim.wait_for(lambda: [m for m in mss_sim.messages(sandbox, mss_sim.CARDIO)
                                          if m["message_id"].strip("<>") == wanted])
    message = mss_sim.parsed(mss_sim.raw(sandbox, mss_sim.CARDIO, int(arrived["uid"])))
    assert message["Message-ID"] == queued.message_id and message["Subject"] == "Avis cardiologique"
    assert message["From"] == sandbox.manifest.url("mss_mailbox") and message["X-MSS-NIL"]
    files_arrived = {part.get_filename(): part.get_payload(decode=True) for part in message.walk()
                     if part.get_filename()}
    assert files_arrived == {"bilan.pdf": PDF, "note.txt": TEXT}
    with db.reading() as session:
        [row] = session.scalars(select(MssMessage)).all()
        assert [(r.address, r.status) for r in row.recipients] == [(mss_sim.CARDIO, RecipientStatus.SENT)]
