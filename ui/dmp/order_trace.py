"""The trace of one send order as text: shown in the "Envois" panel and exported as the homologation proof.

SC.DMP/ALI/PROG.02 asks to "show on the master the system trace of the send-order content": who ordered
it, from which workstation, when, what was sent and what the DMP answered. Event details were masked when
recorded (`lgc_app.outbox.orders.add_event`); nothing here adds a secret.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the actions module formats traces with this one
    from ui.actions.dmp import OrderLine, TraceLine

KIND_LABELS = {"dmp.feed": "Alimentation du DMP", "mss.send": "Envoi MSSanté", "noop": "Envoi de test"}


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def moment(value: datetime | None) -> str:
    """Local time with seconds and the UTC offset: a proof must be unambiguous."""
    return value.astimezone().strftime("%d/%m/%Y %H:%M:%S (UTC%z)") if value is not None else "—"


def summary_lines(order: OrderLine) -> list[tuple[str, str]]:
    """(label, value) pairs describing the order, in reading order."""
    content = order.payload_ref
    if order.payload:
        content += " — " + json.dumps(order.payload, ensure_ascii=False, sort_keys=True)
    return [
        ("Envoi", order.id),
        ("Nature", kind_label(order.kind)),
        ("Demandé par", order.ordered_by),
        ("Depuis le poste", order.origin_workstation),
        ("Le", moment(order.created_at)),
        ("Poste d'exécution", order.target_workstation or "tout poste qui exécute les envois"),
        ("Contenu", content),
        ("Statut", order.status.label),
        ("Tentatives", f"{order.attempts} sur {order.max_attempts}"),
        ("Envoyé le", moment(order.done_at) if order.done_at else "—"),
        ("Dernière erreur", order.last_error or "—"),
    ]


def trace_text(order: OrderLine, events: Sequence[TraceLine], *, details: str = "") -> str:
    """The whole trace as plain text (UTF-8), oldest event first.

    Args:
        details: what the DMP exchange recorded beyond the events (request and answer summaries), if any.
    """
    width = max(len(label) for label, _ in summary_lines(order))
    lines = ["Trace d'un envoi — LGC Ségur", ""]
    lines += [f"{label.ljust(width)} : {value}" for label, value in summary_lines(order)]
    lines += ["", "Historique :"]
    for event in events:
        where = f" [{event.workstation}]" if event.workstation else ""
        lines.append(f"- {moment(event.at)} — {event.kind.label}{where}")
        lines += [f"    {line}" for line in event.detail.splitlines() if line.strip()]
    if details.strip():
        lines += ["", "Échanges avec le service :", details.rstrip()]
    return "\n".join(lines) + "\n"
