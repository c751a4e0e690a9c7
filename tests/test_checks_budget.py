from decimal import Decimal

from nr_xl.core.checks import budget
from nr_xl.core.model import BudgetLine, Envelope

from factory import action, keys, sound, triples


def lines(*specs):
    return tuple(BudgetLine(row, a, y, Decimal(inv), Decimal(op), fin)
                 for row, (a, y, inv, op, fin) in enumerate(specs, start=2))


def test_exactly_at_the_envelope_is_fine_one_euro_more_is_not():
    at = sound(budget=lines(("A1", 2027, 100, 50, "Enveloppe NR")))
    assert list(budget.check(at)) == []
    over = sound(budget=lines(("A1", 2027, 100, 51, "Enveloppe NR")))
    found = list(budget.check(over))
    assert triples(found) == {("budget.envelope_exceeded", "2027/Fonctionnement", 2)}
    assert found[0].sheet == "Enveloppes" and found[0].field == "Fonctionnement (€)"


def test_sum_per_year_and_nature_and_empty_financing_means_enveloppe_nr():
    rm = sound(
        actions=(action("A1"), action("A2", 3)),
        budget=lines(("A1", 2027, 60, 0, "Enveloppe NR"), ("A2", 2027, 60, 0, "enveloppe nr")),
    )
    found = list(budget.check(rm))
    assert triples(found) == {("budget.envelope_exceeded", "2027/Investissement", 2)}
    (pot,) = budget.pots(rm).values()  # both lines, whatever the case of « Enveloppe NR »
    assert (pot.year, pot.nature, pot.planned) == (2027, "Investissement", Decimal(120))
    assert pot.by_action == {"A1": Decimal(60), "A2": Decimal(60)}


def test_other_financing_has_its_own_key_and_no_envelope_is_reported():
    rm = sound(budget=lines(("A1", 2027, 10, 0, "Subvention"), ("A1", 2027, 0, 5, "Subvention")),
               envelopes=(Envelope(2, 2027, "Enveloppe NR", Decimal(100), Decimal(50)),))
    found = list(budget.check(rm))
    assert sorted(keys(found, "budget.no_envelope")) == ["2027/Subvention/Fonctionnement",
                                                          "2027/Subvention/Investissement"]
    assert all(f.sheet == "Budget" for f in found)


def test_no_envelope_for_a_year():
    rm = sound(actions=(action(end="2028-T4"),), budget=lines(("A1", 2028, 10, 0, "Enveloppe NR")))
    assert keys(list(budget.check(rm)), "budget.no_envelope") == ["2028/Investissement"]


def test_suggestion_names_the_biggest_action_and_a_year_with_room():
    rm = sound(
        actions=(action("A1", end="2028-T4"), action("A2", 3)),
        budget=lines(("A1", 2027, 80, 0, "Enveloppe NR"), ("A2", 2027, 30, 0, "Enveloppe NR")),
        envelopes=(Envelope(2, 2027, "Enveloppe NR", Decimal(100), Decimal(50)),
                   Envelope(3, 2028, "Enveloppe NR", Decimal(45), Decimal(0))),
    )
    (found,) = [f for f in budget.check(rm) if f.code == "budget.envelope_exceeded"]
    assert "A1" in found.suggestion and "2028" in found.suggestion and "45" in found.suggestion


def test_budget_outside_the_action_period_and_unknown_action():
    rm = sound(budget=lines(("A1", 2026, 0, 0, "Enveloppe NR"), ("ZZ", 2027, 0, 0, "Enveloppe NR")))
    found = list(budget.check(rm))
    assert triples(found) == {("budget.outside_action_period", "A1/2026", 2),
                              ("budget.unknown_action", "ZZ/2027", 3)}
    inside = sound(budget=lines(("A1", 2027, 0, 0, "Enveloppe NR")))
    assert list(budget.check(inside)) == []


def test_negative_amounts_are_reported():
    rm = sound(budget=lines(("A1", 2027, -5, 0, "Enveloppe NR")))
    assert keys(list(budget.check(rm)), "budget.negative_amount") == ["A1/2027"]


def test_amounts_that_cancel_out_leave_nothing_to_check():
    # 10 € and -10 € in 2028, a year without envelope: nothing planned, nothing missing.
    rm = sound(actions=(action(end="2028-T4"),),
               budget=lines(("A1", 2027, 10, 0, "Enveloppe NR"), ("A1", 2028, 10, 0, "Enveloppe NR"),
                            ("A1", 2028, -10, 0, "Enveloppe NR")))
    assert [f.code for f in budget.check(rm) if f.code == "budget.no_envelope"] == []


def test_suggested_year_has_room_on_the_same_financing_for_the_whole_excess():
    # 2027 is 30 € over. 2026 is earlier, 2028 « Subvention » another financing, 2028 has only
    # 10 € left, 2029 exactly the 30 €: 2029.
    rm = sound(
        actions=(action("A1", start="2026-T1", end="2030-T4"),),
        budget=lines(("A1", 2027, 130, 0, "Enveloppe NR"), ("A1", 2028, 40, 0, "Enveloppe NR")),
        envelopes=(Envelope(2, 2026, "Enveloppe NR", Decimal(500), Decimal(0)),
                   Envelope(3, 2027, "Enveloppe NR", Decimal(100), Decimal(50)),
                   Envelope(4, 2028, "Subvention", Decimal(900), Decimal(0)),
                   Envelope(5, 2028, "Enveloppe NR", Decimal(50), Decimal(0)),
                   Envelope(6, 2029, "Enveloppe NR", Decimal(30), Decimal(0))),
    )
    (found,) = [f for f in budget.check(rm) if f.code == "budget.envelope_exceeded"]
    assert found.key == "2027/Investissement"
    assert found.suggestion.startswith("Décaler une partie de A1 en 2029, où 30\u00a0€ restent disponibles")


def test_a_year_with_no_room_left_is_never_suggested():
    rm = sound(
        actions=(action("A1", end="2028-T4"),),
        budget=lines(("A1", 2027, 130, 0, "Enveloppe NR"), ("A1", 2028, 40, 0, "Enveloppe NR")),
        envelopes=(Envelope(2, 2027, "Enveloppe NR", Decimal(100), Decimal(50)),
                   Envelope(3, 2028, "Enveloppe NR", Decimal(40), Decimal(0))),
    )
    (found,) = [f for f in budget.check(rm) if f.code == "budget.envelope_exceeded"]
    assert found.suggestion.startswith("Réduire de 30\u00a0€ les dépenses 2027")


def test_a_line_without_action_is_left_to_the_input_finding():
    rm = sound(budget=(BudgetLine(2, None, 2027, Decimal(10), Decimal(0)),))
    assert [f.code for f in budget.check(rm)] == []  # build reports the empty cell (input.missing_value)


def test_the_no_envelope_message_lists_four_actions_then_says_there_are_more():
    ids = ["A1", "A2", "A3", "A4", "A5"]
    acts = tuple(action(a, row, end="2028-T4") for row, a in enumerate(ids, start=2))
    four = sound(actions=acts, budget=lines(*[(a, 2028, 10, 0, "Enveloppe NR") for a in ids[:4]]))
    (found,) = budget.check(four)
    assert found.code == "budget.no_envelope" and "A4" in found.message and "…" not in found.message
    five = sound(actions=acts, budget=lines(*[(a, 2028, 10, 0, "Enveloppe NR") for a in ids]))
    (found,) = budget.check(five)
    assert "A4" in found.message and "A5" not in found.message and "…" in found.message


def test_an_envelope_inscribed_in_the_budget_counts_as_confirmed_and_nothing_planned_is_at_no_risk():
    rm = sound(envelopes=(Envelope(2, 2027, "Enveloppe NR", Decimal(100), Decimal(50), status="Inscrite au budget"),))
    assert list(budget.check(rm)) == []
    asked = sound(envelopes=(Envelope(2, 2027, "Enveloppe NR", Decimal(100), Decimal(50), status="Demandée"),))
    assert triples(list(budget.check(asked))) == {("budget.unconfirmed_envelope", "2027/Enveloppe NR", 2)}
    nothing_planned = sound(budget=(), envelopes=asked.envelopes)
    assert list(budget.check(nothing_planned)) == []
