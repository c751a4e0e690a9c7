"""nr_xl dans xlwings Lite : à coller une fois dans l'éditeur de xlwings Lite (onglet main.py).

Les sept boutons du ruban « Numérique responsable » et les fonctions NR_… de la feuille,
sans installer Python : xlwings Lite exécute ce code dans Excel (Windows, macOS, Excel
sur le web). Chaque script appelle le même code que le ruban et la ligne de commande ;
ce fichier ne contient aucune règle. Mode d'emploi : lite/GUIDE.md.
"""

import xlwings as xw
from xlwings import arg, func, script

from nr_xl import macros, udfs

# --- Les boutons (choisissez-les dans la liste de xlwings Lite, puis « Run » ou F5) ---


@script
def verifier_faisabilite(book: xw.Book):
    """Contrôle la faisabilité et remplit la feuille « Contrôles »."""
    macros.check(book)


@script
def figer_reference(book: xw.Book):
    """Fige la feuille de route présentée au comité comme version de référence."""
    macros.snapshot(book)


@script
def journaliser_ajustements(book: xw.Book):
    """Ajoute au « Journal » une ligne par ajustement depuis le dernier journal."""
    macros.log(book)


@script
def valider_feuille_de_route(book: xw.Book):
    """Enregistre la décision du comité : réserves tapées dans « Paramètres » (« Réserves »),
    ou « Ajournée » dans « Décision du comité » ; sinon, validée si rien ne bloque."""
    macros.validate_from_parameters(book)


@script
def support_comite(book: xw.Book):
    """Écrit le support de présentation du comité (PowerPoint), à télécharger dans Fichiers > Importer/Exporter."""
    macros.support(book)


@script
def compte_rendu(book: xw.Book):
    """Écrit le compte rendu du comité (Word), à télécharger dans Fichiers > Importer/Exporter."""
    macros.minutes(book)


@script
def annonce_lancement(book: xw.Book):
    """Écrit l'annonce de lancement (Word), à télécharger dans Fichiers > Importer/Exporter."""
    macros.kickoff(book)


# --- Les fonctions de feuille (mêmes noms et arguments que sur le poste) ---


@func
@arg("charge", ndim=2)
@arg("actions", ndim=2)
def NR_CHARGE(charge, actions, service, trimestre):
    """Jours-homme demandés à un service pour un trimestre."""
    return udfs.NR_CHARGE(charge, actions, service, trimestre)


@func
@arg("charge", ndim=2)
@arg("actions", ndim=2)
@arg("capacites", ndim=2)
def NR_TAUX_CHARGE(charge, actions, capacites, service, trimestre):
    """Charge du trimestre rapportée à la capacité trimestrielle (1 = 100 %)."""
    return udfs.NR_TAUX_CHARGE(charge, actions, capacites, service, trimestre)


@func
@arg("lignes", ndim=2)
@arg("enveloppes", ndim=2)
def NR_ECART_BUDGET(lignes, enveloppes, annee, nature, financement="Enveloppe NR"):
    """Marge de l'enveloppe (positive) ou dépassement (négatif), en euros."""
    return udfs.NR_ECART_BUDGET(lignes, enveloppes, annee, nature, financement)


@func
def NR_TRIMESTRE(valeur):
    """Le trimestre d'une date ou d'un texte (« 2027-T2 »)."""
    return udfs.NR_TRIMESTRE(valeur)
