"""ITI-57 Update Document Set (PROTOCOLS §3.4): a new metadata version (masking / visibility) and
availability changes (deletion: `urn:asip:ci-sis:2010:StatusType:Deleted`; archiving, assumed).

Only the professional who registered an entry may update or delete it (sandbox rule,
`XDSMetadataUpdateError`).
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from services.dmp import constants as c
from services.sandbox.dmp import codes
from services.sandbox.dmp.access import require_access
from services.sandbox.dmp.codes import Refused, refused
from services.sandbox.dmp.ebrim import external_id, resolve_symbolic_ids, rim, set_slot, slot
from services.sandbox.dmp.patients import PatientRef
from services.sandbox.dmp.store import SEPARATOR, Entry, Store
from services.sandbox.dmp.submission import check_entry, store_associations, submission_patient, submission_set
from services.sandbox.dmp.vihf_check import Caller

NEW_STATUSES = frozenset({c.STATUS_DELETED, c.STATUS_ARCHIVED})

Errors = list[tuple[str, str]]
Action = Callable[[], None]


def _current(store: Store, reference: str) -> Entry | None:
    """The entry an ITI-57 reference names: an entryUUID, or a lid (then its latest version)."""
    entry = store.entry(reference)
    if entry is not None:
        return entry
    versions = store.entries_by_lid(reference)
    return max(versions, key=lambda found: found.version) if versions else None


def _owned(entry: Entry, caller: Caller, errors: Errors) -> bool:
    if entry.submitter != caller.practitioner_id:
        errors.append((codes.METADATA_UPDATE_ERROR, f"{entry.entry_uuid} : seul son auteur peut le modifier"))
        return False
    return True


def _new_version(
    store: Store,
    caller: Caller,
    extrinsic: etree._Element,
    members: dict[str, etree._Element],
    patient: PatientRef,
    errors: Errors,
) -> Action | None:
    checked = check_entry(extrinsic, errors)
    version_id = extrinsic.get("id", "")
    lid = extrinsic.get("lid", "")
    member = members.get(version_id)
    previous = slot(member, "PreviousVersion") if member is not None else ""
    if checked is None:
        return None
    if not lid or not previous:
        errors.append((codes.METADATA_ERROR, f"{version_id} : lid ou PreviousVersion absent"))
        return None
    versions = store.entries_by_lid(lid)
    if not versions:
        errors.append((codes.UNRESOLVED_REFERENCE, f"fiche {lid} inconnue"))
        return None
    current = max(versions, key=lambda found: found.version)
    if current.status != c.STATUS_APPROVED:
        errors.append((codes.METADATA_UPDATE_ERROR, f"{lid} au statut {current.status}"))
    elif previous != str(current.version):
        errors.append(
            (codes.METADATA_VERSION_ERROR, f"{lid} : version {previous} ≠ version courante {current.version}")
        )
    elif (
        checked.unique_id != current.unique_id
        or checked.patient != PatientRef(current.ins, current.oid)
        or checked.patient != patient
    ):
        errors.append((codes.METADATA_UPDATE_ERROR, f"{lid} : uniqueId ou patient modifié"))
    elif _owned(current, caller, errors):
        for name, value in (
            ("repositoryUniqueId", current.repository_id),
            ("hash", current.hash),
            ("size", str(current.size)),
        ):
            set_slot(extrinsic, name, value)
        updated = Entry(
            **{
                **current.__dict__,
                "entry_uuid": version_id,
                "version": current.version + 1,
                "confidentiality": SEPARATOR.join(checked.codes["confidentialityCode"]),
                "xml": etree.tostring(extrinsic),
                "seq": 0,
            }
        )

        def apply() -> None:
            store.set_status(current.entry_uuid, c.STATUS_DEPRECATED)
            store.add_entry(updated)

        return apply
    return None


def _status_change(
    store: Store, caller: Caller, association: etree._Element, patient: PatientRef, errors: Errors
) -> Action | None:
    target = association.get("targetObject", "")
    entry = _current(store, target)
    original, new = slot(association, "OriginalStatus"), slot(association, "NewStatus")
    if entry is None:
        errors.append((codes.UNRESOLVED_REFERENCE, f"fiche {target} inconnue"))
    elif PatientRef(entry.ins, entry.oid) != patient:
        errors.append((codes.PATIENT_MISMATCH, f"fiche {target} d'un autre patient"))
    elif entry.status != original:
        errors.append((codes.METADATA_UPDATE_ERROR, f"{target} : statut {entry.status}, pas {original}"))
    elif new not in NEW_STATUSES:
        errors.append((codes.METADATA_UPDATE_ERROR, f"nouveau statut {new!r} refusé"))
    elif _owned(entry, caller, errors):
        return lambda: store.set_status(entry.entry_uuid, new)
    return None


def update_document_set(store: Store, caller: Caller, request: etree._Element) -> None:
    """Check and apply an ITI-57 request; raises `Refused` (nothing written) or `Fault`."""
    if request.tag != f"{{{c.LCM}}}SubmitObjectsRequest":
        raise refused(codes.METADATA_ERROR, "SubmitObjectsRequest attendu")
    objects = request.find(rim("RegistryObjectList"))
    if objects is None:
        raise refused(codes.METADATA_ERROR, "RegistryObjectList absent")
    resolve_symbolic_ids(objects)
    package = submission_set(objects)
    patient = submission_patient(package)
    require_access(store, caller, patient)
    package_id = package.get("id", "")
    unique_id = external_id(package, c.SS_UNIQUE_ID) or ""
    if store.submission_set(unique_id) is not None:
        raise refused(codes.METADATA_ERROR, f"lot de soumission {unique_id} déjà reçu")
    associations = objects.findall(rim("Association"))
    members = {
        a.get("targetObject", ""): a
        for a in associations
        if a.get("associationType") == c.ASSOC_HAS_MEMBER and a.get("sourceObject") == package_id
    }
    errors: Errors = []
    actions: list[Action | None] = []
    for extrinsic in objects.iterfind(rim("ExtrinsicObject")):
        actions.append(_new_version(store, caller, extrinsic, members, patient, errors))
    for association in associations:
        kind = association.get("associationType")
        if kind == c.ASSOC_UPDATE_AVAILABILITY:
            if association.get("sourceObject") != package_id or association.get("id") not in members:
                errors.append((codes.METADATA_ERROR, "UpdateAvailabilityStatus hors du lot de soumission"))
                continue
            actions.append(_status_change(store, caller, association, patient, errors))
        elif kind != c.ASSOC_HAS_MEMBER:
            errors.append((codes.METADATA_ERROR, f"type d'association non pris en charge : {kind}"))
    if not actions and not errors:
        errors.append((codes.METADATA_ERROR, "aucune mise à jour dans la requête"))
    if errors:
        raise Refused(errors)
    for action in actions:
        if action is not None:
            action()
    store.add_submission_set(package_id, unique_id, patient.ins, etree.tostring(package))
    store_associations(store, associations)
