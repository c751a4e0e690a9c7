"""Budget: spending per year and nature against the envelopes (docs/constats.md)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from nr_xl.core import fmt
from nr_xl.core.checks._util import abandoned_ids, norm
from nr_xl.core.findings import NOT_VOTED, Finding, finding
from nr_xl.core.model import BudgetLine, Envelope, Roadmap
from nr_xl.core import schema
from nr_xl.core.schema import DEFAULT_FINANCING, NATURES

NATURE_FIELD = dict(zip(NATURES, (schema.BUDGET.investment.header, schema.BUDGET.operating.header)))
NATURE_PHRASE = {"Investissement": "l'investissement prévu", "Fonctionnement": "le fonctionnement prévu"}


@dataclass
class Pot:
    """What is planned for one year, financing and nature."""

    year: int
    financing: str  # as first written
    nature: str
    planned: Decimal = Decimal(0)  # sums of Decimals are exact: no Fraction needed here
    by_action: dict[str, Decimal] = field(default_factory=dict)
    lines: list[BudgetLine] = field(default_factory=list)
    # A line of this pot (or of an unreadable year) could not be read in full: ``planned`` is
    # a part only. An overrun found stays one (amounts add up); the sum at stake of an
    # unconfirmed envelope is not said, and the pot is never judged within its envelope.
    unverified: bool = False

    @property
    def key(self) -> str:
        if norm(self.financing) == norm(DEFAULT_FINANCING):
            return f"{self.year}/{self.nature}"
        return f"{self.year}/{self.financing}/{self.nature}"


def amount_of(line: BudgetLine | Envelope, nature: str) -> Decimal:
    value = line.investment if nature == "Investissement" else line.operating
    return value if value is not None else Decimal(0)


Pots = dict[tuple[int, str, str], Pot]


def counted(roadmap: Roadmap) -> Iterator[BudgetLine]:
    """The budget lines every sum counts (the checks', the figures', the documents'): those
    of an action that is not abandoned, whose year could be read. A hand-typed TOTAL row
    never reaches the roadmap (tables.extract leaves it out)."""
    dropped = abandoned_ids(roadmap)
    return (line for line in roadmap.budget if line.action not in dropped and line.year is not None)


def pots(roadmap: Roadmap) -> Pots:
    """What is planned per year, financing (its matching key) and nature: the ``counted`` lines."""
    result: dict[tuple[int, str, str], Pot] = {}
    dropped = abandoned_ids(roadmap)
    unknown: set[tuple[int | None, str, str]] = set()  # (year or None for any year, financing, nature)
    for line in roadmap.budget:
        if line.unread and line.action not in dropped:
            unknown.update(_unknown_parts(line))
    for line in counted(roadmap):
        assert line.year is not None
        for nature in NATURES:
            value = amount_of(line, nature)
            if value == 0:
                continue
            key = (line.year, norm(line.financing), nature)
            pot = result.setdefault(key, Pot(line.year, line.financing, nature))
            pot.planned += value
            action = line.action or "?"
            pot.by_action[action] = pot.by_action.get(action, Decimal(0)) + value
            pot.lines.append(line)
    for (year, fin, nature), pot in result.items():
        pot.unverified = (year, fin, nature) in unknown or (None, fin, nature) in unknown
    return result


_FIELD_OF = dict(zip(NATURES, ("investment", "operating")))


def _unknown_parts(line: BudgetLine) -> set[tuple[int | None, str, str]]:
    """The pots a line leaves incomplete: its nature whose amount is unreadable, in its year,
    or in every year when its year is unreadable."""
    if "year" in line.unread:  # any year: the natures it brings an amount to, or may
        natures = [n for n in NATURES if _FIELD_OF[n] in line.unread or amount_of(line, n) != 0]
        return {(None, norm(line.financing), nature) for nature in natures}
    return {(line.year, norm(line.financing), n) for n in NATURES if _FIELD_OF[n] in line.unread}


def envelopes(roadmap: Roadmap) -> dict[tuple[int, str], Envelope]:
    result: dict[tuple[int, str], Envelope] = {}
    for env in roadmap.envelopes:
        if env.year is not None:
            result.setdefault((env.year, norm(env.financing)), env)
    return result


def check(roadmap: Roadmap, all_pots: Pots | None = None) -> Iterator[Finding]:
    """``all_pots``: the roadmap's ``pots``, when the caller has summed them already."""
    yield from _lines(roadmap)
    yield from _abandoned(roadmap)
    all_pots = pots(roadmap) if all_pots is None else all_pots
    envs = envelopes(roadmap)
    undated = {norm(env.financing) for env in roadmap.envelopes if "year" in env.unread}
    yield from _unconfirmed(all_pots, envs)
    for (year, fin, nature), pot in sorted(all_pots.items()):
        if pot.planned <= 0:
            continue
        env = envs.get((year, fin))
        if env is None and fin in undated:
            continue  # an envelope of this financing has an unreadable year: it may be this one
        if env is None:
            first = pot.lines[0]
            yield finding(
                "budget.no_envelope", sheet=first.SHEET, row=first.row,
                field=NATURE_FIELD[nature], key=pot.key, year=year, nature_phrase=NATURE_PHRASE[nature],
                financing=pot.financing, planned=fmt.euros(pot.planned), actions=_actions_text(pot),
            )
            continue
        if _FIELD_OF[nature] in env.unread:
            continue  # the envelope's amount could not be read: not verified
        limit = amount_of(env, nature)
        if pot.planned > limit:
            yield _exceeded(pot, env, limit, all_pots, envs)


def _exceeded(pot: Pot, env: Envelope, limit: Decimal,
              all_pots: dict[tuple[int, str, str], Pot],
              envs: dict[tuple[int, str], Envelope]) -> Finding:
    over = pot.planned - limit
    pct = f" (+{fmt.percent(over / limit)})" if limit else ""
    biggest = max(pot.by_action.items(), key=lambda kv: (kv[1], kv[0]))[0]
    headroom = []
    for (year, fin), other in envs.items():
        if fin != norm(pot.financing) or year == pot.year:
            continue
        planned = all_pots.get((year, fin, pot.nature))
        free = amount_of(other, pot.nature) - (planned.planned if planned else 0)
        if free > 0:
            headroom.append((free, year))
    # Prefer the nearest later year that can take the whole excess, as committees do.
    headroom.sort(key=lambda fy: (fy[1] < pot.year, fy[0] < over, abs(fy[1] - pot.year)))
    if headroom:
        free, year = headroom[0]
        advice = (f"Décaler une partie de {biggest} en {year}, où {fmt.euros(free)} "
                  f"restent disponibles, ou augmenter l'enveloppe {pot.year}.")
    else:
        advice = (f"Réduire de {fmt.euros(over)} les dépenses {pot.year} (poste principal : "
                  f"{biggest}, {fmt.euros(pot.by_action[biggest])}) ou augmenter l'enveloppe.")
    return finding(
        "budget.envelope_exceeded", sheet=env.SHEET, row=env.row,
        field=NATURE_FIELD[pot.nature], key=pot.key, year=pot.year, nature_phrase=NATURE_PHRASE[pot.nature],
        planned=fmt.euros(pot.planned), financing=env.financing, envelope=fmt.euros(limit),
        over=fmt.euros(over), share=pct, advice=advice, grade=NOT_VOTED if not_voted(env) else None,
    )


def not_voted(env: Envelope) -> bool:
    """An envelope only asked for (« Demandée », « À confirmer »): its amount is still to be
    decided when the budget is voted. Blank or unreadable: taken as voted (the graver)."""
    return env.status is not None and env.status not in CONFIRMED and "status" not in env.unread


def _actions_text(pot: Pot) -> str:
    parts = sorted(pot.by_action.items(), key=lambda kv: (-kv[1], kv[0]))
    return ", ".join(f"{a} : {fmt.euros(v)}" for a, v in parts[:4]) + ("…" if len(parts) > 4 else "")


def _lines(roadmap: Roadmap) -> Iterator[Finding]:
    actions = roadmap.action_by_id()
    for line in roadmap.budget:
        for nature in NATURES:
            if amount_of(line, nature) < 0:
                yield finding(
                    "budget.negative_amount", sheet=line.SHEET, row=line.row,
                    field=NATURE_FIELD[nature], key=f"{line.action}/{line.year}",
                    nature=nature.lower(), amount=fmt.euros(amount_of(line, nature)),
                )
        if line.action is None or line.year is None:
            continue
        action = actions.get(line.action)
        if action is None:
            if schema.ACTIONS.sheet not in roadmap.missing_sheets:
                yield finding(
                    "budget.unknown_action", sheet=line.SHEET, row=line.row, field=schema.BUDGET.action.header,
                    key=f"{line.action}/{line.year}", action=line.action,
                )
        elif action.period_valid and not action.active_in(line.year):
            yield finding(
                "budget.outside_action_period", sheet=line.SHEET, row=line.row, field=schema.BUDGET.year.header,
                key=f"{line.action}/{line.year}", action=line.action, year=line.year,
                start=action.start, end=action.end,
            )


# Envelope statuses a committee can count on; any other (« Demandée »,
# « À confirmer ») may still be cut when the budget is voted.
CONFIRMED = frozenset({schema.ENVELOPE_VOTED, schema.ENVELOPE_BUDGETED})


def _unconfirmed(all_pots: dict[tuple[int, str, str], Pot],
                 envs: dict[tuple[int, str], Envelope]) -> Iterator[Finding]:
    for (year, fin), env in sorted(envs.items()):
        if env.status is None or env.status in CONFIRMED or "status" in env.unread:
            continue
        if any(all_pots[(year, fin, n)].unverified for n in NATURES if (year, fin, n) in all_pots):
            continue  # the sum at stake is not known
        at_stake = {n: all_pots[(year, fin, n)].planned for n in NATURES if (year, fin, n) in all_pots}
        total = sum(at_stake.values(), Decimal(0))
        if total <= 0:
            continue
        detail = ", ".join(f"{n.lower()} {fmt.euros(v)}" for n, v in at_stake.items() if v)
        yield finding(
            "budget.unconfirmed_envelope", sheet=env.SHEET, row=env.row, field=schema.ENVELOPES.status.header,
            key=f"{year}/{env.financing}", year=year, total=fmt.euros(total), detail=detail,
            financing=env.financing, status=env.status,
        )


def _abandoned(roadmap: Roadmap) -> Iterator[Finding]:
    dropped = abandoned_ids(roadmap)
    lines: dict[str, list[BudgetLine]] = defaultdict(list)
    for line in roadmap.budget:
        if line.action in dropped:
            lines[line.action].append(line)
    for action_id, held in sorted(lines.items()):
        total = sum((amount_of(line, n) for line in held for n in NATURES), Decimal(0))
        yield finding(
            "budget.abandoned_action", sheet=held[0].SHEET, row=held[0].row, field=schema.BUDGET.action.header,
            key=action_id, action=action_id, lines=len(held), total=fmt.euros(total),
        )
