"""`lgc --demo --scenario consultation`: the consultation played on screen, slowly enough to watch, with a caption
saying in French what happens (how an editor shows SC.DMP/UX.10 at homologation)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ui import messages
from ui.scenario.caption import Caption
from ui.scenario.consultation import ConsultationScenario, StepReport
from ui.tasks import Task

if TYPE_CHECKING:
    from ui.main_window import MainWindow

SCENARIOS = ("consultation",)
PAUSE_SECONDS = 2.0  # between steps and before each click: time to read the caption and see the screen


def play_on_screen(window: MainWindow, name: str) -> Task[list[StepReport]]:
    """Start the scenario `name` on `window` (the event loop running); the caption stays at the end."""
    if name not in SCENARIOS:
        raise ValueError(name)
    scenario = ConsultationScenario(window, pause=PAUSE_SECONDS, caption=Caption(window), monitor=window.monitor)
    label = QCoreApplication.translate("ConsultationScenario", "Scénario de démonstration : consultation")
    task = window.tasks.run(scenario.play(), label_fr=label, visible=False)
    task.on_failure(lambda error: messages.failure(label, error))
    return task
