"""INSq indicators (Ségur wave 2): how many identities per status, and the share that is qualified."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lgc_app.patients.models import Patient
from lgc_app.patients.vocabulary import IdentityStatus


@dataclass(frozen=True)
class StatusCount:
    status: IdentityStatus
    count: int
    share: float  # 0..1 of all patients

    @property
    def label(self) -> str:
        return self.status.label


@dataclass(frozen=True)
class IdentityIndicators:
    total: int
    by_status: tuple[StatusCount, ...]  # always the four statuses, in PROV, RECUP, VALI, QUAL order
    doubtful: int
    fictitious: int
    with_ins: int  # identities holding a matricule (RECUP and QUAL)

    def count(self, status: IdentityStatus) -> int:
        return next(item.count for item in self.by_status if item.status == status)

    @property
    def qualified_share(self) -> float:
        return self.count(IdentityStatus.QUAL) / self.total if self.total else 0.0


def identity_indicators(session: Session) -> IdentityIndicators:
    """One grouped query over `patients`."""
    counts = dict(session.execute(select(Patient.status, func.count()).group_by(Patient.status)).all())
    total = sum(counts.values())
    flags = session.execute(select(
        func.count().filter(Patient.doubtful.is_(True)),
        func.count().filter(Patient.fictitious.is_(True)),
        func.count().filter(Patient.ins_matricule.is_not(None)),
    )).one()
    by_status = tuple(StatusCount(status, counts.get(status, 0), counts.get(status, 0) / (total or 1))
                      for status in IdentityStatus)
    return IdentityIndicators(total, by_status, flags[0], flags[1], flags[2])
