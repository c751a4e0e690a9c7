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

from nr_xl import fmt, schema
from nr_xl.errors import NrXlError
from nr_xl.findings import Finding, finding
from nr_xl.journal import store
from nr_xl.journal.chain import GENESIS, JournalRow, chain, first_broken
from nr_xl.build import read_parameters
from nr_xl.journal.snapshot import ADDED, CHANGED, REMOVED, Adjustment, Change, Snapshot, diff, snapshot
from nr_xl.model import Parameters
from nr_xl.sources import read_rows
from nr_xl.workbook import layout
from nr_xl.workbook.lock import Guard, exclusive

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
    rows = read_rows(path, list(schema.CHECKED_SHEETS))
    return from_sheets(rows.sheets, rows.tables)


def from_sheets(sheets: dict[str, list[list[object]]], tables: dict[str, str] | None = None) -> Workbook:
    """``tables`` (name -> range): the journal is the rows of tbl_Journal, not the
    whole sheet, so a note typed under the table is not taken for a journal row."""
    altered = False
    try:
        state = store.from_rows(sheets.get(schema.REFERENCE_SHEET.name))
    except store.ReferenceAltered:
        state, altered = None, True
    journal = store.journal_rows(sheets.get(schema.JOURNAL.sheet), (tables or {}).get(schema.JOURNAL.table))
    return Workbook(sheets, state, journal, altered)


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

    def contents(self) -> dict[str, layout.SheetContent]:
        return {
            schema.REFERENCE_SHEET.name: store.to_content(self.state),
            schema.JOURNAL.sheet: layout.journal([r.values() for r in self.journal]),
        }


def write_plan(path: Path, plan: Plan, guard: Guard | None = None) -> Path:
    from nr_xl.workbook.writer import write_owned_sheets

    return write_owned_sheets(path, plan.contents(),
                              headers={schema.JOURNAL.sheet: schema.JOURNAL.headers},
                              patches=plan.patches or None, guard=guard)


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


def take_snapshot(path: Path, now: dt.datetime | None = None, break_lock: bool = False) -> store.JournalState:
    """Store the current roadmap as the reference version inside the workbook."""
    with exclusive(path, break_lock=break_lock) as guard:
        plan = plan_snapshot(read(guard.path), now)
        write_plan(path, plan, guard)
    return plan.state


def _require_state(book: Workbook, name: str) -> store.JournalState:
    foreign = next((r for r in book.journal if not r.fingerprint), None)
    if foreign is not None:
        # Chaining new rows after it would make the stray row part of the journal for good.
        raise NrXlError(
            f"La ligne {foreign.excel_row} du tableau « Journal » de « {name} » n'a pas été écrite par "
            "nr_xl : rien n'a été journalisé. Déplacez ce texte hors du tableau ou supprimez la ligne "
            "(clic droit > Supprimer > Lignes du tableau), puis relancez."
        )
    if book.reference_altered:
        raise NoReference(
            f"La version de référence cachée dans « {name} » a été modifiée ou abîmée : "
            "le journal ne peut plus s'y comparer. Repartez d'une sauvegarde .bak datée, ou reprenez une "
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
                reason: str = "", now: dt.datetime | None = None, break_lock: bool = False) -> list[JournalRow]:
    """Append one Journal row per change since the last log; returns the new rows.

    Read, diff and write happen under the workbook's lock: two logs at the same
    moment run one after the other, the second seeing the first's rows."""
    with exclusive(path, break_lock=break_lock) as guard:
        plan = plan_log(read(guard.path), path.name, instance, author, reason, now)
        if plan.new_rows:
            write_plan(path, plan, guard)
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


def plan_validate(book: Workbook, name: str, instance: str | None = None, author: str | None = None,
                  reason: str = "", now: dt.datetime | None = None) -> Plan:
    """Log what is pending, bump Version, record the validation, take a new reference."""
    state = _require_state(book, name)
    now = now or dt.datetime.now()
    instance = instance or default_instance(book)
    params = book.parameters
    old_version = params.version or "1.0"
    version_row = params.rows.get("Version")
    new_version = bump(old_version)
    pending = diff(state.logged, book.current)
    version_change = Change(schema.PARAMETRES.sheet, "Version", "Valeur", old_version, new_version, CHANGED)
    rows = chain(book.head, journal_rows_for(
        pending + [version_change], len(book.journal) + 1, instance, author or default_author(),
        reason or f"Validation de la feuille de route (version {new_version})", now))
    all_rows = book.journal + rows
    sheet = [list(r) for r in book.sheets.get(schema.PARAMETRES.sheet, [["Paramètre", "Valeur"]])]
    if version_row is None:
        sheet.append(["Version", new_version])
        version_row = len(sheet)
        patch: dict[tuple[int, int], object] = {(version_row, 1): "Version", (version_row, 2): new_version}
    else:
        cells = sheet[version_row - 1]
        cells.extend([None] * (params.value_column - len(cells)))
        cells[params.value_column - 1] = new_version
        patch = {(version_row, params.value_column): new_version}
    current = snapshot({**book.sheets, schema.PARAMETRES.sheet: sheet})
    new_state = store.JournalState(
        reference=current, logged=current, reference_date=now.strftime(STAMP),
        reference_version=new_version, journal_count=len(all_rows),
        journal_head=all_rows[-1].fingerprint, validated_on=now.strftime(STAMP),
        validated_by=instance, presented=state.committee_base,
        presented_count=state.presented_count)
    return Plan(new_state, all_rows, rows[:-1], {schema.PARAMETRES.sheet: patch}, old_version, new_version)


def validate(path: Path, instance: str | None = None, author: str | None = None,
             reason: str = "", now: dt.datetime | None = None, break_lock: bool = False) -> Validation:
    with exclusive(path, break_lock=break_lock) as guard:
        plan = plan_validate(read(guard.path), path.name, instance, author, reason, now)
        write_plan(path, plan, guard)
    return Validation(plan.old_version, plan.new_version, plan.new_rows)


def journal_findings(book: Workbook) -> list[Finding]:
    """journal.tampered when the Journal no longer matches its hash chain."""
    out: list[Finding] = []
    if book.reference_altered:
        out.append(finding(
            "journal.reference_altered", sheet=schema.REFERENCE_SHEET.name,
            message="La version de référence cachée a été modifiée en dehors de nr_xl.",
            suggestion="Repartez d'une sauvegarde .bak datée, ou reprenez une référence (nr-xl snapshot).",
        ))
    state = book.state
    broken = first_broken(book.journal, state.journal_count if state else None,
                          state.journal_head if state else None)
    if broken is not None:
        row = next((r.excel_row for r in book.journal if r.number == broken), None)
        if row is None and broken - 1 < len(book.journal):
            row = book.journal[broken - 1].excel_row
        if broken - 1 < len(book.journal) and not book.journal[broken - 1].fingerprint:
            out.append(_foreign_row(broken, book.journal[broken - 1].excel_row))
            return out
        out.append(finding(
            "journal.tampered", sheet=schema.JOURNAL.sheet, row=row, field="Empreinte",
            key=str(broken),
            message=f"Le journal ne correspond plus à sa chaîne d'empreintes à partir de la ligne N° {broken} : "
                    "une ligne a été modifiée, supprimée ou insérée à la main.",
            suggestion="Restaurez le journal depuis une sauvegarde .bak datée du classeur ; pour corriger un "
                       "ajustement, modifiez la feuille de route puis journalisez à nouveau.",
        ))
    return out


def _foreign_row(number: int, row: int | None) -> Finding:
    """A row typed inside the Journal table (Excel extends a table over a row typed right under it)."""
    return finding(
        "journal.tampered", sheet=schema.JOURNAL.sheet, row=row, field="Empreinte", key=str(number),
        message=f"La ligne {row} du tableau Journal (à la place du N° {number}) n'a pas été écrite par nr_xl : "
                "sans empreinte, elle rompt la chaîne du journal.",
        suggestion="Déplacez ce texte hors du tableau ou supprimez la ligne (clic droit > Supprimer > "
                   "Lignes du tableau) ; une remarque sur un ajustement va dans le motif du prochain journal.",
    )


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
