"""Qt translations, French first: our catalogue (`resources/translations/lgc_fr.qm`) and Qt's own.

Source strings are already French, so our catalogue mostly supplies plural forms ("%n requête(s)"); Qt's
`qtbase_fr.qm` translates the standard dialogs and buttons (Annuler, Ouvrir…), and
`resources/translations/qtbase_complement_fr.qm` the few texts of those dialogs it leaves in English (Qt 6
changed them, e.g. the file dialog's "&Look in:"). Another language is one more `lgc_<lang>.ts` compiled with
`pyside6-lrelease`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from lgc_app.config import Role

log = logging.getLogger("lgc.ui.i18n")

TRANSLATIONS_DIR = Path(__file__).resolve().parents[1] / "resources" / "translations"


def install_translations(app: QCoreApplication, language: str = "fr") -> list[QTranslator]:
    """Load and install our and Qt's catalogues for `language`; returns the translators (keep them alive)."""
    QLocale.setDefault(QLocale(language))
    installed = []
    # Qt asks the translator installed last first, and the next one when it has no translation: the
    # complement comes first so that Qt's own catalogue wins wherever it translates a text.
    sources = [
        (f"qtbase_complement_{language}", str(TRANSLATIONS_DIR)),
        (f"lgc_{language}", str(TRANSLATIONS_DIR)),
        (f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    ]
    for name, folder in sources:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("translation %s not found in %s", name, folder)
    return installed


def role_label(role: Role) -> str:
    """French name of a workstation role, as the status bar and the settings show it."""
    labels = {
        Role.STANDALONE: QCoreApplication.translate("Role", "Poste autonome"),
        Role.MASTER: QCoreApplication.translate("Role", "Poste maître"),
        Role.SLAVE: QCoreApplication.translate("Role", "Poste esclave"),
    }
    return labels[role]


def decimal(value: float, digits: int = 1) -> str:
    """A number written the French way (3,5), following the default locale set by `install_translations`."""
    return QLocale().toString(float(value), "f", digits)
