"""MSSanté submission (RFC 6409) with aiosmtplib: TLS always, SASL per mailbox, DSN asked, per-recipient result.

STARTTLS on `smtp://` (587) or implicit TLS on `smtps://` (465), the operator's certificate verified (TLS 1.2+,
`MailboxAccess.ssl_context`); then, per §4.0, SASL XOAUTH2 or OAUTHBEARER (RFC 7628) with the acting user's Pro
Santé Connect access token, or — after TLS with the applicative mailbox's client certificate — SASL EXTERNAL
(RFC 4422 App. A) or LOGIN. DSN (RFC 3461, PROTOCOLS §4.4): `RET=HDRS ENVID=<id>` on MAIL, `NOTIFY=SUCCESS,
FAILURE,DELAY` and `ORCPT` on each RCPT, when the server announces DSN; `NOTIFY=NEVER` for a message whose
delivery nobody follows (an MDN or a rejection: a DSN about it would match nothing). A session authenticated by
the structure's certificate is kept for the next message (`smtp_sessions`), a PSC token's never.

Errors are `MssSendError`s with French reasons: a 4xx answer or a network failure is transient (the outbox
retries), a 5xx answer is permanent, as is a message over the 25 MB Mon espace santé accepts (§4.0).
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import aiosmtplib

from services.errors import ServiceError
from services.mss.connection import Endpoint, MailboxAccess, Mechanism, TlsMode, oauthbearer_response
from services.mss.message_build import is_patient_address
from services.mss.smtp_sessions import REUSABLE, SmtpSessions

T = TypeVar("T")

PATIENT_SIZE_LIMIT = 25 * 1024 * 1024  # Mon espace santé returns larger messages undelivered (§4.0)
TIMEOUT_SECONDS = 60.0
_NOTIFY = "NOTIFY=SUCCESS,FAILURE,DELAY"
_NOTIFY_NEVER = "NOTIFY=NEVER"


class MssSendError(ServiceError):
    """The message could not be submitted; `transient` says whether trying again may help."""


class MssAuthError(MssSendError):
    """The operator refused the mailbox's authentication (token, certificate or password)."""


class MssRefusedError(MssSendError):
    """The operator refused the sender, every recipient or the message itself."""


class MssTooLargeError(MssSendError):
    """The message exceeds what the recipient's service accepts."""


class MssNetworkError(MssSendError):
    """The server could not be reached, or the connection broke (transient)."""


@dataclass(frozen=True)
class RecipientResult:
    address: str
    accepted: bool
    code: int
    reply: str  # the server's answer, untrusted: for the trace


@dataclass(frozen=True)
class Submitted:
    """What the operator accepted: the message is then in its hands (delivery is told by DSN)."""

    envid: str
    recipients: tuple[RecipientResult, ...]
    dsn_requested: bool

    @property
    def refused(self) -> tuple[RecipientResult, ...]:
        return tuple(result for result in self.recipients if not result.accepted)


def xtext(value: str) -> str:
    """RFC 3461 §4: xtext encoding of ENVID and ORCPT values."""
    return "".join(char if 33 <= ord(char) <= 126 and char not in "+=" else f"+{ord(char):02X}"
                   for char in value)


def _by_code(code: int, reason: str, detail: str, kind: type[MssSendError] = MssRefusedError) -> MssSendError:
    return kind(f"MSS-SMTP-{code}", reason, transient=400 <= code < 500, detail=detail)


async def _authenticate(client: aiosmtplib.SMTP, access: MailboxAccess, endpoint: Endpoint) -> None:
    if client.is_ehlo_or_helo_needed:  # after STARTTLS (RFC 3207 §4.2) the client greets again
        await client.ehlo()
    try:
        if access.mechanism is Mechanism.XOAUTH2:
            assert access.token is not None, "a bearer mechanism needs a token source"
            await client.auth_xoauth2(access.address, await access.token())
            return
        if access.mechanism is Mechanism.OAUTHBEARER:
            assert access.token is not None, "a bearer mechanism needs a token source"
            initial = oauthbearer_response(access.address, endpoint.host, endpoint.port, await access.token())
            response = await client.execute_command(b"AUTH", b"OAUTHBEARER", initial.encode("ascii"))
            if response.code == 334:  # RFC 7628 §3.2.3: the error JSON; a dummy answer ends the exchange
                response = await client.execute_command(b"AQ==")
        elif access.mechanism is Mechanism.EXTERNAL:
            # RFC 4422: "=" is an empty authorisation identity: the server takes the certificate's
            response = await client.execute_command(b"AUTH", b"EXTERNAL", b"=")
        else:
            await client.auth_login(access.address, access.password)
            return
        if response.code != 235:
            raise aiosmtplib.SMTPAuthenticationError(response.code, response.message)
    except aiosmtplib.SMTPAuthenticationError as exc:
        raise _by_code(exc.code, "Le serveur MSSanté a refusé l'authentification de la boîte aux lettres "
                       f"({_MECHANISM_WORDS[access.mechanism]}).", exc.message, MssAuthError) from None


_MECHANISM_WORDS = {Mechanism.XOAUTH2: "jeton Pro Santé Connect", Mechanism.OAUTHBEARER: "jeton Pro Santé Connect",
                    Mechanism.EXTERNAL: "certificat de la boîte applicative", Mechanism.LOGIN: "mot de passe"}


def check_size(size: int, recipients: Sequence[str], server_limit: int | None) -> None:
    """Refuse before sending what the operator or Mon espace santé would refuse (permanent)."""
    if any(is_patient_address(address) for address in recipients) and size > PATIENT_SIZE_LIMIT:
        raise MssTooLargeError("MSS-TOO-LARGE", f"Le message fait {size / 1e6:.1f} Mo : Mon espace santé "
                               "n'accepte pas plus de 25 Mo. Retirez des pièces jointes.", transient=False)
    if server_limit and size > server_limit:
        raise MssTooLargeError("MSS-TOO-LARGE", f"Le message fait {size / 1e6:.1f} Mo : le serveur MSSanté "
                               f"n'accepte pas plus de {server_limit / 1e6:.1f} Mo.", transient=False)


async def submit(access: MailboxAccess, endpoint: Endpoint, message: bytes, recipients: Sequence[str], *,
                 envid: str, tls_context: ssl.SSLContext | None = None, command_timeout: float = TIMEOUT_SECONDS,
                 delivery_reports: bool = True, sessions: SmtpSessions | None = None) -> Submitted:
    """Submit `message` (RFC 5322 bytes) from the mailbox to `recipients`.

    Args:
        envid: the envelope id the DSNs will quote (chosen once per message, before the first attempt).
        tls_context: a context built beforehand (`access.ssl_context()` is blocking); built here otherwise.
        delivery_reports: False asks the server for no DSN at all (`NOTIFY=NEVER`).
        sessions: where a certificate-authenticated session is taken from and given back (`smtp_sessions`).

    Raises:
        MssSendError: see the module's docstring; one refused recipient among others is a result, not an error.
    """
    key = (endpoint, access.address, access.mechanism)
    pooled = sessions if sessions is not None and access.mechanism in REUSABLE else None
    if pooled is not None:
        client = pooled.take(key)
        if client is not None:
            try:
                submitted = await _mapped(endpoint, _transaction(client, access.address, message, recipients, envid,
                                                                  delivery_reports))
            except MssNetworkError:  # dropped while idle (or now): a new session below
                client.close()
            except BaseException:
                client.close()
                raise
            else:
                pooled.give(key, client)
                return submitted
        tls_context = tls_context or await pooled.context(access)
    context = tls_context or await asyncio.to_thread(access.ssl_context)
    client = aiosmtplib.SMTP(hostname=endpoint.host, port=endpoint.port, use_tls=endpoint.tls is TlsMode.IMPLICIT,
                             start_tls=endpoint.tls is TlsMode.STARTTLS, tls_context=context, timeout=command_timeout)
    kept = False
    try:
        await _mapped(endpoint, client.connect())
        await _mapped(endpoint, _authenticate(client, access, endpoint))
        submitted = await _mapped(endpoint, _transaction(client, access.address, message, recipients, envid,
                                                          delivery_reports))
        if pooled is not None:
            pooled.give(key, client)
            kept = True
        return submitted
    finally:
        if not kept and client.is_connected:
            try:
                await client.quit()
            except (aiosmtplib.SMTPException, OSError):
                client.close()


async def _mapped(endpoint: Endpoint, step: Awaitable[T]) -> T:
    """One step of a submission, its failures as `MssSendError`s."""
    try:
        return await step
    except ssl.SSLError as exc:
        raise MssNetworkError("MSS-TLS", f"La connexion sécurisée avec le serveur MSSanté {endpoint.host} a échoué "
                              "(certificat refusé ou protocole).", transient=False, detail=str(exc)) from None
    except (aiosmtplib.SMTPConnectError, aiosmtplib.SMTPServerDisconnected, aiosmtplib.SMTPTimeoutError,
            OSError) as exc:
        raise MssNetworkError("MSS-NETWORK", f"Le serveur MSSanté {endpoint.host}:{endpoint.port} est injoignable "
                              "ou a coupé la connexion.", transient=True, detail=type(exc).__name__) from None
    except aiosmtplib.SMTPResponseException as exc:
        raise _by_code(exc.code, "Le serveur MSSanté a refusé le message.", exc.message) from None


async def _transaction(client: aiosmtplib.SMTP, sender: str, message: bytes, recipients: Sequence[str],
                       envid: str, delivery_reports: bool) -> Submitted:
    limit = client.esmtp_extensions.get("size", "")
    check_size(len(message), recipients, int(limit) if limit.isdigit() else None)
    dsn = client.supports_extension("dsn")
    mail_options = ["RET=HDRS", f"ENVID={xtext(envid)}"] if dsn and delivery_reports else []
    if client.supports_extension("size"):
        mail_options.append(f"SIZE={len(message)}")
    try:
        await client.mail(sender, options=mail_options)
    except aiosmtplib.SMTPSenderRefused as exc:
        raise _by_code(exc.code, f"Le serveur MSSanté refuse l'expéditeur {sender}.", exc.message) from None
    results = []
    for address in recipients:
        options = ([_NOTIFY, f"ORCPT=rfc822;{xtext(address)}"] if delivery_reports else [_NOTIFY_NEVER]) if dsn else []
        try:
            response = await client.rcpt(address, options=options)
            results.append(RecipientResult(address, True, response.code, response.message))
        except aiosmtplib.SMTPRecipientRefused as exc:
            results.append(RecipientResult(address, False, exc.code, exc.message))
    if not any(result.accepted for result in results):
        await client.rset()
        worst = max(results, key=lambda result: result.code)  # a 5xx makes it permanent
        raise _by_code(worst.code, "Le serveur MSSanté refuse tous les destinataires du message.",
                       "; ".join(f"{result.address}: {result.code} {result.reply}" for result in results))
    try:
        await client.data(message)
    except aiosmtplib.SMTPDataError as exc:
        raise _by_code(exc.code, "Le serveur MSSanté a refusé le contenu du message.", exc.message) from None
    return Submitted(envid, tuple(results), dsn and delivery_reports)
