"""`lgc mss fetch`: reads the configured mailbox once and prints the counts (the `mss` group is mss-send's: the
test builds its own parser and adds the command, as the contract says)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest

from lgc_app.cli.mss_fetch import add_fetch_command
from lgc_app.patients.vocabulary import IdentityStatus
from lgc_app.persistence.database import Database
from services.sandbox.ca import Pki, ensure_pki
from tests.helpers import mss_messages as mm
from tests.helpers.cisis import add_patient
from tests.helpers.imap_server import ImapTestServer

pytestmark = pytest.mark.db


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return ensure_pki(tmp_path_factory.mktemp("state"))


@pytest.fixture
def server(pki: Pki) -> Iterator[ImapTestServer]:
    with ImapTestServer(pki.server_cert, pki.server_key, pki.ca_cert) as running:
        yield running


def _run(config: Path, *words: str) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config")
    add_fetch_command(parser.add_subparsers(dest="action", required=True))
    args = parser.parse_args(["--config", str(config), *words])
    return int(args.func(args))


def _config(tmp_path: Path, db_url: str, pki: Pki, imap_url: str, mailbox: str = mm.MAILBOX) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(f'[database]\nurl = "{db_url}"\n\n[tls]\nca_file = "{pki.ca_cert}"\n\n'
                    f'[services]\nmss_imap = "{imap_url}"\n\n[mss]\nmailbox = "{mailbox}"\nauth = "external"\n'
                    f'client_cert = "{pki.structure_cert}"\nclient_key = "{pki.structure_key}"\n', encoding="utf-8")
    return path


def test_fetch_prints_the_counts(db: Database, db_url: str, tmp_path: Path, pki: Pki, server: ImapTestServer,
                                 shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with db.unit_of_work() as session:
        add_patient(session, status=IdentityStatus.QUAL)
    server.deliver(mm.cisis_message(shared_dir))
    server.deliver(mm.cisis_message(shared_dir, variant="xxe"))
    assert _run(_config(tmp_path, db_url, pki, server.url), "fetch") == 0
    assert capsys.readouterr().out.strip() == ("2 message(s) relevé(s) : 1 document(s) intégré(s), 0 à rapprocher, "
                                               "1 en erreur, 0 doublon(s), 0 accusé(s) de réception.")


def test_unreachable_server_is_a_french_error(db: Database, db_url: str, tmp_path: Path, pki: Pki,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(_config(tmp_path, db_url, pki, "imap://127.0.0.1:1"), "fetch") == 1
    assert capsys.readouterr().err.strip() == ("Erreur : Le serveur de réception MSSanté est injoignable. "
                                               "Réessayez dans un instant.")
