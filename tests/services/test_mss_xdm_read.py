"""Reading received XDM archives: the CI-SIS examples pass, every hostile variant is refused with its reason."""

from __future__ import annotations

import io
import warnings
import zipfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from services.mss.xdm_read import XdmError, XdmLimits, read_xdm
from tests.helpers import mss_messages as mm


@pytest.mark.parametrize("name", ["VSM_1.4_2022.01.xml", "BIO-CR-BIO_2024.01_TSH_1.xml"])
def test_reads_documents_with_their_metadata(shared_dir: Path, name: str) -> None:
    cda = mm.example(shared_dir, name)
    submission = read_xdm(mm.xdm_archive([cda, mm.with_unique_id(cda, "1.2.250.1.999.1")]))
    assert submission.subset == "IHE_XDM/SUBSET01"
    first, second = submission.documents
    assert first.content == cda and first.uri == "IHE_XDM/SUBSET01/DOC0001.XML"
    assert first.unique_id == mm.cda_unique_id(cda) and second.unique_id == "1.2.250.1.999.1"
    assert (first.patient.ins, first.patient.oid) == (mm.EXAMPLE_INS, "1.2.250.1.213.1.4.10")
    assert first.entry.type_code is not None and first.entry.type_code.code == "11488-4"
    assert first.entry.title == "Compte rendu reçu" and first.author == "Paul EMETTEUR"


@pytest.mark.parametrize(("variant", "code"), [
    ("traversal", "XDM-TRAVERSAL"), ("absolute", "XDM-TRAVERSAL"), ("zip_bomb", "XDM-BOMB"),
    ("bad_hash", "XDM-HASH"), ("bad_size", "XDM-SIZE"), ("missing_document", "XDM-URI"),
    ("xxe", "XDM-METADATA-XML"), ("no_metadata", "XDM-NO-METADATA"), ("duplicate_names", "XDM-DUPLICATE"),
    ("encrypted", "XDM-ENCRYPTED"), ("not_a_zip", "XDM-UNREADABLE"),
])
def test_hostile_archives_are_refused_with_a_stable_reason(shared_dir: Path, variant: str, code: str) -> None:
    archive = mm.xdm_archive([mm.example(shared_dir, "VSM_1.4_2022.01.xml")], variant=variant)
    with pytest.raises(XdmError) as refused:
        read_xdm(archive)
    assert refused.value.code == code
    assert any(word in refused.value.text for word in ("archive", "METADATA", "document"))


def test_an_entry_lying_about_its_size_is_stopped_while_inflating(shared_dir: Path) -> None:
    cda = mm.example(shared_dir, "VSM_1.4_2022.01.xml")
    archive = bytearray(mm.xdm_archive([cda]))
    # make the central directory claim a tiny size for DOC0001.XML: inflating must stop at the claim
    with zipfile.ZipFile(io.BytesIO(bytes(archive))) as original:
        info = original.getinfo("IHE_XDM/SUBSET01/DOC0001.XML")
    name_in_directory = archive.find(b"IHE_XDM/SUBSET01/DOC0001.XML", archive.find(b"PK\x01\x02"))
    central = archive.rfind(b"PK\x01\x02", 0, name_in_directory)
    size_field = central + 24
    assert int.from_bytes(archive[size_field:size_field + 4], "little") == info.file_size
    archive[size_field:size_field + 4] = (100).to_bytes(4, "little")
    with pytest.raises(XdmError) as refused:
        read_xdm(bytes(archive))
    assert refused.value.code in {"XDM-BOMB", "XDM-UNREADABLE", "XDM-SIZE"}


def test_total_size_cap(shared_dir: Path) -> None:
    cda = mm.example(shared_dir, "VSM_1.4_2022.01.xml")
    with pytest.raises(XdmError) as refused:
        read_xdm(mm.xdm_archive([cda]), XdmLimits(max_total_bytes=len(cda) // 2))
    assert refused.value.code == "XDM-BOMB"


@cache
def _vaccination_archive(shared_dir: Path) -> bytes:
    """Built once: the fuzzer needs the same bytes at each example (entry UUIDs are random)."""
    return mm.xdm_archive([mm.example(shared_dir, "VAC-NOTE_2023.01.xml")])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fuzzed_archives_raise_only_xdm_errors(shared_dir: Path, data: st.DataObject) -> None:
    archive = bytearray(_vaccination_archive(shared_dir))
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(archive) - 1))
        archive[position] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        archive = archive[:data.draw(st.integers(0, len(archive)))]
    try:
        read_xdm(bytes(archive))
    except XdmError as refused:
        assert refused.code.startswith("XDM-") and refused.text


@settings(max_examples=100, deadline=None)
@given(names=st.lists(st.text(min_size=1, max_size=30), min_size=1, max_size=6))
def test_any_entry_names_are_read_or_refused_never_escaping(names: list[str]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # duplicate names are part of the input space
        for name in names:
            try:
                archive.writestr(name, b"x")
            except (IndexError, ValueError):  # a name zipfile itself cannot write ("/")
                assume(False)
    try:
        read_xdm(buffer.getvalue())
    except XdmError as refused:
        assert refused.code in {"XDM-TRAVERSAL", "XDM-DUPLICATE", "XDM-NO-METADATA", "XDM-UNREADABLE",
                                "XDM-METADATA-XML", "XDM-EMPTY"}
