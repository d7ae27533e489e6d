"""The MSSanté simulator's SMTP submission (PROTOCOLS §4, §8 "MSSanté"): TLS and authentication, sender and
recipient refusals, content checks, delivery, DSN and MDN, faults — with smtplib only."""

from __future__ import annotations

import base64
import smtplib
import ssl
import time
import uuid
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

import pytest

from services.sandbox.server import RunningSandbox
from tests.helpers.mss_sim import (
    APPLICATIVE,
    CARDIO,
    CLOSED_PATIENT,
    DUPONT,
    PRACTITIONER,
    SOFTWARE,
    bearer,
    control,
    inject,
    messages,
    parsed,
    port,
    psc_token,
    raw,
    rezip,
    smtp,
    smtp_applicative,
    wait_for,
    wire,
    with_xdm,
    xdm_of,
)


def _plain(sender: str, to: str, **headers: str) -> tuple[str, bytes]:
    message = MIMEText("Bonjour", "plain", "utf-8")
    message_id = f"<{uuid.uuid4()}@test>"
    for name, value in {"From": sender, "To": to, "Subject": "essai", "Message-ID": message_id,
                        "X-MSS-NIL": "LGC-TEST", **headers}.items():
        if value:
            message[name] = value
    return message_id, wire(message)


def _find(sandbox: RunningSandbox, address: str, message_id: str) -> dict[str, object] | None:
    return next((m for m in messages(sandbox, address) if m["message_id"] == message_id), None)


def _reports_about(sandbox: RunningSandbox, address: str, message_id: str) -> list[bytes]:
    found = []
    for summary in messages(sandbox, address):
        data = raw(sandbox, address, int(summary["uid"]))
        if b"multipart/report" in data and message_id.encode() in data:
            found.append(data)
    return found


@pytest.fixture(scope="module")
def xdm_template(sandbox: RunningSandbox) -> bytes:
    """An injected lab report, re-addressed as if the applicative box sent it to the cardiologist."""
    answer = inject(sandbox, APPLICATIVE)
    message = parsed(raw(sandbox, APPLICATIVE, answer["uid"]))
    del message["Return-Path"], message["From"], message["To"], message["Disposition-Notification-To"]
    message["From"], message["To"] = APPLICATIVE, CARDIO
    return wire(message)


def _variant(template: bytes, **headers: str) -> tuple[str, object]:
    message = parsed(template)
    message_id = f"<{uuid.uuid4()}@test>"
    del message["Message-ID"]
    message["Message-ID"] = message_id
    for name, value in headers.items():
        del message[name]
        if value:
            message[name] = value
    return message_id, message


def _send_refused(sandbox: RunningSandbox, data: bytes, sender: str = APPLICATIVE, to: str = CARDIO) -> str:
    with smtp_applicative(sandbox) as client, pytest.raises(smtplib.SMTPDataError) as caught:
        client.sendmail(sender, [to], data)
    assert 500 <= caught.value.smtp_code < 600
    return caught.value.smtp_error.decode()


# TLS and authentication


def test_nothing_but_starttls_in_clear(sandbox: RunningSandbox) -> None:
    with smtplib.SMTP("127.0.0.1", port(sandbox, "mss_smtp"), timeout=30) as client:
        client.ehlo()
        assert client.has_extn("starttls") and not client.has_extn("auth")
        code, text = client.docmd("MAIL", f"FROM:<{APPLICATIVE}>")
        assert code == 530 and b"STARTTLS" in text
        assert client.docmd("AUTH", "EXTERNAL =")[0] == 530


def test_mail_needs_authentication_after_tls(sandbox: RunningSandbox) -> None:
    with smtp(sandbox) as client:
        assert client.docmd("MAIL", f"FROM:<{APPLICATIVE}>")[0] == 530


def test_external_and_login_need_a_client_certificate(sandbox: RunningSandbox) -> None:
    with smtp(sandbox) as client:
        mechanisms = client.esmtp_features["auth"].split()
        assert "XOAUTH2" in mechanisms and "OAUTHBEARER" in mechanisms
        assert "EXTERNAL" not in mechanisms and "LOGIN" not in mechanisms
        code, text = client.docmd("AUTH", "EXTERNAL =")
        assert code == 535 and b"certificat" in text
        assert client.docmd("AUTH", "LOGIN")[0] == 538


def test_a_certificate_of_an_unknown_ca_fails_the_handshake(sandbox: RunningSandbox) -> None:
    with pytest.raises((ssl.SSLError, smtplib.SMTPServerDisconnected, ConnectionError)), \
            smtp(sandbox, "unknown") as client:
        client.docmd("AUTH", "EXTERNAL =")


def test_the_cps_certificate_does_not_own_the_applicative_box(sandbox: RunningSandbox) -> None:
    with smtp(sandbox, "cps") as client:
        code, text = client.docmd("AUTH", "EXTERNAL " + _b64(APPLICATIVE))
        assert code == 535 and b"ne detient pas" in text


def test_external_with_the_structure_certificate(sandbox: RunningSandbox) -> None:
    with smtp(sandbox, "structure") as client:
        assert {"EXTERNAL", "LOGIN"} <= set(client.esmtp_features["auth"].split())
        assert client.docmd("AUTH", "EXTERNAL " + _b64(APPLICATIVE))[0] == 235


def test_login_after_the_client_certificate(sandbox: RunningSandbox) -> None:
    with smtp(sandbox, "structure") as client, pytest.raises(smtplib.SMTPAuthenticationError):
        client.login(APPLICATIVE, "mauvais")
    with smtp(sandbox, "structure") as client:
        client.login(APPLICATIVE, "bal-applicative-sandbox")


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


@pytest.fixture(scope="module")
def token(sandbox: RunningSandbox) -> str:
    return psc_token(sandbox, "51")


@pytest.mark.parametrize("mechanism", ["XOAUTH2", "OAUTHBEARER"])
def test_bearer_with_a_real_psc_token_sends_as_the_practitioner(sandbox: RunningSandbox, token: str,
                                                                mechanism: str) -> None:
    with smtp(sandbox) as client:
        code, text = client.docmd("AUTH", f"{mechanism} {bearer(PRACTITIONER, token, mechanism)}")
        assert code == 235, text
        message_id, data = _plain(PRACTITIONER, CARDIO)
        client.sendmail(PRACTITIONER, [CARDIO], data)
        code, text = client.docmd("MAIL", f"FROM:<{APPLICATIVE}>")  # not his box
        assert code == 553 and b"5.7.1" in text
    assert _find(sandbox, CARDIO, message_id) is not None


def test_bearer_refusals(sandbox: RunningSandbox, token: str) -> None:
    for user, value in ((PRACTITIONER, "forged." + token[7:]), (CARDIO, token)):
        with smtp(sandbox) as client:
            code, _ = client.docmd("AUTH", "XOAUTH2 " + bearer(user, value))
            assert code == 334  # the JSON error, then the client's empty answer, then the refusal
            code, text = client.docmd("")
            assert code == 535, text


def test_an_expired_token_is_refused(sandbox: RunningSandbox) -> None:
    short = psc_token(sandbox, "52", client_id="lgc-segur-short")  # 2 s access tokens
    time.sleep(3)
    with smtp(sandbox) as client:
        assert client.docmd("AUTH", "XOAUTH2 " + bearer(PRACTITIONER, short))[0] == 334
        code, text = client.docmd("")
        assert code == 535 and b"expire" in text


# envelope and content


def test_sender_and_recipient_refusals(sandbox: RunningSandbox) -> None:
    with smtp_applicative(sandbox) as client:
        code, text = client.docmd("MAIL", f"FROM:<{CARDIO}>")
        assert code == 553 and b"5.7.1" in text
        client.rset()
        assert client.docmd("MAIL", f"FROM:<{APPLICATIVE}>")[0] == 250
        for address, expected in (("inconnu@cardio.mssante.fr", b"5.1.1"),
                                  ("285037505612399@patient.mssante.fr", b"5.1.3"),  # wrong key
                                  ("28503750561230@patient.mssante.fr", b"5.1.3"),  # 14 characters
                                  ("299017512345649@patient.mssante.fr", b"5.1.1")):  # valid key, nobody
            code, text = client.docmd("RCPT", f"TO:<{address}>")
            assert code >= 550 and expected in text, (address, text)
        for address in (DUPONT, "271072A00400962@patient.mssante.fr", "149012b03361434@patient.mssante.fr", CARDIO):
            assert client.docmd("RCPT", f"TO:<{address}>")[0] == 250, address


def test_content_refusals(sandbox: RunningSandbox) -> None:
    _, data = _plain(APPLICATIVE, CARDIO, **{"X-MSS-NIL": ""})
    assert "X-MSS-NIL" in _send_refused(sandbox, data)
    _, data = _plain(CARDIO, CARDIO)
    assert "From" in _send_refused(sandbox, data)


def test_a_faithful_injected_message_is_accepted(sandbox: RunningSandbox, xdm_template: bytes) -> None:
    message_id, message = _variant(xdm_template)
    with smtp_applicative(sandbox) as client:
        client.sendmail(APPLICATIVE, [CARDIO], wire(message))
    assert _find(sandbox, CARDIO, message_id) is not None


def test_headers_must_agree_with_the_archive(sandbox: RunningSandbox, xdm_template: bytes) -> None:
    _, message = _variant(xdm_template, **{"X-MSS-CODECDA": "11488-4"})
    assert "X-MSS-CODECDA" in _send_refused(sandbox, wire(message))
    _, message = _variant(xdm_template, **{"X-MSS-INS": "N"})
    assert "X-MSS-INS" in _send_refused(sandbox, wire(message))


def _spoiled(template: bytes, change: object) -> bytes:
    _, message = _variant(template)
    return with_xdm(message, rezip(xdm_of(message), change))  # type: ignore[arg-type]


def test_archive_refusals(sandbox: RunningSandbox, xdm_template: bytes) -> None:
    def doc(files: list[tuple[str, bytes]]) -> bytes:
        return next(data for name, data in files if name.endswith("DOC0001.XML"))

    cases = {
        "sort de son dossier": lambda files: [*files, ("IHE_XDM/SUBSET01/../../../X.TXT", b"x")],
        "METADATA.XML absent": lambda files: [f for f in files if not f[0].endswith("METADATA.XML")],
        "empreinte SHA-1": lambda files: [(n, d.replace(b"<title>", b"<titlE>") if n.endswith("DOC0001.XML") else d)
                                          for n, d in files],
        "taille": lambda files: [(n, d + b" " if n.endswith("DOC0001.XML") else d) for n, d in files],
        "deux fois": lambda files: [*files, ("IHE_XDM/SUBSET01/doc0001.xml", doc(files))],
        "taux de compression": lambda files: [*files, ("IHE_XDM/SUBSET01/ZERO.BIN", bytes(5_000_000))],
    }
    for reason, change in cases.items():
        text = _send_refused(sandbox, _spoiled(xdm_template, change))
        assert reason in text, text


def test_one_patient_per_message(sandbox: RunningSandbox, xdm_template: bytes) -> None:
    other = inject(sandbox, APPLICATIVE, patient={"ins": "285037505612306", "oid": "1.2.250.1.213.1.4.10",
                                                  "family": "DUPONT", "given": "ELODIE", "birth_date": "1985-03-14",
                                                  "sex": "F"})
    second = xdm_of(parsed(raw(sandbox, APPLICATIVE, other["uid"])))
    _, message = _variant(xdm_template, **{"X-MSS-CODECDA": "11502-2,11502-2"})
    attachment = MIMEApplication(second, "zip", name="ihe_xdm.zip")  # either case of the name counts
    attachment.add_header("Content-Disposition", "attachment", filename="ihe_xdm.zip")
    message.attach(attachment)  # type: ignore[attr-defined]
    assert "seul patient" in _send_refused(sandbox, wire(message))  # type: ignore[attr-defined]


# delivery, DSN, MDN


def test_dsn_with_envid_for_success_and_closed_patient_box(sandbox: RunningSandbox) -> None:
    message_id, data = _plain(APPLICATIVE, CARDIO)
    with smtp_applicative(sandbox) as client:
        client.sendmail(APPLICATIVE, [CARDIO, CLOSED_PATIENT], data, mail_options=["RET=HDRS", "ENVID=lgc+2B42"],
                        rcpt_options=["NOTIFY=SUCCESS,FAILURE"])
    assert _find(sandbox, CARDIO, message_id) is not None
    report = parsed(wait_for(lambda: _reports_about(sandbox, APPLICATIVE, message_id))[0])
    assert report.get_content_type() == "multipart/report"
    assert report.get_param("report-type") == "delivery-status"
    status = report.get_payload(1)
    blocks = status.get_payload()
    assert blocks[0]["Original-Envelope-Id"] == "lgc+42"
    outcomes = {b["Final-Recipient"]: (b["Action"], b["Status"]) for b in blocks[1:]}
    assert outcomes == {f"rfc822; {CARDIO}": ("delivered", "2.0.0"),
                        f"rfc822; {CLOSED_PATIENT}": ("failed", "5.2.1")}
    assert b"messagerie ferm" in raw(sandbox, APPLICATIVE, _uid_of_report(sandbox, message_id))


def _uid_of_report(sandbox: RunningSandbox, message_id: str) -> int:
    for summary in messages(sandbox, APPLICATIVE):
        if message_id.encode() in raw(sandbox, APPLICATIVE, int(summary["uid"])) and \
                summary["subject"].startswith("Rapport"):
            return int(summary["uid"])
    raise AssertionError("no report")


def test_no_dsn_for_success_unless_asked(sandbox: RunningSandbox) -> None:
    message_id, data = _plain(APPLICATIVE, CARDIO)
    with smtp_applicative(sandbox) as client:
        client.sendmail(APPLICATIVE, [CARDIO], data)
    assert _find(sandbox, CARDIO, message_id) is not None
    assert _reports_about(sandbox, APPLICATIVE, message_id) == []


def test_over_25_mb_to_a_patient_comes_back_undelivered(sandbox: RunningSandbox) -> None:
    message = MIMEMultipart()
    message_id = f"<{uuid.uuid4()}@test>"
    for name, value in {"From": APPLICATIVE, "To": DUPONT, "Subject": "gros", "Message-ID": message_id,
                        "X-MSS-NIL": "LGC-TEST"}.items():
        message[name] = value
    message.attach(MIMEApplication(bytes(26 * 1024 * 1024), "octet-stream", name="gros.bin"))
    with smtp_applicative(sandbox) as client:
        client.sendmail(APPLICATIVE, [DUPONT], wire(message))
    assert _find(sandbox, DUPONT, message_id) is None
    report = wait_for(lambda: _reports_about(sandbox, APPLICATIVE, message_id))[0]
    assert b"Action: failed" in report and b"Status: 5.3.4" in report


def test_mdn_when_the_correspondent_reads(sandbox: RunningSandbox) -> None:
    message_id, data = _plain(APPLICATIVE, CARDIO, **{"Disposition-Notification-To": APPLICATIVE})
    with smtp_applicative(sandbox) as client:
        client.sendmail(APPLICATIVE, [CARDIO], data)
    assert _reports_about(sandbox, APPLICATIVE, message_id) == []  # a person: nothing before reading
    with control(sandbox) as http:
        assert http.post("/read", json={"mailbox": CARDIO, "message_id": message_id}).status_code == 200
        assert http.post("/read", json={"mailbox": CARDIO, "message_id": "<absent@x>"}).status_code == 404
    report = parsed(wait_for(lambda: _reports_about(sandbox, APPLICATIVE, message_id))[0])
    assert report.get_param("report-type") == "disposition-notification"
    notification = wire(report.get_payload(1))
    assert f"Original-Message-ID: {message_id}".encode() in notification
    assert b"Disposition: manual-action/MDN-sent-manually; displayed" in notification
    assert _find(sandbox, CARDIO, message_id)["seen"] is True  # type: ignore[index]


@pytest.mark.parametrize("recipient", [DUPONT, SOFTWARE])
def test_patient_and_software_boxes_answer_mdn_automatically(sandbox: RunningSandbox, recipient: str) -> None:
    message_id, data = _plain(APPLICATIVE, recipient, **{"Disposition-Notification-To": APPLICATIVE})
    with smtp_applicative(sandbox) as client:
        client.sendmail(APPLICATIVE, [recipient], data)
    report = wait_for(lambda: _reports_about(sandbox, APPLICATIVE, message_id))[0]
    assert b"Disposition: automatic-action/MDN-sent-automatically; processed" in report
    assert f"Final-Recipient: rfc822; {recipient}".encode() in report


def test_the_patient_replies_to_reply_to_until_the_exchange_is_ended(sandbox: RunningSandbox) -> None:
    open_id, data = _plain(APPLICATIVE, DUPONT, **{"Reply-To": PRACTITIONER})
    ended_id, ended = _plain(APPLICATIVE, DUPONT, **{"X-MSS-MES": "FIN"})
    with smtp_applicative(sandbox) as client:
        client.sendmail(APPLICATIVE, [DUPONT], data)
        client.sendmail(APPLICATIVE, [DUPONT], ended)
    with control(sandbox) as http:
        answer = http.post("/reply", json={"mailbox": DUPONT, "message_id": open_id, "text": "Merci docteur"})
        assert answer.json() == {"to": PRACTITIONER}
        refused = http.post("/reply", json={"mailbox": DUPONT, "message_id": ended_id, "text": "Et ensuite ?"})
        assert refused.status_code == 409 and "FIN" in refused.json()["error"]


# faults and latency


def test_faults_at_greeting_and_end_of_data(sandbox: RunningSandbox) -> None:
    sandbox.set_faults(fail_next=["error"])
    with pytest.raises(smtplib.SMTPConnectError) as caught:
        smtplib.SMTP("127.0.0.1", port(sandbox, "mss_smtp"), timeout=30)
    assert caught.value.smtp_code == 421
    sandbox.set_faults(fail_next=["drop"])
    with pytest.raises((smtplib.SMTPServerDisconnected, ConnectionError)):
        smtplib.SMTP("127.0.0.1", port(sandbox, "mss_smtp"), timeout=30)
    message_id, data = _plain(APPLICATIVE, CARDIO)
    with smtp_applicative(sandbox) as client:
        sandbox.set_faults(fail_next=["error"])
        with pytest.raises(smtplib.SMTPDataError) as temporary:
            client.sendmail(APPLICATIVE, [CARDIO], data)
    assert temporary.value.smtp_code == 451
    assert _find(sandbox, CARDIO, message_id) is None


def test_a_send_takes_about_twice_the_latency(sandbox: RunningSandbox) -> None:
    sandbox.set_faults(latency=0.4)
    _, data = _plain(APPLICATIVE, CARDIO)
    started = time.monotonic()
    with smtp_applicative(sandbox) as client:
        client.sendmail(APPLICATIVE, [CARDIO], data)
    assert 0.8 <= time.monotonic() - started < 5.0
