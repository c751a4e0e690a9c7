"""The diff behind the journal: values compared as values, rows matched by key."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from nr_xl.core import schema
from nr_xl.core.journal.snapshot import ADDED, CHANGED, REMOVED, Change, Snapshot, align_duplicates, diff, snapshot

H = list(schema.BUDGET.headers)
A = list(schema.ACTIONS.headers)


def budget(*rows):
    return {"Budget": [H, *[list(r) for r in rows]]}


def changes_of(before, after):
    return [(c.sheet, c.key, c.field, c.old, c.new, c.kind) for c in diff(snapshot(before), snapshot(after))]


def test_changed_cell():
    got = changes_of(budget(["B1", 2027, 100, 0, ""]), budget(["B1", 2027, 120, 0, ""]))
    assert got == [("Budget", "B1/2027/Enveloppe NR", "Investissement (€)", "100", "120", CHANGED)]


def test_added_and_removed_rows():
    got = changes_of(budget(["B1", 2027, 100, 0, ""], ["B2", 2027, 5, 0, "Subvention"]),
                     budget(["B1", 2027, 100, 0, ""], ["B3", 2028, 7, 0, ""]))
    assert [(k, f, kind) for _, k, f, _, _, kind in got] == [
        ("B2/2027/Subvention", None, REMOVED), ("B3/2028/Enveloppe NR", None, ADDED)]
    assert "Investissement (€) : 7" in got[1][4]


def test_reordered_rows_are_no_change():
    rows = [["B1", 2027, 100, 0, ""], ["B2", 2028, 50, 10, ""], ["B3", 2029, 1, 1, ""]]
    assert changes_of(budget(*rows), budget(*reversed(rows))) == []


def test_values_retyped_in_another_format_are_no_change():
    before = budget(["B1", 2027, 12500, 1200, ""])
    after = budget(["B1", "2027", "12 500 €", "1,2 k€", "Enveloppe NR"])
    assert changes_of(before, after) == []
    actions_before = {"Feuille de route": [A, ["B1", "Axe", "x", "DSI", "P1; P2", "2027-T1", dt.date(2027, 12, 1),
                                               "En cours", "", "I1", "", ""]]}
    actions_after = {"Feuille de route": [A, ["B1", "Axe", "x", "DSI", "P1,P2", "T1 2027", "2027-Q4",
                                              "en cours", "", "I1", "", ""]]}
    assert changes_of(actions_before, actions_after) == []
    gov = list(schema.GOVERNANCE.headers)
    assert changes_of({"Gouvernance": [gov, ["COPIL", "", "", "", "", dt.datetime(2026, 12, 3)]]},
                      {"Gouvernance": [gov, ["COPIL", "", "", "", "", "03/12/2026"]]}) == []


def test_renamed_id_is_a_removal_plus_an_addition():
    before = {"Feuille de route": [A, ["B1.1", "Axe", "Action", "DSI", "P1", "2027-T1", "2027-T4", "", "", "I1", "", ""]]}
    after = {"Feuille de route": [A, ["B1.9", "Axe", "Action", "DSI", "P1", "2027-T1", "2027-T4", "", "", "I1", "", ""]]}
    assert [(k, kind) for _, k, _, _, _, kind in changes_of(before, after)] == [("B1.1", REMOVED), ("B1.9", ADDED)]


def test_empty_tables_and_a_table_emptied():
    assert changes_of(budget(), budget()) == []
    got = changes_of(budget(["B1", 2027, 1, 0, ""]), budget())
    assert [kind for *_, kind in got] == [REMOVED]


def test_unreadable_sheet_is_not_everything_removed():
    assert diff(snapshot(budget(["B1", 2027, 1, 0, ""])), snapshot({})) == []


def test_parameters_compared_by_kind():
    p = ["Paramètre", "Valeur"]
    before = {"Paramètres": [p, ["Date du comité de validation", dt.date(2026, 12, 3)], ["Population", 118400]]}
    after = {"Paramètres": [p, ["Date du comité de validation", "2026-12-03"], ["Population", "118 400"]]}
    assert changes_of(before, after) == []


# --- properties -------------------------------------------------------------

cell = st.one_of(st.none(), st.integers(-10**6, 10**6), st.sampled_from(["", "Subvention", "12 500 €", "x"]))
row = st.tuples(st.sampled_from(["B1", "B2", "B3", "B4", ""]), st.integers(2026, 2030), cell, cell,
                st.sampled_from(["", "Enveloppe NR", "Subvention", "Budget DSI"]))
table = st.lists(row, max_size=12)


@settings(max_examples=150)
@given(table)
def test_diff_of_a_table_with_itself_is_empty(rows):
    snap = snapshot(budget(*rows))
    assert diff(snap, snap) == []


def apply_changes(before: Snapshot, changes: list[Change], after_rows: Snapshot) -> Snapshot:
    """``before`` with ``changes`` applied; added rows are taken whole from ``after_rows``:
    the oracle of the property test below (the logged changes applied to the reference
    give the current roadmap)."""
    result: Snapshot = {sheet: {k: dict(v) for k, v in rows.items()} for sheet, rows in before.items()}
    after_rows = {sheet: align_duplicates(before.get(sheet, {}), rows) for sheet, rows in after_rows.items()}
    for change in changes:
        rows = result.setdefault(change.sheet, {})
        if change.kind == REMOVED:
            rows.pop(change.key, None)
        elif change.kind == ADDED:
            rows[change.key] = dict(after_rows[change.sheet][change.key])
        else:
            assert change.field is not None
            rows[change.key][change.field] = change.new
    return result


@settings(max_examples=150)
@given(table, table)
def test_applying_the_logged_changes_to_the_reference_gives_the_current_table(old, new):
    before, after = snapshot(budget(*old)), snapshot(budget(*new))
    aligned = {sheet: align_duplicates(before.get(sheet, {}), rows) for sheet, rows in after.items()}
    assert apply_changes(before, diff(before, after), after) == aligned
    assert sorted(map(str, aligned["Budget"].values())) == sorted(map(str, after["Budget"].values()))


@settings(max_examples=150)
@given(table, st.randoms(use_true_random=False))
def test_reordering_rows_changes_nothing_even_with_duplicate_keys(rows, random):
    shuffled = list(rows)
    random.shuffle(shuffled)
    assert diff(snapshot(budget(*rows)), snapshot(budget(*shuffled))) == []


def test_two_rows_sharing_an_id_swapped_are_no_change():
    header = ["ID", "Axe", "Action", "Service pilote"]
    first, second = ["B1.1", "Sobriété", "Inventaire", "DSI"], ["B1.1", "Achats", "Clauses", "Commande publique"]
    before = snapshot({"Feuille de route": [header, first, second]})
    after = snapshot({"Feuille de route": [header, second, first]})
    assert diff(before, after) == []
    edited = snapshot({"Feuille de route": [header, second, ["B1.1", "Sobriété", "Inventaire v2", "DSI"]]})
    assert [(c.key, c.field, c.old, c.new) for c in diff(before, edited)] == [
        ("B1.1", "Action", "Inventaire", "Inventaire v2")]


def test_records_made_a_column_at_a_time_equal_each_cell_made_canonical():
    """_records keys each distinct value of a column once (C lookups); a column mixing
    1, 1.0 and TRUE must still give each cell its own canonical text."""
    from nr_xl.core.journal.snapshot import _records, canonical
    from nr_xl.core.schema import Kind
    from nr_xl.core.tables import extract

    pool = [None, "", " ", True, False, 1, 1.0, 0, -0.0, 2027, 2027.5, "1", "2027", "A1;A2", "Oui", "#N/A",
            float("nan"), dt.datetime(2027, 3, 1), dt.date(2027, 3, 1), "2027-T2", "En cours", "12 500 €"]
    specs = [s for s in schema.INPUT_TABLES if s.field]

    @settings(max_examples=300, deadline=None)
    @given(st.sampled_from(specs).flatmap(lambda spec: st.tuples(
        st.just(spec), st.lists(st.lists(st.sampled_from(pool), max_size=len(spec.headers)), max_size=10))))
    def check(case):
        spec, body = case
        table = extract(spec, [list(spec.headers), *body])
        # A column of the follow-up (a decision's « Statut ») is no part of what the journal compares.
        headers = [c for c in spec.columns if c.kind is not Kind.COMPUTED and c.header in table.columns
                   and c.journaled]
        expected = [{c.header: canonical(row.values.get(c.header), c.kind, c.enum) for c in headers}
                    for row in table.rows]
        assert _records(spec, table) == expected

    check()


# Rows sharing an ID, moved and edited: each new row is matched to the old row it is most like
# (the most equal fields), then by position, so the journal records the edits and nothing else.
TEXT_FIELDS = ("Axe", "Action", "Service pilote", "Programme lié")


@st.composite
def moved_and_edited(draw):
    count = draw(st.integers(2, 5))
    rows = [{field: f"{field} {i}" for field in TEXT_FIELDS} for i in range(count)]
    order = draw(st.permutations(range(count)))
    edits = {i: draw(st.sampled_from((None, *TEXT_FIELDS))) for i in range(count)}
    return rows, order, edits


def _actions(rows):
    return {"Feuille de route": [["ID", *TEXT_FIELDS], *[["B1.1", *r.values()] for r in rows]]}


@settings(max_examples=200)
@given(moved_and_edited())
def test_rows_sharing_an_id_moved_and_edited_log_only_the_edits(case):
    rows, order, edits = case
    after = []
    expected = set()
    for i in order:
        row = dict(rows[i])
        field = edits[i]
        if field is not None:  # one field of a row edited: the row stays most like its old self
            row[field] = f"{field} {i} modifié"
            expected.add((field, rows[i][field], row[field]))
        after.append(row)
    got = diff(snapshot(_actions(rows)), snapshot(_actions(after)))
    assert {(c.field, c.old, c.new) for c in got} == expected
    assert all(c.kind == CHANGED for c in got)


def test_two_rows_sharing_an_id_swapped_and_each_edited_are_two_changes():
    header = ["ID", "Axe", "Action", "Service pilote", "Fin"]
    first = ["B1.1", "Gouvernance", "Installer la gouvernance", "Transition écologique", "2027-T1"]
    second = ["B1.1", "Gouvernance", "Mesurer l'empreinte carbone", "Transition écologique", "2029-T4"]
    before = snapshot({"Feuille de route": [header, first, second]})
    after = snapshot({"Feuille de route": [header, [*second[:4], "2029-T1"], [*first[:2], "Installer", *first[3:]]]})
    assert sorted((c.field, c.old, c.new) for c in diff(before, after)) == [
        ("Action", "Installer la gouvernance", "Installer"), ("Fin", "2029-T4", "2029-T1")]
