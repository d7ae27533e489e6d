"""First start of `lgc --demo`: the demonstration data set is created off the GUI loop, then shown.

The data set (`lgc_app/demo_seed.py`, also `lgc demo-data`) is written on the database thread; the screens
that read the database at start-up (patient list, practitioners of the documents panel, "Envois") are then
refreshed, and the worker is woken so the qualified patient's documents leave for the sandbox DMP at once.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from lgc_app import demo_seed
from lgc_app.demo_mail import seed_demo_mail
from lgc_app.demo_seed import Seeded
from lgc_app.documents.cabinet import Cabinet
from ui import messages
from ui.tasks import Task, run_db, run_in_thread

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("DemoData", text)


# What to try with each patient of the data set (lgc_app/demo_seed.py): the search words and the flow they show.
GUIDE = (
    ("dupont", QT_TRANSLATE_NOOP("DemoData", "identité qualifiée : ses documents partent au DMP "
                                             "(onglets Documents, DMP, Envois)")),
    ("martin", QT_TRANSLATE_NOOP("DemoData", "identité récupérée : ses documents attendent une pièce "
                                             "d'identité pour être envoyés")),
    ("bernard", QT_TRANSLATE_NOOP("DemoData", "identité validée par une pièce : le téléservice INSi la qualifie")),
    ("leroy", QT_TRANSLATE_NOOP("DemoData", "identité provisoire : INSi trouve deux homonymes")),
    ("n'diaye", QT_TRANSLATE_NOOP("DemoData", "INSi renvoie son nouveau matricule et l'historique de son INS")),
    ("lefèvre, chéron, bœuf", QT_TRANSLATE_NOOP("DemoData", "saisies avec accents : la recherche les ignore")),
)


def show_guide(window: MainWindow) -> None:
    """The home panel says what the demonstration holds and what to try."""
    rows = "".join(f"<tr><td><b>« {words} »</b>&nbsp;&nbsp;</td><td>{_tr(text)}</td></tr>" for words, text in GUIDE)
    intro = _tr("<h2>%1</h2><p>Démonstration sur le bac à sable des services nationaux (INSi, DMP) : toutes les "
                "données sont fictives.</p><p>Tapez dans la recherche de patients :</p>")
    cabinet = html.escape(window.context.settings["cabinet.name"])
    window.welcome.setText(intro.replace("%1", cabinet) + f"<table align='center' cellspacing='2'>{rows}</table>")


def prepare_demo_data(window: MainWindow) -> Task[Seeded | None]:
    """Create the data set unless the demo database already holds it; call with the event loop running."""
    show_guide(window)
    label = _tr("Préparation des données de démonstration…")
    window.statusBar().showMessage(label)
    context = window.context
    task = window.tasks.run(run_db(demo_seed.seed_as_demo_practitioner, context.database,
                                   Cabinet.from_settings(context.settings), context.workstation, context.planners),
                            label_fr=label, cancellable=False)
    task.on_success(lambda seeded: _show(window, seeded))
    task.on_failure(lambda error: _failed(window, error, label))
    return task


def _show(window: MainWindow, seeded: Seeded | None) -> None:
    window.statusBar().clearMessage()
    if seeded is None:  # not the first start: the data set is there
        return
    if window.context.worker is not None:
        window.context.worker.wake()
    window.tasks.run(run_in_thread(seed_demo_mail, window.context.settings),
                     label_fr=_tr("Messages MSSanté de démonstration…"))  # the inbox has something to show
    window.patients.list.refresh()
    window.documents.panel.load_practitioners()
    window.dmp.orders.refresh()
    messages.info(_tr("Données de démonstration prêtes : %1 patients et %2 documents validés, %3 envois en cours "
                      "vers le DMP et MSSanté du bac à sable (onglet « Envois »). Recherchez par exemple « dupont », "
                      "« leroy » ou « lefèvre » dans la liste des patients.")
                  .replace("%1", str(seeded.patients)).replace("%2", str(seeded.documents))
                  .replace("%3", str(seeded.send_orders)))


def _failed(window: MainWindow, error: BaseException, label: str) -> None:
    window.statusBar().clearMessage()
    messages.failure(label, error)
