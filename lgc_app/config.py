"""Workstation settings: declared once, typed, validated, stored as TOML.

Every setting is declared in `OPTIONS` with its type, default and French description (the settings dialog and
`lgc config show` are generated from it). A bad value raises `ConfigError` naming the key, never a traceback.
Secrets are never settings: keys and passwords live in the keyring (`lgc_app.secrets`); a setting may only
name a keyring entry.
"""

from __future__ import annotations

import enum
import socket
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import tomli_w

from lgc_app import paths
from lgc_app.errors import UserError


class Role(enum.StrEnum):
    """Who executes send orders (SC.DMP/ALI/PROG.02): standalone and master do, a slave only writes them."""

    STANDALONE = "standalone"
    MASTER = "master"
    SLAVE = "slave"

    @property
    def runs_worker(self) -> bool:
        return self is not Role.SLAVE


class ConfigError(UserError, ValueError):
    """A setting has a bad value; `key` names it as written in the TOML file (section.name)."""

    code = "SETTINGS-INVALID"
    summary = "Un paramètre du fichier de réglages est invalide."

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"Paramètre « {key} » invalide : {message}")
        self.key = key


def _url(schemes: tuple[str, ...]) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError("une adresse (texte) est attendue")
        parts = urlsplit(value)
        if parts.scheme not in schemes or not (parts.netloc or parts.path):
            raise ValueError(f"adresse attendue commençant par {' ou '.join(s + '://' for s in schemes)}")
        return value
    return check


def _optional_url(schemes: tuple[str, ...]) -> Callable[[Any], str]:
    """An URL of one of `schemes`, or "" (the service is then discovered, e.g. by DNS SRV records)."""
    check = _url(schemes)
    return lambda value: "" if value in (None, "") else check(value)


def _database_url(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError("une URL SQLAlchemy est attendue (sqlite:///… ou postgresql://…)")
    if not value.startswith(("sqlite:", "postgresql:", "postgresql+psycopg:")):
        raise ValueError("seules les bases SQLite (sqlite:///…) et PostgreSQL (postgresql://…) sont prises en charge")
    return value


def _optional_path(value: Any) -> Path | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError("un chemin de fichier (texte) est attendu")
    return Path(value).expanduser()


def _float_range(low: float, high: float) -> Callable[[Any], float]:
    def check(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError("un nombre est attendu")
        if not low <= value <= high:
            raise ValueError(f"valeur attendue entre {low} et {high}")
        return float(value)
    return check


def _int_range(low: int, high: int) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("un nombre entier est attendu")
        if not low <= value <= high:
            raise ValueError(f"valeur attendue entre {low} et {high}")
        return value
    return check


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("un texte est attendu")
    return value.strip()


def _role(value: Any) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise ValueError("valeurs possibles : standalone, master, slave") from None


def _activity_type(value: Any) -> str:
    """A TRE_R209 TypeActivite code: two digits (PROTOCOLS §3.0)."""
    if not isinstance(value, str) or len(value.strip()) != 2 or not value.strip().isdigit():
        raise ValueError("un code TRE_R209 à deux chiffres est attendu (ex. 07)")
    return value.strip()


def _choice(*choices: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if value not in choices:
            raise ValueError(f"valeurs possibles : {', '.join(choices)}")
        return str(value)
    return check


def _port(value: Any) -> int:
    if isinstance(value, str) and value.strip().isdigit():  # as typed in the settings dialog
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 65535:
        raise ValueError("un numéro de port entre 0 et 65535 est attendu (0 : n'importe lequel)")
    return value


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("true ou false attendu")
    return value


@dataclass(frozen=True)
class Option:
    """One declared setting."""

    key: str  # "section.name" as in the TOML file
    parse: Callable[[Any], Any]
    default: Any
    label: str  # French, shown in the settings dialog
    secret_ref: bool = False  # value is a keyring entry name, never the secret itself

    @property
    def section(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def name(self) -> str:
        return self.key.split(".", 1)[1]


OPTIONS: tuple[Option, ...] = (
    Option("workstation.role", _role, Role.STANDALONE, "Rôle du poste"),
    Option("workstation.name", _text, "", "Nom du poste (par défaut : nom de la machine)"),
    Option("workstation.master", _text, "", "Poste maître qui exécute les envois d'un poste esclave (nom)"),
    Option("workstation.send_concurrency", _int_range(1, 64), 8,
           "Envois exécutés simultanément par le worker (chacun attend le service pendant que les autres avancent)"),
    Option("database.url", _database_url, "", "Base de données (vide : SQLite locale)"),
    # PROTOCOLS.md §2.0: the mutual-TLS endpoint for the software certificate (certificat logiciel INSi), and
    # the one for calls made with a CPS (assertion PS); both are the qualification platform's.
    Option("services.insi_url", _url(("https",)), "https://qualiflps-services-ps-tlsm.ameli.fr:443/lps",
           "Téléservice INSi (certificat logiciel, TLS mutuel)"),
    Option("services.insi_cps_url", _url(("https",)), "https://qualiflps.services-ps.ameli.fr/lps",
           "Téléservice INSi (carte CPS)"),
    Option("services.insi_with_cps", _bool, False, "Appeler INSi avec la carte CPS (sinon : certificat logiciel)"),
    Option("services.dmp_url", _url(("https",)), "https://lps.dev9.dmp.gouv.fr/si-dmp-server/v2/services",
           "DMP (services XDS.b)"),
    Option("services.psc_issuer", _url(("https",)),
           "https://auth.bas.psc.esante.gouv.fr/auth/realms/esante-wallet", "Pro Santé Connect (émetteur)"),
    # PROTOCOLS.md §5.0/§5.2: the client as registered at PSC; its secret lives in the keyring (or the
    # LGC_PSC_CLIENT_SECRET environment variable, lgc_app/auth/psc_login.py).
    Option("services.psc_client_id", _text, "", "Pro Santé Connect : identifiant client"),
    Option("services.psc_client_secret_ref", _text, "psc.client_secret",
           "Pro Santé Connect : entrée du trousseau pour le secret client", True),
    Option("services.psc_auth_method", _choice("client_secret_basic", "client_secret_post"), "client_secret_basic",
           "Pro Santé Connect : authentification du client (client_secret_basic ou client_secret_post)"),
    Option("services.psc_acr", _text, "eidas1", "Pro Santé Connect : niveau d'authentification exigé (acr)"),
    Option("services.psc_redirect_port", _port, 0,
           "Pro Santé Connect : port local de retour du navigateur (0 : n'importe lequel)"),
    Option("services.psc_ciba_channel", _choice("MOBILE", "CARD"), "MOBILE",
           "Pro Santé Connect sans navigateur (CIBA) : MOBILE (application e-CPS) ou CARD"),
    Option("services.annuaire_url", _url(("https",)), "https://gateway.api.esante.gouv.fr/fhir/v2",
           "Annuaire Santé (FHIR)"),
    # PROTOCOLS §6: the ESANTE-API-KEY of portal.api.esante.gouv.fr; the setting names its keyring entry.
    Option("services.annuaire_key_ref", _text, "annuaire-api-key", "Entrée du trousseau pour la clé de l'Annuaire "
           "Santé (ESANTE-API-KEY)", True),
    # PROTOCOLS §4.0 (MSSanté): submission and IMAP both with STARTTLS (smtp:// 587, imap:// 143; smtps:// and
    # imaps:// where an operator offers implicit TLS); empty: RFC 6186 SRV records of the mailbox's domain.
    Option("services.mss_smtp", _optional_url(("smtp", "smtps")), "",
           "MSSanté : serveur d'envoi (smtp://hôte:587 STARTTLS ; vide : enregistrements DNS SRV)"),
    Option("services.mss_imap", _optional_url(("imap", "imaps")), "",
           "MSSanté : serveur de réception (imap://hôte:143 STARTTLS ; vide : enregistrements DNS SRV)"),
    Option("mss.mailbox", _text, "", "MSSanté : adresse de la boîte aux lettres du cabinet"),
    # §4.0 CONF.07/CONF.27: personal and organisational boxes sign in with the user's PSC token (XOAUTH2 or
    # OAUTHBEARER), an applicative box with its IGC-Santé certificate (then SASL EXTERNAL, or LOGIN).
    Option("mss.auth", _choice("xoauth2", "oauthbearer", "external", "login"), "xoauth2",
           "MSSanté : authentification (xoauth2/oauthbearer : jeton Pro Santé Connect ; external/login : "
           "certificat de la boîte applicative)"),
    Option("mss.client_cert", _optional_path, None,
           "MSSanté : certificat IGC-Santé de la boîte applicative (PEM)"),
    Option("mss.client_key", _optional_path, None, "MSSanté : clé privée du certificat de la boîte applicative"),
    Option("mss.password_ref", _text, "", "MSSanté : entrée du trousseau pour le mot de passe (LOGIN)", True),
    Option("mss.nil", _text, "", "MSSanté : référence produit déclarée sur Convergence (X-MSS-NIL)"),
    # Operators cap a message's size (commonly 10 to 25 MB); a free message is checked against it before queuing.
    Option("mss.max_message_mb", _int_range(1, 100), 20,
           "MSSanté : taille maximale d'un message acceptée par l'opérateur (Mo)"),
    Option("mss.poll_seconds", _int_range(15, 3600), 120,
           "MSSanté : relève périodique de la boîte si IDLE n'est pas disponible (secondes)"),
    Option("tls.ca_file", _optional_path, None, "Autorités de certification (PEM, vide : celles du système)"),
    Option("tls.client_cert", _optional_path, None, "Certificat client (CPS ou certificat logiciel, PEM)"),
    Option("tls.client_key", _optional_path, None, "Clé privée du certificat client (PEM)"),
    Option("tls.structure_cert", _optional_path, None,
           "Certificat d'authentification de la structure (ORG_AUTH_CLI, PEM) : TLS mutuel"),
    Option("tls.structure_key", _optional_path, None, "Clé privée du certificat d'authentification (PEM)"),
    Option("tls.signing_cert", _optional_path, None,
           "Certificat de signature de la structure (ORG_SIGN, PEM) : VIHF et lots DMP"),
    Option("tls.signing_key", _optional_path, None, "Clé privée du certificat de signature (PEM)"),
    Option("tls.key_password_ref", _text, "", "Entrée du trousseau pour le mot de passe des clés", True),
    Option("card.pkcs11_library", _optional_path, None,
           "Bibliothèque PKCS#11 du lecteur de carte CPS (ex. libcps3_pkcs11_lux.so ; vide : pas de carte)"),
    Option("card.token_label", _text, "", "Libellé du jeton PKCS#11 de la CPS (vide : le premier présent)"),
    Option("card.pkcs12_file", _optional_path, None,
           "Carte CPS logicielle (PKCS#12, démonstration sans lecteur ; le mot de passe est le code PIN)"),
    Option("demo.sandbox", _bool, False, "Utiliser le bac à sable local (démonstration)"),
    Option("demo.latency", _float_range(0.0, 60.0), 0.0, "Latence simulée du bac à sable (secondes)"),
    Option("cabinet.structure_id", _text, "", "Identifiant national de la structure (FINESS, SIRET…)"),
    Option("cabinet.name", _text, "", "Nom du cabinet"),
    Option("cabinet.sector", _text, "SA07", "Secteur d'activité (TRE_R02, ex. SA07 cabinet individuel)"),
    Option("cabinet.activity_type", _activity_type, "07",
           "Type d'activité des envois au DMP (TRE_R209, ex. 07 consultation / soins externes)"),
    # SSI IE.36: with a password as the only factor, complexity and attempt limits per the ASPP electronic
    # identification referential and ANSSI's password recommendations, in the default configuration.
    Option("accounts.password_min_length", _int_range(12, 128), 12,
           "Longueur minimale d'un mot de passe (au moins 3 types de caractères)"),
    Option("accounts.passphrase_min_length", _int_range(16, 256), 20,
           "Longueur minimale d'une phrase de passe (au moins 4 mots, sans exigence de types)"),
    Option("accounts.max_failures", _int_range(3, 10), 5, "Échecs de connexion avant verrouillage du compte"),
    Option("accounts.lock_seconds", _int_range(30, 3600), 60,
           "Durée du premier verrouillage (secondes, doublée à chaque nouvel échec)"),
    Option("accounts.idle_minutes", _int_range(1, 240), 15,
           "Verrouillage de la session après inactivité (minutes)"),
    Option("accounts.totp_renewal_days", _int_range(0, 3650), 365,
           "Renouvellement imposé du second facteur TOTP (jours, 0 : jamais)"),
    Option("mail.smtp_url", _url(("smtp", "smtps")), "smtp://localhost:587",
           "Serveur d'envoi des codes de vérification (SMTP, STARTTLS exigé)"),
    Option("mail.sender", _text, "", "Adresse d'expédition des codes de vérification"),
    Option("mail.password_ref", _text, "", "Entrée du trousseau pour le mot de passe SMTP", True),
    Option("sms.outbox_dir", _optional_path, None,
           "Dossier où déposer les SMS de vérification (passerelle SMS ou démonstration)"),
)
_BY_KEY = {option.key: option for option in OPTIONS}
assert len(_BY_KEY) == len(OPTIONS), "duplicate setting key"


class Settings:
    """Validated settings of this workstation; read values with `settings["section.name"]`."""

    def __init__(self, values: dict[str, Any] | None = None) -> None:
        self._values = {option.key: option.default for option in OPTIONS}
        for key, value in (values or {}).items():
            self._values[key] = parse_value(key, value)

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def replace(self, **changes: Any) -> Settings:
        """A copy with some values changed; keys use `__` for the dot (`database__url=...`)."""
        values = dict(self._values)
        for name, value in changes.items():
            key = name.replace("__", ".")
            values[key] = parse_value(key, value)
        return Settings._from_parsed(values)

    @classmethod
    def _from_parsed(cls, values: dict[str, Any]) -> Settings:
        settings = cls()
        settings._values = values
        return settings

    @property
    def role(self) -> Role:
        return Role(self._values["workstation.role"])

    @property
    def workstation_name(self) -> str:
        return self._values["workstation.name"] or socket.gethostname()

    @property
    def insi_url(self) -> str:
        """The INSi endpoint of the configured authentication: the CPS one, or the software certificate's."""
        key = "services.insi_cps_url" if self._values["services.insi_with_cps"] else "services.insi_url"
        return str(self._values[key])

    @property
    def database_url(self) -> str:
        return self._values["database.url"] or paths.default_database_url()

    def items(self) -> list[tuple[Option, Any]]:
        return [(option, self._values[option.key]) for option in OPTIONS]

    def to_toml(self) -> str:
        sections: dict[str, dict[str, Any]] = {}
        for option, value in self.items():
            if value is None or value == option.default:
                continue
            sections.setdefault(option.section, {})[option.name] = str(value) if isinstance(value, Path) else value
        return tomli_w.dumps(sections)


def parse_value(key: str, value: Any) -> Any:
    option = _BY_KEY.get(key)
    if option is None:
        raise ConfigError(key, "paramètre inconnu")
    try:
        return option.parse(value)
    except ValueError as exc:
        raise ConfigError(key, str(exc)) from None


def load(path: Path | None = None) -> Settings:
    """Read the settings file (missing file: defaults). Raises ConfigError naming the bad key."""
    path = path or paths.config_file()
    if not path.exists():
        return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), f"fichier TOML illisible ({exc})") from None
    values: dict[str, Any] = {}
    for section, table in raw.items():
        if not isinstance(table, dict):
            raise ConfigError(section, "une section [..] est attendue")
        for name, value in table.items():
            values[f"{section}.{name}"] = value
    return Settings(values)


def save(settings: Settings, path: Path | None = None) -> Path:
    """Write atomically, so a crash never leaves a half-written settings file."""
    path = path or paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(settings.to_toml(), encoding="utf-8")
    tmp.replace(path)
    return path


def check_files(settings: Settings) -> None:
    """Raise ConfigError for a TLS file that is set but missing (called before any network use)."""
    for key in ("tls.ca_file", "tls.client_cert", "tls.client_key", "tls.structure_cert", "tls.structure_key",
                "tls.signing_cert", "tls.signing_key"):
        value = settings[key]
        if value is not None and not Path(value).is_file():
            raise ConfigError(key, f"fichier introuvable : {value}")
