"""`lgc worker`: --once, --status, --workstation, and the refusal on a slave workstation."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lgc_app.cli import main
from lgc_app.outbox.models import OrderStatus, SendOrder
from lgc_app.persistence.database import Database
from tests.helpers.outbox import enqueue_order


def _config(tmp_path: Path, db_url: str, role: str = "standalone") -> str:
    path = tmp_path / "settings.toml"
    path.write_text(f'[workstation]\nrole = "{role}"\nname = "poste-1"\n\n[database]\nurl = "{db_url}"\n',
                    encoding="utf-8")
    return str(path)

def _status(db: Database, order_id: str) -> OrderStatus:
    with db.reading() as session:
        return session.get(SendOrder, order_id).status


def test_once_drains_what_is_due_for_this_workstation(db: Database, db_url: str, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    mine, failing = enqueue_order(db), enqueue_order(db, payload={"permanent": True})
    elsewhere = enqueue_order(db, target_workstation="poste-2")
    assert main(["--config", _config(tmp_path, db_url), "worker", "--once"]) == 0
    assert capsys.readouterr().out.strip() == ("Envois exécutés : 1 réussi(s), 0 reporté(s), 1 à traiter, "
                                               "0 repris ailleurs.")
    assert (_status(db, mine), _status(db, failing), _status(db, elsewhere)) == \
        (OrderStatus.DONE, OrderStatus.FAILED, OrderStatus.PENDING)
    assert main(["--config", _config(tmp_path, db_url), "worker", "--once", "--workstation", "poste-2"]) == 0
    assert _status(db, elsewhere) is OrderStatus.DONE


def test_status_prints_counts_by_state(db: Database, db_url: str, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    enqueue_order(db)
    enqueue_order(db)
    assert main(["--config", _config(tmp_path, db_url, role="slave"), "worker", "--status"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "en attente   2" in lines
    assert "à traiter    0" in lines


def test_a_slave_refuses_to_run_the_worker(db: Database, db_url: str, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    order_id = enqueue_order(db)
    assert main(["--config", _config(tmp_path, db_url, role="slave"), "worker", "--once"]) == 2
    assert "esclave" in capsys.readouterr().err
    assert _status(db, order_id) is OrderStatus.PENDING


def test_the_service_mode_runs_until_sigterm(db: Database, db_url: str, tmp_path: Path) -> None:
    order_id = enqueue_order(db)
    command = [sys.executable, "-m", "lgc_app", "--config", _config(tmp_path, db_url), "worker"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 20
        while _status(db, order_id) is not OrderStatus.DONE and time.monotonic() < deadline:
            time.sleep(0.05)
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=10)
    finally:
        process.kill()
    assert _status(db, order_id) is OrderStatus.DONE
    assert process.returncode == 0, err
    assert out.splitlines() == ["Exécution des envois du poste « poste-1 » ; Ctrl+C pour arrêter.",
                                "Arrêt : les envois en cours sont terminés."]
