import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nr_xl.core import parse
from nr_xl.core.parse import CellError, Quarter


@pytest.mark.parametrize("raw, expected", [
    (dt.date(2027, 3, 7), dt.date(2027, 3, 7)),
    (dt.datetime(2027, 3, 7, 0, 0), dt.date(2027, 3, 7)),
    ("2027-03-07", dt.date(2027, 3, 7)),
    ("07/03/2027", dt.date(2027, 3, 7)),
    (" 7/3/2027 ", dt.date(2027, 3, 7)),
    ("07.03.2027", dt.date(2027, 3, 7)),
    ("2027-03-07T00:00:00.000Z", dt.date(2027, 3, 7)),
    (46453, dt.date(2027, 3, 7)),  # an Excel serial whose date format was lost
    (None, None), ("", None), ("   ", None),
])
def test_dates(raw, expected):
    assert parse.date(raw) == expected


@pytest.mark.parametrize("raw", ["31/02/2027", "demain", "2027/13/01", "07/03/2", 12])
def test_bad_dates(raw):
    with pytest.raises(CellError) as err:
        parse.date(raw)
    assert err.value.code == "bad_date"


@pytest.mark.parametrize("raw", ["1850-01-01", "31/12/9999", dt.date(1900, 1, 2), dt.datetime(2101, 1, 1)])
def test_dates_outside_a_roadmap_are_implausible_whatever_their_type(raw):
    with pytest.raises(CellError) as err:
        parse.date(raw)
    assert err.value.code == "implausible_date"
    with pytest.raises(CellError) as err:
        parse.quarter(raw)
    assert err.value.code == "implausible_date"


@pytest.mark.parametrize("raw", [1e15, -1e30, "1 000 000 000 000 000", Decimal("1E+28")])
def test_amounts_past_15_digits_are_refused(raw):
    with pytest.raises(CellError) as err:
        parse.amount(raw)
    assert err.value.code == "bad_number" and "15 chiffres" in err.value.message
    assert parse.amount(999_999_999_999_999) == Decimal(999_999_999_999_999)


@pytest.mark.parametrize("raw, expected", [
    ("2025-T3", Quarter(2025, 3)), ("T3 2025", Quarter(2025, 3)), ("2025-Q3", Quarter(2025, 3)),
    ("t3-2025", Quarter(2025, 3)), ("2025 T1", Quarter(2025, 1)), ("Q4 2026", Quarter(2026, 4)),
    (dt.date(2025, 8, 14), Quarter(2025, 3)), ("2025-12-31", Quarter(2025, 4)),
    ("01/04/2026", Quarter(2026, 2)), (None, None),
])
def test_quarters(raw, expected):
    assert parse.quarter(raw) == expected


@pytest.mark.parametrize("raw", ["2025-T5", "T0 2025", "S3 2025", "25", "bientôt"])
def test_bad_quarters(raw):
    with pytest.raises(CellError) as err:
        parse.quarter(raw)
    assert err.value.code == "bad_quarter"


@pytest.mark.parametrize("raw", ["1999-T1", "9999-T4", "T2 2150"])
def test_quarters_outside_a_roadmap_are_implausible(raw):
    with pytest.raises(CellError) as err:
        parse.quarter(raw)
    assert err.value.code == "implausible_date"


def test_quarter_arithmetic():
    assert Quarter(2027, 4) < Quarter(2028, 1)
    assert Quarter.from_index(Quarter(2027, 4).ordinal + 1) == Quarter(2028, 1)
    assert str(Quarter(2027, 2)) == "2027-T2"


@pytest.mark.parametrize("raw, expected", [
    (12500, Decimal(12500)), (12500.5, Decimal("12500.5")), ("12500", Decimal(12500)),
    ("12 500", Decimal(12500)), ("12\u00a0500 €", Decimal(12500)), ("12\u202f500\u00a0€", Decimal(12500)),
    ("12,5 k€", Decimal(12500)), ("1,2 M€", Decimal(1200000)), ("12 500,50 €", Decimal("12500.50")),
    ("12.500", Decimal(12500)), ("12.5", Decimal("12.5")), ("0,5", Decimal("0.5")),
    ("-1 200 €", Decimal(-1200)), ("40 EUR", Decimal(40)),
    ("1.234.567,89", Decimal("1234567.89")), ("1,234,567.89", Decimal("1234567.89")),
    (0.1, Decimal("0.1")), (None, None), ("", None),
])
def test_amounts(raw, expected):
    assert parse.amount(raw) == expected


@pytest.mark.parametrize("raw", ["douze", "12 500 $", "12k500", True, float("inf"), "€", "1,2,3.4.5"])
def test_bad_amounts(raw):
    with pytest.raises(CellError) as err:
        parse.amount(raw)
    assert err.value.code == "bad_number"


@pytest.mark.parametrize("raw", ["#REF!", "#DIV/0!", "#N/A", " #VALUE! "])
def test_excel_errors_are_reported_as_such(raw):
    for parser in (parse.amount, parse.date, parse.quarter, parse.text, parse.id_list, parse.year):
        with pytest.raises(CellError) as err:
            parser(raw)
        assert err.value.code == "formula_error"


@pytest.mark.parametrize("raw, expected", [
    ("P1; P3", ("P1", "P3")), ("P1,P3", ("P1", "P3")), (" P1 ;; P3 , P1 ", ("P1", "P3")),
    ("Audit RGAA; Écoconception", ("Audit RGAA", "Écoconception")), (None, ()), ("", ()), (3, ("3",)),
])
def test_id_lists(raw, expected):
    assert parse.id_list(raw) == expected


def test_years_and_scores():
    assert parse.year(2027) == 2027
    assert parse.year(2027.0) == 2027
    assert parse.year("2027") == 2027
    assert parse.year(dt.date(2027, 5, 1)) == 2027
    for bad in ("27", 2027.5, "an prochain", 3000):
        with pytest.raises(CellError) as err:
            parse.year(bad)
        assert err.value.code == "bad_year"
    assert parse.score("3") == 3
    for bad in (0, 5, 2.5, "excellent"):
        with pytest.raises(CellError) as err:
            parse.score(bad)
        assert err.value.code == "out_of_range"


def test_enums_match_loosely_and_return_canonical_spelling():
    levels = ("Acquise", "Partielle", "À acquérir")
    assert parse.enum("a acquerir", levels) == "À acquérir"
    assert parse.enum("  PARTIELLE ", levels) == "Partielle"
    with pytest.raises(CellError) as err:
        parse.enum("Excellente", levels)
    assert err.value.code == "unknown_value"


def test_text_is_trimmed_and_numbers_lose_useless_decimals():
    assert parse.text("  Comité   technique ") == "Comité technique"
    assert parse.text(12.0) == "12"
    assert parse.text(dt.datetime(2027, 1, 2)) == "02/01/2027"


# --- properties -------------------------------------------------------------


@given(st.integers(min_value=0, max_value=10**9))
def test_amount_of_french_grouped_integer_roundtrips(n):
    grouped = f"{n:,}".replace(",", "\u202f")
    assert parse.amount(grouped + " €") == n
    assert parse.amount(n) == n


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False))
def test_amount_with_french_decimal_comma_roundtrips(d):
    text = f"{d:.2f}".replace(".", ",")
    assert parse.amount(text) == d


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_dates_roundtrip_in_every_accepted_format(d):
    assert parse.date(d.isoformat()) == d
    assert parse.date(d.strftime("%d/%m/%Y")) == d
    assert parse.quarter(d) == Quarter(d.year, (d.month - 1) // 3 + 1)


@given(st.integers(2000, 2100), st.integers(1, 4))
def test_quarter_formats_agree(year, q):
    expected = Quarter(year, q)
    for text in (f"{year}-T{q}", f"T{q} {year}", f"{year}-Q{q}", f"q{q}-{year}"):
        assert parse.quarter(text) == expected


@given(st.one_of(st.text(max_size=30), st.integers(), st.floats(), st.booleans(), st.none(),
                 st.dates(), st.datetimes()))
def test_parsers_never_raise_anything_but_cell_errors(value):
    for parser in (parse.amount, parse.date, parse.quarter, parse.year, parse.score,
                   parse.text, parse.id_list):
        try:
            parser(value)
        except CellError as err:
            assert err.message and err.suggestion


@given(st.lists(st.text(alphabet="ABCP0123456789.", min_size=1, max_size=6), max_size=8))
def test_id_list_roundtrip(ids):
    expected = tuple(dict.fromkeys(ids))
    assert parse.id_list("; ".join(ids)) == expected
    assert parse.id_list(",".join(ids)) == expected


PARSER_CODES = ((parse.year, "bad_year"), (parse.amount, "bad_number"), (parse.score, "out_of_range"),
                (parse.date, "bad_date"), (parse.quarter, "bad_quarter"))


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), True])
def test_non_finite_and_boolean_cells_are_findings_not_crashes(value):
    for parser, code in PARSER_CODES:
        with pytest.raises(CellError) as err:
            parser(value)
        assert err.value.code == code and f"« {value} »" in err.value.message, parser.__name__


def test_nan_reads_as_an_empty_cell():
    for parser, _ in PARSER_CODES:
        assert parser(float("nan")) is None, parser.__name__


# Every error value Excel can show in a cell (support.microsoft.com, « Error values »).
EVERY_EXCEL_ERROR = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
                     "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!", "#CONNECT!", "#BUSY!")


@pytest.mark.parametrize("raw", EVERY_EXCEL_ERROR)
def test_every_excel_error_value_is_a_formula_error(raw):
    with pytest.raises(CellError) as err:
        parse.text(raw)
    assert err.value.code == "formula_error" and raw in err.value.message


@pytest.mark.parametrize("raw, expected", [("a  b", "a b"), ("a\tb", "a b"), ("a\nb", "a b"), (" a ", "a"),
                                           ("Plan numérique", "Plan numérique")])
def test_text_collapses_runs_of_blanks_and_control_characters(raw, expected):
    assert parse.text(raw) == expected


def test_serial_numbers_read_as_dates_within_the_excel_range():
    # 36526 is 1 January 2000 and 73415 is 31 December 2100: the years a roadmap can name.
    assert parse.date(36526) == dt.date(2000, 1, 1) and parse.date(73415) == dt.date(2100, 12, 31)
    for implausible in (20000, 36525, 73416, 80000):  # 1954, 1999, 2101, 2119: read, then refused
        with pytest.raises(CellError) as err:
            parse.date(implausible)
        assert err.value.code == "implausible_date"
    for outside in (19999, 80001):
        with pytest.raises(CellError) as err:
            parse.date(outside)
        assert err.value.code == "bad_date"
    assert parse.quarter(46082) == parse.quarter(46082.0) == Quarter(2026, 1)  # 1 March 2026


def test_year_and_score_bounds_are_inclusive_whatever_the_cell_type():
    for raw in (2000, "2000", 2000.0, "2 000"):
        assert parse.year(raw) == 2000, raw
    for raw in (2100, "2100", 2100.0):
        assert parse.year(raw) == 2100, raw
    for bad in ("1999", "2101", 1999, 2101):
        with pytest.raises(CellError):
            parse.year(bad)
    assert [parse.score(raw) for raw in ("1", "4", 1.0, 4)] == [1, 4, 1, 4]
    for bad in ("0", "5"):
        with pytest.raises(CellError):
            parse.score(bad)
