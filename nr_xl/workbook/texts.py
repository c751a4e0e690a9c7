"""French texts of the workbook: the Lisez-moi sheet and the xlwings.conf guidance."""

from __future__ import annotations

from nr_xl.core import schema

SHEET_HELP: dict[str, str] = {
    schema.PARAMETER_TABLE.sheet: "La collectivité, les dates de formalisation (étape 4.3) et du comité, la présidence, "
        "l'ambition, la version, le délai de mise en place de la gouvernance, le contact.",
    schema.PRIORITIES.sheet: "Les priorités stratégiques (P1, P2…) que la feuille de route doit servir.",
    schema.ACTIONS.sheet: "Une ligne par action : axe, service pilote, priorités servies, trimestres de début "
        "et de fin (ex. 2027-T1), compétences requises, indicateurs, dépendances, programme lié.",
    schema.BUDGET.sheet: "Les dépenses par action et par année, en investissement et en fonctionnement, "
        f"avec leur financement (vide = « {schema.DEFAULT_FINANCING} »).",
    schema.ENVELOPES.sheet: "Les enveloppes disponibles par année et par financement.",
    schema.CHARGE.sheet: "Les jours-homme demandés à chaque service, par action et par année "
        "(répartis également sur les trimestres actifs de l'action).",
    schema.CAPACITIES.sheet: "Les jours-homme que chaque service peut consacrer à la feuille de route, par année.",
    schema.SKILLS.sheet: "Les compétences de chaque service : Acquise, Partielle ou À acquérir.",
    schema.INDICATORS.sheet: "Les indicateurs de suivi : unité, valeur et année de référence, cible et échéance, "
        "fréquence, responsable, source.",
    schema.RISKS.sheet: "Les risques (probabilité et impact de 1 à 4, criticité calculée) et les facteurs clés de succès.",
    schema.GOVERNANCE.sheet: "Les instances (COPIL, COTECH, référents) et leur date d'installation : "
        "dans le mois qui suit la formalisation.",
    schema.VALIDATION.sheet: f"Les instances de validation (bureau, conseil…) et le « {schema.LAUNCH} ».",
    schema.PARTICIPANTS.sheet: "Les participants du comité : Présent, Excusé ou Absent.",
    schema.DECISIONS.sheet: "Les décisions numérotées prises en séance ; au suivi, ce qu'elles sont devenues "
        f"(« {schema.DECISIONS.status.header} » : {', '.join(schema.DECISION_STATUSES)}).",
    schema.PROGRESS.sheet: "Après le vote : l'avancement de chaque action à chaque date de suivi (statut, avancement en %, "
        "jalon, commentaire). Facultative ; le journal ne la compare pas.",
    schema.SPENDING.sheet: "Après le vote : l'engagé et le mandaté de chaque action par année, financement et nature, "
        "face au budget prévu et aux enveloppes. Facultative.",
    schema.MEASURES.sheet: "Après le vote : la valeur mesurée de chaque indicateur par période (une année ou un trimestre), "
        "face à sa trajectoire et aux planchers légaux. Facultative.",
    schema.SUMMARY_SHEET.name: "Calculée en direct par Excel ou LibreOffice (aucune macro) : budget par année face aux "
        "enveloppes, charge par service face à la capacité, actions par axe.",
    schema.FINDINGS.sheet: "Écrite par nr_xl : le statut de faisabilité et chaque constat, avec un lien vers la cellule.",
    schema.JOURNAL.sheet: "Écrite par nr_xl : chaque ajustement du comité (avant → après, motif), chaîné par empreinte ; "
                          "celle du compte rendu se vérifie par nr-xl verify.",
}

# « Lisez-moi » opens on the committee's path (ANCT method, step 5): before, during and after
# the COPIL, one line per step, each with what to do and the ribbon's button (in xlwings Lite,
# the script of the same name; without Excel, the nr-xl command of « Le ruban »). The setup
# comes after it, by way in.
PATH_INTRO = ("Chaque étape tient en une ligne : ce que vous faites, et le bouton du ruban « Numérique "
              "responsable » qui le fait (xlwings Lite : le script du même nom ; sans Excel : la commande "
              "nr-xl indiquée plus bas, dans « Le ruban »).")
COMMITTEE_PATH: tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...] = (
    ("Avant le comité", (
        ("1. Remplir",
         f"Saisissez la feuille de route dans les feuilles « {schema.PARAMETER_TABLE.sheet} » à "
         f"« {schema.DECISIONS.sheet} » (une ligne par action, dépense, charge…) ; les listes déroulantes "
         "proposent les valeurs admises.", "—"),
        ("2. Vérifier",
         f"Contrôlez la faisabilité : la feuille « {schema.FINDINGS.sheet} » dit Faisable, À arbitrer ou Bloquant, "
         "constat par constat, avec un lien vers la cellule en cause.", "Vérifier la faisabilité"),
        ("3. Corriger",
         "Corrigez les points bloquants (ou préparez l'arbitrage des alertes), vérifiez de nouveau, puis imprimez "
         f"« {schema.FINDINGS.sheet} » et « {schema.SUMMARY_SHEET.name} » pour les membres du comité.",
         "Vérifier la faisabilité"),
    )),
    ("Pendant le comité", (
        ("4. Figer",
         "À l'ouverture de la séance, gardez la feuille de route telle qu'elle est présentée : c'est la version de "
         "référence des ajustements.", "Figer la version de référence"),
        ("5. Ajuster",
         f"Modifiez les cellules que le comité change (budget, dates, charge…) ; « {schema.SUMMARY_SHEET.name} » se "
         "recalcule, « Vérifier la faisabilité » dit ce qui tient.", "Vérifier la faisabilité"),
        ("6. Journaliser",
         f"Tapez le motif en M2 de « {schema.JOURNAL.sheet} », puis journalisez : une ligne par changement, "
         "avant → après.", "Journaliser les ajustements"),
        ("7. Décider",
         "Enregistrez la décision : validée, validée sous réserve (tapez les réserves) ou ajournée (tapez "
         f"« ajourner ») ; la version passe de 1.0 à 1.1. Notez les décisions dans « {schema.DECISIONS.sheet} ».",
         "Valider la feuille de route"),
    )),
    ("Après le comité", (
        ("8. Compte rendu",
         "Produisez le relevé de décisions (Word), à faire valider par la présidence et à envoyer sous 2 à 3 jours.",
         "Compte rendu"),
        ("9. Annonce",
         f"Produisez l'annonce de lancement signée par la présidence, datée du « {schema.LAUNCH} » de la feuille "
         f"« {schema.VALIDATION.sheet} ».", "Annonce de lancement"),
        ("10. Gouvernance",
         f"Installez les instances de « {schema.GOVERNANCE.sheet} » dans le mois qui suit la formalisation, datez-les, "
         "puis vérifiez : le contrôle dit si le délai est tenu.", "Vérifier la faisabilité"),
    )),
    ("Au suivi, après le vote", (
        ("11. Noter",
         f"Avant un comité de suivi, notez l'avancement (« {schema.PROGRESS.sheet} »), les dépenses "
         f"(« {schema.SPENDING.sheet} »), les mesures (« {schema.MEASURES.sheet} »), ce que sont devenues les "
         f"décisions (« {schema.DECISIONS.status.header} » de « {schema.DECISIONS.sheet} ») et « {schema.FOLLOWUP_ON.key} » ; vérifiez, "
         "figez, envoyez l'ordre du jour.", "Ordre du jour du suivi"),
        ("12. Suivre",
         "En séance, ajustez, journalisez et validez comme au premier comité (un seul journal) ; notez les "
         "décisions prises, puis produisez le compte rendu.", "Compte rendu de suivi"),
        ("13. Bilan",
         "Chaque année, produisez le bilan de la stratégie pour le rapport développement durable.",
         "Bilan annuel"),
    )),
)

# The setup, by way in: only what the reader's way in needs.
WAYS_IN: tuple[tuple[str, str], ...] = (
    ("Excel avec Python",
     "Le ruban « Numérique responsable » de ce classeur (Excel pour Windows ou macOS) : les étapes du premier "
     "lancement suivent. Si le volet xlwings Lite s'ouvre à droite, fermez-le et enregistrez : le ruban n'en a "
     "pas besoin."),
    ("xlwings Lite, sans rien installer",
     "Le complément gratuit xlwings Lite (boutique des compléments Office ; Excel pour Windows, macOS et Excel sur "
     "le web). Son code est déjà dans ce classeur : ouvrez le volet xlwings Lite (Accueil > xlwings Lite ; Excel "
     "propose de l'ajouter s'il manque), choisissez le script, puis « Run ». Les messages s'écrivent dans "
     f"« {schema.FINDINGS.sheet} », cellule L4. Guide : lite/GUIDE.md du paquet de diffusion."),
    ("LibreOffice, ou sans Excel",
     f"La ligne de commande nr-xl (Linux, macOS, Windows, scripts) : nr-xl check --write, log, validate, "
     f"minutes… ; LibreOffice calcule « {schema.SUMMARY_SHEET.name} » mais n'a pas le ruban. Un classeur enregistré "
     "par LibreOffice perd des réglages de nr_xl : nr-xl doctor --reparer les remet."),
)

FIRST_LAUNCH: tuple[tuple[str, str], ...] = (
    ("1. Débloquer le fichier",
     "Un classeur reçu par courriel ou téléchargé est marqué « provenant d'Internet » et ses macros sont "
     "bloquées (bandeau rouge « Risque de sécurité »). Fermez-le, puis clic droit sur le fichier > "
     "Propriétés > cochez « Débloquer » > OK. Ou rangez-le dans un emplacement approuvé : Fichier > "
     "Options > Centre de gestion de la confidentialité > Paramètres > Emplacements approuvés."),
    ("2. Activer les macros",
     "Cliquez « Activer le contenu » dans le bandeau jaune. Si votre organisation n'autorise que les "
     "macros signées, demandez au service informatique de signer le projet VBA avec le certificat de "
     "l'organisation."),
    ("3. Installer Python et nr_xl",
     "Les boutons lancent Python sur ce poste : Python 3.11 ou plus récent (64 bits), puis l'installateur du "
     "paquet de diffusion (installer.cmd sous Windows, installer.command sous macOS)."),
    ("Un bouton ne fait rien ?",
     "Dans un terminal : nr-xl doctor chemin\\du\\classeur.xlsm (ou le bouton « Diagnostic »). Il dit ce "
     "qui manque : Python, nr_xl, xlwings, ruban, réglages. Si la sécurité du poste interdit à Office de "
     "lancer un programme (règles Defender), les boutons ne peuvent pas fonctionner : utilisez nr-xl en "
     "ligne de commande et demandez une exception au service informatique."),
    ("Fonctions NR_… (facultatif)",
     "Windows avec Python 64 bits seulement : cochez Fichier > Options > Centre de gestion de la "
     "confidentialité > Paramètres des macros > « Accès approuvé au modèle d'objet du projet VBA », puis "
     "Alt+F8 > ImportPythonUDFs > Exécuter."),
)

BUTTONS: tuple[tuple[str, str, str], ...] = (
    ("Vérifier la faisabilité", "nr-xl check FICHIER --write",
     "contrôle budget, ressources, compétences, priorités, planning, indicateurs, risques, gouvernance "
     f"et remplit « {schema.FINDINGS.sheet} »."),
    ("Figer la version de référence", "nr-xl snapshot FICHIER",
     "enregistre la feuille de route telle qu'elle est présentée au comité."),
    ("Journaliser les ajustements", "nr-xl log FICHIER --reason \"…\"",
     f"ajoute au « {schema.JOURNAL.sheet} » une ligne par cellule modifiée, ligne ajoutée ou supprimée ; "
     f"tapez d'abord le motif en M2 de la feuille « {schema.JOURNAL.sheet} »."),
    ("Valider la feuille de route", "nr-xl validate FICHIER [--reserves \"…\" | --ajournee]",
     "enregistre la décision du comité : validée si rien ne bloque, sinon sous réserve (tapez les "
     "réserves) ou ajournée (tapez « ajourner ») ; journalise, incrémente la version et fige la référence."),
    ("Compte rendu", "nr-xl minutes FICHIER", "produit le compte rendu du comité (Word)."),
    ("Annonce de lancement", "nr-xl kickoff FICHIER", "produit l'annonce de lancement (Word)."),
    ("Ordre du jour du suivi", "nr-xl suivi FICHIER --ordre-du-jour",
     "produit l'ordre du jour du comité de suivi (Word) : avancement, retards, indicateurs, décisions."),
    ("Compte rendu de suivi", "nr-xl suivi FICHIER", "produit le compte rendu du comité de suivi (Word)."),
    ("Bilan annuel", "nr-xl bilan FICHIER --annee AAAA", "produit le bilan annuel de la stratégie (Word)."),
    ("Diagnostic", "nr-xl doctor", "indique ce qui manque quand un bouton ne répond pas."),
)

METHOD = (
    "Méthode ANCT, étape 5 « Valider la feuille de route et sécuriser les prochaines étapes » : "
    "présenter la feuille de route formalisée au comité de pilotage, tester sa faisabilité "
    "(ambition politique, ressources humaines, compétences, budgets), l'ajuster, programmer les "
    "autres instances de validation, lancer officiellement sa mise en œuvre et installer la "
    "gouvernance dans le mois qui suit la formalisation."
)

RULES = (
    "Ne renommez pas les feuilles ni les intitulés de colonnes : nr_xl les retrouve par leur nom "
    "(majuscules, accents et espaces sont tolérés). Vous pouvez ajouter des colonnes à droite, "
    "changer leur ordre, ajouter des feuilles.",
    "Dates : 07/03/2027, 2027-03-07 ou une date Excel. Trimestres : 2027-T3, T3 2027, 2027-Q3 ou une date. "
    "Montants : 12500, « 12 500 € », « 12,5 k€ », « 1,2 M€ ». Listes d'identifiants : séparées par ; ou ,.",
    f"Les feuilles « {schema.FINDINGS.sheet} » et « {schema.JOURNAL.sheet} » sont écrites par nr_xl : "
    "ne les modifiez pas à la main "
    "(le journal détecte toute modification).",
    "Avant chaque écriture, nr_xl garde une copie datée du classeur à côté de lui "
    "(classeur.xlsm.AAAA-MM-JJ_hh-mm-ss.bak, les 5 dernières) ; ce que vous tapez hors des tableaux "
    f"de « {schema.FINDINGS.sheet} » et « {schema.JOURNAL.sheet} » est conservé.",
)

# Active settings of the xlwings.conf sheet: xlwings reads column A from A1 down to
# the first empty cell, so only these rows are read; an empty value would hide
# the user's own xlwings settings, hence none here.
# nr_xl is an installed package and never needs the workbook's folder on
# sys.path; RunPython maps that folder first, and for a OneDrive/SharePoint URL
# it cannot map, xlwings stops before nr_xl runs.
XLWINGS_ACTIVE: tuple[tuple[str, str], ...] = (
    ("UDF Modules", "nr_xl.udfs"),
    ("ADD_WORKBOOK_TO_PYTHONPATH", "False"),
)

# Settings users may need, shown beside (columns D:F) with what to type.
XLWINGS_GUIDE: tuple[tuple[str, str, str], ...] = (
    ("Interpreter_Win", r"C:\Users\prenom.nom\AppData\Local\Programs\Python\Python311\python.exe",
     "Windows : le python.exe où nr_xl est installé (sinon, le python du PATH est utilisé)."),
    ("Interpreter_Mac", "/Users/prenom/.venv/nr_xl/bin/python",
     "macOS : le python où nr_xl est installé."),
    ("PYTHONPATH", "", "Dossiers supplémentaires où chercher du code Python (en général inutile)."),
    ("Show Console", "True", "Windows : affiche la console Python, utile au diagnostic."),
    ("ONEDRIVE_CONSUMER_WIN", r"C:\Users\prenom\OneDrive",
     "Classeur dans OneDrive personnel : le dossier local de OneDrive (facultatif : sans lui, "
     "les documents vont dans « Documents »)."),
    ("ONEDRIVE_COMMERCIAL_WIN", r"C:\Users\prenom\OneDrive - Agglo",
     "Classeur dans OneDrive professionnel : le dossier local synchronisé (facultatif, idem)."),
    ("SHAREPOINT_WIN", r"C:\Users\prenom\Agglo",
     "Classeur dans SharePoint synchronisé : le dossier local de la synchronisation (facultatif, idem)."),
)
XLWINGS_HOWTO = ("Pour activer un réglage, recopiez la clé en colonne A et sa valeur en colonne B, "
                 "sous « UDF Modules », sans ligne vide au-dessus.")
