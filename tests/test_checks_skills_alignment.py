from nr_xl.core.checks import alignment, skills
from decimal import Decimal

from nr_xl.core.model import Priority, Skill, Workload

from factory import action, keys, sound, triples


def test_skill_levels():
    rm = sound(
        actions=(action(skills=("Audit RGAA", "Écoconception", "Gestion de parc", "Inconnue")),),
        skills=(Skill(2, "DSI", "Audit RGAA", "À acquérir"), Skill(3, "DSI", "ecoconception", "Partielle"),
                Skill(4, "Com", "Écoconception", "Partielle"), Skill(5, "DSI", "Gestion de parc", "Partielle"),
                Skill(6, "Com", "gestion  de parc", "Acquise")),
    )
    found = list(skills.check(rm))
    assert sorted(keys(found, "skills.missing")) == ["A1/Audit RGAA", "A1/Inconnue"]
    # Com holds « Gestion de parc » but does no work on A1: only the pilot's level counts.
    assert keys(found, "skills.partial") == ["A1/Écoconception", "A1/Gestion de parc"]
    assert all(f.row == 2 and f.field == "Compétences requises" for f in found)


def test_no_required_skill_no_finding():
    assert list(skills.check(sound(actions=(action(skills=()),)))) == []


def test_priorities():
    rm = sound(
        priorities=(Priority(2, "P1", "a"), Priority(3, "P2", "Sobriété des équipements")),
        actions=(action("A1", priorities=("P1", "P9")), action("A2", 3, priorities=())),
    )
    found = list(alignment.check(rm))
    assert triples(found) == {
        ("alignment.priority_uncovered", "P2", 3),
        ("alignment.action_without_priority", "A2", 3),
        ("alignment.unknown_priority", "A1/P9", 2),
    }
    (uncovered,) = [f for f in found if f.code == "alignment.priority_uncovered"]
    assert "« Sobriété des équipements »" in uncovered.message  # the committee reads the title, not only P2


# What the committee reads in a skill's message: who holds it, at the best level, named.

def _skill_findings(pilot_skills=(), others=(), workload=()):
    rows = [Skill(2 + n, service, "Écoconception", level) for n, (service, level) in enumerate((*pilot_skills, *others))]
    return list(skills.check(sound(actions=(action(skills=("Écoconception",)),), skills=tuple(rows),
                                   workload=(Workload(2, "A1", "DSI", 2027, Decimal(40)), *workload))))


def test_the_best_level_outside_the_action_is_named_before_a_partial_one():
    (found,) = _skill_findings(others=(("Com", "Partielle"), ("RH", "Acquise")))
    assert found.code == "skills.elsewhere"
    assert "RH (acquise)" in found.message and "Com" not in found.message


def test_a_workload_of_zero_days_does_not_put_a_service_on_the_action():
    (found,) = _skill_findings(others=(("Com", "Acquise"),), workload=(Workload(3, "A1", "Com", 2027, Decimal(0)),))
    assert found.code == "skills.elsewhere"
    assert _skill_findings(others=(("Com", "Acquise"),), workload=(Workload(3, "A1", "Com", 2027, Decimal(2)),)) == []


def test_every_working_service_at_the_best_level_is_named_and_only_they():
    (found,) = _skill_findings(pilot_skills=(("DSI", "Partielle"),),
                               others=(("Com", "Partielle"), ("RH", "À acquérir")),
                               workload=(Workload(3, "A1", "Com", 2027, Decimal(5)), Workload(4, "A1", "RH", 2027, Decimal(5))))
    assert found.code == "skills.partial"
    assert "que DSI, Com ne maîtrise" in found.message and "RH" not in found.message


def test_a_partial_skill_suggests_mobilising_who_holds_it_acquired():
    (found,) = _skill_findings(pilot_skills=(("DSI", "Partielle"),), others=(("Com", "Acquise"),))
    assert found.code == "skills.partial" and found.suggestion.endswith(", ou mobiliser Com.")
    (alone,) = _skill_findings(pilot_skills=(("DSI", "Partielle"),), others=(("Com", "Partielle"),))
    assert "mobiliser" not in alone.suggestion


def test_three_holders_are_named_and_more_are_counted():
    three = [(name, "Acquise") for name in ("Com", "RH", "Finances")]
    (found,) = _skill_findings(others=three)
    assert "Com, RH, Finances (acquise)" in found.message and "autre" not in found.message
    (more,) = _skill_findings(others=[*three, ("Juridique", "Acquise"), ("Achats", "Acquise")])
    assert "Com, RH, Finances et 2 autre(s) (acquise)" in more.message


def test_a_skill_only_to_acquire_says_who_is_acquiring_it():
    (found,) = _skill_findings(others=(("Com", "À acquérir"),))
    assert found.code == "skills.missing" and "seulement « à acquérir » (Com)" in found.message
    (nobody,) = _skill_findings()
    assert nobody.code == "skills.missing" and "détenue par aucun service" in nobody.message


def test_a_service_declared_twice_counts_at_its_best_level():
    # « Partielle » then « Acquise » for the pilot: acquired, nothing to say; and the other order.
    for levels in (("Partielle", "Acquise"), ("Acquise", "Partielle")):
        assert _skill_findings(pilot_skills=tuple(("DSI", level) for level in levels)) == []


def test_an_unread_skill_row_silences_only_its_skill():
    rows = (Skill(2, "DSI", "Écoconception", None, frozenset({"level"})),)
    rm = sound(actions=(action(skills=("Écoconception", "Audit RGAA")),), skills=rows)
    assert keys(list(skills.check(rm)), "skills.missing") == ["A1/Audit RGAA"]


def test_a_skill_whose_service_is_unread_silences_its_skill_too():
    rows = (Skill(2, None, "Écoconception", "Acquise", frozenset({"service"})),)
    rm = sound(actions=(action(skills=("Écoconception", "Audit RGAA")),), skills=rows)
    assert keys(list(skills.check(rm)), "skills.missing") == ["A1/Audit RGAA"]
