"""Imports every domain's ORM models so that `Base.metadata` is complete (Alembic, test truncation)."""

from lgc_app.audit import models as _audit  # noqa: F401
from lgc_app.auth import models as _auth  # noqa: F401
from lgc_app.consultations import models as _consultations  # noqa: F401
from lgc_app.directory import models as _directory  # noqa: F401
from lgc_app.dmp import consultation_models as _dmp_consultation  # noqa: F401
from lgc_app.dmp import models as _dmp_feeding  # noqa: F401
from lgc_app.documents import models as _documents  # noqa: F401
from lgc_app.labresults import models as _labresults  # noqa: F401
from lgc_app.mss import sent_models as _mss_sending  # noqa: F401
from lgc_app.mss.inbox import models as _mss_inbox  # noqa: F401
from lgc_app.outbox import models as _outbox  # noqa: F401
from lgc_app.patients import models as _patients  # noqa: F401
from lgc_app.prescribing import models as _prescribing  # noqa: F401
