"""The operator's checks of a submitted message at the end of DATA (PROTOCOLS §4.0, §4.3, §8 "MSSanté").

`X-MSS-NIL` on every message; the header `From` owned by the authenticated identity; when an `IHE_XDM.ZIP`
(either case) is attached, a sound archive (xdm_check.py), `X-MSS-CODECDA` listing its CDA codes and
`X-MSS-INS` saying whether it carries a qualified INS, and a single patient for the whole message.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import Message
from email.utils import getaddresses

from services.sandbox.mss.xdm_check import Archive, XdmRefused, check_archive

XDM_NAME = "ihe_xdm.zip"


class MessageRefused(ValueError):
    """Refused at DATA; `status` is the SMTP code and enhanced status, the message says why (French)."""

    def __init__(self, status: str, text: str) -> None:
        super().__init__(text)
        self.status = status


@dataclass(frozen=True)
class CheckedMessage:
    message: Message
    archives: tuple[Archive, ...]

    @property
    def wants_mdn(self) -> str:
        """The `Disposition-Notification-To` address, or ""."""
        found = getaddresses([str(self.message.get("Disposition-Notification-To", ""))])
        return found[0][1] if found and found[0][1] else ""


def check_message(raw: bytes, owned: set[str]) -> CheckedMessage:
    """`owned`: the addresses the authenticated identity may send as."""
    message = message_from_bytes(raw, policy=policy.compat32)
    if message.defects and not message.get("From"):
        raise MessageRefused("554 5.6.0", "message MIME illisible")
    senders = [address.lower() for _, address in getaddresses(message.get_all("From", [])) if address]
    if not senders or any(sender not in owned for sender in senders):
        raise MessageRefused("550 5.7.1", f"en-tête From ({', '.join(senders) or 'absent'}) non détenu par "
                                          "l'identité authentifiée")
    if not str(message.get("X-MSS-NIL", "")).strip():
        raise MessageRefused("554 5.6.0", "en-tête X-MSS-NIL absent (référence produit du logiciel)")
    archives = tuple(_check_archive(part) for part in message.walk() if _is_xdm(part))
    if archives:
        _check_headers(message, archives)
    return CheckedMessage(message, archives)


def _is_xdm(part: Message) -> bool:
    names = (part.get_filename() or "", str(part.get_param("name", "") or ""))
    return not part.is_multipart() and any(name.strip().lower() == XDM_NAME for name in names)


def _check_archive(part: Message) -> Archive:
    encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    payload = part.get_payload()
    if encoding != "base64" or not isinstance(payload, str):
        raise MessageRefused("554 5.6.0", "IHE_XDM.ZIP doit être joint en base64")
    try:
        data = base64.b64decode("".join(payload.split()), validate=True)
    except (binascii.Error, ValueError):
        raise MessageRefused("554 5.6.0", "IHE_XDM.ZIP : encodage base64 invalide") from None
    try:
        return check_archive(data)
    except XdmRefused as exc:
        raise MessageRefused("554 5.6.0", str(exc)) from None


def _check_headers(message: Message, archives: tuple[Archive, ...]) -> None:
    patients = frozenset().union(*(archive.patient_ids for archive in archives))
    if len(patients) > 1:
        raise MessageRefused("554 5.6.0", "un message MSSanté ne concerne qu'un seul patient : les archives "
                                          "IHE_XDM nomment plusieurs patients")
    codes = [code for archive in archives for code in archive.cda_codes]
    declared = [code.strip() for code in str(message.get("X-MSS-CODECDA", "")).split(",") if code.strip()]
    if sorted(declared) != sorted(codes):
        raise MessageRefused("554 5.6.0", f"X-MSS-CODECDA ({','.join(declared) or 'absent'}) ne correspond pas "
                                          f"aux documents de l'archive ({','.join(codes) or 'aucun CDA'})")
    expected = "O" if all(archive.qualified_ins for archive in archives) else "N"
    declared_ins = str(message.get("X-MSS-INS", "")).strip().upper()
    if declared_ins != expected:
        raise MessageRefused("554 5.6.0", f"X-MSS-INS ({declared_ins or 'absent'}) ne correspond pas à l'archive "
                                          f"(attendu {expected})")
