<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="fr_FR">
<context>
    <name></name>
    <message>
        <location filename="../../ui/documents/fields.py" line="128"/>
        <source>%1 : date invalide, attendu %2.</source>
        <translation>%1 : date invalide, attendu %2.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/fields.py" line="145"/>
        <source>JJ/MM/AAAA</source>
        <translation>JJ/MM/AAAA</translation>
    </message>
    <message>
        <location filename="../../ui/documents/fields.py" line="173"/>
        <source>[JJ/][MM/]AAAA</source>
        <translation>[JJ/][MM/]AAAA</translation>
    </message>
    <message>
        <location filename="../../ui/documents/fields.py" line="174"/>
        <source>Date complète, mois et année (03/2020) ou année seule (2020).</source>
        <translation>Date complète, mois et année (03/2020) ou année seule (2020).</translation>
    </message>
    <message>
        <location filename="../../ui/documents/fields.py" line="132"/>
        <source>%1 : la date ne peut pas être dans le futur.</source>
        <translation>%1 : la date ne peut pas être dans le futur.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/free_editor.py" line="25"/>
        <source>Titre de la section</source>
        <translation>Titre de la section</translation>
    </message>
    <message>
        <location filename="../../ui/documents/free_editor.py" line="27"/>
        <source>Texte (laissez une ligne vide entre deux paragraphes)</source>
        <translation>Texte (laissez une ligne vide entre deux paragraphes)</translation>
    </message>
    <message>
        <location filename="../../ui/documents/free_editor.py" line="29"/>
        <source>Section</source>
        <translation>Section</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="45"/>
        <source>Ex. : Amoxicilline 1 g, comprimé dispersible</source>
        <translation>Ex. : Amoxicilline 1 g, comprimé dispersible</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="48"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="49"/>
        <source> jours</source>
        <translation> jours</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="53"/>
        <source>Ex. : 1 comprimé matin, midi et soir</source>
        <translation>Ex. : 1 comprimé matin, midi et soir</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="55"/>
        <source>Ex. : à prendre au milieu des repas</source>
        <translation>Ex. : à prendre au milieu des repas</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="56"/>
        <source>Non substituable</source>
        <translation>Non substituable</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="57"/>
        <source>ALD</source>
        <translation>ALD</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="58"/>
        <source>En rapport avec une affection de longue durée</source>
        <translation>En rapport avec une affection de longue durée</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="59"/>
        <source>AT/MP</source>
        <translation>AT/MP</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="60"/>
        <source>En rapport avec un accident du travail ou une maladie professionnelle</source>
        <translation>En rapport avec un accident du travail ou une maladie professionnelle</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="61"/>
        <source>Non remboursable</source>
        <translation>Non remboursable</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="62"/>
        <source>Hors AMM</source>
        <translation>Hors AMM</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="63"/>
        <location filename="../../ui/documents/vsm_editor.py" line="122"/>
        <source>Médicament</source>
        <translation>Médicament</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="64"/>
        <source>Durée</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="65"/>
        <source>Renouvellements</source>
        <translation>Renouvellements</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="66"/>
        <location filename="../../ui/documents/vsm_editor.py" line="123"/>
        <source>Posologie</source>
        <translation>Posologie</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="67"/>
        <source>Instructions au patient</source>
        <translation>Instructions au patient</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="80"/>
        <source>Indiquez le médicament de cette ligne.</source>
        <translation>Indiquez le médicament de cette ligne.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="81"/>
        <source>Indiquez la posologie de cette ligne.</source>
        <translation>Indiquez la posologie de cette ligne.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="83"/>
        <source>Indiquez la durée du traitement (en jours).</source>
        <translation>Indiquez la durée du traitement (en jours).</translation>
    </message>
    <message>
        <location filename="../../ui/documents/rows.py" line="60"/>
        <location filename="../../ui/documents/rows.py" line="61"/>
        <source>Supprimer cette ligne</source>
        <translation>Supprimer cette ligne</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="42"/>
        <source>Ex. : Hypertension artérielle essentielle</source>
        <translation>Ex. : Hypertension artérielle essentielle</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="44"/>
        <source>Ex. : I10</source>
        <translation>Ex. : I10</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="48"/>
        <source>En cours</source>
        <translation>En cours</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="50"/>
        <source>Décochez pour un antécédent (pathologie terminée).</source>
        <translation>Décochez pour un antécédent (pathologie terminée).</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="51"/>
        <source>Pathologie ou antécédent</source>
        <translation>Pathologie ou antécédent</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="52"/>
        <source>CIM-10</source>
        <translation>CIM-10</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="53"/>
        <location filename="../../ui/documents/vsm_editor.py" line="59"/>
        <source>Début</source>
        <translation>Début</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="54"/>
        <location filename="../../ui/documents/vsm_editor.py" line="60"/>
        <source>Fin</source>
        <translation>Fin</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="62"/>
        <source>La fin ne peut pas précéder le début.</source>
        <translation>La fin ne peut pas précéder le début.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="67"/>
        <source>Indiquez le libellé de la pathologie.</source>
        <translation>Indiquez le libellé de la pathologie.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="69"/>
        <source>Code CIM-10 attendu comme I10 ou E11.9 (ou laissez vide).</source>
        <translation>Code CIM-10 attendu comme I10 ou E11.9 (ou laissez vide).</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="85"/>
        <source>Ex. : Pénicilline G</source>
        <translation>Ex. : Pénicilline G</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="88"/>
        <source>Ex. : urticaire généralisée</source>
        <translation>Ex. : urticaire généralisée</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="90"/>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="92"/>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="93"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="94"/>
        <location filename="../../ui/documents/vsm_editor.py" line="100"/>
        <location filename="../../ui/documents/vsm_editor.py" line="124"/>
        <location filename="../../ui/documents/vsm_editor.py" line="129"/>
        <source>Depuis</source>
        <translation>Depuis</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="96"/>
        <source>Réaction</source>
        <translation>Réaction</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="102"/>
        <source>Indiquez l&apos;agent de l&apos;allergie.</source>
        <translation>Indiquez l&apos;agent de l&apos;allergie.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="118"/>
        <source>Ex. : Ramipril 5 mg, comprimé</source>
        <translation>Ex. : Ramipril 5 mg, comprimé</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="120"/>
        <source>Ex. : 1 comprimé le matin</source>
        <translation>Ex. : 1 comprimé le matin</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="131"/>
        <source>Indiquez le médicament.</source>
        <translation>Indiquez le médicament.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="145"/>
        <source>Ex. : fumeur, 20 paquets-années</source>
        <translation>Ex. : fumeur, 20 paquets-années</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="146"/>
        <source>Facteur</source>
        <translation>Facteur</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="147"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="152"/>
        <source>Décrivez le facteur de risque.</source>
        <translation>Décrivez le facteur de risque.</translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="55"/>
        <location filename="../../ui/auth/accounts_dialog.py" line="132"/>
        <location filename="../../ui/auth/accounts_dialog.py" line="244"/>
        <source>Comptes utilisateurs</source>
        <translation>Comptes utilisateurs</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="71"/>
        <source>11 chiffres, si le titulaire en a un</source>
        <translation>11 chiffres, si le titulaire en a un</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="73"/>
        <source>Il faut %1.</source>
        <translation>Il faut %1.</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="80"/>
        <source>Identifiant</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="81"/>
        <source>Nom d&apos;exercice</source>
        <translation>Nom d&apos;exercice</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="82"/>
        <source>Prénom</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="83"/>
        <source>Profession</source>
        <translation>Profession</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="84"/>
        <source>RPPS</source>
        <translation>RPPS</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="85"/>
        <source>Rôle</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="86"/>
        <source>Mot de passe</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="87"/>
        <location filename="../../ui/auth/accounts_dialog.py" line="186"/>
        <source>Nouveau compte</source>
        <translation>Nouveau compte</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="88"/>
        <location filename="../../ui/auth/accounts_dialog.py" line="201"/>
        <source>Enregistrer</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="89"/>
        <source>Réinitialiser le mot de passe</source>
        <translation>Réinitialiser le mot de passe</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="90"/>
        <source>Déverrouiller</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="91"/>
        <source>Imposer le renouvellement du TOTP</source>
        <translation>Imposer le renouvellement du TOTP</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="92"/>
        <source>Désactiver le TOTP (perte)</source>
        <translation>Désactiver le TOTP (perte)</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="93"/>
        <location filename="../../ui/auth/accounts_dialog.py" line="207"/>
        <source>Désactiver le compte</source>
        <translation>Désactiver le compte</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="98"/>
        <source>Compte déverrouillé.</source>
        <translation>Compte déverrouillé.</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="100"/>
        <source>Le titulaire devra renouveler son second facteur à sa prochaine connexion.</source>
        <translation>Le titulaire devra renouveler son second facteur à sa prochaine connexion.</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="102"/>
        <source>Second facteur désactivé.</source>
        <translation>Second facteur désactivé.</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="106"/>
        <source>Compte</source>
        <translation>Compte</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="156"/>
        <source>Désactivé</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="157"/>
        <source>Verrouillé</source>
        <translation>Verrouillé</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="157"/>
        <source>Actif</source>
        <translation>Actif</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="161"/>
        <source>Aucun</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="162"/>
        <source>TOTP (renouvellement imposé)</source>
        <translation>TOTP (renouvellement imposé)</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="162"/>
        <source>TOTP</source>
        <translation>TOTP</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="170"/>
        <source>Compte « %1 »</source>
        <translation>Compte « %1 »</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="179"/>
        <source>nouveau mot de passe, pour le réinitialiser</source>
        <translation>nouveau mot de passe, pour le réinitialiser</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="190"/>
        <source>mot de passe initial</source>
        <translation>mot de passe initial</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="201"/>
        <source>Créer le compte</source>
        <translation>Créer le compte</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="207"/>
        <source>Réactiver le compte</source>
        <translation>Réactiver le compte</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="223"/>
        <source>Compte « %1 » créé.</source>
        <translation>Compte « %1 » créé.</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="227"/>
        <source>Compte enregistré.</source>
        <translation>Compte enregistré.</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="231"/>
        <source>Saisissez le nouveau mot de passe dans le champ « Mot de passe ».</source>
        <translation>Saisissez le nouveau mot de passe dans le champ « Mot de passe ».</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="234"/>
        <source>Mot de passe réinitialisé : communiquez-le au titulaire, qui le changera.</source>
        <translation>Mot de passe réinitialisé : communiquez-le au titulaire, qui le changera.</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="240"/>
        <source>Compte réactivé.</source>
        <translation>Compte réactivé.</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="240"/>
        <source>Compte désactivé.</source>
        <translation>Compte désactivé.</translation>
    </message>
    <message>
        <location filename="../../ui/auth/accounts_dialog.py" line="243"/>
        <source>Enregistrement…</source>
        <translation>Enregistrement…</translation>
    </message>
</context>
<context>
    <name>ActivityIndicator</name>
    <message>
        <location filename="../../ui/activity.py" line="187"/>
        <source>Comptage des envois</source>
        <translation>Comptage des envois</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/activity.py" line="215"/>
        <source>%n requête(s) en cours</source>
        <translation>
            <numerusform>%n requête en cours</numerusform>
            <numerusform>%n requêtes en cours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/activity.py" line="216"/>
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
        <location filename="../../ui/activity.py" line="88"/>
        <source>Opération en cours</source>
        <translation>Opération en cours</translation>
    </message>
    <message>
        <location filename="../../ui/activity.py" line="88"/>
        <source>Durée</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location filename="../../ui/activity.py" line="95"/>
        <source>Aucune opération en cours.</source>
        <translation>Aucune opération en cours.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/activity.py" line="129"/>
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/activity.py" line="139"/>
        <source>Annuler</source>
        <translation>Annuler</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/activity.py" line="117"/>
        <source>%n envoi(s) en cours : détail dans le panneau « Envois ».</source>
        <translation>
            <numerusform>%n envoi en cours : détail dans le panneau « Envois ».</numerusform>
            <numerusform>%n envois en cours : détail dans le panneau « Envois ».</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AllergiesBox</name>
    <message>
        <location filename="../../ui/consultations/allergies_box.py" line="34"/>
        <source>Allergies</source>
        <translation>Allergies</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/allergies_box.py" line="44"/>
        <source>Substance ou médicament (ex. : pénicilline)</source>
        <translation>Substance ou médicament (ex. : pénicilline)</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/allergies_box.py" line="46"/>
        <source>Classe ATC (facultatif)</source>
        <translation>Classe ATC (facultatif)</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/allergies_box.py" line="47"/>
        <source>Ex. : J01C pour les pénicillines ; trouvée d&apos;après la substance si elle est connue.</source>
        <translation>Ex. : J01C pour les pénicillines ; trouvée d&apos;après la substance si elle est connue.</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/allergies_box.py" line="50"/>
        <source>Réaction (ex. : urticaire)</source>
        <translation>Réaction (ex. : urticaire)</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/allergies_box.py" line="51"/>
        <source>Ajouter</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/allergies_box.py" line="54"/>
        <source>Retirer</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/allergies_box.py" line="78"/>
        <source>Allergies du patient</source>
        <translation>Allergies du patient</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/allergies_box.py" line="93"/>
        <source> [VSM]</source>
        <translation> [VSM]</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/allergies_box.py" line="97"/>
        <source>Aucune allergie connue.</source>
        <translation>Aucune allergie connue.</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/allergies_box.py" line="113"/>
        <source>Ajout d&apos;une allergie</source>
        <translation>Ajout d&apos;une allergie</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/allergies_box.py" line="129"/>
        <source>Retrait d&apos;une allergie</source>
        <translation>Retrait d&apos;une allergie</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/allergies_box.py" line="137"/>
        <source>Une allergie du VSM se retire dans le VSM.</source>
        <translation>Une allergie du VSM se retire dans le VSM.</translation>
    </message>
</context>
<context>
    <name>AuditPanel</name>
    <message>
        <location filename="../../ui/audit/audit_panel.py" line="50"/>
        <source>Journal d&apos;audit</source>
        <translation>Journal d&apos;audit</translation>
    </message>
    <message>
        <location filename="../../ui/audit/audit_panel.py" line="58"/>
        <source>Utilisateur</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <location filename="../../ui/audit/audit_panel.py" line="60"/>
        <source>N° patient</source>
        <translation>N° patient</translation>
    </message>
    <message>
        <location filename="../../ui/audit/audit_panel.py" line="62"/>
        <source>Tous les événements</source>
        <translation>Tous les événements</translation>
    </message>
    <message>
        <location filename="../../ui/audit/audit_panel.py" line="72"/>
        <source>Filtrer</source>
        <translation>Filtrer</translation>
    </message>
    <message>
        <location filename="../../ui/audit/audit_panel.py" line="72"/>
        <source>Exporter en CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/audit/audit_panel.py" line="73"/>
        <source>Vérifier l&apos;intégrité</source>
        <translation>Vérifier l&apos;intégrité</translation>
    </message>
    <message>
        <location filename="../../ui/audit/audit_panel.py" line="78"/>
        <source>Du</source>
        <translation>Du</translation>
    </message>
    <message>
        <location filename="../../ui/audit/audit_panel.py" line="78"/>
        <source>au</source>
        <translation>au</translation>
    </message>
    <message>
        <location filename="../../ui/audit/audit_panel.py" line="102"/>
        <source>Lecture du journal d&apos;audit</source>
        <translation>Lecture du journal d&apos;audit</translation>
    </message>
    <message>
        <location filename="../../ui/audit/audit_panel.py" line="113"/>
        <source>%1 entrée(s)</source>
        <translation>%1 entrée(s)</translation>
    </message>
    <message>
        <location filename="../../ui/audit/audit_panel.py" line="116"/>
        <source>Exporter le journal d&apos;audit</source>
        <translation>Exporter le journal d&apos;audit</translation>
    </message>
    <message>
        <location filename="../../ui/audit/audit_panel.py" line="117"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/audit/audit_panel.py" line="123"/>
        <source>Export du journal d&apos;audit</source>
        <translation>Export du journal d&apos;audit</translation>
    </message>
    <message>
        <location filename="../../ui/audit/audit_panel.py" line="128"/>
        <source>Journal d&apos;audit exporté dans %1.</source>
        <translation>Journal d&apos;audit exporté dans %1.</translation>
    </message>
    <message>
        <location filename="../../ui/audit/audit_panel.py" line="131"/>
        <source>Vérification du journal</source>
        <translation>Vérification du journal</translation>
    </message>
</context>
<context>
    <name>BirthPlaceLookup</name>
    <message>
        <location filename="../../ui/patients/fields.py" line="79"/>
        <source>Rechercher la commune ou le pays de naissance…</source>
        <translation>Rechercher la commune ou le pays de naissance…</translation>
    </message>
    <message>
        <location filename="../../ui/patients/fields.py" line="94"/>
        <source>Chargement des communes</source>
        <translation>Chargement des communes</translation>
    </message>
    <message>
        <location filename="../../ui/patients/fields.py" line="103"/>
        <location filename="../../ui/patients/fields.py" line="117"/>
        <source>Recherche du lieu de naissance</source>
        <translation>Recherche du lieu de naissance</translation>
    </message>
</context>
<context>
    <name>CardStatus</name>
    <message>
        <location filename="../../ui/auth/card_status.py" line="24"/>
        <source>CPS : lecture…</source>
        <translation>CPS : lecture…</translation>
    </message>
    <message>
        <location filename="../../ui/auth/card_status.py" line="36"/>
        <source>Lecture de la carte CPS</source>
        <translation>Lecture de la carte CPS</translation>
    </message>
    <message>
        <location filename="../../ui/auth/card_status.py" line="41"/>
        <source>déverrouillée</source>
        <translation>déverrouillée</translation>
    </message>
    <message>
        <location filename="../../ui/auth/card_status.py" line="41"/>
        <source>PIN non saisi</source>
        <translation>PIN non saisi</translation>
    </message>
    <message>
        <location filename="../../ui/auth/card_status.py" line="42"/>
        <source>CPS : {name} ({state})</source>
        <translation>CPS : {name} ({state})</translation>
    </message>
    <message>
        <location filename="../../ui/auth/card_status.py" line="43"/>
        <source>Carte CPS n° {id}</source>
        <translation>Carte CPS n° {id}</translation>
    </message>
    <message>
        <location filename="../../ui/auth/card_status.py" line="48"/>
        <source>CPS : carte logicielle, PIN non saisi</source>
        <translation>CPS : carte logicielle, PIN non saisi</translation>
    </message>
    <message>
        <location filename="../../ui/auth/card_status.py" line="50"/>
        <source>CPS : aucune carte</source>
        <translation>CPS : aucune carte</translation>
    </message>
    <message>
        <location filename="../../ui/auth/card_status.py" line="52"/>
        <source>CPS : lecteur indisponible</source>
        <translation>CPS : lecteur indisponible</translation>
    </message>
</context>
<context>
    <name>CdaViewer</name>
    <message>
        <location filename="../../ui/documents/viewer.py" line="138"/>
        <source>Copier le texte</source>
        <translation>Copier le texte</translation>
    </message>
    <message>
        <location filename="../../ui/documents/viewer.py" line="139"/>
        <source>Copie le texte du document dans le presse-papiers</source>
        <translation>Copie le texte du document dans le presse-papiers</translation>
    </message>
</context>
<context>
    <name>ComposeDialog</name>
    <message>
        <location filename="../../ui/mss/compose_dialog.py" line="56"/>
        <source>Nouveau message sécurisé (MSSanté)</source>
        <translation>Nouveau message sécurisé (MSSanté)</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_dialog.py" line="70"/>
        <source>Message sans patient</source>
        <translation>Message sans patient</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_dialog.py" line="76"/>
        <source>Objet du message</source>
        <translation>Objet du message</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_dialog.py" line="79"/>
        <source>Votre message</source>
        <translation>Votre message</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_dialog.py" line="82"/>
        <source>Objet</source>
        <translation>Objet</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_dialog.py" line="83"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_dialog.py" line="86"/>
        <source>Pièce jointe</source>
        <translation>Pièce jointe</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_dialog.py" line="86"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_dialog.py" line="86"/>
        <source>Taille</source>
        <translation>Taille</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_dialog.py" line="93"/>
        <source>Joindre des fichiers…</source>
        <translation>Joindre des fichiers…</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_dialog.py" line="95"/>
        <source>Retirer</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_dialog.py" line="110"/>
        <source>Mise en file d&apos;envoi…</source>
        <translation>Mise en file d&apos;envoi…</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_dialog.py" line="111"/>
        <source>Envoyer</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_dialog.py" line="114"/>
        <source>Annuler</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_dialog.py" line="138"/>
        <source>Message au sujet de %1 (un seul patient par message)</source>
        <translation>Message au sujet de %1 (un seul patient par message)</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_dialog.py" line="145"/>
        <source>Joindre des fichiers</source>
        <translation>Joindre des fichiers</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_dialog.py" line="147"/>
        <source>Fichiers acceptés (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.txt *.xml)</source>
        <translation>Fichiers acceptés (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.txt *.xml)</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_dialog.py" line="157"/>
        <source>Lecture des pièces jointes</source>
        <translation>Lecture des pièces jointes</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_dialog.py" line="190"/>
        <source>Taille estimée du message : %1 (au plus %2)</source>
        <translation>Taille estimée du message : %1 (au plus %2)</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_dialog.py" line="195"/>
        <source>Cochez au moins un destinataire.</source>
        <translation>Cochez au moins un destinataire.</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_dialog.py" line="217"/>
        <source>Message sécurisé</source>
        <translation>Message sécurisé</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_dialog.py" line="223"/>
        <source>Message sécurisé mis en file d&apos;envoi pour %1 : suivez-le dans « Envois ».</source>
        <translation>Message sécurisé mis en file d&apos;envoi pour %1 : suivez-le dans « Envois ».</translation>
    </message>
</context>
<context>
    <name>ComposeModule</name>
    <message>
        <location filename="../../ui/mss/compose_module.py" line="38"/>
        <source>Nouveau message sécurisé…</source>
        <translation>Nouveau message sécurisé…</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_module.py" line="39"/>
        <source>Mes envois par messagerie sécurisée…</source>
        <translation>Mes envois par messagerie sécurisée…</translation>
    </message>
</context>
<context>
    <name>ConsultationPanel</name>
    <message>
        <location filename="../../ui/consultations/consultation_panel.py" line="84"/>
        <location filename="../../ui/consultations/consultation_panel.py" line="182"/>
        <source>Aucun patient ouvert.</source>
        <translation>Aucun patient ouvert.</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/consultation_panel.py" line="90"/>
        <location filename="../../ui/consultations/consultation_panel.py" line="240"/>
        <source>Nouvelle consultation</source>
        <translation>Nouvelle consultation</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/consultation_panel.py" line="93"/>
        <source>Ex. : fièvre et toux depuis 3 jours</source>
        <translation>Ex. : fièvre et toux depuis 3 jours</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/consultation_panel.py" line="95"/>
        <source>Antécédents utiles, traitements en cours…</source>
        <translation>Antécédents utiles, traitements en cours…</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/consultation_panel.py" line="98"/>
        <source>Examen clinique</source>
        <translation>Examen clinique</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/consultation_panel.py" line="99"/>
        <source>Diagnostic, conduite à tenir</source>
        <translation>Diagnostic, conduite à tenir</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/consultation_panel.py" line="109"/>
        <source>Rédiger le compte rendu</source>
        <translation>Rédiger le compte rendu</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/consultation_panel.py" line="110"/>
        <source>Rédiger l&apos;ordonnance</source>
        <translation>Rédiger l&apos;ordonnance</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/consultation_panel.py" line="111"/>
        <source>Rédiger le courrier</source>
        <translation>Rédiger le courrier</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/consultation_panel.py" line="122"/>
        <source>Motif</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/consultation_panel.py" line="123"/>
        <source>Antécédents</source>
        <translation>Antécédents</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/consultation_panel.py" line="124"/>
        <source>Constantes</source>
        <translation>Constantes</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/consultation_panel.py" line="125"/>
        <source>Examen</source>
        <translation>Examen</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/consultation_panel.py" line="126"/>
        <source>Conclusion</source>
        <translation>Conclusion</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/consultation_panel.py" line="206"/>
        <source>Consultations du patient</source>
        <translation>Consultations du patient</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/consultation_panel.py" line="248"/>
        <source>Ouverture de la consultation</source>
        <translation>Ouverture de la consultation</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/consultation_panel.py" line="277"/>
        <source>Consultation du %1 — %2</source>
        <translation>Consultation du %1 — %2</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/consultation_panel.py" line="279"/>
        <source>Ouvrez une consultation, ou commencez-en une nouvelle.</source>
        <translation>Ouvrez une consultation, ou commencez-en une nouvelle.</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/consultation_panel.py" line="286"/>
        <source>Rédigés depuis cette consultation : %1</source>
        <translation>Rédigés depuis cette consultation : %1</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/consultation_panel.py" line="296"/>
        <source>Modifications en cours…</source>
        <translation>Modifications en cours…</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/consultation_panel.py" line="314"/>
        <source>Consultation non enregistrée : corrigez les valeurs en rouge.</source>
        <translation>Consultation non enregistrée : corrigez les valeurs en rouge.</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/consultation_panel.py" line="329"/>
        <source>Enregistrement de la consultation</source>
        <translation>Enregistrement de la consultation</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/consultation_panel.py" line="343"/>
        <source>Consultation enregistrée à %1</source>
        <translation>Consultation enregistrée à %1</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/consultation_panel.py" line="348"/>
        <source>Consultation NON enregistrée — vos modifications restent à l&apos;écran.</source>
        <translation>Consultation NON enregistrée — vos modifications restent à l&apos;écran.</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/consultation_panel.py" line="357"/>
        <source>Des valeurs en rouge empêchent d&apos;enregistrer la consultation : corrigez-les avant de changer de consultation.</source>
        <translation>Des valeurs en rouge empêchent d&apos;enregistrer la consultation : corrigez-les avant de changer de consultation.</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/consultation_panel.py" line="393"/>
        <source>Rédaction depuis la consultation</source>
        <translation>Rédaction depuis la consultation</translation>
    </message>
</context>
<context>
    <name>ConsultationScenario</name>
    <message>
        <location filename="../../ui/scenario/on_screen.py" line="27"/>
        <source>Scénario de démonstration : consultation</source>
        <translation>Scénario de démonstration : consultation</translation>
    </message>
</context>
<context>
    <name>ConsultationsModule</name>
    <message>
        <location filename="../../ui/consultations/module.py" line="29"/>
        <source>Consultation</source>
        <translation>Consultation</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/module.py" line="30"/>
        <source>Chronologie</source>
        <translation>Chronologie</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/module.py" line="37"/>
        <source>Nouvelle consultation</source>
        <translation>Nouvelle consultation</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/module.py" line="38"/>
        <source>Chronologie du patient</source>
        <translation>Chronologie du patient</translation>
    </message>
</context>
<context>
    <name>ContactRow</name>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="44"/>
        <source>nouvelle adresse</source>
        <translation>nouvelle adresse</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="45"/>
        <source>nouveau numéro</source>
        <translation>nouveau numéro</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="46"/>
        <source>Envoyer un code</source>
        <translation>Envoyer un code</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="48"/>
        <source>code reçu</source>
        <translation>code reçu</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="51"/>
        <source>Valider</source>
        <translation>Valider</translation>
    </message>
</context>
<context>
    <name>CorrespondentDialog</name>
    <message>
        <location filename="../../ui/directory/correspondents.py" line="43"/>
        <source>Correspondant</source>
        <translation>Correspondant</translation>
    </message>
    <message>
        <location filename="../../ui/directory/correspondents.py" line="54"/>
        <source>Aucune (pas d&apos;envoi MSSanté)</source>
        <translation>Aucune (pas d&apos;envoi MSSanté)</translation>
    </message>
    <message>
        <location filename="../../ui/directory/correspondents.py" line="59"/>
        <source>Rôle</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <location filename="../../ui/directory/correspondents.py" line="60"/>
        <source>Messagerie MSSanté</source>
        <translation>Messagerie MSSanté</translation>
    </message>
    <message>
        <location filename="../../ui/directory/correspondents.py" line="63"/>
        <source>Enregistrer</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../../ui/directory/correspondents.py" line="64"/>
        <source>Annuler</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>CorrespondentsPanel</name>
    <message>
        <location filename="../../ui/directory/correspondents.py" line="84"/>
        <source>Correspondants</source>
        <translation>Correspondants</translation>
    </message>
    <message>
        <location filename="../../ui/directory/correspondents.py" line="94"/>
        <source>Rôle</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <location filename="../../ui/directory/correspondents.py" line="94"/>
        <source>Professionnel</source>
        <translation>Professionnel</translation>
    </message>
    <message>
        <location filename="../../ui/directory/correspondents.py" line="94"/>
        <source>Spécialité</source>
        <translation>Spécialité</translation>
    </message>
    <message>
        <location filename="../../ui/directory/correspondents.py" line="95"/>
        <source>Messagerie MSSanté</source>
        <translation>Messagerie MSSanté</translation>
    </message>
    <message>
        <location filename="../../ui/directory/correspondents.py" line="109"/>
        <source>Ajouter depuis l&apos;Annuaire…</source>
        <translation>Ajouter depuis l&apos;Annuaire…</translation>
    </message>
    <message>
        <location filename="../../ui/directory/correspondents.py" line="110"/>
        <source>Modifier…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <location filename="../../ui/directory/correspondents.py" line="111"/>
        <source>Retirer</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location filename="../../ui/directory/correspondents.py" line="112"/>
        <source>Écrire à un correspondant…</source>
        <translation>Écrire à un correspondant…</translation>
    </message>
    <message>
        <location filename="../../ui/directory/correspondents.py" line="140"/>
        <source>aucune</source>
        <translation>aucune</translation>
    </message>
    <message>
        <location filename="../../ui/directory/correspondents.py" line="218"/>
        <source>Correspondants du patient</source>
        <translation>Correspondants du patient</translation>
    </message>
</context>
<context>
    <name>DatamatrixDialog</name>
    <message>
        <location filename="../../ui/patients/datamatrix.py" line="30"/>
        <source>Datamatrix INS</source>
        <translation>Datamatrix INS</translation>
    </message>
    <message>
        <location filename="../../ui/patients/datamatrix.py" line="45"/>
        <source>Imprimer…</source>
        <translation>Imprimer…</translation>
    </message>
    <message>
        <location filename="../../ui/patients/datamatrix.py" line="47"/>
        <source>Enregistrer en PNG…</source>
        <translation>Enregistrer en PNG…</translation>
    </message>
    <message>
        <location filename="../../ui/patients/datamatrix.py" line="49"/>
        <source>Fermer</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../ui/patients/datamatrix.py" line="58"/>
        <source>%1 %2 — %3 le %4
INS %5</source>
        <translation>%1 %2 — %3 le %4
INS %5</translation>
    </message>
    <message>
        <location filename="../../ui/patients/datamatrix.py" line="62"/>
        <source>Enregistrer le datamatrix INS</source>
        <translation>Enregistrer le datamatrix INS</translation>
    </message>
    <message>
        <location filename="../../ui/patients/datamatrix.py" line="65"/>
        <source>Image PNG (*.png)</source>
        <translation>Image PNG (*.png)</translation>
    </message>
    <message>
        <location filename="../../ui/patients/datamatrix.py" line="74"/>
        <source>Datamatrix non enregistré dans %1 : %2</source>
        <translation>Datamatrix non enregistré dans %1 : %2</translation>
    </message>
    <message>
        <location filename="../../ui/patients/datamatrix.py" line="76"/>
        <source>Datamatrix INS enregistré dans %1.</source>
        <translation>Datamatrix INS enregistré dans %1.</translation>
    </message>
</context>
<context>
    <name>DatamatrixPart</name>
    <message>
        <location filename="../../ui/patients/form/datamatrix.py" line="48"/>
        <source>Datamatrix INS…</source>
        <translation>Datamatrix INS…</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/datamatrix.py" line="50"/>
        <source>Importer un datamatrix…</source>
        <translation>Importer un datamatrix…</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/datamatrix.py" line="61"/>
        <source>Importer un datamatrix INS</source>
        <translation>Importer un datamatrix INS</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/datamatrix.py" line="62"/>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff)</source>
        <translation>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff)</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/datamatrix.py" line="72"/>
        <source>Lecture du datamatrix INS</source>
        <translation>Lecture du datamatrix INS</translation>
    </message>
</context>
<context>
    <name>DemoData</name>
    <message>
        <location filename="../../ui/demo_data.py" line="32"/>
        <source>identité qualifiée : ses documents partent au DMP (onglets Documents, DMP, Envois)</source>
        <translation>identité qualifiée : ses documents partent au DMP (onglets Documents, DMP, Envois)</translation>
    </message>
    <message>
        <location filename="../../ui/demo_data.py" line="34"/>
        <source>identité récupérée : ses documents attendent une pièce d&apos;identité pour être envoyés</source>
        <translation>identité récupérée : ses documents attendent une pièce d&apos;identité pour être envoyés</translation>
    </message>
    <message>
        <location filename="../../ui/demo_data.py" line="36"/>
        <source>identité validée par une pièce : le téléservice INSi la qualifie</source>
        <translation>identité validée par une pièce : le téléservice INSi la qualifie</translation>
    </message>
    <message>
        <location filename="../../ui/demo_data.py" line="37"/>
        <source>identité provisoire : INSi trouve deux homonymes</source>
        <translation>identité provisoire : INSi trouve deux homonymes</translation>
    </message>
    <message>
        <location filename="../../ui/demo_data.py" line="38"/>
        <source>INSi renvoie son nouveau matricule et l&apos;historique de son INS</source>
        <translation>INSi renvoie son nouveau matricule et l&apos;historique de son INS</translation>
    </message>
    <message>
        <location filename="../../ui/demo_data.py" line="39"/>
        <source>saisies avec accents : la recherche les ignore</source>
        <translation>saisies avec accents : la recherche les ignore</translation>
    </message>
</context>
<context>
    <name>DiagnosticsDialog</name>
    <message>
        <location filename="../../ui/diagnostics.py" line="40"/>
        <source>Diagnostic</source>
        <translation>Diagnostic</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="45"/>
        <source>Réactivité de l&apos;interface (retard de la boucle d&apos;événements)</source>
        <translation>Réactivité de l&apos;interface (retard de la boucle d&apos;événements)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="48"/>
        <source>Blocage le plus long :</source>
        <translation>Blocage le plus long :</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="49"/>
        <source>99e centile :</source>
        <translation>99e centile :</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="50"/>
        <source>Pire sur la dernière seconde :</source>
        <translation>Pire sur la dernière seconde :</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="53"/>
        <source>Poste</source>
        <translation>Poste</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="56"/>
        <source>Rôle :</source>
        <translation>Rôle :</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="57"/>
        <source>Nom du poste :</source>
        <translation>Nom du poste :</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="58"/>
        <source>Base de données :</source>
        <translation>Base de données :</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="60"/>
        <source>Services :</source>
        <translation>Services :</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="104"/>
        <source>exécutés par ce poste, processus d&apos;envoi %1 (pid %2)</source>
        <translation>exécutés par ce poste, processus d&apos;envoi %1 (pid %2)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/diagnostics.py" line="107"/>
        <source>, %n redémarrage(s)</source>
        <translation>
            <numerusform>, %n redémarrage</numerusform>
            <numerusform>, %n redémarrages</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="103"/>
        <source>non exécutés par ce poste</source>
        <translation>non exécutés par ce poste</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="63"/>
        <source>Envois automatiques :</source>
        <translation>Envois automatiques :</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="66"/>
        <source>Versions</source>
        <translation>Versions</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="74"/>
        <source>Remettre à zéro</source>
        <translation>Remettre à zéro</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics.py" line="92"/>
        <source>mesure arrêtée</source>
        <translation>mesure arrêtée</translation>
    </message>
</context>
<context>
    <name>DirectorySearchDialog</name>
    <message>
        <location filename="../../ui/directory/search_dialog.py" line="58"/>
        <source>Annuaire Santé</source>
        <translation>Annuaire Santé</translation>
    </message>
    <message>
        <location filename="../../ui/directory/search_dialog.py" line="69"/>
        <source>Nom (au moins 2 lettres)</source>
        <translation>Nom (au moins 2 lettres)</translation>
    </message>
    <message>
        <location filename="../../ui/directory/search_dialog.py" line="72"/>
        <source>11 chiffres</source>
        <translation>11 chiffres</translation>
    </message>
    <message>
        <location filename="../../ui/directory/search_dialog.py" line="74"/>
        <source>Toutes professions et spécialités</source>
        <translation>Toutes professions et spécialités</translation>
    </message>
    <message>
        <location filename="../../ui/directory/search_dialog.py" line="78"/>
        <location filename="../../ui/directory/search_dialog.py" line="98"/>
        <source>Nom</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../ui/directory/search_dialog.py" line="79"/>
        <source>Prénom</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <location filename="../../ui/directory/search_dialog.py" line="80"/>
        <location filename="../../ui/directory/search_dialog.py" line="98"/>
        <source>RPPS</source>
        <translation>RPPS</translation>
    </message>
    <message>
        <location filename="../../ui/directory/search_dialog.py" line="81"/>
        <source>Profession ou spécialité</source>
        <translation>Profession ou spécialité</translation>
    </message>
    <message>
        <location filename="../../ui/directory/search_dialog.py" line="82"/>
        <source>Ville d&apos;exercice</source>
        <translation>Ville d&apos;exercice</translation>
    </message>
    <message>
        <location filename="../../ui/directory/search_dialog.py" line="86"/>
        <source>Recherche dans l&apos;Annuaire Santé…</source>
        <translation>Recherche dans l&apos;Annuaire Santé…</translation>
    </message>
    <message>
        <location filename="../../ui/directory/search_dialog.py" line="87"/>
        <source>Annuler la recherche</source>
        <translation>Annuler la recherche</translation>
    </message>
    <message>
        <location filename="../../ui/directory/search_dialog.py" line="98"/>
        <source>Profession, spécialité</source>
        <translation>Profession, spécialité</translation>
    </message>
    <message>
        <location filename="../../ui/directory/search_dialog.py" line="99"/>
        <source>Lieu d&apos;exercice</source>
        <translation>Lieu d&apos;exercice</translation>
    </message>
    <message>
        <location filename="../../ui/directory/search_dialog.py" line="99"/>
        <source>Messageries MSSanté</source>
        <translation>Messageries MSSanté</translation>
    </message>
    <message>
        <location filename="../../ui/directory/search_dialog.py" line="112"/>
        <source>Plus de résultats</source>
        <translation>Plus de résultats</translation>
    </message>
    <message>
        <location filename="../../ui/directory/search_dialog.py" line="115"/>
        <source>Choisir</source>
        <translation>Choisir</translation>
    </message>
    <message>
        <location filename="../../ui/directory/search_dialog.py" line="122"/>
        <source>Fermer</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../ui/directory/search_dialog.py" line="154"/>
        <source>Saisissez au moins 2 lettres du nom, un RPPS ou une spécialité.</source>
        <translation>Saisissez au moins 2 lettres du nom, un RPPS ou une spécialité.</translation>
    </message>
    <message>
        <location filename="../../ui/directory/search_dialog.py" line="165"/>
        <source>Recherche dans l&apos;Annuaire Santé</source>
        <translation>Recherche dans l&apos;Annuaire Santé</translation>
    </message>
    <message>
        <location filename="../../ui/directory/search_dialog.py" line="171"/>
        <source>Recherche annulée.</source>
        <translation>Recherche annulée.</translation>
    </message>
    <message>
        <location filename="../../ui/directory/search_dialog.py" line="201"/>
        <source>Aucun professionnel ne correspond.</source>
        <translation>Aucun professionnel ne correspond.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/directory/search_dialog.py" line="203"/>
        <source>%n professionnel(s) affiché(s)</source>
        <translation>
            <numerusform>%n professionnel affiché</numerusform>
            <numerusform>%n professionnels affichés</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/directory/search_dialog.py" line="204"/>
        <source> sur %1.</source>
        <translation> sur %1.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/directory/search_dialog.py" line="206"/>
        <source>%n professionnel(s) affiché(s).</source>
        <translation>
            <numerusform>%n professionnel affiché.</numerusform>
            <numerusform>%n professionnels affichés.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/directory/search_dialog.py" line="215"/>
        <source>aucune messagerie MSSanté publiée</source>
        <translation>aucune messagerie MSSanté publiée</translation>
    </message>
</context>
<context>
    <name>DmpDocumentModel</name>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="107"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="107"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="107"/>
        <source>Titre</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="107"/>
        <source>Auteur</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="107"/>
        <source>État</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="113"/>
        <source>Nouveau</source>
        <translation>Nouveau</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="115"/>
        <source>Importé</source>
        <translation>Importé</translation>
    </message>
</context>
<context>
    <name>DmpModule</name>
    <message>
        <location filename="../../ui/dmp/module.py" line="36"/>
        <source>DMP</source>
        <translation>DMP</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/module.py" line="37"/>
        <source>Envois</source>
        <translation>Envois</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/module.py" line="42"/>
        <source>DMP du patient</source>
        <translation>DMP du patient</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/module.py" line="43"/>
        <source>Suivi des envois</source>
        <translation>Suivi des envois</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/module.py" line="44"/>
        <source>Envoi au DMP par type de document…</source>
        <translation>Envoi au DMP par type de document…</translation>
    </message>
</context>
<context>
    <name>DmpPanel</name>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="165"/>
        <location filename="../../ui/dmp/dmp_panel.py" line="382"/>
        <source>DMP</source>
        <translation>DMP</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="180"/>
        <source>Tous les types</source>
        <translation>Tous les types</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="183"/>
        <source>Du</source>
        <translation>Du</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="185"/>
        <source>au</source>
        <translation>au</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="190"/>
        <source>Auteur (nom ou prénom)</source>
        <translation>Auteur (nom ou prénom)</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="193"/>
        <source>Rechercher</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="218"/>
        <source>Ouvrir</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="220"/>
        <source>Importer dans le dossier</source>
        <translation>Importer dans le dossier</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="222"/>
        <source>Actualiser</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="233"/>
        <source>Documents du DMP importés dans le dossier</source>
        <translation>Documents du DMP importés dans le dossier</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="286"/>
        <source>Consultation du DMP en cours…</source>
        <translation>Consultation du DMP en cours…</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="287"/>
        <source>Annuler</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="308"/>
        <source>Réessayer</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="333"/>
        <source>Choisissez un patient pour consulter son DMP.</source>
        <translation>Choisissez un patient pour consulter son DMP.</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="411"/>
        <source>Lecture du patient</source>
        <translation>Lecture du patient</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="419"/>
        <source>DMP de %1</source>
        <translation>DMP de %1</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="424"/>
        <source>Le patient s&apos;est opposé au DMP : son DMP n&apos;est pas consulté et aucun document n&apos;y est envoyé.</source>
        <translation>Le patient s&apos;est opposé au DMP : son DMP n&apos;est pas consulté et aucun document n&apos;y est envoyé.</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="429"/>
        <source>Le DMP ne peut être consulté que pour une identité qualifiée (INS qualifiée). Qualifiez l&apos;identité de ce patient dans sa fiche.</source>
        <translation>Le DMP ne peut être consulté que pour une identité qualifiée (INS qualifiée). Qualifiez l&apos;identité de ce patient dans sa fiche.</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="450"/>
        <source>Consultation du DMP</source>
        <translation>Consultation du DMP</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="466"/>
        <source>Consultation annulée.</source>
        <translation>Consultation annulée.</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="478"/>
        <source>Aucun document dans le DMP pour ces critères.</source>
        <translation>Aucun document dans le DMP pour ces critères.</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="496"/>
        <source>Récupération du document dans le DMP…</source>
        <translation>Récupération du document dans le DMP…</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="497"/>
        <source>Lecture d&apos;un document du DMP</source>
        <translation>Lecture d&apos;un document du DMP</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="533"/>
        <source>Import d&apos;un document du DMP</source>
        <translation>Import d&apos;un document du DMP</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="538"/>
        <source>« %1 » a été importé dans le dossier du patient.</source>
        <translation>« %1 » a été importé dans le dossier du patient.</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="551"/>
        <source>Import du document</source>
        <translation>Import du document</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="561"/>
        <source>Lecture des documents importés</source>
        <translation>Lecture des documents importés</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="569"/>
        <source>%1 — %2, importé le %3</source>
        <translation>%1 — %2, importé le %3</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="574"/>
        <source>Aucun document importé.</source>
        <translation>Aucun document importé.</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/dmp_panel.py" line="588"/>
        <source>Lecture d&apos;un document importé</source>
        <translation>Lecture d&apos;un document importé</translation>
    </message>
</context>
<context>
    <name>DmpPreferencesDialog</name>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="78"/>
        <source>Envoi au DMP par type de document</source>
        <translation>Envoi au DMP par type de document</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="79"/>
        <source>Les documents cochés sont envoyés automatiquement au DMP du patient dès leur validation. Un document peut toujours être retenu individuellement.</source>
        <translation>Les documents cochés sont envoyés automatiquement au DMP du patient dès leur validation. Un document peut toujours être retenu individuellement.</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="86"/>
        <source>Praticien :</source>
        <translation>Praticien :</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="89"/>
        <source>Enregistrer</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="90"/>
        <source>Fermer</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="100"/>
        <source>Lecture des praticiens</source>
        <translation>Lecture des praticiens</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="112"/>
        <source>Aucun praticien enregistré</source>
        <translation>Aucun praticien enregistré</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="124"/>
        <source>Lecture des réglages DMP</source>
        <translation>Lecture des réglages DMP</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="146"/>
        <source>Enregistrement des réglages DMP</source>
        <translation>Enregistrement des réglages DMP</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="151"/>
        <source>Réglages d&apos;envoi au DMP enregistrés.</source>
        <translation>Réglages d&apos;envoi au DMP enregistrés.</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="156"/>
        <source>Réglages d&apos;envoi au DMP</source>
        <translation>Réglages d&apos;envoi au DMP</translation>
    </message>
</context>
<context>
    <name>DocumentEditor</name>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="121"/>
        <source>Titre du document</source>
        <translation>Titre du document</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="142"/>
        <location filename="../../ui/documents/editor_base.py" line="503"/>
        <source>Valider</source>
        <translation>Valider</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="145"/>
        <location filename="../../ui/documents/editor_base.py" line="288"/>
        <source>Nouvelle version</source>
        <translation>Nouvelle version</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="147"/>
        <source>Archiver…</source>
        <translation>Archiver…</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="149"/>
        <source>Supprimer…</source>
        <translation>Supprimer…</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="152"/>
        <source>Imprimer…</source>
        <translation>Imprimer…</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="153"/>
        <source>Imprimer le document validé (Ctrl+P)</source>
        <translation>Imprimer le document validé (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="155"/>
        <source>Enregistrer en PDF…</source>
        <translation>Enregistrer en PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="162"/>
        <source>Partage</source>
        <translation>Partage</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="164"/>
        <source>Métadonnées de partage : DMP et MSSanté</source>
        <translation>Métadonnées de partage : DMP et MSSanté</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="166"/>
        <source>Document validé</source>
        <translation>Document validé</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="168"/>
        <source>Historique</source>
        <translation>Historique</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="263"/>
        <source>Affichage du document validé</source>
        <translation>Affichage du document validé</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="268"/>
        <source>version %1</source>
        <translation>version %1</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="270"/>
        <source>Brouillon — %1 — auteur : %2</source>
        <translation>Brouillon — %1 — auteur : %2</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="272"/>
        <source> — remplacera la version précédente à sa validation</source>
        <translation> — remplacera la version précédente à sa validation</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="275"/>
        <source>%1 — %2 — validé le %3 par %4 — lecture seule</source>
        <translation>%1 — %2 — validé le %3 par %4 — lecture seule</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="285"/>
        <source>Seul l&apos;auteur du document (%1) peut le valider.</source>
        <translation>Seul l&apos;auteur du document (%1) peut le valider.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="287"/>
        <source>Ouvrir la nouvelle version</source>
        <translation>Ouvrir la nouvelle version</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="326"/>
        <source>Modifications en cours…</source>
        <translation>Modifications en cours…</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="333"/>
        <source>Le titre du document ne peut pas être vide.</source>
        <translation>Le titre du document ne peut pas être vide.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="417"/>
        <source>Le brouillon est enregistré, sauf les champs signalés en rouge, qui ne peuvent pas l&apos;être tels quels. Les abandonner et fermer le document ?</source>
        <translation>Le brouillon est enregistré, sauf les champs signalés en rouge, qui ne peuvent pas l&apos;être tels quels. Les abandonner et fermer le document ?</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="376"/>
        <source>Enregistrement du brouillon</source>
        <translation>Enregistrement du brouillon</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="390"/>
        <source>Brouillon enregistré à %1, sauf les champs signalés en rouge.</source>
        <translation>Brouillon enregistré à %1, sauf les champs signalés en rouge.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="393"/>
        <source>Brouillon enregistré à %1</source>
        <translation>Brouillon enregistré à %1</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="400"/>
        <source>Copiez votre texte si besoin, puis rouvrez le document.</source>
        <translation>Copiez votre texte si besoin, puis rouvrez le document.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="401"/>
        <source>Brouillon NON enregistré — vos modifications restent à l&apos;écran.</source>
        <translation>Brouillon NON enregistré — vos modifications restent à l&apos;écran.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="409"/>
        <source>Fermer sans enregistrer ?</source>
        <translation>Fermer sans enregistrer ?</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="409"/>
        <source>Abandonner les modifications</source>
        <translation>Abandonner les modifications</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="420"/>
        <source>Le brouillon n&apos;a pas pu être enregistré. Abandonner les modifications et fermer ?</source>
        <translation>Le brouillon n&apos;a pas pu être enregistré. Abandonner les modifications et fermer ?</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="475"/>
        <source>Métadonnées de partage</source>
        <translation>Métadonnées de partage</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="495"/>
        <source>Le document ne peut pas être validé : corrigez les champs signalés en rouge.</source>
        <translation>Le document ne peut pas être validé : corrigez les champs signalés en rouge.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="500"/>
        <source>Valider le document</source>
        <translation>Valider le document</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="501"/>
        <source>Valider « %1 » ? Le document sera figé et signé de votre nom : il ne pourra plus être modifié, seulement remplacé par une nouvelle version.</source>
        <translation>Valider « %1 » ? Le document sera figé et signé de votre nom : il ne pourra plus être modifié, seulement remplacé par une nouvelle version.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="511"/>
        <source>Validation du document</source>
        <translation>Validation du document</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="512"/>
        <source>Validation en cours : création du PDF et du document CDA…</source>
        <translation>Validation en cours : création du PDF et du document CDA…</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="527"/>
        <source>Nouvelle version du document</source>
        <translation>Nouvelle version du document</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="527"/>
        <source>Création de la nouvelle version…</source>
        <translation>Création de la nouvelle version…</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="531"/>
        <source>Archiver le document</source>
        <translation>Archiver le document</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="532"/>
        <source>Le document archivé reste consultable mais n&apos;apparaît plus parmi les documents courants du patient. Indiquez le motif de l&apos;archivage.</source>
        <translation>Le document archivé reste consultable mais n&apos;apparaît plus parmi les documents courants du patient. Indiquez le motif de l&apos;archivage.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="533"/>
        <source>Archiver</source>
        <translation>Archiver</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="534"/>
        <source>Archivage du document</source>
        <translation>Archivage du document</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="537"/>
        <source>Supprimer le document</source>
        <translation>Supprimer le document</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="538"/>
        <source>Le document sera marqué supprimé (il reste conservé comme trace, mais n&apos;est plus utilisable). Indiquez le motif de la suppression.</source>
        <translation>Le document sera marqué supprimé (il reste conservé comme trace, mais n&apos;est plus utilisable). Indiquez le motif de la suppression.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="539"/>
        <source>Supprimer</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="540"/>
        <source>Suppression du document</source>
        <translation>Suppression du document</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor_base.py" line="614"/>
        <source>Annuler</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>DocumentList</name>
    <message>
        <location filename="../../ui/documents/document_list.py" line="185"/>
        <location filename="../../ui/documents/document_list.py" line="255"/>
        <source>Aucun patient sélectionné</source>
        <translation>Aucun patient sélectionné</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="190"/>
        <source>Praticien qui rédige et valide les documents sur ce poste</source>
        <translation>Praticien qui rédige et valide les documents sur ce poste</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="193"/>
        <source>Nouveau document</source>
        <translation>Nouveau document</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="200"/>
        <source>Afficher les supprimés</source>
        <translation>Afficher les supprimés</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="207"/>
        <source>Envoyer au DMP</source>
        <translation>Envoyer au DMP</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="209"/>
        <source>Ne pas envoyer au DMP…</source>
        <translation>Ne pas envoyer au DMP…</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="225"/>
        <source>Auteur :</source>
        <translation>Auteur :</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="247"/>
        <source>Votre rôle ne permet pas de rédiger de documents.</source>
        <translation>Votre rôle ne permet pas de rédiger de documents.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="259"/>
        <source>Choisissez un patient dans la liste de gauche.</source>
        <translation>Choisissez un patient dans la liste de gauche.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="270"/>
        <source>Aucun praticien enregistré</source>
        <translation>Aucun praticien enregistré</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="282"/>
        <source>Aucun document pour ce patient : « Nouveau document » pour en rédiger un.</source>
        <translation>Aucun document pour ce patient : « Nouveau document » pour en rédiger un.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="284"/>
        <source>Aucun document pour ce patient.</source>
        <translation>Aucun document pour ce patient.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="312"/>
        <source>Choisissez un document rédigé au cabinet dans la liste.</source>
        <translation>Choisissez un document rédigé au cabinet dans la liste.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="316"/>
        <source>Envoyer ce document au DMP du patient.</source>
        <translation>Envoyer ce document au DMP du patient.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="318"/>
        <source>Ne pas envoyer ce document au DMP, en indiquant pourquoi.</source>
        <translation>Ne pas envoyer ce document au DMP, en indiquant pourquoi.</translation>
    </message>
</context>
<context>
    <name>DocumentListModel</name>
    <message>
        <location filename="../../ui/documents/document_list.py" line="120"/>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="120"/>
        <source>Titre</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="120"/>
        <source>Statut</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="120"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="121"/>
        <source>Modifié le</source>
        <translation>Modifié le</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="121"/>
        <source>DMP</source>
        <translation>DMP</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="121"/>
        <source>MSSanté</source>
        <translation>MSSanté</translation>
    </message>
    <message>
        <location filename="../../ui/documents/document_list.py" line="154"/>
        <source>%1
Auteur : %2</source>
        <translation>%1
Auteur : %2</translation>
    </message>
</context>
<context>
    <name>DocumentPrinting</name>
    <message>
        <location filename="../../ui/print.py" line="104"/>
        <source>Préparation de l&apos;impression</source>
        <translation>Préparation de l&apos;impression</translation>
    </message>
    <message>
        <location filename="../../ui/print.py" line="112"/>
        <source>Seules les %1 premières pages sur %2 sont imprimées.</source>
        <translation>Seules les %1 premières pages sur %2 sont imprimées.</translation>
    </message>
    <message>
        <location filename="../../ui/print.py" line="124"/>
        <source>Enregistrer en PDF</source>
        <translation>Enregistrer en PDF</translation>
    </message>
    <message>
        <location filename="../../ui/print.py" line="125"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/print.py" line="135"/>
        <source>Enregistrement en PDF</source>
        <translation>Enregistrement en PDF</translation>
    </message>
    <message>
        <location filename="../../ui/print.py" line="142"/>
        <source>Document enregistré dans %1.</source>
        <translation>Document enregistré dans %1.</translation>
    </message>
</context>
<context>
    <name>DocumentsModule</name>
    <message>
        <location filename="../../ui/documents/module.py" line="28"/>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../ui/documents/module.py" line="34"/>
        <source>Nouveau : %1</source>
        <translation>Nouveau : %1</translation>
    </message>
</context>
<context>
    <name>DocumentsPanel</name>
    <message>
        <location filename="../../ui/documents/workspace.py" line="83"/>
        <location filename="../../ui/documents/workspace.py" line="158"/>
        <source>Ouvrez un document de la liste, ou créez-en un avec « Nouveau document ».</source>
        <translation>Ouvrez un document de la liste, ou créez-en un avec « Nouveau document ».</translation>
    </message>
    <message>
        <location filename="../../ui/documents/workspace.py" line="123"/>
        <source>Praticiens</source>
        <translation>Praticiens</translation>
    </message>
    <message>
        <location filename="../../ui/documents/workspace.py" line="161"/>
        <source>Votre rôle (%1) permet de voir la liste des documents du patient, pas leur contenu.</source>
        <translation>Votre rôle (%1) permet de voir la liste des documents du patient, pas leur contenu.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/workspace.py" line="184"/>
        <source>Chargement…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location filename="../../ui/documents/workspace.py" line="186"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../ui/documents/workspace.py" line="197"/>
        <source>Documents du patient</source>
        <translation>Documents du patient</translation>
    </message>
    <message>
        <location filename="../../ui/documents/workspace.py" line="218"/>
        <source>État DMP des documents</source>
        <translation>État DMP des documents</translation>
    </message>
    <message>
        <location filename="../../ui/documents/workspace.py" line="242"/>
        <source>Recherche de la version dans le DMP</source>
        <translation>Recherche de la version dans le DMP</translation>
    </message>
    <message>
        <location filename="../../ui/documents/workspace.py" line="244"/>
        <location filename="../../ui/documents/workspace.py" line="300"/>
        <source>Nouveau document</source>
        <translation>Nouveau document</translation>
    </message>
    <message>
        <location filename="../../ui/documents/workspace.py" line="254"/>
        <source>Document déjà dans le DMP</source>
        <translation>Document déjà dans le DMP</translation>
    </message>
    <message>
        <location filename="../../ui/documents/workspace.py" line="255"/>
        <source>« %1 » (version %2 du %3) est déjà dans le DMP du patient. Le nouveau document doit-il en être la nouvelle version ? Il la remplacera alors dans le DMP au lieu de s&apos;y ajouter.</source>
        <translation>« %1 » (version %2 du %3) est déjà dans le DMP du patient. Le nouveau document doit-il en être la nouvelle version ? Il la remplacera alors dans le DMP au lieu de s&apos;y ajouter.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/workspace.py" line="259"/>
        <source>Nouvelle version de ce document</source>
        <translation>Nouvelle version de ce document</translation>
    </message>
    <message>
        <location filename="../../ui/documents/workspace.py" line="260"/>
        <source>Ouvrir la nouvelle version en cours</source>
        <translation>Ouvrir la nouvelle version en cours</translation>
    </message>
    <message>
        <location filename="../../ui/documents/workspace.py" line="262"/>
        <source>Document distinct</source>
        <translation>Document distinct</translation>
    </message>
    <message>
        <location filename="../../ui/documents/workspace.py" line="263"/>
        <source>Annuler</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../ui/documents/workspace.py" line="285"/>
        <location filename="../../ui/documents/workspace.py" line="287"/>
        <source>Nouvelle version du document</source>
        <translation>Nouvelle version du document</translation>
    </message>
    <message>
        <location filename="../../ui/documents/workspace.py" line="310"/>
        <source>Ouverture du document</source>
        <translation>Ouverture du document</translation>
    </message>
    <message>
        <location filename="../../ui/documents/workspace.py" line="331"/>
        <location filename="../../ui/documents/workspace.py" line="333"/>
        <source>Envoi au DMP</source>
        <translation>Envoi au DMP</translation>
    </message>
    <message>
        <location filename="../../ui/documents/workspace.py" line="336"/>
        <source>Le document va être envoyé au DMP (suivi dans « Envois »).</source>
        <translation>Le document va être envoyé au DMP (suivi dans « Envois »).</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <location filename="../../ui/patients/duplicates_dialog.py" line="42"/>
        <source>Doublons possibles</source>
        <translation>Doublons possibles</translation>
    </message>
    <message>
        <location filename="../../ui/patients/duplicates_dialog.py" line="47"/>
        <source>Ce patient a peut-être déjà un dossier : ces identités ont la même date de naissance et un nom proche. Ouvrez le dossier existant s&apos;il s&apos;agit de la même personne ; ne créez une nouvelle identité qu&apos;après avoir vérifié que ce n&apos;est pas le cas.</source>
        <translation>Ce patient a peut-être déjà un dossier : ces identités ont la même date de naissance et un nom proche. Ouvrez le dossier existant s&apos;il s&apos;agit de la même personne ; ne créez une nouvelle identité qu&apos;après avoir vérifié que ce n&apos;est pas le cas.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/duplicates_dialog.py" line="64"/>
        <source>Ouvrir le dossier</source>
        <translation>Ouvrir le dossier</translation>
    </message>
    <message>
        <location filename="../../ui/patients/duplicates_dialog.py" line="91"/>
        <source>Comparaison avec la saisie :</source>
        <translation>Comparaison avec la saisie :</translation>
    </message>
    <message>
        <location filename="../../ui/patients/duplicates_dialog.py" line="66"/>
        <source>Créer quand même</source>
        <translation>Créer quand même</translation>
    </message>
    <message>
        <location filename="../../ui/patients/duplicates_dialog.py" line="65"/>
        <source>Revenir à la saisie</source>
        <translation>Revenir à la saisie</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/auth/first_run.py" line="25"/>
        <source>Premier démarrage : compte administrateur</source>
        <translation>Premier démarrage : compte administrateur</translation>
    </message>
    <message>
        <location filename="../../ui/auth/first_run.py" line="31"/>
        <source>11 chiffres, si vous en avez un</source>
        <translation>11 chiffres, si vous en avez un</translation>
    </message>
    <message>
        <location filename="../../ui/auth/first_run.py" line="37"/>
        <source>Identifiant</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location filename="../../ui/auth/first_run.py" line="37"/>
        <source>Nom d&apos;exercice</source>
        <translation>Nom d&apos;exercice</translation>
    </message>
    <message>
        <location filename="../../ui/auth/first_run.py" line="38"/>
        <source>Prénom</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <location filename="../../ui/auth/first_run.py" line="38"/>
        <source>Profession</source>
        <translation>Profession</translation>
    </message>
    <message>
        <location filename="../../ui/auth/first_run.py" line="39"/>
        <source>RPPS</source>
        <translation>RPPS</translation>
    </message>
    <message>
        <location filename="../../ui/auth/first_run.py" line="39"/>
        <source>Mot de passe</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <location filename="../../ui/auth/first_run.py" line="40"/>
        <source>Confirmation</source>
        <translation>Confirmation</translation>
    </message>
    <message>
        <location filename="../../ui/auth/first_run.py" line="45"/>
        <source>Créer le compte</source>
        <translation>Créer le compte</translation>
    </message>
    <message>
        <location filename="../../ui/auth/first_run.py" line="46"/>
        <source>Quitter</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location filename="../../ui/auth/first_run.py" line="49"/>
        <source>Aucun compte n&apos;existe encore sur ce cabinet. Créez le compte de l&apos;administrateur : il créera ensuite ceux des praticiens et du secrétariat.</source>
        <translation>Aucun compte n&apos;existe encore sur ce cabinet. Créez le compte de l&apos;administrateur : il créera ensuite ceux des praticiens et du secrétariat.</translation>
    </message>
    <message>
        <location filename="../../ui/auth/first_run.py" line="53"/>
        <source>Mot de passe : %1.</source>
        <translation>Mot de passe : %1.</translation>
    </message>
    <message>
        <location filename="../../ui/auth/first_run.py" line="63"/>
        <source>Les deux mots de passe diffèrent.</source>
        <translation>Les deux mots de passe diffèrent.</translation>
    </message>
</context>
<context>
    <name>FreeEditor</name>
    <message>
        <location filename="../../ui/documents/free_editor.py" line="53"/>
        <source>Ex. : Dr Élise Lefèvre, cardiologue, 3 rue de l&apos;Église, Reims</source>
        <translation>Ex. : Dr Élise Lefèvre, cardiologue, 3 rue de l&apos;Église, Reims</translation>
    </message>
    <message>
        <location filename="../../ui/documents/free_editor.py" line="57"/>
        <source>Ajouter une section</source>
        <translation>Ajouter une section</translation>
    </message>
    <message>
        <location filename="../../ui/documents/free_editor.py" line="58"/>
        <source>Section vide : écrivez son texte ou supprimez-la.</source>
        <translation>Section vide : écrivez son texte ou supprimez-la.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/free_editor.py" line="62"/>
        <source>Destinataire</source>
        <translation>Destinataire</translation>
    </message>
    <message>
        <location filename="../../ui/documents/free_editor.py" line="70"/>
        <source>Texte</source>
        <translation>Texte</translation>
    </message>
    <message>
        <location filename="../../ui/documents/free_editor.py" line="85"/>
        <source>Indiquez le destinataire de la lettre.</source>
        <translation>Indiquez le destinataire de la lettre.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/free_editor.py" line="90"/>
        <source>Document vide : saisissez au moins un paragraphe.</source>
        <translation>Document vide : saisissez au moins un paragraphe.</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../ui/help.py" line="25"/>
        <source>Patients</source>
        <translation>Patients</translation>
    </message>
    <message>
        <location filename="../../ui/help.py" line="26"/>
        <source>Identité et INSi</source>
        <translation>Identité et INSi</translation>
    </message>
    <message>
        <location filename="../../ui/help.py" line="27"/>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../ui/help.py" line="28"/>
        <source>DMP</source>
        <translation>DMP</translation>
    </message>
    <message>
        <location filename="../../ui/help.py" line="29"/>
        <source>Envois</source>
        <translation>Envois</translation>
    </message>
    <message>
        <location filename="../../ui/help.py" line="30"/>
        <source>Paramètres</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location filename="../../ui/help.py" line="78"/>
        <source>Guide d&apos;utilisation</source>
        <translation>Guide d&apos;utilisation</translation>
    </message>
</context>
<context>
    <name>HistoryChart</name>
    <message>
        <location filename="../../ui/labresults/history_chart.py" line="125"/>
        <source>Sélectionnez un résultat numérique pour voir l&apos;évolution de cette analyse.</source>
        <translation>Sélectionnez un résultat numérique pour voir l&apos;évolution de cette analyse.</translation>
    </message>
    <message>
        <location filename="../../ui/labresults/history_chart.py" line="127"/>
        <source>Aucune valeur numérique datée pour cette analyse.</source>
        <translation>Aucune valeur numérique datée pour cette analyse.</translation>
    </message>
</context>
<context>
    <name>IdentityStatus</name>
    <message>
        <location filename="../../ui/patients/badges.py" line="27"/>
        <source>Identité provisoire</source>
        <translation>Identité provisoire</translation>
    </message>
    <message>
        <location filename="../../ui/patients/badges.py" line="28"/>
        <source>Identité récupérée</source>
        <translation>Identité récupérée</translation>
    </message>
    <message>
        <location filename="../../ui/patients/badges.py" line="29"/>
        <source>Identité validée</source>
        <translation>Identité validée</translation>
    </message>
    <message>
        <location filename="../../ui/patients/badges.py" line="30"/>
        <source>Identité qualifiée</source>
        <translation>Identité qualifiée</translation>
    </message>
</context>
<context>
    <name>InboxModel</name>
    <message>
        <location filename="../../ui/mss/inbox_model.py" line="21"/>
        <source>Tous les documents reçus</source>
        <translation>Tous les documents reçus</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_model.py" line="22"/>
        <source>À traiter (à rapprocher et en erreur)</source>
        <translation>À traiter (à rapprocher et en erreur)</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_model.py" line="23"/>
        <source>À rapprocher</source>
        <translation>À rapprocher</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_model.py" line="24"/>
        <source>En erreur</source>
        <translation>En erreur</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_model.py" line="25"/>
        <source>Intégrés</source>
        <translation>Intégrés</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_model.py" line="26"/>
        <source>Doublons</source>
        <translation>Doublons</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_model.py" line="27"/>
        <source>Rejetés</source>
        <translation>Rejetés</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_model.py" line="45"/>
        <source>Reçu : %1</source>
        <translation>Reçu : %1</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_model.py" line="78"/>
        <source>Reçu le</source>
        <translation>Reçu le</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_model.py" line="78"/>
        <source>Expéditeur</source>
        <translation>Expéditeur</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_model.py" line="78"/>
        <source>Objet</source>
        <translation>Objet</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_model.py" line="78"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_model.py" line="79"/>
        <source>État</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_model.py" line="91"/>
        <source>Type : %1</source>
        <translation>Type : %1</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_model.py" line="92"/>
        <source>Auteur : %1</source>
        <translation>Auteur : %1</translation>
    </message>
</context>
<context>
    <name>InboxModule</name>
    <message>
        <location filename="../../ui/mss/inbox_module.py" line="30"/>
        <source>Messagerie</source>
        <translation>Messagerie</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_module.py" line="32"/>
        <source>Documents reçus par MSSanté</source>
        <translation>Documents reçus par MSSanté</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_module.py" line="57"/>
        <source>%1 nouveau(x), %2 à rapprocher, %3 en erreur</source>
        <translation>%1 nouveau(x), %2 à rapprocher, %3 en erreur</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_module.py" line="64"/>
        <source>MSSanté : relève automatique active</source>
        <translation>MSSanté : relève automatique active</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_module.py" line="65"/>
        <source>MSSanté : en attente de connexion Pro Santé Connect</source>
        <translation>MSSanté : en attente de connexion Pro Santé Connect</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_module.py" line="66"/>
        <source>MSSanté : erreur de connexion</source>
        <translation>MSSanté : erreur de connexion</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_module.py" line="67"/>
        <source>MSSanté : relève automatique arrêtée</source>
        <translation>MSSanté : relève automatique arrêtée</translation>
    </message>
</context>
<context>
    <name>InboxPanel</name>
    <message>
        <location filename="../../ui/mss/inbox_panel.py" line="83"/>
        <source>Relever la boîte</source>
        <translation>Relever la boîte</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_panel.py" line="84"/>
        <source>Lire maintenant les messages arrivés dans la boîte MSSanté du cabinet.</source>
        <translation>Lire maintenant les messages arrivés dans la boîte MSSanté du cabinet.</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_panel.py" line="90"/>
        <source>Afficher :</source>
        <translation>Afficher :</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_panel.py" line="104"/>
        <source>Ouvrir</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_panel.py" line="105"/>
        <source>Réessayer</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_panel.py" line="106"/>
        <source>Rapprocher…</source>
        <translation>Rapprocher…</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_panel.py" line="107"/>
        <source>Rejeter…</source>
        <translation>Rejeter…</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_panel.py" line="154"/>
        <source>Ouvrez un document de la liste pour le lire.</source>
        <translation>Ouvrez un document de la liste pour le lire.</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_panel.py" line="156"/>
        <source>Votre rôle (%1) permet de voir les documents reçus, de les relancer ou de les rejeter, pas de les lire ni de les rapprocher d&apos;un patient.</source>
        <translation>Votre rôle (%1) permet de voir les documents reçus, de les relancer ou de les rejeter, pas de les lire ni de les rapprocher d&apos;un patient.</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_panel.py" line="173"/>
        <source>Documents reçus par MSSanté</source>
        <translation>Documents reçus par MSSanté</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_panel.py" line="195"/>
        <source>Nouveaux documents reçus</source>
        <translation>Nouveaux documents reçus</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_panel.py" line="234"/>
        <source>Le rapprochement d&apos;un document est réservé aux praticiens.</source>
        <translation>Le rapprochement d&apos;un document est réservé aux praticiens.</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_panel.py" line="249"/>
        <source>Lecture d&apos;un document reçu par MSSanté</source>
        <translation>Lecture d&apos;un document reçu par MSSanté</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_panel.py" line="285"/>
        <location filename="../../ui/mss/inbox_panel.py" line="299"/>
        <source>Relève de la messagerie MSSanté</source>
        <translation>Relève de la messagerie MSSanté</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_panel.py" line="306"/>
        <location filename="../../ui/mss/inbox_panel.py" line="309"/>
        <source>Nouvel essai d&apos;intégration</source>
        <translation>Nouvel essai d&apos;intégration</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_panel.py" line="307"/>
        <source>Nouvel essai : %1.</source>
        <translation>Nouvel essai : %1.</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_panel.py" line="322"/>
        <location filename="../../ui/mss/inbox_panel.py" line="325"/>
        <source>Rapprochement du document reçu</source>
        <translation>Rapprochement du document reçu</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_panel.py" line="323"/>
        <source>Document rapproché : %1.</source>
        <translation>Document rapproché : %1.</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_panel.py" line="338"/>
        <location filename="../../ui/mss/inbox_panel.py" line="341"/>
        <source>Rejet du document reçu</source>
        <translation>Rejet du document reçu</translation>
    </message>
    <message>
        <location filename="../../ui/mss/inbox_panel.py" line="339"/>
        <source>Document rejeté ; l&apos;expéditeur en est informé.</source>
        <translation>Document rejeté ; l&apos;expéditeur en est informé.</translation>
    </message>
</context>
<context>
    <name>IndicatorsView</name>
    <message>
        <location filename="../../ui/patients/indicators_view.py" line="44"/>
        <source>Identités du cabinet par statut</source>
        <translation>Identités du cabinet par statut</translation>
    </message>
    <message>
        <location filename="../../ui/patients/indicators_view.py" line="65"/>
        <source>Actualiser</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../../ui/patients/indicators_view.py" line="69"/>
        <source>Indicateurs INSq : calcul…</source>
        <translation>Indicateurs INSq : calcul…</translation>
    </message>
    <message>
        <location filename="../../ui/patients/indicators_view.py" line="73"/>
        <source>Calcul des indicateurs INSq</source>
        <translation>Calcul des indicateurs INSq</translation>
    </message>
    <message>
        <location filename="../../ui/patients/indicators_view.py" line="82"/>
        <source>Identités qualifiées : %1 (%2 sur %3)</source>
        <translation>Identités qualifiées : %1 (%2 sur %3)</translation>
    </message>
    <message>
        <location filename="../../ui/patients/indicators_view.py" line="88"/>
        <source>Identités douteuses : %1 · fictives : %2 · avec un INS : %3</source>
        <translation>Identités douteuses : %1 · fictives : %2 · avec un INS : %3</translation>
    </message>
</context>
<context>
    <name>InsiDialog</name>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="89"/>
        <source>Recherche par traits</source>
        <translation>Recherche par traits</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="90"/>
        <source>Recherche par carte Vitale</source>
        <translation>Recherche par carte Vitale</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="91"/>
        <source>Vérification de l&apos;INS</source>
        <translation>Vérification de l&apos;INS</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="96"/>
        <source>Interrogation du téléservice INSi…</source>
        <translation>Interrogation du téléservice INSi…</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="97"/>
        <source>Annuler la requête</source>
        <translation>Annuler la requête</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="113"/>
        <source>Trait</source>
        <translation>Trait</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="113"/>
        <source>Dans le dossier</source>
        <translation>Dans le dossier</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="114"/>
        <source>Réponse INSi</source>
        <translation>Réponse INSi</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="114"/>
        <source>Décision</source>
        <translation>Décision</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="120"/>
        <source>Accepter l&apos;identité INSi</source>
        <translation>Accepter l&apos;identité INSi</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="122"/>
        <source>Refuser</source>
        <translation>Refuser</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="124"/>
        <source>Fermer</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="145"/>
        <source>Rechercher l&apos;INS avec ces traits</source>
        <translation>Rechercher l&apos;INS avec ces traits</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="156"/>
        <source>13 ou 15 caractères, tel que lu sur la carte</source>
        <translation>13 ou 15 caractères, tel que lu sur la carte</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="158"/>
        <location filename="../../ui/patients/insi_dialog.py" line="164"/>
        <source>facultatif</source>
        <translation>facultatif</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="160"/>
        <source>JJ/MM/AAAA</source>
        <translation>JJ/MM/AAAA</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="165"/>
        <source>Rechercher l&apos;INS avec la carte Vitale</source>
        <translation>Rechercher l&apos;INS avec la carte Vitale</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="167"/>
        <source>Enregistrer la carte Vitale</source>
        <translation>Enregistrer la carte Vitale</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="168"/>
        <source>Conserve ces données de carte dans le dossier, à part des traits INS (l&apos;identité n&apos;est pas modifiée).</source>
        <translation>Conserve ces données de carte dans le dossier, à part des traits INS (l&apos;identité n&apos;est pas modifiée).</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="171"/>
        <source>N° d&apos;immatriculation de l&apos;assuré</source>
        <translation>N° d&apos;immatriculation de l&apos;assuré</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="172"/>
        <source>NIR du bénéficiaire</source>
        <translation>NIR du bénéficiaire</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="173"/>
        <source>Date de naissance (carte)</source>
        <translation>Date de naissance (carte)</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="174"/>
        <source>Rang de naissance</source>
        <translation>Rang de naissance</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="175"/>
        <source>Nom de naissance</source>
        <translation>Nom de naissance</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="199"/>
        <source>15 caractères (13 + clé)</source>
        <translation>15 caractères (13 + clé)</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="208"/>
        <source>Vérifier l&apos;INS</source>
        <translation>Vérifier l&apos;INS</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="210"/>
        <source>INS lu sur un datamatrix : à vérifier avant de l&apos;attacher.</source>
        <translation>INS lu sur un datamatrix : à vérifier avant de l&apos;attacher.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="211"/>
        <source>Confirme qu&apos;un INS connu correspond bien aux traits du dossier.</source>
        <translation>Confirme qu&apos;un INS connu correspond bien aux traits du dossier.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="214"/>
        <source>Matricule INS</source>
        <translation>Matricule INS</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="215"/>
        <source>OID</source>
        <translation>OID</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="223"/>
        <source>Téléservice INSi — %1</source>
        <translation>Téléservice INSi — %1</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="228"/>
        <source>Nom de naissance : %1
Prénom(s) de naissance : %2
Sexe : %3
Date de naissance : %4
Lieu de naissance : %5

INSi est interrogé avec chaque prénom de naissance, dans l&apos;ordre, jusqu&apos;à trouver l&apos;identité.</source>
        <translation>Nom de naissance : %1
Prénom(s) de naissance : %2
Sexe : %3
Date de naissance : %4
Lieu de naissance : %5

INSi est interrogé avec chaque prénom de naissance, dans l&apos;ordre, jusqu&apos;à trouver l&apos;identité.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="232"/>
        <source>non renseigné</source>
        <translation>non renseigné</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="249"/>
        <source>Le n° d&apos;immatriculation de l&apos;assuré comporte 13 ou 15 caractères.</source>
        <translation>Le n° d&apos;immatriculation de l&apos;assuré comporte 13 ou 15 caractères.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="265"/>
        <source>Enregistrement de la carte Vitale</source>
        <translation>Enregistrement de la carte Vitale</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="273"/>
        <source>Carte Vitale enregistrée dans le dossier (identité inchangée).</source>
        <translation>Carte Vitale enregistrée dans le dossier (identité inchangée).</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="279"/>
        <source>Carte Vitale non enregistrée : </source>
        <translation>Carte Vitale non enregistrée : </translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="295"/>
        <source>Appel au téléservice INSi</source>
        <translation>Appel au téléservice INSi</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="303"/>
        <source>Requête INSi annulée.</source>
        <translation>Requête INSi annulée.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="347"/>
        <source>Une identité trouvée : INS %1 (%2). %3%4</source>
        <translation>Une identité trouvée : INS %1 (%2). %3%4</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="349"/>
        <source>Les traits différents sont surlignés : acceptez-les ou refusez-les un par un.</source>
        <translation>Les traits différents sont surlignés : acceptez-les ou refusez-les un par un.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="350"/>
        <source>Les traits sont identiques à ceux du dossier.</source>
        <translation>Les traits sont identiques à ceux du dossier.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="362"/>
        <source>INS différent : l&apos;INS enregistré %1 est remplacé par %2</source>
        <translation>INS différent : l&apos;INS enregistré %1 est remplacé par %2</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="365"/>
        <source>, connu d&apos;INSi comme ancien matricule. </source>
        <translation>, connu d&apos;INSi comme ancien matricule. </translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="366"/>
        <source> ; INSi ne le connaît pas comme ancien matricule de cette identité : vérifiez qu&apos;il s&apos;agit bien du même patient. </source>
        <translation> ; INSi ne le connaît pas comme ancien matricule de cette identité : vérifiez qu&apos;il s&apos;agit bien du même patient. </translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="381"/>
        <source>Accepter</source>
        <translation>Accepter</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="387"/>
        <source>identique</source>
        <translation>identique</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="401"/>
        <source>Enregistrement de l&apos;identité INSi</source>
        <translation>Enregistrement de l&apos;identité INSi</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="408"/>
        <source>%1 : %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="409"/>
        <source>INSi : %1.</source>
        <translation>INSi : %1.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/insi_dialog.py" line="419"/>
        <source>Identité INSi refusée : le dossier est inchangé.</source>
        <translation>Identité INSi refusée : le dossier est inchangé.</translation>
    </message>
</context>
<context>
    <name>InsiPart</name>
    <message>
        <location filename="../../ui/patients/form/insi.py" line="29"/>
        <source>Téléservice INSi…</source>
        <translation>Téléservice INSi…</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/insi.py" line="33"/>
        <source>Pas d&apos;INS</source>
        <translation>Pas d&apos;INS</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/insi.py" line="35"/>
        <source>INS %1 (%2)</source>
        <translation>INS %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/insi.py" line="37"/>
        <source> — non transmis tant que l&apos;identité n&apos;est pas qualifiée</source>
        <translation> — non transmis tant que l&apos;identité n&apos;est pas qualifiée</translation>
    </message>
</context>
<context>
    <name>LabResultsModule</name>
    <message>
        <location filename="../../ui/labresults/module.py" line="24"/>
        <source>Résultats</source>
        <translation>Résultats</translation>
    </message>
    <message>
        <location filename="../../ui/labresults/module.py" line="26"/>
        <source>Résultats de biologie</source>
        <translation>Résultats de biologie</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/auth/login_dialog.py" line="67"/>
        <source>Session verrouillée</source>
        <translation>Session verrouillée</translation>
    </message>
    <message>
        <location filename="../../ui/auth/login_dialog.py" line="67"/>
        <source>Connexion</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <location filename="../../ui/auth/login_dialog.py" line="68"/>
        <source>La session est verrouillée après une période d&apos;inactivité. Saisissez votre mot de passe pour reprendre, ou connectez-vous sous un autre identifiant.</source>
        <translation>La session est verrouillée après une période d&apos;inactivité. Saisissez votre mot de passe pour reprendre, ou connectez-vous sous un autre identifiant.</translation>
    </message>
    <message>
        <location filename="../../ui/auth/login_dialog.py" line="70"/>
        <source>Identifiez-vous pour travailler sur ce poste.</source>
        <translation>Identifiez-vous pour travailler sur ce poste.</translation>
    </message>
    <message>
        <location filename="../../ui/auth/login_dialog.py" line="79"/>
        <source>6 chiffres</source>
        <translation>6 chiffres</translation>
    </message>
    <message>
        <location filename="../../ui/auth/login_dialog.py" line="85"/>
        <source>Identifiant</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location filename="../../ui/auth/login_dialog.py" line="86"/>
        <source>Mot de passe</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <location filename="../../ui/auth/login_dialog.py" line="87"/>
        <source>Code d&apos;authentification</source>
        <translation>Code d&apos;authentification</translation>
    </message>
    <message>
        <location filename="../../ui/auth/login_dialog.py" line="91"/>
        <source>Se connecter</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <location filename="../../ui/auth/login_dialog.py" line="93"/>
        <source>Quitter</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location filename="../../ui/auth/login_dialog.py" line="93"/>
        <source>Fermer l&apos;application</source>
        <translation>Fermer l&apos;application</translation>
    </message>
    <message>
        <location filename="../../ui/auth/login_dialog.py" line="98"/>
        <source>Se connecter avec Pro Santé Connect</source>
        <translation>Se connecter avec Pro Santé Connect</translation>
    </message>
    <message>
        <location filename="../../ui/auth/login_dialog.py" line="101"/>
        <source>Se connecter avec la carte CPS</source>
        <translation>Se connecter avec la carte CPS</translation>
    </message>
    <message>
        <location filename="../../ui/auth/login_dialog.py" line="137"/>
        <source>Saisissez votre identifiant et votre mot de passe.</source>
        <translation>Saisissez votre identifiant et votre mot de passe.</translation>
    </message>
    <message>
        <location filename="../../ui/auth/login_dialog.py" line="139"/>
        <source>Vérification en cours…</source>
        <translation>Vérification en cours…</translation>
    </message>
    <message>
        <location filename="../../ui/auth/login_dialog.py" line="168"/>
        <source>Connexion Pro Santé Connect en cours : validez dans votre navigateur ou sur votre application e-CPS…</source>
        <translation>Connexion Pro Santé Connect en cours : validez dans votre navigateur ou sur votre application e-CPS…</translation>
    </message>
    <message>
        <location filename="../../ui/auth/login_dialog.py" line="188"/>
        <source>Connexion par carte CPS en cours…</source>
        <translation>Connexion par carte CPS en cours…</translation>
    </message>
    <message>
        <location filename="../../ui/auth/session_lock.py" line="76"/>
        <source>Démonstration : %1</source>
        <translation>Démonstration : %1</translation>
    </message>
    <message>
        <location filename="../../ui/auth/session_lock.py" line="79"/>
        <source> ; carte CPS : code PIN %1</source>
        <translation> ; carte CPS : code PIN %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="62"/>
        <source>Fichier</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="62"/>
        <source>Patients</source>
        <translation>Patients</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="63"/>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="63"/>
        <source>Envois</source>
        <translation>Envois</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="64"/>
        <source>Outils</source>
        <translation>Outils</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="64"/>
        <source>Messagerie</source>
        <translation>Messagerie</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="65"/>
        <source>Aide</source>
        <translation>Aide</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="213"/>
        <source>Accueil</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="291"/>
        <source>Verrouiller / changer d&apos;utilisateur</source>
        <translation>Verrouiller / changer d&apos;utilisateur</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="293"/>
        <source>Mon compte…</source>
        <translation>Mon compte…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="294"/>
        <source>Imprimer le document…</source>
        <translation>Imprimer le document…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="295"/>
        <source>Quitter</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="296"/>
        <source>Rechercher un patient</source>
        <translation>Rechercher un patient</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="297"/>
        <source>Paramètres…</source>
        <translation>Paramètres…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="298"/>
        <source>Annuaire Santé…</source>
        <translation>Annuaire Santé…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="299"/>
        <source>Tester la connexion au bac à sable</source>
        <translation>Tester la connexion au bac à sable</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="302"/>
        <source>Journal d&apos;audit…</source>
        <translation>Journal d&apos;audit…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="303"/>
        <source>Comptes utilisateurs…</source>
        <translation>Comptes utilisateurs…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="304"/>
        <source>Guide d&apos;utilisation</source>
        <translation>Guide d&apos;utilisation</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="305"/>
        <source>Réinitialiser les données de démonstration…</source>
        <translation>Réinitialiser les données de démonstration…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="308"/>
        <source>Diagnostic</source>
        <translation>Diagnostic</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="309"/>
        <location filename="../../ui/main_window.py" line="435"/>
        <source>À propos</source>
        <translation>À propos</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="315"/>
        <source>Ouvrez un document validé dans l&apos;onglet « Documents » pour l&apos;imprimer.</source>
        <translation>Ouvrez un document validé dans l&apos;onglet « Documents » pour l&apos;imprimer.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="326"/>
        <source>Cabinet</source>
        <translation>Cabinet</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="327"/>
        <source>&lt;h2&gt;%1&lt;/h2&gt;&lt;p&gt;Choisissez un patient dans la liste de gauche.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;%1&lt;/h2&gt;&lt;p&gt;Choisissez un patient dans la liste de gauche.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="354"/>
        <source>Utilisateur : %1</source>
        <translation>Utilisateur : %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="356"/>
        <source> (démonstration)</source>
        <translation> (démonstration)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="365"/>
        <source>Fin de session</source>
        <translation>Fin de session</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="379"/>
        <source>Paramètres enregistrés dans %1. Redémarrez le logiciel pour appliquer : %2.</source>
        <translation>Paramètres enregistrés dans %1. Redémarrez le logiciel pour appliquer : %2.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="382"/>
        <source>Paramètres enregistrés dans %1.</source>
        <translation>Paramètres enregistrés dans %1.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="395"/>
        <source>Réinitialiser les données de démonstration</source>
        <translation>Réinitialiser les données de démonstration</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="396"/>
        <source>Le logiciel va redémarrer sur une base de démonstration neuve, avec les patients et documents d&apos;exemple. L&apos;actuelle est conservée en copie dans le dossier de démonstration. Continuer ?</source>
        <translation>Le logiciel va redémarrer sur une base de démonstration neuve, avec les patients et documents d&apos;exemple. L&apos;actuelle est conservée en copie dans le dossier de démonstration. Continuer ?</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="400"/>
        <source>Réinitialiser et redémarrer</source>
        <translation>Réinitialiser et redémarrer</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="412"/>
        <source>Le journal d&apos;audit est réservé aux administrateurs.</source>
        <translation>Le journal d&apos;audit est réservé aux administrateurs.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="419"/>
        <source>La gestion des comptes est réservée aux administrateurs.</source>
        <translation>La gestion des comptes est réservée aux administrateurs.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="436"/>
        <source>&lt;b&gt;LGC Ségur&lt;/b&gt; %1&lt;br&gt;Logiciel de gestion de cabinet médical : identités et INS (téléservice INSi), documents médicaux, alimentation et consultation du DMP.</source>
        <translation>&lt;b&gt;LGC Ségur&lt;/b&gt; %1&lt;br&gt;Logiciel de gestion de cabinet médical : identités et INS (téléservice INSi), documents médicaux, alimentation et consultation du DMP.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="445"/>
        <source>Test de connexion au bac à sable</source>
        <translation>Test de connexion au bac à sable</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="447"/>
        <source>Bac à sable : réponse reçue en %1 s.</source>
        <translation>Bac à sable : réponse reçue en %1 s.</translation>
    </message>
</context>
<context>
    <name>MatchingDialog</name>
    <message>
        <location filename="../../ui/mss/matching_dialog.py" line="67"/>
        <source>Rapprocher le document reçu d&apos;un patient</source>
        <translation>Rapprocher le document reçu d&apos;un patient</translation>
    </message>
    <message>
        <location filename="../../ui/mss/matching_dialog.py" line="69"/>
        <source>« %1 » reçu de %2.
%3</source>
        <translation>« %1 » reçu de %2.
%3</translation>
    </message>
    <message>
        <location filename="../../ui/mss/matching_dialog.py" line="79"/>
        <source>Reçu dans le document</source>
        <translation>Reçu dans le document</translation>
    </message>
    <message>
        <location filename="../../ui/mss/matching_dialog.py" line="79"/>
        <source>Patient choisi</source>
        <translation>Patient choisi</translation>
    </message>
    <message>
        <location filename="../../ui/mss/matching_dialog.py" line="84"/>
        <source>Choisissez le patient dans la liste.</source>
        <translation>Choisissez le patient dans la liste.</translation>
    </message>
    <message>
        <location filename="../../ui/mss/matching_dialog.py" line="86"/>
        <source>J&apos;ai vérifié : il s&apos;agit bien de ce patient malgré les différences</source>
        <translation>J&apos;ai vérifié : il s&apos;agit bien de ce patient malgré les différences</translation>
    </message>
    <message>
        <location filename="../../ui/mss/matching_dialog.py" line="102"/>
        <source>Rapprocher de ce patient</source>
        <translation>Rapprocher de ce patient</translation>
    </message>
    <message>
        <location filename="../../ui/mss/matching_dialog.py" line="104"/>
        <source>Annuler</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../ui/mss/matching_dialog.py" line="123"/>
        <source>Lecture du patient</source>
        <translation>Lecture du patient</translation>
    </message>
    <message>
        <location filename="../../ui/mss/matching_dialog.py" line="139"/>
        <source>Le document ne donne pas les traits d&apos;identité du patient : vérifiez-le avec l&apos;expéditeur avant de rapprocher.</source>
        <translation>Le document ne donne pas les traits d&apos;identité du patient : vérifiez-le avec l&apos;expéditeur avant de rapprocher.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mss/matching_dialog.py" line="142"/>
        <source>Attention : %n trait(s) diffère(nt) (en rouge).</source>
        <translation>
            <numerusform>Attention : %n trait diffère (en rouge).</numerusform>
            <numerusform>Attention : %n traits diffèrent (en rouge).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/mss/matching_dialog.py" line="144"/>
        <source>Les quatre traits concordent.</source>
        <translation>Les quatre traits concordent.</translation>
    </message>
</context>
<context>
    <name>MetadataPanel</name>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="79"/>
        <source>Ces informations accompagnent le document quand il est envoyé au DMP et par messagerie sécurisée de santé (MSSanté). Elles sont préremplies selon le type de document et sont figées à la validation.</source>
        <translation>Ces informations accompagnent le document quand il est envoyé au DMP et par messagerie sécurisée de santé (MSSanté). Elles sont préremplies selon le type de document et sont figées à la validation.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="85"/>
        <source>Classement du document</source>
        <translation>Classement du document</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="88"/>
        <source>Classe</source>
        <translation>Classe</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="89"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="90"/>
        <source>Cadre d&apos;exercice</source>
        <translation>Cadre d&apos;exercice</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="91"/>
        <source>Type de structure</source>
        <translation>Type de structure</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="92"/>
        <source>Confidentialité</source>
        <translation>Confidentialité</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="94"/>
        <source>Type imposé par le volet CI-SIS de ce document.</source>
        <translation>Type imposé par le volet CI-SIS de ce document.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="107"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="109"/>
        <source>Visibilité dans le DMP</source>
        <translation>Visibilité dans le DMP</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="113"/>
        <source>Masqué aux professionnels de santé</source>
        <translation>Masqué aux professionnels de santé</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="114"/>
        <source>Les autres professionnels de santé ne verront pas ce document dans le DMP ; seuls vous-même et le patient y auront accès.</source>
        <translation>Les autres professionnels de santé ne verront pas ce document dans le DMP ; seuls vous-même et le patient y auront accès.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="117"/>
        <source>Non visible par le patient</source>
        <translation>Non visible par le patient</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="118"/>
        <source>Le patient ne verra pas ce document dans son DMP (Mon espace santé), par exemple en attendant de lui annoncer un diagnostic en consultation.</source>
        <translation>Le patient ne verra pas ce document dans son DMP (Mon espace santé), par exemple en attendant de lui annoncer un diagnostic en consultation.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="121"/>
        <source>Non visible par les représentants légaux</source>
        <translation>Non visible par les représentants légaux</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="122"/>
        <source>Les parents ou le tuteur d&apos;un patient mineur ou protégé ne verront pas ce document, par exemple quand un mineur demande le secret.</source>
        <translation>Les parents ou le tuteur d&apos;un patient mineur ou protégé ne verront pas ce document, par exemple quand un mineur demande le secret.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="138"/>
        <source>Rétablir les valeurs par défaut</source>
        <translation>Rétablir les valeurs par défaut</translation>
    </message>
    <message>
        <location filename="../../ui/documents/metadata_panel.py" line="140"/>
        <source>Document validé : ses métadonnées de partage sont figées.</source>
        <translation>Document validé : ses métadonnées de partage sont figées.</translation>
    </message>
</context>
<context>
    <name>MssObjectionCheck</name>
    <message>
        <location filename="../../ui/mss/compose_objection.py" line="29"/>
        <source>Le patient s&apos;oppose à l&apos;envoi de ses documents dans Mon espace santé (messagerie sécurisée)</source>
        <translation>Le patient s&apos;oppose à l&apos;envoi de ses documents dans Mon espace santé (messagerie sécurisée)</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_objection.py" line="31"/>
        <source>Les documents validés ne sont plus envoyés dans sa messagerie Mon espace santé ; les envois aux professionnels continuent.</source>
        <translation>Les documents validés ne sont plus envoyés dans sa messagerie Mon espace santé ; les envois aux professionnels continuent.</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_objection.py" line="48"/>
        <location filename="../../ui/mss/compose_objection.py" line="73"/>
        <location filename="../../ui/mss/compose_objection.py" line="81"/>
        <source>Opposition Mon espace santé</source>
        <translation>Opposition Mon espace santé</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_objection.py" line="63"/>
        <source>enregistrée le %1 par %2</source>
        <translation>enregistrée le %1 par %2</translation>
    </message>
</context>
<context>
    <name>MyAccountDialog</name>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="63"/>
        <location filename="../../ui/auth/my_account_dialog.py" line="157"/>
        <location filename="../../ui/auth/my_account_dialog.py" line="247"/>
        <source>Mon compte</source>
        <translation>Mon compte</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="73"/>
        <source>Il faut %1.</source>
        <translation>Il faut %1.</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="74"/>
        <source>Changer le mot de passe</source>
        <translation>Changer le mot de passe</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="76"/>
        <source>Mot de passe</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="78"/>
        <source>Mot de passe actuel</source>
        <translation>Mot de passe actuel</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="79"/>
        <source>Nouveau mot de passe</source>
        <translation>Nouveau mot de passe</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="80"/>
        <source>Confirmation</source>
        <translation>Confirmation</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="84"/>
        <location filename="../../ui/auth/my_account_dialog.py" line="173"/>
        <source>Activer le second facteur…</source>
        <translation>Activer le second facteur…</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="86"/>
        <source>Désactiver le second facteur</source>
        <translation>Désactiver le second facteur</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="88"/>
        <source>Second facteur désactivé.</source>
        <translation>Second facteur désactivé.</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="96"/>
        <source>6 chiffres</source>
        <translation>6 chiffres</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="97"/>
        <source>Confirmer</source>
        <translation>Confirmer</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="104"/>
        <source>Scannez ce code avec votre application d&apos;authentification, ou saisissez-y ce lien :</source>
        <translation>Scannez ce code avec votre application d&apos;authentification, ou saisissez-y ce lien :</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="107"/>
        <source>Puis saisissez le code qu&apos;elle affiche :</source>
        <translation>Puis saisissez le code qu&apos;elle affiche :</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="116"/>
        <source>Second facteur (application d&apos;authentification)</source>
        <translation>Second facteur (application d&apos;authentification)</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="128"/>
        <source>Coordonnées de connexion et de récupération</source>
        <translation>Coordonnées de connexion et de récupération</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="131"/>
        <source>Adresse électronique</source>
        <translation>Adresse électronique</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="131"/>
        <source>Téléphone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="137"/>
        <source>Mes envois par messagerie sécurisée…</source>
        <translation>Mes envois par messagerie sécurisée…</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="169"/>
        <source>%1 — identifiant « %2 » — %3</source>
        <translation>%1 — identifiant « %2 » — %3</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="172"/>
        <source>Aucun second facteur : la connexion ne demande que le mot de passe.</source>
        <translation>Aucun second facteur : la connexion ne demande que le mot de passe.</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="175"/>
        <source>Le renouvellement de votre second facteur est demandé.</source>
        <translation>Le renouvellement de votre second facteur est demandé.</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="176"/>
        <location filename="../../ui/auth/my_account_dialog.py" line="180"/>
        <source>Renouveler le second facteur…</source>
        <translation>Renouveler le second facteur…</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="179"/>
        <source>Second facteur actif depuis le %1.</source>
        <translation>Second facteur actif depuis le %1.</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="185"/>
        <source>non renseigné</source>
        <translation>non renseigné</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="191"/>
        <source>Les deux saisies du nouveau mot de passe diffèrent.</source>
        <translation>Les deux saisies du nouveau mot de passe diffèrent.</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="196"/>
        <source>Mot de passe changé.</source>
        <translation>Mot de passe changé.</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="223"/>
        <source>Second facteur enregistré : il sera demandé à chaque connexion.</source>
        <translation>Second facteur enregistré : il sera demandé à chaque connexion.</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="229"/>
        <source>Code envoyé : saisissez-le pour valider le changement.</source>
        <translation>Code envoyé : saisissez-le pour valider le changement.</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="240"/>
        <source>Coordonnée modifiée ; l&apos;ancienne a été prévenue.</source>
        <translation>Coordonnée modifiée ; l&apos;ancienne a été prévenue.</translation>
    </message>
    <message>
        <location filename="../../ui/auth/my_account_dialog.py" line="246"/>
        <source>Enregistrement…</source>
        <translation>Enregistrement…</translation>
    </message>
</context>
<context>
    <name>NewDocumentsWatcher</name>
    <message>
        <location filename="../../ui/dmp/badge.py" line="88"/>
        <source>Lecture des nouveaux documents DMP</source>
        <translation>Lecture des nouveaux documents DMP</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/badge.py" line="100"/>
        <source>Recherche de nouveaux documents dans le DMP</source>
        <translation>Recherche de nouveaux documents dans le DMP</translation>
    </message>
</context>
<context>
    <name>OppositionBar</name>
    <message>
        <location filename="../../ui/dmp/opposition_bar.py" line="63"/>
        <location filename="../../ui/dmp/opposition_bar.py" line="100"/>
        <location filename="../../ui/dmp/opposition_bar.py" line="121"/>
        <location filename="../../ui/dmp/opposition_bar.py" line="126"/>
        <source>Opposition au DMP</source>
        <translation>Opposition au DMP</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/opposition_bar.py" line="76"/>
        <source>Retirer l&apos;opposition…</source>
        <translation>Retirer l&apos;opposition…</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/opposition_bar.py" line="77"/>
        <source>Le patient s&apos;oppose à l&apos;alimentation de son DMP…</source>
        <translation>Le patient s&apos;oppose à l&apos;alimentation de son DMP…</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/opposition_bar.py" line="81"/>
        <source>Opposition au DMP enregistrée le %1 par %2 : aucun document n&apos;est envoyé au DMP ni consulté.</source>
        <translation>Opposition au DMP enregistrée le %1 par %2 : aucun document n&apos;est envoyé au DMP ni consulté.</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/opposition_bar.py" line="85"/>
        <source>Pas d&apos;opposition au DMP (opposition retirée le %1 par %2).</source>
        <translation>Pas d&apos;opposition au DMP (opposition retirée le %1 par %2).</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/opposition_bar.py" line="88"/>
        <source>Pas d&apos;opposition au DMP enregistrée.</source>
        <translation>Pas d&apos;opposition au DMP enregistrée.</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/opposition_bar.py" line="95"/>
        <source>Retirer l&apos;opposition au DMP</source>
        <translation>Retirer l&apos;opposition au DMP</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/opposition_bar.py" line="96"/>
        <source>Le patient retire son opposition : les documents seront de nouveau envoyés à son DMP et celui-ci pourra être consulté. Le retrait est enregistré à votre nom.</source>
        <translation>Le patient retire son opposition : les documents seront de nouveau envoyés à son DMP et celui-ci pourra être consulté. Le retrait est enregistré à votre nom.</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/opposition_bar.py" line="97"/>
        <source>Retirer l&apos;opposition</source>
        <translation>Retirer l&apos;opposition</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/opposition_bar.py" line="101"/>
        <source>Le patient s&apos;oppose à l&apos;alimentation de son DMP : aucun document ne sera plus envoyé à son DMP et celui-ci ne sera plus consulté depuis le logiciel, jusqu&apos;au retrait de l&apos;opposition. L&apos;opposition est enregistrée à votre nom, avec la date.</source>
        <translation>Le patient s&apos;oppose à l&apos;alimentation de son DMP : aucun document ne sera plus envoyé à son DMP et celui-ci ne sera plus consulté depuis le logiciel, jusqu&apos;au retrait de l&apos;opposition. L&apos;opposition est enregistrée à votre nom, avec la date.</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/opposition_bar.py" line="103"/>
        <source>Enregistrer l&apos;opposition</source>
        <translation>Enregistrer l&apos;opposition</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/opposition_bar.py" line="111"/>
        <source>Annuler</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>OrdersModel</name>
    <message>
        <location filename="../../ui/outbox/orders_panel.py" line="63"/>
        <source>Créé le</source>
        <translation>Créé le</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/orders_panel.py" line="63"/>
        <source>Nature</source>
        <translation>Nature</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/orders_panel.py" line="63"/>
        <source>Contenu</source>
        <translation>Contenu</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/orders_panel.py" line="63"/>
        <source>Demandé par</source>
        <translation>Demandé par</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/orders_panel.py" line="64"/>
        <source>Poste</source>
        <translation>Poste</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/orders_panel.py" line="64"/>
        <source>Statut</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/orders_panel.py" line="64"/>
        <source>Essais</source>
        <translation>Essais</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/orders_panel.py" line="70"/>
        <source>Aucun essai</source>
        <translation>Aucun essai</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/orders_panel.py" line="72"/>
        <source>1 essai sur %1</source>
        <translation>1 essai sur %1</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/orders_panel.py" line="73"/>
        <source>%1 essais sur %2</source>
        <translation>%1 essais sur %2</translation>
    </message>
</context>
<context>
    <name>OrdersPanel</name>
    <message>
        <location filename="../../ui/outbox/orders_panel.py" line="118"/>
        <source>Tous les statuts</source>
        <translation>Tous les statuts</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/orders_panel.py" line="124"/>
        <source>Actualiser</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/orders_panel.py" line="127"/>
        <source>Statut :</source>
        <translation>Statut :</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/orders_panel.py" line="135"/>
        <source>Aucun envoi.</source>
        <translation>Aucun envoi.</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/orders_panel.py" line="138"/>
        <source>Relancer</source>
        <translation>Relancer</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/orders_panel.py" line="140"/>
        <source>Annuler l&apos;envoi</source>
        <translation>Annuler l&apos;envoi</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/orders_panel.py" line="142"/>
        <source>Exporter la trace…</source>
        <translation>Exporter la trace…</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/orders_panel.py" line="154"/>
        <source>Sélectionnez un envoi pour voir sa trace.</source>
        <translation>Sélectionnez un envoi pour voir sa trace.</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/orders_panel.py" line="190"/>
        <source>Lecture des envois</source>
        <translation>Lecture des envois</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/orders_panel.py" line="246"/>
        <source>Chargement de la trace…</source>
        <translation>Chargement de la trace…</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/orders_panel.py" line="252"/>
        <source>Lecture de la trace d&apos;un envoi</source>
        <translation>Lecture de la trace d&apos;un envoi</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/orders_panel.py" line="272"/>
        <source>Relance d&apos;un envoi</source>
        <translation>Relance d&apos;un envoi</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/orders_panel.py" line="273"/>
        <source>Envoi relancé : il repart en attente.</source>
        <translation>Envoi relancé : il repart en attente.</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/orders_panel.py" line="278"/>
        <source>Annulation d&apos;un envoi</source>
        <translation>Annulation d&apos;un envoi</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/orders_panel.py" line="279"/>
        <source>Envoi annulé.</source>
        <translation>Envoi annulé.</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/orders_panel.py" line="303"/>
        <source>Exporter la trace de l&apos;envoi</source>
        <translation>Exporter la trace de l&apos;envoi</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/orders_panel.py" line="305"/>
        <source>Texte (*.txt)</source>
        <translation>Texte (*.txt)</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/orders_panel.py" line="319"/>
        <source>Export de la trace</source>
        <translation>Export de la trace</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/orders_panel.py" line="320"/>
        <source>Trace exportée dans %1.</source>
        <translation>Trace exportée dans %1.</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/orders_panel.py" line="322"/>
        <source>Export de la trace impossible : %1</source>
        <translation>Export de la trace impossible : %1</translation>
    </message>
</context>
<context>
    <name>PagesPreview</name>
    <message>
        <location filename="../../ui/print.py" line="81"/>
        <source>Aperçu avant impression — %1</source>
        <translation>Aperçu avant impression — %1</translation>
    </message>
    <message>
        <location filename="../../ui/print.py" line="89"/>
        <source>Impression</source>
        <translation>Impression</translation>
    </message>
</context>
<context>
    <name>PatientForm</name>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="124"/>
        <source>Enregistrer</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="126"/>
        <location filename="../../ui/patients/patient_form.py" line="334"/>
        <source>Abandonner les modifications</source>
        <translation>Abandonner les modifications</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="214"/>
        <source>Nouveau patient</source>
        <translation>Nouveau patient</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="258"/>
        <source>Identité non enregistrée : corrigez les champs signalés (rien n&apos;est perdu).</source>
        <translation>Identité non enregistrée : corrigez les champs signalés (rien n&apos;est perdu).</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="260"/>
        <source>Dossier patient</source>
        <translation>Dossier patient</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="276"/>
        <source>Enregistrement du patient</source>
        <translation>Enregistrement du patient</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="281"/>
        <source>Création du patient</source>
        <translation>Création du patient</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="294"/>
        <source>Identité créée (identité provisoire).</source>
        <translation>Identité créée (identité provisoire).</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="296"/>
        <source>INS lu sur le datamatrix : %1. Vérifiez-le avec le téléservice INSi pour l&apos;attacher à l&apos;identité.</source>
        <translation>INS lu sur le datamatrix : %1. Vérifiez-le avec le téléservice INSi pour l&apos;attacher à l&apos;identité.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="330"/>
        <source>Modifications non enregistrées</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="331"/>
        <source>Les modifications de cette identité ne sont pas enregistrées. Les abandonner ?</source>
        <translation>Les modifications de cette identité ne sont pas enregistrées. Les abandonner ?</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="335"/>
        <source>Continuer la saisie</source>
        <translation>Continuer la saisie</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="343"/>
        <source>Ouverture du patient</source>
        <translation>Ouverture du patient</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="353"/>
        <source>Attributs de l&apos;identité</source>
        <translation>Attributs de l&apos;identité</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="362"/>
        <source>Choisissez d&apos;abord la pièce d&apos;identité présentée.</source>
        <translation>Choisissez d&apos;abord la pièce d&apos;identité présentée.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="365"/>
        <source>Enregistrez d&apos;abord les modifications : le contrôle porte sur les traits enregistrés.</source>
        <translation>Enregistrez d&apos;abord les modifications : le contrôle porte sur les traits enregistrés.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="370"/>
        <location filename="../../ui/patients/patient_form.py" line="384"/>
        <source>Contrôle de la pièce d&apos;identité</source>
        <translation>Contrôle de la pièce d&apos;identité</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="402"/>
        <source>Ce dossier a été modifié depuis la fenêtre du téléservice INSi : abandonnez vos modifications pour afficher la nouvelle version.</source>
        <translation>Ce dossier a été modifié depuis la fenêtre du téléservice INSi : abandonnez vos modifications pour afficher la nouvelle version.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="414"/>
        <source>Enregistrez d&apos;abord les modifications : le téléservice INSi est interrogé avec les traits enregistrés.</source>
        <translation>Enregistrez d&apos;abord les modifications : le téléservice INSi est interrogé avec les traits enregistrés.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="432"/>
        <source>Ce datamatrix INS (INS %1) est celui de ce dossier, ouvert au lieu d&apos;en créer un nouveau. Ses traits sont identiques à ceux enregistrés.</source>
        <translation>Ce datamatrix INS (INS %1) est celui de ce dossier, ouvert au lieu d&apos;en créer un nouveau. Ses traits sont identiques à ceux enregistrés.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="435"/>
        <source>• %1 : %2 dans le dossier, %3 sur le datamatrix</source>
        <translation>• %1 : %2 dans le dossier, %3 sur le datamatrix</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="437"/>
        <source>Ce datamatrix INS (INS %1) est celui de ce dossier, ouvert au lieu d&apos;en créer un nouveau, mais des traits diffèrent :
%2
Vérifiez l&apos;identité avec une pièce d&apos;identité avant toute modification.</source>
        <translation>Ce datamatrix INS (INS %1) est celui de ce dossier, ouvert au lieu d&apos;en créer un nouveau, mais des traits diffèrent :
%2
Vérifiez l&apos;identité avec une pièce d&apos;identité avant toute modification.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_form.py" line="445"/>
        <source>Traits lus sur le datamatrix INS (INS %1). Vérifiez-les, enregistrez l&apos;identité puis vérifiez l&apos;INS avec le téléservice INSi.</source>
        <translation>Traits lus sur le datamatrix INS (INS %1). Vérifiez-les, enregistrez l&apos;identité puis vérifiez l&apos;INS avec le téléservice INSi.</translation>
    </message>
</context>
<context>
    <name>PatientListModel</name>
    <message>
        <location filename="../../ui/patients/patient_list.py" line="79"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_list.py" line="79"/>
        <source>Né(e) le</source>
        <translation>Né(e) le</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_list.py" line="79"/>
        <source>Statut</source>
        <translation>Statut</translation>
    </message>
</context>
<context>
    <name>PatientListPanel</name>
    <message>
        <location filename="../../ui/patients/patient_list.py" line="135"/>
        <source>Rechercher un patient (nom, prénom, date)…</source>
        <translation>Rechercher un patient (nom, prénom, date)…</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_list.py" line="137"/>
        <source>Nouveau patient</source>
        <translation>Nouveau patient</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_list.py" line="146"/>
        <source>Tapez un nom, un prénom ou une date de naissance : la recherche ignore accents, tirets et apostrophes.</source>
        <translation>Tapez un nom, un prénom ou une date de naissance : la recherche ignore accents, tirets et apostrophes.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_list.py" line="148"/>
        <source>Derniers patients créés ou modifiés. </source>
        <translation>Derniers patients créés ou modifiés. </translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_list.py" line="173"/>
        <source>Recherche de patients</source>
        <translation>Recherche de patients</translation>
    </message>
    <message>
        <location filename="../../ui/patients/patient_list.py" line="184"/>
        <source>Aucun patient ne correspond à « %1 ».</source>
        <translation>Aucun patient ne correspond à « %1 ».</translation>
    </message>
</context>
<context>
    <name>PatientsModule</name>
    <message>
        <location filename="../../ui/patients/module.py" line="38"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../ui/patients/module.py" line="39"/>
        <location filename="../../ui/patients/module.py" line="55"/>
        <source>Indicateurs INSq</source>
        <translation>Indicateurs INSq</translation>
    </message>
    <message>
        <location filename="../../ui/patients/module.py" line="52"/>
        <source>Nouveau patient</source>
        <translation>Nouveau patient</translation>
    </message>
    <message>
        <location filename="../../ui/patients/module.py" line="53"/>
        <source>Téléservice INSi…</source>
        <translation>Téléservice INSi…</translation>
    </message>
    <message>
        <location filename="../../ui/patients/module.py" line="54"/>
        <source>Importer un datamatrix INS…</source>
        <translation>Importer un datamatrix INS…</translation>
    </message>
    <message>
        <location filename="../../ui/patients/module.py" line="94"/>
        <source>Datamatrix INS</source>
        <translation>Datamatrix INS</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../ui/auth/pin_dialog.py" line="24"/>
        <source>Code PIN de la carte CPS</source>
        <translation>Code PIN de la carte CPS</translation>
    </message>
    <message>
        <location filename="../../ui/auth/pin_dialog.py" line="25"/>
        <source>Lecture de la carte…</source>
        <translation>Lecture de la carte…</translation>
    </message>
    <message>
        <location filename="../../ui/auth/pin_dialog.py" line="33"/>
        <source>Code PIN (4 chiffres)</source>
        <translation>Code PIN (4 chiffres)</translation>
    </message>
    <message>
        <location filename="../../ui/auth/pin_dialog.py" line="36"/>
        <source>Déverrouiller</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <location filename="../../ui/auth/pin_dialog.py" line="58"/>
        <source>Carte de {name} (n° {id})</source>
        <translation>Carte de {name} (n° {id})</translation>
    </message>
    <message>
        <location filename="../../ui/auth/pin_dialog.py" line="60"/>
        <source>Carte CPS</source>
        <translation>Carte CPS</translation>
    </message>
</context>
<context>
    <name>PrescriptionEditor</name>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="110"/>
        <source>JJ/MM/AAAA (vide : jour de la validation)</source>
        <translation>JJ/MM/AAAA (vide : jour de la validation)</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="115"/>
        <source>Ajouter une ligne</source>
        <translation>Ajouter une ligne</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="116"/>
        <source>Ligne vide : renseignez le médicament, la posologie et la durée, ou supprimez la ligne.</source>
        <translation>Ligne vide : renseignez le médicament, la posologie et la durée, ou supprimez la ligne.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="121"/>
        <source>Commentaire imprimé sous les lignes (facultatif)</source>
        <translation>Commentaire imprimé sous les lignes (facultatif)</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="125"/>
        <source>Prescrit le</source>
        <translation>Prescrit le</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="132"/>
        <source>Lignes de prescription</source>
        <translation>Lignes de prescription</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="143"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="146"/>
        <source>Ordonnance vide : ajoutez au moins une ligne.</source>
        <translation>Ordonnance vide : ajoutez au moins une ligne.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="168"/>
        <source>Vérification des allergies</source>
        <translation>Vérification des allergies</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="177"/>
        <source>Allergie connue du patient</source>
        <translation>Allergie connue du patient</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="178"/>
        <source>Attention : cette ordonnance contient un médicament contre-indiqué par une allergie connue du patient.

%1

Pour prescrire quand même, indiquez la raison : elle sera enregistrée avec l&apos;ordonnance.</source>
        <translation>Attention : cette ordonnance contient un médicament contre-indiqué par une allergie connue du patient.

%1

Pour prescrire quand même, indiquez la raison : elle sera enregistrée avec l&apos;ordonnance.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="180"/>
        <source>Prescrire malgré l&apos;allergie</source>
        <translation>Prescrire malgré l&apos;allergie</translation>
    </message>
    <message>
        <location filename="../../ui/documents/prescription_editor.py" line="201"/>
        <source>Enregistrement du motif</source>
        <translation>Enregistrement du motif</translation>
    </message>
</context>
<context>
    <name>PscDialog</name>
    <message>
        <location filename="../../ui/auth/psc_dialog.py" line="45"/>
        <location filename="../../ui/auth/psc_dialog.py" line="118"/>
        <source>Connexion Pro Santé Connect</source>
        <translation>Connexion Pro Santé Connect</translation>
    </message>
    <message>
        <location filename="../../ui/auth/psc_dialog.py" line="53"/>
        <source>Connectez-vous avec votre carte CPS ou l&apos;application e-CPS.</source>
        <translation>Connectez-vous avec votre carte CPS ou l&apos;application e-CPS.</translation>
    </message>
    <message>
        <location filename="../../ui/auth/psc_dialog.py" line="56"/>
        <source>Se connecter dans le navigateur</source>
        <translation>Se connecter dans le navigateur</translation>
    </message>
    <message>
        <location filename="../../ui/auth/psc_dialog.py" line="61"/>
        <source>Identifiant national (8 + RPPS)</source>
        <translation>Identifiant national (8 + RPPS)</translation>
    </message>
    <message>
        <location filename="../../ui/auth/psc_dialog.py" line="63"/>
        <source>Application e-CPS</source>
        <translation>Application e-CPS</translation>
    </message>
    <message>
        <location filename="../../ui/auth/psc_dialog.py" line="83"/>
        <source>Annuler</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../ui/auth/psc_dialog.py" line="94"/>
        <source>Terminez la connexion dans le navigateur…</source>
        <translation>Terminez la connexion dans le navigateur…</translation>
    </message>
    <message>
        <location filename="../../ui/auth/psc_dialog.py" line="99"/>
        <source>Demande envoyée à l&apos;application e-CPS…</source>
        <translation>Demande envoyée à l&apos;application e-CPS…</translation>
    </message>
    <message>
        <location filename="../../ui/auth/psc_dialog.py" line="106"/>
        <source>Connexion Pro Santé Connect annulée.</source>
        <translation>Connexion Pro Santé Connect annulée.</translation>
    </message>
    <message>
        <location filename="../../ui/auth/psc_dialog.py" line="130"/>
        <source>Vérifiez que l&apos;application e-CPS affiche le code :</source>
        <translation>Vérifiez que l&apos;application e-CPS affiche le code :</translation>
    </message>
    <message>
        <location filename="../../ui/auth/psc_dialog.py" line="135"/>
        <source>Connecté : {0}</source>
        <translation>Connecté : {0}</translation>
    </message>
</context>
<context>
    <name>QualificationOffer</name>
    <message>
        <location filename="../../ui/dmp/qualification_offer.py" line="39"/>
        <source>Documents en attente de qualification</source>
        <translation>Documents en attente de qualification</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/qualification_offer.py" line="41"/>
        <location filename="../../ui/dmp/qualification_offer.py" line="48"/>
        <location filename="../../ui/dmp/qualification_offer.py" line="63"/>
        <source>Envoi au DMP</source>
        <translation>Envoi au DMP</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/qualification_offer.py" line="44"/>
        <source>1 document attendait la qualification de l&apos;identité : l&apos;envoyer au DMP maintenant ?</source>
        <translation>1 document attendait la qualification de l&apos;identité : l&apos;envoyer au DMP maintenant ?</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/qualification_offer.py" line="46"/>
        <source>%1 documents attendaient la qualification de l&apos;identité : les envoyer au DMP maintenant ?</source>
        <translation>%1 documents attendaient la qualification de l&apos;identité : les envoyer au DMP maintenant ?</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/qualification_offer.py" line="50"/>
        <source>Envoyer au DMP</source>
        <translation>Envoyer au DMP</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/qualification_offer.py" line="51"/>
        <source>Plus tard</source>
        <translation>Plus tard</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/qualification_offer.py" line="61"/>
        <source>Envoi au DMP des documents en attente</source>
        <translation>Envoi au DMP des documents en attente</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/qualification_offer.py" line="66"/>
        <source>%1 document(s) en cours d&apos;envoi au DMP (suivi dans « Envois »).</source>
        <translation>%1 document(s) en cours d&apos;envoi au DMP (suivi dans « Envois »).</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../ui/documents/reason_dialog.py" line="24"/>
        <source>Motif (obligatoire)</source>
        <translation>Motif (obligatoire)</translation>
    </message>
    <message>
        <location filename="../../ui/documents/reason_dialog.py" line="28"/>
        <source>Annuler</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>ReceivedDocumentView</name>
    <message>
        <location filename="../../ui/dmp/received_view.py" line="69"/>
        <source>%1 — %2 — lecture seule</source>
        <translation>%1 — %2 — lecture seule</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/received_view.py" line="71"/>
        <source>Reçu du DMP — %1 — importé le %2 par %3 — lecture seule</source>
        <translation>Reçu du DMP — %1 — importé le %2 par %3 — lecture seule</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/received_view.py" line="76"/>
        <source>Lecture du document…</source>
        <translation>Lecture du document…</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/received_view.py" line="79"/>
        <source>Lecture d&apos;un document reçu du DMP</source>
        <translation>Lecture d&apos;un document reçu du DMP</translation>
    </message>
</context>
<context>
    <name>RecipientsPicker</name>
    <message>
        <location filename="../../ui/mss/recipients_picker.py" line="47"/>
        <source>Destinataires (messageries MSSanté)</source>
        <translation>Destinataires (messageries MSSanté)</translation>
    </message>
    <message>
        <location filename="../../ui/mss/recipients_picker.py" line="59"/>
        <source>Ajouter depuis l&apos;Annuaire Santé…</source>
        <translation>Ajouter depuis l&apos;Annuaire Santé…</translation>
    </message>
    <message>
        <location filename="../../ui/mss/recipients_picker.py" line="76"/>
        <source>Message sans patient : choisissez les destinataires dans l&apos;Annuaire Santé.</source>
        <translation>Message sans patient : choisissez les destinataires dans l&apos;Annuaire Santé.</translation>
    </message>
    <message>
        <location filename="../../ui/mss/recipients_picker.py" line="78"/>
        <source>Lecture des correspondants…</source>
        <translation>Lecture des correspondants…</translation>
    </message>
    <message>
        <location filename="../../ui/mss/recipients_picker.py" line="80"/>
        <source>Correspondants du patient</source>
        <translation>Correspondants du patient</translation>
    </message>
    <message>
        <location filename="../../ui/mss/recipients_picker.py" line="90"/>
        <source>%1 — %2 — %3</source>
        <translation>%1 — %2 — %3</translation>
    </message>
    <message>
        <location filename="../../ui/mss/recipients_picker.py" line="94"/>
        <source>Mon espace santé du patient — %1 — %2</source>
        <translation>Mon espace santé du patient — %1 — %2</translation>
    </message>
    <message>
        <location filename="../../ui/mss/recipients_picker.py" line="97"/>
        <source>Mon espace santé du patient : impossible (%1)</source>
        <translation>Mon espace santé du patient : impossible (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/mss/recipients_picker.py" line="100"/>
        <source>Aucun correspondant avec une messagerie MSSanté : cherchez le destinataire dans l&apos;Annuaire Santé.</source>
        <translation>Aucun correspondant avec une messagerie MSSanté : cherchez le destinataire dans l&apos;Annuaire Santé.</translation>
    </message>
    <message>
        <location filename="../../ui/mss/recipients_picker.py" line="138"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../../ui/mss/recipients_picker.py" line="139"/>
        <source>Adresse e-mail ordinaire : elle ne peut pas recevoir de données de santé. Seules les messageries MSSanté sont proposées.</source>
        <translation>Adresse e-mail ordinaire : elle ne peut pas recevoir de données de santé. Seules les messageries MSSanté sont proposées.</translation>
    </message>
    <message>
        <location filename="../../ui/mss/recipients_picker.py" line="144"/>
        <source>Annuaire — %1 — %2</source>
        <translation>Annuaire — %1 — %2</translation>
    </message>
    <message>
        <location filename="../../ui/mss/recipients_picker.py" line="150"/>
        <source>%1 n&apos;a pas de messagerie MSSanté publiée dans l&apos;Annuaire Santé.</source>
        <translation>%1 n&apos;a pas de messagerie MSSanté publiée dans l&apos;Annuaire Santé.</translation>
    </message>
</context>
<context>
    <name>RejectDialog</name>
    <message>
        <location filename="../../ui/mss/worklist_reject.py" line="21"/>
        <source>Patient inconnu du cabinet</source>
        <translation>Patient inconnu du cabinet</translation>
    </message>
    <message>
        <location filename="../../ui/mss/worklist_reject.py" line="22"/>
        <source>Le patient concerné par ce document n&apos;est pas suivi par notre cabinet : le document n&apos;a pas été intégré.</source>
        <translation>Le patient concerné par ce document n&apos;est pas suivi par notre cabinet : le document n&apos;a pas été intégré.</translation>
    </message>
    <message>
        <location filename="../../ui/mss/worklist_reject.py" line="24"/>
        <source>Identité du patient incohérente</source>
        <translation>Identité du patient incohérente</translation>
    </message>
    <message>
        <location filename="../../ui/mss/worklist_reject.py" line="25"/>
        <source>L&apos;identité du patient indiquée dans ce document ne correspond pas à celle que nous connaissons : merci de vérifier et de nous le renvoyer.</source>
        <translation>L&apos;identité du patient indiquée dans ce document ne correspond pas à celle que nous connaissons : merci de vérifier et de nous le renvoyer.</translation>
    </message>
    <message>
        <location filename="../../ui/mss/worklist_reject.py" line="27"/>
        <source>Document illisible ou incomplet</source>
        <translation>Document illisible ou incomplet</translation>
    </message>
    <message>
        <location filename="../../ui/mss/worklist_reject.py" line="28"/>
        <source>Le document transmis est illisible ou incomplet : merci de nous le renvoyer.</source>
        <translation>Le document transmis est illisible ou incomplet : merci de nous le renvoyer.</translation>
    </message>
    <message>
        <location filename="../../ui/mss/worklist_reject.py" line="30"/>
        <source>Autre motif</source>
        <translation>Autre motif</translation>
    </message>
    <message>
        <location filename="../../ui/mss/worklist_reject.py" line="49"/>
        <source>Rejeter le document reçu</source>
        <translation>Rejeter le document reçu</translation>
    </message>
    <message>
        <location filename="../../ui/mss/worklist_reject.py" line="50"/>
        <source>« %1 » reçu de %2. Le document ne sera pas intégré ; son expéditeur reçoit la réponse ci-dessous.</source>
        <translation>« %1 » reçu de %2. Le document ne sera pas intégré ; son expéditeur reçoit la réponse ci-dessous.</translation>
    </message>
    <message>
        <location filename="../../ui/mss/worklist_reject.py" line="56"/>
        <source>Réponse à l&apos;expéditeur (obligatoire)</source>
        <translation>Réponse à l&apos;expéditeur (obligatoire)</translation>
    </message>
    <message>
        <location filename="../../ui/mss/worklist_reject.py" line="59"/>
        <source>Motif</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../../ui/mss/worklist_reject.py" line="60"/>
        <source>Réponse</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <location filename="../../ui/mss/worklist_reject.py" line="62"/>
        <source>Rejeter et répondre</source>
        <translation>Rejeter et répondre</translation>
    </message>
    <message>
        <location filename="../../ui/mss/worklist_reject.py" line="63"/>
        <source>Annuler</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <location filename="../../ui/labresults/results_model.py" line="21"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/labresults/results_model.py" line="21"/>
        <source>Analyse</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <location filename="../../ui/labresults/results_model.py" line="22"/>
        <source>Valeur</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <location filename="../../ui/labresults/results_model.py" line="22"/>
        <source>Unité</source>
        <translation>Unité</translation>
    </message>
    <message>
        <location filename="../../ui/labresults/results_model.py" line="23"/>
        <source>Valeurs de référence</source>
        <translation>Valeurs de référence</translation>
    </message>
    <message>
        <location filename="../../ui/labresults/results_model.py" line="24"/>
        <source>Interprétation</source>
        <translation>Interprétation</translation>
    </message>
    <message>
        <location filename="../../ui/labresults/results_model.py" line="24"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/labresults/results_model.py" line="31"/>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../ui/labresults/results_model.py" line="32"/>
        <source>Bas</source>
        <translation>Bas</translation>
    </message>
    <message>
        <location filename="../../ui/labresults/results_model.py" line="33"/>
        <source>Élevé</source>
        <translation>Élevé</translation>
    </message>
    <message>
        <location filename="../../ui/labresults/results_model.py" line="34"/>
        <source>Très bas</source>
        <translation>Très bas</translation>
    </message>
    <message>
        <location filename="../../ui/labresults/results_model.py" line="35"/>
        <source>Très élevé</source>
        <translation>Très élevé</translation>
    </message>
    <message>
        <location filename="../../ui/labresults/results_model.py" line="36"/>
        <source>Anormal</source>
        <translation>Anormal</translation>
    </message>
    <message>
        <location filename="../../ui/labresults/results_model.py" line="37"/>
        <source>Critique</source>
        <translation>Critique</translation>
    </message>
</context>
<context>
    <name>ResultsPanel</name>
    <message>
        <location filename="../../ui/labresults/results_panel.py" line="47"/>
        <source>Résultats de biologie reçus pour le patient ouvert (comptes rendus structurés). Sélectionnez un résultat pour voir son évolution.</source>
        <translation>Résultats de biologie reçus pour le patient ouvert (comptes rendus structurés). Sélectionnez un résultat pour voir son évolution.</translation>
    </message>
    <message>
        <location filename="../../ui/labresults/results_panel.py" line="54"/>
        <location filename="../../ui/labresults/results_panel.py" line="130"/>
        <source>Toutes les analyses</source>
        <translation>Toutes les analyses</translation>
    </message>
    <message>
        <location filename="../../ui/labresults/results_panel.py" line="57"/>
        <source>Analyse :</source>
        <translation>Analyse :</translation>
    </message>
    <message>
        <location filename="../../ui/labresults/results_panel.py" line="60"/>
        <source>Extraire les résultats</source>
        <translation>Extraire les résultats</translation>
    </message>
    <message>
        <location filename="../../ui/labresults/results_panel.py" line="61"/>
        <source>Lire les résultats structurés d&apos;un compte rendu de biologie reçu du DMP et les ajouter au tableau</source>
        <translation>Lire les résultats structurés d&apos;un compte rendu de biologie reçu du DMP et les ajouter au tableau</translation>
    </message>
    <message>
        <location filename="../../ui/labresults/results_panel.py" line="67"/>
        <source>Compte rendu de biologie reçu du DMP :</source>
        <translation>Compte rendu de biologie reçu du DMP :</translation>
    </message>
    <message>
        <location filename="../../ui/labresults/results_panel.py" line="109"/>
        <source>Résultats de biologie</source>
        <translation>Résultats de biologie</translation>
    </message>
    <message>
        <location filename="../../ui/labresults/results_panel.py" line="122"/>
        <source>Aucun résultat de biologie structuré pour ce patient.</source>
        <translation>Aucun résultat de biologie structuré pour ce patient.</translation>
    </message>
    <message>
        <location filename="../../ui/labresults/results_panel.py" line="123"/>
        <source>Aucun résultat pour cette analyse.</source>
        <translation>Aucun résultat pour cette analyse.</translation>
    </message>
    <message>
        <location filename="../../ui/labresults/results_panel.py" line="133"/>
        <source>Code LOINC %1</source>
        <translation>Code LOINC %1</translation>
    </message>
    <message>
        <location filename="../../ui/labresults/results_panel.py" line="156"/>
        <source>Évolution d&apos;une analyse</source>
        <translation>Évolution d&apos;une analyse</translation>
    </message>
    <message>
        <location filename="../../ui/labresults/results_panel.py" line="172"/>
        <location filename="../../ui/labresults/results_panel.py" line="184"/>
        <source>Extraction des résultats de biologie</source>
        <translation>Extraction des résultats de biologie</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/labresults/results_panel.py" line="177"/>
        <source>%n résultat(s) ajouté(s) au tableau.</source>
        <translation>
            <numerusform>%n résultat ajouté au tableau.</numerusform>
            <numerusform>%n résultats ajoutés au tableau.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/labresults/results_panel.py" line="178"/>
        <source>Ces résultats figuraient déjà dans le tableau.</source>
        <translation>Ces résultats figuraient déjà dans le tableau.</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <location filename="../../ui/i18n.py" line="48"/>
        <source>Poste autonome</source>
        <translation>Poste autonome</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="49"/>
        <source>Poste maître</source>
        <translation>Poste maître</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="50"/>
        <source>Poste esclave</source>
        <translation>Poste esclave</translation>
    </message>
</context>
<context>
    <name>SendingPreferencesDialog</name>
    <message>
        <location filename="../../ui/mss/compose_preferences.py" line="29"/>
        <source>Mes envois par messagerie sécurisée</source>
        <translation>Mes envois par messagerie sécurisée</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_preferences.py" line="32"/>
        <source>À la validation d&apos;un de vos documents, le logiciel l&apos;envoie par messagerie sécurisée de santé (MSSanté) :</source>
        <translation>À la validation d&apos;un de vos documents, le logiciel l&apos;envoie par messagerie sécurisée de santé (MSSanté) :</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_preferences.py" line="35"/>
        <source>au patient, dans sa messagerie Mon espace santé (identité qualifiée uniquement, sauf opposition du patient)</source>
        <translation>au patient, dans sa messagerie Mon espace santé (identité qualifiée uniquement, sauf opposition du patient)</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_preferences.py" line="37"/>
        <source>à son médecin traitant (correspondant avec une messagerie MSSanté)</source>
        <translation>à son médecin traitant (correspondant avec une messagerie MSSanté)</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_preferences.py" line="39"/>
        <source>au médecin qui vous l&apos;a adressé (adresseur)</source>
        <translation>au médecin qui vous l&apos;a adressé (adresseur)</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_preferences.py" line="40"/>
        <source>sans possibilité de réponse du patient (en-tête X-MSS-MES : FIN)</source>
        <translation>sans possibilité de réponse du patient (en-tête X-MSS-MES : FIN)</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_preferences.py" line="46"/>
        <source>Enregistrer</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_preferences.py" line="47"/>
        <source>Fermer</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_preferences.py" line="58"/>
        <source>Ces réglages sont ceux d&apos;un praticien : connectez-vous en tant que praticien pour les modifier.</source>
        <translation>Ces réglages sont ceux d&apos;un praticien : connectez-vous en tant que praticien pour les modifier.</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_preferences.py" line="62"/>
        <location filename="../../ui/mss/compose_preferences.py" line="89"/>
        <source>Réglages MSSanté</source>
        <translation>Réglages MSSanté</translation>
    </message>
    <message>
        <location filename="../../ui/mss/compose_preferences.py" line="93"/>
        <source>Réglages d&apos;envoi par messagerie sécurisée enregistrés.</source>
        <translation>Réglages d&apos;envoi par messagerie sécurisée enregistrés.</translation>
    </message>
</context>
<context>
    <name>ServiceStatus</name>
    <message>
        <location filename="../../ui/main_window.py" line="127"/>
        <source>Services nationaux</source>
        <translation>Services nationaux</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="129"/>
        <source>Bac à sable : vérification…</source>
        <translation>Bac à sable : vérification…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="148"/>
        <source>Vérification du bac à sable</source>
        <translation>Vérification du bac à sable</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="159"/>
        <source>Bac à sable : connecté (latence %1 s)</source>
        <translation>Bac à sable : connecté (latence %1 s)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="161"/>
        <source>Bac à sable : connecté</source>
        <translation>Bac à sable : connecté</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="166"/>
        <source>Bac à sable : injoignable</source>
        <translation>Bac à sable : injoignable</translation>
    </message>
</context>
<context>
    <name>SessionLock</name>
    <message>
        <location filename="../../ui/auth/session_lock.py" line="113"/>
        <source>Session ouverte pour %1.</source>
        <translation>Session ouverte pour %1.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="45"/>
        <source>Poste</source>
        <translation>Poste</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="46"/>
        <source>Base de données</source>
        <translation>Base de données</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="47"/>
        <source>Services nationaux</source>
        <translation>Services nationaux</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="48"/>
        <source>Certificats</source>
        <translation>Certificats</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="49"/>
        <source>Démonstration</source>
        <translation>Démonstration</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="50"/>
        <source>Cabinet</source>
        <translation>Cabinet</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="54"/>
        <source>Ce poste exécute lui-même ses envois (DMP).</source>
        <translation>Ce poste exécute lui-même ses envois (DMP).</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="55"/>
        <source>Ce poste exécute ses envois et ceux des postes esclaves qui le désignent comme poste maître.</source>
        <translation>Ce poste exécute ses envois et ceux des postes esclaves qui le désignent comme poste maître.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="57"/>
        <source>Ce poste prépare ses envois ; le poste maître indiqué ci-dessous les exécute.</source>
        <translation>Ce poste prépare ses envois ; le poste maître indiqué ci-dessous les exécute.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="107"/>
        <source>Parcourir…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="156"/>
        <source>Fichiers PEM (*.pem *.crt *.key)</source>
        <translation>Fichiers PEM (*.pem *.crt *.key)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="157"/>
        <source>Tous les fichiers (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="179"/>
        <source>Paramètres</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="187"/>
        <source>&lt;b&gt;Mode démonstration :&lt;/b&gt; ces réglages viennent du bac à sable et ne sont pas enregistrés. Seuls les champs que vous modifiez sont écrits dans votre fichier de réglages.</source>
        <translation>&lt;b&gt;Mode démonstration :&lt;/b&gt; ces réglages viennent du bac à sable et ne sont pas enregistrés. Seuls les champs que vous modifiez sont écrits dans votre fichier de réglages.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="200"/>
        <source>Fichier : %1&lt;br&gt;Les modifications prennent effet au prochain démarrage du logiciel.</source>
        <translation>Fichier : %1&lt;br&gt;Les modifications prennent effet au prochain démarrage du logiciel.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="247"/>
        <source>Le fichier %1 est illisible (%2) : les valeurs par défaut sont affichées.</source>
        <translation>Le fichier %1 est illisible (%2) : les valeurs par défaut sont affichées.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="289"/>
        <source>Enregistrement impossible : %1</source>
        <translation>Enregistrement impossible : %1</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="334"/>
        <source>(vide)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="335"/>
        <source>En vigueur jusqu&apos;au redémarrage : %1</source>
        <translation>En vigueur jusqu&apos;au redémarrage : %1</translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <location filename="../../ui/patients/form/status.py" line="45"/>
        <source>Statut de l&apos;identité</source>
        <translation>Statut de l&apos;identité</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/status.py" line="55"/>
        <source>Identité douteuse</source>
        <translation>Identité douteuse</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/status.py" line="56"/>
        <source>Identité fictive</source>
        <translation>Identité fictive</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/status.py" line="57"/>
        <source>Homonyme</source>
        <translation>Homonyme</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/status.py" line="65"/>
        <source>Choisir la pièce présentée…</source>
        <translation>Choisir la pièce présentée…</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/status.py" line="69"/>
        <source>Enregistrer le contrôle…</source>
        <translation>Enregistrer le contrôle…</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/status.py" line="70"/>
        <source>La pièce d&apos;identité choisie a été vue : l&apos;identité devient validée (ou qualifiée si elle a été récupérée par INSi), après confirmation.</source>
        <translation>La pièce d&apos;identité choisie a été vue : l&apos;identité devient validée (ou qualifiée si elle a été récupérée par INSi), après confirmation.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/status.py" line="76"/>
        <source>Pièce vue :</source>
        <translation>Pièce vue :</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/status.py" line="106"/>
        <source>Une identité créée ici est provisoire jusqu&apos;à l&apos;appel au téléservice INSi et au contrôle d&apos;une pièce d&apos;identité.</source>
        <translation>Une identité créée ici est provisoire jusqu&apos;à l&apos;appel au téléservice INSi et au contrôle d&apos;une pièce d&apos;identité.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/status.py" line="114"/>
        <source>Dernier changement : %1 (%2, %3)</source>
        <translation>Dernier changement : %1 (%2, %3)</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/status.py" line="118"/>
        <source>%1 : pièce vue par %2 le %3</source>
        <translation>%1 : pièce vue par %2 le %3</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/status.py" line="120"/>
        <source>Pièce(s) d&apos;identité enregistrée(s) :</source>
        <translation>Pièce(s) d&apos;identité enregistrée(s) :</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/status.py" line="121"/>
        <source>Aucune pièce d&apos;identité enregistrée.</source>
        <translation>Aucune pièce d&apos;identité enregistrée.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/status.py" line="131"/>
        <source>Contrôle de la pièce d&apos;identité</source>
        <translation>Contrôle de la pièce d&apos;identité</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/status.py" line="132"/>
        <source>Enregistrer « %1 » comme pièce d&apos;identité vue pour cette identité ?</source>
        <translation>Enregistrer « %1 » comme pièce d&apos;identité vue pour cette identité ?</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/status.py" line="136"/>
        <source>Statut : %1 → %2.
%3

Confirmez que la pièce a été présentée et que ses traits sont ceux enregistrés.</source>
        <translation>Statut : %1 → %2.
%3

Confirmez que la pièce a été présentée et que ses traits sont ceux enregistrés.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/status.py" line="139"/>
        <source>Enregistrer le contrôle</source>
        <translation>Enregistrer le contrôle</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/status.py" line="140"/>
        <source>Annuler</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <location filename="../../ui/consultations/timeline_panel.py" line="18"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/timeline_panel.py" line="18"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/timeline_panel.py" line="19"/>
        <source>Titre</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/timeline_panel.py" line="19"/>
        <source>Détail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/timeline_panel.py" line="36"/>
        <source>Choisissez un patient : ses consultations et documents s&apos;affichent ici, du plus récent au plus ancien. Double-cliquez pour ouvrir.</source>
        <translation>Choisissez un patient : ses consultations et documents s&apos;affichent ici, du plus récent au plus ancien. Double-cliquez pour ouvrir.</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/timeline_panel.py" line="64"/>
        <source>Chronologie du patient</source>
        <translation>Chronologie du patient</translation>
    </message>
</context>
<context>
    <name>TraitsEditor</name>
    <message>
        <location filename="../../ui/patients/form/traits.py" line="61"/>
        <source>Traits d&apos;identité de naissance (INS)</source>
        <translation>Traits d&apos;identité de naissance (INS)</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/traits.py" line="63"/>
        <source>Nom de naissance</source>
        <translation>Nom de naissance</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/traits.py" line="64"/>
        <source>Prénom(s) de naissance</source>
        <translation>Prénom(s) de naissance</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/traits.py" line="66"/>
        <source>Premier prénom de naissance</source>
        <translation>Premier prénom de naissance</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/traits.py" line="72"/>
        <source>Tous les prénoms de naissance, dans l&apos;ordre de l&apos;état civil, séparés par un espace.</source>
        <translation>Tous les prénoms de naissance, dans l&apos;ordre de l&apos;état civil, séparés par un espace.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/traits.py" line="77"/>
        <source>JJ/MM/AAAA (00 pour un jour ou un mois inconnu)</source>
        <translation>JJ/MM/AAAA (00 pour un jour ou un mois inconnu)</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/traits.py" line="79"/>
        <source>Date de naissance</source>
        <translation>Date de naissance</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/traits.py" line="81"/>
        <source>— choisir —</source>
        <translation>— choisir —</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/traits.py" line="82"/>
        <source>Féminin</source>
        <translation>Féminin</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/traits.py" line="82"/>
        <source>Masculin</source>
        <translation>Masculin</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/traits.py" line="83"/>
        <source>Indéterminé</source>
        <translation>Indéterminé</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/traits.py" line="85"/>
        <source>Sexe</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/traits.py" line="88"/>
        <source>Code INSEE</source>
        <translation>Code INSEE</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/traits.py" line="89"/>
        <source>Code INSEE de la commune de naissance ; pour une naissance à l&apos;étranger, 99 suivi du code du pays (ex. 99134 : Espagne).</source>
        <translation>Code INSEE de la commune de naissance ; pour une naissance à l&apos;étranger, 99 suivi du code du pays (ex. 99134 : Espagne).</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/traits.py" line="92"/>
        <source>Code du lieu de naissance</source>
        <translation>Code du lieu de naissance</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/traits.py" line="97"/>
        <source>Commune / pays</source>
        <translation>Commune / pays</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/traits.py" line="111"/>
        <source>Traits d&apos;usage et coordonnées</source>
        <translation>Traits d&apos;usage et coordonnées</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/traits.py" line="113"/>
        <source>Nom utilisé</source>
        <translation>Nom utilisé</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/traits.py" line="114"/>
        <source>Prénom utilisé</source>
        <translation>Prénom utilisé</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/traits.py" line="115"/>
        <source>Adresse</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/traits.py" line="115"/>
        <source>Complément</source>
        <translation>Complément</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/traits.py" line="116"/>
        <source>Code postal</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/traits.py" line="116"/>
        <source>Ville</source>
        <translation>Ville</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/traits.py" line="117"/>
        <source>Téléphone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/traits.py" line="117"/>
        <source>Courriel</source>
        <translation>Courriel</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/traits.py" line="197"/>
        <source>Modification de : %1. À l&apos;enregistrement, l&apos;identité repassera au statut « Identité provisoire »%2.</source>
        <translation>Modification de : %1. À l&apos;enregistrement, l&apos;identité repassera au statut « Identité provisoire »%2.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/traits.py" line="199"/>
        <source> et son INS sera retiré</source>
        <translation> et son INS sera retiré</translation>
    </message>
</context>
<context>
    <name>VaccinationEditor</name>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="53"/>
        <source>Nom commercial, tel qu&apos;imprimé sur la boîte</source>
        <translation>Nom commercial, tel qu&apos;imprimé sur la boîte</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="55"/>
        <source>8 chiffres</source>
        <translation>8 chiffres</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="58"/>
        <source>Ex. : J07AM01</source>
        <translation>Ex. : J07AM01</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="61"/>
        <source>Ex. : anatoxine tétanique</source>
        <translation>Ex. : anatoxine tétanique</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="73"/>
        <source>non précisé</source>
        <translation>non précisé</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="76"/>
        <source>Réaction, surveillance, remarques (facultatif)</source>
        <translation>Réaction, surveillance, remarques (facultatif)</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="78"/>
        <source>Vaccin</source>
        <translation>Vaccin</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="79"/>
        <source>Code CIS</source>
        <translation>Code CIS</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="80"/>
        <source>Classe ATC (code)</source>
        <translation>Classe ATC (code)</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="81"/>
        <source>Classe ATC (libellé)</source>
        <translation>Classe ATC (libellé)</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="82"/>
        <source>Numéro de lot</source>
        <translation>Numéro de lot</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="83"/>
        <location filename="../../ui/documents/vaccination_editor.py" line="116"/>
        <source>Date de vaccination</source>
        <translation>Date de vaccination</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="84"/>
        <source>Type d&apos;acte</source>
        <translation>Type d&apos;acte</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="85"/>
        <source>Voie d&apos;administration</source>
        <translation>Voie d&apos;administration</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="86"/>
        <source>Rang de la dose</source>
        <translation>Rang de la dose</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="87"/>
        <source>Commentaire</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="98"/>
        <source>Vaccination</source>
        <translation>Vaccination</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="119"/>
        <source>Indiquez le nom du vaccin.</source>
        <translation>Indiquez le nom du vaccin.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="121"/>
        <source>Le code CIS du vaccin comporte 8 chiffres.</source>
        <translation>Le code CIS du vaccin comporte 8 chiffres.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="124"/>
        <source>Code ATC attendu sur 7 caractères, par ex. J07AM01.</source>
        <translation>Code ATC attendu sur 7 caractères, par ex. J07AM01.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="127"/>
        <source>Indiquez le libellé de la classe ATC.</source>
        <translation>Indiquez le libellé de la classe ATC.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="129"/>
        <source>Indiquez le numéro de lot (traçabilité du vaccin).</source>
        <translation>Indiquez le numéro de lot (traçabilité du vaccin).</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vaccination_editor.py" line="131"/>
        <source>Indiquez la date de la vaccination.</source>
        <translation>Indiquez la date de la vaccination.</translation>
    </message>
</context>
<context>
    <name>VitaleCardDialog</name>
    <message>
        <location filename="../../ui/patients/vitale_dialog.py" line="45"/>
        <source>Modifier la carte Vitale</source>
        <translation>Modifier la carte Vitale</translation>
    </message>
    <message>
        <location filename="../../ui/patients/vitale_dialog.py" line="45"/>
        <source>Ajouter une carte Vitale</source>
        <translation>Ajouter une carte Vitale</translation>
    </message>
    <message>
        <location filename="../../ui/patients/vitale_dialog.py" line="55"/>
        <source>N° d&apos;immatriculation de l&apos;assuré</source>
        <translation>N° d&apos;immatriculation de l&apos;assuré</translation>
    </message>
    <message>
        <location filename="../../ui/patients/vitale_dialog.py" line="56"/>
        <source>13 ou 15 caractères, tel que lu sur la carte</source>
        <translation>13 ou 15 caractères, tel que lu sur la carte</translation>
    </message>
    <message>
        <location filename="../../ui/patients/vitale_dialog.py" line="57"/>
        <source>NIR du bénéficiaire</source>
        <translation>NIR du bénéficiaire</translation>
    </message>
    <message>
        <location filename="../../ui/patients/vitale_dialog.py" line="57"/>
        <source>facultatif</source>
        <translation>facultatif</translation>
    </message>
    <message>
        <location filename="../../ui/patients/vitale_dialog.py" line="58"/>
        <source>Date de naissance (carte)</source>
        <translation>Date de naissance (carte)</translation>
    </message>
    <message>
        <location filename="../../ui/patients/vitale_dialog.py" line="59"/>
        <source>JJ/MM/AAAA ; par défaut %1</source>
        <translation>JJ/MM/AAAA ; par défaut %1</translation>
    </message>
    <message>
        <location filename="../../ui/patients/vitale_dialog.py" line="60"/>
        <source>Nom (carte)</source>
        <translation>Nom (carte)</translation>
    </message>
    <message>
        <location filename="../../ui/patients/vitale_dialog.py" line="60"/>
        <location filename="../../ui/patients/vitale_dialog.py" line="62"/>
        <source>par défaut %1</source>
        <translation>par défaut %1</translation>
    </message>
    <message>
        <location filename="../../ui/patients/vitale_dialog.py" line="61"/>
        <source>Prénom (carte)</source>
        <translation>Prénom (carte)</translation>
    </message>
    <message>
        <location filename="../../ui/patients/vitale_dialog.py" line="71"/>
        <source>Rang de naissance</source>
        <translation>Rang de naissance</translation>
    </message>
    <message>
        <location filename="../../ui/patients/vitale_dialog.py" line="80"/>
        <source>Enregistrer</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../../ui/patients/vitale_dialog.py" line="81"/>
        <source>Annuler</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../ui/patients/vitale_dialog.py" line="105"/>
        <source>Enregistrement de la carte Vitale</source>
        <translation>Enregistrement de la carte Vitale</translation>
    </message>
    <message>
        <location filename="../../ui/patients/vitale_dialog.py" line="117"/>
        <source>Carte non enregistrée : corrigez les champs signalés.</source>
        <translation>Carte non enregistrée : corrigez les champs signalés.</translation>
    </message>
</context>
<context>
    <name>VitaleCardsPanel</name>
    <message>
        <location filename="../../ui/patients/form/vitale.py" line="39"/>
        <source>Carte Vitale (données de la carte, distinctes des traits INS)</source>
        <translation>Carte Vitale (données de la carte, distinctes des traits INS)</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/vitale.py" line="58"/>
        <source>Ajouter…</source>
        <translation>Ajouter…</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/vitale.py" line="60"/>
        <source>Modifier…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/vitale.py" line="62"/>
        <location filename="../../ui/patients/form/vitale.py" line="127"/>
        <source>Supprimer</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/vitale.py" line="73"/>
        <source>N° d&apos;assuré %1, rang %2 : %3 %4, date de naissance %5</source>
        <translation>N° d&apos;assuré %1, rang %2 : %3 %4, date de naissance %5</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/vitale.py" line="78"/>
        <source>Aucune carte Vitale enregistrée pour ce patient.</source>
        <translation>Aucune carte Vitale enregistrée pour ce patient.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/vitale.py" line="79"/>
        <source>Données lues sur la carte ; elles ne modifient pas l&apos;identité.</source>
        <translation>Données lues sur la carte ; elles ne modifient pas l&apos;identité.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/vitale.py" line="123"/>
        <source>Supprimer la carte Vitale</source>
        <translation>Supprimer la carte Vitale</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/vitale.py" line="124"/>
        <source>Supprimer la carte Vitale n° %1 de ce dossier ? L&apos;identité n&apos;est pas modifiée.</source>
        <translation>Supprimer la carte Vitale n° %1 de ce dossier ? L&apos;identité n&apos;est pas modifiée.</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/vitale.py" line="128"/>
        <source>Conserver</source>
        <translation>Conserver</translation>
    </message>
    <message>
        <location filename="../../ui/patients/form/vitale.py" line="132"/>
        <source>Suppression de la carte Vitale</source>
        <translation>Suppression de la carte Vitale</translation>
    </message>
</context>
<context>
    <name>VitalsForm</name>
    <message>
        <location filename="../../ui/consultations/vitals_form.py" line="38"/>
        <source>Valeurs plausibles : %1 à %2</source>
        <translation>Valeurs plausibles : %1 à %2</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/vitals_form.py" line="49"/>
        <source>IMC</source>
        <translation>IMC</translation>
    </message>
    <message>
        <location filename="../../ui/consultations/vitals_form.py" line="61"/>
        <source>—</source>
        <translation>—</translation>
    </message>
</context>
<context>
    <name>VsmEditor</name>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="162"/>
        <source>Ligne vide : complétez-la ou supprimez-la.</source>
        <translation>Ligne vide : complétez-la ou supprimez-la.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="163"/>
        <source>Ajouter une pathologie</source>
        <translation>Ajouter une pathologie</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="164"/>
        <source>Ajouter une allergie</source>
        <translation>Ajouter une allergie</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="165"/>
        <source>Ajouter un traitement</source>
        <translation>Ajouter un traitement</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="166"/>
        <source>Ajouter un facteur de risque</source>
        <translation>Ajouter un facteur de risque</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="168"/>
        <source>Pathologies</source>
        <translation>Pathologies</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="169"/>
        <source>Allergies</source>
        <translation>Allergies</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="170"/>
        <source>Traitements</source>
        <translation>Traitements</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="171"/>
        <source>Facteurs de risque</source>
        <translation>Facteurs de risque</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="177"/>
        <source>Un point de vigilance par paragraphe (laissez une ligne vide entre deux).</source>
        <translation>Un point de vigilance par paragraphe (laissez une ligne vide entre deux).</translation>
    </message>
    <message>
        <location filename="../../ui/documents/vsm_editor.py" line="182"/>
        <source>Vigilance</source>
        <translation>Vigilance</translation>
    </message>
</context>
<context>
    <name>WorkerStatus</name>
    <message>
        <location filename="../../ui/outbox/worker_status.py" line="58"/>
        <source>Envois : démarrage…</source>
        <translation>Envois : démarrage…</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/worker_status.py" line="59"/>
        <source>Envois : processus arrêté, redémarrage…</source>
        <translation>Envois : processus arrêté, redémarrage…</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/worker_status.py" line="60"/>
        <source>Envois : arrêtés</source>
        <translation>Envois : arrêtés</translation>
    </message>
</context>
<context>
    <name>_Banner</name>
    <message>
        <location filename="../../ui/messages.py" line="128"/>
        <source>Fermer</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <location filename="../../ui/auth/psc_session.py" line="42"/>
        <source>Session Pro Santé Connect</source>
        <translation>Session Pro Santé Connect</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="41"/>
        <source>Ne pas envoyer au DMP</source>
        <translation>Ne pas envoyer au DMP</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="42"/>
        <source>Ce document ne sera pas envoyé au DMP du patient. Indiquez pourquoi : le motif est conservé avec le document.</source>
        <translation>Ce document ne sera pas envoyé au DMP du patient. Indiquez pourquoi : le motif est conservé avec le document.</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="44"/>
        <source>Ne pas envoyer</source>
        <translation>Ne pas envoyer</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="53"/>
        <source>Document retenu hors du DMP</source>
        <translation>Document retenu hors du DMP</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="47"/>
        <source>Le document ne sera pas envoyé au DMP.</source>
        <translation>Le document ne sera pas envoyé au DMP.</translation>
    </message>
    <message>
        <location filename="../../ui/dmp/document_state.py" line="55"/>
        <source>Envoi au DMP</source>
        <translation>Envoi au DMP</translation>
    </message>
</context>
</TS>
