"""Findings, their catalogue of codes, and the report that owns the exit code."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any, NamedTuple
from collections.abc import Mapping

from nr_xl.core import fmt
from nr_xl.core.committee import CommitteeFigures
from nr_xl.core.schema import DIMENSIONS, EXTRA_DIMENSIONS, STRUCTURE_DIM as STRUCTURE


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self.value]

    @property
    def label(self) -> str:
        """What a user reads in the first column of « Contrôles » and in the terminal."""
        return SEVERITY_LABEL[self]

    @property
    def status(self) -> str:
        """The status of a report (or a dimension) whose gravest finding has this severity."""
        return SEVERITY_STATUS[self]


# The one status vocabulary. A status's value is what the JSON report says;
# its label what the Contrôles sheet, the terminal and the documents print.
STATUS_BLOCKING = "bloquant"
STATUS_TO_ARBITRATE = "à arbitrer"
STATUS_FEASIBLE = "faisable"
# A dimension whose rules could not run on a cell they need (unreadable, missing):
# never « faisable » for want of reading it.
STATUS_UNVERIFIED = "non vérifié"
STATUSES = (STATUS_BLOCKING, STATUS_UNVERIFIED, STATUS_TO_ARBITRATE, STATUS_FEASIBLE)  # gravest first
STATUS_LABEL = {STATUS_BLOCKING: "Bloquant", STATUS_UNVERIFIED: "Non vérifié", STATUS_TO_ARBITRATE: "À arbitrer",
                STATUS_FEASIBLE: "Faisable"}
_STATUS_RANK = {status: rank for rank, status in enumerate(STATUSES)}
# The workbook's own verdict, apart from feasibility: can every cell the rules need be read?
COMPLETE, TO_COMPLETE = "complet", "à compléter"
COMPLETENESS_LABEL = {COMPLETE: "Complet", TO_COMPLETE: "À compléter"}
_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
SEVERITY_LABEL = {Severity.ERROR: "Bloquant", Severity.WARNING: "Alerte", Severity.INFO: "Info"}
# An error of the reading blocks the check of a cell, not the roadmap: « À corriger ».
TO_FIX_LABEL = "À corriger"
GRAVITY_LABELS = frozenset(SEVERITY_LABEL.values()) | {TO_FIX_LABEL}  # the first column of « Contrôles »
SEVERITY_STATUS = {Severity.ERROR: STATUS_BLOCKING, Severity.WARNING: STATUS_TO_ARBITRATE,
                   Severity.INFO: STATUS_FEASIBLE}
# How a count of findings of each severity reads (« 3 bloquant(s), 2 alerte(s) »).
SEVERITY_COUNTED = {Severity.ERROR: "bloquant(s)", Severity.WARNING: "alerte(s)",
                    Severity.INFO: "information(s)"}


class Wording(NamedTuple):
    """The templates of one wording of a finding."""

    message: str
    suggestion: str


@dataclass(frozen=True)
class Grade:
    """Another severity for a code's findings, where the stake differs from the usual
    one, declared beside the code so that docs/constats.md shows why a point blocks or
    is left to the committee: ``when`` says in French when it applies, ``limits`` holds
    the thresholds the check reads (so a threshold is changed here, and only here)."""

    name: str
    severity: Severity
    when: str
    limits: Mapping[str, Decimal] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Code:
    """One kind of finding, declared once: what it is, the rule behind it, and the
    words of its message.

    ``message`` and ``suggestion`` are ``str.format`` templates with named
    placeholders: a check passes the values (numbers and dates already worded by
    ``fmt``), and the location of the finding (``sheet``, ``row``, ``field``,
    ``key``) is available to the template too. ``variants`` holds the other
    wordings of the same rule, by name. ``example``: values the catalogue
    (docs/constats.md) renders its example message with, beside
    ``reference_docs.SAMPLE`` (``variant``: the wording it shows).
    """

    code: str
    severity: Severity
    dimension: str
    title: str  # French, one line: what the rule is about
    key: str = ""  # French: what the finding's key is made of
    rule: str = ""  # French, one sentence: when the finding is reported
    message: str = ""
    suggestion: str = ""
    variants: Mapping[str, Wording] = field(default_factory=dict, compare=False)
    example: Mapping[str, Any] = field(default_factory=dict, compare=False)
    # The severities by stake, beside ``severity`` (the usual one): see Grade.
    grades: tuple[Grade, ...] = field(default=(), compare=False)
    # Thresholds the check reads, declared here so that the rule the catalogue prints and the
    # check that applies it say the same (a threshold is changed here, and only here).
    limits: Mapping[str, Decimal] = field(default_factory=dict, compare=False)

    def grade(self, name: str) -> Grade:
        return next(g for g in self.grades if g.name == name)

    def wording(self, variant: str | None = None) -> Wording:
        """The templates of ``variant`` (None: the main wording)."""
        return Wording(self.message, self.suggestion) if variant is None else self.variants[variant]

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741 (I for INFO, beside E and W)
# Names of the grades the checks ask for.
NOT_VOTED, ONE_OFF, LEGAL = "non_votee", "ponctuel", "obligation"
WITHIN_MARGIN = "dans_la_marge"

# The trajectory of a measured indicator: a measure this far from the straight line between
# its baseline and its target (a share of the distance between them) is off track.
TRAJECTORY_TOLERANCE = Decimal("0.10")
_AS_OF = ("« Date du comité de suivi » de « Paramètres », sinon la date la plus récente de « Suivi »")
FOLLOWUP_CODES = (
    Code("followup.action_late", W, "Planning", "Action en retard sur son calendrier",
         key="action (`B2.3`)",
         rule="À la date du suivi (" + _AS_OF + "), une action n'a pas démarré alors que son trimestre de début "
              "est passé, ou n'est pas terminée alors que son trimestre de fin est passé ; son statut est le "
              "dernier déclaré dans « Suivi » à cette date, sinon celui de « Feuille de route ». Ne s'applique "
              "qu'une fois le suivi commencé.",
         message="Au {date}, l'action {action} n'a pas démarré alors qu'elle devait commencer au {start} "
                 "(statut : {status}{reported}).",
         suggestion="Faire décider par le comité un nouveau calendrier de {action}, ou lever ce qui la bloque.",
         variants={"not_finished": Wording(
             "Au {date}, l'action {action} n'est pas terminée alors qu'elle devait l'être au {end} "
             "(statut : {status}{reported}).",
             "Faire décider par le comité une nouvelle fin pour {action}, ou les moyens de la terminer.")},
         example={"date": "16 mars 2027", "status": "À lancer", "reported": ", déclaré le 1er mars 2027"}),
    Code("followup.started_before_dependency", W, "Planning", "Action démarrée avant la fin de sa dépendance",
         key="action/dépendance (`B6.2/B2.4`)",
         rule="À la date du suivi, une action est en cours ou terminée alors qu'une action dont elle dépend "
              "(« Dépendances ») n'est pas terminée.",
         message="Au {date}, l'action {action} est « {status} » alors que {dependency}, dont elle dépend, "
                 "n'est pas terminée (statut : {dependency_status}).",
         suggestion="Vérifier que {action} peut avancer sans {dependency}, ou faire décider l'ordre des actions.",
         example={"date": "16 mars 2027", "status": "En cours", "dependency_status": "En cours"}),
    Code("followup.decision_overdue", W, "Gouvernance", "Décision échue non faite",
         key="`N°` de la décision",
         rule="À la date du suivi, une décision de « Décisions » a passé son « Échéance » sans être "
              "« Faite » ni « Abandonnée » (colonne facultative « Statut » ; vide : « À faire »).",
         message="La décision n° {decision} ({text}) devait être faite le {due} ; au {date}, elle est "
                 "« {status} ».",
         suggestion="Faire le point avec {owner} et fixer une nouvelle échéance, ou noter dans « Statut » ce "
                    "qu'elle est devenue.",
         example={"decision": "2", "text": "chiffrer un renfort de la DSI", "due": "15 janvier 2027",
                  "date": "16 mars 2027", "status": "À faire", "owner": "Karim Benali"}),
    Code("followup.spending_above_plan", W, "Budget", "Dépenses au-delà du budget prévu",
         key="action/année (`B3.1/2027`)",
         rule="Les dépenses d'une action une année (dans « Dépenses », l'engagé, ou le mandaté s'il est plus "
              "élevé) dépassent ce que « Budget » prévoit pour elle cette année-là, tous financements confondus.",
         message="En {year}, {action} a engagé {spent} pour {planned} prévus au budget (+{over}).",
         suggestion="Faire acter le dépassement par le comité (budget de {action} revu, autre dépense décalée) "
                    "ou suspendre les engagements.",
         example={"spent": fmt.euros(Decimal(52_000)), "planned": fmt.euros(Decimal(45_000)),
                  "over": fmt.euros(Decimal(7_000))},
         grades=(Grade(WITHIN_MARGIN, I, "le dépassement reste dans 10 % du prévu de l'action cette année-là : "
                                         "à acter, pas à arbitrer", limits={"margin": Decimal("0.10")}),)),
    Code("followup.spending_above_envelope", E, "Budget", "Dépenses au-delà de l'enveloppe",
         key="année/nature, ou année/financement/nature hors financement par défaut (`2027/Investissement`)",
         rule="Les dépenses engagées une année, sur un financement et une nature, dépassent l'enveloppe "
              "correspondante (« Enveloppes ») ; la nature d'une dépense est sa colonne « Nature », sinon "
              "celle que « Budget » prévoit pour l'action, l'année et le financement.",
         message="En {year}, les dépenses engagées en {nature} sur « {financing} » ({spent}) dépassent "
                 "l'enveloppe ({envelope}) de {over}.",
         suggestion="Faire voter une décision modificative, ou décaler des engagements sur {next_year}.",
         variants={"no_envelope": Wording(
             "En {year}, {spent} de dépenses en {nature} sont engagées sur « {financing} », qui n'a aucune "
             "enveloppe cette année-là.",
             "Ajoutez l'enveloppe {year} / « {financing} » dans « Enveloppes », ou corrigez le financement "
             "des dépenses.")},
         example={"spent": fmt.euros(Decimal(195_000)), "envelope": fmt.euros(Decimal(180_000)),
                  "over": fmt.euros(Decimal(15_000)), "next_year": 2028},
         grades=(Grade(NOT_VOTED, W, "l'enveloppe n'est que « Demandée » ou « À confirmer » : son montant "
                                     "reste à voter, le comité arbitre"),)),
    Code("followup.measure_off_track", W, "Indicateurs", "Mesure hors de la trajectoire",
         key="indicateur/période (`I02/2027-T4`)",
         rule="La dernière mesure d'un indicateur (« Mesures ») s'écarte de sa trajectoire, la droite qui va "
              "de sa valeur de référence (fin de l'année de référence) à sa cible (fin de l'échéance), de plus "
              f"de {fmt.percent(TRAJECTORY_TOLERANCE)} de l'écart entre la référence et la cible, dans le "
              "mauvais sens (« Sens », sinon celui qui va de la référence à la cible).",
         message="L'indicateur {indicator} « {name} » mesure {value} au {period} ; sa trajectoire attendait "
                 "{expected} (de {baseline} en {baseline_year} à {target} en {deadline}, tolérance {tolerance}).",
         suggestion="Analyser l'écart avec {owner} et faire décider une action corrective, ou revoir la cible.",
         example={"name": "Part des achats informatiques reconditionnés", "value": "11,9 %", "period": "2027-T4",
                  "expected": "13,67 %", "baseline": "8 %", "baseline_year": 2026, "target": "25 %",
                  "deadline": 2029, "tolerance": "± 1,7 %", "owner": "Marc Dubreuil"},
         limits={"tolerance": TRAJECTORY_TOLERANCE}),
    Code("followup.measure_below_floor", E, "Indicateurs", "Mesure sous le plancher légal",
         key="indicateur/période (`I03/2027-T4`)",
         rule="Un indicateur suit une obligation (« Obligation ») et la dernière mesure d'une année est sous le "
              "plancher légal en vigueur cette année-là.",
         message="L'indicateur {indicator} mesure {value} % au {period}, sous le plancher légal de {floor} % "
                 "en vigueur en {year} ({source}).",
         suggestion="Faire décider par le comité ce qui rattrapera l'écart ({summary}).",
         example={"value": "42", "period": "2027-T4", "year": 2027}),
    Code("followup.unknown_reference", W, "Structure", "Suivi d'une action ou d'un indicateur inconnu",
         key="feuille et ligne (`Suivi!7`)",
         rule="Une ligne de « Suivi », « Dépenses » ou « Mesures » cite une action ou un indicateur absent de "
              "la feuille de route : elle n'est pas comptée.",
         message="« {sheet} », ligne {row} : « {reference} » ne désigne aucun{e} {what} de la feuille "
                 "« {where} » ; la ligne n'est pas comptée.",
         suggestion="Corrigez l'identifiant, ou ajoutez l'élément à la feuille « {where} ».",
         example={"sheet": "Suivi", "row": 7, "reference": "B9.9", "e": "e", "what": "action",
                  "where": "Feuille de route"}),
)

_UNKNOWN_ACTION_FIX = "Corrigez l'identifiant de l'action ou ajoutez l'action à la feuille de route."
_CELL = Wording("{key} (« {field} ») : {detail}.", "{advice}")
_PARAMETER = Wording("{key} (paramètre « {parameter} ») : {detail}.", "{advice}")
_CELL_KEY = "cellule en cause (`Feuille!B7`)"


def _cell(code: str, severity: Severity, title: str, rule: str, detail: str, advice: str,
          where: tuple[str, str] = ("Budget!C7", "Investissement (€)"), variant: str | None = None) -> Code:
    """An input code of one cell (read by build.py): « Budget!C7 (« Année ») : … »,
    or « Paramètres!B9 (paramètre « … ») : … » for a parameter (``where``: its
    example's cell and column, or parameter)."""
    return Code(f"input.{code}", severity, "Structure", title, key=_CELL_KEY, rule=rule,
                message=_CELL.message, suggestion=_CELL.suggestion, variants={"parameter": _PARAMETER},
                example={"key": where[0], "field": where[1], "parameter": where[1], "detail": detail,
                         "advice": advice, "variant": variant})


# Every finding code, declared once (docs/constats.md is generated from it). Extend, never rename.
CODES: dict[str, Code] = {
    c.code: c
    for c in (
        Code("budget.envelope_exceeded", E, "Budget", "Enveloppe dépassée",
             key="année/nature, ou année/financement/nature hors financement par défaut (`2027/Investissement`)",
             rule="Les dépenses d'une année, d'un financement et d'une nature (investissement ou fonctionnement) "
                  "dépassent le montant de l'enveloppe correspondante.",
             message="En {year}, {nature_phrase} ({planned}) dépasse l'enveloppe « {financing} » ({envelope}) "
                     "de {over}{share}.",
             suggestion="{advice}",
             example={"advice": "Décaler une partie de A03 en 2028, où 15 000 € restent disponibles, ou "
                                "augmenter l'enveloppe 2027."},
             grades=(Grade(NOT_VOTED, W, "l'enveloppe dépassée n'est que « Demandée » ou « À confirmer » : son "
                                         "montant reste à fixer au vote du budget, le comité arbitre ce qu'il "
                                         "demande (une enveloppe « Votée », « Inscrite au budget » ou sans "
                                         "statut bloque)"),)),
        Code("budget.no_envelope", E, "Budget", "Dépense sans enveloppe",
             key="année/nature, ou année/financement/nature (`2027/Investissement`)",
             rule="Des dépenses sont prévues une année sur un financement qui n'a aucune ligne dans « Enveloppes ».",
             message="En {year}, {nature_phrase} sur « {financing} » ({planned}) n'a aucune enveloppe ({actions}).",
             suggestion="Ajoutez dans « Enveloppes » une ligne {year} / « {financing} », ou rattachez ces "
                        "dépenses à un financement existant."),
        Code("budget.outside_action_period", W, "Budget", "Budget hors de la période de l'action",
             key="action/année (`A03/2029`)",
             rule="Une ligne de « Budget » tombe une année où l'action ne se déroule pas (entre son début et sa fin).",
             message="Budget, ligne {row} : {action} est budgétée en {year} alors qu'elle se déroule de {start} "
                     "à {end}.",
             suggestion="Ramenez la dépense dans la période de l'action, ou prolongez {action}."),
        Code("budget.unknown_action", E, "Budget", "Ligne de budget d'une action inconnue",
             key="action/année (`A99/2027`)",
             rule="Une ligne de « Budget » cite une action absente de la feuille « Feuille de route ».",
             message="Budget, ligne {row} : l'action « {action} » n'existe pas dans la feuille « Feuille de route ».",
             suggestion=_UNKNOWN_ACTION_FIX),
        Code("budget.negative_amount", E, "Budget", "Montant négatif",
             key="action/année (`A03/2027`)",
             rule="Un montant d'investissement ou de fonctionnement de « Budget » est négatif.",
             message="Budget, ligne {row} : montant négatif en {nature} ({amount}).",
             suggestion="Saisissez un montant positif ; une économie attendue se note dans la description de "
                        "l'action, pas en dépense négative."),
        Code("budget.unconfirmed_envelope", W, "Budget", "Dépense sur une enveloppe non votée",
             key="année/financement (`2029/Enveloppe NR`)",
             rule="Des dépenses reposent sur une enveloppe dont le statut n'est ni « Votée » ni « Inscrite au "
                  "budget » (« Demandée », « À confirmer »…) ; le message donne le montant en jeu de l'année.",
             message="En {year}, {total} de dépenses ({detail}) reposent sur l'enveloppe « {financing} », dont "
                     "le statut est « {status} » : elle n'est ni votée ni inscrite au budget.",
             suggestion="Faire confirmer l'enveloppe {year} au vote du budget, ou prévoir ce qui sera différé si "
                        "elle est réduite."),
        Code("budget.abandoned_action", I, "Budget", "Budget d'une action abandonnée (hors totaux)",
             key="action (`B3.3`)",
             rule="Des lignes de « Budget » citent une action « Abandonnée » : elles sont exclues des totaux.",
             message="L'action {action} est abandonnée : ses {lines} ligne(s) de budget ({total}) ne sont plus "
                     "comptées dans les totaux.",
             suggestion="Supprimez ces lignes, ou rattachez-les à l'action qui reprend la dépense."),
        Code("capacity.overload", E, "Ressources", "Surcharge d'un service",
             key="service/trimestre (`DSI/2027-T3`)",
             rule="Un trimestre, la charge d'un service (chaque ligne de « Charge » répartie également sur les "
                  "trimestres actifs de l'action dans l'année) dépasse le quart de ses jours-homme disponibles "
                  "de l'année.",
             message="Au {quarter}, la charge de {service} ({load}) dépasse sa capacité trimestrielle ({capacity}) "
                     "de {over}{share} — {detail}.",
             suggestion="Étaler ou décaler {action}{target} ou renforcer {service} (renfort, prestation).",
             example={"over": fmt.days(10), "share": f" (+{fmt.percent(0.1)})",
                      "detail": f"A03 : {fmt.days(60)}, A05 : {fmt.days(50)}"},
             grades=(Grade(ONE_OFF, W, "la surcharge est ponctuelle : c'est le seul trimestre surchargé du service "
                                       "dans l'année, l'excédent ne dépasse pas 10 % de ses jours-homme de "
                                       "l'année, et sur l'année sa charge reste sous sa capacité ; un lissage "
                                       "entre trimestres suffit, le comité l'arbitre",
                           {"max_share_of_year": Decimal("0.10")}),)),
        Code("capacity.near_limit", W, "Ressources", "Service proche de sa capacité",
             key="service/trimestre (`DSI/2027-T3`)",
             rule="Un trimestre, la charge d'un service dépasse 90 % de sa capacité trimestrielle sans la dépasser.",
             message="Au {quarter}, la charge de {service} ({load}) atteint {share} de sa capacité trimestrielle "
                     "({capacity}) — {detail}.",
             suggestion="Aucune marge pour un imprévu : sécurisez un renfort ou étalez une action.",
             example={"load": fmt.days(95), "share": fmt.percent(0.95),
                      "detail": f"A03 : {fmt.days(60)}, A05 : {fmt.days(35)}"}),
        Code("capacity.unknown_service", E, "Ressources", "Service sans capacité déclarée",
             key="service/année (`Communication/2027`)",
             rule="Un service a de la charge une année sans ligne de capacité dans « Capacités » pour cette année.",
             message="Le service « {service} » porte {load} de charge en {year} mais n'a aucune capacité "
                     "déclarée pour cette année.",
             suggestion="Ajoutez dans « Capacités » une ligne « {service} » / {year} (jours-homme disponibles pour "
                        "la feuille de route), ou corrigez le nom du service."),
        Code("capacity.unknown_action", E, "Ressources", "Charge d'une action inconnue",
             key="action/service/année (`A99/DSI/2027`)",
             rule="Une ligne de « Charge » cite une action absente de la feuille de route ; sa charge est comptée "
                  "sur toute l'année.",
             message="Charge, ligne {row} : l'action « {action} » n'existe pas dans « Feuille de route » (sa charge "
                     "est comptée sur toute l'année).",
             suggestion=_UNKNOWN_ACTION_FIX),
        Code("capacity.outside_action_period", W, "Ressources", "Charge hors de la période de l'action",
             key="action/année (`A03/2029`)",
             rule="Une ligne de « Charge » tombe une année où l'action ne se déroule pas ; sa charge est comptée "
                  "sur toute l'année.",
             message="Charge, ligne {row} : {action} mobilise {service} en {year} alors qu'elle se déroule de "
                     "{start} à {end} (charge comptée sur toute l'année {year}).",
             suggestion="Ramenez la charge dans la période de l'action, ou prolongez {action}."),
        Code("capacity.abandoned_action", I, "Ressources", "Charge d'une action abandonnée (hors totaux)",
             key="action (`B3.3`)",
             rule="Des lignes de « Charge » citent une action « Abandonnée » : elles sont exclues de la charge "
                  "des services.",
             message="L'action {action} est abandonnée : ses {lines} ligne(s) de charge ({total}) ne sont plus "
                     "comptées dans la charge des services.",
             suggestion="Supprimez ces lignes, ou rattachez-les à l'action qui reprend le travail.",
             example={"total": fmt.days(40)}),
        Code("resources.concentration", W, "Ressources", "Responsabilités trop concentrées",
             key="service ou personne (`DSI`, `Léa Fontaine`)",
             rule="Un service pilote plus de la moitié des actions (à partir de 4 actions), ou une personne cumule "
                  "plus du tiers des responsabilités nommées (présidences, indicateurs, risques, décisions ; 6 au "
                  "moins) ; une personne est reconnue avant sa virgule ou sa parenthèse.",
             message="{service} pilote {count} des {total} actions : la feuille de route dépend d'un seul service.",
             suggestion="Confiez le pilotage de certaines actions à d'autres directions (la DSI contribue, le "
                        "métier pilote).",
             variants={"person": Wording(
                 message="{person} cumule {count} des {total} responsabilités nommées ({duties}).",
                 suggestion="Répartissez ces responsabilités (suppléant, référents) pour que la feuille de route ne dépende "
                 "pas d'une seule personne.")},
             example={"count": 5, "total": 8}),
        Code("skills.missing", E, "Compétences", "Compétence absente",
             key="action/compétence (`A04/Écoconception`)",
             rule="Aucun service qui travaille sur l'action ne détient une compétence qu'elle requiert, et aucun "
                  "autre non plus (sinon `skills.elsewhere`).",
             message="L'action {action} requiert la compétence « {skill} », {held}.",
             suggestion="Prévoir une formation, un recrutement ou une prestation (et son budget), ou déclarer la "
                        "compétence dans « Compétences » si un service la détient."),
        Code("skills.partial", W, "Compétences", "Compétence partielle",
             key="action/compétence (`A04/Écoconception`)",
             rule="Le meilleur niveau d'une compétence requise parmi le pilote et les services chargés sur "
                  "l'action est « Partielle ».",
             message="L'action {action} requiert « {skill} », que {holders} ne maîtrise que partiellement.",
             suggestion="Prévoir un accompagnement (formation, appui ponctuel) avant le démarrage{alternative}."),
        Code("skills.elsewhere", W, "Compétences", "Compétence détenue hors des services de l'action",
             key="action/compétence (`B4.4/Achats responsables`)",
             rule="La compétence requise n'est détenue (acquise ou partielle) que par un service qui ne travaille "
                  "pas sur l'action : ni pilote, ni charge dans « Charge ».",
             message="L'action {action} requiert « {skill} », détenue par {holders} ({level}), qui ne travaille "
                     "pas sur l'action (pilote : {pilot}).",
             suggestion="Mobiliser {holders} (ajouter sa charge dans « Charge ») ou transférer la compétence au "
                        "service pilote."),
        Code("alignment.priority_uncovered", W, "Ambition politique", "Priorité non couverte",
             key="priorité (`P2`)",
             rule="Aucune action ne cite une priorité stratégique de la feuille « Priorités ».",
             message="La priorité {priority} « {title} » n'est servie par aucune action.",
             suggestion="Rattachez-lui au moins une action, ou faites acter par le comité qu'elle est reportée."),
        Code("alignment.action_without_priority", W, "Ambition politique", "Action sans priorité",
             key="action (`A07`)",
             rule="La colonne « Priorités » d'une action est vide.",
             message="L'action {action} n'est rattachée à aucune priorité stratégique.",
             suggestion="Indiquez dans « Priorités » l'identifiant de la priorité qu'elle sert (ex. P1), ou "
                        "interrogez son maintien dans la feuille de route."),
        Code("alignment.unknown_priority", E, "Ambition politique", "Priorité inconnue",
             key="action/priorité (`A07/P9`)",
             rule="Une action cite une priorité absente de la feuille « Priorités ».",
             message="L'action {action} cite la priorité « {priority} », absente de la feuille « Priorités ».",
             suggestion="Corrigez l'identifiant ou ajoutez cette priorité à la feuille « Priorités »."),
        Code("alignment.no_ambition", W, "Ambition politique", "Ambition politique absente",
             key="vide",
             rule="Le paramètre « Ambition » est vide ou ne tient lieu que de texte d'attente (« à définir », "
                  "« TBD », « … ») : la feuille de route n'affiche pas ce qu'elle vise.",
             message="L'ambition politique n'est pas écrite{detail}.",
             suggestion="Écrivez dans « Paramètres », ligne « Ambition », ce que la collectivité vise en une ou "
                        "deux phrases, validées avec l'élu(e) qui porte la démarche.",
             example={"detail": " (« à définir »)"}),
        Code("legal.rgaa_incomplete", W, "Ambition politique", "Accessibilité : déclaration ou schéma absent",
             key="vide",
             rule="Aucune action, aucun indicateur ni aucune décision ne prévoit la déclaration d'accessibilité "
                  "ou le schéma pluriannuel de mise en accessibilité ; toute collectivité y est tenue pour ses "
                  "services en ligne (loi n° 2005-102 art. 47, décret n° 2019-768).",
             message="La feuille de route ne prévoit pas {what}, que la loi impose pour les services en ligne de "
                     "la collectivité.",
             suggestion="Ajoutez une action (ou complétez l'action d'accessibilité) : publier la déclaration "
                        "d'accessibilité de chaque service en ligne et adopter le schéma pluriannuel de mise en "
                        "accessibilité avec son plan d'action annuel.",
             example={"what": "la déclaration d'accessibilité ni le schéma pluriannuel de mise en accessibilité"}),
        Code("schedule.invalid_period", E, "Planning", "Période invalide",
             key="action (`A07`)",
             rule="Une action n'a pas de « Début » ou de « Fin » lisible, ou se termine avant de commencer.",
             message="L'action {action} n'a pas de {missing}.",
             suggestion="Renseignez le premier et le dernier trimestre de l'action (ex. 2027-T1 et 2027-T4).",
             variants={"reversed": Wording(
                 message="L'action {action} se termine ({end}) avant de commencer ({start}).",
                 suggestion="Corrigez « Début » ou « Fin » : Fin est le dernier trimestre d'activité, inclus.")},
             example={"missing": "Fin"}),
        Code("schedule.dependency_order", W, "Planning", "Dépendance non terminée",
             key="action/dépendance (`A07/A03`)",
             rule="Une action démarre au plus tard le trimestre où se termine une action dont elle dépend.",
             message="L'action {action} démarre au {start} alors que {dependency}, dont elle dépend, ne se termine "
                     "qu'au {end}.",
             suggestion="Décaler le début de {action} après le {end}, ou revoir la dépendance."),
        Code("schedule.unknown_dependency", E, "Planning", "Dépendance inconnue",
             key="action/dépendance (`A07/A99`)",
             rule="La colonne « Dépendances » d'une action cite une action absente de la feuille de route.",
             message="L'action {action} dépend de « {dependency} », absente de la feuille de route.",
             suggestion="Corrigez l'identifiant dans « Dépendances » ou ajoutez l'action manquante."),
        Code("schedule.dependency_cycle", E, "Planning", "Dépendances circulaires",
             key="le cycle, action par action (`A03/A07/A03`)",
             rule="Des actions dépendent les unes des autres en boucle ; chaque boucle est signalée une fois, sur "
                  "sa première action dans la feuille.",
             message="Dépendances circulaires : {chain}. Aucune de ces actions ne peut démarrer.",
             suggestion="Supprimez l'une de ces dépendances."),
        Code("kpi.action_without_kpi", W, "Indicateurs", "Action sans indicateur",
             key="action (`A07`)",
             rule="Une action qui n'est pas abandonnée ne cite aucun indicateur (recommandation de la méthode).",
             message="L'action {action} n'est suivie par aucun indicateur{obligation}.",
             suggestion="Indiquez dans « Indicateurs » l'ID d'un indicateur de la feuille « Indicateurs » (ou "
                        "créez-en un) pour pouvoir rendre compte de son avancement.",
             example={"obligation": ""},
             grades=(Grade(LEGAL, E, "l'action répond à une obligation légale (réemploi, achats issus du réemploi, "
                                     "stratégie REEN, accessibilité) : sans indicateur, son respect ne peut pas "
                                     "être suivi"),)),
        Code("kpi.unknown_reference", E, "Indicateurs", "Indicateur inconnu",
             key="action/indicateur (`A07/I99`)",
             rule="Une action cite un indicateur absent de la feuille « Indicateurs ».",
             message="L'action {action} cite l'indicateur « {indicator} », absent de la feuille « Indicateurs ».",
             suggestion="Corrigez l'identifiant ou ajoutez l'indicateur à la feuille « Indicateurs »."),
        Code("kpi.incomplete", E, "Indicateurs", "Indicateur incomplet",
             key="indicateur (`I05`)",
             rule="Un indicateur n'a pas de « Responsable » ou pas de « Cible ».",
             message="L'indicateur {indicator} « {name} » n'a {lacks}.",
             suggestion="Sans responsable ni cible, l'indicateur ne sera ni mesuré ni interprété : renseignez "
                        "{fields}.",
             example={"lacks": "pas de « Cible »", "fields": "« Cible »"}),
        Code("kpi.weak_definition", W, "Indicateurs", "Indicateur mal défini",
             key="indicateur (`I05`)",
             rule="Il manque à un indicateur son « Unité », sa « Valeur de référence », sa « Fréquence », sa "
                  "« Source » ou son « Échéance ».",
             message="L'indicateur {indicator} « {name} » est incomplet : {lack} {fields}.",
             suggestion="Un bon indicateur a une unité, une valeur de référence, une cible et son échéance, une "
                        "fréquence, un responsable et une source de données.",
             example={"lack": "manque", "fields": "« Source »"}),
        Code("kpi.below_legal_floor", E, "Indicateurs", "Cible sous le plancher légal",
             key="indicateur (`I03`)",
             rule="L'indicateur suit une obligation (colonne « Obligation ») et sa cible est sous le plancher en "
                  "vigueur l'année de son échéance (une part saisie 0,5 vaut 50 %).",
             message="L'indicateur {indicator} vise {target} % en {deadline}, sous le plancher légal de {floor} % "
                     "({source}).",
             suggestion="Relevez la cible à {floor} % au moins : {summary}.",
             example={"target": fmt.number(40)}),
        Code("kpi.obligation_unfollowed", W, "Indicateurs", "Obligation légale sans indicateur",
             key="nom de l'obligation",
             rule="Aucun indicateur ne suit une obligation légale applicable (la stratégie REEN ne s'applique "
                  "qu'au-delà de 50 000 habitants quand la population est connue).",
             message="Aucun indicateur ne suit l'obligation « {obligation} » : {summary} ({source}).",
             suggestion="Choisissez « {obligation} » dans la colonne « Obligation » de l'indicateur qui la suit, "
                        "ou ajoutez-en un."),
        Code("kpi.deadline_outside_period", W, "Indicateurs", "Échéance hors de la période",
             key="indicateur (`I05`)",
             rule="L'échéance d'un indicateur tombe hors des années de la feuille de route (premier début – "
                  "dernière fin des actions).",
             message="L'indicateur {indicator} a pour échéance {deadline}, hors de la période de la feuille de "
                     "route ({first}-{last}).",
             suggestion="Fixez une cible intermédiaire à une année de la période, pour pouvoir en rendre compte "
                        "pendant la mise en œuvre.",
             example={"deadline": 2032}),
        Code("kpi.baseline_after_deadline", W, "Indicateurs", "Référence postérieure à l'échéance",
             key="indicateur (`I05`)",
             rule="L'année de référence d'un indicateur est postérieure à son échéance.",
             message="L'indicateur {indicator} a une année de référence ({baseline_year}) postérieure à son "
                     "échéance ({deadline}).",
             suggestion="Vérifiez les deux années : la référence précède la cible.",
             example={"baseline_year": 2029}),
        Code("kpi.target_equals_baseline", W, "Indicateurs", "Cible égale à la référence",
             key="indicateur (`I05`)",
             rule="La cible d'un indicateur est égale à sa valeur de référence.",
             message="L'indicateur {indicator} a une cible égale à sa valeur de référence ({target}) : il ne "
                     "mesure aucun progrès.",
             suggestion="Fixez une cible qui traduit l'ambition, ou précisez qu'il s'agit de maintenir un niveau "
                        "(dans « Indicateur »).",
             example={"target": fmt.number(35)}),
        Code("kpi.wrong_direction", E, "Indicateurs", "Cible dans le mauvais sens",
             key="indicateur (`I04`)",
             rule="La colonne facultative « Sens » dit « Hausse » et la cible est sous la référence, ou « Baisse » "
                  "et elle est au-dessus.",
             message="L'indicateur {indicator} doit aller à la {direction}, mais sa cible ({target}) est "
                     "{comparison} à sa valeur de référence ({baseline}).",
             suggestion="Corrigez la cible, la valeur de référence ou le « Sens ».",
             example={"target": fmt.number(20)}),
        Code("risk.none_identified", E, "Risques", "Aucun risque identifié",
             key="vide",
             rule="La feuille « Risques » n'a aucune ligne de type « Risque ».",
             message="Aucun risque n'est identifié dans la feuille « Risques ».",
             suggestion="Listez les principaux risques (arbitrages budgétaires, surcharge de la DSI, départ du "
                        "porteur, indicateurs peu fiables…) avec probabilité et impact de 1 à 4."),
        Code("risk.no_success_factor", W, "Risques", "Aucun facteur clé de succès",
             key="vide",
             rule="La feuille « Risques » n'a aucune ligne de type « Facteur clé de succès ».",
             message="Aucun facteur clé de succès n'est identifié dans la feuille « Risques ».",
             suggestion="Ajoutez les conditions de réussite (portage politique, budget pluriannuel, référents dans "
                        "chaque direction…) avec le type « Facteur clé de succès »."),
        Code("risk.unmitigated", W, "Risques", "Risque critique sans parade",
             key="risque (`R02`)",
             rule="Un risque de criticité 9 ou plus (probabilité × impact) n'a pas de « Mesure » ou pas de "
                  "« Responsable » (recommandation de la méthode).",
             message="Le risque {risk} est critique ({probability} × {impact} = {criticality}) mais n'a {lacks}"
                     "{stake}.",
             suggestion="Définissez une mesure de maîtrise et un responsable pour tout risque de criticité 9 ou "
                        "plus, ou réévaluez sa probabilité et son impact.",
             example={"lacks": "pas de « Mesure »", "stake": ""},
             grades=(Grade(LEGAL, E, "le risque menace une action qui répond à une obligation légale (actions "
                                     "liées) : sans parade, le plancher légal est en jeu"),)),
        Code("risk.unknown_action", W, "Risques", "Risque lié à une action inconnue",
             key="risque/action (`R02/A99`)",
             rule="La colonne « Actions liées » d'un risque cite une action absente de la feuille de route.",
             message="Le risque {risk} cite l'action « {action} », absente de la feuille de route.",
             suggestion="Corrigez l'identifiant dans « Actions liées ».",
             example={"action": "A99"}),
        Code("governance.late_setup", W, "Gouvernance", "Gouvernance installée trop tard",
             key="nom de l'instance",
             rule="Une instance est installée au-delà du délai de mise en place de la gouvernance (paramètre, 30 "
                  "jours par défaut) après la formalisation de la feuille de route (recommandation de la "
                  "méthode, sans obligation légale : le comité arbitre).",
             message="« {body} » sera installé le {installed}, {late} jours après la formalisation de la feuille "
                     "de route ({formalised}) : au-delà du délai de {delay} jours.",
             suggestion="Avancer son installation au {deadline} au plus tard, pour garder la dynamique de la "
                        "démarche."),
        Code("governance.no_steering_committee", E, "Gouvernance", "Pas de comité de pilotage",
             key="vide",
             rule="Aucune instance de « Gouvernance » n'a « COPIL » ou « comité de pilotage » dans son nom.",
             message="Aucune instance de la feuille « Gouvernance » n'est un comité de pilotage (nom contenant "
                     "« COPIL » ou « comité de pilotage »).",
             suggestion="Ajoutez le comité de pilotage (présidé par un élu, 2 à 3 fois par an) avec sa date "
                        "d'installation."),
        Code("governance.no_date", W, "Gouvernance", "Instance sans date d'installation",
             key="nom de l'instance",
             rule="Une instance de « Gouvernance » n'a pas de « Date d'installation ».",
             message="L'instance « {body} » n'a pas de date d'installation.",
             suggestion="Fixez sa date d'installation{by}.",
             example={"by": ", au plus tard le 7 avril 2027"}),
        Code("governance.installed_before_formalisation", W, "Gouvernance",
             "Installation datée avant la formalisation",
             key="nom de l'instance",
             rule="La date d'installation d'une instance est antérieure à la date de formalisation de la feuille "
                  "de route.",
             message="« {body} » est daté du {installed}, avant la formalisation de la feuille de route "
                     "({formalised}).",
             suggestion="Si l'instance existait déjà, notez la date où elle prend en charge la feuille de route "
                        "(sa première séance après la formalisation) ; sinon corrigez la date.",
             example={"installed": "12 janvier 2027"}),
        Code("governance.no_chair", E, "Gouvernance", "Comité de pilotage sans présidence",
             key="nom de l'instance",
             rule="Le comité de pilotage n'a pas de « Présidence » (vide ou « à définir »).",
             message="Le comité de pilotage « {body} » n'a pas de présidence.",
             suggestion="Nommez l'élu(e) qui le préside : c'est lui ou elle qui arbitre et porte la feuille de "
                        "route."),
        Code("governance.rare_meetings", W, "Gouvernance", "Comité de pilotage réuni moins d'une fois par an",
             key="nom de l'instance",
             rule="La « Fréquence » du comité de pilotage (« 3 fois par an », « Annuelle », « tous les 2 ans »…) "
                  "fait moins d'une réunion par an.",
             message="Le comité de pilotage « {body} » se réunit moins d'une fois par an (« {frequency} ») : il ne "
                     "pourra pas examiner le bilan annuel.",
             suggestion="Prévoir 2 à 3 réunions par an, dont une pour le bilan annuel."),
        Code("decision.incomplete", W, "Gouvernance", "Décision sans responsable ou sans échéance",
             key="`N°` de la décision",
             rule="Une décision n'a pas de « Responsable » ou pas d'« Échéance » (« à définir », « ? » comptent "
                  "comme vides).",
             message="La décision n° {decision} n'a {lacks}.",
             suggestion="Une décision sans responsable ni échéance risque de rester lettre morte : nommez qui la "
                        "porte et pour quand.",
             example={"lacks": "pas de « Échéance »"}),
        Code("validation.followup_missing", W, "Validation", "Instance de validation manquante",
             key="action (`A07`)",
             rule="Une action touche un programme (« Programme lié ») et aucune ligne de « Validation » autre que "
                  "le comité et le lancement ne nomme ce programme (mot entier), n'est datée le jour du comité ou "
                  "après et n'est pas « Ajournée ».",
             message="L'action {action} touche le programme « {programme} », mais aucune ligne de « Validation » "
                     "ne prévoit, après le comité, son passage devant l'instance de ce programme{detail}.",
             suggestion="Ajoutez dans « Validation » l'instance qui valide « {programme} » (bureau, commission, "
                        "délibération) avec sa date, après le comité.",
             example={"detail": ""}),
        Code("validation.no_launch", W, "Validation", "Lancement officiel non daté",
             key="`Lancement officiel`",
             rule="« Validation » n'a pas de ligne « Lancement officiel » datée.",
             message="Le lancement officiel n'est pas daté : le compte rendu et l'annonce de lancement ne pourront "
                     "pas l'annoncer.",
             suggestion="Ajoutez dans « Validation » une ligne « Lancement officiel » avec sa date."),
        Code("validation.out_of_order", W, "Validation", "Instance prévue avant le comité de pilotage",
             key="nom de l'instance",
             rule="Une instance de validation (bureau, conseil, instance d'un programme) est datée avant le comité "
                  "de pilotage.",
             message="« {body} » est prévu le {date}, avant le comité de pilotage du {committee} qui doit d'abord "
                     "valider la feuille de route.",
             suggestion="Placez cette instance après le comité de pilotage, ou corrigez sa date.",
             example={"date": "2 mars 2027"}),
        Code("validation.launch_too_early", E, "Validation", "Lancement avant une instance dont il dépend",
             key="`Lancement officiel/` suivi de l'instance (`Lancement officiel/Conseil communautaire`)",
             rule="Le lancement officiel est daté avant le comité ou avant une instance de validation non ajournée "
                  "dont il dépend.",
             message="Le lancement officiel ({launch}) précède {what} ({date}), dont il dépend.",
             suggestion="Reportez le lancement après {what}, ou avancez cette instance.",
             example={"what": "« Conseil communautaire »", "launch": "2 mars 2027"}),
        Code("validation.no_elected_member", W, "Validation", "Aucun élu présent au comité",
             key="vide",
             rule="Aucun participant présent au comité n'est un élu (colonne « Rôle » : « Président(e) » ou "
                  "« Élu(e) », ou une fonction d'élu : maire, adjoint(e) au maire, président(e), "
                  "vice-président(e), conseiller(ère) délégué(e)…) : la validation n'est pas portée "
                  "politiquement.",
             message="Aucun élu n'est présent au comité{detail}.",
             suggestion="Faites confirmer la validation par l'élu(e) qui porte la démarche (bureau, conseil), ou "
                        "indiquez dans « Rôle » les élus présents s'ils sont dans la liste.",
             example={"detail": " (excusés : Claire Vasseur, Jean-Marc Ollier)"}),
        Code("validation.chair_absent", W, "Validation", "Présidence du comité absente",
             key="nom (`Claire Vasseur`)",
             rule="La personne qui préside le comité (« Président(e) » dans « Rôle », ou nommée dans "
                  "« Présidence du comité ») est excusée ou absente, sans représentant.",
             message="{name}, qui préside le comité, est {presence} et n'est pas représenté(e).",
             suggestion="Indiquez qui la représente (« représentée par … » dans « Présence ») ou qui a présidé, "
                        "pour que le compte rendu le dise.",
             example={"name": "Claire Vasseur", "presence": "excusée"}),
        Code("validation.committee_before_formalisation", W, "Validation", "Comité daté avant la formalisation",
             key="vide",
             rule="La « Date du comité de validation » précède la « Date de formalisation » : le comité ne peut "
                  "pas valider une feuille de route qui n'est pas encore formalisée (étape 4.3 avant l'étape 5).",
             message="Le comité ({committee}) est daté avant la formalisation de la feuille de route "
                     "({formalised}).",
             suggestion="Corrigez l'une des deux dates dans « Paramètres »."),
        Code("legal.reen_no_deliberation", E, "Validation", "Stratégie REEN sans délibération prévue",
             key="vide",
             rule="Une commune ou un EPCI à fiscalité propre de plus de 50 000 habitants adopte sa stratégie "
                  "numérique responsable (loi REEN n° 2021-1485 art. 35, décret n° 2022-1084) : une délibération "
                  "de son conseil (municipal, communautaire, métropolitain) doit figurer dans « Validation ».",
             message="{authority} ({population}) doit adopter sa stratégie numérique responsable, mais aucune "
                     "délibération du conseil ne figure dans « Validation »{detail}.",
             suggestion="Ajoutez dans « Validation » la délibération du conseil {council} qui adopte la stratégie, "
                        "datée après le comité ; si la collectivité n'est ni une commune ni un EPCI, dites-le dans "
                        "« Type de collectivité ».",
             example={"authority": "La communauté d'agglomération", "population": "118 400 habitants",
                      "detail": "", "council": "communautaire"}),
        Code("legal.reen_no_yearly_review", W, "Validation", "Bilan annuel REEN non prévu",
             key="vide",
             rule="La stratégie d'une commune ou d'un EPCI de plus de 50 000 habitants fait l'objet d'un bilan "
                  "annuel, présenté dans le rapport sur la situation en matière de développement durable avant "
                  "le débat budgétaire (loi REEN art. 35, CGCT art. L. 2311-1-1) : aucune action, aucun "
                  "indicateur (« Obligation ») ni aucune instance ne le prévoit.",
             message="Le bilan annuel de la stratégie, dû par {authority} ({population}), n'est prévu nulle part.",
             suggestion="Ajoutez une action « Bilan annuel de la stratégie (rapport développement durable) » ou "
                        "un indicateur rattaché à l'obligation « Stratégie et bilan REEN ».",
             example={"authority": "la communauté d'agglomération", "population": "118 400 habitants"}),
        *FOLLOWUP_CODES,
        Code("ids.duplicate", E, "Structure", "Identifiant en double",
             key="l'identifiant (`A07`)",
             rule="Un même ID (ou N° de décision) figure deux fois dans un tableau ; les références visent la "
                  "première ligne.",
             message="L'identifiant « {key} » de « {sheet} » est utilisé deux fois (lignes {first_row} et {row}).",
             suggestion="Donnez un identifiant unique à chaque ligne ; les références ailleurs dans le classeur "
                        "visent la première.",
             example={"key": "A07", "sheet": "Feuille de route", "first_row": 4, "row": 9}),
        Code("journal.tampered", E, "Journal", "Journal modifié à la main",
             key="N° de la première ligne en cause (`12`)",
             rule="Une ligne du journal est modifiée, insérée, supprimée (même en fin de journal) ou des lignes "
                  "sont triées ; le message dit laquelle et comment y remédier ; la vérification repart de la "
                  "dernière ligne « (journal modifié accepté) » (`--accepter-journal-modifie`), qui scelle les "
                  "lignes acceptées : une ligne réécrite avant elle est signalée aussi.",
             message="Le journal ne correspond plus à sa chaîne d'empreintes : {detail}.",
             suggestion="{advice}",
             variants={"foreign_row": Wording(
                 message="La ligne {row} du tableau Journal (à la place du N° {number}) n'a pas été écrite par nr_xl : "
                 "sans empreinte, elle rompt la chaîne du journal.",
                 suggestion="Déplacez ce texte hors du tableau ou supprimez la ligne (clic droit > Supprimer > Lignes du "
                 "tableau) ; une remarque sur un ajustement va dans le motif du prochain journal.")},
             example={"detail": "la ligne N° 12 a été modifiée",
                      "advice": "Restaurez le journal depuis une sauvegarde .bak datée du classeur ; pour corriger "
                                "un ajustement, modifiez la feuille de route puis journalisez à nouveau."}),
        Code("journal.note_under_table", W, "Structure", "Note sur le chemin du journal",
             key=_CELL_KEY,
             rule="Une cellule remplie sous le tableau « Journal », dans ses colonnes : elle est à l'utilisateur et "
                  "le tableau ne s'agrandit jamais par-dessus ; la commande qui l'y amènerait (journaliser, "
                  "valider) refuse d'écrire en la nommant. Signalée dès le contrôle, pour la déplacer avant la "
                  "séance.",
             message="{key} (« {excerpt} ») est sous le tableau « Journal » : le tableau s'agrandit d'une ligne par "
                     "ajustement et nr_xl refusera d'écrire quand il l'atteindra{more}.",
             suggestion="Déplacez-la à droite du tableau (colonne {column} ou au-delà) ou sur une autre feuille.",
             example={"key": "Journal!A40", "excerpt": "revoir B3.1 avec les finances", "more": "",
                      "column": "N"}),
        Code("journal.reference_altered", E, "Journal", "Version de référence altérée",
             key="vide",
             rule="La feuille très masquée de la version de référence ne correspond plus à sa propre empreinte ; "
                  "`nr-xl snapshot --reconstruire` la reconstruit à partir du journal.",
             message="La version de référence cachée a été modifiée en dehors de nr_xl.",
             suggestion="Repartez d'une sauvegarde .bak datée du classeur, ou reconstruisez la référence à partir "
                        "du journal : nr-xl snapshot FICHIER --reconstruire."),
        Code("journal.reference_missing", E, "Journal", "Version de référence disparue",
             key="vide",
             rule="La feuille de la version de référence a disparu alors que le journal a des lignes ; "
                  "`nr-xl snapshot --reconstruire` la reconstruit.",
             message="La version de référence cachée a disparu alors que le « Journal » compte {rows} ligne(s) : "
                     "les prochains ajustements ne peuvent plus être calculés.",
             suggestion="Restaurez une sauvegarde du classeur, ou reconstruisez la référence à partir du journal : "
                        "nr-xl snapshot FICHIER --reconstruire.",
             example={"rows": 12}),
        Code("input.missing_sheet", E, "Structure", "Feuille manquante",
             key="vide",
             rule="Une feuille de saisie du modèle est introuvable (son nom exact compte) ; les règles qui la "
                  "lisent se taisent.",
             message="La feuille « {sheet} » est introuvable dans le classeur.",
             suggestion="Recréez la feuille « {sheet} » (copiez-la depuis le modèle, nr-xl template) ou rétablissez "
                        "son nom exact."),
        Code("input.missing_table", W, "Structure", "Tableau Excel manquant",
             key="vide",
             rule="Réservé : aucune vérification ne l'émet aujourd'hui.",
             message="La feuille « {sheet} » n'a pas de tableau Excel {table}.",
             suggestion="Recréez le tableau {table} sur les colonnes de la feuille (Insertion > Tableau)."),
        Code("input.missing_column", E, "Structure", "Colonne manquante",
             key="feuille et ligne 1 (`Budget!1`)",
             rule="Une colonne obligatoire est introuvable en ligne 1 de sa feuille (intitulé comparé sans casse, "
                  "accents ni espaces).",
             message="La colonne « {field} » est introuvable en ligne 1 de « {sheet} ».",
             suggestion="Ajoutez une colonne intitulée « {field} » au tableau {table} (ou rétablissez son intitulé "
                        "exact)."),
        Code("input.missing_optional_column", W, "Structure", "Colonne facultative manquante",
             key="feuille et ligne 1 (`Indicateurs!1`)",
             rule="Une colonne facultative que des règles lisent est introuvable en ligne 1 de sa feuille.",
             message="La colonne « {field} » est introuvable en ligne 1 de « {sheet} ».",
             suggestion="Ajoutez une colonne intitulée « {field} » au tableau {table} (ou rétablissez son intitulé "
                        "exact).",
             example={"field": "Sens", "sheet": "Indicateurs", "table": "tbl_Indicateurs"}),
        Code("input.duplicate_column", E, "Structure", "Colonne en double",
             key="la seconde colonne en ligne 1 (`Budget!F1`)",
             rule="Deux colonnes de la ligne 1 portent le même intitulé ; seule la première est lue.",
             message="La colonne « {field} » apparaît deux fois dans « {sheet} » (colonnes {first} et {second}).",
             suggestion="Supprimez ou renommez l'une des deux colonnes ; seule la première est lue.",
             example={"first": "C"}),
        Code("input.missing_value", E, "Structure", "Valeur obligatoire manquante",
             key=_CELL_KEY,
             rule="Une cellule d'une colonne obligatoire est vide sur une ligne remplie (sauf les colonnes dont une "
                  "règle signale le vide elle-même : Priorités, Début, Fin, Indicateurs, Cible, Responsable d'un "
                  "indicateur, Présidence, Date d'installation ; et celles dont le vide a un sens : Statut, "
                  "Compétences requises, montants, Financement).",
             message="« {sheet} », ligne {row} : la colonne « {field} » est vide alors que la ligne est remplie.",
             suggestion="Renseignez « {field} » ou supprimez la ligne.",
             example={"field": "Service"}),
        Code("input.missing_parameter", E, "Structure", "Paramètre manquant",
             key="nom du paramètre",
             rule="Un paramètre obligatoire de « Paramètres » n'est pas renseigné.",
             message="Le paramètre « {key} » n'est pas renseigné. {help}",
             suggestion="Renseignez « {key} » dans la feuille « Paramètres »{where}",
             example={"key": "Date de formalisation",
                      "help": "Date à laquelle la feuille de route est formalisée.",
                      "where": " (ligne 5)."}),
        _cell("bad_date", E, "Date illisible", "Une cellule de date ne se lit pas comme une date "
              "(`07/03/2027`, `2027-03-07` ou date Excel).",
              "« 31/02/2027 » n'est pas une date lisible",
              "Saisissez une date au format jj/mm/aaaa (ex. 07/03/2027) ou aaaa-mm-jj.",
              ("Gouvernance!F3", "Date d'installation")),
        _cell("bad_quarter", E, "Trimestre illisible", "Une cellule de trimestre ne se lit pas comme un trimestre "
              "(`2027-T3`, `T3 2027`, `2027-Q3` ou une date).",
              "« 2027-T5 » n'est pas un trimestre lisible",
              "Saisissez un trimestre comme 2027-T3 (ou T3 2027, 2027-Q3, ou une date).",
              ("Feuille de route!F5", "Début")),
        _cell("bad_number", E, "Nombre illisible", "Une cellule de montant ou de nombre ne se lit pas comme un "
              "nombre, ou compte plus de 15 chiffres.",
              "« douze mille » n'est pas un nombre lisible",
              "Saisissez un nombre, par exemple 12500, « 12 500 € », « 12,5 k€ » ou « 1,2 M€ »."),
        _cell("bad_year", E, "Année illisible", "Une cellule d'année ne se lit pas comme une année de 2000 à 2100.",
              "« 27 » n'est pas une année lisible", "Saisissez une année sur quatre chiffres, entre 2000 et 2100.",
              ("Budget!B7", "Année")),
        _cell("bad_value", E, "Valeur hors liste", "N'est plus émis : une valeur hors liste est "
              "`input.unknown_value` (alerte).",
              "« Envisagée » n'est pas une valeur de la liste", "Choisissez une valeur de la liste.",
              ("Enveloppes!E3", "Statut")),
        _cell("unknown_value", W, "Valeur hors liste (non bloquante)",
              "Une valeur d'une colonne à liste n'est dans la liste ni comme synonyme (après pliage de la casse, "
              "des accents, du genre et du nombre) ; le message cite la liste, la suggestion la valeur la plus "
              "proche ; si une règle lit la colonne, la valeur par défaut appliquée est dite ; jamais bloquant.",
              "« Envisagée » n'est pas une valeur de la liste (« Votée », « Inscrite au budget », « Demandée », "
              "« À confirmer ») ; l'enveloppe est traitée comme « À confirmer »",
              "Choisissez une valeur de la liste.", ("Enveloppes!E3", "Statut")),
        _cell("out_of_range", E, "Note hors de l'échelle 1 à 4", "Une probabilité ou un impact n'est pas une note "
              "de 1 à 4.", "« 5 » n'est pas une note de 1 à 4",
              "Notez la probabilité et l'impact de 1 (faible) à 4 (très fort).", ("Risques!E4", "Probabilité")),
        _cell("formula_error", E, "Erreur de formule", "Une cellule lue contient une erreur de formule "
              "(`#REF!`, `#VALEUR!`…).", "la cellule contient l'erreur Excel #REF!",
              "Corrigez la formule de cette cellule ou remplacez-la par une valeur."),
        Code("input.total_row", I, "Structure", "Ligne de total laissée de côté",
             key="feuille et ligne (`Budget!42`)",
             rule="Une ligne d'un tableau porte un mot de total (« TOTAL », « Sous-total », « Total général »…) et "
                  "aucun autre identifiant : ce n'est pas une donnée, elle n'entre dans aucune règle ni aucun "
                  "chiffre.",
             message="« {sheet} », ligne {row} : ligne de total (« {word} ») laissée de côté : elle n'entre dans "
                     "aucune règle ni aucun chiffre.",
             suggestion="Rien à faire : les totaux sont faits par nr_xl et par la feuille « Synthèse ». Supprimez la "
                        "ligne si elle gêne la lecture.",
             example={"sheet": "Budget", "row": 42, "word": "TOTAL"}),
        Code("input.header_row", I, "Structure", "En-tête répété laissé de côté",
             key="feuille et ligne (`Budget!20`)",
             rule="Une ligne d'un tableau répète les intitulés de ses colonnes (un copier-coller d'un autre "
                  "tableau) : elle est laissée de côté.",
             message="« {sheet} », ligne {row} : les intitulés des colonnes y sont répétés ; la ligne est laissée de "
                     "côté.",
             suggestion="Supprimez la ligne (clic droit > Supprimer > Lignes du tableau).",
             example={"sheet": "Budget", "row": 20}),
        Code("input.blank_row", I, "Structure", "Ligne vide au milieu d'un tableau",
             key="feuille et première ligne vide (`Budget!12`)",
             rule="Des lignes vides séparent deux lignes remplies d'un tableau : elles sont ignorées, une "
                  "information par suite de lignes vides.",
             message="« {sheet} », {rows} : vide(s) au milieu du tableau, ignorée(s).",
             suggestion="Supprimez ces lignes (clic droit > Supprimer > Lignes du tableau) si elles n'ont pas "
                        "d'usage.",
             example={"sheet": "Budget", "row": 12, "rows": "lignes 12 à 14"}),
        Code("input.draft_text", W, "Structure", "Note de travail dans un texte publié",
             key=_CELL_KEY,
             rule="Un texte que les documents publient (l'ambition, l'intitulé d'une priorité, d'une action ou "
                  "d'un indicateur) contient une question ou une note de travail (« (à reformuler avec la VP ?) », "
                  "« TODO », « à valider ») : l'annonce de lancement le laisse de côté tant qu'il n'est pas "
                  "réglé.",
             message="{key} (« {field} ») : « {excerpt} » ressemble à une note de travail, pas à un texte à "
                     "publier.",
             suggestion="Réglez la question et retirez la note : l'annonce de lancement laisse ce texte de côté "
                        "en attendant.",
             variants={"parameter": Wording("{key} (paramètre « {parameter} ») : « {excerpt} » ressemble à une "
                                            "note de travail, pas à un texte à publier.",
                                            "Réglez la question et retirez la note : l'annonce de lancement "
                                            "laisse ce texte de côté en attendant.")},
             example={"key": "Paramètres!B8", "field": "Valeur", "parameter": "Ambition",
                      "excerpt": "(à reformuler avec la VP ?)", "variant": "parameter"}),
        Code("input.read_as", I, "Structure", "Valeur lue autrement qu'elle n'est écrite",
             key=_CELL_KEY,
             rule="Une cellule lisible n'est pas écrite comme le classeur l'écrit (« 150 000 € TTC », « sept. "
                  "2028 », « 0,5 ETP », « x » pour présent, « b4.1 » pour B4.1…) : elle est lue, et la lecture "
                  "est dite ; une alerte quand la lecture repose sur une hypothèse à vérifier (une date dont le "
                  "jour manque, une part en fraction parmi des pourcentages, un ETP sans « Jours-homme par "
                  "ETP ») ; jamais bloquant.",
             message=_CELL.message, suggestion="Rien à faire si c'est bien ce que vous vouliez dire ; sinon "
                                               "corrigez la cellule.",
             variants={"parameter": Wording(_PARAMETER.message, "Rien à faire si c'est bien ce que vous vouliez "
                                                                "dire ; sinon corrigez la valeur.")},
             example={"key": "Budget!C7", "field": "Investissement (€)", "parameter": "Population",
                      "detail": "« 150 000 € TTC » lu comme 150 000 € (montant TTC)"}),
        Code("input.external_link", I, "Structure", "Cellule liée à un autre classeur",
             key=_CELL_KEY,
             rule="Une cellule d'un tableau de saisie lit un autre classeur (une liaison d'Excel, "
                  "« =[Budget DSI.xlsx]Budget!C18 », directement ou par un nom défini) : les contrôles lisent "
                  "la valeur qu'Excel y a lue à la dernière mise à jour des liaisons (c'est le chiffre que montre "
                  "le classeur), mais cette valeur "
                  "n'est pas une saisie : le journal suit la liaison, pas sa valeur ; changer la liaison ou taper "
                  "un montant à sa place est un ajustement. Lue par la ligne de commande et le ruban ; xlwings "
                  "Lite, qui ne lit pas les formules, ne la voit pas (et journalise une valeur changée comme une "
                  "valeur).",
             message="{key} (« {field} ») lit un autre classeur ({link}) : {value} est la valeur qu'Excel y a lue "
                     "à la dernière mise à jour des liaisons ; elle est contrôlée, mais ce n'est pas une saisie et "
                     "le journal ne la suit pas (une mise à jour de l'autre classeur n'est pas un ajustement).",
             suggestion="Mettez à jour les liaisons avant le contrôle (Données > Modifier les liaisons) ; si le "
                        "comité arrête un chiffre, tapez-le à la place de la formule : il sera journalisé.",
             variants={"parameter": Wording(
                 "{key} (paramètre « {parameter} ») lit un autre classeur ({link}) : {value} est la valeur "
                 "qu'Excel y a lue à la dernière mise à jour des liaisons ; elle est contrôlée, mais ce n'est pas "
                 "une saisie et le journal ne la suit pas (une mise à jour de l'autre classeur n'est pas un "
                 "ajustement).",
                 "Mettez à jour les liaisons avant le contrôle (Données > Modifier les liaisons) ; si le comité "
                 "arrête une valeur, tapez-la à la place de la formule : elle sera journalisée.")},
             example={"key": "Budget!C18", "field": "Investissement (€)", "link": "[Budget DSI.xlsx]Budget!C18",
                      "value": "150 000"}),
        Code("input.too_many_rows", E, "Structure", "Tableau trop long",
             key="feuille et ligne où la lecture s'arrête (`Budget!100002`)",
             rule="Un tableau compte plus de lignes remplies que nr_xl n'en lit ; la lecture s'arrête là.",
             message="« {sheet} » compte plus de {limit} lignes remplies ; la lecture s'arrête à la ligne {last}.",
             suggestion="Supprimez les lignes étrangères au tableau (une valeur égarée tout en bas de la feuille, "
                        "par exemple : Ctrl+Fin pour la trouver).",
             example={"limit": 100000, "last": 100001, "row": 100002}),
        _cell("implausible_amount", W, "Montant invraisemblable", "Un montant de « Budget » ou « Enveloppes » "
              "dépasse 100 millions d'euros (en valeur absolue).",
              f"{fmt.euros(Decimal(1_250_000_000))} est invraisemblable pour une ligne de feuille de route",
              "Vérifiez l'unité : le montant est-il en k€, ou saisi en centimes ?"),
        _cell("implausible_date", E, "Date ou trimestre hors de la période plausible",
              "Une date ou un trimestre hors de 2000–2100, que la cellule soit une date Excel ou un texte ; la "
              "valeur est écartée.",
              "« 1927-T1 » est hors de la période qu'une feuille de route peut couvrir (2000–2100)",
              "Vérifiez l'année saisie (une date vide ou 00/01/1900 vient souvent d'une formule).",
              ("Feuille de route!F5", "Début")),
        _cell("implausible_workload", E, "Jours-homme négatifs", "Des jours-homme négatifs (charge ou capacité) ; "
              "la ligne est écartée des calculs de charge.",
              f"{fmt.days(-20)} — des jours-homme ne peuvent pas être négatifs ; la ligne est ignorée dans les calculs de "
              "charge", "Saisissez un nombre de jours-homme positif ou nul.", ("Capacités!C2", "Jours-homme disponibles")),
        _cell("implausible_share", E, "Avancement hors de 0 à 100 %",
              "Un « Avancement » de « Suivi » n'est pas une part de 0 à 100 % (une cellule au format "
              "pourcentage garde 40 % comme 0,4 : les deux se lisent) ; la valeur est écartée.",
              "150 % n'est pas un avancement de 0 à 100 %", "Saisissez la part de l'action réalisée, de 0 à 100 %.",
              ("Suivi!D7", "Avancement")),
        _cell("implausible_parameter", E, "Paramètre invraisemblable",
              "Un paramètre hors de ce qu'il peut valoir : population au-delà de 100 millions, délai de "
              "gouvernance au-delà de 3 650 jours, numéro de version de plus de 20 caractères.",
              f"{fmt.number(500_000_000)} n'est pas une population plausible",
              f"Saisissez une population entre 1 et {fmt.number(100_000_000)}.", ("Paramètres!B4", "Population"),
              variant="parameter"),
    )
}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    dimension: str
    sheet: str | None
    row: int | None
    field: str | None
    key: str | None
    message: str
    suggestion: str

    @property
    def label(self) -> str:
        """Its gravity as « Contrôles » and the terminal print it: a cell to correct is
        « À corriger », not « Bloquant » (typing is not feasibility)."""
        if self.severity is Severity.ERROR and self.dimension == STRUCTURE:
            return TO_FIX_LABEL
        return SEVERITY_LABEL[self.severity]

    def to_dict(self) -> dict[str, Any]:
        # By hand rather than dataclasses.asdict, which deep-copies every field
        # recursively: thousands of findings go through here on each check.
        return {"code": self.code, "severity": self.severity.value, "dimension": self.dimension,
                "sheet": self.sheet, "row": self.row, "field": self.field, "key": self.key,
                "message": self.message, "suggestion": self.suggestion}

    @property
    def sort_key(self) -> tuple[int, str, int, str, str]:
        return (
            self.severity.rank,
            self.sheet or "",
            self.row if self.row is not None else 0,
            self.code,
            self.key or "",
        )


def finding(
    code: str,
    *,
    sheet: str | None = None,
    row: int | None = None,
    field: str | None = None,
    key: str | None = None,
    severity: Severity | None = None,
    variant: str | None = None,
    grade: str | None = None,
    **params: Any,
) -> Finding:
    """A finding of ``code``: severity and dimension from the catalogue (the severity of
    its ``grade`` when the check found the stake to be that one), message and
    suggestion rendered from the code's templates (its ``variant``) with ``params``
    and the location. Every finding is worded here, by its catalogue entry."""
    spec = CODES[code]
    if grade is not None:
        severity = spec.grade(grade).severity
    message_template, suggestion_template = spec.wording(variant)
    values = {"sheet": sheet, "row": row, "field": field, "key": key, **params}
    message = message_template.format_map(values)
    suggestion = suggestion_template.format_map(values)
    return Finding(code, severity or spec.severity, spec.dimension, sheet, row, field, key, message, suggestion)


def status_of(findings: Iterable[Finding]) -> str:
    severities = {f.severity for f in findings}
    for severity in (Severity.ERROR, Severity.WARNING):
        if severity in severities:
            return severity.status
    return STATUS_FEASIBLE


def gravest(statuses: Iterable[str]) -> str:
    """The gravest of ``statuses`` (« faisable » for none), in the order of STATUSES."""
    return min(statuses, key=_STATUS_RANK.__getitem__, default=STATUS_FEASIBLE)


@dataclass
class Report:
    """Two verdicts and the exit code, from one list of findings.

    ``feasibility``: the roadmap's, from the rules' findings only (the nine
    DIMENSIONS), « non vérifié » in a dimension whose rules could not read a cell
    they need (``unverified``). ``completeness``: the workbook's, from the reading
    (the Structure findings). ``status``: the gravest finding of all, which the exit
    code follows (1 when any finding blocks, be it the roadmap, a cell or the journal).
    """

    file: str
    findings: list[Finding]
    # Figures a committee wants beside the findings (see checks/figures.py).
    figures: CommitteeFigures = field(default_factory=CommitteeFigures)
    # Dimension -> where its rules could not read what they need (« Budget!C7 », a sheet).
    unverified: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.findings = sorted(self.findings, key=lambda f: f.sort_key)

    @property
    def status(self) -> str:
        return status_of(self.findings)

    @property
    def dimensions(self) -> dict[str, str]:
        # One pass over the findings: a région-sized report has thousands.
        by_dimension: dict[str, list[Finding]] = {}
        for f in self.findings:
            by_dimension.setdefault(f.dimension, []).append(f)
        result = {}
        for d in DIMENSIONS:
            status = status_of(by_dimension.get(d, ()))
            if d in self.unverified and status != STATUS_BLOCKING:
                status = STATUS_UNVERIFIED
            result[d] = status
        result.update({d: status_of(by_dimension[d]) for d in EXTRA_DIMENSIONS if d in by_dimension})
        return result

    @property
    def feasibility(self) -> str:
        """The roadmap's verdict: the gravest of the nine dimensions (never the workbook's typing)."""
        dimensions = self.dimensions
        return gravest(dimensions[d] for d in DIMENSIONS)

    @property
    def to_complete(self) -> list[Finding]:
        """The reading's findings a user acts on: cells, columns or sheets to correct or check."""
        return [f for f in self.findings if f.dimension == STRUCTURE and f.severity is not Severity.INFO]

    @property
    def completeness(self) -> str:
        return TO_COMPLETE if self.to_complete else COMPLETE

    @property
    def exit_code(self) -> int:
        return 1 if self.status == STATUS_BLOCKING else 0

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def tally(self, severities: tuple[Severity, ...] = (Severity.ERROR, Severity.WARNING)) -> str:
        """« 6 bloquant(s), 11 alerte(s) »: what the terminal, the ribbon and « Contrôles » print."""
        return ", ".join(f"{self.count(s)} {SEVERITY_COUNTED[s]}" for s in severities)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "status": self.status,
            "feasibility": self.feasibility,
            "completeness": self.completeness,
            "dimensions": self.dimensions,
            "unverified": {d: list(where) for d, where in self.unverified.items()},
            "findings": [f.to_dict() for f in self.findings],
            "figures": self.figures.to_dict(),
        }
