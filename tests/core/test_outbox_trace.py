"""The one read model of send orders (`lgc_app.outbox.trace`): snapshots described by a per-kind describer the
outbox does not import, and one proof text in local time with the UTC offset shown."""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from lgc_app.bootstrap import trace_describers
from lgc_app.outbox import trace
from lgc_app.outbox.models import EventKind, OrderStatus, SendOrder
from lgc_app.outbox.orders import add_event, cancel
from lgc_app.outbox.trace import Describer, Description, format_proof, moment, register
from lgc_app.persistence.database import Database
from tests.helpers.dmp import random_ins
from tests.helpers.dmp_feed import add_author, add_qualified_patient, validated
from tests.helpers.outbox import enqueue_order, proof_facts

PARIS = ZoneInfo("Europe/Paris")
WINTER = datetime(2026, 12, 6, 13, 3, 12, tzinfo=UTC)
SUMMER = datetime(2026, 7, 14, 8, 0, 0, tzinfo=UTC)


class LetterDescriber:
    """A describer of a made-up kind, knowing only the orders whose payload names a letter."""

    label = "Envoi de courrier"

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def describe(self, session: Session, orders: Sequence[SendOrder]) -> Mapping[str, Description]:
        self.calls.append([order.id for order in orders])
        return {order.id: Description(f"Lettre {order.payload['letter']}", (("Destinataire", "Dr Bernard"),))
                for order in orders if "letter" in order.payload}


def _at(db: Database, order_id: str, created_at: datetime) -> None:
    with db.unit_of_work() as session:
        session.execute(update(SendOrder).where(SendOrder.id == order_id).values(created_at=created_at))


def test_moment_is_local_time_with_its_offset() -> None:
    assert moment(WINTER, PARIS) == "06/12/2026 14:03:12 (UTC+01:00)"
    assert moment(SUMMER, PARIS) == "14/07/2026 10:00:00 (UTC+02:00)"
    assert moment(WINTER, ZoneInfo("America/Cayenne"), seconds=False) == "06/12/2026 10:03 (UTC-03:00)"
    assert moment(None) == "—"


def test_listing_describes_each_kind_with_its_describer(db: Database) -> None:
    letters = LetterDescriber()
    described = enqueue_order(db, kind="letter", payload={"letter": 7}, payload_ref="letter:7")
    unknown = enqueue_order(db, kind="letter", payload_ref="letter:8")
    test_order = enqueue_order(db, payload_ref="document:3")
    for order_id, hour in ((described, 9), (unknown, 10), (test_order, 11)):
        _at(db, order_id, datetime(2026, 3, 2, hour, tzinfo=UTC))

    views = trace.list_orders(db, {"letter": letters})
    assert [(v.id, v.kind_label, v.subject, v.facts) for v in views] == [
        (test_order, "Envoi de test", "document:3", ()),  # most recent first; the outbox names its own kind
        (unknown, "Envoi de courrier", "letter:8", ()),  # nothing known: the payload reference
        (described, "Envoi de courrier", "Lettre 7", (("Destinataire", "Dr Bernard"),)),
    ]
    assert letters.calls == [[unknown, described]]  # one call per kind, never for other kinds
    assert [v.id for v in trace.list_orders(db, {}, kind="letter", limit=1)] == [unknown]
    assert trace.list_orders(db, {}, kind="letter", status=OrderStatus.FAILED) == []
    assert trace.list_orders(db, {})[1].kind_label == "letter"  # no describer registered: the raw kind


def test_read_order_has_the_history_and_the_proof_shows_it(db: Database) -> None:
    order_id = enqueue_order(db, kind="letter", payload={"letter": 7}, payload_ref="letter:7",
                             origin_workstation="ACCUEIL", target_workstation="MAITRE")
    with db.unit_of_work() as session:
        add_event(session, order_id, EventKind.ATTEMPT_FAILED, WINTER, workstation="MAITRE",
                  detail="Requête : lettre 7\nRéponse : HTTP 503")
        cancel(session, order_id, "secretariat", workstation="ACCUEIL")

    view = trace.read_order(db, order_id, {"letter": LetterDescriber()})
    assert view is not None and view.status is OrderStatus.CANCELLED
    assert [event.kind for event in view.events] == [EventKind.CREATED, EventKind.ATTEMPT_FAILED,
                                                     EventKind.CANCELLED]
    proof = format_proof(view, PARIS)
    facts = proof_facts(proof)
    assert (facts["Nature"], facts["Destinataire"], facts["Depuis le poste"], facts["Poste d'exécution"],
            facts["Statut"], facts["Contenu"]) == ("Envoi de courrier", "Dr Bernard", "ACCUEIL", "MAITRE", "annulé",
                                                   'letter:7 — {"letter": 7}')
    assert facts["Le"] == moment(view.created_at, PARIS) and "(UTC+0" in facts["Le"]
    history = proof.split("Historique :\n")[1]
    assert "- 06/12/2026 14:03:12 (UTC+01:00) — tentative échouée [MAITRE]\n    Requête : lettre 7\n" \
           "    Réponse : HTTP 503\n" in history
    assert history.rstrip().endswith("annulé [ACCUEIL]\n    Annulé par secretariat")
    assert trace.read_order(db, order_id, {}, kind="dmp.feed") is None
    assert trace.read_order(db, "inconnu", {}) is None
    assert trace.count_orders(db)[OrderStatus.CANCELLED] == 1


def test_a_dmp_order_is_described_by_its_document_and_dmp_entry(db: Database) -> None:
    author = add_author(db).author
    document_id = validated(db, add_qualified_patient(db, random_ins()), author)
    [view] = trace.list_orders(db, trace_describers(), kind="dmp.feed")
    assert view.kind_label == "Alimentation du DMP" and view.subject.startswith("Compte rendu")
    facts = dict(view.facts)
    assert f"n° {document_id}, version 1" in facts["Document"]
    assert facts["État dans le DMP"] == "en attente" and facts["Dernière réponse du DMP"] == "—"
    assert facts["Identifiant (uniqueId)"] != "—" and facts["Entrée DMP (entryUUID)"].startswith("urn:uuid:")


def test_a_kind_is_described_once() -> None:
    registry: dict[str, Describer] = {}
    register(registry, "letter", LetterDescriber())
    with pytest.raises(ValueError, match="letter"):
        register(registry, "letter", LetterDescriber())


def test_the_read_model_imports_no_kind_module() -> None:
    """The outbox's read model receives describers; it never imports the modules of the kinds it shows."""
    source = Path(trace.__file__).read_text(encoding="utf-8")
    imported = {node.module for node in ast.walk(ast.parse(source)) if isinstance(node, ast.ImportFrom)}
    assert {name for name in imported if name and not name.startswith(("lgc_app.outbox", "lgc_app.persistence"))
            and name.startswith("lgc_app")} == set()

