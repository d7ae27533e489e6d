"""Documents built per second per type (CDA only, and CDA + PDF/A rendering), and built + CI-SIS validated
per second. Run: `.venv/bin/python -m bench.bench_documents [--seconds 2] [--checks 3]`.

Prints a table; asserts nothing. The validation figure is dominated by Saxon running the schematrons.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from bench.table import print_rows
from lgc_app.documents.cda.parties import AuthorParty, DocumentHeader, Identifier, Organization, PatientParty
from lgc_app.documents.identifiers import new_document_oid
from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.rendering import PdfDocument, render_pdf
from lgc_app.documents.types import registered_types, spec_for
from lgc_app.documents.valuesets import (
    AUTHOR_SPECIALTIES,
    CONFIDENTIALITY_LEVELS,
    FACILITY_TYPES,
    PRACTICE_SETTINGS,
    TYPE_CODES,
)
from tests.helpers.cisis import _validator, sample_content

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def header(document_type: DocumentType) -> DocumentHeader:
    now = datetime.now(UTC)
    return DocumentHeader(
        document_id=Identifier(new_document_oid()),
        set_id=Identifier(new_document_oid()),
        version_number=1,
        title=document_type.label,
        created_at=now,
        type_code=TYPE_CODES[spec_for(document_type).sharing.type_code],
        confidentiality=CONFIDENTIALITY_LEVELS["N"],
        patient=PatientParty(
            local_id=Identifier("2.25.1.1", "42"),
            ins=Identifier("1.2.250.1.213.1.4.10", "279035121518989"),
            birth_name="PAT-TROIS",
            birth_given_names="DOMINIQUE MARIE-LOUISE",
            first_birth_given_name="DOMINIQUE",
            sex="F",
            birth_time="19790328",
            street="28 avenue de Breteuil",
            postal_code="75007",
            city="Paris",
            phones=("0144534551",),
        ),
        author=AuthorParty(
            national_id="810001234567",
            given_name="Hélène",
            family_name="DURAND",
            specialty=AUTHOR_SPECIALTIES["G15_10/SM54"],
        ),
        organization=Organization(
            national_id="3123456789012",
            name="Cabinet des Érables",
            facility_type=FACILITY_TYPES["SA07"],
            practice_setting=PRACTICE_SETTINGS["AMBULATOIRE"],
        ),
        service_start=now,
        service_end=now if document_type is DocumentType.PRESCRIPTION else None,
    )


def pdf_of(document_type: DocumentType) -> bytes:
    content = sample_content(document_type)
    return render_pdf(
        PdfDocument(
            title=document_type.label,
            subtitle=None,
            patient_lines=["PAT-TROIS Dominique"],
            datamatrix=None,
            author_lines=["DR Hélène DURAND"],
            sections=spec_for(document_type).printable(content, datetime.now(UTC)),
            footer="bench",
            created_at=datetime.now(UTC),
            document_id=new_document_oid(),
        )
    )


def rate(action: Callable[[], object], seconds: float) -> float:
    count, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        action()
        count += 1
    return count / elapsed


def run(seconds: float = 2.0, checks: int = 3, quick: bool = False) -> list[tuple[str, str]]:
    if quick:
        seconds, checks = 0.3, 1
    check = _validator(SHARED).check
    folder = Path(tempfile.mkdtemp(prefix="bench-documents-"))
    rows = []
    for document_type in registered_types():
        build_cda = spec_for(document_type).build_cda
        content = sample_content(document_type)
        pdf = pdf_of(document_type)
        cda = build_cda(header(document_type), content, pdf)
        path = folder / f"{document_type.value}.xml"
        path.write_bytes(cda)
        assert check(path) == [], f"{document_type} not conformant"  # also compiles the schematrons
        built = rate(lambda t=document_type, c=content, p=pdf, b=build_cda: b(header(t), c, p), seconds)
        with_pdf = rate(lambda t=document_type, c=content, b=build_cda: b(header(t), c, pdf_of(t)), seconds)
        start = time.perf_counter()
        for _ in range(checks):
            path.write_bytes(build_cda(header(document_type), content, pdf))
            check(path)
        checked = checks / (time.perf_counter() - start)
        rows.append((f"{document_type.value} : CDA/s | CDA+PDF/s | CDA+contrôle/s ({len(cda)} octets)",
                     f"{built:.0f} | {with_pdf:.1f} | {checked:.2f}"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=2.0, help="duration of each throughput measure")
    parser.add_argument("--checks", type=int, default=3, help="validations per type (schematrons are slow)")
    parser.add_argument("--quick", action="store_true", help="short run (0.3 s per measure, one validation)")
    args = parser.parse_args()
    print_rows(run(args.seconds, args.checks, quick=args.quick))


if __name__ == "__main__":
    main()
