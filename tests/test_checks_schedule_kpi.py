from decimal import Decimal

from nr_xl.core.checks import kpi, schedule

from factory import action, indicator, keys, legal_indicators, sound, triples


def test_invalid_periods():
    rm = sound(actions=(action("A1", start="2027-T3", end="2027-T2"), action("A2", 3, end=None),
                        action("A3", 4, start="2027-T2", end="2027-T2")))
    assert triples(list(schedule.check(rm))) == {("schedule.invalid_period", "A1", 2),
                                                  ("schedule.invalid_period", "A2", 3)}


def test_unreadable_period_is_not_reported_twice():
    rm = sound(actions=(action("A1", start=None, unread=frozenset({"start"})),))
    assert list(schedule.check(rm)) == []


def test_dependency_order_boundary():
    dep = action("A1", start="2027-T1", end="2027-T2")
    same_quarter = action("A2", 3, start="2027-T2", end="2027-T4", dependencies=("A1",))
    next_quarter = action("A3", 4, start="2027-T3", end="2027-T4", dependencies=("A1",))
    found = list(schedule.check(sound(actions=(dep, same_quarter, next_quarter))))
    assert keys(found, "schedule.dependency_order") == ["A2/A1"]


def test_unknown_dependencies_and_cycles():
    rm = sound(actions=(
        action("A1", dependencies=("A3",)), action("A2", 3, dependencies=("A1", "Z9")),
        action("A3", 4, dependencies=("A2",)), action("A4", 5, dependencies=("A4",)),
    ))
    found = list(schedule.check(rm))
    assert keys(found, "schedule.unknown_dependency") == ["A2/Z9"]
    cycles = [f for f in found if f.code == "schedule.dependency_cycle"]
    assert sorted((f.key, f.row) for f in cycles) == [("A1/A3/A2/A1", 2), ("A4/A4", 5)]


def test_long_dependency_chain_is_linear():
    chain = tuple(action(f"A{i}", i + 2, dependencies=(f"A{i + 1}",) if i < 2999 else ())
                  for i in range(3000))
    assert keys(list(schedule.check(sound(actions=chain))), "schedule.dependency_cycle") == []


def test_kpi_references():
    rm = sound(actions=(action("A1", indicators=()), action("A2", 3, indicators=("I1", "I99"))))
    found = list(kpi.check(rm))
    assert triples(found) == {("kpi.action_without_kpi", "A1", 2), ("kpi.unknown_reference", "A2/I99", 3)}


def test_kpi_definitions():
    rm = sound(indicators=(
        indicator("I1", owner=None, target=None),
        indicator("I2", 3, target=Decimal(0)),
        indicator("I3", 4, unit=None, source=None),
    ) + legal_indicators(), actions=(action(indicators=("I1", "I2", "I3")),))
    found = list(kpi.check(rm))
    assert triples(found) == {("kpi.incomplete", "I1", 2), ("kpi.weak_definition", "I3", 4)}
    (incomplete,) = [f for f in found if f.code == "kpi.incomplete"]
    assert "Responsable" in incomplete.message and "Cible" in incomplete.message
    (weak,) = [f for f in found if f.code == "kpi.weak_definition"]
    assert "Unité" in weak.message and "Source" in weak.message


def test_an_indicator_without_deadline_is_weakly_defined():
    rm = sound(indicators=(indicator("I1", deadline=None),) + legal_indicators())
    (weak,) = [f for f in kpi.check(rm) if f.code == "kpi.weak_definition"]
    assert (weak.key, weak.row, weak.field) == ("I1", 2, "Échéance")


def test_baseline_year_may_equal_the_deadline_not_follow_it():
    same = sound(indicators=(indicator("I1", baseline_year=2027, deadline=2027),) + legal_indicators())
    assert "kpi.baseline_after_deadline" not in {f.code for f in kpi.check(same)}
    after = sound(indicators=(indicator("I1", baseline_year=2028, deadline=2027),) + legal_indicators())
    assert keys(list(kpi.check(after)), "kpi.baseline_after_deadline") == ["I1"]


def test_a_direction_without_baseline_is_a_weak_definition_not_a_crash():
    rm = sound(indicators=(indicator("I1", baseline=None, direction="Hausse"),) + legal_indicators())
    assert triples(list(kpi.check(rm))) == {("kpi.weak_definition", "I1", 2)}
