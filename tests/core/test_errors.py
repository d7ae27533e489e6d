"""The one error catalogue (lgc_app/errors.py): codes, French texts, and bugs reported as bugs."""

from __future__ import annotations

import ast
import importlib
import logging
import pkgutil
import re
from pathlib import Path

import httpx
import pytest

from lgc_app import errors, logs
from lgc_app.documents.errors import DocumentConflictError
from lgc_app.errors import CATALOGUE, UserError, explain
from lgc_app.patients.birth_date import BirthDateError
from services.dmp import errors as dmp_errors
from services.dmp.errors import DmpError
from services.errors import Retry, ServiceError
from services.insi.errors import fault_error, transport_error
from services.transport import TransportConfigError, TransportErrorCode

ROOT = Path(__file__).resolve().parents[2]
CODE = re.compile(r"^[A-Z]+(-[A-Z]+)*$")
# Exceptions of ours that never reach a user: internal control flow, or a broken installation (a bug).
NOT_FOR_USERS = {"_Budget", "QtRuntimeError", "UnknownEditorError",  # internal, or bugs
                 "ScenarioError", "PhoneError", "LabError",  # the scripted demonstration failed (ui/scenario)
                 "RemoteError"}  # the worker process's channel: a failure the other side could not name (a bug)
BUILTIN_BASES = {"Exception", "ValueError", "RuntimeError", "LookupError", "KeyError", "OSError"}


def _import_everything() -> None:
    """Subclasses register when their module is imported: import every module of the app and its views."""
    for package in ("lgc_app", "ui", "services"):
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, f"{package}."):
            if not any(part in info.name for part in (".alembic", ".sandbox", "__main__")):
                importlib.import_module(info.name)


def _subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    return found.union(*(_subclasses(sub) for sub in found)) if found else found


def test_every_user_error_has_its_own_code_and_a_french_summary() -> None:
    _import_everything()
    classes = {cls for cls in _subclasses(UserError) if not cls.__module__.startswith("tests.")}
    assert len(classes) >= 30
    codes = [cls.__dict__["code"] for cls in classes]
    assert len(codes) == len(set(codes)), "two classes share a code"
    assert {CATALOGUE[code] for code in codes} == classes
    for cls in classes:
        assert CODE.match(cls.code), cls
        summary = cls.__dict__["summary"]
        assert summary[0].isupper() and summary.endswith((".", ")", "»")), cls


def test_exceptions_users_may_see_derive_from_the_catalogue() -> None:
    """A class deriving straight from a builtin exception bypasses the catalogue: only listed ones may."""
    direct = []
    for room in ("lgc_app", "ui"):
        for path in set((ROOT / room).rglob("*.py")) - {ROOT / "lgc_app" / "errors.py"}:  # the base itself
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ClassDef):
                    bases = {base.id for base in node.bases if isinstance(base, ast.Name)}
                    if bases & BUILTIN_BASES and "UserError" not in bases and node.name not in NOT_FOR_USERS:
                        direct.append(f"{path.relative_to(ROOT)}: {node.name}")
    assert direct == []


def test_a_code_is_declared_once() -> None:
    with pytest.raises(TypeError, match="DOC-CONFLICT"):
        type("Twin", (UserError,), {"code": "DOC-CONFLICT", "summary": "Autre texte."})
    with pytest.raises(TypeError, match="summary"):
        type("Mute", (UserError,), {"code": "TEST-MUTE"})
    assert "TEST-MUTE" not in CATALOGUE


def test_a_user_error_is_shown_as_raised() -> None:
    explanation = explain(BirthDateError("La date de naissance est dans le futur."))
    assert explanation == errors.Explanation("PATIENT-BIRTH-DATE", "La date de naissance est dans le futur.",
                                             is_bug=False)
    conflict = explain(DocumentConflictError())
    assert conflict.code == "DOC-CONFLICT" and conflict.text == DocumentConflictError.summary


def test_transient_service_errors_say_who_retries() -> None:
    """A consultation is retried by the user, a send order by the worker: one catalogue, two endings."""
    network = DmpError(dmp_errors.NETWORK, transient=True, detail="ConnectError: refused")
    assert explain(network) == errors.Explanation(
        dmp_errors.NETWORK, "Le DMP est injoignable (erreur réseau). Réessayez dans un instant.", is_bug=False)
    assert network.text_for(Retry.AUTOMATIC) == ("Le DMP est injoignable (erreur réseau). L'envoi sera retenté "
                                                 "automatiquement.")
    closed = DmpError("DMP_FERME", transient=False, detail="texte distant")
    assert closed.text == closed.text_for(Retry.AUTOMATIC) == "Le DMP de ce patient est fermé."
    assert "texte distant" not in explain(closed).text
    timeout = transport_error(TransportErrorCode.TIMEOUT)
    assert timeout.transient and explain(timeout).text == ("Le téléservice INSi n'a pas répondu à temps. "
                                                           "Réessayez dans un instant.")
    refused = fault_error("siram_20", "insi_206", detail="<soap:Fault>")
    assert explain(refused).code == "INSI-siram_20/insi_206" and not refused.transient
    assert explain(refused).text.startswith("Matricule INS refusé par INSi")


def test_raw_network_errors_get_fixed_sentences() -> None:
    request = httpx.Request("GET", "https://exemple.invalide/")
    response = httpx.Response(500, request=request, text="<stack trace du serveur>")
    status = explain(httpx.HTTPStatusError("boom", request=request, response=response))
    assert status == errors.Explanation(
        "NET-HTTP-5XX", "Le service est momentanément indisponible (code HTTP 500). Réessayez dans un instant.",
        is_bug=False)
    assert explain(httpx.ConnectError("refused")).text.startswith("Service injoignable")
    assert explain(httpx.ReadTimeout("slow")).code == "NET-TIMEOUT"
    missing = explain(TransportConfigError("le certificat client est introuvable : /x/cps.pem"))
    assert missing == errors.Explanation(
        "TLS-CONFIG", "Certificats à corriger dans les réglages : le certificat client est introuvable : /x/cps.pem.",
        is_bug=False)


def test_anything_else_is_a_bug_logged_once_under_a_reference(caplog: pytest.LogCaptureFixture) -> None:
    try:
        {}["secret interne"]
    except KeyError as exc:
        error = exc
    with caplog.at_level(logging.ERROR, logger="lgc.errors"):
        first, again = explain(error), explain(error)
    assert first == again and first.is_bug and first.code == errors.BUG_CODE
    reference = re.search(r"référence ([0-9A-F]{8})", first.text)
    assert reference is not None and str(logs.log_file()) in first.text
    assert "secret interne" not in first.text  # the exception text may hold remote or personal data
    [record] = caplog.records
    assert reference.group(1) in record.getMessage() and record.exc_info is not None
    assert record.exc_info[1] is error


def test_service_error_keeps_remote_text_out_of_the_sentence() -> None:
    error = ServiceError("X-TEST", "Refus du service.", transient=False, detail="<remote>")
    assert error.text == "Refus du service." and "<remote>" in str(error)
