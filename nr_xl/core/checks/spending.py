"""Spending against the plan and the envelopes (docs/constats.md): per action and year
against its budget, per year, financing and nature against the envelope voted or asked."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from nr_xl.core import fmt, schema
from nr_xl.core.checks import budget
from nr_xl.core.checks._util import norm
from nr_xl.core.findings import CODES, NOT_VOTED, WITHIN_MARGIN, Finding, finding
from nr_xl.core.checks.spending_sums import SpendingSums, over_plan, sums
from nr_xl.core.model import Roadmap

_SPENT = schema.SPENDING.committed.header


def check(roadmap: Roadmap, spent: SpendingSums | None = None) -> Iterator[Finding]:
    if not roadmap.spending:
        return
    spent = sums(roadmap) if spent is None else spent
    margin = CODES["followup.spending_above_plan"].grade(WITHIN_MARGIN).limits["margin"]
    for action, year, total, planned in over_plan(roadmap, spent):
        first = total.lines[0]
        yield finding(
            "followup.spending_above_plan", sheet=first.SHEET, row=first.row, field=_SPENT,
            key=f"{action}/{year}", action=action, year=year, spent=fmt.euros(total.spent),
            planned=fmt.euros(planned), over=fmt.euros(total.spent - planned),
            grade=WITHIN_MARGIN if total.spent - planned <= planned * margin else None,
        )
    envelopes = budget.envelopes(roadmap)
    for (year, fin, nature), total in sorted(spent.by_pot.items()):
        if total.spent <= 0:
            continue
        financing = spent.financing[fin]
        key = f"{year}/{nature}" if fin == norm(schema.DEFAULT_FINANCING) else f"{year}/{financing}/{nature}"
        first = total.lines[0]
        env = envelopes.get((year, fin))
        words: dict[str, Any] = dict(year=year, nature=nature.lower(), financing=financing,
                                     spent=fmt.euros(total.spent))
        if env is None:
            if schema.ENVELOPES.sheet not in roadmap.missing_sheets:
                yield finding("followup.spending_above_envelope", sheet=first.SHEET, row=first.row, field=_SPENT,
                              key=key, variant="no_envelope", **words)
            continue
        if budget._FIELD_OF[nature] in env.unread:
            continue  # the envelope's amount could not be read: not verified
        limit = budget.amount_of(env, nature)
        if total.spent > limit:
            yield finding(
                "followup.spending_above_envelope", sheet=env.SHEET, row=env.row, field=_SPENT, key=key, **words,
                envelope=fmt.euros(limit), over=fmt.euros(total.spent - limit), next_year=year + 1,
                grade=NOT_VOTED if budget.not_voted(env) else None,
            )
