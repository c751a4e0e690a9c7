"""The committee's adjustments read back in French, grouped by motif (pure).

The journal stores canonical cell values under business keys
(« Budget — B3.1/2028/Enveloppe NR — Investissement (€) »); a compte rendu
says « B3.1 Rénover la salle serveur : 30 000 € d’investissement décalés de
2028 à 2029 ». Budget lines of one action moved between years are paired.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from typing import Any

from nr_xl.core import fmt, parse, schema
from nr_xl.core.links import books_of, unshown
from nr_xl.documents.french import apostrophes, article, quarter_words
from nr_xl.core.journal.snapshot import Adjustment
from nr_xl.core.model import Roadmap

ROW_ADDED, ROW_REMOVED = "(ligne ajoutée)", "(ligne supprimée)"
NO_REASON = "Ajustements sans motif précisé"
NATURE_OF = {schema.BUDGET.investment.header: "investissement", schema.BUDGET.operating.header: "fonctionnement"}


def grouped(adjustments: list[Adjustment], roadmap: Roadmap) -> list[dict[str, object]]:
    """One entry per motif of the committee, its changes in French beneath."""
    groups: dict[str, list[Adjustment]] = {}
    for a in adjustments:
        if a.sheet == schema.PARAMETER_TABLE.sheet:
            continue  # the version and the recorded decision are said in the decisions
        if a.sheet == schema.VALIDATION.sheet and a.field == schema.VALIDATION.status.header:
            continue  # what another body did since (« Tenue », « Validée ») is no adjustment of the roadmap
        groups.setdefault(a.reasons[0] if a.reasons else NO_REASON, []).append(a)
    titles: dict[str, str | None] = {a.id: a.title for a in roadmap.actions}
    titles.update({i.id: i.name for i in roadmap.indicators})
    titles.update({r.id: r.description for r in roadmap.risks})
    pilots = {a.id: a.pilot for a in roadmap.actions if a.pilot}
    return [{"motif": apostrophes(reason), "changements": [apostrophes(c) for c in _phrases(items, titles)],
             # Who carries the decision out: the pilots of the actions it changes.
             "responsables": ", ".join(dict.fromkeys(pilots[k] for k in _action_ids(items) if k in pilots))}
            for reason, items in groups.items()]


def _action_ids(items: list[Adjustment]) -> list[str]:
    """The actions an adjustment touches: its key's first part (« B3.1/2028/Enveloppe NR »)."""
    return [a.key.split("/")[0] for a in items if a.key]


def _phrases(items: list[Adjustment], titles: dict[str, str | None]) -> list[str]:
    by_subject: dict[str, list[str]] = {}
    budget = [a for a in items if a.sheet == schema.BUDGET.sheet]
    for subject, text in _budget_phrases(budget):
        by_subject.setdefault(subject, []).append(text)
    for a in items:
        if a.sheet != schema.BUDGET.sheet:
            subject, text = _phrase(a)
            by_subject.setdefault(subject, []).append(text)
    out = []
    for subject, texts in by_subject.items():
        title = titles.get(subject)
        label = f"{subject} {title}" if title else subject[:1].upper() + subject[1:]
        out.append(f"{label} : {' ; '.join(texts)}")
    return out


def _record(described: str) -> dict[str, str]:
    """An added or removed row as the journal describes it: « Action : B3.1 ; Année : 2029 ; … »."""
    record = {}
    for part in described.split(" ; "):
        name, _, value = part.partition(" : ")
        record[name.strip()] = value.strip()
    return record


def _amount(text: str) -> Decimal:
    """The amount of a journalled value; a linked cell's is the value Excel read through its
    link (« 150000 (liaison [Budget DSI.xlsx]Budget!C18) »), not zero. 0 for a text that holds
    none, « NaN », « inf » or « 1e400 » included (typed in a cell, journalled as typed: the
    check flags the cell)."""
    value = unshown(text)[0]
    try:
        amount = Decimal(value) if value else Decimal(0)
    except InvalidOperation:
        return Decimal(0)
    return amount if amount.is_finite() and amount.adjusted() < 300 else Decimal(0)


def _read_from(text: str) -> str:
    """« le classeur « Budget DSI.xlsx » » for a linked value, "" for a typed one: the other
    workbook, never its sheet or cell (no cell in a committee's document)."""
    books = books_of(unshown(text)[1])
    if not books:
        return ""
    return ("le classeur " if len(books) == 1 else "les classeurs ") + " et ".join(f"« {b} »" for b in books)


def _budget_phrases(items: list[Adjustment]) -> list[tuple[str, str]]:
    # (action, financing, nature) -> year -> change of the planned amount
    deltas: dict[tuple[str, str, str], dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for a in items:
        action, year, financing = (a.key.split("/") + ["", "", ""])[:3]
        if a.field in (ROW_ADDED, ROW_REMOVED):
            record = _record(a.after if a.field == ROW_ADDED else a.before)
            sign = 1 if a.field == ROW_ADDED else -1
            for column, nature in NATURE_OF.items():
                deltas[(action, financing, nature)][year] += sign * _amount(record.get(column, ""))
        elif a.field in NATURE_OF:
            deltas[(action, financing, NATURE_OF[a.field])][year] += _amount(a.after) - _amount(a.before)
    out = []
    for (action, financing, nature), years in deltas.items():
        funded = "" if financing in ("", schema.DEFAULT_FINANCING) else f" ({financing})"
        of = "d\u2019" if nature[0] in "aeiouy" else "de "
        moves = {y: d for y, d in sorted(years.items()) if d}
        for origin, delta in list(moves.items()):
            if delta >= 0 or origin not in moves:
                continue
            target = next((y for y, d in moves.items() if d == -delta), None)
            if target is not None:
                verb = "décalés" if target > origin else "avancés"
                out.append((action, f"{fmt.euros(-delta)} {of}{nature}{funded} {verb} de {origin} à {target}"))
                del moves[origin], moves[target]
        for year, delta in moves.items():
            word = "ajoutés" if delta > 0 else "retirés"
            out.append((action, f"{fmt.euros(abs(delta))} {of}{nature}{funded} {word} en {year}"))
    for a in items:  # a cell linked to another workbook, or no longer: where its amount comes from
        if a.field not in NATURE_OF or _read_from(a.before) == _read_from(a.after):
            continue
        action, year, financing = (a.key.split("/") + ["", "", ""])[:3]
        funded = "" if financing in ("", schema.DEFAULT_FINANCING) else f" ({financing})"
        was, now = _read_from(a.before), _read_from(a.after)
        source = f"désormais lu dans {now}" + (f" au lieu de {was}" if was else "") if now else \
            f"désormais saisi, et non plus lu dans {was}"
        out.append((action, f"{NATURE_OF[a.field]} {year}{funded} ({fmt.euros(_amount(a.after))}) {source}"))
    return out


def _quarter(text: str) -> str:
    try:
        q = parse.quarter(text)
    except parse.CellError:
        return text
    return quarter_words(q) if q else "(vide)"


def _date(text: str) -> str:
    try:
        d = parse.date(text)
    except parse.CellError:
        return text
    return fmt.long_date(d) if isinstance(d, dt.date) else "(vide)"


def _readable(reader: Callable[[str], Any], text: str) -> Any:
    try:
        return reader(text) if text else None
    except parse.CellError:
        return None


def _day(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _moved(kind: str, before: str, after: str, later: bool) -> str:
    participle = {"fin": "reportée", "début": "reporté", "installation": "reportée"}[kind]
    if not later:
        participle = participle.replace("reporté", "avancé")
    return f"{kind} {participle} du {before} au {after}"


def _phrase(a: Adjustment) -> tuple[str, str]:
    key, sheet, name = a.key, a.sheet, a.field
    if name == ROW_ADDED:
        return key, f"ajout dans « {sheet} »"
    if name == ROW_REMOVED:
        return key, f"retrait de « {sheet} »"
    before, after = a.before, a.after
    # A move is said as such only between two readable values: « 2027-T5 » or a time logged
    # as typed is said as the plain change below.
    if sheet == schema.ACTIONS.sheet and name in (schema.ACTIONS.start.header, schema.ACTIONS.end.header):
        start, end = _readable(parse.quarter, before), _readable(parse.quarter, after)
        if start is not None and end is not None:
            return key, _moved(name.lower(), _quarter(before), _quarter(after), end > start)
    if sheet == schema.GOVERNANCE.sheet and name == schema.GOVERNANCE.installed_on.header:
        first, last = _day(_readable(parse.date, before)), _day(_readable(parse.date, after))
        if first is not None and last is not None:
            return key, _moved("installation", _date(before), _date(after), last > first)
    if sheet == schema.CAPACITIES.sheet:
        service, _, year = key.partition("/")
        verb = "portée" if _amount(after) > _amount(before) else "ramenée"
        return article(service), (f"capacité {year} {verb} de {fmt.days(_amount(before))} "
                                  f"à {fmt.days(_amount(after))}")
    if sheet == schema.SKILLS.sheet:
        service, _, skill = key.partition("/")
        return article(service), (f"compétence « {skill} » au niveau « {after or '(vide)'} » "
                                  f"au lieu de « {before or '(vide)'} »")
    if sheet == schema.ACTIONS.sheet and name == schema.ACTIONS.indicators.header and not before:
        return key, f"suivie par l\u2019indicateur {after}"
    return key, f"{name.lower()} : {_shown(name, after)}" + (f" au lieu de {_shown(name, before)}" if before else "")


def _shown(name: str, value: str) -> str:
    source = _read_from(value)
    if source:
        return f"{_shown(name, unshown(value)[0])} (lu dans {source})"
    if not value:
        return "(vide)"
    if "(€)" in name:
        return fmt.euros(_amount(value))
    if name.startswith(schema.CHARGE.days.header):
        return fmt.days(_amount(value))
    if name.startswith(schema.VALIDATION.date.header) or name == schema.INDICATORS.deadline.header:
        return _date(value)
    return f"« {value} »"
