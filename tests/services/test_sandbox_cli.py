"""`lgc-sandbox` as a real process: ready line, manifest, health, clean stop on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from services.sandbox.__main__ import default_state_dir, main
from services.sandbox.ca import ensure_pki
from services.sandbox.manifest import Manifest
from services.transport import TlsMaterial, make_ssl_context

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(os.name == "nt", reason="SIGTERM is POSIX")
def test_cli_serves_writes_manifest_and_stops_on_sigterm(tmp_path: Path) -> None:
    state = tmp_path / "state"
    ca_before = ensure_pki(state).ca_cert.read_bytes()
    process = subprocess.Popen(
        [sys.executable, "-m", "services.sandbox", "--state-dir", str(state), "--latency", "0.1",
         "--faults", "error=0", "--seed", "3"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        ready = process.stdout.readline() if process.stdout else ""
        assert ready.startswith("Sandbox prête : "), (ready, process.stderr.read() if process.stderr else "")
        manifest_path = Path(ready.removeprefix("Sandbox prête : ").split(" (")[0])
        assert manifest_path == state / "sandbox.json"
        manifest = Manifest.load(manifest_path)
        assert manifest.pid == process.pid
        assert manifest.ca_file.read_bytes() == ca_before  # the PKI of an earlier run is reused
        with httpx.Client(verify=make_ssl_context(TlsMaterial(ca_file=manifest.ca_file))) as client:
            health = client.get(manifest.urls["health"]).json()
            plan = client.get(manifest.urls["control"]).json()
        assert health["status"] == "ok" and health["latency"] == 0.1
        assert plan == {"latency": 0.1, "rates": {"error": 0.0}, "fail_next": [], "seed": 3}

        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
        assert not manifest_path.exists()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_cli_refuses_a_non_loopback_host(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--state-dir", str(tmp_path), "--host", "0.0.0.0"]) == 1
    assert "boucle locale" in capsys.readouterr().err
    assert not (tmp_path / "pki").exists()


def test_cli_rejects_malformed_faults(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--state-dir", str(tmp_path), "--faults", "explode=0.5"])
    assert exited.value.code == 2
    assert "type de panne inconnu" in capsys.readouterr().err


def test_default_state_dir_follows_lgc_home() -> None:
    assert default_state_dir() == Path(os.environ["LGC_HOME"]) / "data" / "sandbox"


def test_help_announces_only_the_simulators_that_exist(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "services nationaux (INSi, DMP, Pro Santé Connect, Annuaire Santé, MSSanté) en HTTPS" in text
    assert "courrier de test" in text and "écho" in text
    assert "--shared" in text  # the CI-SIS examples the MSSanté simulator injects
