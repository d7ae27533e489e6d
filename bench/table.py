"""The two-column table ("mesure | résultat") a benchmark run on its own prints."""

from __future__ import annotations


def print_rows(rows: list[tuple[str, str]]) -> None:
    width = max(len(label) for label, _ in rows)
    print(f"{'mesure'.ljust(width)} | résultat")
    print(f"{'-' * width}-+-{'-' * 40}")
    for label, value in rows:
        print(f"{label.ljust(width)} | {value}")
