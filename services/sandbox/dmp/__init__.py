"""DMP simulator (IHE XDS.b as the DMP uses it, PROTOCOLS.md §3, refusals §8), mutual TLS, under
`/si-dmp-server/v2/services`: `/patients` (TD0.2), `/habilitations` (TD0.4), `/registry` (ITI-18, ITI-57),
`/repository` (ITI-41, ITI-43), plus the control routes `/_sandbox/…` (see `app.py`, `control.py`).

Every request must carry a valid VIHF signed by a certificate of the sandbox CA (`vihf_check.py`). Error
codes, including the sandbox's own DMP codes, are listed in `codes.py`; the test patients in `patients.py`.
The registry and repository persist in `<data_dir>/dmp.sqlite3`. The simulator parses what it receives with
its own code; it shares only constants (`services.dmp.constants`) with the client.
"""

from __future__ import annotations

from starlette.types import ASGIApp

from services.sandbox.context import SimulatorContext
from services.sandbox.dmp.app import DmpSimulator, build_app
from services.sandbox.dmp.store import Store

NAME = "dmp"
MOUNT = "/si-dmp-server/v2/services"
MUTUAL_TLS = True


def create_app(ctx: SimulatorContext) -> ASGIApp:
    simulator = DmpSimulator(Store(ctx.data_dir / "dmp.sqlite3"), ctx.pki)
    simulator.seed()
    return build_app(simulator)
