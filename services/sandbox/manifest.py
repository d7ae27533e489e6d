"""`<state>/sandbox.json`: where a running sandbox listens and which test certificates go with it.

Written atomically once both listeners accept connections, removed on a clean exit. Clients, tests and
the application read only this JSON (the application never imports the sandbox).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MANIFEST_NAME = "sandbox.json"
VERSION = 1
_PATH_FIELDS = ("ca_file", "cps_cert", "cps_key", "cps_pkcs12", "structure_cert", "structure_key",
                "structure_sign_cert", "structure_sign_key", "unknown_client_cert", "unknown_client_key")


class ManifestError(ValueError):
    """The manifest is missing, unreadable or of another version."""


@dataclass(frozen=True)
class Manifest:
    pid: int
    ca_file: Path
    cps_cert: Path
    cps_key: Path
    cps_pkcs12: Path  # the same test CPS as a software card (PKCS#12, its password is the PIN)
    structure_cert: Path  # the structure's authentication certificate (mutual TLS)
    structure_key: Path
    structure_sign_cert: Path  # the structure's signing certificate (VIHF, XAdES)
    structure_sign_key: Path
    unknown_client_cert: Path
    unknown_client_key: Path
    base_mtls: str
    base_tls: str
    urls: Mapping[str, str] = field(default_factory=dict)
    structure_id: str = ""  # national id of the structure the test certificates stand for
    version: int = VERSION

    def url(self, name: str) -> str:
        """URL of `health`, `control` or a simulator by NAME."""
        try:
            return self.urls[name]
        except KeyError:
            served = ", ".join(self.urls)
            raise ManifestError(f"la sandbox ne sert pas « {name} » (servis : {served})") from None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"version": self.version, "pid": self.pid}
        data.update({name: str(getattr(self, name)) for name in _PATH_FIELDS})
        data.update(base_mtls=self.base_mtls, base_tls=self.base_tls, urls=dict(self.urls),
                    structure_id=self.structure_id)
        return data

    def write(self, path: Path) -> None:
        """Replace `path` atomically (readers never see a half-written file)."""
        fd, tmp = tempfile.mkstemp(prefix=".sandbox-", suffix=".json", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(self.to_json(), handle, indent=2)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path: Path) -> Manifest:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ManifestError(f"aucune sandbox en cours : {path} absent") from None
        except (OSError, ValueError) as exc:
            raise ManifestError(f"manifeste de la sandbox illisible ({path}) : {exc}") from None
        if not isinstance(data, dict) or data.get("version") != VERSION:
            raise ManifestError(f"version de manifeste non prise en charge dans {path}")
        try:
            return cls(version=VERSION, pid=int(data["pid"]), base_mtls=str(data["base_mtls"]),
                       base_tls=str(data["base_tls"]), structure_id=str(data.get("structure_id", "")),
                       urls={str(k): str(v) for k, v in data["urls"].items()},
                       **{name: Path(data[name]) for name in _PATH_FIELDS})
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ManifestError(f"manifeste de la sandbox incomplet ({path}) : {exc}") from None
