"""The embedded example: a fictitious agglomeration whose roadmap holds the
problems a steering committee should catch (docs/example.md lists them)."""

from __future__ import annotations

import copy
import json
from importlib import resources
from typing import Any

from nr_xl.core import schema

Data = dict[str, list[list[Any]]]


def load_example() -> Data:
    text = resources.files(__package__).joinpath("orvane.json").read_text(encoding="utf-8")
    data: Data = json.loads(text)
    return data


def corrected_example() -> Data:
    """The example with every planted error fixed as a committee would (warnings may stay)."""
    data = copy.deepcopy(load_example())
    for row in data[schema.ENVELOPES.sheet]:
        if row[0] == 2028 and row[1] == schema.DEFAULT_FINANCING:
            row[2] = 260000  # the council raises the 2028 investment envelope
    for row in data[schema.CAPACITIES.sheet]:
        if row[0] == schema.IT_SERVICE and row[1] == 2027:
            row[2] = 260  # a temporary reinforcement of the DSI in 2027
    for row in data[schema.SKILLS.sheet]:
        if row[0] == schema.IT_SERVICE and row[1] == "Audit RGAA":
            row[2] = schema.SKILL_PARTIAL  # an external auditor assists the DSI
    for row in data[schema.ACTIONS.sheet]:
        if row[0] == "B3.3":
            row[9] = "I04"
    for row in data[schema.GOVERNANCE.sheet]:
        if row[0] == "Comité technique":
            row[5] = "2026-12-04"
    for row in data[schema.RISKS.sheet]:
        if row[0] == "R4":
            row[6] = "Allotir les marchés et ouvrir aux acteurs de l'économie sociale et solidaire"
    return data
