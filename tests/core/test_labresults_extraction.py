"""Reading the structured results of a BIO-CR-BIO: the CI-SIS TSH example gives its two results as written in
the file; another document gives none; hostile or broken input never raises and never invents a result."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from lgc_app.labresults.extraction import MAX_OBSERVATIONS, extract_results, parse_ts, read_lab_report
from tests.helpers.labresults import FT4, HL7, TSH, tsh_example


def _edited(shared_dir: Path, edit: str) -> bytes:
    """The TSH example with one change to its first (TSH) observation."""
    root = etree.fromstring(tsh_example(shared_dir))
    observation = next(o for o in root.iter(f"{HL7}observation")
                       if o.find(f"{HL7}code") is not None and o.find(f"{HL7}code").get("code") == TSH)
    if edit == "no-code":
        observation.remove(observation.find(f"{HL7}code"))
    elif edit == "no-value":
        observation.remove(observation.find(f"{HL7}value"))
    elif edit == "bad-number":
        observation.find(f"{HL7}value").set("value", "1,9e")
    elif edit == "infinite":
        observation.find(f"{HL7}value").set("value", "1e999")
    elif edit == "null":
        observation.find(f"{HL7}value").set("nullFlavor", "NA")
    elif edit == "hostile-flag":
        observation.find(f"{HL7}interpretationCode").set("code", "<script>")
    elif edit == "aborted":
        observation.find(f"{HL7}statusCode").set("code", "aborted")
    return etree.tostring(root)


def test_the_tsh_example_gives_its_two_results_as_written(shared_dir: Path) -> None:
    report = read_lab_report(tsh_example(shared_dir))
    assert report is not None
    assert report.document_uid == "1.2.250.1.213.1.1.1.55.2024.9.1"
    assert (report.set_id, report.version, report.skipped) == ("1.2.250.1.213.1.1.1.55.2024.9", 1, ())
    tsh, ft4 = report.observations
    assert (tsh.loinc_code, tsh.value_text, tsh.value_numeric, tsh.unit) == (TSH, "1.950", 1.95, "m[IU]/L")
    assert tsh.loinc_display.startswith("Thyréostimuline")
    assert (tsh.range_low, tsh.range_high, tsh.interpretation) == (0.27, 4.2, "N")
    assert tsh.range_text == "0.270 – 4.200"
    # effectiveTime value="20140402145521+0200"
    assert tsh.observed_at == datetime(2014, 4, 2, 12, 55, 21, tzinfo=UTC)
    assert (ft4.loinc_code, ft4.value_numeric, ft4.unit, ft4.interpretation) == (FT4, 7.67, "pg/mL", "L")
    assert (ft4.range_low, ft4.range_high) == (9.30, 17.00)
    assert tsh.laboratory == "Laboratoire des charmes" and tsh.author == "Marcel CAMPARINI"
    assert [tsh.key, ft4.key] == ["pos:1", "pos:2"]


def test_another_document_gives_no_result(shared_dir: Path) -> None:
    for name in ("VSM_1.4_2022.01.xml", "CSE-CS8_2025.01.xml", "DOC_NON_STRUCTURE_CDA-R2-N1.xml"):
        content = (shared_dir / "cisis" / "examples" / name).read_bytes()
        assert read_lab_report(content) is None, name
        assert extract_results(content) == []


@pytest.mark.parametrize(("edit", "reason"), [
    ("no-code", "observation sans code d'analyse"), ("no-value", "3016-3 : observation sans valeur"),
    ("bad-number", "3016-3 : valeur numérique illisible"), ("infinite", "3016-3 : valeur numérique illisible"),
    ("null", "3016-3 : valeur absente"), ("aborted", "3016-3 : examen non réalisé")])
def test_an_unreadable_observation_is_skipped_with_its_reason(shared_dir: Path, edit: str, reason: str,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    report = read_lab_report(_edited(shared_dir, edit))
    assert report is not None
    assert [o.loinc_code for o in report.observations] == [FT4]
    assert report.skipped == (reason,)
    assert reason in caplog.text


def test_an_interpretation_code_from_outside_is_kept_only_when_it_looks_like_one(shared_dir: Path) -> None:
    tsh, _ = extract_results(_edited(shared_dir, "hostile-flag"))
    assert tsh.interpretation == ""


@pytest.mark.parametrize("content", [
    b"", b"\x00\xff garbage", b"<ClinicalDocument", b"not xml at all",
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    b'<ClinicalDocument xmlns="urn:hl7-org:v3"><code code="11502-2" codeSystem="2.16.840.1.113883.6.1"/>'
    b"<title>&e;</title></ClinicalDocument>",
    b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    b"<lol>&b;</lol>",
])
def test_hostile_or_broken_input_gives_no_result(content: bytes) -> None:
    assert read_lab_report(content) is None
    assert extract_results(content) == []


def test_a_truncated_report_gives_no_result(shared_dir: Path) -> None:
    example = tsh_example(shared_dir)
    for cut in (100, len(example) // 3, len(example) // 2, len(example) - 20):
        assert extract_results(example[:cut]) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.integers(min_value=0, max_value=10**6), junk=st.binary(min_size=1, max_size=40))
def test_corrupted_bytes_never_raise(shared_dir: Path, position: int, junk: bytes) -> None:
    example = tsh_example(shared_dir)
    at = position % len(example)
    results = extract_results(example[:at] + junk + example[at + len(junk):])
    assert all(result.loinc_code for result in results)


def test_an_oversized_document_is_refused_before_parsing() -> None:
    assert read_lab_report(b"<ClinicalDocument>" + b" " * (31 * 1024 * 1024) + b"</ClinicalDocument>") is None


def test_a_document_brings_at_most_the_cap_of_results(shared_dir: Path) -> None:
    root = etree.fromstring(tsh_example(shared_dir))
    act = next(root.iter(f"{HL7}act"))
    relationship = next(act.iter(f"{HL7}entryRelationship"))
    for _ in range(MAX_OBSERVATIONS):
        act.append(copy.deepcopy(relationship))
    report = read_lab_report(etree.tostring(root))
    assert report is not None
    assert len(report.observations) == MAX_OBSERVATIONS
    assert report.skipped == (f"plus de {MAX_OBSERVATIONS} résultats : les suivants sont ignorés",)


def test_hl7_timestamps() -> None:
    assert parse_ts("20210104160527+0100") == datetime(2021, 1, 4, 15, 5, 27, tzinfo=UTC)
    assert parse_ts("202101040735-0230") == datetime(2021, 1, 4, 10, 5, tzinfo=UTC)
    assert parse_ts("2021") is not None and parse_ts("2021").year in (2020, 2021)  # type: ignore[union-attr]
    for bad in ("", None, "20211399", "2021-01-04", "20210104+9999", "abcd"):
        assert parse_ts(bad) is None, bad
