from nr_xl.core.checks import run_checks

from factory import sound


def test_the_sound_roadmap_has_no_finding():
    assert run_checks(sound()) == []
