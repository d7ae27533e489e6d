"""The simulator's reading of FHIR search parameters (its own parsing: it never uses the client's code).

Supported, as the Annuaire v2 documents them (PROTOCOLS.md §6): Practitioner `family`, `given`, `name`
(with `:exact` / `:contains`), `identifier` (`system|value` or value), `qualification-code`
(`system|code` or code), `mailbox-mss` (`:contains`, `:exact`), `active`, `_id`; PractitionerRole
`practitioner`, `organization`, `active`, `_id`; Organization `name`, `address-city`, `address-postalcode`,
`identifier`, `mailbox-mss`, `active`, `_id`; and `_count`, `_total`, `_include`, `_revinclude`,
`_elements` on all. Anything else (e.g. `mailbox-mss-type`, `_type`) is refused with 400, as the live
server does (§6.0).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from services.annuaire import constants
from services.sandbox.annuaire.population import Directory, Resource

_COMMON = {"_count", "_total", "_include", "_revinclude", "_elements", "_id", "active"}
_PARAMETERS = {
    "Practitioner": {"family", "given", "name", "identifier", "qualification-code", "mailbox-mss"},
    "PractitionerRole": {"practitioner", "organization", "identifier", "mailbox-mss"},
    "Organization": {"name", "address-city", "address-postalcode", "identifier", "mailbox-mss"},
}
INCLUDES = {"PractitionerRole:organization", "PractitionerRole:practitioner"}
REVINCLUDES = {"Practitioner": "PractitionerRole:practitioner", "Organization": "PractitionerRole:organization"}


class BadSearch(ValueError):
    """A parameter or value the server does not support: 400 with an OperationOutcome."""


@dataclass(frozen=True)
class Search:
    resource_type: str
    matches: tuple[str, ...]  # ids of the matched resources, in directory order
    count: int
    includes: tuple[str, ...]
    revincludes: tuple[str, ...]
    total_wanted: bool


def run(directory: Directory, resource_type: str, params: list[tuple[str, str]]) -> Search:
    """Raises BadSearch."""
    if resource_type not in _PARAMETERS:
        raise BadSearch(f"type de ressource non pris en charge : {resource_type}")
    filters: list[Callable[[Resource], bool]] = []
    count = constants.DEFAULT_PAGE_SIZE
    includes: list[str] = []
    revincludes: list[str] = []
    total_wanted = False
    for raw_name, value in params:
        name, _, modifier = raw_name.partition(":")
        if name not in _PARAMETERS[resource_type] | _COMMON:
            raise BadSearch(f"paramètre de recherche inconnu : {raw_name}")
        if name == "_count":
            if not value.isdigit() or not 0 < int(value) <= constants.MAX_PAGE_SIZE:
                raise BadSearch(f"_count invalide : {value} (1 à {constants.MAX_PAGE_SIZE})")
            count = int(value)
        elif name == "_total":
            if value not in ("none", "estimate", "accurate"):
                raise BadSearch(f"_total invalide : {value}")
            total_wanted = value != "none"
        elif name == "_include":
            if value not in INCLUDES or resource_type != "PractitionerRole":
                raise BadSearch(f"_include non pris en charge : {value}")
            includes.append(value)
        elif name == "_revinclude":
            if REVINCLUDES.get(resource_type) != value:
                raise BadSearch(f"_revinclude non pris en charge : {value}")
            revincludes.append(value)
        elif name == "_elements":
            continue  # accepted; the simulator always answers whole resources
        else:
            filters.append(_filter(resource_type, name, modifier, value))
    matches = tuple(resource_id for resource_id, resource in directory.of_type(resource_type).items()
                    if all(check(resource) for check in filters))
    return Search(resource_type, matches, count, tuple(includes), tuple(revincludes), total_wanted)


def _filter(resource_type: str, name: str, modifier: str, value: str) -> Callable[[Resource], bool]:
    values = [part for part in value.split(",") if part]  # a comma is an OR (FHIR search)
    if not values:
        raise BadSearch(f"valeur vide pour {name}")
    if modifier and not (modifier in ("exact", "contains") and name in ("family", "given", "name", "mailbox-mss")):
        raise BadSearch(f"modificateur non pris en charge : {name}:{modifier}")
    match name:
        case "_id":
            return lambda resource: resource["id"] in values
        case "active":
            return lambda resource: str(resource.get("active", True)).lower() in values
        case "family" | "given" | "name":
            return lambda resource: any(_text_matches(text, wanted, modifier)
                                        for text in _names(resource, name) for wanted in values)
        case "identifier":
            return lambda resource: any(_identifier_matches(resource, wanted) for wanted in values)
        case "qualification-code":
            return lambda resource: any(_has_code(resource, wanted) for wanted in values)
        case "mailbox-mss":
            return lambda resource: any(_text_matches(address, wanted, modifier or "exact")
                                        for address in _mss_addresses(resource) for wanted in values)
        case "practitioner" | "organization":
            references = {wanted if "/" in wanted else f"{name.capitalize()}/{wanted}" for wanted in values}
            return lambda resource: (resource.get(name) or {}).get("reference") in references
        case "address-city" | "address-postalcode":
            key = "city" if name == "address-city" else "postalCode"
            return lambda resource: any(_text_matches(str(address.get(key, "")), wanted, modifier)
                                        for address in resource.get("address", []) for wanted in values)
    raise BadSearch(f"paramètre de recherche inconnu pour {resource_type} : {name}")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold().strip()


def _text_matches(text: str, wanted: str, modifier: str) -> bool:
    """FHIR string search: starts with, case and accent insensitive; `:exact` exact; `:contains` anywhere."""
    if modifier == "exact":
        return text == wanted if "@" not in text else text.lower() == wanted.lower()
    text, wanted = _fold(text), _fold(wanted)
    return wanted in text if modifier == "contains" else text.startswith(wanted)


def _names(resource: Resource, which: str) -> Iterable[str]:
    names = resource.get("name")
    if isinstance(names, str):  # Organization.name
        yield names
        return
    for name in names or []:
        if which in ("family", "name"):
            yield str(name.get("family", ""))
        if which in ("given", "name"):
            yield from (str(given) for given in name.get("given", []))


def _identifier_matches(resource: Resource, wanted: str) -> bool:
    system, bar, value = wanted.rpartition("|")
    return any(identifier.get("value") == value and (not bar or identifier.get("system") == system)
               for identifier in resource.get("identifier", []))


def _has_code(resource: Resource, wanted: str) -> bool:
    system, bar, code = wanted.rpartition("|")
    return any(coding.get("code") == code and (not bar or coding.get("system") == system)
               for qualification in resource.get("qualification", [])
               for coding in qualification.get("code", {}).get("coding", []))


def _mss_addresses(resource: Resource) -> Iterable[str]:
    for telecom in resource.get("telecom", []):
        if any(extension.get("url") == constants.EMAIL_TYPE_EXTENSION for extension in telecom.get("extension", [])):
            yield str(telecom.get("value", ""))
