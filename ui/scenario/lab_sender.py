"""Another software (a laboratory's) sends a lab report about the scenario's patient to the practice's mailbox:
the MSSanté simulator's `/mss/_control/inject` route builds it from the CI-SIS example (`lgc_app.demo_mail`).

Only the sandbox has that route: a scenario runs on a demonstration or test workstation, never on a real operator.
"""

from __future__ import annotations

import httpx

from lgc_app.config import Settings
from lgc_app.demo_mail import LAB_REPORT, control_url
from lgc_app.patients.views import PatientView
from services.transport import TlsMaterial, make_async_client
from ui.tasks import run_in_thread

WAIT_SECONDS = 60.0  # the sandbox's latency applies to its control routes too


class LabError(RuntimeError):
    """The sandbox did not take the lab report."""


def identity(patient: PatientView) -> dict[str, str]:
    """The patient's traits as the laboratory's report carries them (the four traits and the INS)."""
    return {"ins": patient.ins_matricule or "", "oid": patient.ins_oid or "", "family": patient.birth_name,
            "given": patient.birth_given_names, "birth_date": patient.birth_date, "sex": patient.sex.value}


async def send_lab_report(settings: Settings, patient: PatientView) -> str:
    """Put a lab report about `patient` in `mss.mailbox`; returns its Message-ID."""
    http = await run_in_thread(make_async_client, TlsMaterial(ca_file=settings["tls.ca_file"]), timeout=WAIT_SECONDS)
    try:
        answer = await http.post(control_url(settings) + "/inject", json={
            "to": settings["mss.mailbox"], "example": LAB_REPORT, "patient": identity(patient)})
        answer.raise_for_status()
        return str(answer.json()["message_id"])
    except (httpx.HTTPError, KeyError, ValueError) as exc:
        raise LabError(f"compte rendu de laboratoire (bac à sable) : {exc!r}") from exc
    finally:
        await http.aclose()
