<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="fr_FR">
<context>
    <name />
    <message>
        <location filename="../../ui/documents/fields.py" line="93" />
        <source>JJ/MM/AAAA</source>
        <translation>JJ/MM/AAAA</translation>
    </message>
    <message>
        <location filename="../../ui/documents/fields.py" line="112" />
        <source>%1 : date invalide, attendu JJ/MM/AAAA.</source>
        <translation>%1 : date invalide, attendu JJ/MM/AAAA.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/fields.py" line="115" />
        <source>%1 : la date ne peut pas être dans le futur.</source>
        <translation>%1 : la date ne peut pas être dans le futur.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/free_editor.py" line="32" />
        <source>Titre de la section</source>
        <translation>Titre de la section</translation>
    </message>
    <message>
        <location filename="../../ui/documents/free_editor.py" line="34" />
        <source>Texte (laissez une ligne vide entre deux paragraphes)</source>
        <translation>Texte (laissez une ligne vide entre deux paragraphes)</translation>
    </message>
    <message>
        <location filename="../../ui/documents/free_editor.py" line="36" />
        <source>Section</source>
        <translation>Section</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="35" />
        <source>Ex. : Amoxicilline 1 g, comprimé dispersible</source>
        <translation>Ex. : Amoxicilline 1 g, comprimé dispersible</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="38" />
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="39" />
        <source> jours</source>
        <translation> jours</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="43" />
        <source>Ex. : 1 comprimé matin, midi et soir</source>
        <translation>Ex. : 1 comprimé matin, midi et soir</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="45" />
        <source>Ex. : à prendre au milieu des repas</source>
        <translation>Ex. : à prendre au milieu des repas</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="46" />
        <source>Non substituable</source>
        <translation>Non substituable</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="47" />
        <source>ALD</source>
        <translation>ALD</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="48" />
        <source>En rapport avec une affection de longue durée</source>
        <translation>En rapport avec une affection de longue durée</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="49" />
        <source>AT/MP</source>
        <translation>AT/MP</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="50" />
        <source>En rapport avec un accident du travail ou une maladie professionnelle</source>
        <translation>En rapport avec un accident du travail ou une maladie professionnelle</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="51" />
        <source>Non remboursable</source>
        <translation>Non remboursable</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="52" />
        <source>Hors AMM</source>
        <translation>Hors AMM</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="53" />
        <location filename="../../ui/documents/vsm_editor.py" line="121" />
        <source>Médicament</source>
        <translation>Médicament</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="54" />
        <source>Durée</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="55" />
        <source>Renouvellements</source>
        <translation>Renouvellements</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="56" />
        <location filename="../../ui/documents/vsm_editor.py" line="122" />
        <source>Posologie</source>
        <translation>Posologie</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="57" />
        <source>Instructions au patient</source>
        <translation>Instructions au patient</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="70" />
        <source>Indiquez le médicament de cette ligne.</source>
        <translation>Indiquez le médicament de cette ligne.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="71" />
        <source>Indiquez la posologie de cette ligne.</source>
        <translation>Indiquez la posologie de cette ligne.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="73" />
        <source>Indiquez la durée du traitement (en jours).</source>
        <translation>Indiquez la durée du traitement (en jours).</translation>
    </message>
    <message>
        <location filename="../../ui/documents/rows.py" line="60" />
        <location filename="../../ui/documents/rows.py" line="61" />
        <source>Supprimer cette ligne</source>
        <translation>Supprimer cette ligne</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="42" />
        <source>Ex. : Hypertension artérielle essentielle</source>
        <translation>Ex. : Hypertension artérielle essentielle</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="44" />
        <source>Ex. : I10</source>
        <translation>Ex. : I10</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="48" />
        <source>En cours</source>
        <translation>En cours</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="50" />
        <source>Décochez pour un antécédent (pathologie terminée).</source>
        <translation>Décochez pour un antécédent (pathologie terminée).</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="51" />
        <source>Pathologie ou antécédent</source>
        <translation>Pathologie ou antécédent</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="52" />
        <source>CIM-10</source>
        <translation>CIM-10</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="53" />
        <location filename="../../ui/documents/vsm_editor.py" line="59" />
        <source>Début</source>
        <translation>Début</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="54" />
        <location filename="../../ui/documents/vsm_editor.py" line="60" />
        <source>Fin</source>
        <translation>Fin</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="62" />
        <source>La fin ne peut pas précéder le début.</source>
        <translation>La fin ne peut pas précéder le début.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="66" />
        <source>Indiquez le libellé de la pathologie.</source>
        <translation>Indiquez le libellé de la pathologie.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="68" />
        <source>Code CIM-10 attendu comme I10 ou E11.9 (ou laissez vide).</source>
        <translation>Code CIM-10 attendu comme I10 ou E11.9 (ou laissez vide).</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="84" />
        <source>Ex. : Pénicilline G</source>
        <translation>Ex. : Pénicilline G</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="87" />
        <source>Ex. : urticaire généralisée</source>
        <translation>Ex. : urticaire généralisée</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="89" />
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="91" />
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="92" />
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="93" />
        <location filename="../../ui/documents/vsm_editor.py" line="99" />
        <location filename="../../ui/documents/vsm_editor.py" line="123" />
        <location filename="../../ui/documents/vsm_editor.py" line="128" />
        <source>Depuis</source>
        <translation>Depuis</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="95" />
        <source>Réaction</source>
        <translation>Réaction</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="101" />
        <source>Indiquez l'agent de l'allergie.</source>
        <translation>Indiquez l'agent de l'allergie.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="117" />
        <source>Ex. : Ramipril 5 mg, comprimé</source>
        <translation>Ex. : Ramipril 5 mg, comprimé</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="119" />
        <source>Ex. : 1 comprimé le matin</source>
        <translation>Ex. : 1 comprimé le matin</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="130" />
        <source>Indiquez le médicament.</source>
        <translation>Indiquez le médicament.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="144" />
        <source>Ex. : fumeur, 20 paquets-années</source>
        <translation>Ex. : fumeur, 20 paquets-années</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="145" />
        <source>Facteur</source>
        <translation>Facteur</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="146" />
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="151" />
        <source>Décrivez le facteur de risque.</source>
        <translation>Décrivez le facteur de risque.</translation>
    </message>
</context>
<context>
    <name>ActivityIndicator</name>
    <message numerus="yes">
        <location filename="../../ui/activity.py" line="155" />
        <source>%n requête(s) en cours</source>
        <translation>
            <numerusform>%n requête en cours</numerusform>
            <numerusform>%n requêtes en cours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/activity.py" line="183" />
        <source>%n envoi(s) en cours</source>
        <translation>
            <numerusform>%n envoi en cours</numerusform>
            <numerusform>%n envois en cours</numerusform>
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
        <location filename="../../ui/activity.py" line="82" />
        <source>Aucune opération en cours.</source>
        <translation>Aucune opération en cours.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/activity.py" line="107" />
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/activity.py" line="117" />
        <source>Annuler</source>
        <translation>Annuler</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/activity.py" line="99" />
        <source>%n envoi(s) en cours : détail dans le panneau « Envois ».</source>
        <translation>
            <numerusform>%n envoi en cours : détail dans le panneau « Envois ».</numerusform>
            <numerusform>%n envois en cours : détail dans le panneau « Envois ».</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BirthPlaceLookup</name>
    <message>
        <location filename="../../ui/patients/fields.py" line="79" />
        <source>Rechercher la commune ou le pays de naissance…</source>
        <translation>Rechercher la commune ou le pays de naissance…</translation>
    </message>
    <message>
        <location filename="../../ui/patients/fields.py" line="94" />
        <source>Chargement des communes</source>
        <translation>Chargement des communes</translation>
    </message>
    <message>
        <location filename="../../ui/patients/fields.py" line="103" />
        <source>Recherche du lieu de naissance</source>
        <translation>Recherche du lieu de naissance</translation>
    </message>
</context>
<context>
    <name>DatamatrixDialog</name>
    <message>
        <location filename="../../ui/patients/datamatrix.py" line="29" />
        <source>Datamatrix INS</source>
        <translation>Datamatrix INS</translation>
    </message>
    <message>
        <location filename="../../ui/patients/datamatrix.py" line="44" />
        <source>Imprimer…</source>
        <translation>Imprimer…</translation>
    </message>
    <message>
        <location filename="../../ui/patients/datamatrix.py" line="46" />
        <source>Enregistrer en PNG…</source>
        <translation>Enregistrer en PNG…</translation>
    </message>
    <message>
        <location filename="../../ui/patients/datamatrix.py" line="48" />
        <source>Fermer</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../ui/patients/datamatrix.py" line="57" />
        <source>%1 %2 — %3 — né(e) le %4
INS %5</source>
        <translation>%1 %2 — %3 — né(e) le %4
INS %5</translation>
    </message>
    <message>
        <location filename="../../ui/patients/datamatrix.py" line="61" />
        <source>Enregistrer le datamatrix INS</source>
        <translation>Enregistrer le datamatrix INS</translation>
    </message>
    <message>
        <location filename="../../ui/patients/datamatrix.py" line="64" />
        <source>Image PNG (*.png)</source>
        <translation>Image PNG (*.png)</translation>
    </message>
    <message>
        <location filename="../../ui/patients/datamatrix.py" line="73" />
        <source>Datamatrix non enregistré dans %1 : %2</source>
        <translation>Datamatrix non enregistré dans %1 : %2</translation>
    </message>
    <message>
        <location filename="../../ui/patients/datamatrix.py" line="75" />
        <source>Datamatrix INS enregistré dans %1.</source>
        <translation>Datamatrix INS enregistré dans %1.</translation>
    </message>
</context>
<context>
    <name>DiagnosticsDialog</name>
    <message>
        <location filename="../../ui/diagnostics.py" line="40" />
        <source>Diagnostic</source>
        <translation>Diagnostic</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="45" />
        <source>Réactivité de l'interface (retard de la boucle d'événements)</source>
        <translation>Réactivité de l'interface (retard de la boucle d'événements)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="48" />
        <source>Blocage le plus long :</source>
        <translation>Blocage le plus long :</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="49" />
        <source>99e centile :</source>
        <translation>99e centile :</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="50" />
        <source>Pire sur la dernière seconde :</source>
        <translation>Pire sur la dernière seconde :</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="53" />
        <source>Poste</source>
        <translation>Poste</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="56" />
        <source>Rôle :</source>
        <translation>Rôle :</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="57" />
        <source>Nom du poste :</source>
        <translation>Nom du poste :</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="58" />
        <source>Base de données :</source>
        <translation>Base de données :</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="60" />
        <source>Services :</source>
        <translation>Services :</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="61" />
        <source>exécutés par ce poste</source>
        <translation>exécutés par ce poste</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="62" />
        <source>non exécutés par ce poste</source>
        <translation>non exécutés par ce poste</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="63" />
        <source>Envois automatiques :</source>
        <translation>Envois automatiques :</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="66" />
        <source>Versions</source>
        <translation>Versions</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="74" />
        <source>Remettre à zéro</source>
        <translation>Remettre à zéro</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="92" />
        <source>mesure arrêtée</source>
        <translation>mesure arrêtée</translation>
    </message>
</context>
<context>
    <name>DmpDocumentModel</name>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="97" />
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="97" />
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="97" />
        <source>Titre</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="97" />
        <source>Auteur</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="97" />
        <source>État</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="103" />
        <source>Nouveau</source>
        <translation>Nouveau</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="105" />
        <source>Importé</source>
        <translation>Importé</translation>
    </message>
</context>
<context>
    <name>DmpModule</name>
    <message>
        <location filename="../../ui/dmp/module.py" line="34" />
        <source>DMP</source>
        <translation>DMP</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/module.py" line="35" />
        <source>Envois</source>
        <translation>Envois</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/module.py" line="40" />
        <source>DMP du patient</source>
        <translation>DMP du patient</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/module.py" line="41" />
        <source>Suivi des envois</source>
        <translation>Suivi des envois</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/module.py" line="42" />
        <source>Envoi au DMP par type de document…</source>
        <translation>Envoi au DMP par type de document…</translation>
    </message>
</context>
<context>
    <name>DmpPanel</name>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="155" />
        <location filename="../../ui/dmp/dmp_panel.py" line="374" />
        <source>DMP</source>
        <translation>DMP</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="166" />
        <source>Tous les types</source>
        <translation>Tous les types</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="169" />
        <source>Du</source>
        <translation>Du</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="171" />
        <source>au</source>
        <translation>au</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="176" />
        <source>Auteur (nom ou prénom)</source>
        <translation>Auteur (nom ou prénom)</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="179" />
        <source>Rechercher</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="212" />
        <source>Ouvrir</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="214" />
        <source>Importer dans le dossier</source>
        <translation>Importer dans le dossier</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="216" />
        <source>Actualiser</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="227" />
        <source>Documents du DMP importés dans le dossier</source>
        <translation>Documents du DMP importés dans le dossier</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="278" />
        <source>Consultation du DMP en cours…</source>
        <translation>Consultation du DMP en cours…</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="279" />
        <source>Annuler</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="300" />
        <source>Réessayer</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="325" />
        <source>Choisissez un patient pour consulter son DMP.</source>
        <translation>Choisissez un patient pour consulter son DMP.</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="391" />
        <source>Lecture du patient</source>
        <translation>Lecture du patient</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="399" />
        <source>DMP de %1</source>
        <translation>DMP de %1</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="405" />
        <source>Le DMP ne peut être consulté que pour une identité qualifiée (INS qualifiée). Qualifiez l'identité de ce patient dans sa fiche.</source>
        <translation>Le DMP ne peut être consulté que pour une identité qualifiée (INS qualifiée). Qualifiez l'identité de ce patient dans sa fiche.</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="426" />
        <location filename="../../ui/dmp/dmp_panel.py" line="459" />
        <source>Consultation du DMP</source>
        <translation>Consultation du DMP</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="442" />
        <source>Consultation annulée.</source>
        <translation>Consultation annulée.</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="452" />
        <source>Aucun document dans le DMP pour ces critères.</source>
        <translation>Aucun document dans le DMP pour ces critères.</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="470" />
        <source>Récupération du document dans le DMP…</source>
        <translation>Récupération du document dans le DMP…</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="471" />
        <source>Lecture d'un document du DMP</source>
        <translation>Lecture d'un document du DMP</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="494" />
        <source>Lecture du document</source>
        <translation>Lecture du document</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="503" />
        <source>Import d'un document du DMP</source>
        <translation>Import d'un document du DMP</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="508" />
        <source>« %1 » a été importé dans le dossier du patient.</source>
        <translation>« %1 » a été importé dans le dossier du patient.</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="516" />
        <source>Import du document</source>
        <translation>Import du document</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="532" />
        <source>Lecture des documents importés</source>
        <translation>Lecture des documents importés</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="540" />
        <source>%1 — %2, importé le %3</source>
        <translation>%1 — %2, importé le %3</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="545" />
        <source>Aucun document importé.</source>
        <translation>Aucun document importé.</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="564" />
        <source>Lecture d'un document importé</source>
        <translation>Lecture d'un document importé</translation>
    </message>
</context>
<context>
    <name>DmpPreferencesDialog</name>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="69" />
        <source>Envoi au DMP par type de document</source>
        <translation>Envoi au DMP par type de document</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="70" />
        <source>Les documents cochés sont envoyés automatiquement au DMP du patient dès leur validation. Un document peut toujours être retenu individuellement.</source>
        <translation>Les documents cochés sont envoyés automatiquement au DMP du patient dès leur validation. Un document peut toujours être retenu individuellement.</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="77" />
        <source>Praticien :</source>
        <translation>Praticien :</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="80" />
        <source>Enregistrer</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="81" />
        <source>Fermer</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="91" />
        <source>Lecture des praticiens</source>
        <translation>Lecture des praticiens</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="103" />
        <source>Aucun praticien enregistré</source>
        <translation>Aucun praticien enregistré</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="115" />
        <source>Lecture des réglages DMP</source>
        <translation>Lecture des réglages DMP</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="137" />
        <source>Enregistrement des réglages DMP</source>
        <translation>Enregistrement des réglages DMP</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="142" />
        <source>Réglages d'envoi au DMP enregistrés.</source>
        <translation>Réglages d'envoi au DMP enregistrés.</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="147" />
        <source>Réglages d'envoi au DMP</source>
        <translation>Réglages d'envoi au DMP</translation>
    </message>
</context>
<context>
    <name>DocumentEditor</name>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="157" />
        <source>Titre du document</source>
        <translation>Titre du document</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="178" />
        <location filename="../../ui/documents/editor_base.py" line="489" />
        <source>Valider</source>
        <translation>Valider</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="181" />
        <location filename="../../ui/documents/editor_base.py" line="313" />
        <source>Nouvelle version</source>
        <translation>Nouvelle version</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="183" />
        <source>Archiver…</source>
        <translation>Archiver…</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="185" />
        <source>Supprimer…</source>
        <translation>Supprimer…</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="193" />
        <source>Partage</source>
        <translation>Partage</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="194" />
        <source>Métadonnées de partage : DMP et MSSanté</source>
        <translation>Métadonnées de partage : DMP et MSSanté</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="196" />
        <source>Document validé</source>
        <translation>Document validé</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="198" />
        <source>Historique</source>
        <translation>Historique</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="288" />
        <source>Affichage du document validé</source>
        <translation>Affichage du document validé</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="293" />
        <source>version %1</source>
        <translation>version %1</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="295" />
        <source>Brouillon — %1 — auteur : %2</source>
        <translation>Brouillon — %1 — auteur : %2</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="297" />
        <source> — remplacera la version précédente à sa validation</source>
        <translation> — remplacera la version précédente à sa validation</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="300" />
        <source>%1 — %2 — validé le %3 par %4 — lecture seule</source>
        <translation>%1 — %2 — validé le %3 par %4 — lecture seule</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="310" />
        <source>Seul l'auteur du document (%1) peut le valider.</source>
        <translation>Seul l'auteur du document (%1) peut le valider.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="312" />
        <source>Ouvrir la nouvelle version</source>
        <translation>Ouvrir la nouvelle version</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="329" />
        <source>Modifications en cours…</source>
        <translation>Modifications en cours…</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="336" />
        <source>Le titre du document ne peut pas être vide.</source>
        <translation>Le titre du document ne peut pas être vide.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="376" />
        <source>Brouillon non enregistré : corrigez les champs signalés en rouge.</source>
        <translation>Brouillon non enregistré : corrigez les champs signalés en rouge.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="394" />
        <location filename="../../ui/documents/editor_base.py" line="410" />
        <source>Enregistrement du brouillon</source>
        <translation>Enregistrement du brouillon</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="404" />
        <source>Brouillon enregistré à %1</source>
        <translation>Brouillon enregistré à %1</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="412" />
        <source>Copiez votre texte si besoin, puis rouvrez le document.</source>
        <translation>Copiez votre texte si besoin, puis rouvrez le document.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="413" />
        <source>Brouillon NON enregistré — vos modifications restent à l'écran.</source>
        <translation>Brouillon NON enregistré — vos modifications restent à l'écran.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="421" />
        <source>Fermer sans enregistrer ?</source>
        <translation>Fermer sans enregistrer ?</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="421" />
        <source>Abandonner les modifications</source>
        <translation>Abandonner les modifications</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="424" />
        <source>Les dernières modifications de ce brouillon ne peuvent pas être enregistrées (champs signalés en rouge). Les abandonner et fermer le document ?</source>
        <translation>Les dernières modifications de ce brouillon ne peuvent pas être enregistrées (champs signalés en rouge). Les abandonner et fermer le document ?</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="428" />
        <source>Le brouillon n'a pas pu être enregistré. Abandonner les modifications et fermer ?</source>
        <translation>Le brouillon n'a pas pu être enregistré. Abandonner les modifications et fermer ?</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="463" />
        <source>Métadonnées de partage</source>
        <translation>Métadonnées de partage</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="465" />
        <source>Métadonnées</source>
        <translation>Métadonnées</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="481" />
        <source>Le document ne peut pas être validé : corrigez les champs signalés en rouge.</source>
        <translation>Le document ne peut pas être validé : corrigez les champs signalés en rouge.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="486" />
        <source>Valider le document</source>
        <translation>Valider le document</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="487" />
        <source>Valider « %1 » ? Le document sera figé et signé de votre nom : il ne pourra plus être modifié, seulement remplacé par une nouvelle version.</source>
        <translation>Valider « %1 » ? Le document sera figé et signé de votre nom : il ne pourra plus être modifié, seulement remplacé par une nouvelle version.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="497" />
        <source>Validation du document</source>
        <translation>Validation du document</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="498" />
        <source>Validation en cours : création du PDF et du document CDA…</source>
        <translation>Validation en cours : création du PDF et du document CDA…</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="513" />
        <source>Nouvelle version du document</source>
        <translation>Nouvelle version du document</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="513" />
        <source>Création de la nouvelle version…</source>
        <translation>Création de la nouvelle version…</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="517" />
        <source>Archiver le document</source>
        <translation>Archiver le document</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="518" />
        <source>Le document archivé reste consultable mais n'apparaît plus parmi les documents courants du patient. Indiquez le motif de l'archivage.</source>
        <translation>Le document archivé reste consultable mais n'apparaît plus parmi les documents courants du patient. Indiquez le motif de l'archivage.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="519" />
        <source>Archiver</source>
        <translation>Archiver</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="520" />
        <source>Archivage du document</source>
        <translation>Archivage du document</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="523" />
        <source>Supprimer le document</source>
        <translation>Supprimer le document</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="524" />
        <source>Le document sera marqué supprimé (il reste conservé comme trace, mais n'est plus utilisable). Indiquez le motif de la suppression.</source>
        <translation>Le document sera marqué supprimé (il reste conservé comme trace, mais n'est plus utilisable). Indiquez le motif de la suppression.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="525" />
        <source>Supprimer</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="526" />
        <source>Suppression du document</source>
        <translation>Suppression du document</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="600" />
        <source>Annuler</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>DocumentList</name>
    <message>
        <location filename="../../ui/documents/document_list.py" line="105" />
        <location filename="../../ui/documents/document_list.py" line="156" />
        <source>Aucun patient sélectionné</source>
        <translation>Aucun patient sélectionné</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="110" />
        <source>Praticien qui rédige et valide les documents sur ce poste</source>
        <translation>Praticien qui rédige et valide les documents sur ce poste</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="113" />
        <source>Nouveau document</source>
        <translation>Nouveau document</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="121" />
        <source>Afficher les supprimés</source>
        <translation>Afficher les supprimés</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="140" />
        <source>Auteur :</source>
        <translation>Auteur :</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="160" />
        <source>Choisissez un patient dans la liste de gauche.</source>
        <translation>Choisissez un patient dans la liste de gauche.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="171" />
        <source>Aucun praticien enregistré</source>
        <translation>Aucun praticien enregistré</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="180" />
        <source>Aucun document pour ce patient : « Nouveau document » pour en rédiger un.</source>
        <translation>Aucun document pour ce patient : « Nouveau document » pour en rédiger un.</translation>
    </message>
</context>
<context>
    <name>DocumentListModel</name>
    <message>
        <location filename="../../ui/documents/document_list.py" line="66" />
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="66" />
        <source>Titre</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="66" />
        <source>Statut</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="66" />
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="67" />
        <source>Modifié le</source>
        <translation>Modifié le</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="67" />
        <source>DMP</source>
        <translation>DMP</translation>
    </message>
</context>
<context>
    <name>DocumentsModule</name>
    <message>
        <location filename="../../ui/documents/module.py" line="26" />
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../ui/documents/module.py" line="33" />
        <source>Nouveau : %1</source>
        <translation>Nouveau : %1</translation>
    </message>
</context>
<context>
    <name>DocumentsPanel</name>
    <message>
        <location filename="../../ui/documents/workspace.py" line="66" />
        <source>Ouvrez un document de la liste, ou créez-en un avec « Nouveau document ».</source>
        <translation>Ouvrez un document de la liste, ou créez-en un avec « Nouveau document ».</translation>
    </message>
    <message>
        <location filename="../../ui/documents/workspace.py" line="85" />
        <source>Praticiens</source>
        <translation>Praticiens</translation>
    </message>
    <message>
        <location filename="../../ui/documents/workspace.py" line="116" />
        <source>Chargement…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location filename="../../ui/documents/workspace.py" line="118" />
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../ui/documents/workspace.py" line="129" />
        <source>Documents du patient</source>
        <translation>Documents du patient</translation>
    </message>
    <message>
        <location filename="../../ui/documents/workspace.py" line="153" />
        <source>Nouveau document</source>
        <translation>Nouveau document</translation>
    </message>
    <message>
        <location filename="../../ui/documents/workspace.py" line="163" />
        <source>Ouverture du document</source>
        <translation>Ouverture du document</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <location filename="../../ui/patients/duplicates_dialog.py" line="37" />
        <source>Doublons possibles</source>
        <translation>Doublons possibles</translation>
    </message>
    <message>
        <location filename="../../ui/patients/duplicates_dialog.py" line="41" />
        <source>Ces patients existants ont la même date de naissance et un nom proche. Vérifiez qu'il ne s'agit pas de la même personne avant de créer une nouvelle identité.</source>
        <translation>Ces patients existants ont la même date de naissance et un nom proche. Vérifiez qu'il ne s'agit pas de la même personne avant de créer une nouvelle identité.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/duplicates_dialog.py" line="53" />
        <source>Ouvrir ce dossier</source>
        <translation>Ouvrir ce dossier</translation>
    </message>
    <message>
        <location filename="../../ui/patients/duplicates_dialog.py" line="54" />
        <source>Créer quand même</source>
        <translation>Créer quand même</translation>
    </message>
    <message>
        <location filename="../../ui/patients/duplicates_dialog.py" line="55" />
        <source>Revenir à la saisie</source>
        <translation>Revenir à la saisie</translation>
    </message>
</context>
<context>
    <name>FreeEditor</name>
    <message>
        <location filename="../../ui/documents/free_editor.py" line="58" />
        <source>Ex. : Dr Élise Lefèvre, cardiologue, 3 rue de l'Église, Reims</source>
        <translation>Ex. : Dr Élise Lefèvre, cardiologue, 3 rue de l'Église, Reims</translation>
    </message>
    <message>
        <location filename="../../ui/documents/free_editor.py" line="62" />
        <source>Ajouter une section</source>
        <translation>Ajouter une section</translation>
    </message>
    <message>
        <location filename="../../ui/documents/free_editor.py" line="63" />
        <source>Section vide : écrivez son texte ou supprimez-la.</source>
        <translation>Section vide : écrivez son texte ou supprimez-la.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/free_editor.py" line="67" />
        <source>Destinataire</source>
        <translation>Destinataire</translation>
    </message>
    <message>
        <location filename="../../ui/documents/free_editor.py" line="76" />
        <source>Texte</source>
        <translation>Texte</translation>
    </message>
    <message>
        <location filename="../../ui/documents/free_editor.py" line="89" />
        <source>Indiquez le destinataire de la lettre.</source>
        <translation>Indiquez le destinataire de la lettre.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/free_editor.py" line="94" />
        <source>Document vide : saisissez au moins un paragraphe.</source>
        <translation>Document vide : saisissez au moins un paragraphe.</translation>
    </message>
</context>
<context>
    <name>IdentityStatus</name>
    <message>
        <location filename="../../ui/patients/badges.py" line="27" />
        <source>Identité provisoire</source>
        <translation>Identité provisoire</translation>
    </message>
    <message>
        <location filename="../../ui/patients/badges.py" line="28" />
        <source>Identité récupérée</source>
        <translation>Identité récupérée</translation>
    </message>
    <message>
        <location filename="../../ui/patients/badges.py" line="29" />
        <source>Identité validée</source>
        <translation>Identité validée</translation>
    </message>
    <message>
        <location filename="../../ui/patients/badges.py" line="30" />
        <source>Identité qualifiée</source>
        <translation>Identité qualifiée</translation>
    </message>
</context>
<context>
    <name>IndicatorsView</name>
    <message>
        <location filename="../../ui/patients/indicators_view.py" line="44" />
        <source>Identités du cabinet par statut</source>
        <translation>Identités du cabinet par statut</translation>
    </message>
    <message>
        <location filename="../../ui/patients/indicators_view.py" line="65" />
        <source>Actualiser</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../../ui/patients/indicators_view.py" line="69" />
        <source>Indicateurs INSq : calcul…</source>
        <translation>Indicateurs INSq : calcul…</translation>
    </message>
    <message>
        <location filename="../../ui/patients/indicators_view.py" line="73" />
        <source>Calcul des indicateurs INSq</source>
        <translation>Calcul des indicateurs INSq</translation>
    </message>
    <message>
        <location filename="../../ui/patients/indicators_view.py" line="82" />
        <source>Identités qualifiées : %1 (%2 sur %3)</source>
        <translation>Identités qualifiées : %1 (%2 sur %3)</translation>
    </message>
    <message>
        <location filename="../../ui/patients/indicators_view.py" line="88" />
        <source>Identités douteuses : %1 · fictives : %2 · avec un INS : %3</source>
        <translation>Identités douteuses : %1 · fictives : %2 · avec un INS : %3</translation>
    </message>
</context>
<context>
    <name>InsiDialog</name>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="66" />
        <location filename="../../ui/patients/insi_dialog.py" line="270" />
        <source>Téléservice INSi</source>
        <translation>Téléservice INSi</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="83" />
        <source>Recherche par traits</source>
        <translation>Recherche par traits</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="84" />
        <source>Recherche par carte Vitale</source>
        <translation>Recherche par carte Vitale</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="85" />
        <source>Vérification de l'INS</source>
        <translation>Vérification de l'INS</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="90" />
        <source>Interrogation du téléservice INSi…</source>
        <translation>Interrogation du téléservice INSi…</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="91" />
        <source>Annuler la requête</source>
        <translation>Annuler la requête</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="107" />
        <source>Trait</source>
        <translation>Trait</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="107" />
        <source>Dans le dossier</source>
        <translation>Dans le dossier</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="108" />
        <source>Réponse INSi</source>
        <translation>Réponse INSi</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="108" />
        <source>Décision</source>
        <translation>Décision</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="114" />
        <source>Accepter l'identité INSi</source>
        <translation>Accepter l'identité INSi</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="116" />
        <source>Refuser</source>
        <translation>Refuser</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="118" />
        <source>Fermer</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="138" />
        <source>Rechercher l'INS avec ces traits</source>
        <translation>Rechercher l'INS avec ces traits</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="149" />
        <source>13 ou 15 caractères, tel que lu sur la carte</source>
        <translation>13 ou 15 caractères, tel que lu sur la carte</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="151" />
        <location filename="../../ui/patients/insi_dialog.py" line="157" />
        <source>facultatif</source>
        <translation>facultatif</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="153" />
        <source>JJ/MM/AAAA</source>
        <translation>JJ/MM/AAAA</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="158" />
        <source>Rechercher l'INS avec la carte Vitale</source>
        <translation>Rechercher l'INS avec la carte Vitale</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="160" />
        <source>N° d'immatriculation de l'assuré</source>
        <translation>N° d'immatriculation de l'assuré</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="161" />
        <source>NIR du bénéficiaire</source>
        <translation>NIR du bénéficiaire</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="162" />
        <source>Date de naissance (carte)</source>
        <translation>Date de naissance (carte)</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="163" />
        <source>Rang de naissance</source>
        <translation>Rang de naissance</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="164" />
        <source>Nom de naissance</source>
        <translation>Nom de naissance</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="172" />
        <source>15 caractères (13 + clé)</source>
        <translation>15 caractères (13 + clé)</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="181" />
        <source>Vérifier l'INS</source>
        <translation>Vérifier l'INS</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="183" />
        <source>INS lu sur un datamatrix : à vérifier avant de l'attacher.</source>
        <translation>INS lu sur un datamatrix : à vérifier avant de l'attacher.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="184" />
        <source>Confirme qu'un INS connu correspond bien aux traits du dossier.</source>
        <translation>Confirme qu'un INS connu correspond bien aux traits du dossier.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="187" />
        <source>Matricule INS</source>
        <translation>Matricule INS</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="188" />
        <source>OID</source>
        <translation>OID</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="199" />
        <source>Nom de naissance : %1
Prénom(s) de naissance : %2
Sexe : %3
Date de naissance : %4
Lieu de naissance : %5

INSi est interrogé avec chaque prénom de naissance, dans l'ordre, jusqu'à trouver l'identité.</source>
        <translation>Nom de naissance : %1
Prénom(s) de naissance : %2
Sexe : %3
Date de naissance : %4
Lieu de naissance : %5

INSi est interrogé avec chaque prénom de naissance, dans l'ordre, jusqu'à trouver l'identité.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="203" />
        <source>non renseigné</source>
        <translation>non renseigné</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="220" />
        <source>Le n° d'immatriculation de l'assuré comporte 13 ou 15 caractères.</source>
        <translation>Le n° d'immatriculation de l'assuré comporte 13 ou 15 caractères.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="240" />
        <source>Appel au téléservice INSi</source>
        <translation>Appel au téléservice INSi</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="248" />
        <source>Requête INSi annulée.</source>
        <translation>Requête INSi annulée.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="298" />
        <source>Une identité trouvée : INS %1 (%2). %3</source>
        <translation>Une identité trouvée : INS %1 (%2). %3</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="300" />
        <source>Les traits différents sont surlignés : acceptez-les ou refusez-les un par un.</source>
        <translation>Les traits différents sont surlignés : acceptez-les ou refusez-les un par un.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="301" />
        <source>Les traits sont identiques à ceux du dossier.</source>
        <translation>Les traits sont identiques à ceux du dossier.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="319" />
        <source>Accepter</source>
        <translation>Accepter</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="325" />
        <source>identique</source>
        <translation>identique</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="339" />
        <source>Enregistrement de l'identité INSi</source>
        <translation>Enregistrement de l'identité INSi</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="346" />
        <source>%1 : %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="347" />
        <source>INSi : %1.</source>
        <translation>INSi : %1.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="357" />
        <source>Identité INSi refusée : le dossier est inchangé.</source>
        <translation>Identité INSi refusée : le dossier est inchangé.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="47" />
        <source>Fichier</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="47" />
        <source>Patients</source>
        <translation>Patients</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="48" />
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="48" />
        <source>Envois</source>
        <translation>Envois</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="49" />
        <source>Outils</source>
        <translation>Outils</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="49" />
        <source>Aide</source>
        <translation>Aide</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="188" />
        <source>Accueil</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="244" />
        <source>Quitter</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="245" />
        <source>Rechercher un patient</source>
        <translation>Rechercher un patient</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="246" />
        <source>Paramètres…</source>
        <translation>Paramètres…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="247" />
        <source>Tester la connexion au bac à sable</source>
        <translation>Tester la connexion au bac à sable</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="250" />
        <source>Diagnostic</source>
        <translation>Diagnostic</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="251" />
        <location filename="../../ui/main_window.py" line="304" />
        <source>À propos</source>
        <translation>À propos</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="259" />
        <source>Cabinet</source>
        <translation>Cabinet</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="260" />
        <source>&lt;h2&gt;%1&lt;/h2&gt;&lt;p&gt;Choisissez un patient dans la liste de gauche.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;%1&lt;/h2&gt;&lt;p&gt;Choisissez un patient dans la liste de gauche.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="292" />
        <source>Paramètres enregistrés dans %1. Redémarrez le logiciel pour appliquer : %2.</source>
        <translation>Paramètres enregistrés dans %1. Redémarrez le logiciel pour appliquer : %2.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="295" />
        <source>Paramètres enregistrés dans %1.</source>
        <translation>Paramètres enregistrés dans %1.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="305" />
        <source>&lt;b&gt;LGC Ségur&lt;/b&gt; %1&lt;br&gt;Logiciel de gestion de cabinet médical : INS, DMP, MSSanté, Pro Santé Connect.</source>
        <translation>&lt;b&gt;LGC Ségur&lt;/b&gt; %1&lt;br&gt;Logiciel de gestion de cabinet médical : INS, DMP, MSSanté, Pro Santé Connect.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="313" />
        <source>Test de connexion au bac à sable</source>
        <translation>Test de connexion au bac à sable</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="315" />
        <source>Bac à sable : réponse reçue en %1 s.</source>
        <translation>Bac à sable : réponse reçue en %1 s.</translation>
    </message>
</context>
<context>
    <name>MetadataPanel</name>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="78" />
        <source>Ces informations accompagnent le document quand il est envoyé au DMP et par messagerie sécurisée de santé (MSSanté). Elles sont préremplies selon le type de document et sont figées à la validation.</source>
        <translation>Ces informations accompagnent le document quand il est envoyé au DMP et par messagerie sécurisée de santé (MSSanté). Elles sont préremplies selon le type de document et sont figées à la validation.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="84" />
        <source>Classement du document</source>
        <translation>Classement du document</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="87" />
        <source>Classe</source>
        <translation>Classe</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="88" />
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="89" />
        <source>Cadre d'exercice</source>
        <translation>Cadre d'exercice</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="90" />
        <source>Type de structure</source>
        <translation>Type de structure</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="91" />
        <source>Confidentialité</source>
        <translation>Confidentialité</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="101" />
        <source>Type imposé par le volet CI-SIS de ce document.</source>
        <translation>Type imposé par le volet CI-SIS de ce document.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="105" />
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="107" />
        <source>Visibilité dans le DMP</source>
        <translation>Visibilité dans le DMP</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="111" />
        <source>Masqué aux professionnels de santé</source>
        <translation>Masqué aux professionnels de santé</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="112" />
        <source>Les autres professionnels de santé ne verront pas ce document dans le DMP ; seuls vous-même et le patient y auront accès.</source>
        <translation>Les autres professionnels de santé ne verront pas ce document dans le DMP ; seuls vous-même et le patient y auront accès.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="115" />
        <source>Non visible par le patient</source>
        <translation>Non visible par le patient</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="116" />
        <source>Le patient ne verra pas ce document dans son DMP (Mon espace santé), par exemple en attendant de lui annoncer un diagnostic en consultation.</source>
        <translation>Le patient ne verra pas ce document dans son DMP (Mon espace santé), par exemple en attendant de lui annoncer un diagnostic en consultation.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="119" />
        <source>Non visible par les représentants légaux</source>
        <translation>Non visible par les représentants légaux</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="120" />
        <source>Les parents ou le tuteur d'un patient mineur ou protégé ne verront pas ce document, par exemple quand un mineur demande le secret.</source>
        <translation>Les parents ou le tuteur d'un patient mineur ou protégé ne verront pas ce document, par exemple quand un mineur demande le secret.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="136" />
        <source>Rétablir les valeurs par défaut</source>
        <translation>Rétablir les valeurs par défaut</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="138" />
        <source>Document validé : ses métadonnées de partage sont figées.</source>
        <translation>Document validé : ses métadonnées de partage sont figées.</translation>
    </message>
</context>
<context>
    <name>NewDocumentsWatcher</name>
    <message>
        <location filename="../../ui/dmp/badge.py" line="87" />
        <source>Lecture des nouveaux documents DMP</source>
        <translation>Lecture des nouveaux documents DMP</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/badge.py" line="97" />
        <source>Recherche de nouveaux documents dans le DMP</source>
        <translation>Recherche de nouveaux documents dans le DMP</translation>
    </message>
</context>
<context>
    <name>OrdersModel</name>
    <message>
        <location filename="../../ui/dmp/orders_panel.py" line="66" />
        <source>Créé le</source>
        <translation>Créé le</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/orders_panel.py" line="66" />
        <source>Nature</source>
        <translation>Nature</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/orders_panel.py" line="66" />
        <source>Contenu</source>
        <translation>Contenu</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/orders_panel.py" line="66" />
        <source>Demandé par</source>
        <translation>Demandé par</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/orders_panel.py" line="67" />
        <source>Poste</source>
        <translation>Poste</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/orders_panel.py" line="67" />
        <source>Statut</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/orders_panel.py" line="67" />
        <source>Tentatives</source>
        <translation>Tentatives</translation>
    </message>
</context>
<context>
    <name>OrdersPanel</name>
    <message>
        <location filename="../../ui/dmp/orders_panel.py" line="113" />
        <source>Tous les statuts</source>
        <translation>Tous les statuts</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/orders_panel.py" line="119" />
        <source>Actualiser</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/orders_panel.py" line="122" />
        <source>Statut :</source>
        <translation>Statut :</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/orders_panel.py" line="139" />
        <source>Aucun envoi.</source>
        <translation>Aucun envoi.</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/orders_panel.py" line="142" />
        <source>Relancer</source>
        <translation>Relancer</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/orders_panel.py" line="144" />
        <source>Annuler l'envoi</source>
        <translation>Annuler l'envoi</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/orders_panel.py" line="146" />
        <source>Exporter la trace…</source>
        <translation>Exporter la trace…</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/orders_panel.py" line="158" />
        <source>Sélectionnez un envoi pour voir sa trace.</source>
        <translation>Sélectionnez un envoi pour voir sa trace.</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/orders_panel.py" line="194" />
        <location filename="../../ui/dmp/orders_panel.py" line="220" />
        <source>Lecture des envois</source>
        <translation>Lecture des envois</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/orders_panel.py" line="250" />
        <source>Chargement de la trace…</source>
        <translation>Chargement de la trace…</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/orders_panel.py" line="256" />
        <source>Lecture de la trace d'un envoi</source>
        <translation>Lecture de la trace d'un envoi</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/orders_panel.py" line="258" />
        <source>Trace</source>
        <translation>Trace</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/orders_panel.py" line="276" />
        <source>Relance d'un envoi</source>
        <translation>Relance d'un envoi</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/orders_panel.py" line="277" />
        <source>Envoi relancé : il repart en attente.</source>
        <translation>Envoi relancé : il repart en attente.</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/orders_panel.py" line="282" />
        <source>Annulation d'un envoi</source>
        <translation>Annulation d'un envoi</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/orders_panel.py" line="283" />
        <source>Envoi annulé.</source>
        <translation>Envoi annulé.</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/orders_panel.py" line="307" />
        <source>Exporter la trace de l'envoi</source>
        <translation>Exporter la trace de l'envoi</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/orders_panel.py" line="309" />
        <source>Texte (*.txt)</source>
        <translation>Texte (*.txt)</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/orders_panel.py" line="323" />
        <source>Export de la trace</source>
        <translation>Export de la trace</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/orders_panel.py" line="324" />
        <source>Trace exportée dans %1.</source>
        <translation>Trace exportée dans %1.</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/orders_panel.py" line="326" />
        <source>Export de la trace impossible : %1</source>
        <translation>Export de la trace impossible : %1</translation>
    </message>
</context>
<context>
    <name>PatientForm</name>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="153" />
        <source>Traits d'identité de naissance (INS)</source>
        <translation>Traits d'identité de naissance (INS)</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="157" />
        <source>Nom de naissance</source>
        <translation>Nom de naissance</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="158" />
        <source>Prénom(s) de naissance</source>
        <translation>Prénom(s) de naissance</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="160" />
        <source>Premier prénom de naissance</source>
        <translation>Premier prénom de naissance</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="166" />
        <source>Tous les prénoms de naissance, dans l'ordre de l'état civil, séparés par un espace.</source>
        <translation>Tous les prénoms de naissance, dans l'ordre de l'état civil, séparés par un espace.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="171" />
        <source>JJ/MM/AAAA (00 pour un jour ou un mois inconnu)</source>
        <translation>JJ/MM/AAAA (00 pour un jour ou un mois inconnu)</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="173" />
        <source>Date de naissance</source>
        <translation>Date de naissance</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="175" />
        <source>— choisir —</source>
        <translation>— choisir —</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="176" />
        <source>Féminin</source>
        <translation>Féminin</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="176" />
        <source>Masculin</source>
        <translation>Masculin</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="177" />
        <source>Indéterminé</source>
        <translation>Indéterminé</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="179" />
        <source>Sexe</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="182" />
        <source>Code INSEE (99xxx : né·e à l'étranger)</source>
        <translation>Code INSEE (99xxx : né·e à l'étranger)</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="184" />
        <source>Code du lieu de naissance</source>
        <translation>Code du lieu de naissance</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="189" />
        <source>Commune / pays</source>
        <translation>Commune / pays</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="203" />
        <source>Statut de l'identité</source>
        <translation>Statut de l'identité</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="213" />
        <source>Identité douteuse</source>
        <translation>Identité douteuse</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="214" />
        <source>Identité fictive</source>
        <translation>Identité fictive</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="215" />
        <source>Homonyme</source>
        <translation>Homonyme</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="225" />
        <source>Enregistrer le contrôle</source>
        <translation>Enregistrer le contrôle</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="226" />
        <source>La pièce d'identité choisie a été vue : l'identité devient validée (ou qualifiée si elle a été récupérée par INSi).</source>
        <translation>La pièce d'identité choisie a été vue : l'identité devient validée (ou qualifiée si elle a été récupérée par INSi).</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="229" />
        <source>Pièce vue :</source>
        <translation>Pièce vue :</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="240" />
        <source>Traits d'usage et coordonnées</source>
        <translation>Traits d'usage et coordonnées</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="242" />
        <source>Nom utilisé</source>
        <translation>Nom utilisé</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="243" />
        <source>Prénom utilisé</source>
        <translation>Prénom utilisé</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="244" />
        <source>Adresse</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="244" />
        <source>Complément</source>
        <translation>Complément</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="245" />
        <source>Code postal</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="245" />
        <source>Ville</source>
        <translation>Ville</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="246" />
        <source>Téléphone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="246" />
        <source>Courriel</source>
        <translation>Courriel</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="253" />
        <source>Carte Vitale (données de la carte, distinctes des traits INS)</source>
        <translation>Carte Vitale (données de la carte, distinctes des traits INS)</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="263" />
        <source>Enregistrer</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="266" />
        <location filename="../../ui/patients/patient_form.py" line="534" />
        <source>Abandonner les modifications</source>
        <translation>Abandonner les modifications</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="268" />
        <source>Téléservice INSi…</source>
        <translation>Téléservice INSi…</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="270" />
        <source>Datamatrix INS…</source>
        <translation>Datamatrix INS…</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="272" />
        <source>Importer un datamatrix…</source>
        <translation>Importer un datamatrix…</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="339" />
        <source>Nouveau patient</source>
        <translation>Nouveau patient</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="342" />
        <location filename="../../ui/patients/patient_form.py" line="376" />
        <source>Pas d'INS</source>
        <translation>Pas d'INS</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="343" />
        <source>Une identité créée ici est provisoire jusqu'à l'appel au téléservice INSi et au contrôle d'une pièce d'identité.</source>
        <translation>Une identité créée ici est provisoire jusqu'à l'appel au téléservice INSi et au contrôle d'une pièce d'identité.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="346" />
        <location filename="../../ui/patients/patient_form.py" line="364" />
        <source>Aucune carte Vitale lue pour ce patient.</source>
        <translation>Aucune carte Vitale lue pour ce patient.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="355" />
        <source>Dernier changement : %1 (%2, %3)</source>
        <translation>Dernier changement : %1 (%2, %3)</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="358" />
        <source>%1 vue par %2 le %3</source>
        <translation>%1 vue par %2 le %3</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="361" />
        <source>N° d'assuré %1, rang %2 : %3 %4, né(e) le %5</source>
        <translation>N° d'assuré %1, rang %2 : %3 %4, né(e) le %5</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="377" />
        <source>INS %1 (OID %2)</source>
        <translation>INS %1 (OID %2)</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="379" />
        <source> — non transmis tant que l'identité n'est pas qualifiée</source>
        <translation> — non transmis tant que l'identité n'est pas qualifiée</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="427" />
        <source>Modification de : %1. À l'enregistrement, l'identité repassera au statut « Identité provisoire »%2.</source>
        <translation>Modification de : %1. À l'enregistrement, l'identité repassera au statut « Identité provisoire »%2.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="429" />
        <source> et son INS sera retiré</source>
        <translation> et son INS sera retiré</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="458" />
        <source>Identité non enregistrée : corrigez les champs signalés (rien n'est perdu).</source>
        <translation>Identité non enregistrée : corrigez les champs signalés (rien n'est perdu).</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="462" />
        <source>Dossier patient</source>
        <translation>Dossier patient</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="476" />
        <source>Enregistrement du patient</source>
        <translation>Enregistrement du patient</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="481" />
        <source>Création du patient</source>
        <translation>Création du patient</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="494" />
        <source>Identité créée (identité provisoire).</source>
        <translation>Identité créée (identité provisoire).</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="496" />
        <source>INS lu sur le datamatrix : %1. Vérifiez-le avec le téléservice INSi pour l'attacher à l'identité.</source>
        <translation>INS lu sur le datamatrix : %1. Vérifiez-le avec le téléservice INSi pour l'attacher à l'identité.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="530" />
        <source>Modifications non enregistrées</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="531" />
        <source>Les modifications de cette identité ne sont pas enregistrées. Les abandonner ?</source>
        <translation>Les modifications de cette identité ne sont pas enregistrées. Les abandonner ?</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="535" />
        <source>Continuer la saisie</source>
        <translation>Continuer la saisie</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="542" />
        <source>Ouverture du patient</source>
        <translation>Ouverture du patient</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="557" />
        <source>Attributs de l'identité</source>
        <translation>Attributs de l'identité</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="564" />
        <source>Enregistrez d'abord les modifications : le contrôle porte sur les traits enregistrés.</source>
        <translation>Enregistrez d'abord les modifications : le contrôle porte sur les traits enregistrés.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="570" />
        <source>Contrôle de la pièce d'identité</source>
        <translation>Contrôle de la pièce d'identité</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="592" />
        <source>Enregistrez d'abord les modifications : le téléservice INSi est interrogé avec les traits enregistrés.</source>
        <translation>Enregistrez d'abord les modifications : le téléservice INSi est interrogé avec les traits enregistrés.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="602" />
        <source>Importer un datamatrix INS</source>
        <translation>Importer un datamatrix INS</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="603" />
        <source>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff)</source>
        <translation>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff)</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="613" />
        <source>Lecture du datamatrix INS</source>
        <translation>Lecture du datamatrix INS</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="624" />
        <source>Traits lus sur le datamatrix INS (INS %1). Vérifiez-les, enregistrez l'identité puis vérifiez l'INS avec le téléservice INSi.</source>
        <translation>Traits lus sur le datamatrix INS (INS %1). Vérifiez-les, enregistrez l'identité puis vérifiez l'INS avec le téléservice INSi.</translation>
    </message>
</context>
<context>
    <name>PatientListModel</name>
    <message>
        <location filename="../../ui/patients/patient_list.py" line="74" />
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_list.py" line="74" />
        <source>Né(e) le</source>
        <translation>Né(e) le</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_list.py" line="74" />
        <source>Statut</source>
        <translation>Statut</translation>
    </message>
</context>
<context>
    <name>PatientListPanel</name>
    <message>
        <location filename="../../ui/patients/patient_list.py" line="137" />
        <source>Rechercher un patient (nom, prénom, date)…</source>
        <translation>Rechercher un patient (nom, prénom, date)…</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_list.py" line="139" />
        <source>Nouveau patient</source>
        <translation>Nouveau patient</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_list.py" line="148" />
        <source>Tapez un nom, un prénom ou une date de naissance : la recherche ignore accents, tirets et apostrophes.</source>
        <translation>Tapez un nom, un prénom ou une date de naissance : la recherche ignore accents, tirets et apostrophes.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_list.py" line="175" />
        <source>Recherche de patients</source>
        <translation>Recherche de patients</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_list.py" line="186" />
        <source>Aucun patient ne correspond à « %1 ».</source>
        <translation>Aucun patient ne correspond à « %1 ».</translation>
    </message>
</context>
<context>
    <name>PatientsModule</name>
    <message>
        <location filename="../../ui/patients/module.py" line="38" />
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../ui/patients/module.py" line="39" />
        <location filename="../../ui/patients/module.py" line="54" />
        <source>Indicateurs INSq</source>
        <translation>Indicateurs INSq</translation>
    </message>
    <message>
        <location filename="../../ui/patients/module.py" line="51" />
        <source>Nouveau patient</source>
        <translation>Nouveau patient</translation>
    </message>
    <message>
        <location filename="../../ui/patients/module.py" line="52" />
        <source>Téléservice INSi…</source>
        <translation>Téléservice INSi…</translation>
    </message>
    <message>
        <location filename="../../ui/patients/module.py" line="53" />
        <source>Importer un datamatrix INS…</source>
        <translation>Importer un datamatrix INS…</translation>
    </message>
    <message>
        <location filename="../../ui/patients/module.py" line="77" />
        <source>Datamatrix INS</source>
        <translation>Datamatrix INS</translation>
    </message>
</context>
<context>
    <name>PrescriptionEditor</name>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="97" />
        <source>JJ/MM/AAAA (vide : jour de la validation)</source>
        <translation>JJ/MM/AAAA (vide : jour de la validation)</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="102" />
        <source>Ajouter une ligne</source>
        <translation>Ajouter une ligne</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="103" />
        <source>Ligne vide : renseignez le médicament, la posologie et la durée, ou supprimez la ligne.</source>
        <translation>Ligne vide : renseignez le médicament, la posologie et la durée, ou supprimez la ligne.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="108" />
        <source>Commentaire imprimé sous les lignes (facultatif)</source>
        <translation>Commentaire imprimé sous les lignes (facultatif)</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="112" />
        <source>Prescrit le</source>
        <translation>Prescrit le</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="119" />
        <source>Lignes de prescription</source>
        <translation>Lignes de prescription</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="130" />
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="133" />
        <source>Ordonnance vide : ajoutez au moins une ligne.</source>
        <translation>Ordonnance vide : ajoutez au moins une ligne.</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="101" />
        <source>Motif (obligatoire)</source>
        <translation>Motif (obligatoire)</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="105" />
        <source>Annuler</source>
        <translation>Annuler</translation>
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
        <location filename="../../ui/main_window.py" line="110" />
        <source>Services nationaux</source>
        <translation>Services nationaux</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="112" />
        <source>Bac à sable : vérification…</source>
        <translation>Bac à sable : vérification…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="128" />
        <source>Vérification du bac à sable</source>
        <translation>Vérification du bac à sable</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="139" />
        <source>Bac à sable : connecté (latence %1 s)</source>
        <translation>Bac à sable : connecté (latence %1 s)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="141" />
        <source>Bac à sable : connecté</source>
        <translation>Bac à sable : connecté</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="146" />
        <source>Bac à sable : injoignable</source>
        <translation>Bac à sable : injoignable</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="40" />
        <source>Poste</source>
        <translation>Poste</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="41" />
        <source>Base de données</source>
        <translation>Base de données</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="42" />
        <source>Services nationaux</source>
        <translation>Services nationaux</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="43" />
        <source>Certificats</source>
        <translation>Certificats</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="44" />
        <source>Démonstration</source>
        <translation>Démonstration</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="45" />
        <source>Cabinet</source>
        <translation>Cabinet</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="80" />
        <source>Parcourir…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="118" />
        <source>Fichiers PEM (*.pem *.crt *.key)</source>
        <translation>Fichiers PEM (*.pem *.crt *.key)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="119" />
        <source>Tous les fichiers (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="140" />
        <source>Paramètres</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="150" />
        <source>Fichier : %1&lt;br&gt;Les modifications prennent effet au prochain démarrage du logiciel.</source>
        <translation>Fichier : %1&lt;br&gt;Les modifications prennent effet au prochain démarrage du logiciel.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="193" />
        <source>Le fichier %1 est illisible (%2) : les valeurs par défaut sont affichées.</source>
        <translation>Le fichier %1 est illisible (%2) : les valeurs par défaut sont affichées.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="228" />
        <source>Enregistrement impossible : %1</source>
        <translation>Enregistrement impossible : %1</translation>
    </message>
</context>
<context>
    <name>VaccinationEditor</name>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="53" />
        <source>Nom commercial, tel qu'imprimé sur la boîte</source>
        <translation>Nom commercial, tel qu'imprimé sur la boîte</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="55" />
        <source>8 chiffres</source>
        <translation>8 chiffres</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="58" />
        <source>Ex. : J07AM01</source>
        <translation>Ex. : J07AM01</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="61" />
        <source>Ex. : anatoxine tétanique</source>
        <translation>Ex. : anatoxine tétanique</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="73" />
        <source>non précisé</source>
        <translation>non précisé</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="76" />
        <source>Réaction, surveillance, remarques (facultatif)</source>
        <translation>Réaction, surveillance, remarques (facultatif)</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="78" />
        <source>Vaccin</source>
        <translation>Vaccin</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="79" />
        <source>Code CIS</source>
        <translation>Code CIS</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="80" />
        <source>Classe ATC (code)</source>
        <translation>Classe ATC (code)</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="81" />
        <source>Classe ATC (libellé)</source>
        <translation>Classe ATC (libellé)</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="82" />
        <source>Numéro de lot</source>
        <translation>Numéro de lot</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="83" />
        <location filename="../../ui/documents/vaccination_editor.py" line="116" />
        <source>Date de vaccination</source>
        <translation>Date de vaccination</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="84" />
        <source>Type d'acte</source>
        <translation>Type d'acte</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="85" />
        <source>Voie d'administration</source>
        <translation>Voie d'administration</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="86" />
        <source>Rang de la dose</source>
        <translation>Rang de la dose</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="87" />
        <source>Commentaire</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="98" />
        <source>Vaccination</source>
        <translation>Vaccination</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="119" />
        <source>Indiquez le nom du vaccin.</source>
        <translation>Indiquez le nom du vaccin.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="121" />
        <source>Le code CIS du vaccin comporte 8 chiffres.</source>
        <translation>Le code CIS du vaccin comporte 8 chiffres.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="124" />
        <source>Code ATC attendu sur 7 caractères, par ex. J07AM01.</source>
        <translation>Code ATC attendu sur 7 caractères, par ex. J07AM01.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="127" />
        <source>Indiquez le libellé de la classe ATC.</source>
        <translation>Indiquez le libellé de la classe ATC.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="129" />
        <source>Indiquez le numéro de lot (traçabilité du vaccin).</source>
        <translation>Indiquez le numéro de lot (traçabilité du vaccin).</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="131" />
        <source>Indiquez la date de la vaccination.</source>
        <translation>Indiquez la date de la vaccination.</translation>
    </message>
</context>
<context>
    <name>VsmEditor</name>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="161" />
        <source>Ligne vide : complétez-la ou supprimez-la.</source>
        <translation>Ligne vide : complétez-la ou supprimez-la.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="162" />
        <source>Ajouter une pathologie</source>
        <translation>Ajouter une pathologie</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="163" />
        <source>Ajouter une allergie</source>
        <translation>Ajouter une allergie</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="164" />
        <source>Ajouter un traitement</source>
        <translation>Ajouter un traitement</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="165" />
        <source>Ajouter un facteur de risque</source>
        <translation>Ajouter un facteur de risque</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="167" />
        <source>Pathologies</source>
        <translation>Pathologies</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="168" />
        <source>Allergies</source>
        <translation>Allergies</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="169" />
        <source>Traitements</source>
        <translation>Traitements</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="170" />
        <source>Facteurs de risque</source>
        <translation>Facteurs de risque</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="176" />
        <source>Un point de vigilance par paragraphe (laissez une ligne vide entre deux).</source>
        <translation>Un point de vigilance par paragraphe (laissez une ligne vide entre deux).</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="181" />
        <source>Vigilance</source>
        <translation>Vigilance</translation>
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
<context>
    <name>parent</name>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="37" />
        <source>Ne pas envoyer au DMP</source>
        <translation>Ne pas envoyer au DMP</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="38" />
        <source>Ce document ne sera pas envoyé au DMP du patient. Indiquez pourquoi : le motif est conservé avec le document.</source>
        <translation>Ce document ne sera pas envoyé au DMP du patient. Indiquez pourquoi : le motif est conservé avec le document.</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="40" />
        <source>Ne pas envoyer</source>
        <translation>Ne pas envoyer</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="44" />
        <source>Document retenu hors du DMP</source>
        <translation>Document retenu hors du DMP</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="45" />
        <source>Le document ne sera pas envoyé au DMP.</source>
        <translation>Le document ne sera pas envoyé au DMP.</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="46" />
        <source>Envoi au DMP</source>
        <translation>Envoi au DMP</translation>
    </message>
</context>
</TS>