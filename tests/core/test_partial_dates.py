"""Partial dates (issue 13 item 9): "2020", "03/2020" kept as said, stored, and written at their precision."""

from __future__ import annotations

from datetime import date

import pytest

from lgc_app.documents.content import Problem, VsmContent, decode_content, to_json
from lgc_app.documents.errors import DocumentContentError
from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.partial_date import PartialDate
from lgc_app.documents.types import spec_for


@pytest.mark.parametrize(("typed", "expected", "iso", "ts", "french"), [
    ("2020", PartialDate(2020), "2020", "2020", "2020"),
    ("3/2020", PartialDate(2020, 3), "2020-03", "202003", "03/2020"),
    ("15.03.2020", PartialDate(2020, 3, 15), "2020-03-15", "20200315", "15/03/2020"),
])
def test_each_precision_is_read_stored_and_written(typed: str, expected: PartialDate, iso: str, ts: str,
                                                   french: str) -> None:
    value = PartialDate.parse(typed)
    assert value == expected
    assert (value.iso(), value.cda(), value.french()) == (iso, ts, french)
    assert PartialDate.from_iso(iso) == value


@pytest.mark.parametrize("typed", ["31/02/2020", "13/2020", "20", "2020/03", "15/03", "demain"])
def test_impossible_or_malformed_dates_are_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(typed)


def test_bounds_of_a_partial_date() -> None:
    assert PartialDate(2020).earliest() == date(2020, 1, 1) and PartialDate(2020).latest() == date(2020, 12, 31)
    assert PartialDate(2024, 2).latest() == date(2024, 2, 29)


def test_drafts_stored_with_full_dates_still_read() -> None:
    content = decode_content(VsmContent, {"problems": [{"label": "HTA", "start": "2015-04-02"}]})
    assert content.problems[0].start == PartialDate(2015, 4, 2)  # type: ignore[union-attr]
    again = VsmContent(problems=(Problem("HTA", start=PartialDate(2015, 4)),))
    assert to_json(again)["problems"][0]["start"] == "2015-04"
    assert decode_content(VsmContent, to_json(again)) == again


def test_an_end_before_a_start_is_refused_at_any_precision() -> None:
    VsmContent(problems=(Problem("Appendicite", start=PartialDate(1991, 6), end=PartialDate(1991)),)).check()
    with pytest.raises(DocumentContentError, match="la fin précède le début"):
        VsmContent(problems=(Problem("Appendicite", start=PartialDate(1991, 6), end=PartialDate(1991, 5)),)).check()


def test_printed_vsm_says_since_when_at_the_precision_known() -> None:
    content = VsmContent(problems=(Problem("Diabète", start=PartialDate(2018, 1)),
                                   Problem("HTA", start=PartialDate(2015, 4, 2))))
    lines = spec_for(DocumentType.VSM).printable(content, None)[0].paragraphs  # type: ignore[arg-type]
    assert lines == ("Diabète (depuis 01/2018)", "HTA (depuis le 02/04/2015)")
