"""The figures a committee is shown beside the findings (core/checks/figures.py): the
deck, the minutes' annex and the JSON report all print these, so each one is pinned here
on a roadmap small enough to compute by hand."""

from decimal import Decimal

from nr_xl.core.checks import figures
from nr_xl.core.committee import BudgetFigure, CapacityFigure
from nr_xl.core.model import BudgetLine, Capacity, Envelope, Workload

from factory import action, sound


def test_each_year_and_nature_planned_against_its_envelope_and_nothing_empty():
    rm = sound(
        budget=(BudgetLine(2, "A1", 2027, Decimal("100.5"), Decimal(0)), BudgetLine(3, "A1", 2028, Decimal(30), Decimal(0))),
        envelopes=(Envelope(2, 2027, "Enveloppe NR", Decimal(100), Decimal(50)),
                   Envelope(3, 2029, "Enveloppe NR", Decimal(0), Decimal(20))),
    )
    assert figures.figures(rm).budget == (
        # an envelope with nothing planned is shown: the room left is a figure too
        BudgetFigure(2027, "Enveloppe NR", "Fonctionnement", planned=0, envelope=50, gap=50),
        # cents are kept (rounded to two decimals), whole euros are integers
        BudgetFigure(2027, "Enveloppe NR", "Investissement", planned=100.5, envelope=100, gap=-0.5),
        # planned with no envelope that year: no envelope, no gap (not « 0 € »)
        BudgetFigure(2028, "Enveloppe NR", "Investissement", planned=30, envelope=None, gap=None),
        # 2028 Fonctionnement and 2029 Investissement hold nothing at all: left out
        BudgetFigure(2029, "Enveloppe NR", "Fonctionnement", planned=0, envelope=20, gap=20),
    )


def test_each_service_and_year_its_peak_quarter_against_its_capacity():
    rm = sound(
        actions=(action(), action("A2", 3, start="2027-T3", end="2027-T3")),
        workload=(Workload(2, "A1", "DSI", 2027, Decimal(40)), Workload(3, "A2", "DSI", 2027, Decimal(30)),
                  Workload(4, "A1", "Com", 2027, Decimal(7))),
        capacities=(Capacity(2, "DSI", 2027, Decimal(400)),),
    )
    assert figures.figures(rm).capacity == (
        # 7 j-h over four quarters: 1.75 in each, the first one named; no capacity declared
        CapacityFigure("Com", 2027, "2027-T1", peak_load=1.75, capacity=None, ratio=None),
        # 10 j-h a quarter from A1, plus A2's 30 in T3: T3 is the peak, 40 of 100
        CapacityFigure("DSI", 2027, "2027-T3", peak_load=40, capacity=100, ratio=0.4),
    )


def test_a_capacity_of_zero_gives_no_ratio_rather_than_a_division_by_zero():
    rm = sound(capacities=(Capacity(2, "DSI", 2027, Decimal(0)),))
    (dsi,) = figures.figures(rm).capacity
    assert (dsi.capacity, dsi.ratio) == (0, None)
