"""Starlette app of the DMP simulator: the four SOAP services of §3.1 and the sandbox control routes.

Control routes (JSON, on the same mutual-TLS listener; helpers in `control.py`):

- `POST /_sandbox/patients` — register or replace a patient: `{"ins", "oid"?, "family_name", "given_name",
  "birth_date", "sex", "dmp": "open"|"closed", "opposition": bool, "authorize_all": bool}`;
- `GET /_sandbox/patients/{ins}` — its state, its documents' count and statuses, and its signatures' count;
- `POST /_sandbox/patients/{ins}/documents` — a document "from another professional" (`ForeignDocument`
  fields; `content` as text or `content_base64`, or neither for a CDA consultation report); answers
  `{"entry_uuid", "unique_id", "repository_id"}`.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from datetime import datetime

from cryptography import x509
from lxml import etree
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request as HttpRequest
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from services.dmp import constants as c
from services.sandbox.ca import Pki
from services.sandbox.connection import peer_certificate
from services.sandbox.dmp import access, codes, queries, submission, updates, wire
from services.sandbox.dmp.codes import Fault, Refused
from services.sandbox.dmp.ebrim import NSMAP, query_response, registry_response
from services.sandbox.dmp.foreign import ForeignDocument, add_foreign_document
from services.sandbox.dmp.patients import POPULATION, SEED_FOREIGN_DOCUMENT_PATIENT, SEED_OID, PatientRef
from services.sandbox.dmp.store import Patient, Store
from services.sandbox.dmp.vihf_check import Caller, CheckedAssertions, check_vihf
from services.sandbox.faults import soap_fault_requested

# The repository's uniqueId (sandbox value; the real DMP's is configuration of the DMP, not public).
REPOSITORY_ID = "1.2.250.1.213.4.1.1.1"

Answer = tuple[str, bytes]  # (Content-Type, body)
Handler = Callable[[Caller, wire.Request], Answer]


class DmpSimulator:
    def __init__(self, store: Store, pki: Pki) -> None:
        self.store = store
        self.pki = pki
        self.checked = CheckedAssertions()

    # --- SOAP services ---------------------------------------------------------------------------------
    def _soap(self, request: wire.Request, payload: etree._Element) -> Answer:
        return (
            f'{wire.SOAP_MEDIA_TYPE}; charset=UTF-8; action="{request.action}{c.RESPONSE_SUFFIX}"',
            wire.envelope(request.action, request.message_id, payload),
        )

    def td02(self, caller: Caller, request: wire.Request) -> Answer:
        with self.store.transaction():
            return self._soap(request, access.existence_test(self.store, caller, request.payload))

    def td04(self, caller: Caller, request: wire.Request) -> Answer:
        with self.store.transaction():
            return self._soap(request, access.set_authorization(self.store, caller, request.payload))

    def iti41(self, caller: Caller, request: wire.Request) -> Answer:
        documents = {
            element.get("id", ""): request.document_bytes(element)
            for element in request.payload.iterfind(f"{{{c.XDSB}}}Document")
        }
        try:
            with self.store.transaction():
                submission.provide_and_register(
                    self.store, caller, request.payload, documents, REPOSITORY_ID, self.pki
                )
        except Refused as refusal:
            return self._soap(request, registry_response(refusal.errors))
        return self._soap(request, registry_response())

    def iti57(self, caller: Caller, request: wire.Request) -> Answer:
        try:
            with self.store.transaction():
                updates.update_document_set(self.store, caller, request.payload)
        except Refused as refusal:
            return self._soap(request, registry_response(refusal.errors))
        return self._soap(request, registry_response())

    def iti18(self, caller: Caller, request: wire.Request) -> Answer:
        try:
            with self.store.transaction():
                answer = queries.stored_query(self.store, caller, request.payload)
        except Refused as refusal:
            answer = query_response([], refusal.errors)
        return self._soap(request, answer)

    def iti43(self, caller: Caller, request: wire.Request) -> Answer:
        """ITI-43 answers MTOM: each document is a MIME part referenced by xop:Include."""
        try:
            with self.store.transaction():
                found, errors = queries.retrieve(self.store, caller, request.payload, REPOSITORY_ID)
        except Refused as refusal:
            found, errors = [], refusal.errors
        response = etree.Element(f"{{{c.XDSB}}}RetrieveDocumentSetResponse", nsmap={**NSMAP, "xop": c.XOP})
        status = registry_response(errors)
        if found and errors:
            status.set("status", c.RESPONSE_PARTIAL)
        response.append(status)
        parts = {}
        for index, document in enumerate(found):
            content_id = f"document{index}.{document.unique_id}@sandbox.dmp"
            holder = etree.SubElement(response, f"{{{c.XDSB}}}DocumentResponse")
            etree.SubElement(holder, f"{{{c.XDSB}}}RepositoryUniqueId").text = document.repository_id
            etree.SubElement(holder, f"{{{c.XDSB}}}DocumentUniqueId").text = document.unique_id
            etree.SubElement(holder, f"{{{c.XDSB}}}mimeType").text = document.mime_type
            etree.SubElement(
                etree.SubElement(holder, f"{{{c.XDSB}}}Document"),
                f"{{{c.XOP}}}Include",
                href=f"cid:{content_id}",
            )
            parts[content_id] = document.content
        return wire.multipart(
            wire.envelope(request.action, request.message_id, response), parts, request.action
        )

    def handle(
        self,
        handlers: dict[str, Handler],
        content_type: str,
        body: bytes,
        *,
        peer: x509.Certificate | None,
        inject_fault: bool,
    ) -> Response:
        try:
            if peer is None:
                raise Fault(codes.TLS_REQUIRED, "authentification TLS mutuelle requise")
            request = wire.read_request(content_type, body)
            handler = handlers.get(request.action)
            if handler is None:
                raise Fault(codes.MALFORMED, f"wsa:Action {request.action!r} inconnue sur ce service")
            if inject_fault:
                raise Fault(
                    codes.SERVICE_INDISPONIBLE,
                    "service temporairement indisponible (panne simulée)",
                    receiver=True,
                )
            caller = check_vihf(request.header, self.pki, tls=peer, checked=self.checked)
            media_type, data = handler(caller, request)
        except Fault as fault:
            return Response(
                wire.fault(fault.subcode, fault.text, receiver=fault.receiver),
                status_code=500 if fault.receiver else 400,
                media_type=f"{wire.SOAP_MEDIA_TYPE}; charset=UTF-8",
            )
        return Response(data, media_type=media_type)

    # --- control routes --------------------------------------------------------------------------------
    def save_patient(self, data: dict[str, object]) -> Patient:
        patient = Patient(
            ins=str(data["ins"]),
            oid=str(data.get("oid", SEED_OID)),
            family_name=str(data.get("family_name", "PATIENT")),
            given_name=str(data.get("given_name", "TEST")),
            birth_date=str(data.get("birth_date", "1970-01-01")),
            sex=str(data.get("sex", "F")),
            dmp=str(data.get("dmp", "open")),
            opposition=bool(data.get("opposition", False)),
            authorize_all=bool(data.get("authorize_all", True)),
        )
        if not PatientRef(patient.ins, patient.oid).qualified:
            raise ValueError(f"INS {patient.ins} (OID {patient.oid}) non qualifié : clé ou OID invalide")
        if patient.dmp not in ("open", "closed"):
            raise ValueError("dmp doit valoir open ou closed")
        with self.store.transaction():
            self.store.save_patient(patient)
        return patient

    def foreign_document(self, ins: str, data: dict[str, object]) -> dict[str, str]:
        fields = {
            key: value
            for key, value in data.items()
            if key in ForeignDocument.__dataclass_fields__ and key not in ("content", "creation_time")
        }
        if "confidentiality" in fields:
            fields["confidentiality"] = tuple(fields["confidentiality"])  # type: ignore[arg-type]
        if "content_base64" in data:
            fields["content"] = base64.b64decode(str(data["content_base64"]), validate=True)
        elif "content" in data:
            fields["content"] = str(data["content"]).encode("utf-8")
        if "creation_time" in data:
            fields["creation_time"] = datetime.fromisoformat(str(data["creation_time"]))
        document = ForeignDocument(**fields)  # type: ignore[arg-type]
        problems = document.problems()
        if problems:
            raise ValueError("; ".join(problems))
        with self.store.transaction():
            patient = self.store.patient(ins, str(data.get("oid", SEED_OID)))
            if patient is None:
                raise LookupError(f"patient {ins} sans DMP")
            entry = add_foreign_document(self.store, patient, document, REPOSITORY_ID)
        return {"entry_uuid": entry.entry_uuid, "unique_id": entry.unique_id, "repository_id": REPOSITORY_ID}

    def seed(self) -> None:
        """First start: the test population and one document from another professional (demo)."""
        with self.store.transaction():
            if not self.store.is_empty():
                return
            for seed in POPULATION:
                self.store.save_patient(
                    Patient(
                        ins=seed.ins,
                        oid=SEED_OID,
                        family_name=seed.family_name,
                        given_name=seed.given_name,
                        birth_date=seed.birth_date,
                        sex=seed.sex,
                        dmp=seed.dmp,
                        opposition=seed.opposition,
                        authorize_all=seed.authorize_all,
                    )
                )
            patient = self.store.patient(SEED_FOREIGN_DOCUMENT_PATIENT, SEED_OID)
            assert patient is not None
            add_foreign_document(self.store, patient, ForeignDocument(), REPOSITORY_ID)


def build_app(simulator: DmpSimulator) -> Starlette:
    services: dict[str, dict[str, Handler]] = {
        c.PATH_PATIENTS: {c.ACTION_TD02: simulator.td02},
        c.PATH_HABILITATIONS: {c.ACTION_SET_AUTHORIZATION: simulator.td04},
        c.PATH_REGISTRY: {c.ACTION_ITI18: simulator.iti18, c.ACTION_ITI57: simulator.iti57},
        c.PATH_REPOSITORY: {c.ACTION_ITI41: simulator.iti41, c.ACTION_ITI43: simulator.iti43},
    }

    def endpoint(handlers: dict[str, Handler]) -> Callable[[HttpRequest], object]:
        async def soap(request: HttpRequest) -> Response:
            body = await request.body()
            # Parsing, signature checks and SQLite work leave the server's event loop free.
            return await run_in_threadpool(
                simulator.handle,
                handlers,
                request.headers.get("content-type", ""),
                body,
                peer=peer_certificate(request),
                inject_fault=soap_fault_requested(request),
            )

        return soap

    async def post_patient(request: HttpRequest) -> Response:
        try:
            patient = await run_in_threadpool(simulator.save_patient, json.loads(await request.body()))
        except (ValueError, KeyError, TypeError) as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse(patient.__dict__, status_code=201)

    async def get_patient(request: HttpRequest) -> Response:
        ins = request.path_params["ins"]
        oid = request.query_params.get("oid", SEED_OID)
        patient = simulator.store.patient(ins, oid)
        if patient is None:
            return JSONResponse({"error": f"patient {ins} inconnu"}, status_code=404)
        entries = simulator.store.entries_of(ins, oid)
        # The submission sets' signatures are counted apart: tests and demos look at the patient's documents.
        documents = [entry for entry in entries if entry.class_code != submission.SIGNATURE_CLASS]
        return JSONResponse(
            {
                **patient.__dict__,
                "entries": len(documents),
                "signatures": len(entries) - len(documents),
                "statuses": {entry.entry_uuid: entry.status for entry in documents},
            }
        )

    async def post_document(request: HttpRequest) -> Response:
        try:
            created = await run_in_threadpool(
                simulator.foreign_document, request.path_params["ins"], json.loads(await request.body())
            )
        except LookupError as exc:
            return JSONResponse({"error": str(exc)}, status_code=404)
        except (ValueError, TypeError, binascii.Error) as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse(created, status_code=201)

    routes = [Route(path, endpoint(handlers), methods=["POST"]) for path, handlers in services.items()]
    routes += [
        Route("/_sandbox/patients", post_patient, methods=["POST"]),
        Route("/_sandbox/patients/{ins}", get_patient, methods=["GET"]),
        Route("/_sandbox/patients/{ins}/documents", post_document, methods=["POST"]),
    ]
    return Starlette(routes=routes)
