"""The worksheet functions, as plain Python (their xlwings decorators are no-ops here)."""

from __future__ import annotations

import datetime as dt

import pytest

from nr_xl.core import schema

from nr_xl import udfs
from nr_xl.example import load_example

DATA = load_example()


def table(spec):
    return [list(spec.headers)] + DATA[spec.sheet]


def test_nr_charge_uses_the_quarterly_rule():
    charge, actions = table(schema.CHARGE), table(schema.ACTIONS)
    assert udfs.NR_CHARGE(charge, actions, "DSI", "2027-T2") == 61.0
    assert udfs.NR_CHARGE(charge, actions, "dsi", "T1 2027") == 26.0
    assert udfs.NR_CHARGE(charge, actions, "Patrimoine", "2027-T2") == 0.0


def test_nr_taux_charge():
    args = table(schema.CHARGE), table(schema.ACTIONS), table(schema.CAPACITIES)
    assert udfs.NR_TAUX_CHARGE(*args, "DSI", "2027-T2") == pytest.approx(61 / 55)
    assert udfs.NR_TAUX_CHARGE(*args, "Patrimoine", "2027-T2") == "capacité inconnue"


def test_nr_ecart_budget():
    budget, envelopes = table(schema.BUDGET), table(schema.ENVELOPES)
    assert udfs.NR_ECART_BUDGET(budget, envelopes, 2028, "Investissement") == -30000.0
    assert udfs.NR_ECART_BUDGET(budget, envelopes, 2027.0, "investissement") == 50000.0
    assert udfs.NR_ECART_BUDGET(budget, envelopes, 2027, "Fonctionnement", "Subvention") == 0.0
    # An envelope with nothing planned on it, and planned spending with no envelope.
    assert udfs.NR_ECART_BUDGET(budget, envelopes, 2027, "Investissement", "Budget DSI") == 0.0
    without_2029 = [row for row in envelopes if row[0] != 2029]
    planned_2029 = udfs.NR_ECART_BUDGET(budget, envelopes, 2029, "Fonctionnement") - 70000.0
    assert planned_2029 < 0
    assert udfs.NR_ECART_BUDGET(budget, without_2029, 2029, "Fonctionnement") == planned_2029


def test_nr_trimestre():
    assert udfs.NR_TRIMESTRE(dt.datetime(2027, 5, 3)) == "2027-T2"
    assert udfs.NR_TRIMESTRE("T4 2028") == "2028-T4"


# MS-VBAL 3.3.5.2 reserved identifiers, plus the literal identifiers and the
# reserved type names: none can name a parameter, or the whole module fails to compile.
VBA_RESERVED = {w.lower() for w in """
Abs AddressOf And Any Array As Attribute Boolean ByRef Byte ByVal Call Case CBool CByte CCur CDate CDbl CDec
CInt CLng CLngLng CLngPtr Close Const CSng CStr Currency CVar CVErr Date Debug Declare DefBool DefByte DefCur
DefDate DefDbl DefInt DefLng DefLngLng DefLngPtr DefObj DefSng DefStr DefVar Dim Do DoEvents Double Each Else
ElseIf Empty End EndIf Enum Eqv Erase Error Event Exit False Fix For Friend Function Get Global GoSub GoTo If
Imp Implements In Input InputB Int Integer Is LBound Len LenB Let Like Lock Long LongLong LongPtr Loop LSet Me
Mod New Next Not Nothing Null Object On Open Option Optional Or ParamArray Preserve Print Private PSet Public
Put RaiseEvent ReDim Rem Resume Return RSet Scale Seek Select Set Sgn Shared Single Spc Static Stop String Sub
Tab Then To True Type TypeOf UBound Unlock Until Variant Wend While With WithEvents Write Xor
""".split()}


def generated_wrappers() -> str:
    import subprocess
    import sys

    from conftest import ROOT

    run = subprocess.run([sys.executable, str(ROOT / "tests" / "udf_wrappers.py")], capture_output=True,
                         text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout


@pytest.mark.slow
def test_udf_wrappers_generated_by_xlwings_use_no_vba_reserved_word():
    import re

    source = generated_wrappers()
    signatures = re.findall(r"^Function (\w+)\(([^)]*)\)", source, re.M)
    assert {name for name, _ in signatures} == {n for n in dir(udfs) if n.startswith("NR_")}
    for name, params in signatures:
        names = [p.split()[-1].removesuffix("()") for p in params.split(",") if p.strip()]
        assert not [p for p in names if p.lower() in VBA_RESERVED], (name, names)
    # and the module as generated compiles in pyopenvba's interpreter
    from pyopenvba.apps.excel import ExcelApplication

    app = ExcelApplication()
    app.add_workbook()
    app.add_module(source, name="xlwings_udfs")
