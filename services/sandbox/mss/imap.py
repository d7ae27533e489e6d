"""The operator's IMAP server: an IMAP4rev1 subset (RFC 3501) with IDLE (RFC 2177) and UIDPLUS (RFC 4315).

Before STARTTLS only CAPABILITY, STARTTLS, NOOP and LOGOUT are allowed (LOGINDISABLED is advertised); then
AUTHENTICATE XOAUTH2 / OAUTHBEARER / EXTERNAL (same checks as SMTP, sasl.py), or LOGIN once a client
certificate was presented. One folder, INBOX, the authenticated mailbox. The sandbox's latency applies once
at the greeting and once per FETCH; a drawn fault at the greeting drops the connection or answers BYE.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import logging
import re
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass

from services.sandbox.faults import FaultKind, FaultSettings
from services.sandbox.mss.imap_syntax import (
    ImapSyntaxError,
    Token,
    internal_date,
    literal,
    read_command,
    sequence_set,
    tokenize,
)
from services.sandbox.mss.sasl import (
    Authenticated,
    Authenticator,
    Refusal,
    SaslError,
    bearer_failure,
    parse_oauthbearer,
    parse_xoauth2,
)
from services.sandbox.mss.smtp import ascii_text
from services.sandbox.mss.store import KNOWN_FLAGS, SEEN, UID_VALIDITY, MailStore, StoredMessage

log = logging.getLogger("lgc.sandbox.mss")

_BEFORE_TLS = ("CAPABILITY", "STARTTLS", "NOOP", "LOGOUT")
_BEARERS: dict[str, Callable[[bytes], tuple[str, str]]] = {"XOAUTH2": parse_xoauth2,
                                                           "OAUTHBEARER": parse_oauthbearer}


class _Done(Exception):
    """The session ends (LOGOUT, dropped connection)."""


@dataclass
class _Selected:
    uids: list[int]
    read_only: bool


class ImapSession:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, *, authenticator: Authenticator,
                 store: MailStore, faults: FaultSettings, tls: ssl.SSLContext) -> None:
        self.reader, self.writer = reader, writer
        self.authenticator, self.store, self.faults, self.tls = authenticator, store, faults, tls
        self.granted: Authenticated | None = None
        self.selected: _Selected | None = None

    # framing
    async def send(self, line: str | bytes) -> None:
        data = ascii_text(line).encode("ascii") if isinstance(line, str) else line
        self.writer.write(data + b"\r\n")
        await self.writer.drain()

    async def _go_ahead(self) -> None:
        await self.send("+ Ready for literal data")

    @property
    def over_tls(self) -> bool:
        return self.writer.get_extra_info("ssl_object") is not None

    def _certificate(self) -> bytes | None:
        ssl_object = self.writer.get_extra_info("ssl_object")
        return ssl_object.getpeercert(binary_form=True) if ssl_object is not None else None

    async def run(self) -> None:
        kind = self.faults.draw()
        if self.faults.latency:
            await asyncio.sleep(self.faults.latency)
        if kind in (FaultKind.DROP, FaultKind.TIMEOUT):
            self.writer.transport.abort()
            return
        if kind is not None:
            await self.send("* BYE Service temporairement indisponible (panne simulée)")
            return
        await self.send(f"* OK [CAPABILITY {self._capabilities()}] Operateur MSSante (sandbox) pret")
        try:
            while True:
                data = await read_command(self.reader, self._go_ahead)
                if data is None:
                    return
                await self._dispatch(data)
        except (_Done, ConnectionError, asyncio.IncompleteReadError):
            return
        except ImapSyntaxError as exc:
            await self.send(f"* BYE {exc}")

    def _capabilities(self) -> str:
        words = ["IMAP4rev1", "SASL-IR", "IDLE", "UIDPLUS", "ENHANCEDSTATUSCODES"]
        if not self.over_tls:
            words += ["STARTTLS", "LOGINDISABLED"]
        elif self._certificate() is None:
            words.append("LOGINDISABLED")
        return " ".join([*words, "AUTH=XOAUTH2", "AUTH=OAUTHBEARER", "AUTH=EXTERNAL"])

    async def _dispatch(self, data: bytes) -> None:
        try:
            tokens = tokenize(data)
        except ImapSyntaxError as exc:
            await self.send(f"* BAD {exc}")
            return
        if len(tokens) < 2 or not all(isinstance(token, str) for token in tokens[:2]):
            await self.send("* BAD commande attendue : <étiquette> <commande> [arguments]")
            return
        tag, name, args = str(tokens[0]), str(tokens[1]).upper(), tokens[2:]
        uid = name == "UID"
        if uid:
            if not args or not isinstance(args[0], str):
                await self.send(f"{tag} BAD UID FETCH, SEARCH, STORE ou EXPUNGE attendu")
                return
            name, args = args[0].upper(), args[1:]
        handler = getattr(self, f"_cmd_{name.lower()}", None)
        if handler is None or (uid and name not in ("FETCH", "SEARCH", "STORE", "EXPUNGE")):
            await self.send(f"{tag} BAD commande inconnue : {name}")
            return
        if not self.over_tls and name not in _BEFORE_TLS:
            await self.send(f"{tag} NO [PRIVACYREQUIRED] STARTTLS d'abord : aucune commande en clair")
            return
        needs_auth = name not in (*_BEFORE_TLS, "AUTHENTICATE", "LOGIN")
        if needs_auth and self.granted is None:
            await self.send(f"{tag} NO authentification requise")
            return
        needs_selection = name in ("FETCH", "SEARCH", "STORE", "EXPUNGE", "CLOSE")
        if needs_selection and self.selected is None:
            await self.send(f"{tag} NO aucune boîte sélectionnée (SELECT INBOX)")
            return
        try:
            await handler(tag, args, uid)
        except (ImapSyntaxError, IndexError, ValueError) as exc:
            await self.send(f"{tag} BAD arguments invalides ({exc})")

    # any state
    async def _cmd_capability(self, tag: str, args: list[Token], uid: bool) -> None:
        await self.send(f"* CAPABILITY {self._capabilities()}")
        await self.send(f"{tag} OK CAPABILITY terminé")

    async def _cmd_noop(self, tag: str, args: list[Token], uid: bool) -> None:
        await self._report_new()
        await self.send(f"{tag} OK NOOP terminé")

    async def _cmd_logout(self, tag: str, args: list[Token], uid: bool) -> None:
        await self.send("* BYE déconnexion")
        await self.send(f"{tag} OK LOGOUT terminé")
        self.writer.close()
        raise _Done

    async def _cmd_starttls(self, tag: str, args: list[Token], uid: bool) -> None:
        if self.over_tls:
            await self.send(f"{tag} BAD TLS déjà actif")
            return
        await self.send(f"{tag} OK Begin TLS negotiation now")
        self.reader._buffer.clear()  # type: ignore[attr-defined]  # RFC 3501 §6.2.1: no plaintext pipelined in
        try:
            await self.writer.start_tls(self.tls)
        except (ssl.SSLError, ConnectionError) as exc:
            log.info("IMAP STARTTLS failed: %s", exc)
            raise _Done from None

    # not authenticated
    async def _cmd_authenticate(self, tag: str, args: list[Token], uid: bool) -> None:
        if self.granted is not None:
            await self.send(f"{tag} BAD déjà authentifié")
            return
        mechanism = str(args[0]).upper()
        if mechanism not in (*_BEARERS, "EXTERNAL"):
            await self.send(f"{tag} NO mécanisme non pris en charge : {mechanism}")
            return
        blob = await self._initial_response(str(args[1]) if len(args) > 1 else None)
        if blob is None:
            await self.send(f"{tag} BAD réponse SASL invalide ou abandonnée")
            return
        if mechanism == "EXTERNAL":
            outcome: Authenticated | Refusal = self.authenticator.external(self._certificate(),
                                                                           blob.decode("utf-8", "replace"))
        else:
            try:
                user, token = _BEARERS[mechanism](blob)
            except SaslError as exc:
                await self.send(f"{tag} BAD {exc}")
                return
            outcome = await self.authenticator.bearer(user, token)
            if isinstance(outcome, Refusal):
                await self.send("+ " + base64.b64encode(bearer_failure(outcome)).decode("ascii"))
                await self.reader.readuntil(b"\n")  # the client's dummy answer
        await self._conclude(tag, outcome)

    async def _initial_response(self, inline: str | None) -> bytes | None:
        if inline is None:
            await self.send("+ ")
            inline = (await self.reader.readuntil(b"\n")).decode("ascii", "replace").strip()
            if inline == "*":
                return None
        if inline == "=":
            return b""
        try:
            return base64.b64decode(inline, validate=True)
        except (binascii.Error, ValueError):
            return None

    async def _cmd_login(self, tag: str, args: list[Token], uid: bool) -> None:
        if self._certificate() is None:
            await self.send(f"{tag} NO [PRIVACYREQUIRED] LOGIN exige un certificat client présenté en TLS")
            return
        await self._conclude(tag, self.authenticator.login(self._certificate(), str(args[0]), str(args[1])))

    async def _conclude(self, tag: str, outcome: Authenticated | Refusal) -> None:
        if isinstance(outcome, Refusal):
            await self.send(f"{tag} NO [AUTHENTICATIONFAILED] {outcome.text}")
            return
        self.granted = outcome
        await self.send(f"{tag} OK [CAPABILITY {self._capabilities()}] authentifié pour {outcome.mailbox}")

    # authenticated
    @property
    def mailbox(self) -> str:
        assert self.granted is not None
        return self.granted.mailbox

    async def _cmd_select(self, tag: str, args: list[Token], uid: bool, read_only: bool = False) -> None:
        if str(args[0]).upper() != "INBOX":
            self.selected = None
            await self.send(f"{tag} NO [NONEXISTENT] seule INBOX existe")
            return
        messages = self.store.messages(self.mailbox)
        self.selected = _Selected([m.uid for m in messages], read_only)
        unseen = next((n for n, m in enumerate(messages, 1) if not m.seen), None)
        flags = " ".join(KNOWN_FLAGS)
        for line in (f"* FLAGS ({flags})", f"* OK [PERMANENTFLAGS ({flags})] drapeaux permanents",
                     f"* {len(messages)} EXISTS", "* 0 RECENT", f"* OK [UIDVALIDITY {UID_VALIDITY}] UID valides",
                     f"* OK [UIDNEXT {self.store.uid_next(self.mailbox)}] prochain UID"):
            await self.send(line)
        if unseen is not None:
            await self.send(f"* OK [UNSEEN {unseen}] premier message non lu")
        await self.send(f"{tag} OK [{'READ-ONLY' if read_only else 'READ-WRITE'}] INBOX sélectionnée")

    async def _cmd_examine(self, tag: str, args: list[Token], uid: bool) -> None:
        await self._cmd_select(tag, args, uid, read_only=True)

    async def _cmd_list(self, tag: str, args: list[Token], uid: bool) -> None:
        if len(args) == 2 and str(args[1]) in ("*", "%", "INBOX"):
            await self.send('* LIST (\\HasNoChildren) "/" INBOX')
        await self.send(f"{tag} OK LIST terminé")

    async def _cmd_idle(self, tag: str, args: list[Token], uid: bool) -> None:
        arrived = asyncio.Event()
        stop = self.store.watch(self.mailbox, arrived.set)
        try:
            await self.send("+ idling")
            done = asyncio.ensure_future(self.reader.readuntil(b"\n"))
            while True:
                waiter = asyncio.ensure_future(arrived.wait())
                await asyncio.wait([done, waiter], return_when=asyncio.FIRST_COMPLETED)
                waiter.cancel()
                if arrived.is_set():
                    arrived.clear()
                    await self._report_new()
                if done.done():
                    break
        finally:
            stop()
        line = done.result().strip().upper()
        if line != b"DONE":
            await self.send(f"{tag} BAD DONE attendu pour terminer IDLE")
            return
        await self.send(f"{tag} OK IDLE terminé")

    async def _report_new(self) -> None:
        if self.selected is None:
            return
        known = set(self.selected.uids)
        fresh = [m.uid for m in self.store.messages(self.mailbox) if m.uid not in known]
        if fresh:
            self.selected.uids.extend(fresh)
            await self.send(f"* {len(self.selected.uids)} EXISTS")

    # selected
    def _targets(self, text: str, uid: bool) -> list[tuple[int, StoredMessage]]:
        """(sequence number, message) of a sequence set or, with UID, a UID set."""
        assert self.selected is not None
        uids = self.selected.uids
        current = {m.uid: m for m in self.store.messages(self.mailbox)}
        numbered = [(n, current[u]) for n, u in enumerate(uids, 1) if u in current]
        if uid:
            chosen = set(sequence_set(text, uids, max(uids, default=0)))
            return [(n, m) for n, m in numbered if m.uid in chosen]
        chosen = set(sequence_set(text, range(1, len(uids) + 1), len(uids)))
        return [(n, m) for n, m in numbered if n in chosen]

    async def _cmd_search(self, tag: str, args: list[Token], uid: bool) -> None:
        targets = self._targets("1:*", uid=False) if self.selected and self.selected.uids else []
        criteria = [str(token).upper() if isinstance(token, str) else token for token in args]
        if criteria[:1] == ["CHARSET"]:
            criteria = criteria[2:]
        index = 0
        while index < len(criteria):
            word = criteria[index]
            if word == "ALL":
                pass
            elif word in ("UNSEEN", "SEEN"):
                targets = [(n, m) for n, m in targets if m.seen == (word == "SEEN")]
            elif word in ("DELETED", "UNDELETED"):
                targets = [(n, m) for n, m in targets if ("\\Deleted" in m.flags) == (word == "DELETED")]
            elif word == "UID":
                index += 1
                chosen = {m.uid for _, m in self._targets(str(criteria[index]), uid=True)}
                targets = [(n, m) for n, m in targets if m.uid in chosen]
            elif (isinstance(word, str) and word[:1].isdigit()) or word == "*":
                chosen_numbers = {n for n, _ in self._targets(str(word), uid=False)}
                targets = [(n, m) for n, m in targets if n in chosen_numbers]
            else:
                await self.send(f"{tag} BAD critère de recherche non pris en charge : {word}")
                return
            index += 1
        found = " ".join(str(m.uid if uid else n) for n, m in targets)
        await self.send(f"* SEARCH {found}".rstrip())
        await self.send(f"{tag} OK SEARCH terminé")

    async def _cmd_fetch(self, tag: str, args: list[Token], uid: bool) -> None:
        items = args[1] if isinstance(args[1], list) else args[1:]
        names = [str(item).upper() for item in items]
        if "FAST" in names:
            names = ["FLAGS", "INTERNALDATE", "RFC822.SIZE"]
        if uid and "UID" not in names:
            names.insert(0, "UID")
        unknown = [name for name in names if name not in _FETCH_ITEMS and not _PARTIAL.match(name)]
        if unknown:
            await self.send(f"{tag} BAD élément FETCH non pris en charge : {unknown[0]}")
            return
        if self.faults.latency:
            await asyncio.sleep(self.faults.latency)
        assert self.selected is not None
        for number, message in self._targets(str(args[0]), uid):
            marks_seen = any(name.startswith("BODY[]") or name == "RFC822" for name in names) and \
                not self.selected.read_only
            if marks_seen and not message.seen:
                message = self.store.set_flags(self.mailbox, {message.uid}, {SEEN}, "+")[0]
                if "FLAGS" not in names:
                    names = [*names, "FLAGS"]
            parts = [self._fetch_item(name, message) for name in names]
            await self.send(b"* %d FETCH (" % number + b" ".join(parts) + b")")
        await self.send(f"{tag} OK FETCH terminé")

    def _fetch_item(self, name: str, message: StoredMessage) -> bytes:
        if name == "UID":
            return b"UID %d" % message.uid
        if name == "FLAGS":
            return f"FLAGS ({' '.join(sorted(message.flags))})".encode("ascii")
        if name == "RFC822.SIZE":
            return b"RFC822.SIZE %d" % message.size
        if name == "INTERNALDATE":
            return f"INTERNALDATE {internal_date(message.internal_date)}".encode("ascii")
        raw = self.store.raw(self.mailbox, message.uid) or b""
        if name in ("BODY.PEEK[HEADER]", "BODY[HEADER]", "RFC822.HEADER"):
            head = raw.split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n"
            label = b"RFC822.HEADER" if name == "RFC822.HEADER" else b"BODY[HEADER]"
            return label + b" " + literal(head)
        partial = _PARTIAL.match(name)
        if partial:  # RFC 3501 §6.4.5: the octets from origin, answered as BODY[]<origin>
            origin, count = int(partial.group(1)), int(partial.group(2))
            return b"BODY[]<%d> " % origin + literal(raw[origin:origin + count])
        label = b"RFC822" if name == "RFC822" else b"BODY[]"
        return label + b" " + literal(raw)

    async def _cmd_store(self, tag: str, args: list[Token], uid: bool) -> None:
        action = str(args[1]).upper()
        flags = args[2] if isinstance(args[2], list) else args[2:]
        wanted = {_KNOWN_BY_CASE.get(str(flag).upper(), str(flag)) for flag in flags}
        if action.removesuffix(".SILENT") not in ("FLAGS", "+FLAGS", "-FLAGS") or not wanted <= set(KNOWN_FLAGS):
            await self.send(f"{tag} BAD STORE [+-]FLAGS[.SILENT] ({' '.join(KNOWN_FLAGS)}) attendu")
            return
        assert self.selected is not None
        if self.selected.read_only:
            await self.send(f"{tag} NO boîte ouverte en lecture seule (EXAMINE)")
            return
        targets = self._targets(str(args[0]), uid)
        numbers = {m.uid: n for n, m in targets}
        touched = self.store.set_flags(self.mailbox, set(numbers), wanted, action[0] if action[0] in "+-" else "")
        if not action.endswith(".SILENT"):
            for message in touched:
                uid_part = f"UID {message.uid} " if uid else ""
                await self.send(f"* {numbers[message.uid]} FETCH ({uid_part}FLAGS ({' '.join(sorted(message.flags))}))")
        await self.send(f"{tag} OK STORE terminé")

    async def _cmd_expunge(self, tag: str, args: list[Token], uid: bool) -> None:
        assert self.selected is not None
        if self.selected.read_only:
            await self.send(f"{tag} NO boîte ouverte en lecture seule (EXAMINE)")
            return
        limit = {m.uid for _, m in self._targets(str(args[0]), uid=True)} if uid else None
        if limit is not None:  # UID EXPUNGE (UIDPLUS): only these; the others stay flagged
            keep = {m.uid for m in self.store.messages(self.mailbox)} - limit
            keep_flags = [m for m in self.store.messages(self.mailbox) if m.uid in keep and "\\Deleted" in m.flags]
            self.store.set_flags(self.mailbox, {m.uid for m in keep_flags}, {"\\Deleted"}, "-")
            gone = self.store.expunge(self.mailbox)
            self.store.set_flags(self.mailbox, {m.uid for m in keep_flags}, {"\\Deleted"}, "+")
        else:
            gone = self.store.expunge(self.mailbox)
        for removed in gone:
            if removed in self.selected.uids:
                await self.send(f"* {self.selected.uids.index(removed) + 1} EXPUNGE")
                self.selected.uids.remove(removed)
        await self.send(f"{tag} OK EXPUNGE terminé")

    async def _cmd_close(self, tag: str, args: list[Token], uid: bool) -> None:
        assert self.selected is not None
        if not self.selected.read_only:
            self.store.expunge(self.mailbox)
        self.selected = None
        await self.send(f"{tag} OK CLOSE terminé")


_KNOWN_BY_CASE = {flag.upper(): flag for flag in KNOWN_FLAGS}
_PARTIAL = re.compile(r"^BODY(?:\.PEEK)?\[\]<(\d+)\.(\d+)>$")  # a partial fetch (readers of large messages)
_FETCH_ITEMS = ("UID", "FLAGS", "RFC822.SIZE", "INTERNALDATE", "BODY.PEEK[]", "BODY[]", "RFC822",
                "BODY.PEEK[HEADER]", "BODY[HEADER]", "RFC822.HEADER")


async def serve_imap(sock: socket.socket, make_session: Callable[[asyncio.StreamReader, asyncio.StreamWriter],
                                                          ImapSession]) -> None:
    async def connected(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await make_session(reader, writer).run()
        finally:
            writer.close()

    server = await asyncio.start_server(connected, sock=sock)
    async with server:
        await server.serve_forever()
