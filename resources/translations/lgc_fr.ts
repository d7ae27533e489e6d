<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="fr_FR">
<context>
    <name>ActivityIndicator</name>
    <message numerus="yes">
        <location filename="../../ui/activity.py" line="152" />
        <source>%n requête(s) en cours</source>
        <translation>
            <numerusform>%n requête en cours</numerusform>
            <numerusform>%n requêtes en cours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ActivityList</name>
    <message>
        <location filename="../../ui/activity.py" line="75" />
        <source>Opération en cours</source>
        <translation>Opération en cours</translation>
    </message>
    <message>
        <location filename="../../ui/activity.py" line="75" />
        <source>Durée</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location filename="../../ui/activity.py" line="81" />
        <source>Aucune opération en cours.</source>
        <translation>Aucune opération en cours.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/activity.py" line="106" />
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/activity.py" line="116" />
        <source>Annuler</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>DiagnosticsDialog</name>
    <message>
        <location filename="../../ui/diagnostics.py" line="39" />
        <source>Diagnostic</source>
        <translation>Diagnostic</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="44" />
        <source>Réactivité de l'interface (retard de la boucle d'événements)</source>
        <translation>Réactivité de l'interface (retard de la boucle d'événements)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="47" />
        <source>Blocage le plus long :</source>
        <translation>Blocage le plus long :</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="48" />
        <source>99e centile :</source>
        <translation>99e centile :</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="49" />
        <source>Pire sur la dernière seconde :</source>
        <translation>Pire sur la dernière seconde :</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="52" />
        <source>Poste</source>
        <translation>Poste</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="55" />
        <source>Rôle :</source>
        <translation>Rôle :</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="56" />
        <source>Nom du poste :</source>
        <translation>Nom du poste :</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="57" />
        <source>Base de données :</source>
        <translation>Base de données :</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="59" />
        <source>Services :</source>
        <translation>Services :</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="60" />
        <source>exécutés par ce poste</source>
        <translation>exécutés par ce poste</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="61" />
        <source>non exécutés par ce poste</source>
        <translation>non exécutés par ce poste</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="62" />
        <source>Envois automatiques :</source>
        <translation>Envois automatiques :</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="65" />
        <source>Versions</source>
        <translation>Versions</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="73" />
        <source>Remettre à zéro</source>
        <translation>Remettre à zéro</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="91" />
        <source>mesure arrêtée</source>
        <translation>mesure arrêtée</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="93" />
        <location filename="../../ui/diagnostics.py" line="94" />
        <location filename="../../ui/diagnostics.py" line="95" />
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="45" />
        <source>Fichier</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="45" />
        <source>Patients</source>
        <translation>Patients</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="46" />
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="46" />
        <source>Envois</source>
        <translation>Envois</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="47" />
        <source>Outils</source>
        <translation>Outils</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="47" />
        <source>Aide</source>
        <translation>Aide</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="206" />
        <source>Accueil</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="258" />
        <source>Quitter</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="259" />
        <source>Rechercher un patient</source>
        <translation>Rechercher un patient</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="260" />
        <source>Paramètres…</source>
        <translation>Paramètres…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="261" />
        <source>Tester la connexion au bac à sable</source>
        <translation>Tester la connexion au bac à sable</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="264" />
        <source>Diagnostic</source>
        <translation>Diagnostic</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="265" />
        <location filename="../../ui/main_window.py" line="318" />
        <source>À propos</source>
        <translation>À propos</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="273" />
        <source>Cabinet</source>
        <translation>Cabinet</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="274" />
        <source>&lt;h2&gt;%1&lt;/h2&gt;&lt;p&gt;Choisissez un patient dans la liste de gauche.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;%1&lt;/h2&gt;&lt;p&gt;Choisissez un patient dans la liste de gauche.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="306" />
        <source>Paramètres enregistrés dans %1. Redémarrez le logiciel pour appliquer : %2.</source>
        <translation>Paramètres enregistrés dans %1. Redémarrez le logiciel pour appliquer : %2.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="309" />
        <source>Paramètres enregistrés dans %1.</source>
        <translation>Paramètres enregistrés dans %1.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="319" />
        <source>&lt;b&gt;LGC Ségur&lt;/b&gt; %1&lt;br&gt;Logiciel de gestion de cabinet médical : INS, DMP, MSSanté, Pro Santé Connect.</source>
        <translation>&lt;b&gt;LGC Ségur&lt;/b&gt; %1&lt;br&gt;Logiciel de gestion de cabinet médical : INS, DMP, MSSanté, Pro Santé Connect.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="327" />
        <source>Test de connexion au bac à sable</source>
        <translation>Test de connexion au bac à sable</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="329" />
        <source>Bac à sable : réponse reçue en %1 s.</source>
        <translation>Bac à sable : réponse reçue en %1 s.</translation>
    </message>
</context>
<context>
    <name>PatientListPlaceholder</name>
    <message>
        <location filename="../../ui/main_window.py" line="154" />
        <source>Rechercher un patient…</source>
        <translation>Rechercher un patient…</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <location filename="../../ui/i18n.py" line="43" />
        <source>Poste autonome</source>
        <translation>Poste autonome</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="44" />
        <source>Poste maître</source>
        <translation>Poste maître</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="45" />
        <source>Poste esclave</source>
        <translation>Poste esclave</translation>
    </message>
</context>
<context>
    <name>ServiceStatus</name>
    <message>
        <location filename="../../ui/main_window.py" line="108" />
        <source>Services nationaux</source>
        <translation>Services nationaux</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="110" />
        <source>Bac à sable : vérification…</source>
        <translation>Bac à sable : vérification…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="126" />
        <source>Vérification du bac à sable</source>
        <translation>Vérification du bac à sable</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="136" />
        <source>Bac à sable : connecté (latence %1 s)</source>
        <translation>Bac à sable : connecté (latence %1 s)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="138" />
        <source>Bac à sable : connecté</source>
        <translation>Bac à sable : connecté</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="143" />
        <source>Bac à sable : injoignable</source>
        <translation>Bac à sable : injoignable</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="39" />
        <source>Poste</source>
        <translation>Poste</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="40" />
        <source>Base de données</source>
        <translation>Base de données</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="41" />
        <source>Services nationaux</source>
        <translation>Services nationaux</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="42" />
        <source>Certificats</source>
        <translation>Certificats</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="43" />
        <source>Démonstration</source>
        <translation>Démonstration</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="44" />
        <source>Cabinet</source>
        <translation>Cabinet</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="79" />
        <source>Parcourir…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="117" />
        <source>Fichiers PEM (*.pem *.crt *.key)</source>
        <translation>Fichiers PEM (*.pem *.crt *.key)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="118" />
        <source>Tous les fichiers (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="139" />
        <source>Paramètres</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="149" />
        <source>Fichier : %1&lt;br&gt;Les modifications prennent effet au prochain démarrage du logiciel.</source>
        <translation>Fichier : %1&lt;br&gt;Les modifications prennent effet au prochain démarrage du logiciel.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="191" />
        <source>Le fichier %1 est illisible (%2) : les valeurs par défaut sont affichées.</source>
        <translation>Le fichier %1 est illisible (%2) : les valeurs par défaut sont affichées.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="219" />
        <source>Enregistrement impossible : %1</source>
        <translation>Enregistrement impossible : %1</translation>
    </message>
</context>
<context>
    <name>_Banner</name>
    <message>
        <location filename="../../ui/messages.py" line="118" />
        <source>Fermer</source>
        <translation>Fermer</translation>
    </message>
</context>
</TS>