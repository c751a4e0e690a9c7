"""Small helpers shared by the checks."""

from __future__ import annotations

import functools

from nr_xl.batch import on_release
from nr_xl.core.model import Action, Roadmap
from nr_xl.core.schema import ACTION_ABANDONED as ABANDONED, normalize


# Name as written -> matching key. The checks ask for the same few names tens of
# thousands of times on a région's roadmap: one dict lookup each, instead of
# three calls down to normalize's own cache.
_KEYS: dict[str | None, str] = {}
on_release(_KEYS.clear)


def norm(text: str | None) -> str:
    """Matching key of a name written by hand (service, skill, financing)."""
    key = _KEYS.get(text)
    if key is None:
        if len(_KEYS) >= 65_536:  # Excel's worksheet functions call this outside any job
            _KEYS.clear()
        key = _KEYS[text] = normalize(text or "")
    return key


def memo_last(func):
    """Remember the result for the last roadmap object, so a check and the
    committee figures computed from the same roadmap share one pass."""
    last: dict[str, tuple[object, object]] = {}
    on_release(last.clear)  # a long-lived process does not keep the last roadmap

    @functools.wraps(func)
    def wrapper(roadmap):
        hit = last.get("entry")
        if hit is not None and hit[0] is roadmap:
            return hit[1]
        result = func(roadmap)
        last["entry"] = (roadmap, result)
        return result

    return wrapper


def is_abandoned(action: Action | None) -> bool:
    """An abandoned action leaves every total and needs nothing any more."""
    return action is not None and action.status == ABANDONED


def abandoned_ids(roadmap: Roadmap) -> frozenset[str]:
    return frozenset(a.id for a in roadmap.actions if is_abandoned(a))
