"""How a DMP call is authenticated, decided from the session (PROTOCOLS §3.0, §3.5, §5.0).

- the acting practitioner signed in with a CPS card and speaks for themselves: the card signs the VIHF and
  the submission sets, `Authentification_Mode` DIRECTE, `AuthnContextClassRef` SmartcardPKI. TLS stays with
  the workstation's certificate: the card's key signs, it does not open the connection;
- the practitioner signed in with Pro Santé Connect: the VIHF carries the PSC identity (NameID = the
  `SubjectNameID`, the `8`-prefixed RPPS) with `MobileTwoFactorUnregistered`, INDIRECTE, signed by the
  structure (§5.0: the structure signs for a PSC user);
- anyone else (a secretary, a slave user, the headless worker, a document whose author is not the user) and
  a practitioner whose card is gone: the connection's own access, the structure's certificates in indirect
  mode (or the CPS files of a workstation configured in direct mode).

The decision is recorded in the send order's trace (`DmpAccess.label`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lgc_app.session import ActingSession, Authentication, PractitionerIdentity
from services.card.card import CardError, CardHolder
from services.card.key import card_signing_key
from services.dmp import constants as c
from services.dmp.vihf import VihfSigner

if TYPE_CHECKING:
    from lgc_app.dmp.client_factory import DmpConnection


class AccessKind(enum.Enum):
    CARD = "cps"
    PRO_SANTE_CONNECT = "psc"
    WORKSTATION = "poste"  # the connection's certificates


@dataclass(frozen=True)
class DmpAccess:
    """The authentication of the calls made for one practitioner.

    Attributes:
        authentication: (Authentification_Mode, AuthnContextClassRef) of the VIHF.
        signer: signs the VIHF and the XAdES of the submission sets; None: the connection's signing key.
        label: French, for the send order's trace.
    """

    kind: AccessKind
    authentication: tuple[str, str]
    signer: VihfSigner | None
    label: str


def _speaks_for_user(session: ActingSession | None, practitioner: PractitionerIdentity) -> bool:
    user = session.user.practitioner if session is not None else None
    return user is not None and user.national_id == practitioner.national_id


def _card_access(session: ActingSession, practitioner: PractitionerIdentity) -> DmpAccess | None:
    card = session.card
    if card is None or not card.unlocked:
        return None
    try:
        key = card_signing_key(card)
    except CardError:
        return None  # card removed or reset since the PIN: the structure's access applies
    holder = CardHolder.of(key.certificate)
    if holder.national_id != practitioner.national_id:
        return None  # a card signs only for its holder
    return DmpAccess(AccessKind.CARD, (c.AUTH_MODE_DIRECT, c.AUTHN_CPS), VihfSigner.of(key),
                     f"carte CPS de {holder.display_name} (n° {holder.national_id}) : mode direct, "
                     "VIHF et lot de soumission signés par la carte")


def workstation_access(connection: DmpConnection) -> DmpAccess:
    if connection.authentication_mode == c.AUTH_MODE_INDIRECT:
        label = "certificats de la structure : mode indirect (ni carte CPS ni Pro Santé Connect)"
    else:
        label = "certificat CPS configuré sur le poste (fichiers) : mode direct"
    return DmpAccess(AccessKind.WORKSTATION, (connection.authentication_mode, connection.authn_context), None,
                     label)


def dmp_access(connection: DmpConnection, session: ActingSession | None,
               practitioner: PractitionerIdentity) -> DmpAccess:
    """How the calls made on behalf of `practitioner` are authenticated, with `session` acting (None: a
    process without user). No card I/O once the card is unlocked (its certificate was read with the PIN)."""
    if session is not None and _speaks_for_user(session, practitioner):
        if session.authentication is Authentication.CPS and (access := _card_access(session, practitioner)):
            return access
        if (session.authentication is Authentication.PRO_SANTE_CONNECT
                and connection.authentication_mode == c.AUTH_MODE_INDIRECT):
            return DmpAccess(AccessKind.PRO_SANTE_CONNECT, (c.AUTH_MODE_INDIRECT, c.AUTHN_ECPS), None,
                             f"Pro Santé Connect (e-CPS) de {practitioner.display_name} "
                             f"(n° {practitioner.national_id}) : mode indirect, VIHF signé par la structure")
    return workstation_access(connection)
