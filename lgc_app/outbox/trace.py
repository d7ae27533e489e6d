"""The one read model of send orders and the one text of their trace (homologation proof).

SC.DMP/ALI/PROG.02 asks the master workstation to "show the system trace of the send-order content": who
ordered it, from which workstation, when, which workstation executes it, what was sent and what the service
answered at each attempt. The CLI (`lgc dmp orders|trace`), the "Envois" panel and the exported proof all
read `OrderView` snapshots through this module and print them with `format_proof`, so they show the same
facts in the same words.

What an order concerns (for a DMP feed: the document, the patient, the DMP entry identifiers, the DMP's
last answer) is known only to the module of its kind: it is given here by a per-kind `Describer`, passed in
as a mapping kind → describer, so the outbox imports none of those modules. Event details were masked when
recorded (`orders.add_event`); nothing here adds a secret.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from typing import Any, Protocol

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from lgc_app.outbox import noop, orders
from lgc_app.outbox.models import EventKind, OrderStatus, SendOrder
from lgc_app.outbox.orders import counts_by_status, order_trace
from lgc_app.persistence.database import Database

DEFAULT_LIMIT = 200
ANY_WORKSTATION = "tout poste qui exécute les envois"
# Kinds the outbox itself defines; the others are named by their describer.
_OWN_KIND_LABELS = {noop.KIND: "Envoi de test"}


@dataclass(frozen=True)
class Description:
    """What one order concerns, in words, given by the describer of its kind.

    Attributes:
        subject: one line for listings ("Compte rendu … — DUPONT Elodie").
        facts: (label, value) pairs added to the proof, in reading order.
    """

    subject: str
    facts: tuple[tuple[str, str], ...] = ()


class Describer(Protocol):
    """The per-kind enrichment of the read model (registered by the module owning the kind)."""

    label: str  # the kind in words, e.g. "Alimentation du DMP"

    def describe(self, session: Session, orders: Sequence[SendOrder]) -> Mapping[str, Description]:
        """Descriptions by order id; an order it knows nothing about is simply left out."""
        ...


Describers = Mapping[str, Describer]


@dataclass(frozen=True)
class EventView:
    """One event of an order's history (the detail is already masked)."""

    at: datetime
    kind: EventKind
    workstation: str | None
    detail: str

    @property
    def label(self) -> str:
        return self.kind.label


@dataclass(frozen=True)
class OrderView:
    """One send order as every screen shows it; `events` is empty in listings, filled by `read_order`."""

    id: str
    kind: str
    kind_label: str
    payload_ref: str
    payload: Mapping[str, Any]
    ordered_by: str
    origin_workstation: str
    target_workstation: str | None
    status: OrderStatus
    attempts: int
    max_attempts: int
    last_error: str | None
    created_at: datetime
    updated_at: datetime
    done_at: datetime | None
    subject: str  # what is sent, in words; the payload reference when the kind has no description for it
    facts: tuple[tuple[str, str], ...] = ()
    events: tuple[EventView, ...] = ()

    @property
    def status_label(self) -> str:
        return self.status.label


def kind_label(kind: str, describers: Describers) -> str:
    describer = describers.get(kind)
    return describer.label if describer is not None else _OWN_KIND_LABELS.get(kind, kind)


def views_in(session: Session, orders: Sequence[SendOrder], describers: Describers) -> list[OrderView]:
    """Snapshots of `orders` (without events), each described by its kind's describer, if any."""
    descriptions: dict[str, Description] = {}
    for kind in {order.kind for order in orders}:
        describer = describers.get(kind)
        if describer is not None:
            descriptions.update(describer.describe(session, [order for order in orders if order.kind == kind]))
    return [_view(order, descriptions.get(order.id), describers) for order in orders]


def _view(order: SendOrder, description: Description | None, describers: Describers) -> OrderView:
    return OrderView(
        id=order.id, kind=order.kind, kind_label=kind_label(order.kind, describers), payload_ref=order.payload_ref,
        payload=dict(order.payload or {}), ordered_by=order.ordered_by, origin_workstation=order.origin_workstation,
        target_workstation=order.target_workstation, status=order.status, attempts=order.attempts,
        max_attempts=order.max_attempts, last_error=order.last_error, created_at=order.created_at,
        updated_at=order.updated_at, done_at=order.done_at,
        subject=description.subject if description else order.payload_ref,
        facts=description.facts if description else ())


def _listing(kind: str | None, status: OrderStatus | None) -> Select[SendOrder]:
    query = select(SendOrder)
    if kind is not None:
        query = query.where(SendOrder.kind == kind)
    if status is not None:
        query = query.where(SendOrder.status == status)
    return query


def list_orders(db: Database, describers: Describers, *, kind: str | None = None,
                status: OrderStatus | None = None, limit: int = DEFAULT_LIMIT) -> list[OrderView]:
    """The most recent orders first (filtered by kind and status). Blocking: off the GUI loop."""
    query = _listing(kind, status).order_by(SendOrder.created_at.desc(), SendOrder.id).limit(limit)
    with db.reading() as session:
        return views_in(session, list(session.scalars(query)), describers)


def count_orders(db: Database) -> dict[OrderStatus, int]:
    """The number of orders in every status (zero included)."""
    with db.reading() as session:
        return counts_by_status(session)


def read_order(db: Database, order_id: str, describers: Describers, *,
               kind: str | None = None) -> OrderView | None:
    """One order and its whole history, oldest event first; None if unknown (or not of `kind`)."""
    with db.reading() as session:
        order = session.scalars(_listing(kind, None).where(SendOrder.id == order_id)).first()
        if order is None:
            return None
        events = order_trace(session, order_id)
        [view] = views_in(session, [order], describers)
        return replace(view, events=tuple(EventView(e.at, e.kind, e.workstation, e.detail) for e in events))


# --- the proof ---------------------------------------------------------------------------------------------

def moment(value: datetime | None, zone: tzinfo | None = None, *, seconds: bool = True) -> str:
    """Local time with the UTC offset shown ("06/12/2026 14:03:12 (UTC+01:00)"): a proof must be unambiguous,
    and the database stores UTC. `zone` defaults to the workstation's."""
    if value is None:
        return "—"
    local = value.astimezone(zone)
    offset = local.strftime("%z")
    shown = local.strftime("%d/%m/%Y %H:%M:%S" if seconds else "%d/%m/%Y %H:%M")
    return f"{shown} (UTC{offset[:3]}:{offset[3:]})"


def summary_lines(order: OrderView, zone: tzinfo | None = None) -> list[tuple[str, str]]:
    """(label, value) pairs describing the order, in reading order: generic facts, then its kind's."""
    content = order.payload_ref
    if order.payload:
        content += " — " + json.dumps(order.payload, ensure_ascii=False, sort_keys=True)
    return [
        ("Envoi", order.id),
        ("Nature", order.kind_label),
        ("Demandé par", order.ordered_by),
        ("Depuis le poste", order.origin_workstation),
        ("Le", moment(order.created_at, zone)),
        ("Poste d'exécution", order.target_workstation or ANY_WORKSTATION),
        ("Contenu", content),
        *order.facts,
        ("Statut", order.status_label),
        ("Tentatives", f"{order.attempts} sur {order.max_attempts}"),
        ("Envoyé le", moment(order.done_at, zone)),
        ("Dernière erreur", order.last_error or "—"),
    ]


def format_proof(order: OrderView, zone: tzinfo | None = None) -> str:
    """The whole trace as plain text (UTF-8), oldest event first: shown, printed and exported as is."""
    summary = summary_lines(order, zone)
    width = max(len(label) for label, _ in summary)
    lines = ["Trace d'un envoi — LGC Ségur", ""]
    lines += [f"{label.ljust(width)} : {value}" for label, value in summary]
    lines += ["", "Historique :"]
    for event in order.events:
        where = f" [{event.workstation}]" if event.workstation else ""
        lines.append(f"- {moment(event.at, zone)} — {event.label}{where}")
        lines += [f"    {line}" for line in event.detail.splitlines() if line.strip()]
    return "\n".join(lines) + "\n"


def register(registry: dict[str, Describer], kind: str, describer: Describer) -> None:
    """Add one kind's describer (the composition root does, `lgc_app.bootstrap.trace_describers`); a kind is
    described once."""
    if kind in registry:
        raise ValueError(f"describer already registered for {kind!r}")
    registry[kind] = describer


def retry(db: Database, order_id: str, who: str, workstation: str, describers: Describers) -> OrderView:
    """Send a failed order again (the user's decision, traced); returns its new view."""
    with db.unit_of_work() as session:
        return views_in(session, [orders.retry(session, order_id, who, workstation=workstation)], describers)[0]


def cancel(db: Database, order_id: str, who: str, workstation: str, describers: Describers) -> OrderView:
    """Give up a waiting or failed order (the user's decision, traced); returns its new view."""
    with db.unit_of_work() as session:
        return views_in(session, [orders.cancel(session, order_id, who, workstation=workstation)], describers)[0]
