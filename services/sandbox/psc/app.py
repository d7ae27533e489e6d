"""HTTP face of the PSC simulator: Keycloak's paths under the issuer (PROTOCOLS.md §5.1), the wallet's
authorize page, and `/_sandbox/…` control routes for tests (key rotation, the professional's CIBA answer).

The issuer is this simulator's own URL as the client reached it (`https://127.0.0.1:<port>/psc`).
"""

from __future__ import annotations

import base64
import binascii
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from services.sandbox.psc.clients import CLIENTS, RegisteredClient
from services.sandbox.psc.page import error_page, login_page
from services.sandbox.psc.people import BY_NATIONAL_ID, TEST_CODE, userinfo
from services.sandbox.psc.realm import ACR, Grant, OAuthRefusal, Realm

OIDC = "/protocol/openid-connect"
AUTHORIZE = "/wallet/auth"  # §5.0: the wallet is not under the issuer's path; the client reads it anyway


def issuer_of(request: Request) -> str:
    return f"{request.url.scheme}://{request.url.netloc}{request.scope.get('root_path', '')}"


def discovery(issuer: str) -> dict[str, Any]:
    return {
        "issuer": issuer, "authorization_endpoint": issuer + AUTHORIZE, "token_endpoint": issuer + OIDC + "/token",
        "userinfo_endpoint": issuer + OIDC + "/userinfo", "jwks_uri": issuer + OIDC + "/certs",
        "introspection_endpoint": issuer + OIDC + "/token/introspect",
        "revocation_endpoint": issuer + OIDC + "/revoke", "end_session_endpoint": issuer + OIDC + "/logout",
        "backchannel_authentication_endpoint": issuer + OIDC + "/ext/ciba/auth",
        "backchannel_token_delivery_modes_supported": ["poll"],
        "grant_types_supported": ["authorization_code", "refresh_token", "urn:openid:params:grant-type:ciba"],
        "response_types_supported": ["code"], "scopes_supported": ["openid", "scope_all"],
        "acr_values_supported": [ACR], "code_challenge_methods_supported": ["plain", "S256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "id_token_signing_alg_values_supported": ["RS256", "HS256"],
        "userinfo_signing_alg_values_supported": ["RS256"], "subject_types_supported": ["public"],
    }


def _refusal(exc: OAuthRefusal) -> JSONResponse:
    headers = {"WWW-Authenticate": 'Basic realm="esante-wallet"'} if exc.status == 401 else {}
    return JSONResponse({"error": exc.error, "error_description": exc.description}, status_code=exc.status,
                        headers=headers)


async def _form(request: Request) -> dict[str, str]:
    """An `application/x-www-form-urlencoded` body (what OAuth endpoints take, RFC 6749 §3.2); a repeated
    parameter keeps its first value."""
    pairs = parse_qsl((await request.body()).decode("utf-8", "replace"), keep_blank_values=True)
    form: dict[str, str] = {}
    for name, value in pairs:
        form.setdefault(name, value)
    return form


def _client_credentials(request: Request, form: dict[str, str]) -> tuple[str | None, str | None]:
    """client_secret_basic (RFC 6749 §2.3.1, form-urlencoded parts) or client_secret_post."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("basic "):
        try:
            client_id, _, secret = base64.b64decode(header[6:], validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeError):
            return None, None
        return unquote(client_id), unquote(secret)
    return _field(form, "client_id"), _field(form, "client_secret")


def _field(form: dict[str, str], name: str) -> str | None:
    return form.get(name)


def _redirect(uri: str, params: dict[str, str]) -> RedirectResponse:
    return RedirectResponse(uri + ("&" if "?" in uri else "?") + urlencode(params), status_code=302)


def create_psc_app(realm: Realm) -> Starlette:
    async def well_known(request: Request) -> Response:
        return JSONResponse(discovery(issuer_of(request)))

    async def certs(request: Request) -> Response:
        return JSONResponse(realm.jwks())

    async def authorize(request: Request) -> Response:
        params = await _form(request) if request.method == "POST" else dict(request.query_params)
        client = CLIENTS.get(params.get("client_id", ""))
        redirect_uri = params.get("redirect_uri", "")
        if client is None or not client.accepts_redirect(redirect_uri):  # §8: shown, never redirected
            return HTMLResponse(error_page("Client inconnu ou adresse de retour non enregistrée."), status_code=400)
        state = {"state": params["state"]} if "state" in params else {}
        back = {**state, "iss": issuer_of(request)}
        if params.get("response_type") != "code":
            return _redirect(redirect_uri, {"error": "unsupported_response_type", **back})
        if "openid" not in params.get("scope", "").split():
            return _redirect(redirect_uri, {"error": "invalid_scope", **back})
        if params.get("code_challenge") and params.get("code_challenge_method", "plain") not in ("plain", "S256"):
            return _redirect(redirect_uri, {"error": "invalid_request", **back})
        if request.method == "GET":
            return HTMLResponse(login_page(params))
        if params.get("action") != "accept":
            return _redirect(redirect_uri, {"error": "access_denied", **back})
        person = BY_NATIONAL_ID.get(params.get("login", ""))
        if person is None or params.get("code") != TEST_CODE:
            return HTMLResponse(login_page(params, "Identifiant ou code incorrect."), status_code=400)
        grant = Grant(client, person, params.get("nonce"))
        code = realm.issue_code(grant, redirect_uri, params.get("code_challenge") or None,
                                params.get("code_challenge_method") or ("plain" if params.get("code_challenge")
                                                                        else None))
        return _redirect(redirect_uri, {"code": code, **back})

    async def token(request: Request) -> Response:
        form = await _form(request)
        try:
            client = realm.authenticate(*_client_credentials(request, form))
            grant_type = _field(form, "grant_type")
            issuer = issuer_of(request)
            if grant_type == "authorization_code":
                answer = realm.redeem_code(client, _field(form, "code") or "", _field(form, "redirect_uri") or "",
                                           _field(form, "code_verifier"), issuer)
            elif grant_type == "refresh_token":
                answer = realm.refresh(client, _field(form, "refresh_token") or "", issuer)
            elif grant_type == "urn:openid:params:grant-type:ciba":
                answer = realm.poll_ciba(client, _field(form, "auth_req_id") or "", issuer)
            else:
                raise OAuthRefusal("unsupported_grant_type")
        except OAuthRefusal as exc:
            return _refusal(exc)
        return JSONResponse(answer, headers={"Cache-Control": "no-store"})

    async def user_info(request: Request) -> Response:
        header = request.headers.get("authorization", "")
        issued = realm.active_token(header[7:]) if header.lower().startswith("bearer ") else None
        if issued is None:
            return Response(status_code=401, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
        claims = userinfo(issued.grant.person)
        client: RegisteredClient = issued.grant.client
        if client.userinfo_jwt:
            signed = realm.sign({**claims, "iss": issuer_of(request), "aud": client.client_id}, client, alg="RS256")
            return Response(signed, media_type="application/jwt")
        return JSONResponse(claims)

    async def introspect(request: Request) -> Response:
        form = await _form(request)
        try:
            realm.authenticate(*_client_credentials(request, form))
        except OAuthRefusal as exc:
            return _refusal(exc)
        value = _field(form, "token") or ""
        issued = realm.active_token(value) or realm.active_token(value, "refresh")
        if issued is None:
            return JSONResponse({"active": False})
        return JSONResponse({"active": True, "exp": int(issued.expires_at), "sub": issued.grant.person.subject,
                             "SubjectNameID": issued.grant.person.national_id,
                             "client_id": issued.grant.client.client_id, "scope": "openid scope_all",
                             "token_type": "Bearer" if issued.kind == "access" else "Refresh"})

    async def revoke(request: Request) -> Response:
        form = await _form(request)
        try:
            client = realm.authenticate(*_client_credentials(request, form))
        except OAuthRefusal as exc:
            return _refusal(exc)
        realm.revoke(client, _field(form, "token") or "")
        return Response(status_code=200)

    async def logout(request: Request) -> Response:
        params = await _form(request) if request.method == "POST" else dict(request.query_params)
        sid = realm.session_of(params.get("id_token_hint", ""))
        if sid is not None:
            realm.end_session(sid)
        return HTMLResponse("<!doctype html><html lang=\"fr\"><meta charset=\"utf-8\"><p>Vous êtes déconnecté.</p>"
                            "</html>")

    async def ciba_auth(request: Request) -> Response:
        form = await _form(request)
        try:
            client = realm.authenticate(*_client_credentials(request, form))
            if "openid" not in (_field(form, "scope") or "").split():
                raise OAuthRefusal("invalid_scope", "openid requis")
            expiry = _field(form, "requested_expiry")
            answer = realm.start_ciba(client, _field(form, "login_hint") or "", _field(form, "binding_message") or "",
                                      _field(form, "channel") or "MOBILE",
                                      int(expiry) if expiry and expiry.isdigit() else None)
        except OAuthRefusal as exc:
            return _refusal(exc)
        return JSONResponse(answer)

    async def control_rotate(request: Request) -> Response:
        body = await request.json() if await request.body() else {}
        return JSONResponse({"kid": realm.rotate_keys(retire_old=bool(body.get("retire_old")))})

    async def control_ciba(request: Request) -> Response:
        if request.method == "GET":
            return JSONResponse(realm.pending_ciba())
        body = await request.json()
        if not realm.answer_ciba(str(body.get("login_hint")), str(body.get("binding_message")),
                                 bool(body.get("approve"))):
            return JSONResponse({"error": "aucune demande CIBA en attente pour ce professionnel"}, status_code=404)
        return JSONResponse({"answered": True})

    return Starlette(routes=[
        Route("/.well-known/wallet-openid-configuration", well_known),
        Route("/.well-known/openid-configuration", well_known),
        Route(AUTHORIZE, authorize, methods=["GET", "POST"]),
        Route(OIDC + "/certs", certs),
        Route(OIDC + "/token", token, methods=["POST"]),
        Route(OIDC + "/userinfo", user_info, methods=["GET", "POST"]),
        Route(OIDC + "/token/introspect", introspect, methods=["POST"]),
        Route(OIDC + "/revoke", revoke, methods=["POST"]),
        Route(OIDC + "/logout", logout, methods=["GET", "POST"]),
        Route(OIDC + "/ext/ciba/auth", ciba_auth, methods=["POST"]),
        Route("/_sandbox/rotate-keys", control_rotate, methods=["POST"]),
        Route("/_sandbox/ciba", control_ciba, methods=["GET", "POST"]),
    ])
