"""What a document retrieved from the DMP must be before it is shown or enters a patient's record.

A retrieved document is untrusted: the registry may list, and the repository may return, a document of another
patient (a mis-filed VSM, a hostile server). The registry's patientId was already checked on the listing; the
content is checked here: a CDA must name the patient's INS in its `recordTarget` (CI-SIS "Volet structuration
minimale" §recordTarget: `patientRole/id` carries the INS with its OID) and parse within the size cap; a PDF must
be declared as one and look like one; plain text (the simulator's documents of "another professional") must be
UTF-8. Everything runs in a worker thread (parsing up to 30 MB).
"""

from __future__ import annotations

from lxml import etree

from lgc_app.documents.rendering.cda_display import INS_OIDS, MAX_PDF_BYTES, PDF_MAGIC
from lgc_app.documents.rendering.narrative import HL7
from services.dmp.models import PatientId
from services.xml import MAX_XML_BYTES, UnsafeXmlError, parse_bytes

XML_TYPES = frozenset({"text/xml", "application/xml", "application/hl7-v3+xml"})
_INS_IDS = f"{{{HL7}}}recordTarget/{{{HL7}}}patientRole/{{{HL7}}}id"


def content_refusal(content: bytes, mime_type: str, patient: PatientId | None, *,
                    origin: str = "du DMP") -> str | None:
    """Why `content` (declared `mime_type`) may not be shown or stored for `patient`, in French; None if it may.

    `origin` completes "Le document reçu …" ("par MSSanté" for the inbox). `patient` None (a patient matched by
    hand, without a qualified INS) checks the format only.
    """
    mime = mime_type.split(";", 1)[0].strip().lower()
    if mime in XML_TYPES:
        return _cda_refusal(content, patient, origin)
    if mime == "application/pdf":
        if len(content) > MAX_PDF_BYTES:
            return f"Le document PDF reçu {origin} dépasse {MAX_PDF_BYTES // (1024 * 1024)} Mo."
        return None if content.startswith(PDF_MAGIC) else f"Le document reçu {origin} n'est pas un PDF valide."
    return (f"Le format du document reçu {origin} ({mime[:60] or 'non déclaré'}) n'est pas pris en charge : "
            "seuls les documents CDA et PDF sont acceptés.")


def _cda_refusal(content: bytes, patient: PatientId | None, origin: str) -> str | None:
    try:
        root = parse_bytes(content, max_bytes=MAX_XML_BYTES)
    except UnsafeXmlError:
        return f"Le document reçu {origin} n'est pas un document CDA lisible (XML invalide ou trop volumineux)."
    if root.tag != f"{{{HL7}}}ClinicalDocument":
        return f"Le document reçu {origin} n'est pas un document CDA."
    if patient is None:
        return None
    named = record_target_ins(root)
    if not named:
        return f"Le document reçu {origin} ne porte pas l'INS du patient : il ne peut pas être rattaché au dossier."
    if named != {(patient.ins, patient.oid)}:
        return f"Le document reçu {origin} concerne un autre patient (INS différente) : il a été refusé."
    return None


def record_target_ins(root: etree._Element) -> set[tuple[str, str]]:
    """(matricule, OID) of every INS the document's recordTarget names (ids under another root are ignored)."""
    return {(element.get("extension", ""), root_oid) for element in root.iterfind(_INS_IDS)
            if (root_oid := element.get("root", "")) in INS_OIDS}
