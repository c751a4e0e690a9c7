from decimal import Decimal

import pytest

from nr_xl.core.checks import capacity
from nr_xl.core.model import Capacity, Workload

from factory import action, keys, sound, triples


def loads(*specs):
    return tuple(Workload(row, a, s, y, Decimal(str(d))) for row, (a, s, y, d) in enumerate(specs, start=2))


def caps(*specs):
    return tuple(Capacity(row, s, y, Decimal(str(d))) for row, (s, y, d) in enumerate(specs, start=2))


@pytest.mark.parametrize("days, expected", [
    (90, []),                                   # 90 % exactly: fine
    (91, ["capacity.near_limit"]),              # above 90 %
    (100, ["capacity.near_limit"]),             # exactly at capacity: near the limit, not over
    (101, ["capacity.overload"]),
])
def test_thresholds_per_quarter(days, expected):
    # One quarter active: the whole annual load lands in 2027-T2; capacity 400/4 = 100.
    rm = sound(actions=(action(start="2027-T2", end="2027-T2"),),
               workload=loads(("A1", "DSI", 2027, days)), capacities=caps(("DSI", 2027, 400)))
    found = list(capacity.check(rm))
    assert [f.code for f in found] == expected
    assert all(f.key == "DSI/2027-T2" and f.sheet == "Capacités" for f in found)


def test_load_is_spread_over_the_active_quarters_of_that_year_only():
    # 2027-T3..2028-T2: two active quarters in 2027, so 300 j-h -> 150 per quarter.
    rm = sound(actions=(action(start="2027-T3", end="2028-T2"),),
               workload=loads(("A1", "DSI", 2027, 300)), capacities=caps(("DSI", 2027, 400)))
    assert sorted(keys(list(capacity.check(rm)), "capacity.overload")) == ["DSI/2027-T3", "DSI/2027-T4"]


def test_the_annual_view_hides_the_crowded_quarter():
    rm = sound(
        actions=(action("A1", start="2027-T1", end="2027-T1"), action("A2", 3, start="2027-T1", end="2027-T4")),
        workload=loads(("A1", "DSI", 2027, 80), ("A2", "DSI", 2027, 40)),
        capacities=caps(("DSI", 2027, 400)),
    )
    found = list(capacity.check(rm))
    # 120 j-h over a 400 j-h year is 30 %, but T1 carries 80 + 10 = 90 of its 100.
    assert [(f.code, f.key) for f in found] == []
    rm2 = sound(
        actions=rm.actions,
        workload=loads(("A1", "DSI", 2027, 95), ("A2", "DSI", 2027, 40)),
        capacities=caps(("DSI", 2027, 400)),
    )
    found = list(capacity.check(rm2))
    assert [(f.code, f.key) for f in found] == [("capacity.overload", "DSI/2027-T1")]
    assert "A1" in found[0].message and "2027-T2" in found[0].suggestion


def test_unknown_service_year_and_matching_ignores_case_and_accents():
    rm = sound(workload=loads(("A1", "Patrimoine", 2027, 10), ("A1", "dsi", 2027, 10)),
               capacities=caps(("DSI", 2027, 400)))
    found = list(capacity.check(rm))
    assert triples(found) == {("capacity.unknown_service", "Patrimoine/2027", 2)}


def test_unknown_action_and_load_outside_the_period():
    rm = sound(workload=loads(("ZZ", "DSI", 2027, 10), ("A1", "DSI", 2028, 10)),
               capacities=caps(("DSI", 2027, 400), ("DSI", 2028, 400)))
    found = list(capacity.check(rm))
    assert {(f.code, f.key) for f in found} == {("capacity.unknown_action", "ZZ/DSI/2027"),
                                                 ("capacity.outside_action_period", "A1/2028")}


def test_zero_capacity_with_load_is_an_overload():
    rm = sound(workload=loads(("A1", "DSI", 2027, 4)), capacities=caps(("DSI", 2027, 0)))
    assert sorted(keys(list(capacity.check(rm)), "capacity.overload")) == [
        "DSI/2027-T1", "DSI/2027-T2", "DSI/2027-T3", "DSI/2027-T4"]


def test_fractional_spreading_is_exact():
    # 10 j-h over 3 quarters against 40/4 = 10 per quarter: 3.33 each, no finding.
    rm = sound(actions=(action(start="2027-T2", end="2027-T4"),),
               workload=loads(("A1", "DSI", 2027, 10)), capacities=caps(("DSI", 2027, 40)))
    assert list(capacity.check(rm)) == []
    # 27 j-h over 3 quarters = 9 per quarter = exactly 90 %: still fine.
    rm = sound(actions=(action(start="2027-T2", end="2027-T4"),),
               workload=loads(("A1", "DSI", 2027, 27)), capacities=caps(("DSI", 2027, 40)))
    assert list(capacity.check(rm)) == []


def test_overload_suggests_the_first_later_quarter_of_the_same_service_with_room():
    # DSI overloaded in 2027-T2 by 20 j-h; DSI has 10 free in 2027-T3 (too little),
    # 60 in 2027-T4; another service has far more room, which must not be offered.
    rm = sound(
        actions=(action("A1", start="2027-T2", end="2027-T2"), action("A2", start="2027-T3", end="2027-T3"),
                 action("A3", start="2027-T4", end="2027-T4"), action("A4", start="2027-T2", end="2027-T4")),
        workload=loads(("A1", "DSI", 2027, 120), ("A2", "DSI", 2027, 90), ("A3", "DSI", 2027, 40),
                       ("A4", "Communication", 2027, 3)),
        capacities=caps(("DSI", 2027, 400), ("Communication", 2027, 4000)))
    over = [f for f in capacity.check(rm) if f.code == "capacity.overload"]
    assert [f.key for f in over] == ["DSI/2027-T2"]
    assert "vers 2027-T4, où 60\u00a0j-h restent disponibles" in over[0].suggestion


@pytest.mark.parametrize("second, expected", [
    # 100 over in T1; 2027-T2/T3 have 10 free each, T4 100 (enough): T4.
    ((("A2", "2027-T2", "2027-T3"), 180), "vers 2027-T4, où 100\u00a0j-h"),
    # Nowhere 100 free: 2027-T2..T4 have 5 each, 2028 quarters 10 each: the first roomiest.
    ((("A2", "2027-T2", "2027-T4"), 285), "vers 2028-T1, où 10\u00a0j-h"),
])
def test_overload_offers_a_later_quarter_with_enough_room_else_the_roomiest(second, expected):
    (name, start, end), days = second
    rm = sound(
        actions=(action("A1", start="2027-T1", end="2027-T1"), action(name, start=start, end=end)),
        workload=loads(("A1", "DSI", 2027, 200), (name, "DSI", 2027, days)),
        capacities=caps(("DSI", 2027, 400), ("DSI", 2028, 40)))
    over = [f for f in capacity.check(rm) if f.code == "capacity.overload"]
    assert over[0].key == "DSI/2027-T1"
    assert expected + " restent disponibles" in over[0].suggestion


def test_lines_without_year_are_left_to_the_input_findings():
    base = sound()
    rm = sound(capacities=base.capacities + (Capacity(3, "DSI", None, Decimal(1)),),
               workload=base.workload + (Workload(3, "A1", "DSI", None, Decimal(900)),))
    assert list(capacity.check(rm)) == []  # build reports the empty « Année » cells


def test_the_quarter_prefilter_keeps_every_quarter_the_quarter_test_reports():
    """check() skips quarters before wording them; on any capacity (even a negative
    one, which only a Roadmap built in code can hold) its findings are those of
    _quarter run on every quarter, as before the skip."""
    import functools
    from decimal import Decimal

    from nr_xl.core.checks import capacity
    from nr_xl.core.model import Action, Capacity, Roadmap, Workload
    from nr_xl.core.parse import Quarter

    actions = (Action(row=2, id="B1", start=Quarter(2027, 1), end=Quarter(2027, 4)),
               Action(row=3, id="B2", start=Quarter(2027, 2), end=Quarter(2027, 2)))
    # (annual capacity, loads): B2 is one quarter, B1 four. S0's quarter is over a negative
    # capacity (-9.5 > -10) yet not above 90 % of it; S1 has none; S2 and S3 are crowded.
    services = {"S0": (Decimal(-40), [("B2", Decimal("-9.5"))]),
                "S1": (Decimal(0), [("B2", Decimal(1))]),
                "S2": (Decimal(40), [("B2", Decimal("9.5")), ("B1", Decimal(4))]),
                "S3": (Decimal("37.5"), [("B2", Decimal(9)), ("B1", Decimal(30))]),
                "S4": (Decimal(400), [("B1", Decimal(30))])}
    capacities, workload = [], []
    for service, (annual, loads) in services.items():
        capacities.append(Capacity(row=2 + len(capacities), service=service, year=2027, days=annual))
        workload += [Workload(row=2 + len(workload), action=a, service=service, year=2027, days=d)
                     for a, d in loads]
    roadmap = Roadmap(actions=actions, capacities=tuple(capacities), workload=tuple(workload))
    found = [f for f in capacity.check(roadmap) if f.code in ("capacity.overload", "capacity.near_limit")]

    table, _ = capacity.spread(roadmap)
    expected = []
    for (key, _), sy in sorted(table.items(), key=lambda kv: (kv[1].service, kv[0][1])):
        if sy.demand and sy.capacity is not None:
            room = functools.partial(capacity._room, [sy])
            for quarter in sorted(sy.demand):
                expected += capacity._quarter(sy, quarter, room)
    assert [(f.code, f.key) for f in found] == [(f.code, f.key) for f in expected]
    assert {f.key.split("/")[0] for f in found} == {"S0", "S1", "S2", "S3"}
