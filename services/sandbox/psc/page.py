"""The simulated wallet's login page: choose a test professional, type the code, accept or cancel."""

from __future__ import annotations

from html import escape

from services.sandbox.psc.people import PROFESSIONALS, TEST_CODE

# The authorization request parameters carried through the form (hidden fields).
CARRIED = ("client_id", "redirect_uri", "response_type", "scope", "state", "nonce", "code_challenge",
           "code_challenge_method", "acr_values")


def login_page(params: dict[str, str], error: str = "") -> str:
    hidden = "".join(f'<input type="hidden" name="{name}" value="{escape(params[name])}">'
                     for name in CARRIED if name in params)
    options = "".join(f'<option value="{p.national_id}">{escape(p.given_name)} {escape(p.family_name)} '
                      f"({p.national_id})</option>" for p in PROFESSIONALS)
    alert = f'<p role="alert">{escape(error)}</p>' if error else ""
    return ("<!doctype html><html lang=\"fr\"><meta charset=\"utf-8\"><title>Pro Santé Connect (bac à sable)"
            "</title><h1>Pro Santé Connect — bac à sable</h1>" + alert +
            '<form method="post">' + hidden +
            f'<label>Professionnel <select name="login">{options}</select></label>'
            f'<label>Code <input name="code" type="password" autocomplete="off"></label>'
            f"<p>Code de test : {TEST_CODE}</p>"
            '<button name="action" value="accept">Se connecter</button>'
            '<button name="action" value="cancel">Annuler</button></form></html>')


def error_page(message: str) -> str:
    """Shown instead of redirecting when the client or its redirect URI is not trusted (§8)."""
    return ("<!doctype html><html lang=\"fr\"><meta charset=\"utf-8\"><title>Erreur</title>"
            f"<h1>Connexion impossible</h1><p>{escape(message)}</p></html>")
