"""Lab reports for the results tests: the CI-SIS TSH example read from ../shared, and variants of it (another
report id, version, date or values) made in memory — never copied into the project."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

HL7 = "{urn:hl7-org:v3}"
TSH_EXAMPLE = Path("cisis") / "examples" / "BIO-CR-BIO_2024.01_TSH_1.xml"
TSH, FT4 = "3016-3", "3024-7"


def tsh_example(shared_dir: Path) -> bytes:
    return (shared_dir / TSH_EXAMPLE).read_bytes()


def lab_report(shared_dir: Path, *, document_id: str, when: str, tsh: str = "1.950", ft4: str = "7.67",
               tsh_flag: str = "N", set_id: str | None = None, version: int = 1) -> bytes:
    """The TSH example as another report: its own id (and set), observations dated `when` (HL7 TS) with
    these TSH and FT4 values."""
    root = etree.fromstring(tsh_example(shared_dir))
    root.find(f"{HL7}id").set("root", document_id)
    root.find(f"{HL7}setId").set("root", set_id or f"{document_id}.set")
    root.find(f"{HL7}versionNumber").set("value", str(version))
    for observation in root.iter(f"{HL7}observation"):
        code = observation.find(f"{HL7}code")
        if code is None or code.get("code") not in (TSH, FT4):
            continue
        observation.find(f"{HL7}effectiveTime").set("value", when)
        observation.find(f"{HL7}value").set("value", tsh if code.get("code") == TSH else ft4)
        if code.get("code") == TSH:
            observation.find(f"{HL7}interpretationCode").set("code", tsh_flag)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
