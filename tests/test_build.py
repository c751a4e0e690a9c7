"""Rows become the model: the plausibility bounds of amounts and jours-homme, at their edges."""

from __future__ import annotations

from decimal import Decimal

from nr_xl.core import schema
from nr_xl.core.build import IMPLAUSIBLE_EUROS, build_roadmap

LIMIT = int(IMPLAUSIBLE_EUROS)


def _input_findings(sheets: dict[str, list[list[object]]]) -> set[tuple[str, str | None, int | None, str | None]]:
    _, findings = build_roadmap(sheets)
    return {(f.code, f.sheet, f.row, f.key) for f in findings if f.code != "input.missing_sheet"}


def test_an_amount_at_the_limit_is_plausible_one_euro_more_is_not():
    assert LIMIT == 100_000_000
    sheets = {
        "Budget": [list(schema.BUDGET.headers),
                   ["A1", 2027, LIMIT, LIMIT + 1, "Enveloppe NR"],
                   ["A1", 2028, -LIMIT, -(LIMIT + 1), "Enveloppe NR"]],
        "Enveloppes": [list(schema.ENVELOPES.headers), [2027, "Enveloppe NR", LIMIT + 1, LIMIT, "Votée"]],
    }
    assert _input_findings(sheets) == {("input.implausible_amount", "Budget", 2, "Budget!D2"),
                                       ("input.implausible_amount", "Budget", 3, "Budget!D3"),
                                       ("input.implausible_amount", "Enveloppes", 2, "Enveloppes!C2")}
    roadmap, _ = build_roadmap(sheets)
    # Reported, but kept as typed: the committee sees the figure it must correct.
    assert [(b.investment, b.operating) for b in roadmap.budget] == [(Decimal(LIMIT), Decimal(LIMIT + 1)),
                                                                      (Decimal(-LIMIT), Decimal(-LIMIT - 1))]


def test_zero_jours_homme_is_plausible_a_negative_one_is_not():
    sheets = {
        "Capacités": [list(schema.CAPACITIES.headers), ["DSI", 2027, 0], ["RH", 2027, -0.5]],
        "Charge": [list(schema.CHARGE.headers), ["A1", "DSI", 2027, 0], ["A1", "RH", 2027, -1]],
    }
    assert _input_findings(sheets) == {("input.implausible_workload", "Capacités", 3, "Capacités!C3"),
                                       ("input.implausible_workload", "Charge", 3, "Charge!D3")}
    roadmap, _ = build_roadmap(sheets)
    assert [c.days for c in roadmap.capacities] == [Decimal(0), None]  # the negative one counts for nothing


# --- Read a column at a time, as if read a cell at a time -------------------------------

def _row_by_row(reader):
    """Each row's cells in order, each rule applied to its cell: the plain reading that
    build_rows (a column at a time, each distinct value parsed once) must equal."""
    from nr_xl.core import vocabulary
    from nr_xl.core.build import _EXTRA, _LIMITS
    from nr_xl.core.schema import Kind

    spec, out = reader.spec, []
    for i, row in enumerate(reader.table.rows):
        fields = {"row": row.row}
        for col in spec.columns:
            if col.field is None or col.kind is Kind.COMPUTED:
                continue
            value = reader.value(row, col.header)
            if value is not None and col.placeholder_blank and vocabulary.is_placeholder(value):
                value = None
            limit = _LIMITS.get(col.limit)
            if value is not None and limit is not None and limit.suspect(value):
                value = limit.word(reader, row.row, col.header, value)
            if value is None:
                if col.identifies_row:
                    break
                value = col.default
            fields[col.field] = value
        else:
            if spec.sheet in _EXTRA:
                fields.update(_EXTRA[spec.sheet](reader, i))
            out.append(fields)
    return out


# What agents type: blanks of every kind, TRUE next to 1, placeholders, Excel errors,
# numbers as text, amounts past the bound, ids, lists, quarters, dates.
_CELLS = [None, "", "  ", float("nan"), True, False, 1, 1.0, 0, -1, -0.5, "1", "1.0", "Oui", "à définir", "?",
          "#N/A", "A1", " A1 ", "A1;A2", "A1, A3", 2027, 2027.0, "2027", "2027-T1", "T3 2028", "DSI", "dsi",
          "Élevé", "faible", "Mensuelle", "En cours", 3, 5, 2 * IMPLAUSIBLE_EUROS, "abc"]


def _table_strategy():
    import datetime as dt

    from hypothesis import strategies as st

    cell = st.one_of(st.sampled_from(_CELLS), st.just(dt.datetime(2027, 3, 1)), st.just(dt.date(1927, 1, 1)))
    specs = [s for s in schema.INPUT_TABLES if s.field]
    return st.sampled_from(specs).flatmap(lambda spec: st.tuples(
        st.just(spec),
        st.lists(st.lists(cell, min_size=0, max_size=len(spec.headers) + 1), min_size=0, max_size=12)))


def test_a_table_read_a_column_at_a_time_equals_it_read_a_cell_at_a_time():
    from hypothesis import HealthCheck, given, settings

    from nr_xl.core.build import RowReader, build_rows
    from nr_xl.core.tables import extract

    @settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(_table_strategy())
    def check(case):
        spec, body = case
        rows = [list(spec.headers), *body]
        by_column, by_cell = RowReader(extract(spec, rows)), RowReader(extract(spec, rows))
        built = build_rows(by_column)
        expected = _row_by_row(by_cell)
        assert [{k: vars(o)[k] for k in e} for o, e in zip(built, expected)] == expected
        assert len(built) == len(expected)
        worded = sorted((f.code, f.key, f.message) for f in by_column.findings)
        assert worded == sorted((f.code, f.key, f.message) for f in by_cell.findings)

    check()


def test_true_and_1_in_one_column_each_read_as_typed():
    """True == 1 as a dict key: a value cache shared between them would read the
    second as the first (« Oui » for a 1, or 1 for a TRUE)."""
    sheets = {"Compétences": [list(schema.SKILLS.headers), ["DSI", True, "Expert"], ["DSI", 1, "Expert"],
                              ["RH", 1, "Expert"], ["RH", True, "Expert"]]}
    roadmap, _ = build_roadmap(sheets)
    assert [s.skill for s in roadmap.skills] == ["Oui", "1", "1", "Oui"]


def test_an_excel_error_in_a_parameters_name_is_reported_on_its_cell():
    sheets = {"Paramètres": [list(schema.PARAMETER_TABLE.headers), ["#REF!", 1]]}
    _, findings = build_roadmap(sheets)
    errors = [f for f in findings if f.code == "input.formula_error"]
    assert [(f.sheet, f.row, f.key) for f in errors] == [("Paramètres", 2, "Paramètres!A2")]
