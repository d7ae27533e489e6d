"""DMP client: TD0.2, TD0.4, ITI-41, ITI-18, ITI-43 and ITI-57 over SOAP 1.2 + MTOM (PROTOCOLS §3).

Every call carries a VIHF signed for its patient. Building and signing XML, and parsing answers, run in a
worker thread: the caller's event loop only awaits the network (ARCHITECTURE "the event loop is sacred"),
unless that loop is a worker's own (`inline_cpu`): there a thread would only add a hop per step, since the
GIL lets one of them run at a time anyway.
Failures raise `DmpError`; its `transient` flag tells the outbox whether a retry may succeed.
"""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import functools
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ParamSpec, TypeVar

import httpx
from lxml import etree

from services.dmp import access, dsg, errors, metadata, mtom, query, results
from services.dmp import constants as c
from services.dmp.errors import DmpError
from services.dmp.models import (
    AssociationInfo,
    Author,
    Code,
    DmpStatus,
    DocumentEntryInfo,
    DocumentQuery,
    PatientId,
    RegistryErrorInfo,
    RegistryResult,
    RetrievedDocument,
    Submission,
)
from services.dmp.soap import (
    SOAP_CONTENT_TYPE,
    SoapFault,
    SoapResponseError,
    build_envelope,
    read_body,
    serialize,
)
from services.dmp.vihf import AssertionCache, VihfContext, VihfSigner
from services.transport import ResponseTooLargeError, TransportErrorCode, classify, post_capped

log = logging.getLogger("lgc.services.dmp")

# Registry answers that a later retry may turn into a success (IHE "busy" and general failures).
TRANSIENT_CODES = frozenset(
    {"XDSRegistryBusy", "XDSRepositoryBusy", "XDSRegistryError", "XDSRepositoryError"}
)
# Largest answer read: an ITI-43 document (CDA up to services.xml.MAX_XML_BYTES, base64 or MTOM) and its envelope.
MAX_RESPONSE_BYTES = 64 * 1024 * 1024

P = ParamSpec("P")
T = TypeVar("T")


@dataclass(frozen=True)
class DmpExchange:
    """One request/answer pair, for the outbox trace (the VIHF is signed, not secret)."""

    action: str
    url: str
    request_content_type: str
    request_body: bytes
    status_code: int | None
    response_content_type: str
    response_body: bytes


@dataclass(frozen=True)
class _Answer:
    payload: etree._Element
    parts: mtom.MultipartMessage | None


class DmpClient:
    """Talks to one DMP endpoint (`…/si-dmp-server/v2/services`) on behalf of one professional.

    Args:
        http: a long-lived `httpx.AsyncClient` with the mutual-TLS material (`services.transport`).
        base_url: the services base URL, without trailing slash.
        vihf: signs the VIHF of each call.
        context: the professional, structure and software the VIHF describes.
        source_id: OID of this software installation (TD0.2 sender, submission-set sourceId of updates).
        trace: called with every exchange (request and answer bytes), e.g. to keep the outbox trace.
        max_response_bytes: answers longer than this are not read further (`DmpError` BAD_RESPONSE).
        assertions: signed VIHFs to reuse (shared by the clients of one connection); None: one per call.
        inline_cpu: build, sign and parse on the calling loop (a worker's own loop), not in a thread.
    """

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        base_url: str,
        vihf: VihfSigner,
        context: VihfContext,
        source_id: str,
        trace: Callable[[DmpExchange], None] | None = None,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
        assertions: AssertionCache | None = None,
        inline_cpu: bool = False,
    ) -> None:
        self._http = http
        self._assertions = assertions
        self._inline_cpu = inline_cpu
        self._max_response_bytes = max_response_bytes
        self._base_url = base_url.rstrip("/")
        self._vihf = vihf
        self.context = context
        self._source_id = source_id
        self._trace = trace

    async def aclose(self) -> None:
        """Close the HTTP client given at construction: only for a client that owns it (the GUI's
        consultation client); the clients of one connection share its HTTP client, closed with it."""
        await self._http.aclose()

    def with_context(self, context: VihfContext) -> DmpClient:
        """The same connection, on behalf of another professional."""
        return DmpClient(
            self._http,
            base_url=self._base_url,
            vihf=self._vihf,
            context=context,
            source_id=self._source_id,
            trace=self._trace,
            max_response_bytes=self._max_response_bytes,
            assertions=self._assertions,
            inline_cpu=self._inline_cpu,
        )

    # --- TD0.x -----------------------------------------------------------------------------------------
    async def test_dmp(self, patient: PatientId) -> DmpStatus:
        """TD0.2: does the patient have an open DMP that this professional may access?"""
        answer = await self._call(
            c.PATH_PATIENTS,
            c.ACTION_TD02,
            patient,
            lambda: access.existence_test(patient, sender_id=self._source_id),
        )
        try:
            return access.existence_status(answer.payload)
        except ValueError as exc:
            raise DmpError(errors.BAD_RESPONSE, transient=False, detail=str(exc)) from None

    async def set_authorization(
        self, patient: PatientId, *, granted: bool = True, treating_doctor: bool = False
    ) -> None:
        """TD0.4: record (or remove) the patient's authorisation for this professional (as médecin traitant
        when `treating_doctor`). The patient is the VIHF's `resource-id` (§3.0)."""
        action = c.AUTHORIZATION_ADD if granted else c.AUTHORIZATION_REMOVE
        role = c.ROLE_TREATING_DOCTOR if treating_doctor else ""
        answer = await self._call(
            c.PATH_HABILITATIONS,
            c.ACTION_SET_AUTHORIZATION,
            patient,
            lambda: access.set_authorization(action, role=role),
        )
        try:
            status = access.authorization_status(answer.payload)
        except ValueError as exc:
            raise DmpError(errors.BAD_RESPONSE, transient=False, detail=str(exc)) from None
        if status != "OK":
            raise DmpError(
                status or errors.BAD_RESPONSE, transient=False, detail=f"setAuthorization {status}"
            )

    # --- ITI-41 ----------------------------------------------------------------------------------------
    async def provide_and_register(self, submission: Submission) -> RegistryResult:
        """ITI-41 with MTOM/XOP: register the submission set, signed, and store its documents.

        `RegistryResult.entry_uuids` are those of `submission.documents` (not of the signature document)."""
        # The DMP refuses an unsigned set (§3.0): sign it here, in a thread (CPU work), unless a signature
        # made elsewhere (CPS middleware) came with it.
        if submission.signature:
            signature = submission.signature
        else:
            signature = await self._cpu(dsg.sign_documents, submission.documents, self._vihf.key)
        documents = submission.documents
        submission = dataclasses.replace(
            submission, documents=[*documents, metadata.signature_entry(submission, signature)]
        )
        content_ids = {entry.entry_uuid: mtom.new_content_id() for entry in submission.documents}
        attachments = {content_ids[entry.entry_uuid]: entry.content for entry in submission.documents}
        answer = await self._call(
            c.PATH_REPOSITORY,
            c.ACTION_ITI41,
            submission.patient,
            lambda: metadata.provide_and_register(submission, content_ids),
            attachments=attachments,
        )
        status, warnings = self._registry_outcome(answer.payload, f"{{{c.RS}}}RegistryResponse")
        return RegistryResult(
            status=status,
            warnings=warnings,
            entry_uuids=tuple(entry.entry_uuid for entry in documents),
        )

    # --- ITI-18 ----------------------------------------------------------------------------------------
    async def find_documents(self, patient: PatientId, filters: DocumentQuery | None = None) -> list[DocumentEntryInfo]:
        """ITI-18 FindDocuments (LeafClass): the patient's document entries matching every filter given
        (by default, the approved ones)."""
        filters = filters or DocumentQuery()
        answer = await self._call(c.PATH_REGISTRY, c.ACTION_ITI18, patient,
                                  lambda: query.find_documents(patient, filters))
        # The signatures of submission sets (IHE DSG) are the registry's proof, not documents of the patient.
        return [entry for entry in (await self._leaf_objects(answer))[0] if not _is_signature(entry)]

    async def get_documents(
        self, patient: PatientId, *, entry_uuids: Sequence[str] = (), unique_ids: Sequence[str] = ()
    ) -> list[DocumentEntryInfo]:
        """ITI-18 GetDocuments by entryUUIDs or by uniqueIds (one of the two)."""
        answer = await self._call(
            c.PATH_REGISTRY,
            c.ACTION_ITI18,
            patient,
            lambda: query.get_documents(entry_uuids=entry_uuids, unique_ids=unique_ids),
        )
        return (await self._leaf_objects(answer))[0]

    async def get_associations(self, patient: PatientId, entry_uuids: Sequence[str]) -> list[AssociationInfo]:
        """ITI-18 GetAssociations: the associations whose source or target is one of `entry_uuids`."""
        answer = await self._call(
            c.PATH_REGISTRY, c.ACTION_ITI18, patient, lambda: query.get_associations(entry_uuids)
        )
        return (await self._leaf_objects(answer))[1]

    # --- ITI-43 ----------------------------------------------------------------------------------------
    async def retrieve(self, patient: PatientId, repository_id: str, unique_id: str) -> RetrievedDocument:
        """ITI-43 (MTOM both ways): the bytes of one document (see `DocumentEntryInfo.repository_id`)."""
        answer = await self._call(
            c.PATH_REPOSITORY,
            c.ACTION_ITI43,
            patient,
            lambda: _retrieve_request(repository_id, unique_id),
            attachments={},
        )
        if answer.payload.tag != f"{{{c.XDSB}}}RetrieveDocumentSetResponse":
            raise DmpError(
                errors.BAD_RESPONSE, transient=False, detail=f"réponse ITI-43 {etree.QName(answer.payload).text}"
            )
        response = answer.payload.find(f"{{{c.RS}}}RegistryResponse")
        if response is None:
            raise DmpError(errors.BAD_RESPONSE, transient=False, detail="RegistryResponse absent")
        self._registry_outcome(response, f"{{{c.RS}}}RegistryResponse")
        for document in answer.payload.iterfind(f"{{{c.XDSB}}}DocumentResponse"):
            if document.findtext(f"{{{c.XDSB}}}DocumentUniqueId") == unique_id:
                return RetrievedDocument(
                    repository_id=document.findtext(f"{{{c.XDSB}}}RepositoryUniqueId", ""),
                    unique_id=unique_id,
                    mime_type=document.findtext(f"{{{c.XDSB}}}mimeType", ""),
                    content=_document_bytes(document, answer.parts),
                )
        raise DmpError("XDSDocumentUniqueIdError", transient=False, detail="document absent de la réponse")

    # --- ITI-57 ----------------------------------------------------------------------------------------
    async def update_visibility(
        self, entry: DocumentEntryInfo, confidentiality: Sequence[Code], *, author: Author, content_type: Code
    ) -> RegistryResult:
        """ITI-57: a new version of the entry's metadata with other confidentiality codes (masking, §3.4)."""
        codes = list(confidentiality)
        return await self._update(
            entry, author, content_type, lambda package: metadata.new_version(entry, codes, package)
        )

    async def delete(self, entry: DocumentEntryInfo, *, author: Author, content_type: Code) -> RegistryResult:
        """ITI-57 UpdateAvailabilityStatus → `urn:asip:ci-sis:2010:StatusType:Deleted` (confirmed, §3.4)."""
        return await self._update(
            entry,
            author,
            content_type,
            lambda package: metadata.status_change(entry, c.STATUS_DELETED, package),
        )

    async def archive(
        self, entry: DocumentEntryInfo, *, author: Author, content_type: Code
    ) -> RegistryResult:
        """ITI-57 UpdateAvailabilityStatus → Archived (the DMP status URN is **assumed**)."""
        return await self._update(
            entry,
            author,
            content_type,
            lambda package: metadata.status_change(entry, c.STATUS_ARCHIVED, package),
        )

    async def _update(
        self,
        entry: DocumentEntryInfo,
        author: Author,
        content_type: Code,
        build: Callable[[etree._Element], etree._Element],
    ) -> RegistryResult:
        def request() -> etree._Element:
            package = metadata.submission_set(
                entry_uuid=metadata.new_id(),
                unique_id=metadata.new_oid(),
                source_id=self._source_id,
                patient=entry.patient,
                author=author,
                content_type=content_type,
                submission_time=datetime.now(UTC),
                title="",
            )
            return build(package)

        answer = await self._call(c.PATH_REGISTRY, c.ACTION_ITI57, entry.patient, request)
        status, warnings = self._registry_outcome(answer.payload, f"{{{c.RS}}}RegistryResponse")
        return RegistryResult(status=status, warnings=warnings)

    # --- plumbing --------------------------------------------------------------------------------------
    async def _cpu(self, function: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """Run a CPU step (XML building, signing, parsing) in a thread, or inline on a worker's own loop."""
        if self._inline_cpu:
            return function(*args, **kwargs)
        return await asyncio.to_thread(function, *args, **kwargs)

    def _assertion(self, patient: PatientId) -> etree._Element:
        if self._assertions is None:
            return self._vihf.sign(self.context, patient)
        return self._assertions.assertion(self._vihf, self.context, patient)

    @staticmethod
    def _registry_outcome(
        payload: etree._Element, expected: str
    ) -> tuple[str, tuple[RegistryErrorInfo, ...]]:
        if payload.tag != expected:
            raise DmpError(
                errors.BAD_RESPONSE, transient=False, detail=f"réponse inattendue {etree.QName(payload).text}"
            )
        status, found = results.registry_status(payload)
        failures = [error for error in found if error.severity == c.SEVERITY_ERROR]
        if status == c.RESPONSE_FAILURE or (failures and status != c.RESPONSE_PARTIAL):
            code = failures[0].code if failures else errors.BAD_RESPONSE
            raise DmpError(
                code,
                transient=code in TRANSIENT_CODES,
                errors=found,
                detail="; ".join(f"{error.code}: {error.context}" for error in found),
            )
        if status not in (c.RESPONSE_SUCCESS, c.RESPONSE_PARTIAL):
            raise DmpError(errors.BAD_RESPONSE, transient=False, detail=f"statut {status!r}")
        return status, tuple(error for error in found if error.severity != c.SEVERITY_ERROR)

    async def _leaf_objects(self, answer: _Answer) -> tuple[list[DocumentEntryInfo], list[AssociationInfo]]:
        self._registry_outcome(answer.payload, f"{{{c.QUERY}}}AdhocQueryResponse")
        return await self._cpu(results.leaf_objects, answer.payload)

    async def _call(
        self,
        path: str,
        action: str,
        patient: PatientId,
        body: Callable[[], etree._Element],
        *,
        attachments: dict[str, bytes] | None = None,
    ) -> _Answer:
        """POST one SOAP request (MTOM when `attachments` is not None) and return the answer's payload."""
        url = self._base_url + path

        def encode() -> tuple[str, bytes]:
            envelope = serialize(
                build_envelope(
                    action=action, to=url, body=body(), assertion=self._assertion(patient)
                )
            )
            if attachments is None:
                return f'{SOAP_CONTENT_TYPE}; charset=UTF-8; action="{action}"', envelope
            return mtom.build_multipart(envelope, attachments, action=action)

        content_type, data = await self._cpu(encode)
        response: httpx.Response | None = None
        try:
            response = await post_capped(self._http, _parsed_url(url), max_bytes=self._max_response_bytes, content=data,
                                         headers={"Content-Type": content_type})
        except ResponseTooLargeError as exc:
            raise DmpError(errors.BAD_RESPONSE, transient=False, detail=str(exc)) from None
        except httpx.TimeoutException as exc:
            raise DmpError(errors.TIMEOUT, transient=True, detail=type(exc).__name__) from None
        except httpx.TransportError as exc:
            # A refused certificate will be refused again: not worth a retry, unlike a network failure.
            if classify(exc) is TransportErrorCode.TLS:
                raise DmpError(errors.TLS, transient=False, detail=f"{type(exc).__name__}: {exc}") from None
            raise DmpError(errors.NETWORK, transient=True, detail=f"{type(exc).__name__}: {exc}") from None
        finally:
            if self._trace is not None:
                self._trace(
                    DmpExchange(
                        action=action,
                        url=url,
                        request_content_type=content_type,
                        request_body=data,
                        status_code=None if response is None else response.status_code,
                        response_content_type=""
                        if response is None
                        else response.headers.get("content-type", ""),
                        response_body=b"" if response is None else response.content,
                    )
                )
        return await self._cpu(_decode, response, action)


@functools.lru_cache(maxsize=64)
def _parsed_url(url: str) -> httpx.URL:
    """The URL of an endpoint, parsed once (httpx parses a string URL at every request)."""
    return httpx.URL(url)


def _decode(response: httpx.Response, action: str) -> _Answer:
    content_type = response.headers.get("content-type", "")
    server_error = response.status_code >= 500
    try:
        parts = None
        xml = response.content
        if content_type.lower().startswith("multipart/related"):
            parts = mtom.split_multipart(content_type, response.content)
            xml = parts.root
        payload = read_body(xml)
    except (SoapResponseError, mtom.MimeError) as exc:
        if server_error:
            raise DmpError(errors.SERVER, transient=True, detail=f"HTTP {response.status_code}") from None
        code = errors.HTTP if response.status_code >= 400 else errors.BAD_RESPONSE
        raise DmpError(code, transient=False, detail=f"HTTP {response.status_code}: {exc}") from None
    if isinstance(payload, SoapFault):
        # Fault subcodes name DMP codes (sandbox: VIHF_INVALIDE, SERVICE_INDISPONIBLE…); others stay generic.
        code = payload.subcode if payload.subcode in errors.MESSAGES else errors.SOAP_FAULT
        log.info("DMP %s: SOAP fault %s/%s", action, payload.code, payload.subcode)
        raise DmpError(
            code, transient=payload.server_side, detail=f"{payload.code}/{payload.subcode}: {payload.reason}"
        )
    if server_error:
        raise DmpError(errors.SERVER, transient=True, detail=f"HTTP {response.status_code}")
    if response.status_code >= 400:
        raise DmpError(errors.HTTP, transient=False, detail=f"HTTP {response.status_code}")
    return _Answer(payload=payload, parts=parts)


def _retrieve_request(repository_id: str, unique_id: str) -> etree._Element:
    request = etree.Element(f"{{{c.XDSB}}}RetrieveDocumentSetRequest", nsmap={"xdsb": c.XDSB})
    document = etree.SubElement(request, f"{{{c.XDSB}}}DocumentRequest")
    etree.SubElement(document, f"{{{c.XDSB}}}RepositoryUniqueId").text = repository_id
    etree.SubElement(document, f"{{{c.XDSB}}}DocumentUniqueId").text = unique_id
    return request


def _is_signature(entry: DocumentEntryInfo) -> bool:
    return entry.class_code is not None and entry.class_code.code == c.SIGNATURE_CLASS_CODE


def _document_bytes(document_response: etree._Element, parts: mtom.MultipartMessage | None) -> bytes:
    document = document_response.find(f"{{{c.XDSB}}}Document")
    if document is None:
        raise DmpError(errors.BAD_RESPONSE, transient=False, detail="élément Document absent")
    include = document.find(f"{{{c.XOP}}}Include")
    try:
        if include is not None:
            if parts is None:
                raise mtom.MimeError("XOP sans message multipart")
            return parts.attachment(include.get("href", ""))
        return base64.b64decode(document.text or "", validate=True)
    except (mtom.MimeError, ValueError) as exc:
        raise DmpError(errors.BAD_RESPONSE, transient=False, detail=str(exc)) from None
