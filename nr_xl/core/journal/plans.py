"""The journal's decisions, computed from sheet rows: snapshot, log, validate and rebuild plans.

Pure: a ``Workbook`` is rows already read (``book.from_sheets``), a ``Plan`` is what
to write; nothing here reads or writes a file or a workbook (``nr_xl.jobs.journal``
does, and the ribbon writes a plan into the open book). The clock and the system's user
name are read only when the caller gives no ``now`` or ``author``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
import re
from dataclasses import dataclass

from nr_xl.core import fmt, layout, schema, vocabulary
from nr_xl.core.decision import outcome as decision_outcome, read_answer
from nr_xl.core.errors import NrXlError, UsageError
from nr_xl.core.findings import Finding, Severity
from nr_xl.core.journal import store
from nr_xl.core.journal.book import (
    DECISION_KEY, RESERVATIONS_KEY, ROW_ADDED, ROW_REMOVED, Workbook, describe, field_label,
)
from nr_xl.core.journal.chain import ACCEPTED, GENESIS, JournalRow, cell_text, chain, head_line, seal, short
from nr_xl.core.journal.snapshot import ADDED, CHANGED, REMOVED, Change, diff, revert
from nr_xl.core.report import check_sheets

STAMP = "%d/%m/%Y %H:%M:%S"


class NoReference(NrXlError):
    pass


class JournalBroken(NrXlError):
    """The Journal no longer matches its chain: no command extends or re-anchors it silently."""


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
    # What stays in the reason cell (M2) beside the Journal: a reason not used yet.
    pending_reason: str = ""
    # Said to the user beside the result (French), e.g. what a repeated snapshot kept.
    notices: tuple[str, ...] = ()
    decision: str = ""
    reservations: str = ""

    def contents(self) -> dict[str, layout.SheetContent]:
        return {
            schema.REFERENCE_SHEET.name: store.to_content(self.state),
            schema.JOURNAL.sheet: layout.journal([r.values() for r in self.journal], self.pending_reason,
                                                 head_line(self.journal)),
        }


def plan_snapshot(book: Workbook, now: dt.datetime | None = None, accept_broken: bool = False,
                  author: str | None = None, name: str = "le classeur") -> Plan:
    """The roadmap as it stands taken as the new reference. Refused on a journal whose
    reference is gone or damaged: nothing would then say whether rows were removed from its
    end, and a fresh reference would make the next log give their N° again; ``plan_rebuild``
    (--reconstruire) rebuilds it from the journal, checked against what nr_xl recorded."""
    if book.journal and (book.state is None or book.reference_altered):
        what = "a été modifiée ou abîmée" if book.reference_altered else "a disparu"
        raise NoReference(
            f"La version de référence cachée de « {name} » {what} alors que le « {schema.JOURNAL.sheet} » compte "
            f"{len(book.journal)} ligne(s) : rien n'a été figé, une nouvelle référence effacerait la trace de ce que le "
            "journal contenait. Restaurez une sauvegarde du classeur, ou reconstruisez la référence à partir du "
            "journal : nr-xl snapshot FICHIER --reconstruire.")
    now = now or dt.datetime.now()
    accepted = _guard(book, accept_broken, None, author, now)
    journal = book.journal + accepted
    current = book.current
    previous = book.state
    notices: tuple[str, ...] = ()
    presented, presented_count = current, len(journal)
    # After a decision with nothing journalled since, a snapshot opens the next committee (a
    # follow-up committee): the version it is presented is today's, one journal for every committee.
    next_committee = previous is not None and bool(previous.validated_on) and \
        len(book.journal) <= previous.journal_count
    if previous is not None and len(book.journal) > previous.presented_count and not next_committee:
        # The committee has logged adjustments: the version it was presented stays the
        # base of the minutes, or their adjustments table would silently empty.
        presented, presented_count = previous.committee_base, previous.presented_count
        notices = ("Le comité a déjà journalisé des ajustements : la version qui lui a été présentée "
                   "est conservée pour le compte rendu ; seule la référence des prochains journaux change.",)
    state = store.JournalState(
        reference=current, logged=current,
        reference_date=now.strftime(STAMP),
        reference_version=book.parameters.version or "1.0",
        journal_count=journal[-1].number if journal else 0,
        journal_head=journal[-1].fingerprint if journal else GENESIS,
        presented=presented, presented_count=presented_count,
    )
    return Plan(state, journal, accepted, {}, pending_reason=book.typed_reason, notices=notices)


def _as_change(row: JournalRow) -> Change:
    kind = {ROW_ADDED: ADDED, ROW_REMOVED: REMOVED}.get(row.field, CHANGED)
    return Change(row.sheet, row.key, None if kind != CHANGED else row.field, row.old, row.new, kind)


def plan_rebuild(book: Workbook, name: str, now: dt.datetime | None = None, accept_broken: bool = False,
                 author: str | None = None) -> Plan:
    """The reference sheet rebuilt from an intact journal: the version validated last is the
    roadmap now with the rows logged since that validation undone; the version presented to
    the committee, with every row undone. Edits never logged are taken as logged.

    The rebuild must match what nr_xl recorded beside the Journal table at its last write
    (« Empreinte du journal », M5): rows removed at the end, or rewritten, are refused unless
    ``accept_broken``, and then a row of the journal records it (with the next N°, never one
    nr_xl already gave)."""
    if book.state is not None and not book.reference_altered:
        raise UsageError(f"La version de référence de « {name} » est intacte : rien à reconstruire. "
                         "Pour en figer une nouvelle, lancez nr-xl snapshot sans --reconstruire.")
    found = book.broken
    if found is not None and not accept_broken:
        recorded = (f" (nr_xl y avait écrit, à côté du tableau : « {book.last_written} »)"
                    if book.last_written else "")
        raise JournalBroken(f"Le « {schema.JOURNAL.sheet} » de « {name} » ne correspond plus à ce que nr_xl y a écrit"
                            f"{recorded} : {describe(found)}. Il ne peut pas servir tel quel à reconstruire la "
                            "référence : rien n'a été écrit. Restaurez une sauvegarde du classeur, ou, si la "
                            "modification est voulue, relancez avec --accepter-journal-modifie : une ligne du journal "
                            "l'enregistrera.")
    now = now or dt.datetime.now()
    accepted = _guard(book, accept_broken, None, author, now)
    journal = book.journal + accepted
    current = book.current
    changes = [_as_change(r) for r in journal if r.field != ACCEPTED]
    validations = [i for i, r in enumerate(journal)
                   if r.sheet == schema.PARAMETER_TABLE.sheet and r.key == schema.VERSION.key]
    since_validation = [_as_change(r) for r in journal[validations[-1] + 1:]] if validations else changes
    last = journal[validations[-1]] if validations else None
    state = store.JournalState(
        reference=revert(current, [c for c in since_validation if c.field != ACCEPTED]),
        logged=current,
        reference_date=last.timestamp if last else now.strftime(STAMP),
        reference_version=(last.new if last else book.parameters.version) or "1.0",
        journal_count=journal[-1].number if journal else 0,
        journal_head=journal[-1].fingerprint if journal else GENESIS,
        validated_on=last.timestamp if last else "",
        validated_by=last.instance if last else "",
        presented=revert(current, changes), presented_count=0,
    )
    notices = ["Référence reconstruite à partir du journal : les modifications faites depuis le dernier "
               "journal, s'il y en a, sont considérées comme journalisées."]
    if book.journal and book.recorded_head is None:
        notices.append(f"Aucune empreinte du journal n'était écrite à côté du tableau (« {schema.JOURNAL.sheet} », "
                       f"{layout.cell_ref(layout.HEAD_CELL)}) : rien n'y dit si des lignes ont été supprimées en fin "
                       "de journal. Comparez avec le compte rendu diffusé : nr-xl verify FICHIER --contre "
                       "COMPTE_RENDU.docx.")
    return Plan(state, journal, accepted, {}, pending_reason=book.typed_reason, notices=tuple(notices))


def _require_state(book: Workbook, name: str) -> store.JournalState:
    foreign = next((r for r in book.journal if not r.fingerprint), None)
    if foreign is not None:
        # Chaining new rows after it would make the stray row part of the journal for good.
        raise NrXlError(
            f"La ligne {foreign.excel_row} du tableau « {schema.JOURNAL.sheet} » de « {name} » n'a pas été écrite par "
            "nr_xl : rien n'a été journalisé. Déplacez ce texte hors du tableau ou supprimez la ligne "
            "(clic droit > Supprimer > Lignes du tableau), puis relancez."
        )
    if book.reference_altered:
        raise NoReference(
            f"La version de référence cachée dans « {name} » a été modifiée ou abîmée : "
            "le journal ne peut plus s'y comparer. Repartez d'une sauvegarde .bak datée, ou reconstruisez la "
            "référence à partir du journal : nr-xl snapshot FICHIER --reconstruire."
        )
    if book.state is None and book.journal:
        raise NoReference(
            f"La version de référence cachée de « {name} » a disparu alors que le journal compte "
            f"{len(book.journal)} ligne(s). Restaurez une sauvegarde, ou reconstruisez-la à partir du "
            "journal : nr-xl snapshot FICHIER --reconstruire."
        )
    if book.state is None:
        raise NoReference(
            f"« {name} » n'a pas encore de version de référence. Figez d'abord la feuille de "
            "route présentée au comité : bouton « Figer la version de référence » ou nr-xl snapshot."
        )
    return book.state


def _guard(book: Workbook, accept: bool, instance: str | None, author: str | None,
           now: dt.datetime) -> list[JournalRow]:
    """Nothing is added to, or re-anchored on, a journal that fails its chain: that would
    hide the break. With ``accept`` (--accepter-journal-modifie), one row records that the
    journal was accepted as it stands, with the fingerprint it replaces and that of the rows
    it accepts; the chain goes on from that row, and the rows before it stay as accepted."""
    found = book.broken
    if found is None:
        return []
    if not accept:
        raise JournalBroken(
            f"Le « {schema.JOURNAL.sheet} » ne correspond plus à sa chaîne d'empreintes : {describe(found)}. "
            "Rien n'a été écrit. Restaurez le classeur depuis une sauvegarde (FICHIER.xlsm.*.bak à côté "
            "du classeur, ou l'historique des versions de OneDrive/SharePoint), ou, si la modification est "
            "voulue, relancez avec --accepter-journal-modifie : une ligne du journal l'enregistrera."
            + (" Si les lignes ont seulement été triées, triez le tableau par N° croissant." if found.kind == "reordered" else "")
        )
    author = author or default_author()
    # What it replaces: the head the journal had at nr_xl's last write, as the minutes print it.
    replaced = f" ; empreinte remplacée : {book.last_written}" if book.last_written else ""
    accepted = f"N° 1 à {book.journal[-1].number} — {short(seal(book.journal))}" if book.journal else "aucune ligne"
    row = JournalRow(book.next_number, now.strftime(STAMP), instance or default_instance(book), author,
                     schema.JOURNAL.sheet, f"N° {found.number}", ACCEPTED, describe(found) + replaced,
                     f"journal accepté tel qu'il est ({accepted})",
                     f"Journal modifié à la main, accepté par {author} (--accepter-journal-modifie)")
    # Chained from the seal of the rows it accepts, not from the last Empreinte cell: a row
    # rewritten before it later no longer matches it.
    return chain(seal(book.journal), [row])


def journal_rows_for(changes: list[Change], start: int, instance: str, author: str, reason: str,
                     now: dt.datetime) -> list[JournalRow]:
    stamp = now.strftime(STAMP)
    return [JournalRow(number, stamp, instance, author, change.sheet, change.key, field_label(change),
                       change.old, change.new, reason)
            for number, change in enumerate(changes, start=start)]


def plan_log(book: Workbook, name: str, instance: str | None = None, author: str | None = None,
             reason: str = "", now: dt.datetime | None = None, accept_broken: bool = False) -> Plan:
    state = _require_state(book, name)
    now = now or dt.datetime.now()
    accepted = _guard(book, accept_broken, instance, author, now)
    head = accepted[-1].fingerprint if accepted else book.head
    current = book.current
    changes = diff(state.logged, current)
    if not changes and not accepted:
        return Plan(state, book.journal, [], {}, pending_reason=book.typed_reason)
    # The reason typed beside the table (M2) serves when none is given, and is used up.
    reason = cell_text(reason) or book.typed_reason
    new_rows = accepted + chain(head, journal_rows_for(
        changes, book.next_number + len(accepted), instance or default_instance(book),
        author or default_author(), reason, now))
    all_rows = book.journal + new_rows
    state = dataclasses.replace(state, logged=current, journal_count=all_rows[-1].number,
                                journal_head=all_rows[-1].fingerprint)
    return Plan(state, all_rows, new_rows, {})


def bump(version: str) -> str:
    """1.0 -> 1.1, 2.9 -> 2.10, 3 -> 3.1, v1 -> v1.1."""
    m = re.fullmatch(r"(.*?)(\d+)\.(\d+)", version.strip())
    if m:
        return f"{m.group(1)}{m.group(2)}.{int(m.group(3)) + 1}"
    return f"{version.strip()}.1" if version.strip() else "1.1"


class ValidationRefused(NrXlError):
    pass


# How many blocking points the refusal lists before pointing at « Contrôles ».
REFUSAL_SHOWN = 5


def blocking_points(book: Workbook, name: str) -> list[Finding]:
    """The errors the checks find in the workbook as it stands."""
    return [f for f in check_sheets(book.sheets, name).findings if f.severity is Severity.ERROR]


def refusal(blocking: list[Finding]) -> str:
    shown = "\n".join(f"- {f.message}" for f in blocking[:REFUSAL_SHOWN])
    more = (f"\n… et {len(blocking) - REFUSAL_SHOWN} autre(s) : voir la feuille « {schema.FINDINGS.sheet} »."
            if len(blocking) > REFUSAL_SHOWN else "")
    return (f"La feuille de route ne peut pas être validée : {len(blocking)} point(s) bloquant(s) "
            f"demeure(nt).\n{shown}{more}\nCorrigez-les, ou enregistrez la décision du comité : "
            "validation sous réserve (nr-xl validate --reserves \"…\", ou tapez les réserves dans la "
            "boîte du bouton « Valider ») ou ajournement (nr-xl validate --ajournee).")


def decide(book: Workbook, name: str, reservations: str | None, adjourned: bool,
           answer: str | None = None) -> tuple[str, str]:
    """The committee's decision and its reservations, or ValidationRefused while blocking
    points remain unreserved. ``answer``: what was typed in the « Valider » box (empty,
    reservations or « ajourner », read by decision.read_answer); ``reservations`` (--reserves)
    must be reservations: « reportée », « sans réserve » or « non » there is a usage error."""
    if answer is None:
        read = read_answer(reservations)
        if (reservations or "").strip() and read.outcome != vocabulary.VALIDATED_WITH_RESERVATIONS:
            raise UsageError(f"« {reservations.strip() if reservations else ''} » n'est pas une réserve : "
                             + ("pour enregistrer l'ajournement, --ajournee." if read.outcome == vocabulary.ADJOURNED
                                else "pour une validation sans réserve, relancez sans --reserves."))
        answer = reservations
    read = read_answer(answer)
    if adjourned and read.outcome == vocabulary.VALIDATED_WITH_RESERVATIONS:
        raise UsageError("Choisissez : une feuille de route ajournée n'est pas validée sous réserve "
                        "(--ajournee ou --reserves, pas les deux).")
    if adjourned or read.outcome == vocabulary.ADJOURNED:
        return vocabulary.ADJOURNED, ""
    if read.outcome == vocabulary.VALIDATED_WITH_RESERVATIONS:
        return vocabulary.VALIDATED_WITH_RESERVATIONS, read.reservations
    blocking = blocking_points(book, name)
    if blocking:
        raise ValidationRefused(refusal(blocking))
    return vocabulary.VALIDATED, ""


def _set_parameters(book: Workbook, values: dict[str, str]) -> tuple[list[list[object]], dict[tuple[int, int], object], list[Change]]:
    """Paramètres with ``values`` set (rows added at the end when missing), the cells to
    patch, and one journal change per value that differs."""
    params = book.parameters
    table = schema.PARAMETER_TABLE
    sheet = [list(r) for r in book.sheets.get(table.sheet, [[table.name.header, table.value.header]])]
    patch: dict[tuple[int, int], object] = {}
    changes: list[Change] = []
    current = {schema.VERSION.key: params.version or "1.0", DECISION_KEY: params.committee_decision or "",
               RESERVATIONS_KEY: params.reservations or ""}
    for key, value in values.items():
        if current.get(key, "") == value and (params.rows.get(key) is not None or not value):
            continue
        changes.append(Change(schema.PARAMETER_TABLE.sheet, key, schema.PARAMETER_TABLE.value.header, current.get(key, ""), value, CHANGED))
        row = params.rows.get(key)
        if row is None:
            key_column = 2 if params.value_column == 1 else 1
            cells: list[object] = [None] * max(key_column, params.value_column)
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
                  adjourned: bool = False, accept_broken: bool = False, answer: str | None = None) -> Plan:
    """Record the committee's decision: log what is pending, set « Décision du comité »
    (and « Réserves »), bump Version unless adjourned, take a new reference."""
    state = _require_state(book, name)
    now = now or dt.datetime.now()
    instance = instance or default_instance(book)
    accepted = _guard(book, accept_broken, instance, author, now)  # a broken journal first: nothing rests on it
    decision, reservations = decide(book, name, reservations, adjourned, answer)
    adjourned = decision == vocabulary.ADJOURNED
    head = accepted[-1].fingerprint if accepted else book.head
    old_version = book.parameters.version or "1.0"
    pending = diff(state.logged, book.current)
    recorded = decision_outcome(book.parameters.committee_decision)
    same_reservations = reservations == (book.parameters.reservations or "").strip()
    on_record = bool(state.validated_on) or decision == vocabulary.ADJOURNED  # typed by hand is not recorded
    if recorded == decision and same_reservations and not pending and not accepted and on_record:
        # Nothing new since the decision on record: said, nothing written, the version kept.
        return Plan(state, book.journal, [], {}, old_version, old_version, decision=decision,
                    reservations=reservations, notices=(
                        f"La décision « {decision} » est déjà enregistrée (version {old_version}) et rien n'a "
                        "changé depuis : rien n'est écrit.",))
    # A new version for a validation of something new: the first, after an adjournment, or
    # after adjustments; a change of reservations alone on a validated version keeps it.
    validated_before = recorded in (vocabulary.VALIDATED, vocabulary.VALIDATED_WITH_RESERVATIONS) and state.validated_on
    new_version = old_version if adjourned or (validated_before and not pending) else bump(old_version)
    values = {DECISION_KEY: decision, RESERVATIONS_KEY: reservations}
    if new_version != old_version:
        values = {schema.VERSION.key: new_version, **values}
    sheet, patch, settings = _set_parameters(book, values)
    default_reason = {
        vocabulary.VALIDATED: (f"Validation de la feuille de route (version {new_version})"
                               if new_version != old_version else
                               f"Validation sans réserve de la feuille de route (version {new_version} inchangée)"),
        vocabulary.VALIDATED_WITH_RESERVATIONS:
            f"Validation sous réserve de la feuille de route (version {new_version}) : {reservations}",
        vocabulary.ADJOURNED: f"Ajournement de la validation (version {old_version} inchangée)",
    }[decision]
    rows = accepted + chain(head, journal_rows_for(
        pending + settings, book.next_number + len(accepted), instance, author or default_author(),
        cell_text(reason) or book.typed_reason or default_reason, now))
    all_rows = book.journal + rows
    current = book.snapshot_of({**book.sheets, schema.PARAMETER_TABLE.sheet: sheet})
    if adjourned:
        new_state = dataclasses.replace(state, logged=current, journal_count=all_rows[-1].number if all_rows else 0,
                                        journal_head=all_rows[-1].fingerprint if all_rows else state.journal_head)
    else:
        new_state = store.JournalState(
            reference=current, logged=current, reference_date=now.strftime(STAMP),
            reference_version=new_version, journal_count=all_rows[-1].number,
            journal_head=all_rows[-1].fingerprint, validated_on=now.strftime(STAMP),
            validated_by=instance, presented=state.committee_base,
            presented_count=state.presented_count)
    return Plan(new_state, all_rows, rows[:len(accepted) + len(pending)],
                {schema.PARAMETER_TABLE.sheet: patch} if patch else {},
                old_version, new_version, decision=decision, reservations=reservations)
