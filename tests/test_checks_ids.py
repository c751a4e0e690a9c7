from nr_xl.core.checks import ids
from nr_xl.core.model import Decision, Priority

from factory import action, indicator, sound, triples


def test_duplicate_ids_in_each_table():
    rm = sound(
        priorities=(Priority(2, "P1"), Priority(3, "P1")),
        actions=(action("A1"), action("A2", 3), action("A1", 4)),
        indicators=(indicator("I1"), indicator("I1", 5)),
        decisions=(Decision(2, "1"), Decision(3, "2"), Decision(4, "1")),
    )
    assert triples(list(ids.check(rm))) == {
        ("ids.duplicate", "P1", 3), ("ids.duplicate", "A1", 4),
        ("ids.duplicate", "I1", 5), ("ids.duplicate", "1", 4),
    }
