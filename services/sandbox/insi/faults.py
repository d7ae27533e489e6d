"""The simulator's SOAP 1.2 Faults and their codes (PROTOCOLS.md §2.4: the exact values are the sandbox's).

A Fault carries a SIRAM code in `Code/Subcode/Value` and a DESIR code in `Detail/siram:Erreur/@code`, with
`messageID` (the request's `wsa:MessageID`) and `severite`, as the qualification platform does.

SIRAM code (SOAP code) / DESIR code: refusal

- `siram_10` (Sender) / `insi_001`: not a SOAP 1.2 envelope, wrong media type, no `wsa:MessageID`, body
  element not the one of the action; `insi_002`: `wsa:Action` missing; `insi_003`: `wsa:Action` unknown.
- `siram_15` (Sender) / `insi_010`: `ctxlps:ContexteLPS` missing; `insi_011`: ContexteLPS badly formed
  (`Nature`≠CTXLPS, `Version`≠01_00, no `LPS/IDAM` with `R="4"`, no `LPS/Version`, `Instance` or `Nom`);
  `insi_012`: `ctxbam:ContexteBAM` missing, `Version`≠01_02, or not shaped as the CTXBAM schema (`ctxbam.py`).
- `siram_20` (Sender), invalid data / `insi_201`: `NomNaissance` not `^[A-Z' -]+$`; `insi_202`: `Prenom`
  neither one name `^[A-Z'-]+$` nor the whole list of names separated by single spaces (§2.0); `insi_203`:
  `Sexe` not M/F; `insi_204`: `DateNaissance` not a real `AAAA-MM-JJ` date (day, or day and month, `00`
  allowed) or in the future; `insi_205`: `LieuNaissance` not 5 characters;
  `insi_206`: supplied matricule (verification) of bad shape or mod-97 key; `insi_207`: carte
  Vitale number of bad shape or key (also a ContexteBAM `Num`/`Cle` not shaped as the schema says, or an
  `ASSURE` other than `MatriculeOD`); `insi_208`: `RangNaissance` not 1–9; `insi_209`: a required element
  is missing.
- `siram_40` (Receiver) / `insi_102`: injected fault, service temporarily unavailable.
"""

from __future__ import annotations

import uuid

from lxml import etree

NS_SOAP = "http://www.w3.org/2003/05/soap-envelope"
NS_SIRAM = "urn:siram"


class Refusal(Exception):
    """The request is refused: answer with a Fault carrying these codes (`receiver`: the server's fault)."""

    def __init__(self, siram: str, desir: str, text: str, *, receiver: bool = False) -> None:
        super().__init__(f"{siram}/{desir}: {text}")
        self.siram = siram
        self.desir = desir
        self.text = text
        self.receiver = receiver
        self.message_id: str | None = None


def malformed(text: str) -> Refusal:
    return Refusal("siram_10", "insi_001", text)


def context_refusal(desir: str, text: str) -> Refusal:
    return Refusal("siram_15", desir, text)


def data_refusal(desir: str, text: str) -> Refusal:
    return Refusal("siram_20", desir, text)


UNAVAILABLE = Refusal("siram_40", "insi_102", "Le service est temporairement inaccessible. Veuillez "
                      "renouveler votre demande ultérieurement.", receiver=True)


def fault_envelope(refusal: Refusal, message_id: str | None) -> bytes:
    soap = f"{{{NS_SOAP}}}"
    root = etree.Element(f"{soap}Envelope", nsmap={"S": NS_SOAP, "siram": NS_SIRAM})
    fault = etree.SubElement(etree.SubElement(root, f"{soap}Body"), f"{soap}Fault")
    code = etree.SubElement(fault, f"{soap}Code")
    etree.SubElement(code, f"{soap}Value").text = "S:Receiver" if refusal.receiver else "S:Sender"
    etree.SubElement(etree.SubElement(code, f"{soap}Subcode"), f"{soap}Value").text = f"siram:{refusal.siram}"
    reason = etree.SubElement(etree.SubElement(fault, f"{soap}Reason"), f"{soap}Text")
    reason.set("{http://www.w3.org/XML/1998/namespace}lang", "fr")
    reason.text = refusal.text
    erreur = etree.SubElement(etree.SubElement(fault, f"{soap}Detail"), f"{{{NS_SIRAM}}}Erreur")
    erreur.set("code", refusal.desir)
    erreur.set("messageID", message_id or f"uuid:{uuid.uuid4()}")
    erreur.set("severite", "fatal" if refusal.receiver else "erreur")
    erreur.text = refusal.text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
