"""Charts of the minutes at any size: at most 12 bars plus one for the rest."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from nr_xl.documents.render import MAX_BARS, budget_chart, capped, workload_chart


def _services(n):
    # Most loaded first, as the minutes give them.
    return [(f"Service {i}", float(1000 - i), 100.0 + i) for i in range(n)]


def test_small_sets_are_drawn_whole():
    rows = _services(MAX_BARS + 1)
    assert capped(rows, "{n} autres", mean=True) == (rows, 0)


def test_the_rest_becomes_one_bar_with_their_mean_or_their_sum():
    rows = _services(1400)
    bars, gathered = capped(rows, "Moyenne des {n} autres services", mean=True)
    assert gathered == 1400 - MAX_BARS
    assert bars[:MAX_BARS] == rows[:MAX_BARS]
    label, load, capacity = bars[-1]
    assert label == "Moyenne des 1\u202f388 autres services"
    assert load == pytest.approx(sum(r[1] for r in rows[MAX_BARS:]) / 1388)
    assert capacity == pytest.approx(sum(r[2] for r in rows[MAX_BARS:]) / 1388)
    years = [(str(2020 + i), 1000.0, 2000.0) for i in range(20)]
    bars, gathered = capped(years, "{n} autres années", mean=False)
    assert bars[-1] == ("8 autres années", 8000.0, 16000.0) and gathered == 8


def test_a_chart_of_1400_services_stays_a_readable_picture():
    chart = workload_chart(_services(1400))
    height = Image.open(io.BytesIO(chart.png)).height
    assert height == Image.open(io.BytesIO(workload_chart(_services(MAX_BARS + 1)).png)).height
    assert "Service 11 :" in chart.alt and "Service 12 :" not in chart.alt
    assert "Moyenne des 1\u202f388 autres services" in chart.alt and "moyenne des 1\u202f388 autres services" in chart.alt
    assert "«" not in chart.alt  # no sheet of a workbook the readers do not have
    assert "Contrôles" not in workload_chart(_services(5)).alt


def test_many_years_of_budget_keep_twelve_bars_and_the_rest():
    chart = budget_chart([(str(2020 + i), 1000.0 * i, 2000.0) for i in range(30)])
    assert "2031 : prévu" in chart.alt and "2032 : prévu" not in chart.alt
    assert "18 autres années : prévu" in chart.alt
