"""`lgc insi search|verify` against the sandbox's INSi over mutual TLS, and the endpoint the settings choose."""

from __future__ import annotations

from pathlib import Path

import pytest

from lgc_app.cli import main
from lgc_app.config import Settings
from services.sandbox.server import RunningSandbox

# Nothing listens there: a call that reaches the sandbox proves this endpoint was not used.
UNUSED_URL = "https://127.0.0.1:9/lps"
DUPONT = ["--nom", "Dupont", "--prenoms", "Élodie Marie", "--sexe", "f", "--date-naissance", "14/03/1985"]


def _config(tmp_path: Path, sandbox: RunningSandbox, *, with_cps: bool = False) -> str:
    manifest = sandbox.manifest
    urls = (UNUSED_URL, manifest.url("insi")) if with_cps else (manifest.url("insi"), UNUSED_URL)
    path = tmp_path / "lgc.toml"
    path.write_text(
        f'[workstation]\nname = "POSTE-TEST"\n'
        f'[services]\ninsi_url = "{urls[0]}"\ninsi_cps_url = "{urls[1]}"\n'
        f'insi_with_cps = {"true" if with_cps else "false"}\n'
        f'[tls]\nca_file = "{manifest.ca_file}"\nclient_cert = "{manifest.cps_cert}"\n'
        f'client_key = "{manifest.cps_key}"\n',
        encoding="utf-8")
    return str(path)


def test_defaults_are_the_qualification_endpoints_of_section_2_0() -> None:
    settings = Settings()
    assert settings.insi_url == "https://qualiflps-services-ps-tlsm.ameli.fr:443/lps", "software certificate"
    assert settings.replace(services__insi_with_cps=True).insi_url == "https://qualiflps.services-ps.ameli.fr/lps"


@pytest.mark.parametrize("with_cps", [False, True], ids=["certificat logiciel", "carte CPS"])
def test_search_prints_the_identity_in_french(tmp_path: Path, sandbox: RunningSandbox,
                                              capsys: pytest.CaptureFixture[str], with_cps: bool) -> None:
    config = _config(tmp_path, sandbox, with_cps=with_cps)
    assert main(["--config", config, "insi", "search", *DUPONT]) == 0
    out = capsys.readouterr().out
    assert f"Téléservice INSi : {sandbox.manifest.url('insi')}" in out
    assert "Résultat INSi 00 : une identité trouvée." in out
    assert "INS : 285037505612306 (INS-NIR de test, OID 1.2.250.1.213.1.4.10)" in out
    assert "Prénom(s) de naissance : ELODIE MARIE" in out and "Premier prénom de naissance : ELODIE" in out
    assert "Date de naissance : 14/03/1985" in out and "Lieu de naissance : 75056" in out


def test_search_reports_history_several_and_none(tmp_path: Path, sandbox: RunningSandbox,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    config = _config(tmp_path, sandbox)
    traits = ["--sexe", "F", "--date-naissance", "1978-04-30"]
    assert main(["--config", config, "insi", "search", "--nom", "N'DIAYE", "--prenoms", "AMINATA", *traits]) == 0
    assert "Ancien INS : 278049934190288 (OID 1.2.250.1.213.1.4.10), du 03/02/1998 au 30/06/2001" in \
        capsys.readouterr().out
    homonyms = ["--nom", "LEROY", "--prenoms", "CAMILLE", "--sexe", "F", "--date-naissance", "21/06/1990"]
    assert main(["--config", config, "insi", "search", *homonyms]) == 1
    assert "Résultat INSi 02 : Plusieurs identités trouvées" in capsys.readouterr().out
    assert main(["--config", config, "insi", "search", *homonyms, "--lieu-naissance", "59350"]) == 0
    assert "INS : 290065935008889" in capsys.readouterr().out
    unknown = ["--nom", "INCONNU", "--prenoms", "PIERRE", "--sexe", "M", "--date-naissance", "01/01/1970"]
    assert main(["--config", config, "insi", "search", *unknown]) == 1
    assert "Résultat INSi 01 : Aucune identité trouvée" in capsys.readouterr().out


def test_verify_confirms_or_not(tmp_path: Path, sandbox: RunningSandbox, capsys: pytest.CaptureFixture[str]) -> None:
    config = _config(tmp_path, sandbox)
    ins = ["--matricule", "285037505612306", "--oid", "1.2.250.1.213.1.4.10"]
    assert main(["--config", config, "insi", "verify", *ins, *DUPONT]) == 0
    assert "INS 285037505612306 confirmé" in capsys.readouterr().out
    other_traits = [*DUPONT[:3], "ELODIE", *DUPONT[4:]]
    assert main(["--config", config, "insi", "verify", *ins, *other_traits]) == 1
    assert "Résultat INSi 01 : INS non confirmé" in capsys.readouterr().out


@pytest.mark.parametrize(("options", "message"), [
    (["--matricule", "285037505612307", "--oid", "1.2.250.1.213.1.4.10"], "clé du matricule INS est incorrecte"),
    (["--matricule", "285037505612306", "--oid", "1.2.3"], "n'est pas celui d'une autorité"),
], ids=["clé fausse", "OID inconnu"])
def test_verify_refuses_bad_options_before_calling(tmp_path: Path, sandbox: RunningSandbox,
                                                   capsys: pytest.CaptureFixture[str], options: list[str],
                                                   message: str) -> None:
    assert main(["--config", _config(tmp_path, sandbox), "insi", "verify", *options, *DUPONT]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and "Téléservice INSi" not in captured.out


def test_a_bad_birth_date_is_refused_in_french(tmp_path: Path, sandbox: RunningSandbox,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    options = [*DUPONT[:6], "--date-naissance", "31/02/1985"]
    assert main(["--config", _config(tmp_path, sandbox), "insi", "search", *options]) == 2
    assert capsys.readouterr().err.startswith("Erreur : ")


def test_a_service_failure_is_reported_in_french(tmp_path: Path, sandbox: RunningSandbox,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    sandbox.set_faults(fail_next=["soap_fault"])
    assert main(["--config", _config(tmp_path, sandbox), "insi", "search", *DUPONT]) == 3
    assert "temporairement inaccessible" in capsys.readouterr().err
    config = _config(tmp_path, sandbox, with_cps=True)
    Path(config).write_text(Path(config).read_text().replace("insi_with_cps = true", "insi_with_cps = false"))
    assert main(["--config", config, "insi", "search", *DUPONT]) == 3, "the software-certificate endpoint is down"
    assert "Impossible de joindre le téléservice INSi" in capsys.readouterr().err
