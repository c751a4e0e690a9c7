"""A year of follow-up on the example (docs/example.md): two follow-up committees, in June
and November 2027, then the figures of the year for the yearly review. What the secretariat
records before each committee (progress, spending, measures, what became of the decisions),
what each committee adjusts (journalled, as at the validation) and the decisions it takes.
The demo plays it after the validation; tests replay it."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass

from nr_xl.core import schema
from nr_xl.example import Data
from nr_xl.workbook.edit import CellEdit, RowAdd

_P, _S, _M, _D = schema.PROGRESS, schema.SPENDING, schema.MEASURES, schema.DECISIONS
_A, _B = schema.ACTIONS, schema.BUDGET
_RUN, _DONE, _TODO = schema.ACTION_RUNNING, schema.ACTION_DONE, schema.ACTION_TO_START
_INV, _OP = schema.NATURES
_GRANT = schema.FINANCINGS[3]  # the example's B6.1 is financed by a grant


@dataclass(frozen=True)
class FollowUpCommittee:
    day: dt.date
    instance: str
    # Rows of « Suivi », « Dépenses », « Mesures » as typed (headers in the schema's order).
    progress: tuple[tuple[object, ...], ...]
    spending: tuple[tuple[object, ...], ...]
    measures: tuple[tuple[object, ...], ...]
    # Decision number -> what became of it.
    decision_statuses: dict[str, str]
    # What the committee adjusts, each with its reason (journalled one by one).
    adjustments: tuple[tuple[str, tuple[CellEdit | RowAdd, ...]], ...]
    # The decisions it takes: (number, text, owner, due date).
    decisions: tuple[tuple[str, str, str, dt.date], ...]


_JUNE = dt.date(2027, 6, 10)
_NOVEMBER = dt.date(2027, 11, 9)

COMMITTEES: tuple[FollowUpCommittee, ...] = (
    FollowUpCommittee(
        dt.date(2027, 6, 17), "COPIL de suivi du 17 juin 2027",
        progress=(
            ("B1.1", _JUNE, _DONE, 1, "COPIL et COTECH installés", ""),
            ("B1.2", _JUNE, _RUN, 0.3, "Prestataire du bilan carbone choisi", ""),
            ("B1.4", _JUNE, _RUN, 0.4, "Maquette du tableau de bord", ""),
            ("B2.1", _JUNE, _RUN, 0.5, "", "Clauses rédigées pour le marché des postes"),
            ("B2.2", _JUNE, _RUN, 0.2, "", ""),
            ("B2.3", _JUNE, _RUN, 0.25, "Premier lot de 40 postes reconditionnés commandé", ""),
            ("B3.2", _JUNE, _RUN, 0.6, "", "Devis supérieur au budget : 28 000 € engagés"),
            ("B3.4", _JUNE, _RUN, 0.7, "", "Déployé sur quatre sites sur six"),
            ("B4.1", _JUNE, _RUN, 0.3, "", ""),
            ("B5.1", _JUNE, _DONE, 1, "Quatre fresques, 62 participants", ""),
            ("B5.3", _JUNE, _TODO, 0, "", "Référents non désignés : appel à volontaires reporté"),
            ("B5.4", _JUNE, _RUN, 0.5, "", ""),
            ("B6.1", _JUNE, _RUN, 0.5, "", ""),
        ),
        spending=(
            ("B1.2", 2027, schema.DEFAULT_FINANCING, _OP, 18000, 6000),
            ("B1.4", 2027, schema.DEFAULT_FINANCING, _INV, 12000, 0),
            ("B2.3", 2027, schema.DEFAULT_FINANCING, _INV, 14000, 14000),
            ("B3.2", 2027, schema.DEFAULT_FINANCING, _INV, 28000, 9000),
            ("B3.4", 2027, schema.DEFAULT_FINANCING, _INV, 7500, 7500),
            ("B5.1", 2027, schema.DEFAULT_FINANCING, _OP, 5200, 5200),
            ("B6.1", 2027, _GRANT, _OP, 12500, 12500),
        ),
        measures=(
            ("I06", "2027-T1", 2.05, "Compteurs électriques de la salle"),
            ("I13", "2027-T1", 45, "Console de gestion du parc"),
            ("I13", "2027-T2", 52, "Console de gestion du parc"),
        ),
        decision_statuses={"1": schema.DECISION_DONE, "2": schema.DECISION_DONE},
        adjustments=(
            ("Réseau de référents : désignation reportée, fin au 1er trimestre 2028", (
                CellEdit(_A.sheet, {_A.id.header: "B5.3"}, _A.start.header, "2027-T3"),
                CellEdit(_A.sheet, {_A.id.header: "B5.3"}, _A.end.header, "2028-T1"),
            )),
            ("Parc d'impression : devis retenu à 28 000 €", (
                CellEdit(_B.sheet, {_B.action.header: "B3.2", _B.year.header: 2027}, _B.investment.header, 28000),
            )),
        ),
        decisions=(
            ("3", "Désigner un référent Numérique responsable dans chaque direction.", "Léa Fontaine",
             dt.date(2027, 9, 30)),
            ("4", "Relancer la console d'extinction sur les deux sites restants.", "Karim Benali",
             dt.date(2027, 9, 1)),
        ),
    ),
    FollowUpCommittee(
        dt.date(2027, 11, 18), "COPIL de suivi du 18 novembre 2027",
        progress=(
            ("B1.3", _NOVEMBER, _RUN, 0.3, "Plan du bilan annuel arrêté", ""),
            ("B1.4", _NOVEMBER, _DONE, 1, "Tableau de bord en ligne", ""),
            ("B2.1", _NOVEMBER, _DONE, 1, "", ""),
            ("B2.3", _NOVEMBER, _RUN, 0.5, "", ""),
            ("B2.4", _NOVEMBER, _RUN, 0.2, "Convention avec une ressourcerie en préparation", ""),
            ("B3.1", _NOVEMBER, _RUN, 0.35, "Marché de travaux notifié", ""),
            ("B3.2", _NOVEMBER, _DONE, 1, "", ""),
            ("B3.4", _NOVEMBER, _DONE, 1, "", ""),
            ("B4.1", _NOVEMBER, _DONE, 1, "Six services autodiagnostiqués", ""),
            ("B4.2", _NOVEMBER, _RUN, 0.4, "Audit du site en cours", ""),
            ("B5.2", _NOVEMBER, _RUN, 0.25, "", ""),
            ("B5.3", _NOVEMBER, _RUN, 0.6, "11 référents sur 14 directions", ""),
            ("B5.4", _NOVEMBER, _DONE, 1, "", ""),
        ),
        spending=(
            ("B2.3", 2027, schema.DEFAULT_FINANCING, _INV, 31000, 24000),
            ("B3.1", 2027, schema.DEFAULT_FINANCING, _INV, 38000, 12000),
            ("B4.1", 2027, schema.DEFAULT_FINANCING, _OP, 6000, 6000),
            ("B4.2", 2027, schema.DEFAULT_FINANCING, _OP, 4500, 0),
            ("B5.2", 2027, schema.DEFAULT_FINANCING, _OP, 5000, 2500),
        ),
        measures=(
            ("I06", "2027-T3", 1.98, "Compteurs électriques de la salle"),
            ("I13", "2027-T3", 70, "Console de gestion du parc"),
        ),
        decision_statuses={"3": schema.DECISION_RUNNING, "4": schema.DECISION_DONE},
        adjustments=(
            ("Volet numérique du PCAET : calé sur la révision du plan, en 2028", (
                CellEdit(_A.sheet, {_A.id.header: "B6.4"}, _A.start.header, "2028-T1"),
                CellEdit(_A.sheet, {_A.id.header: "B6.4"}, _A.end.header, "2028-T2"),
            )),
        ),
        decisions=(
            ("5", "Présenter au bureau un plan de rattrapage du réemploi des équipements réformés.",
             "Élodie Marchand", dt.date(2028, 2, 15)),
        ),
    ),
)

# The figures of the year, recorded in January 2028 for the yearly review.
YEAR_END = dt.date(2028, 1, 12)
YEAR_END_MEASURES: tuple[tuple[object, ...], ...] = (
    ("I01", "2027", 5.6, "Inventaire GLPI"),
    ("I02", "2027", 11.9, "Suivi d'exécution des marchés"),
    ("I03", "2027", 32, "Registre des réformes"),
    ("I06", "2027-T4", 1.95, "Compteurs électriques de la salle"),
    ("I08", "2027", 58, "Audit RGAA"),
    ("I12", "2027", 3, "Relevés de décisions"),
    ("I13", "2027-T4", 91, "Console de gestion du parc"),
    ("I10", "2027", 2150, "Outil de suivi France services"),
)
YEAR_END_SPENDING: tuple[tuple[object, ...], ...] = (
    ("B1.3", 2027, schema.DEFAULT_FINANCING, _OP, 2500, 2500),
    ("B5.4", 2027, schema.DEFAULT_FINANCING, _OP, 2800, 2800),
)
YEAR_END_PROGRESS: tuple[tuple[object, ...], ...] = (
    ("B2.4", YEAR_END, _RUN, 0.35, "Convention signée avec la ressourcerie", ""),
    ("B4.2", YEAR_END, _RUN, 0.7, "Audit remis, déclaration en rédaction", ""),
)


def _rows(spec: schema.TableSpec, rows: tuple[tuple[object, ...], ...]) -> list[RowAdd]:
    return [RowAdd(spec.sheet, dict(zip(spec.headers, row))) for row in rows]


def _upsert_spending(rows: tuple[tuple[object, ...], ...], known: set[tuple[object, ...]]) -> list[CellEdit | RowAdd]:
    """A line of « Dépenses » already there is updated (the year's running total), else added."""
    out: list[CellEdit | RowAdd] = []
    headers = _S.headers
    for row in rows:
        key = row[:4]
        if key in known:
            match = dict(zip(headers[:4], key))
            out += [CellEdit(_S.sheet, match, headers[4], row[4]), CellEdit(_S.sheet, match, headers[5], row[5])]
        else:
            known.add(key)
            out.append(RowAdd(_S.sheet, dict(zip(headers, row))))
    return out


def recorded_before(committee: FollowUpCommittee, known_spending: set[tuple[object, ...]]) -> list[CellEdit | RowAdd]:
    """What the secretariat types before ``committee``: none of it is an adjustment."""
    edits: list[CellEdit | RowAdd] = [
        CellEdit(schema.PARAMETER_TABLE.sheet, {schema.PARAMETER_TABLE.name.header: schema.FOLLOWUP_ON.key},
                 schema.PARAMETER_TABLE.value.header, committee.day)]
    edits += _rows(_P, committee.progress) + _upsert_spending(committee.spending, known_spending)
    edits += _rows(_M, committee.measures)
    edits += [CellEdit(_D.sheet, {_D.number.header: number}, _D.status.header, status)
              for number, status in committee.decision_statuses.items()]
    return edits


def decisions_taken(committee: FollowUpCommittee) -> list[CellEdit | RowAdd]:
    return [RowAdd(_D.sheet, dict(zip(_D.headers, (*row, schema.DECISION_TO_DO)))) for row in committee.decisions]


def recorded_at_year_end(known_spending: set[tuple[object, ...]]) -> list[CellEdit | RowAdd]:
    return [CellEdit(schema.PARAMETER_TABLE.sheet, {schema.PARAMETER_TABLE.name.header: schema.FOLLOWUP_ON.key},
                     schema.PARAMETER_TABLE.value.header, YEAR_END),
            *_rows(_P, YEAR_END_PROGRESS), *_upsert_spending(YEAR_END_SPENDING, known_spending),
            *_rows(_M, YEAR_END_MEASURES)]


def followed_example(data: Data, committees: int = len(COMMITTEES), year_end: bool = True) -> Data:
    """``data`` (the example) with the follow-up typed as the demo types it, as plain rows
    (the committees' adjustments and decisions included): what tests check without a workbook."""
    out = copy.deepcopy(data)
    known: set[tuple[object, ...]] = set()
    edits: list[CellEdit | RowAdd] = []
    for committee in COMMITTEES[:committees]:
        edits += recorded_before(committee, known)
        edits += [e for _, adjustment in committee.adjustments for e in adjustment]
        edits += decisions_taken(committee)
    if year_end:
        edits += recorded_at_year_end(known)
    for edit in edits:
        _apply(out, edit)
    return out


def _apply(data: Data, edit: CellEdit | RowAdd) -> None:
    spec = schema.TABLES_BY_SHEET[edit.sheet]
    headers = list(spec.headers)
    rows = data.setdefault(edit.sheet, [])
    if isinstance(edit, RowAdd):
        rows.append([_plain(edit.values.get(h, "")) for h in headers])
        return
    index = headers.index(edit.header)
    for row in rows:
        row += [""] * (len(headers) - len(row))
        if all(str(row[headers.index(h)]) == str(v) for h, v in edit.match.items()):
            row[index] = _plain(edit.value)
            return
    if spec is schema.PARAMETER_TABLE:
        rows.append([edit.match[headers[0]], _plain(edit.value)])
        return
    raise KeyError(f"{edit.sheet}: no row {edit.match}")


def _plain(value: object) -> object:
    """As the example's JSON holds it: dates as ISO text."""
    return value.isoformat() if isinstance(value, dt.date) else value
