"""The MSSanté simulator's control routes: mailbox listing, raw messages, injection of CI-SIS examples "from
another software" (faithful, re-addressed to another patient, hostile variants), and the 503 without ../shared."""

from __future__ import annotations

import hashlib
import io
import zipfile
from email.header import decode_header, make_header
from pathlib import Path

import httpx
import pytest
from lxml import etree

from services.sandbox.server import RunningSandbox, run_in_thread
from tests.helpers.mss_sim import (
    APPLICATIVE,
    CARDIO,
    LAB_REPORT,
    PRACTITIONER,
    SOFTWARE,
    control,
    inject,
    parsed,
    raw,
    tls,
)
from tests.helpers.mss_sim import xdm_of as archive_of

RIM = "{urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0}"
HL7 = "{urn:hl7-org:v3}"


def _slots(element: etree._Element) -> dict[str, list[str]]:
    return {slot.get("name"): [v.text for v in slot.iter(f"{RIM}Value")] for slot in element.iterfind(f"{RIM}Slot")}


def test_mailboxes_are_listed_with_their_kind(sandbox: RunningSandbox) -> None:
    with control(sandbox) as http:
        boxes = {box["address"]: box["kind"] for box in http.get("/mailboxes").json()}
        patients = http.get("/mailboxes", params={"kind": "patient"}).json()
        assert http.get("/mailboxes/personne@nulle.part/messages").status_code == 404
    assert boxes[APPLICATIVE] == "applicative" and boxes[PRACTITIONER] == "personnelle"
    assert boxes[CARDIO] == "personnelle" and boxes[SOFTWARE] == "correspondent-software"
    assert boxes["cabinet.test@medecin.mssante.fr"] == "organisationnelle"
    assert {"address": "285037505612306@patient.mssante.fr", "kind": "patient"} in patients
    assert sandbox.manifest.urls["mss_mailbox"] == APPLICATIVE
    assert sandbox.manifest.urls["mss_practitioner_mailbox"] == PRACTITIONER


def test_the_injected_lab_report_is_a_faithful_mssante_message(sandbox: RunningSandbox, shared_dir: Path) -> None:
    answer = inject(sandbox, APPLICATIVE)
    message = parsed(raw(sandbox, APPLICATIVE, answer["uid"]))
    assert message["Message-ID"] == answer["message_id"] and message["From"] == SOFTWARE
    assert message["Subject"].startswith("XDM/1.0/DDM+Compte rendu d'examens biologiques PAT-TROIS")
    assert (message["X-MSS-CODECDA"], message["X-MSS-INS"], message["Disposition-Notification-To"]) == \
        ("11502-2", "O", SOFTWARE)
    assert message["X-MSS-NIL"]
    with zipfile.ZipFile(io.BytesIO(archive_of(message))) as archive:
        names = set(archive.namelist())
        assert {"INDEX.HTM", "README.TXT", "IHE_XDM/SUBSET01/METADATA.XML"} <= names
        metadata = etree.fromstring(archive.read("IHE_XDM/SUBSET01/METADATA.XML"))
        entries = list(metadata.iter(f"{RIM}ExtrinsicObject"))
        assert len(entries) == 1
        slots = _slots(entries[0])
        document = archive.read("IHE_XDM/SUBSET01/" + slots["URI"][0])
    assert document == (shared_dir / "cisis" / "examples" / LAB_REPORT).read_bytes()
    assert slots["hash"] == [hashlib.sha1(document).hexdigest()]
    assert slots["size"] == [str(len(document))]
    patient_ids = {e.get("value") for e in metadata.iter(f"{RIM}ExternalIdentifier")
                   if e.get("identificationScheme") in ("urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427",
                                                        "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446")}
    assert patient_ids == {"279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH"}
    unique = {e.get("value") for e in metadata.iter(f"{RIM}ExternalIdentifier")
              if e.get("identificationScheme") == "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab"}
    assert unique == {"1.2.250.1.213.1.1.1.55.2024.9.1"}


def test_the_patient_can_be_substituted(sandbox: RunningSandbox) -> None:
    patient = {"ins": "285037505612306", "oid": "1.2.250.1.213.1.4.10", "family": "DUPONT", "given": "ELODIE MARIE",
               "birth_date": "1985-03-14", "sex": "F"}
    answer = inject(sandbox, APPLICATIVE, example="VSM_1.4_2022.01.xml", patient=patient)
    message = parsed(raw(sandbox, APPLICATIVE, answer["uid"]))
    subject = str(make_header(decode_header(message["Subject"])))
    assert "Synthèse Médicale DUPONT ELODIE MARIE 14/03/1985" in subject and message["X-MSS-CODECDA"] == "SYNTH"
    with zipfile.ZipFile(io.BytesIO(archive_of(message))) as archive:
        cda = etree.fromstring(archive.read("IHE_XDM/SUBSET01/DOC0001.XML"))
        metadata = archive.read("IHE_XDM/SUBSET01/METADATA.XML")
    role = cda.find(f"{HL7}recordTarget/{HL7}patientRole")
    assert role is not None
    assert {"root": "1.2.250.1.213.1.4.10", "extension": "285037505612306"} in [dict(i.attrib) for i in
                                                                                  role.iterfind(f"{HL7}id")]
    assert role.findtext(f"{HL7}patient/{HL7}name/{HL7}family") == "DUPONT"
    assert b"285037505612306^^^&amp;1.2.250.1.213.1.4.10&amp;ISO^NH" in metadata
    assert b"PID-7|19850314" in metadata


@pytest.mark.parametrize("variant,check", [
    ("traversal", lambda names, files, message: any(".." in name for name in names)),
    ("no_metadata", lambda names, files, message: "IHE_XDM/SUBSET01/METADATA.XML" not in names),
    ("duplicate_names", lambda names, files, message: names.count("IHE_XDM/SUBSET01/DOC0001.XML") == 2),
    ("xxe", lambda names, files, message: b"<!ENTITY" in files["IHE_XDM/SUBSET01/METADATA.XML"]),
    ("bad_hash", lambda names, files, message: hashlib.sha1(files["IHE_XDM/SUBSET01/DOC0001.XML"]).hexdigest()
     .encode() not in files["IHE_XDM/SUBSET01/METADATA.XML"]),
    ("patient_mismatch", lambda names, files, message: b"279035121518989" not in
     files["IHE_XDM/SUBSET01/METADATA.XML"]),
    ("zip_bomb", lambda names, files, message: "IHE_XDM/SUBSET01/DOC0002.XML" in names),
])
def test_hostile_variants_reach_the_mailbox_as_built(sandbox: RunningSandbox, variant: str, check: object) -> None:
    answer = inject(sandbox, APPLICATIVE, variant=variant)
    message = parsed(raw(sandbox, APPLICATIVE, answer["uid"]))
    with zipfile.ZipFile(io.BytesIO(archive_of(message))) as archive:
        names = archive.namelist()
        if variant == "zip_bomb":
            info = archive.getinfo("IHE_XDM/SUBSET01/DOC0002.XML")
            assert info.file_size > 100 * info.compress_size
            files: dict[str, bytes] = {}
        else:
            files = {info.filename: archive.read(info) for info in archive.infolist()}
    assert check(names, files, message)  # type: ignore[operator]


def test_malformed_mime_variant(sandbox: RunningSandbox) -> None:
    answer = inject(sandbox, APPLICATIVE, variant="malformed_mime")
    data = raw(sandbox, APPLICATIVE, answer["uid"])
    message = parsed(data)
    assert message.get_content_maintype() == "multipart" and message.defects  # the boundary never comes
    boundary = message.get_boundary()
    assert boundary is not None and f"--{boundary}".encode() not in data


def test_bad_injections(sandbox: RunningSandbox) -> None:
    with control(sandbox) as http:
        for body in ({"to": APPLICATIVE, "example": "../../etc/passwd"},
                     {"to": APPLICATIVE, "example": "ABSENT.xml"},
                     {"to": "x@y.z", "example": LAB_REPORT},
                     {"to": APPLICATIVE, "example": LAB_REPORT, "variant": "inconnue"},
                     {"to": APPLICATIVE, "example": LAB_REPORT, "patient": {"ins": "1"}}):
            response = http.post("/inject", json=body)
            assert response.status_code == 400 and response.json()["error"], body


def test_without_shared_folder_injection_answers_503(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LGC_SHARED", str(tmp_path / "absent"))
    running = run_in_thread(tmp_path / "state", simulators=("mss",))
    try:
        running.set_faults()
        with httpx.Client(verify=tls(running)) as http:
            response = http.post(running.manifest.url("mss") + "/_control/inject",
                                 json={"to": APPLICATIVE, "example": LAB_REPORT})
        assert response.status_code == 503 and "--shared" in response.json()["error"]
    finally:
        running.stop()
