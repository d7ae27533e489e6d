"""The simulated national identity register: fixed persons the tests and the demo rely on, plus a few
hundred synthetic persons from a seeded generator (same population at every start, nothing persisted).

Traits are stored as INSi returns them: capitals without diacritics, one name per `Prenom` (a compound
first name keeps its hyphen: `JEAN-PIERRE`), birth places as COG INSEE codes (`99xxx` = born abroad,
country code). A NIR's characters 6–10 are the birth place code (`2A004`, `97411`, `99139`…).

Partial birth dates: the RNIPP records an unknown day or month as `00`; INSi returns them as is
(`1958-00-00`, `1962-03-00`) and accepts them in `DateNaissance`. In the NIR, an unknown month is a
pseudo-month 20–42 (§1.1).

NIA: the sandbox has no separate test OID for NIA (PROTOCOLS.md §1.2), so its NIA persons carry the test
OID `.10` and `TypeMatricule` `NIA`.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from services.sandbox.insi.nir import key_of

OID_TEST = "1.2.250.1.213.1.4.10"

SEED = 20_240_417
GENERATED = 300


@dataclass(frozen=True)
class FormerIns:
    """An earlier matricule (returned as `INSHISTO`)."""

    number: str
    kind: str
    start: str
    end: str

    @property
    def key(self) -> str:
        return key_of(self.number)


@dataclass(frozen=True)
class Person:
    number: str  # 13 characters (NIR or NIA)
    birth_name: str
    given_names: tuple[str, ...]
    sex: str
    birth_date: str
    birth_place: str
    kind: str = "NIR"
    oid: str = OID_TEST
    insured: str = ""  # 13-character number of the ouvrant droit whose carte Vitale holds this person
    birth_rank: int = 1
    history: tuple[FormerIns, ...] = field(default=())

    @property
    def key(self) -> str:
        return key_of(self.number)

    @property
    def matricule(self) -> str:
        return self.number + self.key

    @property
    def insured_number(self) -> str:
        return self.insured or self.number


def make_number(sex: str, birth_date: str, place: str, order: int, *,
                rng: random.Random | None = None) -> str:
    """A NIR shaped after the traits: sex, year, month (pseudo-month if unknown), place, order."""
    year, month = birth_date[2:4], birth_date[5:7]
    if month == "00":
        month = f"{(rng or random.Random(order)).randint(20, 42):02d}"
    return f"{'1' if sex == 'M' else '2'}{year}{month}{place}{order:03d}"


def _fixed(name: str, given: str, sex: str, date: str, place: str, order: int, *, kind: str = "NIR",
           insured: str = "", birth_rank: int = 1, history: tuple[FormerIns, ...] = ()) -> Person:
    return Person(number=make_number(sex, date, place, order), birth_name=name,
                  given_names=tuple(given.split()), sex=sex, birth_date=date, birth_place=place, kind=kind,
                  insured=insured, birth_rank=birth_rank, history=history)


def _fixed_persons() -> list[Person]:
    sophie = _fixed("BERNARD", "SOPHIE CLAIRE", "F", "1984-05-12", "35238", 41)
    aminata_nia = make_number("F", "1978-04-30", "99341", 902)
    return [
        _fixed("DUPONT", "ELODIE MARIE", "F", "1985-03-14", "75056", 123),
        _fixed("MARTIN", "JEAN-PIERRE LOUIS", "M", "1962-11-02", "69123", 57),
        # Homonyms: same traits, told apart only by the birth place.
        _fixed("LEROY", "CAMILLE", "F", "1990-06-21", "33063", 210),
        _fixed("LEROY", "CAMILLE", "F", "1990-06-21", "59350", 88),
        # Twins on their mother's carte Vitale (ranks 1 and 2), sharing a second first name.
        sophie,
        _fixed("BERNARD", "LUCAS NOAH", "M", "2015-09-09", "35238", 301, insured=sophie.number, birth_rank=1),
        _fixed("BERNARD", "HUGO NOAH", "M", "2015-09-09", "35238", 302, insured=sophie.number, birth_rank=2),
        # Matricule changed: a NIA replaced by the NIR in 2001.
        _fixed("N'DIAYE", "AMINATA", "F", "1978-04-30", "99341", 17,
               history=(FormerIns(aminata_nia, "NIA", "1998-02-03", "2001-06-30"),)),
        _fixed("DA SILVA", "JOAO MANUEL", "M", "1958-00-00", "99139", 455),
        _fixed("DE LA FONTAINE-D'ARTOIS", "ANNE-SOPHIE", "F", "1971-07-08", "2A004", 9),
        _fixed("SANTONI", "PAUL-ANTOINE JOSEPH", "M", "1949-01-25", "2B033", 614),
        _fixed("KOWALSKI", "ANNA", "F", "1995-01-17", "99122", 733, kind="NIA"),
        # Homonyms sharing first names: `JEAN` and `PAUL` each give 02, only the whole list `JEAN PAUL` (the
        # client's last call, PROTOCOLS.md §2.0) singles the first one out.
        _fixed("MOREAU", "JEAN PAUL", "M", "1975-04-18", "44109", 501),
        _fixed("MOREAU", "JEAN", "M", "1975-04-18", "44109", 502),
        _fixed("MOREAU", "PAUL", "M", "1975-04-18", "44109", 503),
    ]


FIXED = _fixed_persons()

_SURNAMES = (
    "MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "DURAND", "DUBOIS", "MOREAU", "LAURENT",
    "SIMON", "MICHEL", "LEFEBVRE", "LEROY", "ROUX", "DAVID", "BERTRAND", "MOREL", "FOURNIER", "GIRARD",
    "LE GALL", "LE BRIS", "DE SOUSA", "D'ALMEIDA", "N'GUYEN", "MARTIN-DUBOIS", "DUPONT-MOREAU", "O'NEILL",
    "DE LA ROCHE", "SAINT-ANDRE", "BENOIT", "FAURE", "MERCIER", "BLANC", "GUERIN", "BOYER", "GARNIER",
)
_MALE = ("JEAN", "PIERRE", "LOUIS", "LUCAS", "HUGO", "PAUL", "MARC", "NICOLAS", "JEAN-PIERRE", "JEAN-LUC",
         "ANTOINE", "MOHAMED", "YANN", "THEO", "GABRIEL", "RAPHAEL", "JULES", "ARTHUR", "NOE")
_FEMALE = ("MARIE", "ANNE", "SOPHIE", "CLAIRE", "JULIE", "EMMA", "LEA", "CHLOE", "INES", "MARIE-CLAIRE",
           "ANNE-SOPHIE", "FATIMA", "CAMILLE", "LOUISE", "ZOE", "ELODIE", "NATHALIE", "ISABELLE", "M'BALI")
_PLACES = ("75056", "69123", "13055", "31555", "33063", "59350", "35238", "44109", "67482", "06088", "34172",
           "2A004", "2B033", "97411", "97105", "63113", "21231", "37261")
_ABROAD = ("99109", "99134", "99127", "99350", "99352", "99351", "99131", "99139", "99122", "99341")


def _generated(rng: random.Random, count: int) -> list[Person]:
    persons: list[Person] = []
    orders = iter(rng.sample(range(1, 1000), count))
    for _ in range(count):
        sex = rng.choice("MF")
        names = _MALE if sex == "M" else _FEMALE
        given = tuple(rng.sample(names, rng.choice((1, 1, 2, 2, 3))))
        abroad = rng.random() < 0.12
        place = rng.choice(_ABROAD if abroad else _PLACES)
        day = dt.date(1930, 1, 1) + dt.timedelta(days=rng.randrange(0, 34_000))
        date = day.isoformat()
        if abroad and rng.random() < 0.2:
            date = date[:8] + "00" if rng.random() < 0.5 else date[:5] + "00-00"
        kind = "NIA" if abroad and rng.random() < 0.3 else "NIR"
        persons.append(Person(number=make_number(sex, date, place, next(orders), rng=rng),
                              birth_name=rng.choice(_SURNAMES), given_names=given, sex=sex, birth_date=date,
                              birth_place=place, kind=kind))
    return persons


class Population:
    """Look-ups of the simulated register, by traits, by carte Vitale and by matricule."""

    def __init__(self, persons: list[Person]) -> None:
        self.persons = persons
        self._by_traits: dict[tuple[str, str, str], list[Person]] = defaultdict(list)
        self._by_card: dict[tuple[str, str], list[Person]] = defaultdict(list)
        for person in persons:
            self._by_traits[(person.birth_name, person.sex, person.birth_date)].append(person)
            self._by_card[(person.insured_number, person.birth_date)].append(person)

    @cached_property
    def by_matricule(self) -> dict[str, Person]:
        return {person.matricule: person for person in self.persons}

    def with_traits(self, birth_name: str, sex: str, birth_date: str) -> list[Person]:
        return list(self._by_traits.get((birth_name, sex, birth_date), ()))

    def on_card(self, insured: str, birth_date: str) -> list[Person]:
        return list(self._by_card.get((insured, birth_date), ()))


def build_population(seed: int = SEED, count: int = GENERATED) -> Population:
    """The fixed persons first, then `count` generated ones (deterministic for a given seed)."""
    return Population(FIXED + _generated(random.Random(seed), count))
