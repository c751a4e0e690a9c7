"""Small helpers shared by the checks."""

from __future__ import annotations

from nr_xl.core.model import Action, Roadmap
from nr_xl.core.schema import ACTION_ABANDONED as ABANDONED, normalize


def norm(text: str | None) -> str:
    """Matching key of a name written by hand (service, skill, financing)."""
    return normalize(text or "")


def is_abandoned(action: Action | None) -> bool:
    """An abandoned action leaves every total and needs nothing any more."""
    return action is not None and action.status == ABANDONED


def abandoned_ids(roadmap: Roadmap) -> frozenset[str]:
    return frozenset(a.id for a in roadmap.actions if is_abandoned(a))
