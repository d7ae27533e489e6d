"""Reading a received IHE XDM archive (`IHE_XDM.ZIP`, ITI-32 Zip over Email) without trusting it.

Every archive comes from outside and hostile input is the normal case (issue 12): an entry escaping its folder
or with an absolute path, two entries with one name, an encrypted entry, a zip bomb (huge ratio or total
size: sizes are counted while inflating, the declared ones are not believed), a missing `METADATA.XML`, a
DOCTYPE (XXE, entity expansion: `services.xml` refuses it), a document whose `hash`, `size` or `URI` does not
match the file. Each is refused with an `XdmError` carrying a stable reason code and a French sentence; nothing
is ever written to disk here (the caller keeps the raw message in its quarantine).

The DocumentEntries of `METADATA.XML` are the ebRIM of XDS (PROTOCOLS §3.4, §4.3); they are read with the DMP
client's reader (`services.dmp.results.document_entry_info`), the same French metadata.
"""

from __future__ import annotations

import hashlib
import logging
import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from io import BytesIO

from lxml import etree

from services.dmp import constants as c
from services.dmp.metadata import rim
from services.dmp.models import DocumentEntryInfo, PatientId
from services.dmp.results import MalformedEntryError, document_entry_info
from services.xml import UnsafeXmlError, parse_bytes

log = logging.getLogger("lgc.mss.xdm")

METADATA_NAME = "METADATA.XML"
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class XdmLimits:
    """Caps on what one archive may hold; the defaults fit a message of several documents with their PDFs."""

    max_entries: int = 200
    max_entry_bytes: int = 40 * 1024 * 1024
    max_total_bytes: int = 100 * 1024 * 1024
    max_ratio: int = 100  # inflated / compressed, per entry (a CDA compresses about 10:1)
    max_metadata_bytes: int = 5 * 1024 * 1024


class XdmError(Exception):
    """The archive was refused. `code` is stable (quoted in the KO list and logs); `text` is French."""

    def __init__(self, code: str, text: str) -> None:
        super().__init__(f"{code}: {text}")
        self.code = code
        self.text = text


@dataclass(frozen=True)
class XdmDocument:
    """One document of the archive: its DocumentEntry metadata and the bytes the metadata vouches for."""

    entry: DocumentEntryInfo
    uri: str  # path inside the archive
    content: bytes = field(repr=False)

    @property
    def unique_id(self) -> str:
        return self.entry.unique_id

    @property
    def patient(self) -> PatientId:
        return self.entry.patient

    @property
    def author(self) -> str:
        names = (" ".join(part for part in (a.given_name, a.family_name) if part) or a.institution_name
                 for a in self.entry.authors)
        return ", ".join(name for name in names if name)


@dataclass(frozen=True)
class XdmSubmission:
    """The documents of one submission set (one patient per message, §4.0), in the metadata's order."""

    subset: str  # e.g. "IHE_XDM/SUBSET01"
    documents: tuple[XdmDocument, ...]


def read_xdm(data: bytes, limits: XdmLimits = XdmLimits()) -> XdmSubmission:
    """The documents of an XDM archive, each checked against its metadata.

    Raises:
        XdmError: the archive is refused (see the module docstring for the reasons); nothing else escapes.
    """
    try:
        return _read(data, limits)
    except XdmError:
        raise
    except Exception as exc:  # a corruption no check above names (the fuzz tests look for them)
        log.warning("XDM archive refused on %s", type(exc).__name__)
        raise XdmError("XDM-UNREADABLE", "L'archive IHE_XDM.zip est illisible.") from None


def _read(data: bytes, limits: XdmLimits) -> XdmSubmission:
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise XdmError("XDM-UNREADABLE", "L'archive IHE_XDM.zip est illisible (ce n'est pas un zip valide).") \
            from None
    with archive:
        entries = _checked_entries(infos, limits)
        metadata_name = _metadata_name(entries)
        subset = posixpath.dirname(metadata_name)
        reader = _Reader(archive, entries, limits)
        root = _metadata(reader.read(metadata_name, limits.max_metadata_bytes))
        documents = tuple(_document(reader, subset, extrinsic) for extrinsic in _extrinsic_objects(root))
    if not documents:
        raise XdmError("XDM-EMPTY", "L'archive IHE_XDM.zip ne décrit aucun document.")
    return XdmSubmission(subset, documents)


def _checked_entries(infos: list[zipfile.ZipInfo], limits: XdmLimits) -> dict[str, zipfile.ZipInfo]:
    """Entries by normalised name, after the checks that need no inflating."""
    if len(infos) > limits.max_entries:
        raise XdmError("XDM-TOO-MANY", f"L'archive IHE_XDM.zip contient trop de fichiers ({len(infos)}).")
    entries: dict[str, zipfile.ZipInfo] = {}
    seen: set[str] = set()
    for info in infos:
        name = _safe_name(info.filename)
        if info.is_dir():
            continue
        if name.casefold() in seen:
            raise XdmError("XDM-DUPLICATE", "L'archive IHE_XDM.zip contient deux fichiers du même nom "
                                            f"({name[:80]}).")
        seen.add(name.casefold())
        if info.flag_bits & 0x1:
            raise XdmError("XDM-ENCRYPTED", "L'archive IHE_XDM.zip contient un fichier chiffré : elle ne peut pas "
                                            "être lue.")
        if info.file_size > limits.max_entry_bytes or \
                info.file_size > max(info.compress_size, 1) * limits.max_ratio:
            raise XdmError("XDM-BOMB", "L'archive IHE_XDM.zip a un taux de compression ou une taille anormale "
                                       "(bombe de décompression) : elle a été refusée.")
        entries[name] = info
    if sum(info.file_size for info in entries.values()) > limits.max_total_bytes:
        raise XdmError("XDM-BOMB", "L'archive IHE_XDM.zip est trop volumineuse une fois décompressée.")
    return entries


def _safe_name(name: str) -> str:
    """The entry name if it stays inside the archive's folder; XdmError for absolute paths and `..`."""
    if (not name or "\\" in name or "\x00" in name or name.startswith("/")
            or (len(name) > 1 and name[1] == ":")):
        raise XdmError("XDM-TRAVERSAL", "L'archive IHE_XDM.zip contient un chemin absolu ou invalide : elle a été "
                                        "refusée.")
    parts = name.rstrip("/").split("/")
    if any(part in ("..", ".", "") for part in parts):
        raise XdmError("XDM-TRAVERSAL", "L'archive IHE_XDM.zip contient un fichier qui sort de son dossier : "
                                        "elle a été refusée.")
    return "/".join(parts)


def _metadata_name(entries: dict[str, zipfile.ZipInfo]) -> str:
    """`IHE_XDM/<subset>/METADATA.XML` (the first subset; upper case per ISO-9660, any case accepted)."""
    candidates = sorted(name for name in entries
                        if name.count("/") == 2 and name.upper().startswith("IHE_XDM/")
                        and name.rpartition("/")[2].upper() == METADATA_NAME)
    if not candidates:
        raise XdmError("XDM-NO-METADATA", "L'archive IHE_XDM.zip ne contient pas de fichier "
                                          "IHE_XDM/SUBSET01/METADATA.XML.")
    return candidates[0]


class _Reader:
    """Inflates entries by chunks, counting the bytes really produced against the caps."""

    def __init__(self, archive: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo], limits: XdmLimits) -> None:
        self._archive = archive
        self._entries = entries
        self._limits = limits
        self._total = 0

    def limit_for(self, name: str) -> int:
        return self._entries[name].file_size

    def lookup(self, name: str) -> str | None:
        if name in self._entries:
            return name
        folded = {key.casefold(): key for key in self._entries}
        return folded.get(name.casefold())

    def read(self, name: str, cap: int, *, declared: int | None = None) -> bytes:
        """The entry's bytes, inflating at most `cap`, the entry cap, its zip size and the archive's total;
        more than `declared` (the metadata's size) is a size mismatch."""
        info = self._entries[name]
        limit = min(cap, self._limits.max_entry_bytes, info.file_size)
        out = bytearray()
        try:
            with self._archive.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    out += chunk
                    self._total += len(chunk)
                    if declared is not None and len(out) > declared:
                        raise XdmError("XDM-SIZE", f"Le document {name[:80]} n'a pas la taille annoncée dans "
                                                   "METADATA.XML : l'archive a été refusée.")
                    if len(out) > limit or self._total > self._limits.max_total_bytes:
                        raise XdmError("XDM-BOMB", "Un fichier de l'archive IHE_XDM.zip dépasse sa taille déclarée "
                                                   "ou la taille maximale : l'archive a été refusée.")
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError,
                RuntimeError) as exc:
            # CRC mismatch, corrupt deflate stream, truncated data, unsupported compression, password asked
            raise XdmError("XDM-UNREADABLE", f"Le fichier {name[:80]} de l'archive IHE_XDM.zip est illisible.") \
                from exc
        return bytes(out)


def _metadata(data: bytes) -> etree._Element:
    try:
        root = parse_bytes(data)
    except UnsafeXmlError:
        raise XdmError("XDM-METADATA-XML", "Le fichier METADATA.XML de l'archive est illisible ou dangereux (XML "
                                           "mal formé, DOCTYPE ou entités) : l'archive a été refusée.") from None
    return root


def _extrinsic_objects(root: etree._Element) -> list[etree._Element]:
    return [element for element in root.iter(rim("ExtrinsicObject"))
            if element.get("objectType", c.DOCUMENT_ENTRY_TYPE) == c.DOCUMENT_ENTRY_TYPE]


def _document(reader: _Reader, subset: str, extrinsic: etree._Element) -> XdmDocument:
    try:
        entry = document_entry_info(extrinsic)
    except MalformedEntryError as exc:
        raise XdmError("XDM-METADATA", f"Les métadonnées d'un document de l'archive sont illisibles ({exc}).") \
            from None
    if not entry.unique_id or not entry.patient.ins:
        raise XdmError("XDM-METADATA", "Un document de l'archive n'a pas d'identifiant unique ou d'identifiant "
                                       "patient (patientId) dans METADATA.XML.")
    uri = _slot(extrinsic, "URI")
    name = _safe_name(posixpath.join(subset, uri)) if uri else ""
    found = reader.lookup(name) if name else None
    if found is None:
        raise XdmError("XDM-URI", f"Le document « {uri[:80]} » annoncé dans METADATA.XML est absent de l'archive.")
    content = reader.read(found, reader.limit_for(found), declared=entry.size)
    if entry.size is not None and entry.size != len(content):
        raise XdmError("XDM-SIZE", f"Le document {uri[:80]} n'a pas la taille annoncée dans METADATA.XML : "
                                   "l'archive a été refusée.")
    digest = hashlib.sha1(content).hexdigest()  # noqa: S324 - the XDS hash is SHA-1 (PROTOCOLS §3.4)
    if entry.hash.strip().lower() != digest:
        raise XdmError("XDM-HASH", f"L'empreinte du document {uri[:80]} ne correspond pas à METADATA.XML : "
                                   "l'archive a été refusée.")
    return XdmDocument(entry, found, content)


def _slot(extrinsic: etree._Element, name: str) -> str:
    for slot in extrinsic.iterfind(rim("Slot")):
        if slot.get("name") == name:
            value = slot.find(f"{rim('ValueList')}/{rim('Value')}")
            return (value.text or "").strip() if value is not None else ""
    return ""
