"""The workstation this process runs on: its name, its role, and who executes the send orders it writes.

Built once by the composition root (`lgc_app.bootstrap`) from the settings and passed to whoever needs it (the
session, the send planners, the worker); no module keeps it as a global (SC.DMP/ALI/PROG.02: a slave writes
orders, its master, which holds the CPS, executes them).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from lgc_app.config import Role, Settings

log = logging.getLogger("lgc.workstation")


@dataclass(frozen=True)
class Workstation:
    """Who writes orders here, and who must execute them."""

    name: str
    role: Role
    master: str = ""

    @classmethod
    def from_settings(cls, settings: Settings) -> Workstation:
        workstation = cls(settings.workstation_name, settings.role, settings["workstation.master"])
        if workstation.role is Role.SLAVE and not workstation.master:
            log.warning("poste esclave sans poste maître (workstation.master) : les envois iront au premier "
                        "poste qui exécute les envois")
        return workstation

    @property
    def executor(self) -> str | None:
        """The workstation that must send this one's orders (None: any executing workstation)."""
        if self.role is Role.SLAVE:
            return self.master or None
        return self.name if self.role is Role.MASTER else None

    @property
    def runs_worker(self) -> bool:
        return self.role.runs_worker
