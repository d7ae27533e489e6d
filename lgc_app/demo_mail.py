"""First start of `lgc --demo`: two messages "from other software" put in the practice's sandbox mailbox, so a
newcomer sees the MSSanté inbox at work: a lab report for DUPONT Élodie (qualified identity: integrated with
its results) and a liaison letter for MARTIN Jean-Pierre (identity retrieved, not qualified: to match by hand).

They are injected through the simulator's control route (`POST /mss/_control/inject`, services/sandbox/mss),
which builds them from the CI-SIS examples. Blocking (HTTP): call it off the GUI thread.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import httpx

from lgc_app.config import Settings
from lgc_app.demo_seed import PATIENTS
from services.insi import InsiIdentity
from services.transport import TlsMaterial, make_ssl_context

log = logging.getLogger("lgc.demo")

LAB_REPORT = "BIO-CR-BIO_2024.01_TSH_1.xml"
LETTER = "LDL-SES_2022.01.xml"
_DUPONT, _MARTIN = PATIENTS[0].insi, PATIENTS[1].insi


def _identity(insi: InsiIdentity | None) -> dict[str, str]:
    assert insi is not None  # both demo patients carry an INSi answer
    # the patient's own INS OID (the test NIR's): the inject route's default (the real NIR's) would not match
    return {"ins": insi.matricule, "oid": insi.oid, "family": insi.birth_name or "",
            "given": " ".join(insi.given_names), "birth_date": insi.birth_date or "", "sex": insi.sex or ""}


def control_url(settings: Settings) -> str:
    """The simulator's control routes: on the sandbox's server-authenticated listener, which also serves the
    Annuaire simulator (services/sandbox: one listener per TLS mode)."""
    parts = urlsplit(settings["services.annuaire_url"])
    return f"{parts.scheme}://{parts.netloc}/mss/_control"


def seed_demo_mail(settings: Settings) -> int:
    """Inject the two demonstration messages into `mss.mailbox`; returns how many arrived (0 outside the demo,
    or when the sandbox cannot build them, e.g. without the CI-SIS examples: the demo goes on without them)."""
    mailbox = settings["mss.mailbox"]
    if not settings["demo.sandbox"] or not mailbox:
        return 0
    wanted = ((LAB_REPORT, _identity(_DUPONT)), (LETTER, _identity(_MARTIN)))
    injected = 0
    with httpx.Client(base_url=control_url(settings), verify=make_ssl_context(TlsMaterial(settings["tls.ca_file"])),
                      timeout=60.0) as http:
        for example, patient in wanted:
            try:
                response = http.post("/inject", json={"to": mailbox, "example": example, "patient": patient})
            except httpx.HTTPError as exc:
                log.warning("demo message %s not injected: %s", example, type(exc).__name__)
                continue
            if response.is_success:
                injected += 1
            else:
                log.warning("demo message %s not injected (HTTP %s)", example, response.status_code)
    return injected
