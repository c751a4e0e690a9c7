"""The embedded example: a fictitious agglomeration whose roadmap holds the
problems a steering committee should catch (docs/example.md lists them)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


Data = dict[str, list[list[Any]]]


def load_example() -> Data:
    text = resources.files(__package__).joinpath("orvane.json").read_text(encoding="utf-8")
    data: Data = json.loads(text)
    return data
