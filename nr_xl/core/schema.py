"""The workbook contract (docs/classeur.md, generated from this module) as data.

The template builder, the readers, the checks and the documentation all read
these declarations, so a header is spelled exactly once in the code base.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from nr_xl.core.obligations import OBLIGATION_NAMES


class Kind(str, Enum):
    """How a cell of a column is parsed (see parse.py)."""

    TEXT = "text"
    ID = "id"  # trimmed text, case kept
    ID_LIST = "id_list"  # names in one cell: "Audit RGAA; Écoconception"
    REF_LIST = "ref_list"  # IDs in one cell: "P1; P3", "P1, P3", "P1 / P3", "P1 et P3"
    DATE = "date"
    QUARTER = "quarter"
    AMOUNT = "amount"  # euros (or a count), French text accepted
    DAYS = "days"  # jours-homme: "10", "10 j", "10 j-h", "0,5 ETP"
    MEASURE = "measure"  # an indicator's value: "40 %", "≥ 25 %", "12,5"
    YEAR = "year"
    SCORE = "score"  # integer 1..4 (probability, impact)
    ENUM = "enum"
    COMPUTED = "computed"  # a formula column of the template: never read as input


class Limit(str, Enum):
    """What a readable value must also be (build.py reports the others)."""

    NONE = ""
    EUROS = "euros"  # a budget line beyond IMPLAUSIBLE_EUROS is a typo; the value is kept
    DAYS = "days"  # jours-homme are never negative; a negative value is dropped
    # A text the documents publish holds no working note (« (à reformuler ?) »); the value is kept.
    PUBLISHED = "published"


# --- Dimensions of the feasibility review ------------------------------------

AMBITION_DIM, BUDGET_DIM, RESOURCES_DIM, SKILLS_DIM, PLANNING_DIM = (
    "Ambition politique", "Budget", "Ressources", "Compétences", "Planning")
INDICATORS_DIM, RISKS_DIM, GOVERNANCE_DIM, VALIDATION_DIM = "Indicateurs", "Risques", "Gouvernance", "Validation"
DIMENSIONS: tuple[str, ...] = (
    AMBITION_DIM, BUDGET_DIM, RESOURCES_DIM, SKILLS_DIM, PLANNING_DIM, INDICATORS_DIM, RISKS_DIM,
    GOVERNANCE_DIM, VALIDATION_DIM,
)
# The workbook's own dimensions: its reading (completeness) and its journal.
STRUCTURE_DIM, JOURNAL_DIM = "Structure", "Journal"
EXTRA_DIMENSIONS: tuple[str, ...] = (STRUCTURE_DIM, JOURNAL_DIM)


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind = Kind.TEXT
    # A required column missing from the header row is input.missing_column, and
    # its blank cells input.missing_value (unless ``blank_ok``).
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
    # The attribute of the model dataclass (model.py) the cell becomes; None: not read.
    field: str | None = None
    # A required column whose blank cells are no input.missing_value: a check reports
    # them with a better message, or a blank means something.
    blank_ok: bool = False
    # Free text where « à définir », « ? » or « TBD » counts as empty.
    placeholder_blank: bool = False
    # A row without this cell is not read at all (the ID of an action, the name of a body).
    identifies_row: bool = False
    limit: Limit = Limit.NONE
    # The model's value for a blank or unreadable cell.
    default: object = None
    # A period cell's role: « start » reads « 2027 » or « S2 2027 » as its first quarter,
    # « end » as its last (reading/periods.py).
    role: str = ""
    # The Roadmap field whose IDs the cell names (« actions », « priorities »…): a reference
    # typed in another case (« b4.1 ») is read as the ID it names, with a note.
    refers: str = ""
    # The dimensions whose rules read this column (None: the table's ``feeds``): when a
    # cell cannot be read, these say « non vérifié » rather than « faisable ».
    feeds: tuple[str, ...] | None = None
    # False for a column that records what happened since (a decision's progress): it is no
    # part of the roadmap the journal compares, so recording progress is no adjustment.
    journaled: bool = True


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
    # The attribute of model.Roadmap holding the rows of an input table.
    field: str = ""
    # The dimensions whose rules read the table (a column may say otherwise).
    feeds: tuple[str, ...] = ()
    # False for a sheet added after workbooks were in use (the follow-up): a workbook without
    # it reads as before, its absence is no finding.
    announce_missing: bool = True
    # False for what is recorded after the vote (progress, spending, measures): no part of the
    # roadmap the journal compares, so recording progress is not a committee adjustment.
    journaled: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_field", {c.field: c for c in self.columns if c.field})

    def __getattr__(self, name: str) -> Column:
        """The column read into the model attribute ``name``: ``BUDGET.investment.header``."""
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self.__dict__["_by_field"][name]
        except KeyError:
            raise AttributeError(f"{self.sheet} has no column read into {name!r}") from None

    def feeds_of(self, header: str | None) -> tuple[str, ...]:
        """The dimensions a cell of ``header`` feeds (the whole table's for None or an unknown header)."""
        for col in self.columns:
            if col.header == header and col.feeds is not None:
                return col.feeds
        return self.feeds

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

    @property
    def state(self) -> str:
        """The sheet state as the workbook XML (and openpyxl) spell it."""
        return "veryHidden" if self.very_hidden else "hidden" if self.hidden else "visible"


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

# The values the code names are constants; each tuple is a list of the Listes sheet.
SKILL_ACQUIRED, SKILL_PARTIAL, SKILL_TO_ACQUIRE = "Acquise", "Partielle", "À acquérir"
SKILL_LEVELS = (SKILL_ACQUIRED, SKILL_PARTIAL, SKILL_TO_ACQUIRE)
RISK, SUCCESS_FACTOR = "Risque", "Facteur clé de succès"
RISK_TYPES = (RISK, SUCCESS_FACTOR)
PRESENT, EXCUSED, ABSENT = "Présent", "Excusé", "Absent"
PRESENCES = (PRESENT, EXCUSED, ABSENT)
ACTION_TO_START, ACTION_RUNNING, ACTION_DONE = "À lancer", "En cours", "Terminée"
ACTION_POSTPONED, ACTION_ABANDONED = "Reportée", "Abandonnée"
ACTION_STATUSES = (ACTION_TO_START, ACTION_RUNNING, ACTION_DONE, ACTION_POSTPONED, ACTION_ABANDONED)
ENVELOPE_VOTED, ENVELOPE_BUDGETED = "Votée", "Inscrite au budget"
ENVELOPE_STATUSES = (ENVELOPE_VOTED, ENVELOPE_BUDGETED, "Demandée", "À confirmer")
VALIDATION_PLANNED, VALIDATION_HELD, VALIDATION_VALIDATED, VALIDATION_ADJOURNED = (
    "Prévue", "Tenue", "Validée", "Ajournée")
VALIDATION_STATUSES = (VALIDATION_PLANNED, VALIDATION_HELD, VALIDATION_VALIDATED, VALIDATION_ADJOURNED)
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
ROLE_PILOT, ROLE_SECRETARIAT = "Pilote", "Secrétariat"
ROLE_CHAIR, ROLE_ELECTED = "Président(e)", "Élu(e)"
PARTICIPANT_ROLES = (ROLE_CHAIR, ROLE_ELECTED, "Direction", ROLE_PILOT, "Invité(e)", ROLE_SECRETARIAT)
AXES = (
    "Gouvernance et mesure",
    "Achats responsables et durée de vie",
    "Infrastructures et usages sobres",
    "Services écoconçus et accessibles",
    "Sensibilisation et formation",
    "Territoire et inclusion",
)
IT_SERVICE = "DSI"
SERVICES = (
    IT_SERVICE,
    "Commande publique",
    "DRH",
    "Communication",
    "Transition écologique",
    "Cohésion sociale",
    "Finances",
)
RISE, FALL = "Hausse", "Baisse"
DIRECTIONS = (RISE, FALL)
PROGRAMMES = ("PCAET", "SPASER", "Schéma directeur SI", "Plan d'inclusion numérique")
# What became of a decision of the committee (« Statut » of « Décisions »), recorded at the follow-up.
DECISION_TO_DO, DECISION_RUNNING, DECISION_DONE, DECISION_ABANDONED = "À faire", "En cours", "Faite", "Abandonnée"
DECISION_STATUSES = (DECISION_TO_DO, DECISION_RUNNING, DECISION_DONE, DECISION_ABANDONED)

# The Validation row (« Instance ») whose date the documents print as the launch.
LAUNCH = "Lancement officiel"

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
    "Statuts décision": DECISION_STATUSES,
}

EUR = '#,##0 "€"'
DATE_FORMAT = "dd/mm/yyyy"

# --- Input tables -------------------------------------------------------------

PARAMETER_TABLE = TableSpec(
    "Paramètres",
    "tbl_Parametres",
    "shParametres",
    (
        # Key-value rows (PARAMETERS below), read by build._parameters.
        Column("Paramètre", Kind.TEXT, width=48, field="name"),
        Column("Valeur", Kind.TEXT, width=60, field="value"),
    ),
    key=("Paramètre",),
)

PRIORITIES = TableSpec(
    "Priorités",
    "tbl_Priorites",
    "shPriorites",
    (
        Column("ID", Kind.ID, width=8, field="id", identifies_row=True),
        Column("Priorité", width=40, field="title", limit=Limit.PUBLISHED),
        Column("Description", required=False, width=70, field="description"),
    ),
    key=("ID",),
    field="priorities",
    feeds=(AMBITION_DIM,),
)

# An action's period: its schedule, the years its budget and workload fall in, its indicators' deadlines.
_PERIOD_FEEDS = (PLANNING_DIM, BUDGET_DIM, RESOURCES_DIM, INDICATORS_DIM)

ACTIONS = TableSpec(
    "Feuille de route",
    "tbl_Actions",
    "shFeuilleDeRoute",
    (
        Column("ID", Kind.ID, width=8, field="id", identifies_row=True),
        Column("Axe", width=30, dropdown="Axes", dropdown_strict=False, field="axis", feeds=()),
        Column("Action", width=50, field="title", feeds=(AMBITION_DIM,), limit=Limit.PUBLISHED),
        Column("Service pilote", width=20, dropdown="Services", dropdown_strict=False, field="pilot",
               feeds=(RESOURCES_DIM,)),
        # Blank: alignment.action_without_priority.
        Column("Priorités", Kind.REF_LIST, width=12, dropdown="=Priorités!$A$2:$A$200",
               dropdown_strict=False, field="priorities", blank_ok=True, refers="priorities",
               feeds=(AMBITION_DIM,)),
        # Blank: schedule.invalid_period.
        Column("Début", Kind.QUARTER, width=11, field="start", blank_ok=True, role="start", feeds=_PERIOD_FEEDS),
        Column("Fin", Kind.QUARTER, width=11, field="end", blank_ok=True, role="end", feeds=_PERIOD_FEEDS),
        # Blank: not started, counted as active.
        Column("Statut", Kind.ENUM, enum=ACTION_STATUSES, width=13, dropdown="Statuts action",
               field="status", blank_ok=True, feeds=(BUDGET_DIM, RESOURCES_DIM, PLANNING_DIM)),
        # Blank: an action may need no particular skill.
        Column("Compétences requises", Kind.ID_LIST, width=30, field="skills", blank_ok=True,
               feeds=(SKILLS_DIM,)),
        # Blank: kpi.action_without_kpi.
        Column("Indicateurs", Kind.REF_LIST, width=13, dropdown="=Indicateurs!$A$2:$A$200",
               dropdown_strict=False, field="indicators", blank_ok=True, refers="indicators",
               feeds=(INDICATORS_DIM,)),
        Column("Dépendances", Kind.REF_LIST, required=False, width=14, field="dependencies", refers="actions",
               feeds=(PLANNING_DIM,)),
        Column("Programme lié", required=False, width=20, dropdown="Programmes",
               dropdown_strict=False, field="programme", feeds=(VALIDATION_DIM,)),
    ),
    key=("ID",),
    field="actions",
    # An action's ID: every rule that reads actions.
    feeds=DIMENSIONS,
)

BUDGET = TableSpec(
    "Budget",
    "tbl_Budget",
    "shBudget",
    (
        Column("Action", Kind.ID, width=10, field="action", refers="actions"),
        Column("Année", Kind.YEAR, width=9, field="year"),
        # Blank amount: nothing planned.
        Column("Investissement (€)", Kind.AMOUNT, width=20, number_format=EUR, field="investment",
               blank_ok=True, limit=Limit.EUROS, default=Decimal(0)),
        Column("Fonctionnement (€)", Kind.AMOUNT, width=20, number_format=EUR, field="operating",
               blank_ok=True, limit=Limit.EUROS, default=Decimal(0)),
        # Blank: Enveloppe NR (docs/classeur.md).
        Column("Financement", width=28, dropdown="Financements", dropdown_strict=False,
               field="financing", blank_ok=True, default=DEFAULT_FINANCING),
    ),
    key=("Action", "Année", "Financement"),
    field="budget",
    feeds=(BUDGET_DIM,),
)

ENVELOPES = TableSpec(
    "Enveloppes",
    "tbl_Enveloppes",
    "shEnveloppes",
    (
        Column("Année", Kind.YEAR, width=9, field="year"),
        Column("Financement", width=28, dropdown="Financements", dropdown_strict=False,
               field="financing", blank_ok=True, default=DEFAULT_FINANCING),
        Column("Investissement (€)", Kind.AMOUNT, width=20, number_format=EUR, field="investment",
               blank_ok=True, limit=Limit.EUROS),
        Column("Fonctionnement (€)", Kind.AMOUNT, width=20, number_format=EUR, field="operating",
               blank_ok=True, limit=Limit.EUROS),
        Column("Statut", Kind.ENUM, required=False, enum=ENVELOPE_STATUSES, width=20,
               dropdown="Statuts enveloppe", field="status"),
    ),
    key=("Année", "Financement"),
    field="envelopes",
    feeds=(BUDGET_DIM,),
)

CHARGE = TableSpec(
    "Charge",
    "tbl_Charge",
    "shCharge",
    (
        Column("Action", Kind.ID, width=10, field="action", refers="actions"),
        Column("Service", width=22, dropdown="Services", dropdown_strict=False, field="service"),
        Column("Année", Kind.YEAR, width=9, field="year"),
        Column("Jours-homme", Kind.DAYS, width=14, number_format="#,##0.0", field="days",
               limit=Limit.DAYS, default=Decimal(0)),
    ),
    key=("Action", "Service", "Année"),
    field="workload",
    feeds=(RESOURCES_DIM,),
)

CAPACITIES = TableSpec(
    "Capacités",
    "tbl_Capacites",
    "shCapacites",
    (
        Column("Service", width=22, dropdown="Services", dropdown_strict=False, field="service"),
        Column("Année", Kind.YEAR, width=9, field="year"),
        Column("Jours-homme disponibles", Kind.DAYS, width=24, number_format="#,##0.0",
               field="days", limit=Limit.DAYS),
    ),
    key=("Service", "Année"),
    field="capacities",
    feeds=(RESOURCES_DIM,),
)

SKILLS = TableSpec(
    "Compétences",
    "tbl_Competences",
    "shCompetences",
    (
        Column("Service", width=22, dropdown="Services", dropdown_strict=False, field="service"),
        Column("Compétence", width=34, field="skill"),
        Column("Niveau", Kind.ENUM, enum=SKILL_LEVELS, width=14, dropdown="Niveaux", field="level"),
    ),
    key=("Service", "Compétence"),
    field="skills",
    feeds=(SKILLS_DIM,),
)

INDICATORS = TableSpec(
    "Indicateurs",
    "tbl_Indicateurs",
    "shIndicateurs",
    (
        Column("ID", Kind.ID, width=8, field="id", identifies_row=True),
        Column("Indicateur", width=44, field="name", limit=Limit.PUBLISHED),
        Column("Unité", required=False, width=12, field="unit"),
        Column("Valeur de référence", Kind.MEASURE, required=False, width=14,
               number_format="#,##0.##", field="baseline"),
        Column("Année de référence", Kind.YEAR, required=False, width=12, field="baseline_year"),
        # Blank: kpi.incomplete (as for Responsable).
        Column("Cible", Kind.MEASURE, width=12, number_format="#,##0.##", field="target", blank_ok=True),
        Column("Échéance", Kind.YEAR, required=False, width=11, field="deadline", role="end"),
        Column("Fréquence", Kind.ENUM, required=False, enum=FREQUENCIES, width=14,
               dropdown="Fréquences", field="frequency"),
        Column("Responsable", width=22, field="owner", blank_ok=True, placeholder_blank=True),
        Column("Source", required=False, width=28, field="source"),
        # Added columns: a workbook without them reads as before.
        Column("Obligation", Kind.ENUM, required=False, enum=OBLIGATION_NAMES, width=30,
               dropdown="Obligations", announce_missing=False, field="obligation"),
        Column("Sens", Kind.ENUM, required=False, enum=DIRECTIONS, width=10, dropdown="Sens",
               announce_missing=False, field="direction"),
    ),
    key=("ID",),
    field="indicators",
    feeds=(INDICATORS_DIM,),
)

RISKS = TableSpec(
    "Risques",
    "tbl_Risques",
    "shRisques",
    (
        Column("ID", Kind.ID, width=7, field="id", identifies_row=True),
        Column("Type", Kind.ENUM, enum=RISK_TYPES, width=20, dropdown="Types", field="type"),
        Column("Description", width=50, field="description"),
        # Blank: read only for risks, not success factors.
        Column("Probabilité", Kind.SCORE, width=12, dropdown="Notes", field="probability", blank_ok=True),
        Column("Impact", Kind.SCORE, width=10, dropdown="Notes", field="impact", blank_ok=True),
        Column("Criticité", Kind.COMPUTED, required=False, width=10, field="criticality"),
        Column("Mesure", required=False, width=44, field="measure", placeholder_blank=True),
        Column("Responsable", required=False, width=22, field="owner", placeholder_blank=True),
        Column("Actions liées", Kind.REF_LIST, required=False, width=14, field="actions", refers="actions"),
    ),
    key=("ID",),
    field="risks",
    feeds=(RISKS_DIM,),
)

GOVERNANCE = TableSpec(
    "Gouvernance",
    "tbl_Gouvernance",
    "shGouvernance",
    (
        Column("Instance", Kind.ID, width=30, field="name", identifies_row=True),
        Column("Rôle", width=44, field="role"),
        # Blank: governance.no_chair, for the COPIL.
        Column("Présidence", width=26, field="chair", blank_ok=True, placeholder_blank=True),
        Column("Membres", required=False, width=40, field="members"),
        Column("Fréquence", required=False, width=18, field="frequency"),
        # Blank: governance.no_date.
        Column("Date d'installation", Kind.DATE, width=18, number_format=DATE_FORMAT,
               field="installed_on", blank_ok=True),
    ),
    key=("Instance",),
    field="governance",
    feeds=(GOVERNANCE_DIM,),
)

VALIDATION = TableSpec(
    "Validation",
    "tbl_Validation",
    "shValidation",
    (
        Column("Instance", Kind.ID, width=30, field="body", identifies_row=True),
        Column("Objet", width=50, field="subject"),
        Column("Date", Kind.DATE, width=14, number_format=DATE_FORMAT, field="date"),
        Column("Statut", Kind.ENUM, required=False, enum=VALIDATION_STATUSES, width=14,
               dropdown="Statuts validation", field="status"),
    ),
    key=("Instance", "Objet"),
    field="validations",
    feeds=(VALIDATION_DIM,),
)

PARTICIPANTS = TableSpec(
    "Participants",
    "tbl_Participants",
    "shParticipants",
    (
        Column("Nom", Kind.ID, width=26, field="name", identifies_row=True),
        Column("Fonction", width=36, field="function"),
        Column("Organisation", required=False, width=28, field="organisation"),
        Column("Présence", Kind.ENUM, enum=PRESENCES, width=12, dropdown="Présences", field="presence"),
        Column("Rôle", required=False, width=16, dropdown="Rôles", dropdown_strict=False, field="role"),
    ),
    key=("Nom",),
    field="participants",
    feeds=(VALIDATION_DIM,),
)

DECISIONS = TableSpec(
    "Décisions",
    "tbl_Decisions",
    "shDecisions",
    (
        Column("N°", Kind.ID, width=6, field="number", identifies_row=True),
        Column("Décision", width=70, field="text"),
        Column("Responsable", required=False, width=24, field="owner", placeholder_blank=True),
        Column("Échéance", Kind.DATE, required=False, width=14, number_format=DATE_FORMAT, field="due", role="end"),
        # Added for the follow-up: a workbook without it reads as before (blank: still to do).
        Column("Statut", Kind.ENUM, required=False, enum=DECISION_STATUSES, width=14, dropdown="Statuts décision",
               announce_missing=False, field="status", journaled=False),
    ),
    key=("N°",),
    field="decisions",
    feeds=(GOVERNANCE_DIM,),
)

# --- Follow-up tables: what happens after the vote (optional sheets) -------------

PERCENT = "0 %"

PROGRESS = TableSpec(
    "Suivi",
    "tbl_Suivi",
    "shSuivi",
    (
        Column("Action", Kind.ID, width=10, field="action", refers="actions"),
        # The day progress was reported (a follow-up committee, a COTECH).
        Column("Date", Kind.DATE, width=14, number_format=DATE_FORMAT, field="date"),
        # Blank: read from « Avancement » (0 %: not started, 100 %: done, between: running).
        Column("Statut", Kind.ENUM, enum=ACTION_STATUSES, width=13, dropdown="Statuts action", field="status",
               blank_ok=True),
        # A share of the action done: « 40 % », 0,4 in a percent cell, or blank.
        Column("Avancement", Kind.MEASURE, required=False, width=13, number_format=PERCENT, field="percent"),
        Column("Jalon", required=False, width=36, field="milestone"),
        Column("Commentaire", required=False, width=50, field="comment"),
    ),
    key=("Action", "Date"),
    field="progress",
    feeds=(PLANNING_DIM,),
    announce_missing=False,
    journaled=False,
)

SPENDING = TableSpec(
    "Dépenses",
    "tbl_Depenses",
    "shDepenses",
    (
        Column("Action", Kind.ID, width=10, field="action", refers="actions"),
        Column("Année", Kind.YEAR, width=9, field="year"),
        # Blank: Enveloppe NR, as in « Budget ».
        Column("Financement", width=28, dropdown="Financements", dropdown_strict=False,
               field="financing", blank_ok=True, default=DEFAULT_FINANCING),
        # Blank: the nature the budget plans for the action, year and financing.
        # Its dropdown lists the two natures in the validation itself (no column of « Listes »).
        Column("Nature", Kind.ENUM, required=False, enum=NATURES, width=16, field="nature",
               dropdown='="' + ",".join(NATURES) + '"'),
        Column("Engagé (€)", Kind.AMOUNT, width=16, number_format=EUR, field="committed", blank_ok=True,
               limit=Limit.EUROS),
        Column("Mandaté (€)", Kind.AMOUNT, width=16, number_format=EUR, field="paid", blank_ok=True,
               limit=Limit.EUROS),
    ),
    key=("Action", "Année", "Financement", "Nature"),
    field="spending",
    feeds=(BUDGET_DIM,),
    announce_missing=False,
    journaled=False,
)

MEASURES = TableSpec(
    "Mesures",
    "tbl_Mesures",
    "shMesures",
    (
        Column("Indicateur", Kind.ID, width=12, field="indicator", refers="indicators"),
        # A year or a quarter, read as its end: « 2027 » is the measure at the end of 2027.
        Column("Période", Kind.QUARTER, width=12, field="period", role="end"),
        Column("Valeur", Kind.MEASURE, width=12, number_format="#,##0.##", field="value"),
        Column("Source", required=False, width=36, field="source"),
    ),
    key=("Indicateur", "Période"),
    field="measures",
    feeds=(INDICATORS_DIM,),
    announce_missing=False,
    journaled=False,
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
    # Each column is a field of journal.chain.JournalRow.
    (
        Column("N°", width=6, field="number"),
        Column("Horodatage", width=20, field="timestamp"),
        Column("Instance", width=26, field="instance"),
        Column("Auteur", width=18, field="author"),
        Column("Feuille", width=16, field="sheet"),
        Column("Clé", width=20, field="key"),
        Column("Champ", width=20, field="field"),
        Column("Ancienne valeur", width=22, field="old"),
        Column("Nouvelle valeur", width=22, field="new"),
        Column("Motif", width=40, field="reason"),
        Column("Empreinte", width=20, field="fingerprint"),
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
    PROGRESS,
    SPENDING,
    MEASURES,
)
# The follow-up tables: read by every reader, never compared by the journal.
FOLLOWUP_TABLES: tuple[TableSpec, ...] = (PROGRESS, SPENDING, MEASURES)
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
# The sheets without an input table, in tab order.
OTHER_SHEETS: tuple[SheetSpec, ...] = (
    README_SHEET, SUMMARY_SHEET, LISTS_SHEET, XLWINGS_CONF_SHEET, REFERENCE_SHEET,
)

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
    PROGRESS.sheet,
    SPENDING.sheet,
    MEASURES.sheet,
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

# --- Paramètres keys ---------------------------------------------------------


@dataclass(frozen=True)
class Parameter:
    key: str
    kind: Kind
    required: bool
    help: str
    default: object = None
    # The attribute of model.Parameters the value becomes.
    field: str = ""
    # The dimensions whose rules read the value (see Column.feeds).
    feeds: tuple[str, ...] = ()
    # False for a value of the follow-up (see TableSpec.journaled).
    journaled: bool = True


COLLECTIVITE = Parameter("Collectivité", Kind.TEXT, True, "Nom officiel de la collectivité.",
                         field="local_authority")
POPULATION = Parameter("Population", Kind.AMOUNT, False, "Nombre d'habitants (la loi REEN vise plus de 50 000).",
                       field="population",
                       feeds=(AMBITION_DIM, VALIDATION_DIM))
FORMALISED_ON = Parameter("Date de formalisation", Kind.DATE, True,
                          "Date de la feuille de route formalisée (étape 4.3 de la méthode ANCT).",
                          field="formalised_on", feeds=(GOVERNANCE_DIM, VALIDATION_DIM))
COMMITTEE_ON = Parameter("Date du comité de validation", Kind.DATE, True,
                         "Date du comité de pilotage qui valide la feuille de route (étape 5).",
                         field="committee_on", feeds=(VALIDATION_DIM,))
COMMITTEE_PLACE = Parameter("Lieu du comité", Kind.TEXT, False, "Salle et adresse du comité.",
                            field="committee_place")
COMMITTEE_CHAIR = Parameter("Présidence du comité", Kind.TEXT, True,
                            "Élu(e) qui préside le comité et signe l'annonce.", field="committee_chair",
                            feeds=(VALIDATION_DIM,))
MINUTES_APPROVED_ON = Parameter(
    "Compte rendu approuvé le", Kind.DATE, False,
    "Date à laquelle la présidence approuve le compte rendu (vide : le compte rendu reste un projet).",
    field="minutes_approved_on")
AMBITION = Parameter("Ambition", Kind.TEXT, False, "L'ambition politique en une ou deux phrases.",
                     field="ambition", feeds=(AMBITION_DIM,))
VERSION = Parameter("Version", Kind.TEXT, False, "Version de la feuille de route (ex. 1.0).", "1.0",
                    field="version")
GOVERNANCE_DELAY = Parameter(
    "Délai de mise en place de la gouvernance (jours)", Kind.AMOUNT, False,
    "Délai après la formalisation pour installer les instances (30 jours par défaut).", 30,
    field="governance_delay_days", feeds=(GOVERNANCE_DIM,))
DAYS_PER_FTE = Parameter(
    "Jours-homme par ETP", Kind.AMOUNT, False,
    "Jours-homme qu'un équivalent temps plein apporte à la feuille de route dans une année, pour lire "
    "« 0,5 ETP » dans « Charge » et « Capacités » (vide : 1 607 h à 7 h par jour, soit 229,6 j-h).",
    field="days_per_fte", feeds=(RESOURCES_DIM,))
AUTHORITY_TYPE = Parameter(
    "Type de collectivité", Kind.TEXT, False,
    "Commune, EPCI (communauté, métropole), département, région ou autre : dit si la loi REEN s'applique "
    "(vide : lu dans le nom de la collectivité).", field="authority_type", feeds=(VALIDATION_DIM,))
LOGO = Parameter("Logo", Kind.TEXT, False,
                 "Chemin de l'image PNG ou JPEG (2 Mo au plus) imprimée en tête des documents, à côté du classeur "
                 "ou complet (vide : pas de logo).", field="logo")
DIFFUSION = Parameter("Diffusion", Kind.TEXT, False,
                      "Destinataires du compte rendu en plus des participants, séparés par « ; ».", field="diffusion")
MINUTES_ANNEXES = Parameter("Annexes du compte rendu", Kind.TEXT, False,
                            "« Non » : le compte rendu s'arrête au relevé de décisions (vide ou « Oui » : avec ses "
                            "annexes).", field="minutes_annexes")
CONTACT = Parameter("Contact", Kind.TEXT, False, "Nom et courriel imprimés sur l'annonce de lancement.",
                    field="contact")
DOCUMENTS_FOLDER = Parameter(
    "Dossier des documents", Kind.TEXT, False,
    "Dossier où le ruban enregistre les documents Word (vide : à côté du classeur).",
    field="documents_folder")
COMMITTEE_DECISION = Parameter(
    "Décision du comité", Kind.TEXT, False,
    "Décision enregistrée par « Valider » : Validée, Validée sous réserve ou Ajournée (vide : pas encore décidée).",
    field="committee_decision")
RESERVATIONS = Parameter("Réserves", Kind.TEXT, False,
                         "Réserves du comité quand la feuille de route est validée sous réserve.",
                         field="reservations")

FOLLOWUP_ON = Parameter(
    "Date du comité de suivi", Kind.DATE, False,
    "Date du comité de pilotage de suivi que l'on prépare : l'avancement, les retards et les décisions échues "
    "s'apprécient à ce jour (vide : la date la plus récente de « Suivi »).",
    field="followup_on", feeds=(PLANNING_DIM, GOVERNANCE_DIM), journaled=False)

# In the order of the template's Paramètres sheet.
PARAMETERS: tuple[Parameter, ...] = (
    COLLECTIVITE, POPULATION, FORMALISED_ON, COMMITTEE_ON, COMMITTEE_PLACE, COMMITTEE_CHAIR,
    MINUTES_APPROVED_ON, AMBITION, VERSION, GOVERNANCE_DELAY, CONTACT, DOCUMENTS_FOLDER,
    COMMITTEE_DECISION, RESERVATIONS, DAYS_PER_FTE, AUTHORITY_TYPE, LOGO, DIFFUSION, MINUTES_ANNEXES,
    FOLLOWUP_ON,
)
PARAMETERS_BY_KEY = {normalize(p.key): p for p in PARAMETERS}


