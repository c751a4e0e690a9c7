"""Small helpers shared by the checks."""

from __future__ import annotations

import functools
from decimal import Decimal
from fractions import Fraction

from nr_xl.schema import normalize


def norm(text: str | None) -> str:
    """Matching key of a name written by hand (service, skill, financing)."""
    return normalize(text or "")


def frac(value: Decimal | int | float) -> Fraction:
    """Exact arithmetic, so « exactly at the limit » is never off by a rounding error."""
    return Fraction(str(value)) if isinstance(value, float) else Fraction(value)


def share(part: Fraction, whole: Fraction) -> Fraction | None:
    return None if whole == 0 else part / whole


def memo_last(func):  # type: ignore[no-untyped-def]
    """Remember the result for the last roadmap object, so a check and the
    committee figures computed from the same roadmap share one pass."""
    last: dict[str, tuple[object, object]] = {}

    @functools.wraps(func)
    def wrapper(roadmap):  # type: ignore[no-untyped-def]
        hit = last.get("entry")
        if hit is not None and hit[0] is roadmap:
            return hit[1]
        result = func(roadmap)
        last["entry"] = (roadmap, result)
        return result

    return wrapper
