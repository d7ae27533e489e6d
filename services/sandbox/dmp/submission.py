"""ITI-41 Provide and Register (PROTOCOLS §3.2–§3.4) and the metadata checks of §8.

Every check of a submission runs before anything is written; a refused submission changes nothing.
An identical re-send (same uniqueId, same patient, same bytes) is accepted without a new entry.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from services.dmp import constants as c
from services.sandbox.ca import Pki
from services.sandbox.dmp import codes, value_sets
from services.sandbox.dmp.access import require_access
from services.sandbox.dmp.codes import Refused, refused
from services.sandbox.dmp.ebrim import (
    classified,
    code_of,
    external_id,
    is_dtm,
    resolve_symbolic_ids,
    rim,
    set_slot,
    slot,
    slots,
)
from services.sandbox.dmp.patients import PatientRef, parse_cx
from services.sandbox.dmp.signature_check import SignatureRefused, check_submission_signature
from services.sandbox.dmp.store import SEPARATOR, Association, Entry, Store
from services.sandbox.dmp.vihf_check import Caller

# (classification scheme, name, value set or None, several allowed)
CODED = (
    (c.DE_CLASS_CODE, "classCode", value_sets.J57_CLASS_CODE, False),
    (c.DE_TYPE_CODE, "typeCode", value_sets.J07_TYPE_CODE, False),
    (c.DE_FORMAT_CODE, "formatCode", value_sets.FORMAT_CODE, False),
    (c.DE_CONFIDENTIALITY_CODE, "confidentialityCode", value_sets.J08_CONFIDENTIALITY, True),
    (
        c.DE_HEALTHCARE_FACILITY_TYPE_CODE,
        "healthcareFacilityTypeCode",
        value_sets.J02_HEALTHCARE_FACILITY,
        False,
    ),
    (c.DE_PRACTICE_SETTING_CODE, "practiceSettingCode", value_sets.J04_PRACTICE_SETTING, False),
)
# legalAuthenticator: the professional who validated the document, 1..1 on every entry (PROTOCOLS §3.0).
REQUIRED_SLOTS = ("creationTime", "languageCode", "legalAuthenticator", "sourcePatientInfo")
SIGNATURE_CLASS = f"{c.SIGNATURE_CLASS_CODE}^{c.SIGNATURE_CLASS_SYSTEM}"


@dataclass
class CheckedEntry:
    """A DocumentEntry that passed the metadata checks, with the values the registry indexes."""

    element: etree._Element
    unique_id: str
    patient: PatientRef
    codes: dict[str, list[str]]  # metadata name → ["code^scheme", …]
    creation_time: str
    service_start: str

    def code(self, name: str) -> str:
        return self.codes[name][0]


def check_entry(element: etree._Element, errors: list[tuple[str, str]]) -> CheckedEntry | None:
    """The §8 metadata checks of one ExtrinsicObject; problems go to `errors`."""
    name = element.get("id", "?")
    before = len(errors)

    def problem(text: str) -> None:
        errors.append((codes.METADATA_ERROR, f"{name} : {text}"))

    if element.get("objectType") != c.DOCUMENT_ENTRY_TYPE:
        problem("objectType n'est pas celui d'une fiche de document (stable)")
    if not element.get("mimeType"):
        problem("mimeType absent")
    found_slots = slots(element)
    for required in REQUIRED_SLOTS:
        if not any(found_slots.get(required, [])):
            problem(f"{required} absent")
    for moment in ("creationTime", "serviceStartTime", "serviceStopTime"):
        value = (found_slots.get(moment) or [""])[0]
        if value and not is_dtm(value):
            problem(f"{moment} {value!r} n'est pas une date XDS (AAAAMMJJ[HHMMSS])")
    authors = classified(element, c.DE_AUTHOR)
    if not authors or not all(
        slot(author, "authorPerson") or slot(author, "authorInstitution") for author in authors
    ):
        problem("auteur (authorPerson / authorInstitution) absent")
    found_codes: dict[str, list[str]] = {}
    for scheme, label, allowed, several in CODED:
        classifications = classified(element, scheme)
        if not classifications:
            problem(f"{label} absent")
            continue
        if len(classifications) > 1 and not several:
            problem(f"{label} en plusieurs exemplaires")
        for classification in classifications:
            code, system = code_of(classification)
            if (code, system) not in allowed:
                problem(f"{label} {code!r} (système {system!r}) hors du jeu de valeurs")
            found_codes.setdefault(label, []).append(f"{code}^{system}")
    class_codes, type_codes = found_codes.get("classCode", []), found_codes.get("typeCode", [])
    if class_codes and type_codes:
        type_code = tuple(type_codes[0].split("^", 1))
        expected = value_sets.ASS_X04_CLASS_OF_TYPE.get(type_code)  # type: ignore[arg-type]
        if expected is not None and class_codes[0] != "^".join(expected):
            problem(f"classCode {class_codes[0]} incompatible avec le typeCode {type_codes[0]} (ASS_X04 : "
                    f"{expected[0]})")
    unique_id = external_id(element, c.DE_UNIQUE_ID)
    patient_cx = external_id(element, c.DE_PATIENT_ID)
    patient = parse_cx(patient_cx or "")
    if not unique_id:
        problem("uniqueId absent")
    if patient is None:
        problem("patientId absent ou mal formé")
    if len(errors) > before or unique_id is None or patient is None:
        return None
    return CheckedEntry(
        element=element,
        unique_id=unique_id,
        patient=patient,
        codes=found_codes,
        creation_time=found_slots["creationTime"][0],
        service_start=(found_slots.get("serviceStartTime") or [""])[0],
    )


def submission_set(objects: etree._Element) -> etree._Element:
    """The one RegistryPackage classified as a SubmissionSet (classified from inside or beside it)."""
    classified_ids = {
        found.get("classifiedObject")
        for found in objects.iter(rim("Classification"))
        if found.get("classificationNode") == c.SUBMISSION_SET_NODE
    }
    packages = [
        package for package in objects.iterfind(rim("RegistryPackage")) if package.get("id") in classified_ids
    ]
    if len(packages) != 1:
        raise refused(codes.METADATA_ERROR, f"{len(packages)} lot(s) de soumission au lieu d'un")
    return packages[0]


def submission_patient(package: etree._Element) -> PatientRef:
    errors = []
    for scheme, label in (
        (c.SS_UNIQUE_ID, "uniqueId"),
        (c.SS_SOURCE_ID, "sourceId"),
        (c.SS_PATIENT_ID, "patientId"),
    ):
        if not external_id(package, scheme):
            errors.append((codes.METADATA_ERROR, f"lot de soumission : {label} absent"))
    if not is_dtm(slot(package, "submissionTime")):
        errors.append((codes.METADATA_ERROR, "lot de soumission : submissionTime absent ou mal formé"))
    if not classified(package, c.SS_AUTHOR):
        errors.append((codes.METADATA_ERROR, "lot de soumission : auteur absent"))
    content_types = classified(package, c.SS_CONTENT_TYPE_CODE)
    if not content_types:
        errors.append((codes.METADATA_ERROR, "lot de soumission : contentTypeCode absent"))
    elif (content_type := code_of(content_types[0])) not in value_sets.R209_CONTENT_TYPE:
        errors.append((codes.METADATA_ERROR, f"lot de soumission : contentTypeCode {content_type[0]!r} (système "
                                             f"{content_type[1]!r}) hors de TRE_R209"))
    patient = parse_cx(external_id(package, c.SS_PATIENT_ID) or "")
    if patient is None and not errors:
        errors.append((codes.METADATA_ERROR, "lot de soumission : patientId mal formé"))
    if errors:
        raise Refused(errors)
    assert patient is not None
    return patient


def has_member_ok(association: etree._Element, package_id: str) -> bool:
    return association.get("sourceObject") == package_id and bool(slot(association, "SubmissionSetStatus"))


def check_signature(
    checked: list[CheckedEntry],
    associations: list[etree._Element],
    package_id: str,
    contents: dict[str, bytes | None],
    pki: Pki,
    caller: Caller,
) -> list[tuple[str, str]]:
    """The set must carry exactly one signature document, linked by `signs` to the set, signing every other
    document of it (§3.0: the DMP refuses an unsigned feed)."""
    signatures = [entry for entry in checked if entry.code("classCode") == SIGNATURE_CLASS]
    if len(signatures) != 1:
        return [(codes.SIGNATURE_INVALIDE, f"lot de soumission non signé ({len(signatures)} signature(s))")]
    signature_id = signatures[0].element.get("id", "")
    if not any(
        a.get("associationType") == c.ASSOC_SIGNS
        and a.get("sourceObject") == signature_id
        and a.get("targetObject") == package_id
        for a in associations
    ):
        return [(codes.SIGNATURE_INVALIDE, "association signs du document de signature vers le lot absente")]
    data = contents.get(signature_id)
    signed = {entry.unique_id: contents.get(entry.element.get("id", "")) for entry in checked}
    del signed[signatures[0].unique_id]
    if data is None or any(content is None for content in signed.values()):
        return []  # a missing document is already an XDSMissingDocument
    try:
        check_submission_signature(
            data, {key: value for key, value in signed.items() if value is not None}, pki,
            structure_id=caller.structure_id,
        )
    except SignatureRefused as refusal:
        return [(refusal.code, f"signature du lot : {refusal}")]
    return []


def _new_entry(
    checked: CheckedEntry,
    *,
    lid: str,
    version: int,
    caller: Caller,
    repository_id: str,
    digest: str,
    size: int,
) -> Entry:
    return Entry(
        entry_uuid=checked.element.get("id", ""),
        lid=lid,
        version=version,
        unique_id=checked.unique_id,
        ins=checked.patient.ins,
        oid=checked.patient.oid,
        status=c.STATUS_APPROVED,
        class_code=checked.code("classCode"),
        type_code=checked.code("typeCode"),
        format_code=checked.code("formatCode"),
        healthcare=checked.code("healthcareFacilityTypeCode"),
        practice=checked.code("practiceSettingCode"),
        confidentiality=SEPARATOR.join(checked.codes["confidentialityCode"]),
        creation_time=checked.creation_time,
        service_start=checked.service_start,
        submitter=caller.practitioner_id,
        repository_id=repository_id,
        hash=digest,
        size=size,
        xml=etree.tostring(checked.element),
    )


def provide_and_register(
    store: Store,
    caller: Caller,
    request: etree._Element,
    documents: dict[str, bytes | None],
    repository_id: str,
    pki: Pki,
) -> None:
    """Check and register an ITI-41 request; raises `Refused` (nothing written) or `Fault`.

    Args:
        documents: each `xdsb:Document` id → its bytes (None when its XOP part is missing).
    """
    if request.tag != f"{{{c.XDSB}}}ProvideAndRegisterDocumentSetRequest":
        raise refused(codes.METADATA_ERROR, "ProvideAndRegisterDocumentSetRequest attendu")
    objects = request.find(f"{{{c.LCM}}}SubmitObjectsRequest/{rim('RegistryObjectList')}")
    if objects is None:
        raise refused(codes.METADATA_ERROR, "RegistryObjectList absent")
    mapping = resolve_symbolic_ids(objects)
    contents = {mapping.get(key, key): value for key, value in documents.items()}

    package = submission_set(objects)
    patient = submission_patient(package)
    require_access(store, caller, patient)
    package_id = package.get("id", "")
    errors: list[tuple[str, str]] = []
    checked = [
        found
        for found in (check_entry(element, errors) for element in objects.iterfind(rim("ExtrinsicObject")))
        if found is not None
    ]
    if errors:
        raise Refused(errors)
    associations = objects.findall(rim("Association"))
    members = {
        a.get("targetObject")
        for a in associations
        if a.get("associationType") == c.ASSOC_HAS_MEMBER and has_member_ok(a, package_id)
    }

    to_store: list[tuple[CheckedEntry, bytes, str]] = []
    for entry in checked:
        entry_id = entry.element.get("id", "")
        data = contents.get(entry_id)
        if entry.patient != patient:
            errors.append((codes.PATIENT_MISMATCH, f"{entry_id} : patientId différent de celui du lot"))
        if entry_id not in members:
            errors.append(
                (codes.METADATA_ERROR, f"{entry_id} : association HasMember avec SubmissionSetStatus absente")
            )
        if data is None:
            errors.append((codes.MISSING_DOCUMENT, f"{entry_id} : contenu du document absent"))
            continue
        digest = hashlib.sha1(data).hexdigest()  # noqa: S324 - XDS hash is SHA-1
        declared_hash, declared_size = slot(entry.element, "hash"), slot(entry.element, "size")
        if declared_hash and declared_hash.lower() != digest:
            errors.append((codes.NON_IDENTICAL_HASH, f"{entry_id} : hash {declared_hash} ≠ {digest}"))
        if declared_size and declared_size != str(len(data)):
            errors.append((codes.NON_IDENTICAL_SIZE, f"{entry_id} : size {declared_size} ≠ {len(data)}"))
        existing = store.entries_by_unique_id(entry.unique_id)
        if existing:
            same = (
                existing[0].hash == digest and PatientRef(existing[0].ins, existing[0].oid) == entry.patient
            )
            if not same:
                errors.append((codes.DUPLICATE_UNIQUE_ID, f"uniqueId {entry.unique_id} déjà enregistré"))
            continue  # identical re-send: idempotent, nothing new to store
        if store.entry(entry_id) is not None:
            errors.append((codes.METADATA_ERROR, f"{entry_id} : entryUUID déjà utilisé par une autre fiche"))
        to_store.append((entry, data, digest))
    for entry_id in set(contents) - {entry.element.get("id") for entry in checked}:
        errors.append((codes.MISSING_METADATA, f"document {entry_id} sans fiche de métadonnées"))
    errors += check_signature(checked, associations, package_id, contents, pki, caller)

    new_ids = {entry.element.get("id") for entry, _, _ in to_store}
    replaced: list[str] = []
    kept_associations: list[etree._Element] = []
    for association in associations:
        kind, source, target = (
            association.get(name, "") for name in ("associationType", "sourceObject", "targetObject")
        )
        if kind == c.ASSOC_HAS_MEMBER:
            if source == package_id and target in new_ids:
                kept_associations.append(association)
        elif kind == c.ASSOC_RPLC:
            if source in new_ids:
                errors += _replacement_errors(store, target, patient)
                replaced.append(target)
                kept_associations.append(association)
        elif kind == c.ASSOC_SIGNS:
            if target != package_id:
                errors.append((codes.METADATA_ERROR, "l'association signs doit viser le lot de soumission"))
            elif source in new_ids:
                kept_associations.append(association)
        else:
            errors.append((codes.METADATA_ERROR, f"type d'association non pris en charge : {kind}"))
    if errors:
        raise Refused(errors)

    unique_id = external_id(package, c.SS_UNIQUE_ID) or ""
    if store.submission_set(unique_id) is None:
        store.add_submission_set(package_id, unique_id, patient.ins, etree.tostring(package))
    for entry, data, digest in to_store:
        set_slot(entry.element, "repositoryUniqueId", repository_id)
        set_slot(entry.element, "hash", digest)
        set_slot(entry.element, "size", str(len(data)))
        store.add_entry(
            _new_entry(
                entry,
                lid=entry.element.get("id", ""),
                version=1,
                caller=caller,
                repository_id=repository_id,
                digest=digest,
                size=len(data),
            )
        )
        store.put_content(entry.unique_id, data)
    store_associations(store, kept_associations)
    for target in replaced:
        store.set_status(target, c.STATUS_DEPRECATED)


def store_associations(store: Store, associations: Iterable[etree._Element]) -> None:
    """Record accepted associations as received (an ITI-18 GetAssociations returns them as they were)."""
    for association in associations:
        store.add_association(
            Association(
                entry_uuid=association.get("id", ""),
                type=association.get("associationType", ""),
                source=association.get("sourceObject", ""),
                target=association.get("targetObject", ""),
                xml=etree.tostring(association),
            )
        )


def _replacement_errors(store: Store, target: str, patient: PatientRef) -> list[tuple[str, str]]:
    """RPLC target: must exist (UnresolvedReferenceException), be Approved and be the same patient's."""
    old = store.entry(target)
    if old is None:
        return [(codes.UNRESOLVED_REFERENCE, f"fiche à remplacer {target} inconnue")]
    if old.status != c.STATUS_APPROVED:
        return [(codes.METADATA_UPDATE_ERROR, f"fiche à remplacer {target} au statut {old.status}")]
    if PatientRef(old.ins, old.oid) != patient:
        return [(codes.PATIENT_MISMATCH, f"fiche à remplacer {target} d'un autre patient")]
    return []
