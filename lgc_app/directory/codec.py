"""Directory entries to JSON and back, for the cache (`directory_practitioners.entry_json`)."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from services.annuaire import Mailbox, MailboxKind, PracticePlace, PractitionerEntry, Qualification


def dumps(entry: PractitionerEntry) -> str:
    return json.dumps(dataclasses.asdict(entry), ensure_ascii=False, sort_keys=True)


def loads(text: str) -> PractitionerEntry:
    data = json.loads(text)
    return PractitionerEntry(
        resource_id=data["resource_id"], rpps=data["rpps"], family=data["family"], given=data["given"],
        profession=_qualification(data.get("profession")), specialty=_qualification(data.get("specialty")),
        mailboxes=_mailboxes(data.get("mailboxes", [])),
        places=tuple(PracticePlace(
            organisation_id=place["organisation_id"], name=place["name"],
            address_lines=tuple(place.get("address_lines", [])), postal_code=place.get("postal_code", ""),
            city=place.get("city", ""), mailboxes=_mailboxes(place.get("mailboxes", [])),
            emails=tuple(place.get("emails", []))) for place in data.get("places", [])),
    )


def _qualification(data: dict[str, Any] | None) -> Qualification | None:
    return Qualification(data["code"], data["label"]) if data else None


def _mailboxes(items: list[dict[str, Any]]) -> tuple[Mailbox, ...]:
    return tuple(Mailbox(item["address"], MailboxKind(item["kind"]), item.get("description", ""),
                         item.get("service", "")) for item in items)
