"""snapshot, log, validate and the net adjustments: the journal's use cases.

Reads with the fast reader, computes with the pure modules of this package,
and writes through the safe writer in one atomic replacement (Journal and
reference sheet together, so they can never disagree).
"""

from __future__ import annotations

import dataclasses
import functools
import datetime as dt
import getpass
import re
from dataclasses import dataclass
from pathlib import Path

from nr_xl import fmt, schema, vocabulary
from nr_xl.errors import NrXlError, UsageError
from nr_xl.findings import Finding, finding
from nr_xl.journal import store
from nr_xl.journal.chain import GENESIS, JournalRow, chain, first_broken
from nr_xl.build import read_parameters
from nr_xl.journal.snapshot import ADDED, CHANGED, REMOVED, Adjustment, Change, Snapshot, diff, snapshot
from nr_xl.model import Parameters
from nr_xl.sources import read_rows
from nr_xl.workbook import layout

ROW_ADDED, ROW_REMOVED = "(ligne ajoutée)", "(ligne supprimée)"
STAMP = "%d/%m/%Y %H:%M:%S"


class NoReference(NrXlError):
    pass


@dataclass(frozen=True)
class Workbook:
    """What the journal needs from a workbook, read in one pass."""

    sheets: dict[str, list[list[object]]]
    state: store.JournalState | None
    journal: list[JournalRow]
    reference_altered: bool = False

    @functools.cached_property
    def current(self) -> Snapshot:
        return snapshot(self.sheets)

    @functools.cached_property
    def parameters(self) -> Parameters:
        return read_parameters(self.sheets)

    @property
    def head(self) -> str:
        """Empreinte of the last Journal row: where the next rows chain from."""
        return self.journal[-1].fingerprint if self.journal else GENESIS


def read(path: Path) -> Workbook:
    return from_sheets(read_rows(path, list(schema.CHECKED_SHEETS)).sheets)


def from_sheets(sheets: dict[str, list[list[object]]]) -> Workbook:
    altered = False
    try:
        state = store.from_rows(sheets.get(schema.REFERENCE_SHEET.name))
    except store.ReferenceAltered:
        state, altered = None, True
    return Workbook(sheets, state, store.journal_rows(sheets.get(schema.JOURNAL.sheet)), altered)


def default_instance(book: Workbook, today: dt.date | None = None) -> str:
    committee = book.parameters.committee_on
    return f"COPIL du {fmt.long_date(committee or today or dt.date.today())}"


def default_author() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name on some locked-down machines
        return "inconnu"


@dataclass(frozen=True)
class Plan:
    """What a journal operation writes: the two sheets the tool owns, and the
    cells of input sheets it sets (the Version at validation)."""

    state: store.JournalState
    journal: list[JournalRow]
    new_rows: list[JournalRow]
    patches: dict[str, dict[tuple[int, int], object]]
    old_version: str = ""
    new_version: str = ""
    decision: str = ""
    reservations: str = ""

    def contents(self) -> dict[str, layout.SheetContent]:
        return {
            schema.REFERENCE_SHEET.name: store.to_content(self.state),
            schema.JOURNAL.sheet: layout.journal([r.values() for r in self.journal]),
        }


def write_plan(path: Path, plan: Plan) -> Path:
    from nr_xl.workbook.writer import write_owned_sheets

    return write_owned_sheets(path, plan.contents(),
                              headers={schema.JOURNAL.sheet: schema.JOURNAL.headers},
                              patches=plan.patches or None)


def plan_snapshot(book: Workbook, now: dt.datetime | None = None) -> Plan:
    current = book.current
    state = store.JournalState(
        reference=current, logged=current,
        reference_date=(now or dt.datetime.now()).strftime(STAMP),
        reference_version=book.parameters.version or "1.0",
        journal_count=len(book.journal),
        journal_head=book.head,
        presented=current, presented_count=len(book.journal),
    )
    return Plan(state, book.journal, [], {})


def take_snapshot(path: Path, now: dt.datetime | None = None) -> store.JournalState:
    """Store the current roadmap as the reference version inside the workbook."""
    plan = plan_snapshot(read(path), now)
    write_plan(path, plan)
    return plan.state


def _require_state(book: Workbook, name: str) -> store.JournalState:
    if book.reference_altered:
        raise NoReference(
            f"La version de référence cachée dans « {name} » a été modifiée ou abîmée : "
            "le journal ne peut plus s'y comparer. Repartez de la sauvegarde .bak, ou reprenez une "
            "référence avec « Figer la version de référence » (nr-xl snapshot) : les ajustements "
            "antérieurs ne seront plus comparés."
        )
    if book.state is None:
        raise NoReference(
            f"« {name} » n'a pas encore de version de référence. Figez d'abord la feuille de "
            "route présentée au comité : bouton « Figer la version de référence » ou nr-xl snapshot."
        )
    return book.state


def journal_rows_for(changes: list[Change], start: int, instance: str, author: str, reason: str,
                     now: dt.datetime) -> list[JournalRow]:
    stamp = now.strftime(STAMP)
    return [JournalRow(number, stamp, instance, author, change.sheet, change.key, field_label(change),
                       change.old, change.new, reason)
            for number, change in enumerate(changes, start=start)]


def field_label(change: Change) -> str:
    """The « Champ » of a Journal row: the column, or what happened to a whole row."""
    return {ADDED: ROW_ADDED, REMOVED: ROW_REMOVED}.get(change.kind, change.field or "")


def plan_log(book: Workbook, name: str, instance: str | None = None, author: str | None = None,
             reason: str = "", now: dt.datetime | None = None) -> Plan:
    state = _require_state(book, name)
    current = book.current
    changes = diff(state.logged, current)
    if not changes:
        return Plan(state, book.journal, [], {})
    new_rows = chain(book.head, journal_rows_for(
        changes, len(book.journal) + 1, instance or default_instance(book),
        author or default_author(), reason, now or dt.datetime.now()))
    all_rows = book.journal + new_rows
    state = dataclasses.replace(state, logged=current, journal_count=len(all_rows),
                                journal_head=all_rows[-1].fingerprint)
    return Plan(state, all_rows, new_rows, {})


def log_changes(path: Path, instance: str | None = None, author: str | None = None,
                reason: str = "", now: dt.datetime | None = None) -> list[JournalRow]:
    """Append one Journal row per change since the last log; returns the new rows."""
    plan = plan_log(read(path), path.name, instance, author, reason, now)
    if plan.new_rows:
        write_plan(path, plan)
    return plan.new_rows


def bump(version: str) -> str:
    """1.0 -> 1.1, 2.9 -> 2.10, 3 -> 3.1, v1 -> v1.1."""
    m = re.fullmatch(r"(.*?)(\d+)\.(\d+)", version.strip())
    if m:
        return f"{m.group(1)}{m.group(2)}.{int(m.group(3)) + 1}"
    return f"{version.strip()}.1" if version.strip() else "1.1"


@dataclass(frozen=True)
class Validation:
    old_version: str
    new_version: str
    logged: list[JournalRow]
    decision: str = vocabulary.VALIDATED
    reservations: str = ""


class ValidationRefused(NrXlError):
    pass


# How many blocking points the refusal lists before pointing at « Contrôles ».
REFUSAL_SHOWN = 5
DECISION_KEY, RESERVATIONS_KEY = "Décision du comité", "Réserves"


def blocking_points(book: Workbook, name: str) -> list[Finding]:
    """The errors the checks find in the workbook as it stands."""
    from nr_xl.api import check_sheets

    return [f for f in check_sheets(book.sheets, name).findings if f.severity.value == "error"]


def refusal(blocking: list[Finding]) -> str:
    shown = "\n".join(f"- {f.message}" for f in blocking[:REFUSAL_SHOWN])
    more = (f"\n… et {len(blocking) - REFUSAL_SHOWN} autre(s) : voir la feuille « Contrôles »."
            if len(blocking) > REFUSAL_SHOWN else "")
    return (f"La feuille de route ne peut pas être validée : {len(blocking)} point(s) bloquant(s) "
            f"demeure(nt).\n{shown}{more}\nCorrigez-les, ou enregistrez la décision du comité : "
            "validation sous réserve (nr-xl validate --reserves \"…\", ou tapez les réserves dans la "
            "boîte du bouton « Valider ») ou ajournement (nr-xl validate --ajournee).")


def decide(book: Workbook, name: str, reservations: str | None, adjourned: bool) -> str:
    """The committee's decision, or ValidationRefused while blocking points remain unreserved."""
    reservations = (reservations or "").strip()
    if adjourned and reservations:
        raise UsageError("Choisissez : une feuille de route ajournée n'est pas validée sous réserve "
                        "(--ajournee ou --reserves, pas les deux).")
    if adjourned:
        return vocabulary.ADJOURNED
    if reservations:
        return vocabulary.VALIDATED_WITH_RESERVATIONS
    blocking = blocking_points(book, name)
    if blocking:
        raise ValidationRefused(refusal(blocking))
    return vocabulary.VALIDATED


def _set_parameters(book: Workbook, values: dict[str, str]) -> tuple[list[list[object]], dict[tuple[int, int], object], list[Change]]:
    """Paramètres with ``values`` set (rows added at the end when missing), the cells to
    patch, and one journal change per value that differs."""
    params = book.parameters
    sheet = [list(r) for r in book.sheets.get(schema.PARAMETRES.sheet, [["Paramètre", "Valeur"]])]
    patch: dict[tuple[int, int], object] = {}
    changes: list[Change] = []
    current = {"Version": params.version or "1.0", DECISION_KEY: params.committee_decision or "",
               RESERVATIONS_KEY: params.reservations or ""}
    for key, value in values.items():
        if current.get(key, "") == value and (params.rows.get(key) is not None or not value):
            continue
        changes.append(Change(schema.PARAMETRES.sheet, key, "Valeur", current.get(key, ""), value, CHANGED))
        row = params.rows.get(key)
        if row is None:
            key_column = 2 if params.value_column == 1 else 1
            cells = [None] * max(key_column, params.value_column)
            cells[key_column - 1], cells[params.value_column - 1] = key, value
            sheet.append(cells)
            patch.update({(len(sheet), key_column): key, (len(sheet), params.value_column): value})
        else:
            cells = sheet[row - 1]
            cells.extend([None] * (params.value_column - len(cells)))
            cells[params.value_column - 1] = value
            patch[(row, params.value_column)] = value
    return sheet, patch, changes


def plan_validate(book: Workbook, name: str, instance: str | None = None, author: str | None = None,
                  reason: str = "", now: dt.datetime | None = None, reservations: str | None = None,
                  adjourned: bool = False) -> Plan:
    """Record the committee's decision: log what is pending, set « Décision du comité »
    (and « Réserves »), bump Version unless adjourned, take a new reference."""
    state = _require_state(book, name)
    decision = decide(book, name, reservations, adjourned)
    reservations = (reservations or "").strip()
    now = now or dt.datetime.now()
    instance = instance or default_instance(book)
    old_version = book.parameters.version or "1.0"
    new_version = old_version if adjourned else bump(old_version)
    values = {DECISION_KEY: decision, RESERVATIONS_KEY: reservations}
    if not adjourned:
        values = {"Version": new_version, **values}
    sheet, patch, settings = _set_parameters(book, values)
    pending = diff(state.logged, book.current)
    default_reason = {
        vocabulary.VALIDATED: f"Validation de la feuille de route (version {new_version})",
        vocabulary.VALIDATED_WITH_RESERVATIONS:
            f"Validation sous réserve de la feuille de route (version {new_version}) : {reservations}",
        vocabulary.ADJOURNED: f"Ajournement de la validation (version {old_version} inchangée)",
    }[decision]
    rows = chain(book.head, journal_rows_for(
        pending + settings, len(book.journal) + 1, instance, author or default_author(),
        reason or default_reason, now))
    all_rows = book.journal + rows
    current = snapshot({**book.sheets, schema.PARAMETRES.sheet: sheet})
    if adjourned:
        new_state = dataclasses.replace(state, logged=current, journal_count=len(all_rows),
                                        journal_head=all_rows[-1].fingerprint if all_rows else state.journal_head)
    else:
        new_state = store.JournalState(
            reference=current, logged=current, reference_date=now.strftime(STAMP),
            reference_version=new_version, journal_count=len(all_rows),
            journal_head=all_rows[-1].fingerprint, validated_on=now.strftime(STAMP),
            validated_by=instance, presented=state.committee_base,
            presented_count=state.presented_count)
    return Plan(new_state, all_rows, rows[:len(pending)], {schema.PARAMETRES.sheet: patch},
                old_version, new_version, decision, reservations)


def validate(path: Path, instance: str | None = None, author: str | None = None,
             reason: str = "", now: dt.datetime | None = None, reservations: str | None = None,
             adjourned: bool = False) -> Validation:
    plan = plan_validate(read(path), path.name, instance, author, reason, now, reservations, adjourned)
    write_plan(path, plan)
    return Validation(plan.old_version, plan.new_version, plan.new_rows, plan.decision, plan.reservations)


def journal_findings(book: Workbook) -> list[Finding]:
    """journal.tampered when the Journal no longer matches its hash chain."""
    out: list[Finding] = []
    if book.reference_altered:
        out.append(finding(
            "journal.reference_altered", sheet=schema.REFERENCE_SHEET.name,
            message="La version de référence cachée a été modifiée en dehors de nr_xl.",
            suggestion="Repartez de la sauvegarde .bak, ou reprenez une référence (nr-xl snapshot).",
        ))
    state = book.state
    broken = first_broken(book.journal, state.journal_count if state else None,
                          state.journal_head if state else None)
    if broken is not None:
        row = next((r.excel_row for r in book.journal if r.number == broken), None)
        if row is None and broken - 1 < len(book.journal):
            row = book.journal[broken - 1].excel_row
        out.append(finding(
            "journal.tampered", sheet=schema.JOURNAL.sheet, row=row, field="Empreinte",
            key=str(broken),
            message=f"Le journal ne correspond plus à sa chaîne d'empreintes à partir de la ligne N° {broken} : "
                    "une ligne a été modifiée, supprimée ou insérée à la main.",
            suggestion="Restaurez le journal depuis la sauvegarde .bak du classeur ; pour corriger un "
                       "ajustement, modifiez la feuille de route puis journalisez à nouveau.",
        ))
    return out


def net_adjustments(book: Workbook) -> list[Adjustment]:
    """Version presented to the committee -> now, one line per changed item,
    with the reasons the journal gives for it."""
    if book.state is None:
        return []
    reasons: dict[tuple[str, str, str], list[str]] = {}
    for row in book.journal[book.state.presented_count:]:
        if row.reason:
            reasons.setdefault((row.sheet, row.key, row.field), [])
            if row.reason not in reasons[(row.sheet, row.key, row.field)]:
                reasons[(row.sheet, row.key, row.field)].append(row.reason)
    out = []
    for change in diff(book.state.committee_base, book.current):
        if change.sheet == schema.PARAMETRES.sheet and change.key in (DECISION_KEY, RESERVATIONS_KEY):
            continue  # the committee's decision, not an adjustment of the roadmap
        label = field_label(change)
        out.append(Adjustment(change.sheet, change.key, label, change.old, change.new,
                              tuple(reasons.get((change.sheet, change.key, label), ()))))
    return out


def presented_sheets(book: Workbook) -> dict[str, list[list[object]]] | None:
    """The version presented to the committee as plain sheet rows (canonical
    values parse back), so it can be checked like a workbook."""
    if book.state is None:
        return None
    sheets: dict[str, list[list[object]]] = {}
    for spec in schema.INPUT_TABLES:
        records = book.state.committee_base.get(spec.sheet)
        if records is None:
            continue
        headers = [h for h in (*spec.headers,) if any(h in r for r in records.values())] or list(spec.headers)
        sheets[spec.sheet] = [list(headers)] + [[r.get(h, "") for h in headers] for r in records.values()]
    return sheets
