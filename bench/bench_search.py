"""Benchmark of the anteriority search (`lgc_app.patients.search`) on synthetic SQLite populations.

Builds (once, cached in the temp folder) databases of 100,000 and 1,000,000 patients with French-looking
names (accents, hyphens, apostrophes, compound names, a long tail of rare names), then times
`search_patients` on the quick searches of the patient list (typing errors tolerated): names typed keystroke by
keystroke, full names with and without accents, a first name alone, name + birth date, dates alone in several
forms (`14/03/1985`, `14/3/1985`, `1985`), name + year, and names with a typo (anywhere, or in the first three
letters). Prints p50/p95/max per kind of query, the share of the misspelt names that were found, and the size of
the search tables.

    .venv/bin/python bench/bench_search.py [--sizes 100000 1000000] [--rebuild]
"""

from __future__ import annotations

import argparse
import itertools
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from lgc_app.patients.search import SearchHit, SearchQuery, search_patients
from lgc_app.patients.search_index import key_rows, variant_rows
from lgc_app.patients.traits import normalise_trait, search_key
from lgc_app.persistence.database import Database

CACHE_VERSION = 8


def _words(text: str) -> list[str]:
    """Whitespace-separated words; `_` stands for a space inside a compound surname."""
    return [word.replace("_", " ") for word in text.split()]


SURNAMES = _words("""
Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel Lefèvre
Leroy Roux David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent
Müller Lefebvre Faure André Mercier Blanc Guérin Boyer Garnier Chevalier François Legrand
Gauthier Garcia Perrin Robin Clément Morin Nicolas Henry Roussel Mathieu Gautier Masson
Marchand Duval Denis Dumont Marie Lemaire Noël Meyer Dufour Meunier Brun Blanchard Giraud Joly
Rivière Lucas Brunet Gaillard Barbier Arnaud Martínez Gérard Roche Renard Schmitt Roy Leroux
Colin Vidal Caron Picard Roger Fabre Aubert Lemoine Renaud Dumas Lacroix Olivier Philippe
Bourgeois Pierre Benoît Rey Leclerc Payet Rolland Leclercq Guillaume Lecomte López Jean Dupuy
Guillot Hubert Berger Carpentier Sánchez Dupuis Moulin Louis Deschamps Huet Vasseur Perez
Boucher Fleury Royer Klein Jacquet Adam Paris Poirier Marty Aubry Guyot Carré Charles Renault
Charpentier Ménard Maillard Baron Bertin Bailly Hervé Schneider Fernandez Le_Gall Collet Léger
Bouvier Julien Prévost Millet Perrot Daniel Le_Roux Cousin Germain Breton Besson Langlois Rémy
Le_Goff Pelletier Lévêque Perrier Leblanc Barré Lebrun Marchal Weber Mallet Hamon Boulanger
Jacob Monnier Michaud Rodríguez Guichard Gillet Étienne Grondin Poulain Tessier Chevallier
Collin Chauvin Da_Silva Bouchet Gay Lemaître Bénard Maréchal Humbert Reynaud Antoine Hoarau
Perret Barthélemy Cordier Pichon Lejeune Gilbert Lamy Delaunay Pasquier Carlier Laporte N'Diaye
D'Almeida Le_Corre Saint-Martin De_La_Fontaine Ould-Ahmed D'Arc O'Neill Nguyen Traoré Diallo
Benali Haddad Kowalski Dos_Santos Ferreira Œuvray""")
GIVEN = _words("""
Jean Marie Pierre Michel Philippe Alain Nicolas Christophe Patrick Daniel Bernard Éric Frédéric
Laurent Stéphane Julien David Pascal Sébastien Thierry Olivier François Dominique Jacques
Thomas Christian Anthony Jérôme Maxime Alexandre Romain Hugo Lucas Léo Gabriel Louis Raphaël
Arthur Jules Adam Nathan Théo Noah Ethan Chloé Léa Manon Emma Camille Inès Jade Louise Alice
Lina Zoé Lola Sarah Anaïs Clémence Mathilde Océane Élodie Amandine Aurélie Céline Nathalie
Isabelle Sylvie Catherine Françoise Monique Nicole Christine Sandrine Valérie Sophie Véronique
Martine Brigitte Hélène Anne Jeanne Marguerite Germaine Josiane Gisèle Noëlle Aminata Fatoumata
Mohamed Yasmine Karim Mehdi Maëlle Maëva Loïc Gaëlle Joël Cédric Hervé Benoît Agnès Béatrice
Jean-Pierre Jean-Claude Marie-Claude Anne-Sophie Jean-Baptiste Marie-Thérèse Pierre-Yves""")
SYLLABLES = _words("ber lan gou mar tin du val ker ro sse lou vin che ri bo nel fa guen pe tit mau "
                   "ger la quet vi dal jo ly bru ne")


def synthetic_people(count: int, seed: int = 7) -> Iterator[tuple[str, str, str, str, str | None]]:
    """(birth_name, given_names, birth_date, sex, used_name), normalised: a Zipf-like head of common
    surnames, compound names, and a long tail of rare syllable-built names (most distinct names of a real
    population are rare)."""
    rng = random.Random(seed)
    surnames = [normalise_trait(name) for name in SURNAMES]
    givens = [normalise_trait(name) for name in GIVEN]
    syllables = [syllable.upper() for syllable in SYLLABLES]
    cumulative = list(itertools.accumulate(1 / (rank + 1) ** 0.9 for rank in range(len(surnames))))
    for _ in range(count):
        roll = rng.random()
        if roll < 0.55:
            name = rng.choices(surnames, cum_weights=cumulative)[0]
        elif roll < 0.62:
            name = f"{rng.choice(surnames)}-{rng.choice(surnames)}"
        else:
            name = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        given = " ".join(rng.sample(givens, rng.choices((1, 2, 3), cum_weights=(0.5, 0.85, 1.0))[0]))
        year, month, day = rng.randint(1920, 2024), rng.randint(1, 12), rng.randint(1, 28)
        used = rng.choice(surnames) if rng.random() < 0.1 else None
        yield name, given, f"{year:04d}-{month:02d}-{day:02d}", rng.choice("MF"), used


SEARCH_INDEXES = tuple(f"ix_patient_search_keys_{name}" for name in ("name", "given", "date", "phonetic"))


def build(path: Path, count: int) -> None:
    """Migrate an empty file, then bulk-load it with raw executemany, indexes built after the load."""
    path.unlink(missing_ok=True)
    Database.open(f"sqlite:///{path}").close()
    conn = sqlite3.connect(path)
    index_sql = [conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
                 for name in SEARCH_INDEXES]
    for name in SEARCH_INDEXES:
        conn.execute(f"DROP INDEX {name}")
    conn.execute("PRAGMA journal_mode=OFF")  # a throw-away bulk load; WAL is restored below
    conn.execute("PRAGMA synchronous=OFF")
    started = time.perf_counter()
    batch: list[tuple[object, ...]] = []
    keys: list[tuple[object, ...]] = []
    names: set[str] = set()
    now = "2025-01-01 00:00:00.000000"
    for patient_id, (name, givens, born, sex, used) in enumerate(synthetic_people(count), start=1):
        batch.append((patient_id, name, givens, givens.split(" ")[0], born, sex, used, now, now))
        keys.extend(tuple(row.values()) for row in key_rows(patient_id, name, givens, born, used))
        if len(batch) == 50_000:
            names.update(row[2] for row in keys)
            _flush(conn, batch, keys)
    names.update(row[2] for row in keys)
    _flush(conn, batch, keys)
    variants = sorted((row["variant"], row["name_key"]) for row in variant_rows(names))
    conn.executemany("INSERT INTO patient_name_variants (variant, name_key) VALUES (?, ?)", variants)
    loaded = time.perf_counter()
    for sql in index_sql:
        conn.execute(sql)
    # No ANALYZE: the application never runs it, so the query plans measured are the ones it gets.
    conn.execute(f"PRAGMA user_version={CACHE_VERSION}")
    conn.commit()
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    indexed = time.perf_counter() - loaded
    print(f"  {count:,} patients générés : chargement {loaded - started:.1f} s, index {indexed:.1f} s")


def _flush(conn: sqlite3.Connection, batch: list[tuple[object, ...]], keys: list[tuple[object, ...]]) -> None:
    conn.executemany("INSERT INTO patients (id, birth_name, birth_given_names, first_birth_given_name, "
                     "birth_date, sex, used_name, status, doubtful, fictitious, homonym, version, "
                     "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'PROV', 0, 0, 0, 1, ?, ?)", batch)
    conn.executemany("INSERT INTO patient_search_keys (patient_id, seq, name_key, given_key, name_phonetic, "
                     "birth_date) VALUES (?, ?, ?, ?, ?, ?)", keys)
    batch.clear()
    keys.clear()


def cached_database(count: int, rebuild: bool) -> Path:
    path = Path(tempfile.gettempdir()) / f"lgc_bench_search_{count}.sqlite3"
    if not rebuild and path.exists():
        with sqlite3.connect(path) as conn:
            if conn.execute("PRAGMA user_version").fetchone()[0] == CACHE_VERSION:
                return path
    build(path, count)
    return path


ACCENTED = {"E": "é", "C": "ç", "A": "à", "O": "ô", "I": "ï"}


def _lower_accented(text: str, rng: random.Random) -> str:
    return "".join(ACCENTED[c] if c in ACCENTED and rng.random() < 0.3 else c.lower() for c in text)


def _typo(text: str, rng: random.Random, first: int = 1) -> str:
    """Two neighbouring letters swapped, the first of them at index `first` or after."""
    i = rng.randrange(first, len(text) - 1)
    return text[:i] + text[i + 1] + text[i] + text[i + 2:]


def _head_typo(text: str, rng: random.Random) -> str:
    """A typo in the first three letters: two of them swapped, or the first one replaced."""
    if rng.random() < 0.5:
        return _typo(text[:3], rng, first=0) + text[3:]
    return rng.choice([c for c in "BCDFGLMNPRST" if c != text[0]]) + text[1:]


_Batch = list[tuple[SearchQuery, str | None]]  # a query and the name key of the patient it must find


def queries(count: int, rng: random.Random) -> dict[str, _Batch]:
    """Query batches by kind; what the patient list sends is a quick search (`SearchQuery.quick`)."""
    people = list(synthetic_people(min(count, 20_000)))
    sample = rng.sample(people, 60)
    quick = SearchQuery.quick
    kinds: dict[str, _Batch] = {kind: [] for kind in (
        "frappe (préfixes)", "nom complet", "nom + prénom accentués", "prénom seul", "nom + date",
        "date seule (formats)", "nom + année", "approché (faute de frappe)", "approché (faute en tête)")}
    for name, givens, _born, _sex, _used in sample[:20]:
        typed = f"{name.lower()} {givens.split(' ')[0].lower()}"
        kinds["frappe (préfixes)"] += [(quick(typed[:end]), None) for end in range(1, len(typed) + 1)]
    for name, givens, born, _sex, _used in sample[20:60]:
        year, month, day = born.split("-")
        kinds["nom complet"].append((quick(name), None))
        kinds["nom + prénom accentués"].append((quick(_lower_accented(f"{name} {givens}", rng)), None))
        kinds["prénom seul"].append((quick(_lower_accented(givens.split(" ")[0], rng)), None))
        kinds["nom + date"].append((quick(f"{name} {day}/{month}/{year}"), None))
        kinds["date seule (formats)"] += [(quick(text), None) for text in (
            f"{day}/{month}/{year}", f"{int(day)}/{int(month)}/{year}", year)]
        kinds["nom + année"].append((quick(f"{name} {year}"), None))
        if len(name) >= 5:
            for kind, typo in (("approché (faute de frappe)", _typo(name, rng)),
                               ("approché (faute en tête)", _head_typo(name, rng))):
                kinds[kind].append((quick(f"{typo} {givens.split()[0]}"), search_key(name)))
    return kinds


def _found(hits: list[SearchHit], name_key: str) -> bool:
    return any(name_key in (search_key(hit.birth_name), search_key(hit.used_name or "")) for hit in hits)


def _search_tables_size(path: Path) -> str:
    """Size of the search tables and their indexes (SQLite's dbstat table)."""
    with sqlite3.connect(path) as conn:
        sizes = dict(conn.execute(
            "SELECT CASE WHEN name LIKE '%name_variants%' THEN 'variants' ELSE 'keys' END, sum(pgsize) "
            "FROM dbstat WHERE name LIKE '%patient_search_keys%' OR name LIKE '%patient_name_variants%' "
            "GROUP BY 1").fetchall())
    return f"clés {sizes.get('keys', 0) / 2**20:.0f} Mo, variantes {sizes.get('variants', 0) / 2**20:.0f} Mo"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(count: int, rebuild: bool) -> None:
    path = cached_database(count, rebuild)
    db = Database.open(f"sqlite:///{path}", migrate=False)
    rng = random.Random(11)
    all_times: list[float] = []
    rows = []
    with db.reading() as session:
        search_patients(session, SearchQuery(text="warm up"))
        for kind, batch in queries(count, rng).items():
            times = []
            found = 0
            for query, name_key in batch:
                started = time.perf_counter()
                hits = search_patients(session, query)
                times.append((time.perf_counter() - started) * 1000)
                found += name_key is not None and _found(hits, name_key)
            all_times += times
            share = f"{found}/{len(batch)}" if batch[0][1] is not None else ""
            rows.append((kind, len(times), statistics.median(times), percentile(times, 0.95), max(times), share))
    rows.append(("TOUTES", len(all_times), statistics.median(all_times), percentile(all_times, 0.95),
                 max(all_times), ""))
    db.close()
    print(f"\n{count:,} patients (SQLite, {path.stat().st_size / 2**20:.0f} Mo ; {_search_tables_size(path)})")
    print(f"{'requêtes':<30}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}{'trouvés':>10}")
    for kind, n, p50, p95, worst, share in rows:
        print(f"{kind:<30}{n:>6}{p50:>10.2f}{p95:>10.2f}{worst:>10.2f}{share:>10}")


def main() -> int:
    parser = argparse.ArgumentParser(description="Mesure de la recherche d'antériorité")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--rebuild", action="store_true", help="régénérer les bases en cache")
    parser.add_argument("--quick", action="store_true", help="une base de 10 000 patients")
    args = parser.parse_args()
    if args.quick:
        args.sizes = [10_000]
    for count in args.sizes:
        measure(count, args.rebuild)
    return 0


if __name__ == "__main__":
    sys.exit(main())
