"""Globally unique identifiers for documents, without an OID registration.

A `2.25.<UUID as integer>` OID (ITU-T X.667) is unique for ever by construction and at most 44
characters, well within the 64 characters an XDS uniqueId allows. The cabinet's root for local ids
(patients) is a name-based UUID of its national structure id, so it is stable across workstations.
"""

from __future__ import annotations

import uuid

from lgc_app.documents.cda.parties import Identifier

_NAMESPACE = uuid.UUID("6f1e3f2c-5b7a-4c1e-9d0b-2f4a8c7e1a53")  # this software's namespace for uuid5


def new_document_oid() -> str:
    return f"2.25.{uuid.uuid4().int}"


def cabinet_root(structure_id: str) -> str:
    return f"2.25.{uuid.uuid5(_NAMESPACE, structure_id).int}"


def local_patient_id(structure_id: str, patient_id: int) -> Identifier:
    """The patient's id in this cabinet (IPP), under the cabinet's root."""
    return Identifier(f"{cabinet_root(structure_id)}.1", str(patient_id))
