"""argparse in French: usage, section titles, `-h` and error messages of `lgc` and every sub-command.

argparse writes its own words in English ("usage:", "options", "the following arguments are required"…).
The titles and the help option are set when each parser is built (sub-command parsers are built by
`add_parser` with the parent's class, so they are French too); error messages arrive already formatted at
`error()`, where the known English sentences are translated. Nothing is patched globally: a third-party
parser in the same process keeps its English.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

HELP = "afficher cette aide et quitter"

# argparse 3.11 messages (Lib/argparse.py), most specific first.
_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(pattern), french) for pattern, french in (
    (r"^the following arguments are required: (.*)$", r"arguments obligatoires manquants : \1"),
    (r"^one of the arguments (.*) is required$", r"l'un des arguments \1 est obligatoire"),
    (r"^unrecognized arguments: (.*)$", r"option invalide ou argument en trop : \1"),
    (r"^ambiguous option: (\S+) could match (.*)$", r"option ambiguë : \1 peut désigner \2"),
    (r"^argument (.+?): invalid choice: (.*) \(choose from (.*)\)$",
     r"argument \1 : choix invalide : \2 (valeurs possibles : \3)"),
    (r"^argument (.+?): expected one argument$", r"argument \1 : une valeur est attendue"),
    (r"^argument (.+?): expected at least one argument$", r"argument \1 : au moins une valeur est attendue"),
    (r"^argument (.+?): expected at most one argument$", r"argument \1 : au plus une valeur est attendue"),
    (r"^argument (.+?): expected (\d+) arguments?$", r"argument \1 : \2 valeur(s) attendue(s)"),
    (r"^argument (.+?): not allowed with argument (.*)$", r"argument \1 : incompatible avec l'argument \2"),
    (r"^argument (.+?): ignored explicit argument (.*)$", r"argument \1 : valeur \2 inattendue"),
    (r"^argument (.+?): (.*)$", r"argument \1 : \2"),
))


# the type names argparse puts in "invalid %(type)s value"
_TYPES = {"int": "un nombre entier", "float": "un nombre", "Path": "un chemin"}
_INVALID_VALUE = re.compile(r"^argument (.+?): invalid (\S+) value: (.*)$")


def french_error(message: str) -> str:
    """argparse's English error sentence in French (unknown sentences are kept as they are)."""
    invalid = _INVALID_VALUE.match(message)
    if invalid:
        option, type_name, value = invalid.groups()
        return f"argument {option} : valeur invalide {value} ({_TYPES.get(type_name, type_name)} est attendu)"
    for pattern, french in _ERRORS:
        if pattern.match(message):
            return pattern.sub(french, message)
    return message


class FrenchHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        # prefix "" (not None) is argparse building a sub-command's prog from the parent's usage
        super().add_usage(usage, actions, groups, "Utilisation : " if prefix is None else prefix)


class FrenchArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser speaking French; its sub-command parsers are of the same class."""

    def __init__(self, *, add_help: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", FrenchHelpFormatter)
        super().__init__(add_help=False, **kwargs)
        self._positionals.title = "Arguments"
        self._optionals.title = "Options"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=HELP)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : {french_error(message)}.\n« {self.prog} --help » pour l'aide.\n")
