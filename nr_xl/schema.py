"""The workbook contract (docs/classeur.md, generated from this module) as data.

The template builder, the readers, the checks and the documentation all read
these declarations, so a header is spelled exactly once in the code base.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from enum import Enum

from nr_xl.obligations import OBLIGATION_NAMES


class Kind(str, Enum):
    """How a cell of a column is parsed (see parse.py)."""

    TEXT = "text"
    ID = "id"  # trimmed text, case kept
    ID_LIST = "id_list"  # "P1; P3" or "P1, P3"
    DATE = "date"
    QUARTER = "quarter"
    AMOUNT = "amount"  # euros or jours-homme, French text accepted
    YEAR = "year"
    SCORE = "score"  # integer 1..4 (probability, impact)
    ENUM = "enum"
    COMPUTED = "computed"  # a formula column of the template: never read as input


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind = Kind.TEXT
    required: bool = True
    enum: tuple[str, ...] = ()
    width: float = 16
    # Display formats of the template; they do not change how values are read.
    number_format: str | None = None
    # Name of a dropdown list in the hidden Listes sheet, or a range formula.
    dropdown: str | None = None
    # False for free text that also offers a dropdown (lists of IDs).
    dropdown_strict: bool = True
    # False for columns added after workbooks were in use: their absence is no finding.
    announce_missing: bool = True


@dataclass(frozen=True)
class TableSpec:
    sheet: str
    table: str
    code_name: str
    columns: tuple[Column, ...]
    # Columns forming the business key of a row (journal diff, duplicates).
    key: tuple[str, ...] = ()
    # True for the tables the tool writes; False for the ones users fill in.
    owned: bool = False

    def column(self, header: str) -> Column:
        for col in self.columns:
            if col.header == header:
                return col
        raise KeyError(header)

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)


@dataclass(frozen=True)
class SheetSpec:
    """A sheet without an input table (Lisez-moi, Synthèse, hidden sheets)."""

    name: str
    code_name: str
    hidden: bool = False
    very_hidden: bool = False


@functools.lru_cache(maxsize=65536)
def _normalize(text: str) -> str:
    s = unicodedata.normalize("NFKD", text)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return " ".join(s.replace("\u00a0", " ").replace("\u202f", " ").split()).casefold()


def normalize(text: object) -> str:
    """Header/enum matching key: trimmed, case-, accent- and space-insensitive."""
    # Cached: a roadmap repeats the same few service, skill and financing names.
    return _normalize(str(text))


# --- Enumerations -----------------------------------------------------------

SKILL_LEVELS = ("Acquise", "Partielle", "À acquérir")
RISK_TYPES = ("Risque", "Facteur clé de succès")
PRESENCES = ("Présent", "Excusé", "Absent")
ACTION_STATUSES = ("À lancer", "En cours", "Terminée", "Reportée", "Abandonnée")
ENVELOPE_STATUSES = ("Votée", "Inscrite au budget", "Demandée", "À confirmer")
VALIDATION_STATUSES = ("Prévue", "Tenue", "Validée", "Ajournée")
FREQUENCIES = ("Mensuelle", "Trimestrielle", "Semestrielle", "Annuelle", "Ponctuelle")
SCORES = ("1", "2", "3", "4")
DEFAULT_FINANCING = "Enveloppe NR"
FINANCINGS = (
    DEFAULT_FINANCING,
    "Budget DSI",
    "Budget Transition écologique",
    "Subvention",
    "Fonds européens",
    "Mécénat",
)
NATURES = ("Investissement", "Fonctionnement")
PARTICIPANT_ROLES = ("Président(e)", "Élu(e)", "Direction", "Pilote", "Invité(e)", "Secrétariat")
AXES = (
    "Gouvernance et mesure",
    "Achats responsables et durée de vie",
    "Infrastructures et usages sobres",
    "Services écoconçus et accessibles",
    "Sensibilisation et formation",
    "Territoire et inclusion",
)
SERVICES = (
    "DSI",
    "Commande publique",
    "DRH",
    "Communication",
    "Transition écologique",
    "Cohésion sociale",
    "Finances",
)
DIRECTIONS = ("Hausse", "Baisse")
PROGRAMMES = ("PCAET", "SPASER", "Schéma directeur SI", "Plan d'inclusion numérique")

# Lists of the hidden Listes sheet: name -> values. Order fixes the columns.
LISTS: dict[str, tuple[str, ...]] = {
    "Niveaux": SKILL_LEVELS,
    "Types": RISK_TYPES,
    "Présences": PRESENCES,
    "Statuts action": ACTION_STATUSES,
    "Statuts enveloppe": ENVELOPE_STATUSES,
    "Statuts validation": VALIDATION_STATUSES,
    "Fréquences": FREQUENCIES,
    "Financements": FINANCINGS,
    "Axes": AXES,
    "Services": SERVICES,
    "Programmes": PROGRAMMES,
    "Rôles": PARTICIPANT_ROLES,
    "Notes": SCORES,
    "Obligations": OBLIGATION_NAMES,
    "Sens": DIRECTIONS,
}

EUR = '#,##0 "€"'
DATE_FORMAT = "dd/mm/yyyy"
JH = '#,##0.0 "j-h"'

# --- Input tables -------------------------------------------------------------

PARAMETER_TABLE = TableSpec(
    "Paramètres",
    "tbl_Parametres",
    "shParametres",
    (
        Column("Paramètre", Kind.TEXT, width=48),
        Column("Valeur", Kind.TEXT, width=60),
    ),
    key=("Paramètre",),
)

PRIORITIES = TableSpec(
    "Priorités",
    "tbl_Priorites",
    "shPriorites",
    (
        Column("ID", Kind.ID, width=8),
        Column("Priorité", width=40),
        Column("Description", required=False, width=70),
    ),
    key=("ID",),
)

ACTIONS = TableSpec(
    "Feuille de route",
    "tbl_Actions",
    "shFeuilleDeRoute",
    (
        Column("ID", Kind.ID, width=8),
        Column("Axe", width=30, dropdown="Axes", dropdown_strict=False),
        Column("Action", width=50),
        Column("Service pilote", width=20, dropdown="Services", dropdown_strict=False),
        Column("Priorités", Kind.ID_LIST, width=12, dropdown="=Priorités!$A$2:$A$200",
               dropdown_strict=False),
        Column("Début", Kind.QUARTER, width=11),
        Column("Fin", Kind.QUARTER, width=11),
        Column("Statut", Kind.ENUM, enum=ACTION_STATUSES, width=13, dropdown="Statuts action"),
        Column("Compétences requises", Kind.ID_LIST, width=30),
        Column("Indicateurs", Kind.ID_LIST, width=13, dropdown="=Indicateurs!$A$2:$A$200",
               dropdown_strict=False),
        Column("Dépendances", Kind.ID_LIST, required=False, width=14),
        Column("Programme lié", required=False, width=20, dropdown="Programmes",
               dropdown_strict=False),
    ),
    key=("ID",),
)

BUDGET = TableSpec(
    "Budget",
    "tbl_Budget",
    "shBudget",
    (
        Column("Action", Kind.ID, width=10),
        Column("Année", Kind.YEAR, width=9),
        Column("Investissement (€)", Kind.AMOUNT, width=20, number_format=EUR),
        Column("Fonctionnement (€)", Kind.AMOUNT, width=20, number_format=EUR),
        Column("Financement", width=28, dropdown="Financements", dropdown_strict=False),
    ),
    key=("Action", "Année", "Financement"),
)

ENVELOPES = TableSpec(
    "Enveloppes",
    "tbl_Enveloppes",
    "shEnveloppes",
    (
        Column("Année", Kind.YEAR, width=9),
        Column("Financement", width=28, dropdown="Financements", dropdown_strict=False),
        Column("Investissement (€)", Kind.AMOUNT, width=20, number_format=EUR),
        Column("Fonctionnement (€)", Kind.AMOUNT, width=20, number_format=EUR),
        Column("Statut", Kind.ENUM, required=False, enum=ENVELOPE_STATUSES, width=20,
               dropdown="Statuts enveloppe"),
    ),
    key=("Année", "Financement"),
)

CHARGE = TableSpec(
    "Charge",
    "tbl_Charge",
    "shCharge",
    (
        Column("Action", Kind.ID, width=10),
        Column("Service", width=22, dropdown="Services", dropdown_strict=False),
        Column("Année", Kind.YEAR, width=9),
        Column("Jours-homme", Kind.AMOUNT, width=14, number_format="#,##0.0"),
    ),
    key=("Action", "Service", "Année"),
)

CAPACITIES = TableSpec(
    "Capacités",
    "tbl_Capacites",
    "shCapacites",
    (
        Column("Service", width=22, dropdown="Services", dropdown_strict=False),
        Column("Année", Kind.YEAR, width=9),
        Column("Jours-homme disponibles", Kind.AMOUNT, width=24, number_format="#,##0.0"),
    ),
    key=("Service", "Année"),
)

SKILLS = TableSpec(
    "Compétences",
    "tbl_Competences",
    "shCompetences",
    (
        Column("Service", width=22, dropdown="Services", dropdown_strict=False),
        Column("Compétence", width=34),
        Column("Niveau", Kind.ENUM, enum=SKILL_LEVELS, width=14, dropdown="Niveaux"),
    ),
    key=("Service", "Compétence"),
)

INDICATORS = TableSpec(
    "Indicateurs",
    "tbl_Indicateurs",
    "shIndicateurs",
    (
        Column("ID", Kind.ID, width=8),
        Column("Indicateur", width=44),
        Column("Unité", required=False, width=12),
        Column("Valeur de référence", Kind.AMOUNT, required=False, width=14,
               number_format="#,##0.##"),
        Column("Année de référence", Kind.YEAR, required=False, width=12),
        Column("Cible", Kind.AMOUNT, width=12, number_format="#,##0.##"),
        Column("Échéance", Kind.YEAR, required=False, width=11),
        Column("Fréquence", Kind.ENUM, required=False, enum=FREQUENCIES, width=14,
               dropdown="Fréquences"),
        Column("Responsable", width=22),
        Column("Source", required=False, width=28),
        # Added columns: a workbook without them reads as before.
        Column("Obligation", Kind.ENUM, required=False, enum=OBLIGATION_NAMES, width=30,
               dropdown="Obligations", announce_missing=False),
        Column("Sens", Kind.ENUM, required=False, enum=DIRECTIONS, width=10, dropdown="Sens",
               announce_missing=False),
    ),
    key=("ID",),
)

RISKS = TableSpec(
    "Risques",
    "tbl_Risques",
    "shRisques",
    (
        Column("ID", Kind.ID, width=7),
        Column("Type", Kind.ENUM, enum=RISK_TYPES, width=20, dropdown="Types"),
        Column("Description", width=50),
        Column("Probabilité", Kind.SCORE, width=12, dropdown="Notes"),
        Column("Impact", Kind.SCORE, width=10, dropdown="Notes"),
        Column("Criticité", Kind.COMPUTED, required=False, width=10),
        Column("Mesure", required=False, width=44),
        Column("Responsable", required=False, width=22),
        Column("Actions liées", Kind.ID_LIST, required=False, width=14),
    ),
    key=("ID",),
)

GOVERNANCE = TableSpec(
    "Gouvernance",
    "tbl_Gouvernance",
    "shGouvernance",
    (
        Column("Instance", Kind.ID, width=30),
        Column("Rôle", width=44),
        Column("Présidence", width=26),
        Column("Membres", required=False, width=40),
        Column("Fréquence", required=False, width=18),
        Column("Date d'installation", Kind.DATE, width=18, number_format=DATE_FORMAT),
    ),
    key=("Instance",),
)

VALIDATION = TableSpec(
    "Validation",
    "tbl_Validation",
    "shValidation",
    (
        Column("Instance", Kind.ID, width=30),
        Column("Objet", width=50),
        Column("Date", Kind.DATE, width=14, number_format=DATE_FORMAT),
        Column("Statut", Kind.ENUM, required=False, enum=VALIDATION_STATUSES, width=14,
               dropdown="Statuts validation"),
    ),
    key=("Instance", "Objet"),
)

PARTICIPANTS = TableSpec(
    "Participants",
    "tbl_Participants",
    "shParticipants",
    (
        Column("Nom", Kind.ID, width=26),
        Column("Fonction", width=36),
        Column("Organisation", required=False, width=28),
        Column("Présence", Kind.ENUM, enum=PRESENCES, width=12, dropdown="Présences"),
        Column("Rôle", required=False, width=16, dropdown="Rôles", dropdown_strict=False),
    ),
    key=("Nom",),
)

DECISIONS = TableSpec(
    "Décisions",
    "tbl_Decisions",
    "shDecisions",
    (
        Column("N°", Kind.ID, width=6),
        Column("Décision", width=70),
        Column("Responsable", required=False, width=24),
        Column("Échéance", Kind.DATE, required=False, width=14, number_format=DATE_FORMAT),
    ),
    key=("N°",),
)

FINDINGS = TableSpec(
    "Contrôles",
    "tbl_Controles",
    "shControles",
    (
        Column("Gravité", width=12),
        Column("Code", width=30),
        Column("Dimension", width=18),
        Column("Feuille", width=16),
        Column("Ligne", width=7),
        Column("Champ", width=20),
        Column("Clé", width=22),
        Column("Message", width=80),
        Column("Suggestion", width=60),
    ),
    owned=True,
)

JOURNAL = TableSpec(
    "Journal",
    "tbl_Journal",
    "shJournal",
    (
        Column("N°", width=6),
        Column("Horodatage", width=20),
        Column("Instance", width=26),
        Column("Auteur", width=18),
        Column("Feuille", width=16),
        Column("Clé", width=20),
        Column("Champ", width=20),
        Column("Ancienne valeur", width=22),
        Column("Nouvelle valeur", width=22),
        Column("Motif", width=40),
        Column("Empreinte", width=20),
    ),
    owned=True,
)

# Tables users fill in, in the order of the workbook tabs.
INPUT_TABLES: tuple[TableSpec, ...] = (
    PARAMETER_TABLE,
    PRIORITIES,
    ACTIONS,
    BUDGET,
    ENVELOPES,
    CHARGE,
    CAPACITIES,
    SKILLS,
    INDICATORS,
    RISKS,
    GOVERNANCE,
    VALIDATION,
    PARTICIPANTS,
    DECISIONS,
)
OWNED_TABLES: tuple[TableSpec, ...] = (FINDINGS, JOURNAL)
ALL_TABLES = INPUT_TABLES + OWNED_TABLES
TABLES_BY_SHEET = {t.sheet: t for t in ALL_TABLES}

README_SHEET = SheetSpec("Lisez-moi", "shLisezMoi")
SUMMARY_SHEET = SheetSpec("Synthèse", "shSynthese")
LISTS_SHEET = SheetSpec("Listes", "shListes", hidden=True)
XLWINGS_CONF_SHEET = SheetSpec("xlwings.conf", "shXlwingsConf", hidden=True)
# The reference version lives in a very hidden sheet: it survives Excel,
# LibreOffice and openpyxl saves, unlike custom XML parts.
REFERENCE_SHEET = SheetSpec("_nr_reference", "shReference", very_hidden=True)

# Tab order of the template.
SHEET_ORDER: tuple[str, ...] = (
    README_SHEET.name,
    PARAMETER_TABLE.sheet,
    PRIORITIES.sheet,
    ACTIONS.sheet,
    BUDGET.sheet,
    ENVELOPES.sheet,
    CHARGE.sheet,
    CAPACITIES.sheet,
    SKILLS.sheet,
    INDICATORS.sheet,
    RISKS.sheet,
    GOVERNANCE.sheet,
    VALIDATION.sheet,
    PARTICIPANTS.sheet,
    DECISIONS.sheet,
    SUMMARY_SHEET.name,
    FINDINGS.sheet,
    JOURNAL.sheet,
    LISTS_SHEET.name,
    XLWINGS_CONF_SHEET.name,
    REFERENCE_SHEET.name,
)

# What check, the journal and the documents read: the input tables, the Journal
# and the reference version.
CHECKED_SHEETS: tuple[str, ...] = tuple(t.sheet for t in INPUT_TABLES) + (JOURNAL.sheet, REFERENCE_SHEET.name)

# The sheets the tool may rewrite; every other part of a workbook is left alone.
OWNED_SHEETS: tuple[str, ...] = (FINDINGS.sheet, JOURNAL.sheet, REFERENCE_SHEET.name)

# --- Paramètres keys ---------------------------------------------------------


@dataclass(frozen=True)
class Parameter:
    key: str
    kind: Kind
    required: bool
    help: str
    default: object = None


PARAMETERS: tuple[Parameter, ...] = (
    Parameter("Collectivité", Kind.TEXT, True, "Nom officiel de la collectivité."),
    Parameter("Population", Kind.AMOUNT, False, "Nombre d'habitants."),
    Parameter("Date de formalisation", Kind.DATE, True,
              "Date de la feuille de route formalisée (étape 4.3 de la méthode ANCT)."),
    Parameter("Date du comité de validation", Kind.DATE, True,
              "Date du comité de pilotage qui valide la feuille de route (étape 5)."),
    Parameter("Lieu du comité", Kind.TEXT, False, "Salle et adresse du comité."),
    Parameter("Présidence du comité", Kind.TEXT, True, "Élu(e) qui préside le comité et signe l'annonce."),
    Parameter("Compte rendu approuvé le", Kind.DATE, False,
              "Date à laquelle la présidence approuve le compte rendu (vide : le compte rendu reste un projet)."),
    Parameter("Ambition", Kind.TEXT, False, "L'ambition politique en une ou deux phrases."),
    Parameter("Version", Kind.TEXT, False, "Version de la feuille de route (ex. 1.0).", "1.0"),
    Parameter("Délai de mise en place de la gouvernance (jours)", Kind.AMOUNT, False,
              "Délai après la formalisation pour installer les instances (30 jours par défaut).", 30),
    Parameter("Contact", Kind.TEXT, False, "Nom et courriel imprimés sur l'annonce de lancement."),
    Parameter("Dossier des documents", Kind.TEXT, False,
              "Dossier où le ruban enregistre les documents Word (vide : à côté du classeur)."),
    Parameter("Décision du comité", Kind.TEXT, False,
              "Décision enregistrée par « Valider » : Validée, Validée sous réserve ou Ajournée (vide : pas encore décidée)."),
    Parameter("Réserves", Kind.TEXT, False, "Réserves du comité quand la feuille de route est validée sous réserve."),
)
PARAMETERS_BY_KEY = {normalize(p.key): p for p in PARAMETERS}

# --- Dimensions of the feasibility review ------------------------------------

DIMENSIONS: tuple[str, ...] = (
    "Ambition politique",
    "Budget",
    "Ressources",
    "Compétences",
    "Planning",
    "Indicateurs",
    "Risques",
    "Gouvernance",
    "Validation",
)
EXTRA_DIMENSIONS: tuple[str, ...] = ("Structure", "Journal")

