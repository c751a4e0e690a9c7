"""The model of what Excel keeps of a string: used by the Excel-like test
harness and by the journal's canonical hashing."""

from __future__ import annotations

import datetime as dt

import pytest

from nr_xl.core.excel_typing import canonical_text, stored_value


@pytest.mark.parametrize("text, stored", [
    ("01", 1.0), ("1.10", 1.1), ("1,5", 1.5), ("-2", -2.0), ("1e3", 1000.0), ("12 500", 12500.0),
    ("12\u00a0500,25", 12500.25), ("50 %", 0.5), ("12,5%", 0.125),
    ("07/03/2027", dt.date(2027, 3, 7)), ("7-3-2027", dt.date(2027, 3, 7)), ("2027-03-07", dt.date(2027, 3, 7)),
    ("28/11/2026 23:40:00", dt.datetime(2026, 11, 28, 23, 40)), ("28/11/2026 23:40", dt.datetime(2026, 11, 28, 23, 40)),
    ("2026-11-28 00:00:00", dt.datetime(2026, 11, 28)),
    ("'01", "01"), ("'=x", "=x"), ("=SUM(A1)", "=SUM(A1)"), ("2027-T3", "2027-T3"), ("B3.1", "B3.1"),
    ("31/02/2027", "31/02/2027"), ("1/2", "1/2"), ("P1; P2", "P1; P2"), ("", ""), ("1.2.3", "1.2.3"),
])
def test_stored_value(text, stored):
    assert stored_value(text) == stored
    assert type(stored_value(text)) is type(stored)


def test_day_month_becomes_a_date_of_this_year():
    assert stored_value("1/2", today=dt.date(2027, 5, 1)) == dt.date(2027, 2, 1)
    assert stored_value("31/2", today=dt.date(2027, 5, 1)) == "31/2"


@pytest.mark.parametrize("text", ["2.10", "0150", "1²", "00", "1,5", "50 %", "07/03/2027", "28/11/2026 23:40:00",
                                  "2026-11-28 00:00:00", "COPIL du 3 décembre", "  a  b ", "1e3"])
def test_canonical_text_is_the_same_for_the_text_and_what_excel_made_of_it(text):
    assert canonical_text(text) == canonical_text(stored_value(text))


def test_canonical_text_keeps_what_differs():
    assert canonical_text("2.10") != canonical_text("2.11")
    assert canonical_text(True) == "Oui" and canonical_text(None) == ""
    assert canonical_text(dt.date(2027, 3, 7)) == "07/03/2027"
