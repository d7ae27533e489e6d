"""Python side of the DMP simulator's control routes, for tests, benchmarks and the demo data set.

`http` is an `httpx.AsyncClient` able to reach the mutual-TLS listener (the LGC's own DMP client will do);
`dmp_url` is the manifest's `urls["dmp"]`.
"""

from __future__ import annotations

import base64
from typing import Any

import httpx

from services.dmp.constants import OID_INS_NIR_TEST


class ControlError(RuntimeError):
    """The simulator refused a control request (message in French)."""


async def _post(http: httpx.AsyncClient, url: str, payload: dict[str, Any]) -> dict[str, Any]:
    response = await http.post(url, json=payload)
    if response.status_code >= 400:
        raise ControlError(f"sandbox DMP : {response.json().get('error', response.text)}")
    answer: dict[str, Any] = response.json()
    return answer


async def register_patient(
    http: httpx.AsyncClient,
    dmp_url: str,
    ins: str,
    *,
    oid: str = OID_INS_NIR_TEST,
    family_name: str = "PATIENT",
    given_name: str = "TEST",
    birth_date: str = "1970-01-01",
    sex: str = "F",
    dmp: str = "open",
    opposition: bool = False,
    authorize_all: bool = True,
) -> dict[str, Any]:
    """Give a patient a DMP (`dmp="closed"`: a closed one; `authorize_all=False`: TD0.4 needed first)."""
    return await _post(
        http,
        f"{dmp_url}/_sandbox/patients",
        {
            "ins": ins,
            "oid": oid,
            "family_name": family_name,
            "given_name": given_name,
            "birth_date": birth_date,
            "sex": sex,
            "dmp": dmp,
            "opposition": opposition,
            "authorize_all": authorize_all,
        },
    )


async def add_foreign_document(
    http: httpx.AsyncClient,
    dmp_url: str,
    ins: str,
    *,
    content: bytes | None = None,
    oid: str = OID_INS_NIR_TEST,
    **metadata: Any,
) -> dict[str, str]:
    """Put a document "from another professional" in the patient's DMP.

    Without `content`, the simulator writes a CDA R2 consultation report naming the patient's INS (text/xml).
    `metadata` may set `title`, `mime_type`, `class_code`, `type_code`, `format_code` (`code^scheme`),
    `confidentiality` (list of `code^scheme`), `author_id`, `author_name` (`FAMILY^Given`),
    `creation_time` (ISO 8601). Returns `entry_uuid`, `unique_id` and `repository_id`.
    """
    payload = {**metadata, "oid": oid}
    if content is not None:
        payload["content_base64"] = base64.b64encode(content).decode("ascii")
    return await _post(http, f"{dmp_url}/_sandbox/patients/{ins}/documents", payload)


async def patient_state(
    http: httpx.AsyncClient, dmp_url: str, ins: str, *, oid: str = OID_INS_NIR_TEST
) -> dict[str, Any]:
    """The patient's DMP state and the status of each of its entries."""
    response = await http.get(f"{dmp_url}/_sandbox/patients/{ins}", params={"oid": oid})
    if response.status_code >= 400:
        raise ControlError(f"sandbox DMP : {response.json().get('error', response.text)}")
    answer: dict[str, Any] = response.json()
    return answer
