"""Every word by which an action's title is recognised as serving a legal obligation
(core/obligations.py ``recognised_by``) is tested alone in its group: a word dropped from
a list would silently stop counting, for instance, « Cession des PC réformés » as the
réemploi the law asks for."""

from __future__ import annotations

import pytest

from nr_xl.core.checks.legal import _says
from nr_xl.core.obligations import OBLIGATIONS

CASES = [(o, g, word) for o in OBLIGATIONS for g, group in enumerate(o.recognised_by) for word in group]


@pytest.mark.parametrize("obligation, group, word", CASES, ids=[f"{o.name}:{w}" for o, _, w in CASES])
def test_each_word_alone_in_its_group_recognises_the_obligation(obligation, group, word):
    others = [g[0] for i, g in enumerate(obligation.recognised_by) if i != group]
    assert _says(f"Action : {word} {' '.join(others)}".upper(), obligation.recognised_by)
    if others:  # the other groups' words alone say nothing of this group
        assert not _says(" ".join(others), obligation.recognised_by) or any(
            w in " ".join(others) for w in obligation.recognised_by[group])


def test_every_obligation_with_words_is_covered():
    assert {o.name for o, _, _ in CASES} == {o.name for o in OBLIGATIONS if o.recognised_by}
    assert len(CASES) >= 20
