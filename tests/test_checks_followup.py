"""The follow-up rules (docs/constats.md « Après le vote »): silent until a follow-up has begun,
then actions late or started too early, decisions past due, spending above plan or envelope,
measures off their trajectory or under a legal floor."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

from nr_xl.core import schema
from nr_xl.core.checks import measures, progress, run_checks, spending
from nr_xl.core.followup import trajectory
from nr_xl.core.model import BudgetLine, Decision, Envelope, Measure, Parameters, Progress, Spending

from factory import action, indicator, keys, q, sound

DAY = dt.date(2027, 6, 17)


def _on(day: dt.date = DAY, **changes):
    rm = sound(**changes)
    import dataclasses

    return dataclasses.replace(rm, parameters=dataclasses.replace(rm.parameters, followup_on=day))


def test_nothing_to_follow_before_any_follow_up_even_when_quarters_have_passed():
    rm = sound(actions=(action("A1", start="2020-T1", end="2020-T4"),),
               decisions=(Decision(2, "1", "Faire", "DGS", dt.date(2020, 1, 1)),))
    assert [f for f in run_checks(rm) if f.code.startswith("followup.")] == []


def test_the_day_of_the_follow_up_is_the_latest_progress_when_no_date_is_given():
    rm = sound(actions=(action("A1", start="2027-T1", end="2027-T4"),),
               progress=(Progress(2, "A1", dt.date(2027, 3, 1), schema.ACTION_RUNNING),
                         Progress(3, "A1", dt.date(2028, 2, 1), schema.ACTION_RUNNING)))
    found = list(progress.check(rm))
    # On 1 February 2028 the action, due at the end of 2027, is still running.
    assert [(f.code, f.key) for f in found] == [("followup.action_late", "A1")]
    assert "n'est pas terminée" in found[0].message and "1er février 2028" in found[0].message


@pytest.mark.parametrize("start, end, status, late", [
    ("2027-T1", "2027-T4", schema.ACTION_TO_START, "not_started"),   # T1 passed, not started in T2
    ("2027-T2", "2027-T4", schema.ACTION_TO_START, None),            # its quarter is the current one
    ("2027-T1", "2027-T1", schema.ACTION_RUNNING, "not_finished"),  # ended in T1, still running
    ("2027-T1", "2027-T2", schema.ACTION_RUNNING, None),            # ends this quarter: not late yet
    ("2027-T1", "2027-T1", schema.ACTION_DONE, None),
    ("2027-T1", "2027-T1", schema.ACTION_ABANDONED, None),
])
def test_an_action_is_late_against_its_quarters_on_the_day_of_the_follow_up(start, end, status, late):
    rm = _on(actions=(action("A1", start=start, end=end),),
             progress=(Progress(2, "A1", dt.date(2027, 6, 1), status),))
    found = [f for f in progress.check(rm) if f.code == "followup.action_late"]
    words = {"not_started": "n'a pas démarré", "not_finished": "n'est pas terminée"}
    assert [next(k for k, w in words.items() if w in f.message) for f in found] == ([late] if late else [])


def test_a_report_after_the_day_of_the_follow_up_is_not_read_and_the_roadmap_status_is():
    rm = _on(actions=(action("A1", start="2027-T1", end="2027-T4", status=schema.ACTION_RUNNING),
                      action("A2", 3, start="2027-T1", end="2027-T4")),
             progress=(Progress(2, "A2", dt.date(2027, 7, 1), schema.ACTION_RUNNING),))
    assert keys(list(progress.check(rm)), "followup.action_late") == ["A2"]


def test_an_action_started_before_its_dependency_is_done():
    rm = _on(actions=(action("A1"), action("A2", 3, dependencies=("A1",)), action("A3", 4, dependencies=("A1",))),
             progress=(Progress(2, "A1", DAY, schema.ACTION_RUNNING), Progress(3, "A2", DAY, schema.ACTION_RUNNING),
                       Progress(4, "A3", DAY, schema.ACTION_TO_START)))
    assert keys(list(progress.check(rm)), "followup.started_before_dependency") == ["A2/A1"]


def test_a_progress_without_status_reads_its_percentage():
    from nr_xl.core.followup.reading import read_followup

    rm = sound(progress=(Progress(2, "A1", DAY, None, Decimal("0.4")), Progress(3, "A1", DAY, None, Decimal(100)),
                         Progress(4, "A1", DAY, None, Decimal(0))))
    read, notes = read_followup(rm, {}, {})
    assert [(p.status, p.percent) for p in read.progress] == [
        (schema.ACTION_RUNNING, Decimal(40)), (schema.ACTION_DONE, Decimal(100)), (schema.ACTION_TO_START, 0)]
    assert notes == []


@pytest.mark.parametrize("status, due, overdue", [
    (None, dt.date(2027, 6, 16), True), (schema.DECISION_RUNNING, dt.date(2027, 1, 15), True),
    (schema.DECISION_DONE, dt.date(2027, 1, 15), False), (schema.DECISION_ABANDONED, dt.date(2027, 1, 15), False),
    (None, DAY, False), (None, None, False),
])
def test_a_decision_past_its_due_date_and_not_done(status, due, overdue):
    rm = _on(decisions=(Decision(2, "2", "Chiffrer un renfort.", "Karim Benali", due, status),))
    found = [f for f in progress.check(rm) if f.code == "followup.decision_overdue"]
    assert len(found) == overdue
    if overdue:
        assert "chiffrer un renfort" in found[0].message and (status or "À faire") in found[0].message


def _spending(*lines: Spending, budget=None, envelopes=None):
    return sound(budget=budget or (BudgetLine(2, "A1", 2027, Decimal(100), Decimal(50)),),
                 envelopes=envelopes or (Envelope(2, 2027, "Enveloppe NR", Decimal(120), Decimal(60)),),
                 spending=lines)


def test_spending_above_the_action_s_plan_counts_the_larger_of_committed_and_paid():
    under = _spending(Spending(2, "A1", 2027, nature="Investissement", committed=Decimal(100), paid=Decimal(90)),
                      Spending(3, "A1", 2027, nature="Fonctionnement", committed=Decimal(50)))
    assert keys(list(spending.check(under)), "followup.spending_above_plan") == []
    over = _spending(Spending(2, "A1", 2027, nature="Investissement", committed=Decimal(100), paid=Decimal(101)),
                     Spending(3, "A1", 2027, nature="Fonctionnement", committed=Decimal(50)))
    (found,) = [f for f in spending.check(over) if f.code == "followup.spending_above_plan"]
    assert found.key == "A1/2027" and "(+1\u00a0€)" in found.message


def test_spending_above_the_envelope_is_an_error_and_only_a_warning_on_an_envelope_not_voted():
    lines = (Spending(2, "A1", 2027, nature="Investissement", committed=Decimal(130)),)
    voted = list(spending.check(_spending(*lines)))
    (env,) = [f for f in voted if f.code == "followup.spending_above_envelope"]
    assert (env.key, env.severity.value, env.sheet) == ("2027/Investissement", "error", schema.ENVELOPES.sheet)
    asked = _spending(*lines, envelopes=(Envelope(2, 2027, "Enveloppe NR", Decimal(120), Decimal(60),
                                                  status="Demandée"),))
    (env,) = [f for f in spending.check(asked) if f.code == "followup.spending_above_envelope"]
    assert env.severity.value == "warning"


def test_spending_without_nature_takes_the_nature_its_budget_plans():
    from nr_xl.core.followup.reading import read_followup

    rm = _spending(Spending(2, "A1", 2027, committed=Decimal(10)),
                   budget=(BudgetLine(2, "A1", 2027, Decimal(0), Decimal(50)),))
    read, notes = read_followup(rm, {}, {})
    assert read.spending[0].nature == "Fonctionnement" and notes == []
    both, notes = read_followup(_spending(Spending(2, "A1", 2027, committed=Decimal(10))), {}, {})
    assert both.spending[0].nature == "Investissement" and [n.code for n in notes] == ["input.read_as"]


def test_the_documented_trajectory_example():
    """docs/constats.md: baseline 8 % in 2026, target 25 % in 2029; end of 2027 expects 13,67 %
    and tolerates 1,7 point: 11,9 % is off track, 12 % is not."""
    ind = indicator("I02", baseline=Decimal(8), baseline_year=2026, target=Decimal(25), deadline=2029)
    assert round(trajectory.expected(ind, q("2027-T4")), 2) == Decimal("13.67")
    assert trajectory.position(ind, Measure(2, "I02", q("2027-T4"), Decimal("11.9"))).off_track
    assert not trajectory.position(ind, Measure(2, "I02", q("2027-T4"), Decimal(12))).off_track


@settings(max_examples=60, deadline=None)
@given(base=st.integers(0, 1000), span=st.integers(1, 1000), years=st.integers(1, 5), elapsed=st.integers(0, 24),
       gap=st.integers(-300, 300), falling=st.booleans())
def test_off_track_means_too_far_on_the_wrong_side_whatever_the_direction(base, span, years, elapsed, gap, falling):
    target = base - span if falling else base + span
    ind = indicator(baseline=Decimal(base), baseline_year=2026, target=Decimal(target), deadline=2026 + years,
                    direction=schema.FALL if falling else schema.RISE)
    period = q(f"{2027 + elapsed // 4}-T{elapsed % 4 + 1}")
    expected = trajectory.expected(ind, period)
    assert expected is not None
    value = expected + Decimal(gap) / 100 * span  # gap: a share of the distance, in hundredths
    off = trajectory.position(ind, Measure(2, "I1", period, value)).off_track
    wrong_side = (gap > 0) if falling else (gap < 0)
    assert off == (wrong_side and abs(gap) > 10)


def test_only_the_latest_measure_is_judged_against_the_trajectory():
    ind = indicator("I1", baseline=Decimal(0), baseline_year=2026, target=Decimal(100), deadline=2027)
    rm = sound(indicators=(ind,), measures=(Measure(2, "I1", q("2027-T1"), Decimal(0)),
                                            Measure(3, "I1", q("2027-T2"), Decimal(50))))
    assert keys(list(measures.check(rm)), "followup.measure_off_track") == []
    late = sound(indicators=(ind,), measures=(Measure(2, "I1", q("2027-T2"), Decimal(50)),
                                              Measure(3, "I1", q("2027-T3"), Decimal(50))))
    assert keys(list(measures.check(late)), "followup.measure_off_track") == ["I1/2027-T3"]


def test_a_measured_value_under_the_legal_floor_of_its_year():
    ind = indicator("I3", obligation="Réemploi des équipements réformés", baseline=Decimal(20), target=Decimal(60),
                    deadline=2029)
    rm = sound(indicators=(ind,), measures=(Measure(2, "I3", q("2027-T2"), Decimal(20)),
                                            Measure(3, "I3", q("2027-T4"), Decimal(49)),
                                            Measure(4, "I3", q("2028-T4"), Decimal(50))))
    found = [f for f in measures.check(rm) if f.code == "followup.measure_below_floor"]
    # The last measure of 2027 is judged (not the first); 50 % in 2028 meets the floor.
    assert [(f.key, f.severity.value) for f in found] == [("I3/2027-T4", "error")]
    assert "50 %" in found[0].message


def test_a_follow_up_row_naming_nothing_of_the_roadmap_is_reported_and_not_counted():
    rm = _spending(Spending(2, "Z9", 2027, nature="Investissement", committed=Decimal(10_000)))
    found = run_checks(rm)
    assert keys(found, "followup.unknown_reference") == [f"{schema.SPENDING.sheet}!2"]
    assert keys(found, "followup.spending_above_envelope") == []


def test_the_follow_up_date_parameter_is_no_adjustment_for_the_journal():
    from nr_xl.core.journal.snapshot import snapshot

    base = {schema.PARAMETER_TABLE.sheet: [["Paramètre", "Valeur"], ["Collectivité", "Ville"]],
            schema.PROGRESS.sheet: [list(schema.PROGRESS.headers)]}
    dated = {**base, schema.PARAMETER_TABLE.sheet: [*base[schema.PARAMETER_TABLE.sheet],
                                                    [schema.FOLLOWUP_ON.key, "2027-06-17"]],
             schema.PROGRESS.sheet: [list(schema.PROGRESS.headers), ["A1", "2027-06-10", "En cours", 0.4, "", ""]]}
    assert snapshot(base) == snapshot(dated)
    assert schema.PROGRESS.sheet not in snapshot(dated)


def test_parameters_keep_the_follow_up_date():
    assert Parameters(followup_on=DAY).followup_on == DAY


def test_a_report_that_cannot_be_read_leaves_its_action_unjudged():
    late = action("A1", start="2027-T1", end="2027-T1")
    unread = Progress(2, "A1", None, schema.ACTION_RUNNING, unread=frozenset({"date"}))
    assert keys(list(progress.check(_on(actions=(late,), progress=(unread,)))), "followup.action_late") == []
    # An unreadable action cell may be anyone's report: only actions reported readably are judged.
    other = Progress(3, "A2", DAY, schema.ACTION_RUNNING)
    anyone = Progress(2, None, DAY, schema.ACTION_DONE, unread=frozenset({"action"}))
    rm = _on(actions=(late, action("A2", 3, start="2027-T1", end="2027-T1")), progress=(anyone, other))
    assert keys(list(progress.check(rm)), "followup.action_late") == ["A2"]


@pytest.mark.parametrize("spent, severity", [(Decimal(165), "info"), (Decimal("165.01"), "warning")])
def test_spending_a_tenth_above_plan_is_to_note_beyond_it_to_arbitrate(spent, severity):
    rm = _spending(Spending(2, "A1", 2027, nature="Investissement", committed=spent))
    (found,) = [f for f in spending.check(rm) if f.code == "followup.spending_above_plan"]
    assert found.severity.value == severity  # 150 € planned: 15 € is the margin


def test_the_spending_sums_index_the_actions_once_whatever_the_lines(monkeypatch):
    """A région's thousands of spending lines stay linear: the actions are indexed once."""
    from nr_xl.core.checks.spending_sums import sums
    from nr_xl.core.model import Roadmap

    calls = []
    original = Roadmap.action_by_id
    monkeypatch.setattr(Roadmap, "action_by_id", lambda self: calls.append(1) or original(self))
    lines = tuple(Spending(n + 2, "A1", 2027, nature="Investissement", committed=Decimal(1)) for n in range(500))
    total = sums(_spending(*lines))
    assert len(calls) == 1 and total.by_action[("A1", 2027)].spent == 500
