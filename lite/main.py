"""nr_xl dans xlwings Lite : les dix boutons du ruban « Numérique responsable » et les
fonctions NR_… de la feuille, sans installer Python.

Rien à coller : ce code est déjà dans le classeur de nr_xl. Ouvrez le classeur, puis le
complément xlwings Lite (onglet Accueil > xlwings Lite). nr_xl lui-même voyage dans ce
fichier (NR_XL_ROUE, tout en bas, posée par le paquet de diffusion), ou s'installe par
l'onglet requirements.txt une fois publié. Chaque script appelle le même code que le ruban
et la ligne de commande ; ce fichier ne contient aucune règle. Mode d'emploi : lite/GUIDE.md.
"""

import base64
import io
import sys
import tempfile
import zipfile
from pathlib import Path

import xlwings as xw
from xlwings import arg, func, script

# Where a message goes when nr_xl itself cannot be loaded: the same cells as every other
# message of nr_xl in xlwings Lite (feuille « Contrôles », sous le statut).
MESSAGE_SHEET, MESSAGE_CELL = "Contrôles", "K4"
MISSING = ("nr_xl est introuvable dans xlwings Lite : ce classeur n'embarque pas nr_xl. Prenez le "
           "classeur du paquet de diffusion de nr_xl, ou ajoutez la ligne nr_xl==<version> dans "
           "l'onglet requirements.txt, puis menu ☰ > Restart.")


def _nr_xl():
    """nr_xl's entry points (macros, udfs): installed by requirements.txt, else unpacked from
    the wheel embedded below into xlwings Lite's file system and imported from there."""
    try:
        from nr_xl import macros, udfs
    except ModuleNotFoundError as exc:
        if exc.name != "nr_xl" or not NR_XL_ROUE:
            raise
        folder = Path(tempfile.gettempdir()) / "nr_xl_embarque"
        with zipfile.ZipFile(io.BytesIO(base64.b64decode(NR_XL_ROUE))) as wheel:
            wheel.extractall(folder)
        sys.path.insert(0, str(folder))
        from nr_xl import macros, udfs
    return macros, udfs


def _run(book, button):
    """Click ``button`` of nr_xl.macros on ``book``; if nr_xl cannot be loaded, say so in the sheet."""
    try:
        macros, _ = _nr_xl()
    except ModuleNotFoundError as exc:
        message = MISSING if exc.name == "nr_xl" else (
            f"Le paquet {exc.name} manque : vérifiez l'onglet requirements.txt, puis menu ☰ > Restart.")
        print(message)
        book.sheets[MESSAGE_SHEET][MESSAGE_CELL].value = [["Message", message]]
        return
    getattr(macros, button)(book)


# --- Les boutons (choisissez-les dans la liste de xlwings Lite, puis « Run » ou F5) ---


@script
def verifier_faisabilite(book: xw.Book):
    """Contrôle la faisabilité et remplit la feuille « Contrôles »."""
    _run(book, "check")


@script
def figer_reference(book: xw.Book):
    """Fige la feuille de route présentée au comité comme version de référence."""
    _run(book, "snapshot")


@script
def journaliser_ajustements(book: xw.Book):
    """Ajoute au « Journal » une ligne par ajustement depuis le dernier journal."""
    _run(book, "log")


@script
def valider_feuille_de_route(book: xw.Book):
    """Enregistre la décision du comité : réserves tapées dans « Paramètres » (« Réserves »),
    ou « Ajournée » dans « Décision du comité » ; sinon, validée si rien ne bloque."""
    _run(book, "validate_from_parameters")


@script
def support_comite(book: xw.Book):
    """Écrit le support de présentation du comité (PowerPoint), à télécharger dans Fichiers > Importer/Exporter."""
    _run(book, "support")


@script
def compte_rendu(book: xw.Book):
    """Écrit le compte rendu du comité (Word), à télécharger dans Fichiers > Importer/Exporter."""
    _run(book, "minutes")


@script
def annonce_lancement(book: xw.Book):
    """Écrit l'annonce de lancement (Word), à télécharger dans Fichiers > Importer/Exporter."""
    _run(book, "kickoff")


@script
def ordre_du_jour_suivi(book: xw.Book):
    """Écrit l'ordre du jour du comité de suivi (Word)."""
    _run(book, "followup_agenda")


@script
def compte_rendu_suivi(book: xw.Book):
    """Écrit le compte rendu du comité de suivi (Word)."""
    _run(book, "followup")


@script
def bilan_annuel(book: xw.Book):
    """Écrit le bilan annuel (Word) de l'année qui précède « Date du comité de suivi »."""
    _run(book, "review")


# --- Les fonctions de feuille (mêmes noms et arguments que sur le poste) ---


@func
@arg("charge", ndim=2)
@arg("actions", ndim=2)
def NR_CHARGE(charge, actions, service, trimestre):
    """Jours-homme demandés à un service pour un trimestre."""
    return _nr_xl()[1].NR_CHARGE(charge, actions, service, trimestre)


@func
@arg("charge", ndim=2)
@arg("actions", ndim=2)
@arg("capacites", ndim=2)
def NR_TAUX_CHARGE(charge, actions, capacites, service, trimestre):
    """Charge du trimestre rapportée à la capacité trimestrielle (1 = 100 %)."""
    return _nr_xl()[1].NR_TAUX_CHARGE(charge, actions, capacites, service, trimestre)


@func
@arg("lignes", ndim=2)
@arg("enveloppes", ndim=2)
def NR_ECART_BUDGET(lignes, enveloppes, annee, nature, financement="Enveloppe NR"):
    """Marge de l'enveloppe (positive) ou dépassement (négatif), en euros."""
    return _nr_xl()[1].NR_ECART_BUDGET(lignes, enveloppes, annee, nature, financement)


@func
def NR_TRIMESTRE(valeur):
    """Le trimestre d'une date ou d'un texte (« 2027-T2 »)."""
    return _nr_xl()[1].NR_TRIMESTRE(valeur)


# La roue de nr_xl (fichier .whl) en base64, posée ici par le paquet de diffusion
# (python -m nr_xl.release) ; vide dans les sources. Ne pas modifier.
NR_XL_ROUE = ""
