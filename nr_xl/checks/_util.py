"""Small helpers shared by the checks."""

from __future__ import annotations

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
