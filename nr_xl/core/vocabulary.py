"""The words users type in list columns, matched to the workbook's lists (pure).

Users type rather than pick from the dropdowns, and LibreOffice or pasted data
bypass them: « Voté », « votées », « VOTEE » all mean « Votée ». A value is
compared after folding case, accents, spaces, gender and number, then looked
up in a short table of common synonyms per list. Update the tables below when
users keep typing a word that is not recognised.
"""

from __future__ import annotations

import difflib
import functools
import re

from nr_xl.core import schema

# What the committee records with « Valider » (Paramètres « Décision du comité »).
VALIDATED = "Validée"
VALIDATED_WITH_RESERVATIONS = "Validée sous réserve"
ADJOURNED = "Ajournée"
COMMITTEE_DECISIONS = (VALIDATED, VALIDATED_WITH_RESERVATIONS, ADJOURNED)

# Common words per list -> the list value they mean. Keys are folded like user
# input, so one spelling per word is enough (gender, number and accents vary freely).
SYNONYMS: dict[tuple[str, ...], dict[str, str]] = {
    schema.ACTION_STATUSES: {
        "Planifiée": "À lancer", "Prévue": "À lancer", "Programmée": "À lancer",
        "À démarrer": "À lancer", "Non démarrée": "À lancer", "Pas commencée": "À lancer",
        "À faire": "À lancer",
        "Démarrée": "En cours", "Lancée": "En cours", "Engagée": "En cours",
        "Achevée": "Terminée", "Réalisée": "Terminée", "Finie": "Terminée", "Faite": "Terminée",
        "Décalée": "Reportée", "Repoussée": "Reportée", "Ajournée": "Reportée", "Suspendue": "Reportée",
        "Annulée": "Abandonnée", "Supprimée": "Abandonnée", "Retirée": "Abandonnée",
    },
    schema.ENVELOPE_STATUSES: {
        "Adoptée": "Votée", "Délibérée": "Votée", "Validée": "Votée", "Acquise": "Votée",
        "Inscrite": "Inscrite au budget", "Budgétée": "Inscrite au budget",
        "Au budget": "Inscrite au budget", "Inscrite au BP": "Inscrite au budget",
        # The budget cycle: voted at the BP (budget primitif) is voted; inscribed at the BP
        # is not a vote yet; planned at a BS or a DM (budget supplémentaire, décision
        # modificative) is still to be confirmed.
        "Voté au BP": "Votée", "Voté au budget": "Votée", "Votée en conseil": "Votée",
        "BP": "Inscrite au budget", "Prévue au BP": "Inscrite au budget",
        "BS": "À confirmer", "Prévue au BS": "À confirmer", "DM": "À confirmer", "Prévue en DM": "À confirmer",
        "Sollicitée": "Demandée", "En demande": "Demandée",
        "Prévisionnelle": "À confirmer", "Estimée": "À confirmer", "En attente": "À confirmer",
        "Incertaine": "À confirmer", "Hypothèse": "À confirmer",
    },
    schema.VALIDATION_STATUSES: {
        "Programmée": "Prévue", "Planifiée": "Prévue", "À venir": "Prévue", "Inscrite": "Prévue",
        "Réalisée": "Tenue", "Passée": "Tenue", "Faite": "Tenue",
        "Adoptée": "Validée", "Approuvée": "Validée", "Votée": "Validée", "Délibérée": "Validée",
        "Reportée": "Ajournée", "Repoussée": "Ajournée", "Rejetée": "Ajournée", "Refusée": "Ajournée",
        "Annulée": "Ajournée",
    },
    schema.FREQUENCIES: {
        "Tous les mois": "Mensuelle", "Chaque mois": "Mensuelle",
        "Tous les trimestres": "Trimestrielle", "Chaque trimestre": "Trimestrielle",
        "Deux fois par an": "Semestrielle", "2 fois par an": "Semestrielle",
        "Chaque année": "Annuelle", "Une fois par an": "Annuelle", "1 fois par an": "Annuelle",
        "Unique": "Ponctuelle", "Une fois": "Ponctuelle",
    },
    schema.SKILL_LEVELS: {
        "Maîtrisée": "Acquise", "Oui": "Acquise", "Experte": "Acquise", "Acquis": "Acquise",
        "En partie": "Partielle", "Moyenne": "Partielle", "En cours d'acquisition": "Partielle",
        "Non": "À acquérir", "Absente": "À acquérir", "À développer": "À acquérir",
        "Manquante": "À acquérir",
    },
    schema.RISK_TYPES: {
        "Facteur de succès": "Facteur clé de succès", "FCS": "Facteur clé de succès",
        "Facteur clé": "Facteur clé de succès", "Condition de réussite": "Facteur clé de succès",
        "Menace": "Risque",
    },
    schema.PRESENCES: {"Présent(e)": "Présent", "Excusé(e)": "Excusé", "Absent(e)": "Absent"},
    schema.DIRECTIONS: {
        "Augmentation": "Hausse", "Augmenter": "Hausse", "Croissant": "Hausse", "Plus": "Hausse",
        "+": "Hausse", "↑": "Hausse",
        "Diminution": "Baisse", "Diminuer": "Baisse", "Réduction": "Baisse", "Réduire": "Baisse",
        "Décroissant": "Baisse", "Moins": "Baisse", "↓": "Baisse",
    },
    schema.OBLIGATION_NAMES: {
        "Réemploi": "Réemploi des équipements réformés", "Décret 2023-266": "Réemploi des équipements réformés",
        "AGEC": "Achats issus du réemploi ou recyclés", "Achats reconditionnés": "Achats issus du réemploi ou recyclés",
        "Décret 2024-134": "Achats issus du réemploi ou recyclés",
        "REEN": "Stratégie et bilan REEN", "Stratégie REEN": "Stratégie et bilan REEN",
        "Bilan REEN": "Stratégie et bilan REEN",
        "RGAA": "Accessibilité RGAA", "Accessibilité": "Accessibilité RGAA",
    },
    schema.DECISION_STATUSES: {
        "Non commencée": "À faire", "À lancer": "À faire", "Prévue": "À faire", "Pas faite": "À faire",
        "Démarrée": "En cours", "Engagée": "En cours",
        "Fait": "Faite", "Réalisée": "Faite", "Terminée": "Faite", "Achevée": "Faite", "OK": "Faite",
        "Annulée": "Abandonnée", "Sans suite": "Abandonnée", "Caduque": "Abandonnée",
    },
    COMMITTEE_DECISIONS: {
        "Validée avec réserve": VALIDATED_WITH_RESERVATIONS, "Validée sous condition": VALIDATED_WITH_RESERVATIONS,
        "Sous réserve": VALIDATED_WITH_RESERVATIONS, "Adoptée": VALIDATED, "Approuvée": VALIDATED,
        "Reportée": ADJOURNED, "Ajournement": ADJOURNED,
    },
}

# A rule needs these lists: when a cell cannot be read, it applies this value
# and says so (the cell is a warning, never a blocking point).
RULE_DEFAULTS: dict[tuple[str, ...], tuple[str, str]] = {
    schema.ACTION_STATUSES: ("À lancer", "l'action est comptée comme active (budget et charge)"),
    schema.ENVELOPE_STATUSES: ("À confirmer", "l'enveloppe est traitée comme « À confirmer »"),
    schema.VALIDATION_STATUSES: ("Prévue", "l'étape est traitée comme « Prévue »"),
    schema.SKILL_LEVELS: ("À acquérir", "la compétence n'est pas comptée comme détenue"),
    schema.RISK_TYPES: ("Risque", "la ligne est traitée comme un « Risque »"),
    schema.DECISION_STATUSES: ("À faire", "la décision est comptée comme restant à faire"),
}

_SEPARATORS = re.compile(r"[-_'’()/.]")
_DOUBLED = re.compile(r"(ll|nn|tt)$")


def _fold_word(word: str) -> str:
    # French gender and number: « votées » -> « vote », « annuelle » -> « annuel ».
    if len(word) > 3 and word.endswith("s"):
        word = word[:-1]
    if len(word) > 4 and word.endswith("ee"):  # « votée » once its accent is gone
        word = word[:-2]
    elif len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 4 and _DOUBLED.search(word):
        word = word[:-1]
    return word


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Matching key of a list value: case, accents, spaces, gender and number folded."""
    return " ".join(_fold_word(w) for w in _SEPARATORS.sub(" ", schema.normalize(text)).split())


@functools.lru_cache(maxsize=64)
def _index(allowed: tuple[str, ...]) -> dict[str, str]:
    index = {fold(s): value for s, value in SYNONYMS.get(allowed, {}).items() if value in allowed}
    index.update({fold(value): value for value in allowed})  # a list value wins over a synonym
    return index


def match(text: str, allowed: tuple[str, ...]) -> str | None:
    """The list value ``text`` means, or None."""
    return _index(allowed).get(fold(text))


@functools.lru_cache(maxsize=64)
def _values(allowed: tuple[str, ...]) -> dict[str, str]:
    return {fold(value): value for value in allowed}


def exact(text: str, allowed: tuple[str, ...]) -> str | None:
    """The list value ``text`` spells, case, accents, gender and number aside (no synonym)."""
    return _values(allowed).get(fold(text))


def leading(text: str, allowed: tuple[str, ...]) -> str | None:
    """The list value or synonym that ``text`` starts with, the longest first (« voté au
    BP 2027 » starts with « voté au BP »), or None."""
    words = fold(text).split()
    index = _index(allowed)
    for n in range(len(words) - 1, 0, -1):
        found = index.get(" ".join(words[:n]))
        if found is not None:
            return found
    return None


def closest(text: str, allowed: tuple[str, ...]) -> str | None:
    """The list value nearest to ``text`` in spelling, to suggest it."""
    index = _index(allowed)
    found = difflib.get_close_matches(fold(text), list(index), n=1, cutoff=0.5)
    return index[found[0]] if found else None


# What people type in a cell they mean to fill later: it counts as empty.
PLACEHOLDERS = frozenset(fold(p) for p in (
    "à définir", "à déterminer", "à préciser", "à compléter", "à voir", "à confirmer", "à venir",
    "en attente", "inconnu", "non défini", "nc", "n/a", "na", "nd", "tbd", "tbc", "todo", "xxx", "...",
))


@functools.lru_cache(maxsize=16384)
def is_placeholder(text: str) -> bool:
    """« à définir », « ? », « - », « TBD »…: a cell typed to be filled later."""
    # Cached: free-text columns repeat the same values down thousands of rows.
    stripped = text.strip()
    if stripped and all(ch in "?-–—_.…*/x " for ch in stripped.casefold()):
        return True
    return fold(stripped) in PLACEHOLDERS


# Words of a working note left in a text meant for publication (« (à reformuler avec la VP ?) »).
_NOTE_WORDS = ("a reformuler", "a revoir", "a valider", "a confirmer", "a completer", "a preciser", "a voir",
               "a verifier", "a discuter", "a arbitrer", "voir avec", "demander a", "todo", "tbd", "tbc", "xxx",
               "provisoire", "brouillon", "nb :", "nb:")
_BRACKETED = re.compile(r"[(\[]([^)\]]*)[)\]]")


@functools.lru_cache(maxsize=16384)
def working_note(text: str | None) -> str | None:
    """The part of ``text`` that reads as a working note rather than a published text — a
    question, or a note (in brackets or not) saying it is to be reworded, checked,
    confirmed… — or None. « (objectif PUE 1,5) », « (REEN) » are kept as text."""
    if not text or not text.strip():
        return None
    for inside in _BRACKETED.findall(text):
        if "?" in inside or any(w in schema.normalize(inside) for w in _NOTE_WORDS):
            return f"({inside.strip()})"
    if "?" in text:
        return text.strip()
    folded = schema.normalize(text)
    for word in _NOTE_WORDS:
        if re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", folded):
            return text.strip()
    return None
