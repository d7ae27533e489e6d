"""MSSanté operator simulator (PROTOCOLS.md §4, refusals §8): SMTP submission and IMAP, both with STARTTLS.

Listeners, published in the manifest: `mss_smtp` = `smtp://127.0.0.1:<port>`, `mss_imap` = `imap://127.0.0.1:<port>`
(STARTTLS; TLS 1.2+; an optional client certificate from the sandbox CA). Authentication (sasl.py): XOAUTH2 /
OAUTHBEARER with a PSC simulator access token (checked at its introspection endpoint; the token's professional
must own the mailbox), EXTERNAL with the structure certificate for the applicative box, LOGIN only after a
client certificate (password `bal-applicative-sandbox`). Mailboxes persist under `<data_dir>/mailboxes/`.

Test mailboxes (`mss_mailbox` and `mss_practitioner_mailbox` in the manifest):

- `lgc.cabinet-test@medecin.mssante.fr` — applicative box of the demo practice (CABINET MEDICAL DE TEST),
  owned by the sandbox's structure authentication certificate (EXTERNAL);
- `paul.medecin-test@medecin.mssante.fr` — Paul MEDECIN-TEST's personal box (PSC `899700366240`, XOAUTH2);
  `cabinet.test@medecin.mssante.fr` his cabinet box;
- correspondents from the Annuaire simulator: `claire.cardio@cardio.mssante.fr` (personal, MDN only when a test
  "reads"), `secretariat@cardio-lyon.mssante.fr` (read by another software: answers MDN automatically), and
  every other MSSanté address of the Annuaire directory;
- patients `<INS>@patient.mssante.fr` for the INSi simulator's persons, e.g. `285037505612306` (DUPONT
  ELODIE), `271072A00400962` (Corsica 2A key); auto-MDN `processed`; `158209913945524` (DA SILVA) bounces
  ("messagerie fermée"); over 25 MB bounces; a valid key of an unknown person: 550 "patient non trouvé".

Control routes (server TLS listener, no fault-free path: the sandbox's latency applies to them too):

- `GET  /mss/_control/mailboxes[?kind=…]` → [{address, kind}] (personnelle, organisationnelle, applicative,
  patient, correspondent-software);
- `GET  /mss/_control/mailboxes/{address}/messages` → [{uid, message_id, from, to, subject, size, seen}];
- `GET  /mss/_control/mailboxes/{address}/messages/{uid}` → the raw message (message/rfc822);
- `POST /mss/_control/read {"mailbox", "message_id"}` → the recipient reads it: \\Seen, MDN `displayed` if asked;
- `POST /mss/_control/reply {"mailbox", "message_id", "text"}` → the recipient answers (to Reply-To, else From;
  409 once a patient exchange was ended with `X-MSS-MES: FIN`);
- `POST /mss/_control/inject {"to", "example", "patient"?, "from"?, "variant"?}` → {"message_id"}: a CI-SIS
  example (`../shared/cisis/examples/<example>`) sent "by another software" (inject.py; 503 without ../shared).
"""

from __future__ import annotations

import asyncio
import socket

from starlette.types import ASGIApp

from services.sandbox.annuaire.population import build_directory
from services.sandbox.context import SimulatorContext
from services.sandbox.insi.population import build_population
from services.sandbox.manifest import MANIFEST_NAME
from services.sandbox.mss.control import create_control_app
from services.sandbox.mss.imap import ImapSession, serve_imap
from services.sandbox.mss.post_office import PostOffice
from services.sandbox.mss.sasl import Authenticator
from services.sandbox.mss.smtp import OperatorHandler, OperatorSmtp, tls_context
from services.sandbox.mss.store import MailStore
from services.sandbox.mss.trust_space import APPLICATIVE_MAILBOX, PRACTITIONER_MAILBOX, TrustSpace

NAME = "mss"
MOUNT = "/mss"
MUTUAL_TLS = False


def _listening_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    return sock


def create_app(ctx: SimulatorContext) -> ASGIApp:
    trust = TrustSpace(build_directory(), build_population())
    store = MailStore(ctx.data_dir / "mailboxes")
    post_office = PostOffice(trust, store)
    # `data_dir` is `<state>/data/mss` (context.py): the manifest, written once listening, names the PSC URL.
    authenticator = Authenticator(trust, ctx.data_dir.parent.parent / MANIFEST_NAME, ctx.pki.ca_cert)
    tls = tls_context(str(ctx.pki.server_cert), str(ctx.pki.server_key), str(ctx.pki.ca_cert))
    smtp_socket, imap_socket = _listening_socket(), _listening_socket()
    ctx.published["mss_smtp"] = f"smtp://127.0.0.1:{smtp_socket.getsockname()[1]}"
    ctx.published["mss_imap"] = f"imap://127.0.0.1:{imap_socket.getsockname()[1]}"
    ctx.published["mss_mailbox"] = APPLICATIVE_MAILBOX
    ctx.published["mss_practitioner_mailbox"] = PRACTITIONER_MAILBOX
    handler = OperatorHandler(authenticator, post_office)

    async def serve_smtp() -> None:
        server = await asyncio.get_running_loop().create_server(lambda: OperatorSmtp(handler, ctx.faults, tls),
                                                                sock=smtp_socket)
        async with server:  # closed when the sandbox's loop cancels this task at shutdown
            await server.serve_forever()

    def imap_session(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> ImapSession:
        return ImapSession(reader, writer, authenticator=authenticator, store=store, faults=ctx.faults, tls=tls)

    # create_app runs inside the sandbox's `serve()` coroutine: the listeners share its loop.
    loop = asyncio.get_running_loop()
    tasks = [loop.create_task(serve_smtp()), loop.create_task(serve_imap(imap_socket, imap_session))]
    for task, sock in zip(tasks, (smtp_socket, imap_socket), strict=True):
        task.add_done_callback(lambda _done, sock=sock: sock.close())  # type: ignore[misc]
    app = create_control_app(trust, store, post_office, ctx.shared_dir)
    app.state.listeners = tasks  # strong references: asyncio keeps tasks only weakly
    return app
