"""The usual display of a patient's name, shared by the stored identity, its snapshot and a search hit."""

from __future__ import annotations


def born(sex: str | None) -> str:
    """"née" for a woman, "né" for a man, "né·e" when the sex is indeterminate or unknown."""
    return {"F": "née", "M": "né"}.get(str(sex) if sex is not None else "", "né·e")


def display_name(*, birth_name: str, first_birth_given_name: str | None, used_name: str | None = None,
                 used_given_name: str | None = None, sex: str | None = None) -> str:
    """Used name (or birth name) in capitals, then used first name (or first birth one); the birth name follows
    ("née"/"né") when a different used name is shown."""
    name = used_name or birth_name
    given = used_given_name or first_birth_given_name
    shown = f"{name} {given.title()}" if given else name
    if used_name and used_name != birth_name:
        shown += f" ({born(sex)} {birth_name})"
    return shown
