"""What the committee's slide deck shows, computed from the roadmap and its check (pure).

The deck is the presentation of step 5 of the ANCT method: the chargé(e) de mission
presents the roadmap to the steering committee, which reviews its planning, its budget
and its fit with the priorities, arbitrates, and decides. Every figure on a slide is
one the check computed (the ``Report`` and its ``figures``) or one the minutes print
(``documents.context`` and ``documents.record``): tests/test_deck.py holds them equal.

A ``Deck`` is plain data: slides, each with the name of its layout in the template
(``deck_builder.LAYOUTS``), its title and its content (paragraphs, a table, a chart),
every text ready to print; ``deck.py`` renders it with python-pptx and applies the
French typography. Nothing here names a sheet, a cell or a tool: a finding's
sentences, written for the workbook's user, are reworded for the committee
(``for_committee``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from nr_xl.core import fmt, schema
from nr_xl.documents.wording import for_committee
from nr_xl.core.checks import capacity as capacity_check
from nr_xl.core.checks import governance as governance_check
from nr_xl.core.checks._util import norm
from nr_xl.core.committee import BudgetFigure, CapacityFigure
from nr_xl.core.findings import CODES, STATUS_FEASIBLE, STATUS_LABEL, Finding, Report, Severity
from nr_xl.core.links import Links
from nr_xl.core.model import Action, Roadmap
from nr_xl.core.obligations import OBLIGATIONS
from nr_xl.core.parse import Quarter
from nr_xl.documents import context as ctx
from nr_xl.documents import french, record
from nr_xl.documents.deck_builder import CONTENT_W, LAYOUT_NAMES, NOTE_Y, TOP

TITLE_LAYOUT, TEXT_LAYOUT, COLUMNS_LAYOUT, TABLE_LAYOUT, CHART_LAYOUT = LAYOUT_NAMES
NOT_SET = ctx.NOT_SET

# A slide is read from the back of a room: beyond these, the deck says how many more.
MAX_TABLE_ROWS = 12
MAX_CHART_BARS = 10
MAX_BULLETS = 6
POINTS_PER_SLIDE = 4
# What a slide of points holds at 14 pt: lines of about 100 characters, in the text box
# of the template (12 × 4,7 in).
LINES_PER_SLIDE, CHARACTERS_PER_LINE = 17, 100
MAX_POINTS = 12  # per severity: three slides of blocking points, three of points to arbitrate
GANTT_ACTIONS = 40  # beyond, the calendar counts the actions of each axis per quarter
GANTT_PER_SLIDE = 14
MAX_QUARTERS = 12  # columns of the workload table; beyond, one column per year
LABEL_LENGTH = 52
# Findings about the workbook's typing and its journal, not the roadmap's feasibility.
LEFT_OUT = frozenset(schema.EXTRA_DIMENSIONS)


# --- The deck as data ------------------------------------------------------------

@dataclass(frozen=True)
class Paragraph:
    text: str
    level: int = 0
    lead: str = ""  # printed in bold before the text
    heading: bool = False  # the bold title of a column, without bullet
    bullet: bool = True  # False: a numbered item (its lead says the number)


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # relative widths of the columns
    alerts: frozenset[tuple[int, int]] = frozenset()  # (row, column) cells to emphasise; column -1: the row


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]
    hidden: bool = False  # the offset of a Gantt bar: drawn without fill, left out of the legend


@dataclass(frozen=True)
class Chart:
    kind: str  # gantt | columns | bars | stacked
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str  # the value axis' title
    alt: str  # the figures in words (RGAA)
    number_format: str = "General"
    bounds: tuple[float, float] | None = None  # the value axis (years of a Gantt chart)
    labels: bool = True  # values printed on the bars


@dataclass(frozen=True)
class Slide:
    layout: str
    title: str
    body: tuple[Paragraph, ...] = ()
    left: tuple[Paragraph, ...] = ()
    right: tuple[Paragraph, ...] = ()
    table: Table | None = None
    chart: Chart | None = None
    note: str = ""
    subtitle: str = ""
    date: str = ""
    mention: str = ""


@dataclass(frozen=True)
class Deck:
    slides: tuple[Slide, ...]
    footer: str
    title: str
    subject: str
    author: str
    date_iso: dt.date | None = None
    # What the committee decides on, for the tests and the messages: the check's counts.
    blocking: int = 0
    to_arbitrate: int = 0
    draft: bool = True


# --- Small helpers ------------------------------------------------------------------

def _date(value: dt.date | None) -> str:
    return fmt.long_date(value) if value else NOT_SET


def _quarter(q: Quarter) -> str:
    """« T2 2027 »: the short form of table headers and chart labels."""
    return f"T{q.q} {q.year}"


def table_font_size(rows: int, columns: int) -> int:
    """The size a table's text is set in (points), header row included in ``rows``."""
    size = 14 if rows <= 8 else 13 if rows <= 11 else 12
    return min(size, 12) if columns > 8 else size


def fitting(headers: tuple[str, ...], rows: Sequence[tuple[str, ...]], widths: tuple[float, ...],
            limit: int = MAX_TABLE_ROWS) -> int:
    """How many of ``rows`` fit in the template's table box once their cells wrap (at most
    ``limit``): a wordy row takes two or three lines, and a table must not run into the note."""
    total = sum(widths)
    height = (NOTE_Y - TOP - 0.1) * 72  # points

    def lines(cells: tuple[str, ...], size: int) -> int:
        out = 1
        for cell, weight in zip(cells, widths):
            per_line = max(int(CONTENT_W * weight / total * 72 / (size * 0.55)) - 1, 4)
            out = max(out, sum(-(-len(part) // per_line) or 1 for part in cell.split("\n")))
        return out

    count = min(len(rows), limit)
    while count > 0:
        size = table_font_size(count + 1, len(headers))
        used = sum(lines(r, size) * size * 1.2 + 5 for r in [headers, *rows[:count]])
        if used <= height:
            return count
        count -= 1
    return 0


def _parse_quarter(text: str) -> Quarter:
    from nr_xl.core.parse import quarter

    found = quarter(text)
    assert found is not None
    return found


def _short(text: str, limit: int = LABEL_LENGTH) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:(")
    return cut + "…"


def _more(count: int, singular: str, plural: str | None = None) -> str:
    return f"… et {fmt.plural(count, singular, plural).replace(' ', ' autre ' if count < 2 else ' autres ', 1)}." \
        if count > 0 else ""


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _years(roadmap: Roadmap, figures: Iterable[BudgetFigure]) -> list[int]:
    years = {f.year for f in figures}
    years |= {line.year for line in roadmap.budget if line.year}
    for action in roadmap.actions:
        if action.period_valid:
            assert action.start and action.end
            years.update(range(action.start.year, action.end.year + 1))
    return sorted(years)


def _services(roadmap: Roadmap) -> list[str]:
    names = {c.service for c in roadmap.capacities if c.service} | {w.service for w in roadmap.workload if w.service}
    names |= {s.service for s in roadmap.skills if s.service} | {a.pilot for a in roadmap.actions if a.pilot}
    return sorted(names)


# --- The figures, from the check -----------------------------------------------------

def budget_rows(figures: Iterable[BudgetFigure], roadmap: Roadmap) -> list[tuple[BudgetFigure, str]]:
    """Each year, financing and nature as the budget check compared them, with the vote
    status of its envelope (« Votée », « Inscrite au budget »…)."""
    status: dict[tuple[int, str], str] = {}
    for env in roadmap.envelopes:
        if env.year:
            status.setdefault((env.year, norm(env.financing or schema.DEFAULT_FINANCING)), env.status or NOT_SET)
    return [(f, status.get((f.year, norm(f.financing)), "aucune enveloppe")) for f in figures]


def budget_by_year(figures: Iterable[BudgetFigure]) -> list[tuple[int, Decimal, Decimal]]:
    """Per year, all financings and natures together: planned, envelopes."""
    planned: dict[int, Decimal] = defaultdict(Decimal)
    envelope: dict[int, Decimal] = defaultdict(Decimal)
    for f in figures:
        planned[f.year] += Decimal(str(f.planned))
        envelope[f.year] += Decimal(str(f.envelope or 0))
    return [(year, planned[year], envelope[year]) for year in sorted(planned)]


def _gap_text(gap: float | int | None) -> str:
    if gap is None:
        return "—"
    return ("+" if gap > 0 else "") + fmt.keuros(gap)


def quarter_loads(roadmap: Roadmap) -> dict[str, dict[Quarter, tuple[Fraction, Fraction | None]]]:
    """Per service (as the check names it) and quarter: the load the check spread, and
    the quarterly capacity (None: none declared)."""
    out: dict[str, dict[Quarter, tuple[Fraction, Fraction | None]]] = defaultdict(dict)
    for sy in capacity_check.spread(roadmap).table.values():
        capacity = sy.per_quarter if sy.capacity else None
        for quarter in sy.demand:
            out[sy.service][quarter] = (sy.load(quarter), capacity)
    return out


def ratio(load: Fraction, capacity: Fraction | None) -> float | None:
    """As the check's figures round it (3 decimals)."""
    return round(float(load / capacity), 3) if capacity else None


# --- The slides --------------------------------------------------------------------

def _decision_state(roadmap: Roadmap) -> tuple[bool, str]:
    """(still a draft, the mention of the title slide)."""
    decided = record.decision(roadmap)
    if decided == french.VALIDATED:
        return False, "Feuille de route validée par le comité"
    if decided == french.WITH_RESERVATIONS:
        return False, "Feuille de route validée sous réserve par le comité"
    if decided == french.ADJOURNED:
        return True, "PROJET — validation ajournée par le comité"
    return True, "PROJET soumis à la validation du comité"


def _title_slide(roadmap: Roadmap, period: str, mention: str, reference: bool) -> Slide:
    p = roadmap.parameters
    version = p.version or "1.0"
    which = "version présentée au comité" if reference else "version"
    return Slide(TITLE_LAYOUT, f"Feuille de route Numérique responsable\n{period}".strip(),
                 subtitle=p.local_authority or NOT_SET,
                 date=f"Comité de pilotage du {_date(p.committee_on)} — {which} {version}",
                 mention=mention)


def _context_slide(roadmap: Roadmap) -> Slide:
    p = roadmap.parameters
    left: list[Paragraph] = []
    who = p.local_authority or NOT_SET
    if p.population:
        left.append(Paragraph(f"{who} : {fmt.number(p.population, 0)} habitants.", lead=""))
    for obligation in OBLIGATIONS:
        if obligation.min_population and p.population and p.population > obligation.min_population:
            law = obligation.source.split("(")[0].split(",")[0].strip()
            left.append(Paragraph(f"{obligation.summary} ({_source(obligation.source)}).", lead=f"{law} : "))
    if p.ambition:
        left.append(Paragraph(french.apostrophes(p.ambition), lead="Ambition : "))
    programmes = _programmes(roadmap)
    if programmes:
        left.append(Paragraph(programmes))
    right = [Paragraph("Priorités stratégiques", heading=True)]
    shown = roadmap.priorities[:MAX_BULLETS + 1] if len(roadmap.priorities) <= MAX_BULLETS + 1 \
        else roadmap.priorities[:MAX_BULLETS]
    right += [Paragraph(french.apostrophes(pr.title or pr.description or ""), lead=f"{pr.id} — ")
              for pr in shown]
    more = len(roadmap.priorities) - len(shown)
    if more:
        right.append(Paragraph(_more(more, "priorité")))
    if not roadmap.priorities:
        right.append(Paragraph("Aucune priorité stratégique n’est encore formulée."))
    return Slide(COLUMNS_LAYOUT, "Contexte et ambition", left=tuple(left), right=tuple(right))


def _programmes(roadmap: Roadmap) -> str:
    """The programmes the roadmap touches, as the announcement words them, with the actions
    of each named while they are few (« le PCAET (B1.2, B6.3) »), else counted."""
    by_programme: dict[str, list[str]] = defaultdict(list)
    for action in roadmap.actions:
        if action.programme:
            by_programme[action.programme].append(action.id)
    if all(len(ids) <= 4 for ids in by_programme.values()) and len(by_programme) <= 4:
        return record.programmes(roadmap)
    parts = []
    for name, ids in list(by_programme.items())[:4]:
        named = name if name.isupper() else name[:1].lower() + name[1:]
        article = "l’" if norm(name)[:1] in "aeiouy" else "le "
        parts.append(f"{article}{named} ({fmt.plural(len(ids), 'action')})")
    more = len(by_programme) - len(parts)
    if more:
        parts.append(fmt.plural(more, "autre programme", "autres programmes"))
    return french.apostrophes(f"La feuille de route s’articule avec {french.join(parts)}.")


def _source(text: str) -> str:
    """« Loi REEN (n° 2021-1485) art. 35 » as « loi REEN n° 2021-1485, art. 35 »: no parentheses
    inside the parentheses that cite it."""
    text = re.sub(r" \((n° [^)]+)\)", r" \1,", text)
    return text[:1].lower() + text[1:] if text[:2] in ("Lo", "Dé") else text


def _axis_periods(roadmap: Roadmap) -> dict[str, tuple[Quarter, Quarter]]:
    spans: dict[str, tuple[Quarter, Quarter]] = {}
    for action in roadmap.actions:
        if not action.period_valid:
            continue
        assert action.start and action.end
        name = action.axis or "Sans axe"
        first, last = spans.get(name, (action.start, action.end))
        spans[name] = (min(first, action.start), max(last, action.end))
    return spans


def _roadmap_slide(roadmap: Roadmap, figures: tuple[BudgetFigure, ...], period: str) -> Slide:
    rows = ctx.axes(roadmap)
    spans = _axis_periods(roadmap)
    table_rows = [(r["axe"], r["nombre"], r["budget"],
                   f"{_quarter(spans[r['axe']][0])} – {_quarter(spans[r['axe']][1])}" if r["axe"] in spans else NOT_SET)
                  for r in rows]
    headers, widths = ("Axe", "Actions", "Budget prévu", "Période"), (5.2, 1.4, 1.8, 2.6)
    count = fitting(headers, table_rows, widths)
    shown, more = table_rows[:count], len(table_rows) - count
    inv = sum((Decimal(str(f.planned)) for f in figures if f.nature == schema.NATURES[0]), Decimal(0))
    op = sum((Decimal(str(f.planned)) for f in figures if f.nature == schema.NATURES[1]), Decimal(0))
    workload = sum((w.days for w in roadmap.workload), Decimal(0))
    axes_count = len({a.axis for a in roadmap.actions if a.axis})
    note = (f"{fmt.plural(len(roadmap.actions), 'action')} en {fmt.plural(axes_count, 'axe')}"
            + (f" sur {period}" if period else "")
            + f" : {fmt.euros(inv + op)} (investissement {fmt.euros(inv)}, fonctionnement {fmt.euros(op)}) "
            f"et {fmt.days(workload)} de travail des services.")
    if more > 0:
        note = _more(more, "axe") + " " + note
    return Slide(TABLE_LAYOUT, "Les axes et les actions",
                 table=Table(headers, tuple(shown), widths),
                 note=note)


def _gantt_groups(actions: list[Action]) -> list[list[Action]]:
    """Slides of at most ``GANTT_PER_SLIDE`` actions, an axis kept whole when it fits."""
    by_axis: dict[str, list[Action]] = defaultdict(list)
    for action in actions:
        by_axis[action.axis or "Sans axe"].append(action)
    groups: list[list[Action]] = []
    current: list[Action] = []
    for items in by_axis.values():
        if current and len(current) + len(items) > GANTT_PER_SLIDE:
            groups.append(current)
            current = []
        while len(items) > GANTT_PER_SLIDE:  # an axis too long for one slide
            groups.append(items[:GANTT_PER_SLIDE])
            items = items[GANTT_PER_SLIDE:]
        current += items
    if current:
        groups.append(current)
    return groups


def _calendar_slides(roadmap: Roadmap) -> list[Slide]:
    dated = [a for a in roadmap.actions if a.period_valid]
    undated = len(roadmap.actions) - len(dated)
    if not dated:
        return [Slide(TEXT_LAYOUT, "Le calendrier des actions",
                      body=(Paragraph("Aucune action n’a encore de période (trimestres de début et de fin)."),))]
    note = (f"{fmt.plural(undated, 'action')} sans période lisible ne {'figure' if undated < 2 else 'figurent'} "
            "pas sur le calendrier.") if undated else ""
    if len(dated) > GANTT_ACTIONS:
        return [_quarter_columns(dated, note)]
    first = min(a.start for a in dated if a.start).year
    last = max(a.end for a in dated if a.end).year + 1
    groups = _gantt_groups(dated)
    slides = []
    for number, group in enumerate(groups, start=1):
        axes = list(dict.fromkeys(a.axis or "Sans axe" for a in group))
        categories = tuple(_short(f"{a.id} {french.apostrophes(a.title or '')}".strip()) for a in group)
        # Unnamed: the offset of each bar, drawn without fill and kept out of the legend.
        offset = Series("\u00a0", tuple(_year_value(a.start) for a in group), hidden=True)  # type: ignore[arg-type]
        series = [offset] + [Series(axis, tuple((_length(a) if (a.axis or "Sans axe") == axis else None) for a in group))
                             for axis in axes]
        alt = ("Diagramme de Gantt des actions, par axe : " + " ; ".join(
            f"{a.id} ({a.axis or 'sans axe'}) {_span_words(a)}" for a in group) + ".")
        suffix = f" ({number}/{len(groups)})" if len(groups) > 1 else ""
        slides.append(Slide(CHART_LAYOUT, f"Le calendrier des actions{suffix}", chart=Chart(
            "gantt", "Actions par axe et par trimestre", categories, tuple(series), "", alt,
            number_format="0", bounds=(float(first), float(last)), labels=False), note=note))
    return slides


def _span_words(action: Action) -> str:
    """« du 1er trimestre 2027 au 4e trimestre 2029 », or « au 1er trimestre 2027 »."""
    assert action.start and action.end
    if action.start == action.end:
        return f"au {french.quarter_words(action.start)}"
    return f"du {french.quarter_words(action.start)} au {french.quarter_words(action.end)}"


def _year_value(q: Quarter) -> float:
    return q.year + (q.q - 1) / 4


def _length(action: Action) -> float:
    assert action.start and action.end
    return (action.end.ordinal - action.start.ordinal + 1) / 4


def _quarter_columns(dated: list[Action], note: str) -> Slide:
    """At région scale: how many actions of each axis run in each quarter."""
    counts: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for action in dated:
        assert action.start and action.end
        for index in range(action.start.ordinal, action.end.ordinal + 1):
            counts[action.axis or "Sans axe"][index] += 1
    first = min(a.start.ordinal for a in dated if a.start)
    last = max(a.end.ordinal for a in dated if a.end)
    quarters = [Quarter.from_index(i) for i in range(first, last + 1)]
    axes = sorted(counts, key=lambda name: -sum(counts[name].values()))
    shown, rest = axes[:MAX_CHART_BARS - 1], axes[MAX_CHART_BARS - 1:]
    if len(rest) == 1:
        shown, rest = axes, []
    series = [Series(axis, tuple(float(counts[axis].get(q.ordinal, 0)) for q in quarters)) for axis in shown]
    if rest:
        series.append(Series(f"{fmt.plural(len(rest), 'autre axe', 'autres axes')}", tuple(
            float(sum(counts[a].get(q.ordinal, 0) for a in rest)) for q in quarters)))
    alt = ("Histogramme empilé du nombre d’actions en cours par trimestre et par axe : " + " ; ".join(
        f"{_quarter(q)} : {fmt.plural(sum(int(s.values[i] or 0) for s in series), 'action')}"
        for i, q in enumerate(quarters)) + ".")
    extra = f"{fmt.plural(len(dated), 'action')} : le calendrier montre combien sont en cours chaque trimestre."
    return Slide(CHART_LAYOUT, "Le calendrier des actions", chart=Chart(
        "stacked", "Actions en cours par trimestre et par axe", tuple(_quarter(q) for q in quarters),
        tuple(series), "actions", alt, number_format="[$-40C]#,##0", labels=False),
        note=(extra + " " + note).strip())


def _budget_slides(roadmap: Roadmap, figures: tuple[BudgetFigure, ...]) -> list[Slide]:
    if not figures:
        return [Slide(TEXT_LAYOUT, "Le budget par année",
                      body=(Paragraph("Aucune dépense ni enveloppe n’est encore prévue."),))]
    years = budget_by_year(figures)
    chart = Chart(
        "columns", "Dépenses prévues et enveloppes par année (k€)", tuple(str(y) for y, _, _ in years),
        (Series("Dépenses prévues", tuple(float(p / 1000) for _, p, _ in years)),
         Series("Enveloppes", tuple(float(e / 1000) for _, _, e in years))),
        "k€", "Histogramme des dépenses prévues et des enveloppes par année, tous financements : " + " ; ".join(
            f"{y} : prévu {fmt.keuros(p)}, enveloppes {fmt.keuros(e)}" for y, p, e in years) + ".")
    over = [f for f in figures if f.gap is not None and f.gap < 0]
    none = [f for f in figures if f.envelope is None]
    parts = [f"{f.year}, {f.financing} ({f.nature.lower()}) : {fmt.keuros(-f.gap)} au-delà de l’enveloppe"  # type: ignore[operator]
             for f in over]
    parts += [f"{f.year}, {f.financing} ({f.nature.lower()}) : {fmt.keuros(f.planned)} sans enveloppe" for f in none]
    note = ("Dépassements : " + " ; ".join(parts) + ".") if parts else \
        "Chaque enveloppe couvre les dépenses prévues de son année, par financement et par nature."
    rows = budget_rows(figures, roadmap)
    table_rows = [(str(f.year), f.financing, f.nature.lower(), fmt.keuros(f.planned),
                   fmt.keuros(f.envelope) if f.envelope is not None else "aucune", _gap_text(f.gap), status)
                  for f, status in rows]
    headers = ("Année", "Financement", "Nature", "Prévu", "Enveloppe", "Écart", "Vote")
    widths = (1.0, 2.2, 1.8, 1.3, 1.4, 1.3, 2.2)
    count = fitting(headers, table_rows, widths)
    alerts = frozenset((i, -1) for i, (f, _) in enumerate(rows[:count])
                       if f.envelope is None or (f.gap is not None and f.gap < 0))
    more = len(table_rows) - count
    envelopes = {(f.year, norm(f.financing)): s for f, s in rows if f.envelope is not None}
    unvoted = [key for key, s in envelopes.items() if norm(s) != norm(schema.ENVELOPE_VOTED)]
    vote_note = (f"{fmt.number(len(unvoted), 0)} des {fmt.plural(len(envelopes), 'enveloppe')} ne "
                 f"{'sont' if len(unvoted) > 1 else 'est'} pas encore {'votées' if len(unvoted) > 1 else 'votée'} : "
                 "leur montant reste à confirmer au vote du budget.") if unvoted else \
        "Toutes les enveloppes sont votées."
    return [
        Slide(CHART_LAYOUT, "Le budget par année face aux enveloppes", chart=chart, note=note),
        Slide(TABLE_LAYOUT, "Les enveloppes et leur vote", table=Table(headers, tuple(table_rows[:count]), widths, alerts),
            note=(_more(more, "ligne") + " " + vote_note).strip() if more > 0 else vote_note),
    ]


def _staff_slides(roadmap: Roadmap, figures: tuple[CapacityFigure, ...]) -> list[Slide]:
    staff = ctx.staff_by_service(figures)
    if not staff:
        return [Slide(TEXT_LAYOUT, "La charge des services",
                      body=(Paragraph("Aucune charge de travail n’est encore estimée."),))]
    shown, more = staff[:MAX_CHART_BARS], len(staff) - MAX_CHART_BARS
    chart = Chart(
        "bars", "Charge au trimestre le plus chargé et capacité trimestrielle (jours-homme)",
        tuple(f"{r['service']} ({_quarter(_parse_quarter(r['trimestre']))})" for r in shown),
        (Series("Charge au trimestre le plus chargé", tuple(r["charge_nombre"] for r in shown)),
         Series("Capacité trimestrielle", tuple(r["capacite_nombre"] for r in shown))),
        "jours-homme", "Graphique en barres de la charge de chaque service à son trimestre le plus chargé et de sa "
        "capacité trimestrielle : " + " ; ".join(
            f"{r['service']}, {french.quarter_words(_parse_quarter(r['trimestre']))} : charge {r['charge']}, "
            f"capacité {r['capacite']} ({r['taux']})" for r in shown) + ".")
    overloaded = [r for r in staff if r["situation"] == "surcharge"]
    named = 3 if len(overloaded) <= 3 else 2
    note = (("Surcharge : " if len(overloaded) <= named else
             f"{fmt.plural(len(overloaded), 'service surchargé', 'services surchargés')}, dont ") + " ; ".join(
        f"{r['service']} au {french.quarter_words(_parse_quarter(r['trimestre']))}, {r['charge']} pour "
        f"{r['capacite']} ({r['taux']})" for r in overloaded[:named]) + "."
        if overloaded else "Aucun service n’est chargé au-delà de sa capacité, trimestre par trimestre.")
    if more > 0:
        note = f"Les {fmt.number(len(shown), 0)} services les plus chargés sur {fmt.number(len(staff), 0)}. " + note
    return [Slide(CHART_LAYOUT, "La charge des services face à leur capacité", chart=chart, note=note),
            _workload_table(roadmap, staff)]


def _workload_table(roadmap: Roadmap, staff: list[dict]) -> Slide:
    """Service × quarter: the share of the quarterly capacity the roadmap takes."""
    loads = quarter_loads(roadmap)
    by_name = {norm(name): name for name in loads}
    quarters = sorted({q for per in loads.values() for q in per})
    order = [by_name[norm(r["service"])] for r in staff if norm(r["service"]) in by_name]
    shown = order[:MAX_TABLE_ROWS - 2]
    by_year = len(quarters) > MAX_QUARTERS
    columns: list[list[Quarter]] = ([[q for q in quarters if q.year == y] for y in sorted({q.year for q in quarters})]
                                    if by_year else [[q] for q in quarters])
    rows: list[tuple[str, ...]] = []
    alerts: set[tuple[int, int]] = set()
    for i, service in enumerate(shown):
        cells = [service]
        for j, group in enumerate(columns, start=1):
            values = [(loads[service][q], q) for q in group if q in loads[service]]
            if not values:
                cells.append("")
                continue
            (load, capacity), _ = max(values, key=lambda v: (v[0][0] / v[0][1]) if v[0][1] else v[0][0])
            share = ratio(load, capacity)
            if share is None:
                cells.append(fmt.days(load))
                continue
            cells.append(fmt.percent(share))
            if share > 1:
                alerts.add((i, j))
        rows.append(tuple(cells))
    headers = ("Service", *(str(g[0].year) if by_year else _quarter(g[0]) for g in columns))
    widths = (2.6,) + (1.0,) * len(columns)
    count = fitting(headers, rows, widths)
    rows, more = rows[:count], len(order) - count
    alerts = {(i, j) for i, j in alerts if i < count}
    note = ("Part de la capacité trimestrielle de chaque service (capacité annuelle ÷ 4) prise par la feuille de "
            "route" + (", au trimestre le plus chargé de chaque année" if by_year else "")
            + " ; au-delà de 100 % (en gras), le service est surchargé.")
    if more > 0:
        note = _more(more, "service") + " " + note
    return Slide(TABLE_LAYOUT, "La charge des services, trimestre par trimestre",
                 table=Table(headers, tuple(rows), widths, frozenset(alerts)), note=note)


def _skills_slide(roadmap: Roadmap) -> Slide:
    levels: dict[str, list[tuple[str, str]]] = defaultdict(list)
    names: dict[str, str] = {}
    for skill in roadmap.skills:
        if skill.skill and skill.service:
            levels[norm(skill.skill)].append((skill.service, skill.level or NOT_SET))
            names.setdefault(norm(skill.skill), skill.skill)
    needed: dict[str, list[str]] = defaultdict(list)
    for action in roadmap.actions:
        for name in action.skills:
            needed[norm(name)].append(action.id)
            names.setdefault(norm(name), name)
    acquired = norm(schema.SKILL_ACQUIRED)
    rank = {norm(schema.SKILL_TO_ACQUIRE): 1, norm(schema.SKILL_PARTIAL): 2}
    rows = []
    for key, actions in needed.items():
        held = levels.get(key, [])
        if any(norm(level) == acquired for _, level in held):
            continue
        where = "; ".join(f"{service} : {level.lower()}" for service, level in held[:3]) or "aucun service"
        if len(held) > 3:
            where += f" et {fmt.plural(len(held) - 3, 'autre service', 'autres services')}"
        order = min((rank.get(norm(level), 0) for _, level in held), default=0)
        rows.append((order, -len(actions), names[key], where, ", ".join(actions)))
    rows.sort()
    if not rows:
        return Slide(TEXT_LAYOUT, "Les compétences à acquérir", body=(Paragraph(
            "Chaque compétence requise par les actions est acquise par au moins un service."),))
    headers, widths = ("Compétence", "Niveau dans les services", "Actions qui la requièrent"), (3.0, 4.0, 4.0)
    cells = [(name, where, _short(actions, 60)) for _, _, name, where, actions in rows]
    count = fitting(headers, cells, widths)
    more = len(rows) - count
    table = Table(headers, tuple(cells[:count]), widths, frozenset((i, 1) for i, r in enumerate(rows[:count]) if r[0] < 2))
    note = ("Compétences qu’aucun service ne détient pleinement : formation, recrutement ou prestation sont à "
            "prévoir avant le démarrage des actions.")
    return Slide(TABLE_LAYOUT, "Les compétences à acquérir", table=table,
                 note=(_more(more, "compétence") + " " + note).strip() if more > 0 else note)


def _indicator_slides(roadmap: Roadmap) -> list[Slide]:
    slides = []
    uses: dict[str, int] = defaultdict(int)
    for action in roadmap.actions:
        for ref in action.indicators:
            uses[ref] += 1
    listed = {r["id"]: r for r in record.indicators(roadmap)}
    ordered = sorted(roadmap.indicators, key=lambda i: (not i.obligation, -uses[i.id], i.row))
    if ordered:
        rows = []
        for ind in ordered[:MAX_TABLE_ROWS - 2]:
            entry = listed[ind.id]
            base = record.value_with_unit(ind.baseline, ind.unit) + (f" ({ind.baseline_year})" if ind.baseline_year
                                                                     else "") if ind.baseline is not None else NOT_SET
            rows.append((f"{ind.id} {entry['indicateur']}", base, entry["cible"], entry["echeance"],
                         entry["responsable"]))
        note = f"{fmt.plural(len(roadmap.indicators), 'indicateur')} de suivi, ceux des obligations légales en tête."
        headers, widths = ("Indicateur", "Référence", "Cible", "Échéance", "Responsable"), (4.4, 2.0, 1.7, 1.2, 2.9)
        count = fitting(headers, rows, widths)
        more = len(ordered) - count
        slides.append(Slide(TABLE_LAYOUT, "Les indicateurs de suivi", table=Table(headers, tuple(rows[:count]), widths),
            note=(_more(more, "indicateur") + " " + note).strip() if more > 0 else note))
    else:
        slides.append(Slide(TEXT_LAYOUT, "Les indicateurs de suivi", body=(Paragraph(
            "Aucun indicateur de suivi n’est encore défini : la loi REEN et la méthode de l’ANCT en demandent."),)))
    slides.append(_floors_slide(roadmap))
    return slides


def _floors_slide(roadmap: Roadmap) -> Slide:
    population = roadmap.parameters.population
    rows: list[tuple[str, ...]] = []
    alerts: set[tuple[int, int]] = set()
    for obligation in OBLIGATIONS:
        if obligation.min_population and population is not None and population <= obligation.min_population:
            continue
        following = [i for i in roadmap.indicators if i.obligation == obligation.name]
        if following:
            parts = []
            for ind in following[:2]:
                target = record.value_with_unit(ind.target, ind.unit) if ind.target is not None else NOT_SET
                floor = obligation.floor(ind.deadline) if ind.deadline else None
                parts.append(f"{ind.id} : cible {target}" + (f" en {ind.deadline}" if ind.deadline else "")
                             + (f" (plancher {fmt.number(floor, 0)} %)" if floor is not None else ""))
                if floor is not None and ind.target is not None and ind.target < floor:
                    alerts.add((len(rows), 2))
            followed = " ; ".join(parts) + (f" ; et {fmt.plural(len(following) - 2, 'autre indicateur', 'autres indicateurs')}"
                                            if len(following) > 2 else "")
            if any(i.target is not None and i.deadline and (floor := obligation.floor(i.deadline)) is not None
                   and i.target < floor for i in following[2:]):
                alerts.add((len(rows), 2))
        else:
            followed = "aucun indicateur ne la suit"
            alerts.add((len(rows), 2))
        rows.append((obligation.name, f"{_capitalised(obligation.summary)}.\n{obligation.source}", followed))
    return Slide(TABLE_LAYOUT, "Les planchers légaux", table=Table(
        ("Obligation", "Ce que prévoit la loi", "Suivi dans la feuille de route"), tuple(rows), (2.6, 6.0, 3.4),
        frozenset(alerts)), note="Planchers en vigueur à l’échéance de chaque indicateur.")


def _risk_slide(roadmap: Roadmap) -> Slide:
    risks = record.critical_risks(roadmap)
    left = [Paragraph(f"Risques critiques (criticité {record.CRITICAL} ou plus)", heading=True)]
    shown = risks[:3] if len(risks) > 4 else risks
    for r in shown:
        score = r["criticite"].replace(" ", "\u00a0")  # « 3 × 3 = 9 » on one line
        left.append(Paragraph(f"{r['risque']} — criticité {score}", lead=f"{r['id']} — "))
        left.append(Paragraph(f"{r['mesure']} — {r['responsable']}", level=1, lead="Mesure : "))
    if len(risks) > len(shown):
        left.append(Paragraph(_more(len(risks) - len(shown), "risque critique", "risques critiques")))
    if not risks:
        left.append(Paragraph("Aucun risque n’atteint une criticité de 9."))
    factors = list(dict.fromkeys(record.success_factors(roadmap)))  # the same factor twice is one factor
    right = [Paragraph("Facteurs clés de succès", heading=True)]
    shown_factors = factors[:MAX_BULLETS] if len(factors) > MAX_BULLETS + 1 else factors
    right += [Paragraph(f) for f in shown_factors]
    if len(factors) > len(shown_factors):
        right.append(Paragraph(_more(len(factors) - len(shown_factors), "facteur", "facteurs")))
    if not factors:
        right.append(Paragraph("Aucun facteur clé de succès n’est encore identifié."))
    return Slide(COLUMNS_LAYOUT, "Les risques critiques et les facteurs clés de succès",
                 left=tuple(left), right=tuple(right))


def _governance_slide(roadmap: Roadmap, report: Report) -> Slide:
    rows = ctx.governance_rows(roadmap, report)
    p = roadmap.parameters
    limit = governance_check.deadline(roadmap)
    note = (f"La méthode de l’ANCT demande d’installer la gouvernance dans le mois qui suit la formalisation de la "
            f"feuille de route : ici {fmt.plural(p.governance_delay_days, 'jour')} après le "
            f"{_date(p.formalised_on)}, soit au plus tard le {_date(limit)}.") if limit else \
        "La date de formalisation de la feuille de route reste à préciser : le délai d’installation n’est pas vérifiable."
    if not rows:
        return Slide(TEXT_LAYOUT, "La gouvernance proposée", body=(Paragraph(
            "Aucune instance de gouvernance n’est encore proposée."),), note=note)
    headers = ("Instance", "Rôle", "Présidence", "Fréquence", "Installation", "Dans le délai")
    widths = (2.3, 3.5, 2.3, 1.6, 1.7, 1.7)
    cells = [(r["instance"], r["role"], r["presidence"], r["frequence"], r["installation"], r["dans_le_delai"])
             for r in rows]
    count = fitting(headers, cells, widths)
    shown, more = rows[:count], len(rows) - count
    table = Table(headers, tuple(cells[:count]), widths,
                  frozenset((i, 5) for i, r in enumerate(shown) if r["dans_le_delai"] != "oui"))
    return Slide(TABLE_LAYOUT, "La gouvernance proposée", table=table,
                 note=(_more(more, "instance") + " " + note).strip() if more > 0 else note)


def _shown_findings(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.dimension not in LEFT_OUT and f.severity is not Severity.INFO]


def _feasibility_slide(report: Report, findings: list[Finding]) -> Slide:
    counts: dict[str, dict[Severity, int]] = defaultdict(lambda: defaultdict(int))
    for f in findings:
        counts[f.dimension][f.severity] += 1
    dims = {d: s for d, s in report.dimensions.items() if d not in LEFT_OUT}
    rows = tuple((d, STATUS_LABEL[s], fmt.number(counts[d][Severity.ERROR], 0) if counts[d][Severity.ERROR] else "—",
                  fmt.number(counts[d][Severity.WARNING], 0) if counts[d][Severity.WARNING] else "—")
                 for d, s in dims.items())
    overall = report.feasibility
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = len(findings) - errors
    note = (f"Statut d’ensemble : {STATUS_LABEL[overall]} — "
            f"{fmt.plural(errors, 'point bloquant', 'points bloquants')}, "
            f"{fmt.plural(warnings, 'point à arbitrer', 'points à arbitrer')}.")
    alerts = frozenset((i, 1) for i, (_, s) in enumerate(dims.items()) if s != STATUS_FEASIBLE)
    return Slide(TABLE_LAYOUT, "La faisabilité, dimension par dimension", table=Table(
        ("Dimension", "Statut", "Points bloquants", "Points à arbitrer"), rows, (4.0, 2.6, 2.7, 2.7), alerts),
        note=note)


def _spread_by_code(findings: list[Finding]) -> list[Finding]:
    """One finding of each kind in turn, in the report's order: at région scale the
    committee sees every kind of problem before the hundredth overload."""
    by_code: dict[str, list[Finding]] = {}
    for f in findings:
        by_code.setdefault(f.code, []).append(f)
    out: list[Finding] = []
    queues = [iter(items) for items in by_code.values()]
    while queues and len(out) < MAX_POINTS:
        alive = []
        for queue in queues:
            item = next(queue, None)
            if item is not None:
                out.append(item)
                alive.append(queue)
        queues = alive
    return out[:MAX_POINTS]


def _lines(f: Finding) -> float:
    """The lines a point takes on a slide: its title and message, its proposal, a gap."""
    def count(text: str) -> int:
        return -(-len(text) // CHARACTERS_PER_LINE)
    return count(CODES[f.code].title + " — " + f.message) + (count("Proposition : " + f.suggestion) if f.suggestion
                                                              else 0) + 0.8


def _pages(points: list[Finding]) -> list[list[Finding]]:
    """Points in slides that hold them at a readable size: at most four, fewer when long."""
    pages: list[list[Finding]] = []
    current: list[Finding] = []
    used = 0.0
    for f in points:
        lines = _lines(f)
        if current and (len(current) == POINTS_PER_SLIDE or used + lines > LINES_PER_SLIDE):
            pages.append(current)
            current, used = [], 0.0
        current.append(f)
        used += lines
    if current:
        pages.append(current)
    return pages


def _point_slides(findings: list[Finding], severity: Severity, services: list[str]) -> list[Slide]:
    chosen = [f for f in findings if f.severity is severity]
    if not chosen:
        return []
    shown = _spread_by_code(chosen) if len(chosen) > MAX_POINTS else chosen
    paragraphs = []
    for f in shown:
        paragraphs.append(Paragraph(for_committee(f.message, services), lead=f"{CODES[f.code].title} — "))
        if f.suggestion:
            paragraphs.append(Paragraph(for_committee(f.suggestion, services), level=1, lead="Proposition : "))
    pages = _pages(shown)
    name = "Points bloquants" if severity is Severity.ERROR else "Points à arbitrer"
    more = len(chosen) - len(shown)
    slides = []
    start = 0
    for number, page in enumerate(pages, start=1):
        count = sum(2 if f.suggestion else 1 for f in page)
        body = tuple(paragraphs[start:start + count])
        start += count
        suffix = f" ({number}/{len(pages)})" if len(pages) > 1 else ""
        note = ""
        if number == len(pages) and more > 0:
            noun = ("point bloquant", "points bloquants") if severity is Severity.ERROR else \
                ("point à arbitrer", "points à arbitrer")
            note = _more(more, *noun)
        slides.append(Slide(TEXT_LAYOUT, f"{name}{suffix}", body=body, note=note))
    return slides


def _decisions_slide(roadmap: Roadmap, findings: list[Finding], period: str, draft: bool) -> Slide:
    """Before the decision: what the committee is asked to decide, the points to settle
    first; once recorded: the decision, and what it sets going."""
    p = roadmap.parameters
    version = p.version or "1.0"
    errors = [f for f in findings if f.severity is Severity.ERROR]
    warnings = [f for f in findings if f.severity is Severity.WARNING]
    items: list[str] = []
    decided = record.decision(roadmap)
    if decided in (french.VALIDATED, french.WITH_RESERVATIONS):
        reserve = (p.reservations or "").strip().rstrip(".")
        items.append(f"Le comité a validé la feuille de route, version {version}"
                     + (f", sous réserve : {reserve[:1].lower() + reserve[1:]}." if reserve else
                        ", sous réserve." if decided == french.WITH_RESERVATIONS else "."))
    elif decided == french.ADJOURNED:
        items.append("Le comité a ajourné la validation : la feuille de route lui sera présentée à nouveau.")
    else:
        if errors:
            kinds = list(dict.fromkeys(CODES[f.code].title.lower() for f in errors))
            items.append(f"Lever {'le point bloquant' if len(errors) < 2 else f'les {fmt.number(len(errors), 0)} points bloquants'} : "
                         + ", ".join(kinds[:6]) + (", …" if len(kinds) > 6 else "") + ".")
        if warnings:
            by_dim: dict[str, int] = defaultdict(int)
            for f in warnings:
                by_dim[f.dimension] += 1
            items.append(f"Trancher {'le point' if len(warnings) < 2 else f'les {fmt.number(len(warnings), 0)} points'} "
                         "à arbitrer (" + ", ".join(f"{d.lower()} : {fmt.number(n, 0)}" for d, n in by_dim.items()) + ").")
        items.append(f"Valider la feuille de route {period}, version {version}".replace("  ", " ")
                     + (", ou la valider sous réserve." if errors else "."))
    bodies = [b for b in roadmap.governance if b.installed_on]
    if bodies:
        items.append(("Installer la gouvernance : " if decided is None else "Gouvernance installée : ") + ", ".join(
            f"{b.name} le {fmt.long_date(b.installed_on)}" for b in bodies[:4] if b.installed_on)
            + (", …" if len(bodies) > 4 else "") + ".")
    steps = sorted((s for s in roadmap.validations
                    if s.date and (p.committee_on is None or s.date > p.committee_on)),
                   key=lambda s: (s.date or dt.date.max, s.row))
    if steps:
        items.append(("Arrêter le calendrier : " if decided is None else "Calendrier : ") + ", ".join(
            f"{s.body if s.body.isupper() else s.body[:1].lower() + s.body[1:]} le {_date(s.date)}"
            for s in steps[:4]) + (", …" if len(steps) > 4 else "") + ".")
    typed = [d for d in roadmap.decisions if d.text]
    room = max(MAX_BULLETS + 2 - len(items), 1)
    for d in typed[:room]:
        who = ", ".join(x for x in (d.owner or "", _date(d.due) if d.due else "") if x)
        items.append(french.apostrophes((d.text or "").rstrip(". ")) + (f" ({who})." if who else "."))
    note = _more(len(typed) - room, "décision proposée", "décisions proposées")
    numbered = tuple(Paragraph(text, lead=f"{n}. ", bullet=False) for n, text in enumerate(items, start=1))
    title = "Les décisions attendues du comité" if decided is None else "Les décisions du comité"
    return Slide(TEXT_LAYOUT, title, body=numbered, note=note)


def _next_steps_slide(roadmap: Roadmap) -> Slide:
    p = roadmap.parameters
    left = [Paragraph("Instances de validation et lancement", heading=True)]
    sentences = record.other_bodies(roadmap, p.committee_on)
    left += [Paragraph(s) for s in sentences[:MAX_BULLETS - 1]]
    if len(sentences) > MAX_BULLETS - 1:
        left.append(Paragraph(_more(len(sentences) - MAX_BULLETS + 1, "instance")))
    launch = roadmap.launch
    if launch and launch.date:
        subject = f" : {french.apostrophes(launch.subject[:1].lower() + launch.subject[1:])}" if launch.subject else ""
        left.append(Paragraph(f"Lancement officiel le {fmt.long_date(launch.date)}{subject}."))
    else:
        left.append(Paragraph("Lancement officiel : date à fixer."))
    first = ctx.first_actions(roadmap)
    right = [Paragraph("Premières actions" + (f" ({first[0]['debut']})" if first else ""), heading=True)]
    right += [Paragraph(f"{a['action']} ({a['pilote']})", lead=f"{a['id']} — ") for a in first]
    if not first:
        right.append(Paragraph("Aucune action n’est encore datée."))
    return Slide(COLUMNS_LAYOUT, "Les prochaines étapes", left=tuple(left), right=tuple(right))


# --- The deck ------------------------------------------------------------------------

def deck_context(roadmap: Roadmap, report: Report, reference: bool = False) -> Deck:
    """The slides of the committee's deck for ``roadmap`` and its check ``report``
    (``reference``: the version presented to the committee, kept in the workbook)."""
    p = roadmap.parameters
    figures = report.figures
    years = _years(roadmap, figures.budget)
    period = f"{years[0]}-{years[-1]}" if years else ""
    draft, mention = _decision_state(roadmap)
    services = _services(roadmap)
    findings = _shown_findings(report)
    slides: list[Slide] = [
        _title_slide(roadmap, period, mention, reference),
        _context_slide(roadmap),
        _roadmap_slide(roadmap, figures.budget, period),
        *_calendar_slides(roadmap),
        *_budget_slides(roadmap, figures.budget),
        *_staff_slides(roadmap, figures.capacity),
        _skills_slide(roadmap),
        *_indicator_slides(roadmap),
        _risk_slide(roadmap),
        _governance_slide(roadmap, report),
        _feasibility_slide(report, findings),
        *_point_slides(findings, Severity.ERROR, services),
        *_point_slides(findings, Severity.WARNING, services),
        _decisions_slide(roadmap, findings, period, draft),
        _next_steps_slide(roadmap),
    ]
    who = p.local_authority or NOT_SET
    footer = f"{who} — comité de pilotage du {_date(p.committee_on)}" + (" — PROJET" if draft else "")
    return Deck(
        tuple(slides), french.apostrophes(footer), "Support du comité de pilotage Numérique responsable",
        f"Feuille de route Numérique responsable {period}".strip(), french.apostrophes(who), p.committee_on,
        blocking=sum(1 for f in findings if f.severity is Severity.ERROR),
        to_arbitrate=sum(1 for f in findings if f.severity is Severity.WARNING), draft=draft)


def deck_from_sheets(sheets: dict[str, list[list[object]]], file: str, tables: dict[str, str] | None = None,
                     reference: bool = False, links: Links | None = None) -> Deck:
    """The deck from plain sheet rows (a file's or a live Excel book's): of the workbook as
    it stands, or with ``reference`` of the version presented to the committee; ``links``: the
    cells that read another workbook, whose refreshed value is no adjustment (core/links.py)."""
    from nr_xl.core.build import build_roadmap
    from nr_xl.core.errors import UsageError
    from nr_xl.core.journal.book import from_sheets
    from nr_xl.core.journal.review import presented_sheets
    from nr_xl.core.report import check_roadmap, full_report
    from nr_xl.core import presence

    if not reference:  # the reference version is the one snapshot checked whole
        presence.require_inputs(sheets, file, presence.DOCUMENT)
    book = from_sheets(sheets, tables, links)
    if reference:
        presented = presented_sheets(book)
        if presented is None:
            raise UsageError("Aucune version de référence n'est figée dans ce classeur : figez-la d'abord (bouton "
                             "« Figer la version de référence » ou « nr-xl snapshot »), ou produisez le support du "
                             "classeur tel qu'il est (sans --reference).")
        roadmap, input_findings = build_roadmap(presented)
        return deck_context(roadmap, check_roadmap(roadmap, input_findings, file), reference=True)
    roadmap, input_findings = build_roadmap(sheets)
    return deck_context(roadmap, full_report(roadmap, input_findings, book, file))


def iter_texts(deck: Deck) -> Iterator[str]:
    """Every text of the deck as data (before typography): for the tests."""
    yield deck.footer
    for slide in deck.slides:
        yield from (slide.title, slide.note, slide.subtitle, slide.date, slide.mention)
        for paragraph in (*slide.body, *slide.left, *slide.right):
            yield paragraph.lead + paragraph.text
        if slide.table:
            yield from slide.table.headers
            for row in slide.table.rows:
                yield from row
        if slide.chart:
            yield from (slide.chart.title, slide.chart.alt, slide.chart.unit, *slide.chart.categories)
            yield from (s.name for s in slide.chart.series)
