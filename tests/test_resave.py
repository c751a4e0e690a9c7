"""A workbook re-saved by LibreOffice, for real: what it breaks in nr_xl's parts, what
nr-xl doctor says of it, and the repair (doctor --reparer, or the next write)."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from nr_xl import api
from nr_xl.cli.commands import main
from nr_xl.core import schema
from nr_xl.sources import read_rows
from nr_xl.workbook import lite, repair
from nr_xl.workbook.package import read_parts

from lo import convert

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]


@pytest.fixture(scope="module")
def resaved(example_master, tmp_path_factory):
    """The example workbook opened and saved again as .xlsm by LibreOffice."""
    folder = tmp_path_factory.mktemp("libreoffice")
    return convert(example_master, "xlsm:Calc MS Excel 2007 VBA XML", folder)


def vba_modules(parts: dict[str, bytes]) -> dict[str, str]:
    return repair._modules(parts["xl/vbaProject.bin"])


def test_libreoffice_breaks_the_reference_the_dictionary_module_and_the_lite_code(resaved, example_master):
    parts = read_parts(resaved)
    assert repair.saved_by_libreoffice(parts)
    assert repair.reference_state(parts) == "hidden"
    assert "Option ClassModule" in vba_modules(parts)["Dictionary"]
    assert lite.state(parts) == "broken" and lite.TASKPANES_PART in parts
    assert {d.key for d in repair.damages(parts)} == {"reference", "vba:Dictionary", "lite"}
    text = CliRunner().invoke(main, ["doctor", str(resaved)]).output
    for line in ("!!  Feuille de référence « _nr_reference » : masquée", "!!  Module VBA « Dictionary » : réécrit",
                 "!!  Code xlwings Lite (main.py, requirements.txt)"):
        assert line in text, line
    assert "Tout est en ordre" not in text and "nr-xl doctor --reparer" in text


def test_doctor_reparer_restores_them_from_the_template_and_nothing_else(resaved, example_master, tmp_path):
    path = tmp_path / "resave.xlsm"
    shutil.copy2(resaved, path)
    before = read_parts(path)
    rows_before = read_rows(path, list(schema.CHECKED_SHEETS)).sheets
    run = CliRunner().invoke(main, ["doctor", "--reparer", str(path)])
    assert run.output.count("Réparé : ") == 3, run.output
    for line in ("OK  Feuille de référence « _nr_reference » : très masquée", "OK  Modules VBA : aucun réécrit",
                 "OK  Code xlwings Lite : présent"):
        assert line in run.output, line
    after = read_parts(path)
    template = read_parts(example_master)
    assert repair.reference_state(after) == "veryHidden"
    assert vba_modules(after)["Dictionary"] == vba_modules(template)["Dictionary"]
    assert lite.stored_files(after) == lite.stored_files(template)
    changed = {n for n in set(before) | set(after) if before.get(n) != after.get(n)}
    assert changed == {"xl/workbook.xml", "xl/vbaProject.bin", lite.WEBEXTENSION_PART, lite.TASKPANES_RELS,
                       "[Content_Types].xml"}
    assert read_rows(path, list(schema.CHECKED_SHEETS)).sheets == rows_before  # the data, untouched


def test_the_next_write_repairs_too(resaved, tmp_path):
    path = tmp_path / "resave.xlsm"
    shutil.copy2(resaved, path)
    api.write_findings(path, api.check(path))
    assert repair.damages(read_parts(path)) == []
