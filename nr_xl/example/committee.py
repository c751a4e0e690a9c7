"""What the example's committee decides, in the order it is discussed: the edits the demo
plays between the reference version and the validation (and tests replay)."""

from __future__ import annotations

import datetime as dt

from nr_xl.core import schema
from nr_xl.workbook.edit import CellEdit, RowAdd

_B, _A, _C, _S = schema.BUDGET, schema.ACTIONS, schema.CAPACITIES, schema.SKILLS
_G, _R, _I = schema.GOVERNANCE, schema.RISKS, schema.INDICATORS
COMMITTEE_ADJUSTMENTS: list[tuple[str, list[CellEdit | RowAdd]]] = [
    ("Étaler la rénovation de la salle serveur : 30 000 € reportés en 2029, fin au 2e trimestre 2029", [
        CellEdit(_B.sheet, {_B.action.header: "B3.1", _B.year.header: 2028}, _B.investment.header, 120000),
        RowAdd(_B.sheet, {_B.action.header: "B3.1", _B.year.header: 2029, _B.investment.header: 30000,
                          _B.operating.header: 0, _B.financing.header: schema.DEFAULT_FINANCING}),
        CellEdit(_A.sheet, {_A.id.header: "B3.1"}, _A.end.header, "2029-T2"),
    ]),
    ("Renfort temporaire de la DSI en 2027 (30 j-h de prestation)", [
        CellEdit(_C.sheet, {_C.service.header: schema.IT_SERVICE, _C.year.header: 2027}, _C.days.header, 250),
    ]),
    ("Audit RGAA confié à un prestataire, accompagné par la DSI", [
        CellEdit(_S.sheet, {_S.service.header: schema.IT_SERVICE, _S.skill.header: "Audit RGAA"},
                 _S.level.header, schema.SKILL_PARTIAL),
    ]),
    ("Installer le comité technique dans le mois, suivre B3.3 et maîtriser le risque R4", [
        CellEdit(_G.sheet, {_G.name.header: "Comité technique"}, _G.installed_on.header,
                 dt.date(2026, 12, 4)),
        CellEdit(_A.sheet, {_A.id.header: "B3.3"}, _A.indicators.header, "I04"),
        CellEdit(_R.sheet, {_R.id.header: "R4"}, _R.measure.header,
                 "Allotir les marchés et les ouvrir aux structures de l'économie sociale et solidaire"),
        CellEdit(_I.sheet, {_I.id.header: "I09"}, _I.source.header, "Autodiagnostic NumEcoDiag"),
    ]),
]

_V = schema.VALIDATION
# What happened after the committee, before the launch: the bureau examined the roadmap,
# the council adopted it. The secretariat records it; the announcement (dated at the
# launch) then says what was done, not « statut à confirmer ».
AFTER_COMMITTEE: list[CellEdit | RowAdd] = [
    CellEdit(_V.sheet, {_V.body.header: "Bureau communautaire"}, _V.status.header, schema.VALIDATION_HELD),
    CellEdit(_V.sheet, {_V.body.header: "Conseil communautaire"}, _V.status.header, schema.VALIDATION_VALIDATED),
]
