"""What the composition root gives the tests, built the same way as the application's (`lgc_app.bootstrap`)."""

from __future__ import annotations

from lgc_app.bootstrap import send_planners
from lgc_app.config import Role, Settings
from lgc_app.session import Authentication, PractitionerIdentity, Session, User, UserRole
from lgc_app.workstation import Workstation

# The planners of a cabinet with an MSSanté mailbox (the sandbox's applicative box): DMP feed and MSSanté.
PLANNERS = send_planners(Settings({"mss.mailbox": "lgc.cabinet-test@medecin.mssante.fr"}))
# A cabinet without a mailbox: DMP feed only (the DMP benchmarks measure that pipe alone).
DMP_PLANNERS = send_planners(Settings())
STANDALONE = Workstation("POSTE-1", Role.STANDALONE)

# The practitioner of the sandbox's test CPS (national id 8 + RPPS), as a session user.
TEST_PRACTITIONER = PractitionerIdentity(1, "99700366240", "DR", "Paul", "MEDECIN-TEST", "10", "SM54")


def practitioner_session(workstation: Workstation = STANDALONE,
                         practitioner: PractitionerIdentity = TEST_PRACTITIONER) -> Session:
    """The session of a practitioner chosen at start on `workstation`."""
    user = User(f"rpps:{practitioner.rpps}", practitioner.display_name, UserRole.PRACTITIONER, practitioner)
    return Session(user, workstation, Authentication.CHOSEN_AT_START)
