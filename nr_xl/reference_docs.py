"""The workbook contract and the finding catalogue as Markdown, generated from the code.

``python -m nr_xl.reference_docs`` writes ``docs/classeur.md`` (sheets, tables, columns,
formats, lists, parameter keys) and ``docs/constats.md`` (every finding code with its
severity, dimension, key, rule and an example message; the synonyms of typed values, the
legal floors, the committee's decision) from ``schema.py``, ``findings.CODES``,
``vocabulary.py`` and ``obligations.py``; a test fails when the committed files are
stale, so the documentation a user reads is the code's.
"""

from __future__ import annotations

import sys
from pathlib import Path

import datetime as dt
from decimal import Decimal

from nr_xl.core import fmt, schema, vocabulary
from nr_xl.core.findings import (
    CODES, COMPLETE, COMPLETENESS_LABEL, SEVERITY_LABEL, STATUS_BLOCKING, STATUS_FEASIBLE, STATUS_LABEL,
    STATUS_TO_ARBITRATE, STATUS_UNVERIFIED, TO_COMPLETE, TO_FIX_LABEL, Code, Severity,
)
from nr_xl.core.obligations import OBLIGATIONS
from nr_xl.core.schema import Kind

KIND_WORDS = {
    Kind.TEXT: "texte",
    Kind.ID: "identifiant",
    Kind.ID_LIST: "liste de noms (`;` ou `,`)",
    Kind.REF_LIST: "liste d'identifiants (`;`, `,`, `/`, « et »)",
    Kind.DATE: "date (`07/03/2027`, `2027-03-07`, date Excel, « 3 décembre 2026 »…)",
    Kind.QUARTER: "trimestre (`2027-T3`, `T3 2027`, une date, « sept. 2028 », « S2 2027 », « fin 2029 »…)",
    Kind.AMOUNT: "montant (`12500`, `12 500 €`, `12,5 k€`, `1,2 M€`, « 150 000 € TTC »…)",
    Kind.DAYS: "jours-homme (`12`, `12 j`, `12 j-h`, « 0,5 ETP »…)",
    Kind.MEASURE: "valeur (`12,5`, `40 %`, « ≥ 25 % »…)",
    Kind.YEAR: "année (2000 à 2100, ou « fin 2029 »…)",
    Kind.SCORE: "note de 1 à 4",
    Kind.ENUM: "valeur d'une liste",
    Kind.COMPUTED: "formule du modèle (jamais lue)",
}
GENERATED = ("<!-- Généré par « python -m nr_xl.reference_docs » à partir de nr_xl/core/schema.py, "
             "nr_xl/core/findings.py, nr_xl/core/vocabulary.py et nr_xl/core/obligations.py : ne pas modifier à la main. -->")


def _dropdown(column: schema.Column) -> str:
    if column.enum:
        return ", ".join(f"« {v} »" for v in column.enum)
    if column.dropdown and column.dropdown in schema.LISTS:
        return f"liste « {column.dropdown} »" + ("" if column.dropdown_strict else " (saisie libre acceptée)")
    if column.dropdown:
        sheet = column.dropdown.lstrip("=").split("!")[0]
        return f"IDs de la feuille « {sheet} » (saisie libre acceptée)"
    return ""


def workbook_markdown() -> str:
    out = [GENERATED, "", "# Le classeur : feuilles, tableaux, colonnes", "",
           "Chaque feuille de saisie porte un tableau Excel dont les en-têtes sont en ligne 1. nr_xl "
           "retrouve les colonnes par leur intitulé (majuscules, accents et espaces tolérés), dans "
           "n'importe quel ordre ; les colonnes en plus sont conservées et ignorées. Ces noms sont "
           "stables : on en ajoute, on n'en renomme ni n'en retire aucun.", "",
           "| Feuille | Tableau | Colonnes (dans l'ordre du modèle) |", "|---|---|---|"]
    tables = schema.TABLES_BY_SHEET
    for name in schema.SHEET_ORDER:
        spec = tables.get(name)
        if spec is None:
            continue
        out.append(f"| `{spec.sheet}` | `{spec.table}` | " + ", ".join(f"`{h}`" for h in spec.headers) + " |")
    hidden = [s for s in (schema.README_SHEET, schema.SUMMARY_SHEET, schema.LISTS_SHEET,
                          schema.XLWINGS_CONF_SHEET, schema.REFERENCE_SHEET)]
    out += ["", "Autres feuilles : " + ", ".join(
        f"`{s.name}`" + (" (très masquée)" if s.very_hidden else " (masquée)" if s.hidden else "")
        for s in hidden) + ".", ""]
    for spec in schema.ALL_TABLES:
        out += [f"## {spec.sheet} (`{spec.table}`)", ""]
        if spec.owned:
            out += ["Écrite par nr_xl.", ""]
        if not spec.journaled:
            out += ["Feuille du suivi, facultative : un classeur sans elle se lit comme avant. Le journal ne la "
                    "compare pas : y noter ce qui a été fait, dépensé ou mesuré n'est pas un ajustement de la "
                    "feuille de route.", ""]
        if spec.key:
            which = "journal, doublons" if spec.journaled else "doublons"
            out += [f"Clé d'une ligne ({which}) : " + " / ".join(f"`{k}`" for k in spec.key) + ".", ""]
        out += ["| Colonne | Contenu | Obligatoire | Valeurs proposées |", "|---|---|---|---|"]
        for col in spec.columns:
            unjournaled = " (suivi : hors du journal)" if spec.journaled and not col.journaled else ""
            out.append(f"| `{col.header}` | {KIND_WORDS[col.kind]} | {'oui' if col.required else 'non'}"
                       f"{unjournaled} | {_dropdown(col)} |")
        out.append("")
    out += ["## Paramètres : les clés", "", "| Clé | Contenu | Obligatoire | Défaut | À quoi elle sert |",
            "|---|---|---|---|---|"]
    for p in schema.PARAMETERS:
        default = "" if p.default is None else f"`{p.default}`"
        journal = "" if p.journaled else " Hors du journal : la changer n'est pas un ajustement."
        out.append(f"| `{p.key}` | {KIND_WORDS[p.kind]} | {'oui' if p.required else 'non'} | {default} | "
                   f"{p.help}{journal} |")
    out += ["", f"## Listes (feuille masquée « {schema.LISTS_SHEET.name} »)", "", "| Liste | Valeurs |", "|---|---|"]
    for name, values in schema.LISTS.items():
        out.append(f"| {name} | " + ", ".join(f"« {v} »" for v in values) + " |")
    out += ["", *typed_forms_markdown()]
    return "\n".join(out)


# What agents type, by kind of column: each example is read below by the very readers the
# checks use, so the table says what nr_xl does (« lu comme … » is the note a user sees).
TYPED_FORMS: tuple[tuple[str, tuple[object, ...], dict[str, object]], ...] = (
    ("Montants (Budget, Enveloppes)", ("12 000 €", "12\u202f000,00 €", "18000€", "50 k€", "1,2 M€",
                                      "15 000 euros", "env. 15 000 €", "150 000 € TTC", "150 000 € HT",
                                      "12 000 € (estimation)", "-", "néant", "douze mille"),
     {"kind": Kind.AMOUNT}),
    ("Jours-homme (Charge, Capacités)", ("10", "10 j", "10 jours", "10 j-h", "10 jh", "0,5 ETP", "env. 20 j",
                                          "beaucoup"), {"kind": Kind.DAYS}),
    ("Trimestres de début (Début)", ("2027-T3", "T3 2027", "3e trimestre 2027", "sept. 2028", "septembre 2028",
                                     "09/2028", "S2 2027", "1er semestre 2027", "début 2028", "mi-2028", "fin 2029",
                                     "rentrée 2027", "2029", "15/09/2027", "2027-T5"),
     {"kind": Kind.QUARTER, "role": "start"}),
    ("Trimestres de fin (Fin)", ("S2 2027", "mi-2028", "2029", "fin 2029"), {"kind": Kind.QUARTER, "role": "end"}),
    ("Dates", ("07/03/2027", "2027-03-07", "15/01/27", "15-01-2027", "3 décembre 2026", "3 déc. 2026",
               "1er mars 2027", "janvier 2027", "fin janvier 2027", "31/02/2027"), {"kind": Kind.DATE}),
    ("Années (Année, Échéance d'un indicateur)", ("2027", "fin 2029", "sept. 2028", "2029-T4", "27"),
     {"kind": Kind.YEAR}),
    ("Valeurs d'indicateur (Valeur de référence, Cible)", ("12,5", "40 %", "40%", "≥ 25 %", "> 80 %",
                                                           "au moins 50 %", "3 ans", "environ 200 kg"),
     {"kind": Kind.MEASURE}),
    ("Notes de 1 à 4 (Probabilité, Impact)", ("3", "3 (fort)", "3/4", "élevé", "très fort", "5"),
     {"kind": Kind.SCORE}),
    ("Identifiants cités (Priorités, Indicateurs, Dépendances, Actions liées)",
     ("P2; P4", "P2, P4", "P2 / P4", "P2 et P4", "I02 (à confirmer)"), {"kind": Kind.REF_LIST}),
    ("Statut d'une enveloppe", ("Votée", "votées", "voté au BP 2027", "BP 2028", "prévue au BS", "Validée",
                                "non votée", "Votée ?"), {"kind": Kind.ENUM, "allowed": schema.ENVELOPE_STATUSES}),
    ("Statut d'une action", ("En cours", "Programmée", "Abandonnée (pas de budget)", "Non démarrée"),
     {"kind": Kind.ENUM, "allowed": schema.ACTION_STATUSES}),
    ("Présence d'un participant", ("Présent", "x", "oui", "représenté par Marc Blanc", "Excusée"),
     {"kind": Kind.ENUM, "allowed": schema.PRESENCES}),
)


def typed_forms_markdown() -> list[str]:
    from nr_xl.core import parse
    from nr_xl.core.reading.common import Etp, Reading

    out = ["## Ce que l'on peut taper", "",
           "Une cellule écrite autrement que le classeur ne l'écrit est lue, et la lecture est dite : un constat "
           "`input.read_as` (« lu comme … », une information, ou une alerte quand la lecture repose sur une "
           "hypothèse à vérifier) la montre dans « Contrôles ». Seule une valeur vraiment illisible est un constat "
           "bloquant de saisie ; les règles qui en ont besoin se taisent alors, sans calculer avec 0. Une ligne "
           "« TOTAL », un en-tête répété ou des lignes vides au milieu d'un tableau sont laissés de côté, chacun "
           "avec une information. Les exemples ci-dessous sont lus par le code même des contrôles.", ""]
    for title, examples, how in TYPED_FORMS:
        read = parse.reader_for(how["kind"], how.get("allowed", ()), str(how.get("role", "")))  # type: ignore[arg-type]
        out += [f"### {title}", "", "| Saisi | Lu comme | Note |", "|---|---|---|"]
        for typed in examples:
            try:
                result = read(typed)
            except parse.CellError as err:
                why = "non reconnu (alerte)" if err.code == "unknown_value" else "illisible"
                out.append(f"| `{typed}` | — | {why} : {err.message} |")
                continue
            note = ""
            if isinstance(result, Etp):
                note, result = "converti avec « Jours-homme par ETP » (Paramètres)", f"{fmt.number(result.fte, 2)} ETP"
            if isinstance(result, Reading):
                note = "alerte : " + result.note if result.warn else result.note
                result = result.value
            shown = "; ".join(result) if type(result) is tuple else _shown(result)
            out.append(f"| `{typed}` | {shown} | {note or 'exact'} |")
        out.append("")
    return out


def _shown(value: object) -> str:
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return fmt.number(value, 2)
    return str(value)


# Values the catalogue renders each example message with, beside the code's own ``example``.
SAMPLE: dict[str, object] = {
    "sheet": "Budget", "row": 7, "field": "Année", "key": "A03/2027",
    "action": "A03", "year": 2027, "service": "DSI", "financing": "Enveloppe NR",
    "nature_phrase": "l'investissement prévu", "nature": "investissement",
    "planned": fmt.euros(Decimal(120_000)), "envelope": fmt.euros(Decimal(100_000)),
    "over": fmt.euros(Decimal(20_000)), "share": f" (+{fmt.percent(0.2)})",
    "actions": f"A03 : {fmt.euros(Decimal(80_000))}, A05 : {fmt.euros(Decimal(40_000))}",
    "amount": fmt.euros(Decimal(-5_000)), "total": fmt.euros(Decimal(45_000)), "lines": 2,
    "detail": f"investissement {fmt.euros(Decimal(45_000))}", "status": "Demandée",
    "start": "2027-T1", "end": "2027-T4", "quarter": "2027-T3",
    "load": fmt.days(110), "capacity": fmt.days(100), "count": 3, "person": "Léa Fontaine",
    "duties": "préside « COPIL NR », suit l'indicateur I01, répond de R02, porte la décision 3…",
    "target": f" vers 2027-T4, où {fmt.days(30)} restent disponibles,",
    "skill": "Écoconception", "holders": "Communication", "held": "détenue par aucun service",
    "alternative": ", ou mobiliser DSI", "level": "acquise", "pilot": "DSI",
    "priority": "P2", "title": "Allonger la durée de vie des équipements", "dependency": "A01",
    "chain": "A03 → A07 → A03", "missing": "Fin", "indicator": "I05", "name": "Taux de réemploi",
    "lacks": "pas de « Responsable »", "fields": "« Responsable »", "lack": "manquent",
    "deadline": 2028, "first": 2027, "last": 2029, "baseline_year": 2026, "target_value": "",
    "baseline": fmt.number(Decimal(35)), "direction": "hausse", "comparison": "inférieure",
    "floor": fmt.number(Decimal(50)), "source": "Décret n° 2023-266 du 12 avril 2023",
    "summary": "une part des équipements informatiques réformés doit être orientée vers le réemploi",
    "obligation": "Réemploi des équipements réformés", "risk": "R02", "probability": 3, "impact": 4,
    "criticality": 12, "body": "Comité de pilotage NR", "installed": fmt.long_date(dt.date(2027, 5, 12)),
    "formalised": fmt.long_date(dt.date(2027, 3, 8)), "late": 65, "delay": 30,
    "frequency": "Tous les 2 ans", "by": "", "decision": "3", "programme": "PCAET",
    "date": fmt.long_date(dt.date(2027, 6, 24)), "committee": fmt.long_date(dt.date(2027, 3, 15)),
    "launch": fmt.long_date(dt.date(2027, 4, 2)), "what": "le comité de pilotage",
    "first_row": 4, "number": 12, "rows": 12, "table": "tbl_Budget", "second": "F", "limit": 100_000,
    "last_row": 100_001, "parameter": "Population", "help": "", "where": "", "advice": "",
}


def example_message(code: Code) -> str:
    """The message of ``code`` as a user would read it, from ``SAMPLE`` and the code's ``example``."""
    return code.wording(code.example.get("variant")).message.format_map({**SAMPLE, **code.example})


def findings_markdown() -> str:
    out = [GENERATED, "", "# Les constats", "",
           "Chaque constat a un `code` (stable), une gravité (" + ", ".join(
               f"`{s.value}` = {SEVERITY_LABEL[s].lower()}" for s in Severity) + "), une dimension, la "
           "feuille, la ligne Excel et la colonne en cause, une clé métier, un message et une suggestion en "
           "français.", "",
           "## Deux verdicts", "",
           "- **La faisabilité de la feuille de route** (`feasibility` dans le rapport JSON, « Faisabilité » en "
           "tête de « Contrôles ») ne lit que les constats des neuf dimensions de la méthode : « " +
           STATUS_LABEL[STATUS_BLOCKING] + " » s'il y a une erreur, « " + STATUS_LABEL[STATUS_UNVERIFIED] +
           " » si une règle n'a pas pu lire une cellule dont elle a besoin (illisible, vide, colonne ou "
           "feuille absente : la dimension ne se dit jamais faisable pour autant ; la liste `unverified` et "
           "la colonne « Non lu » disent où), « " + STATUS_LABEL[STATUS_TO_ARBITRATE] + " » s'il n'y a que "
           "des alertes, « " + STATUS_LABEL[STATUS_FEASIBLE] + " » sinon. Chaque dimension a le sien "
           "(`dimensions`).",
           "- **Le classeur** (`completeness`, « Classeur ») : « " + COMPLETENESS_LABEL[COMPLETE].lower() +
           " », ou « " + COMPLETENESS_LABEL[TO_COMPLETE].lower() + " » dès qu'un constat de la dimension "
           "Structure (la saisie : `input.*`, `ids.duplicate`) est une erreur — écrite « " + TO_FIX_LABEL +
           " », pas « Bloquant » : une saisie n'est pas une infaisabilité — ou une alerte.",
           "- **Le statut global** (`status`) est le plus grave de tous les constats, saisie et journal "
           "compris ; le code de sortie de `nr-xl check` le suit : 0 sans erreur, 1 dès qu'une erreur est là "
           "(feuille de route bloquante, cellule à corriger ou journal altéré). Ses autres codes sont ceux de la "
           "table de toutes les commandes (README, `nr-xl --help`) : " + _other_check_codes() + ".", "",
           "## La gravité suit l'enjeu", "",
           "La gravité d'un code est celle de la colonne « Gravité » ; certaines règles en changent selon ce "
           "qui est en jeu, et la condition est écrite à côté du code (`nr_xl/core/findings.py`, avec ses "
           "seuils) : les recommandations de la méthode ANCT (gouvernance installée dans le mois, une action "
           "sans indicateur, un risque sans parade) sont « à arbitrer » sauf quand une obligation légale est "
           "en jeu ; un dépassement d'enveloppe bloque si l'enveloppe est votée, se discute si elle n'est que "
           "demandée ; une surcharge ponctuelle que l'année absorbe se discute.", "",
           "Chaque code est déclaré une fois dans `nr_xl/core/findings.py` : sa gravité, sa dimension, sa clé, sa "
           "règle et le modèle de son message ; les exemples ci-dessous sont rendus par ce modèle. On ajoute "
           "des codes, on n'en renomme aucun.", "",
           "Dimensions : " + ", ".join(schema.DIMENSIONS) + " ; et, pour la structure du classeur et "
           "le journal : " + ", ".join(schema.EXTRA_DIMENSIONS) + ".", ""]
    for dimension in (*schema.DIMENSIONS, *schema.EXTRA_DIMENSIONS):
        codes = [c for c in CODES.values() if c.dimension == dimension]
        if not codes:
            continue
        out += [f"## {dimension}", "", "| Code | Gravité | Ce qu'il signale | Clé | Règle | Exemple de message |",
                "|---|---|---|---|---|---|"]
        for c in sorted(codes, key=lambda c: (c.severity.rank, c.code)):
            out.append(f"| `{c.code}` | `{c.severity.value}` ({SEVERITY_LABEL[c.severity].lower()}){_grades(c)} | "
                       f"{c.title} | {c.key} | {c.rule} | {_cell(example_message(c))} |")
        out.append("")
    out += _typed_values() + _legal_floors() + COMMITTEE_DECISION + FOLLOW_UP
    return "\n".join(out)


def _other_check_codes() -> str:
    """Codes 2 and up of check, each with the start of its meaning in the one table."""
    from nr_xl.core.errors import EXIT_CODES, ExitCode, exit_codes_of

    return ", ".join(f"{int(code)} {EXIT_CODES[code].split(' :')[0].split(' (')[0]}"
                     for code in exit_codes_of("check") if code > ExitCode.BLOCKING)


def _grades(code: Code) -> str:
    """« ; `warning` (alerte) quand … » for each severity the code takes by stake."""
    return "".join(f" ; `{g.severity.value}` ({SEVERITY_LABEL[g.severity].lower()}) quand {_cell(g.when)}"
                   for g in code.grades)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _typed_values() -> list[str]:
    names = {values: name for name, values in schema.LISTS.items()}
    names[vocabulary.COMMITTEE_DECISIONS] = "Décision du comité"
    out = ["## Les valeurs tapées librement", "",
           "Une valeur de liste est comparée après pliage de la casse, des accents, des espaces, du genre "
           "et du nombre (« Voté », « votées », « VOTEE » valent « Votée »), puis à travers une courte "
           "table de synonymes (`nr_xl/core/vocabulary.py`, à compléter quand un mot revient) :", ""]
    for values, synonyms in vocabulary.SYNONYMS.items():
        by_value: dict[str, list[str]] = {}
        for word, value in synonyms.items():
            by_value.setdefault(value, []).append(word)
        out.append(f"- **{names[values]}** : " + " ; ".join(
            ", ".join(f"« {w} »" for w in words) + f" → « {value} »" for value, words in by_value.items()) + ".")
    out += ["", "Quand une règle lit la colonne et ne reconnaît pas la valeur, elle applique :", ""]
    for values, (default, effect) in vocabulary.RULE_DEFAULTS.items():
        out.append(f"- **{names[values]}** : « {default} » — {effect}.")
    out += ["", "Comptent comme vides dans les mesures et responsables de risques, les responsables "
            "d'indicateurs et de décisions et la présidence des instances : « à définir », « ? », « - », "
            "« TBD », « à préciser », « N/A »… (`vocabulary.PLACEHOLDERS`).", ""]
    return out


def _legal_floors() -> list[str]:
    out = ["## Les planchers légaux", "",
           "Table `nr_xl/core/obligations.py` ; la colonne facultative « Obligation » de « Indicateurs » (liste "
           "déroulante) rattache un indicateur à l'une d'elles.", "",
           "| Obligation | Ce que dit le texte | Source | Plancher |", "|---|---|---|---|"]
    for o in OBLIGATIONS:
        says = o.summary + (f" (au-delà de {fmt.number(o.min_population, 0)} habitants)" if o.min_population else "")
        floors = ", ".join(f"{fmt.number(v)} % dès {y}" for y, v in o.floors) or "—"
        out.append(f"| {o.name} | {says} | {o.source} | {floors} |")
    return out + [""]


COMMITTEE_DECISION = [
    "## La décision du comité", "",
    "`nr-xl validate` (ou le bouton « Valider la feuille de route ») enregistre dans « Paramètres » "
    "la « Décision du comité » et les « Réserves », et les journalise :", "",
    f"- rien ne bloque : « {vocabulary.VALIDATED} », la version passe de 1.0 à 1.1 ;",
    "- des points bloquants demeurent : refus (code 1) avec la liste des points, sauf si le comité "
    "valide sous réserve (`--reserves \"…\"`, ou les réserves tapées dans la boîte du bouton) : "
    f"« {vocabulary.VALIDATED_WITH_RESERVATIONS} », version incrémentée, réserves notées ;",
    f"- `--ajournee` (ou « ajourner » dans la boîte) : « {vocabulary.ADJOURNED} », la version ne change pas.", "",
    "Les valeurs sont comparées après pliage : « validé », « VALIDEE SOUS RESERVES » sont reconnues.", "",
]


FOLLOW_UP = [
    "## Après le vote : le suivi", "",
    f"Trois feuilles facultatives portent le suivi : « {schema.PROGRESS.sheet} » (l'avancement de chaque action "
    f"à chaque date de suivi : statut, avancement en %, jalon), « {schema.SPENDING.sheet} » (l'engagé et le "
    f"mandaté par action, année, financement et nature) et « {schema.MEASURES.sheet} » (une valeur mesurée par "
    "indicateur et période) ; la colonne facultative « Statut » de « Décisions » dit ce que chaque décision est "
    "devenue. Un classeur sans elles se lit comme avant, et leurs règles se taisent tant que le suivi n'a pas "
    "commencé. Le journal ne les compare pas : y noter l'avancement n'est pas un ajustement du comité.", "",
    f"- **La date du suivi** : « {schema.FOLLOWUP_ON.key} » de « Paramètres », sinon la date la plus récente de "
    f"« {schema.PROGRESS.sheet} ». Le statut d'une action ce jour-là est le dernier déclaré dans "
    f"« {schema.PROGRESS.sheet} » à cette date, sinon le « Statut » de « Feuille de route » ; un « Avancement » "
    "sans statut se lit : 0 % à lancer, 100 % terminée, entre les deux en cours.",
    "- **Les dépenses** : ce qui compte face au budget est l'engagé, ou le mandaté s'il est plus élevé. Une "
    "« Nature » laissée vide prend celle que « Budget » prévoit pour l'action, l'année et le financement (quand "
    "le budget prévoit les deux natures, la plus grosse, avec une alerte de lecture).",
    "- **La trajectoire d'un indicateur** : la droite qui va de sa valeur de référence, à la fin de son année de "
    "référence, à sa cible, à la fin de son échéance. La dernière mesure est hors trajectoire quand elle s'en "
    "écarte de plus de " + fmt.percent(CODES["followup.measure_off_track"].limits["tolerance"]) + " de l'écart "
    "entre la référence et la cible, du mauvais côté (« Sens », sinon le sens de la référence vers la cible). "
    "Exemple : référence 8 % en 2026, cible 25 % en 2029 ; fin 2027, la trajectoire attend 13,67 % et tolère "
    "1,7 point : 11,9 % est hors trajectoire, 12 % non.",
    "- **Les planchers légaux** se lisent aussi sur les valeurs mesurées : la dernière mesure de chaque année "
    "face au plancher en vigueur cette année-là.",
    "- **Le comité de suivi** refait le même cycle : figer la version présentée (`nr-xl snapshot`), journaliser "
    "ses ajustements dans le même journal (une seule chaîne d'empreintes d'un comité à l'autre), enregistrer "
    "sa décision (`nr-xl validate` : 1.1 → 1.2). `nr-xl suivi` écrit son compte rendu, `nr-xl bilan` le "
    "bilan annuel de la stratégie.", "",
]


DOCS = {"classeur.md": workbook_markdown, "constats.md": findings_markdown}


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, build in DOCS.items():
        path = folder / name
        path.write_text(build(), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - a developer's command
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "docs"
    for path in write(target):
        print(path)
