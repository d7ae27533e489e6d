"""The acting session as the worker process sees it: a mirror of the GUI's, whose credentials stay in the GUI.

The card (its PKCS#11 session opened with the PIN) and the Pro Santé Connect tokens never leave the GUI's
process: the worker receives who acts and the card's public certificate (`session_to_wire`), and asks the GUI
over the private channel (`lgc_app.outbox.ipc`) for each signature (`RemoteCard.sign`) and each access token
(`RemoteTokens.access_token`). The GUI signs only with the card of the session in force when it is asked,
and only if it is the card the worker was told about: a card swapped or removed meanwhile refuses
(CardError CARTE_VERROUILLEE, the reason the order then shows).

Each order reads the session in force when it starts (`SessionMirror.refreshing` asks the GUI before the
handler runs), as the worker thread read `AppContext.session` before.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from lgc_app.outbox.errors import TransientSendError
from lgc_app.outbox.handler import Handler, HandlerResult, OrderContext
from lgc_app.outbox.ipc import Channel, ChannelClosed
from lgc_app.session import ActingSession, Authentication, PractitionerIdentity, SessionIdentity, User, UserRole
from lgc_app.workstation import Workstation
from services.card.card import CARD_NOT_UNLOCKED, CardError, CardHolder, PinState, SignMechanism
from services.errors import Retry
from services.psc.errors import SESSION_ENDED, PscError

SIGN_TIMEOUT = 30.0
SESSION_TIMEOUT = 10.0


def certificate_id(certificate: x509.Certificate) -> str:
    """The card's identity in a sign request: its certificate's SHA-256 (public)."""
    return hashlib.sha256(certificate.public_bytes(serialization.Encoding.DER)).hexdigest()


def session_to_wire(session: ActingSession | None) -> dict[str, Any] | None:
    """What the worker may know of `session`: who, how, the unlocked card's public certificate. No secret."""
    if session is None:
        return None
    user, card = session.user, session.card
    practitioner = user.practitioner
    return {
        "user": {"login": user.login, "display_name": user.display_name, "role": user.role.value,
                 "practitioner": None if practitioner is None else {
                     "id": practitioner.id, "rpps": practitioner.rpps, "title": practitioner.title,
                     "given_name": practitioner.given_name, "family_name": practitioner.family_name,
                     "profession_code": practitioner.profession_code,
                     "specialty_code": practitioner.specialty_code}},
        "authentication": session.authentication.value,
        # an unlocked card reads its certificate without I/O; a locked one cannot sign anyway
        "card": (card.certificate().public_bytes(serialization.Encoding.PEM).decode("ascii")
                 if card is not None and card.unlocked else None),
        "psc": session.psc is not None,
    }


class RemoteCard:
    """The GUI's unlocked card, seen from the worker (`services.card.card.Card`): it signs over the channel."""

    def __init__(self, channel: Channel, certificate_pem: str) -> None:
        self._channel = channel
        self._certificate = x509.load_pem_x509_certificate(certificate_pem.encode("ascii"))
        self._id = certificate_id(self._certificate)

    @property
    def unlocked(self) -> bool:
        return not self._channel.closed

    def holder(self) -> CardHolder:
        return CardHolder.of(self._certificate)

    def certificate(self) -> x509.Certificate:
        return self._certificate

    def pin_state(self) -> PinState:
        raise CardError(CARD_NOT_UNLOCKED, detail="compteur lu par l'interface seulement")

    def login(self, pin: str) -> None:
        raise CardError(CARD_NOT_UNLOCKED, detail="le code PIN se saisit dans l'interface")

    def sign(self, data: bytes, mechanism: SignMechanism) -> bytes:
        """Blocking (a thread of the worker): the GUI signs with the card, if it still holds this one."""
        try:
            answer = self._channel.call("sign", SIGN_TIMEOUT, card=self._id, mechanism=mechanism.value,
                                        data=data.hex())
        except ChannelClosed as exc:
            raise CardError(CARD_NOT_UNLOCKED, detail=str(exc)) from None
        return bytes.fromhex(answer)

    def logout(self) -> None:
        """The GUI's session ends the card's; nothing is held here."""


class RemoteTokens:
    """The acting user's Pro Santé Connect access token, refreshed by the GUI (`PscSignIn.access_token`)."""

    def __init__(self, channel: Channel) -> None:
        self._channel = channel

    async def access_token(self) -> str:
        """Raises: PscError (SESSION_ENDED once the user signed out or the GUI is gone)."""
        try:
            return str(await self._channel.acall("token", SIGN_TIMEOUT))
        except ChannelClosed as exc:
            raise PscError(SESSION_ENDED, detail=str(exc)) from None


@dataclass(frozen=True)
class RemoteSession(SessionIdentity):
    """The `ActingSession` of the worker process: the API of `lgc_app.session.Session` the handlers use."""

    card: RemoteCard | None = field(default=None, compare=False, repr=False)
    psc: RemoteTokens | None = field(default=None, compare=False, repr=False)


def session_from_wire(data: Mapping[str, Any] | None, workstation: Workstation, channel: Channel
                      ) -> RemoteSession | None:
    if data is None:
        return None
    user_data = data["user"]
    practitioner = user_data.get("practitioner")
    user = User(user_data["login"], user_data["display_name"], UserRole(user_data["role"]),
                PractitionerIdentity(**practitioner) if practitioner else None)
    card = RemoteCard(channel, data["card"]) if data.get("card") else None
    return RemoteSession(user, workstation, Authentication(data["authentication"]), card,
                         RemoteTokens(channel) if data.get("psc") else None)


class SessionMirror:
    """The session acting in the GUI, as last asked (`current`, what the handlers' `session` callable gives)."""

    def __init__(self, channel: Channel, workstation: Workstation) -> None:
        self._channel = channel
        self._workstation = workstation
        self._current: RemoteSession | None = None

    def current(self) -> RemoteSession | None:
        return self._current

    async def refresh(self) -> None:
        """Ask the GUI who acts now; without an answer nobody does (the structure's access applies)."""
        try:
            data = await self._channel.acall("session", SESSION_TIMEOUT)
        except ChannelClosed:
            data = None
        self._current = session_from_wire(data, self._workstation, self._channel)

    def refreshing(self, handlers: Mapping[str, Handler]) -> dict[str, Handler]:
        """The same handlers, each order first asking who acts now. A handler serving several kinds stays
        one object (its connection is shared)."""
        wrapped: dict[int, _Refreshing] = {}
        return {kind: wrapped.setdefault(id(handler), _Refreshing(handler, self))
                for kind, handler in handlers.items()}


class _Refreshing:
    """A handler run after a session refresh; `prepare`/`aclose` pass through (the worker looks them up)."""

    def __init__(self, handler: Handler, mirror: SessionMirror) -> None:
        self._handler = handler
        self._mirror = mirror

    async def __call__(self, ctx: OrderContext) -> HandlerResult:
        await self._mirror.refresh()
        try:
            return await self._handler(ctx)
        except (CardError, PscError) as exc:
            # The GUI's credentials went away meanwhile (card removed, user signed out): the order waits for
            # them, with the card's or PSC's own reason.
            raise TransientSendError(exc.text_for(Retry.AUTOMATIC), detail=exc.detail) from None

    async def prepare(self) -> None:
        prepare = getattr(self._handler, "prepare", None)
        if prepare is not None:
            await prepare()

    async def aclose(self) -> None:
        aclose = getattr(self._handler, "aclose", None)
        if aclose is not None:
            await aclose()
