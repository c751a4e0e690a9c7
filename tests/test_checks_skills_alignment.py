from nr_xl.core.checks import alignment, skills
from nr_xl.core.model import Priority, Skill

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
