"""xlwings Lite's code inside the workbook: the stored form, kept by every write of nr_xl,
put back after another program dropped it.

The form is the one of workbooks saved by xlwings Lite and published (read on five files of
the public repository amararun/xlwings-lite-apps-codes-docs, e.g.
yahoo-finance/YLENS_YAHOO_FINANCE_ANALYZER_Z.xlsx): ``_rels/.rels`` relates
``xl/webextensions/taskpanes.xml`` (type …/2011/relationships/webextensiontaskpanes), whose own
relationship points to ``webextension1.xml``; there, ``we:reference id="wa200008175"
storeType="OMEX"`` and one ``we:property`` per file, its value a JSON string in which Office
writes « / » as « \\/ » and keeps other characters as they are (those files decode and
re-encode to the byte with ``lite.encode``).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from nr_xl import api
from nr_xl.core import schema
from nr_xl.workbook import lite, repair
from nr_xl.workbook.package import read_parts

from conftest import ROOT

TEMPLATE = ROOT / "workbook_template.xlsm"
WE = "{http://schemas.microsoft.com/office/webextensions/webextension/2010/11}"


def parts_of(path: Path) -> dict[str, bytes]:
    return read_parts(path)


def test_the_template_carries_main_py_and_requirements_txt_where_xlwings_lite_reads_them():
    parts = parts_of(TEMPLATE)
    rels = etree.fromstring(parts["_rels/.rels"])
    (taskpanes,) = [r.get("Target") for r in rels if r.get("Type") == lite.TASKPANES_REL_TYPE]
    assert taskpanes == "xl/webextensions/taskpanes.xml"
    panes = etree.fromstring(parts[taskpanes])
    (ref,) = panes.iter("{http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11}webextensionref")
    rid = ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    (target,) = [r.get("Target") for r in etree.fromstring(parts["xl/webextensions/_rels/taskpanes.xml.rels"])
                 if r.get("Id") == rid and r.get("Type") == lite.WEBEXTENSION_REL_TYPE]
    assert target == "webextension1.xml"
    web = etree.fromstring(parts["xl/webextensions/webextension1.xml"])
    reference = web.find(f"{WE}reference")
    assert (reference.get("id"), reference.get("storeType")) == ("wa200008175", "OMEX")
    props = {p.get("name"): p.get("value") for p in web.iter(f"{WE}property")}
    assert set(props) == {"main.py", "requirements.txt", "pyodideVersion", "addinVersion"}
    assert lite.decode(props["main.py"]) == (ROOT / "lite" / "main.py").read_text(encoding="utf-8")
    assert lite.decode(props["requirements.txt"]) == (ROOT / "lite" / "requirements.txt").read_text(encoding="utf-8")
    assert lite.decode(props["pyodideVersion"]).startswith("0.27.")
    types = parts["[Content_Types].xml"].decode()
    assert 'PartName="/xl/webextensions/taskpanes.xml" ContentType="application/vnd.ms-office.webextensiontaskpanes+xml"' in types
    assert 'PartName="/xl/webextensions/webextension1.xml" ContentType="application/vnd.ms-office.webextension+xml"' in types
    assert lite.state(parts) == "present"


def test_the_stored_form_is_office_s_json_string():
    text = 'print("a/b")\n\tx = \'é\' # « » → ✅ \\ </we:property> &amp;'
    encoded = lite.encode(text)
    assert encoded == '"print(\\"a\\/b\\")\\n\\tx = \'é\' # « » → ✅ \\\\ <\\/we:property> &amp;"'
    # Through an XML attribute and back, as Excel writes and xlwings Lite reads it.
    xml = lite.webextension_xml({"main.py": text, "requirements.txt": "xlwings\n"})
    assert b"&quot;print(\\&quot;a\\/b\\&quot;)\\n" in xml
    assert lite.stored_files({**parts_of(TEMPLATE), lite.WEBEXTENSION_PART: xml})["main.py"] == text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")))
def test_any_text_survives_the_round_trip(text):
    import re

    legal = re.sub("[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", text)  # what an XML attribute can hold
    xml = lite.webextension_xml({"main.py": legal, "requirements.txt": legal})
    props = {p.get("name"): p.get("value") for p in etree.fromstring(xml).iter(f"{WE}property")}
    assert lite.decode(props["main.py"]) == legal == lite.decode(props["requirements.txt"])


def test_the_release_embeds_the_wheel_in_main_py():
    wheel = bytes(range(256)) * 40
    main = lite.with_wheel(lite.source("main.py"), wheel)
    compile(main, "main.py", "exec")  # still Python
    assert lite.embedded_wheel(main) == wheel and lite.embedded_wheel(lite.source("main.py")) is None
    assert max(len(line) for line in main.splitlines()) <= 120  # an editor shows it line by line
    with pytest.raises(ValueError):
        lite.with_wheel("print()", wheel)


OWNED_BY_A_CHECK = {"xl/styles.xml", "xl/calcChain.xml"}


def changed_parts(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {n for n in set(before) | set(after) if before.get(n) != after.get(n)}


def test_every_write_of_nr_xl_copies_every_other_part_byte_for_byte(example_path):
    """check --write, snapshot, log, validate: the parts xlwings Lite, the ribbon and the VBA live
    in never change; only the sheets nr_xl owns (and their tables) and the cells it patches do."""
    from nr_xl.example.committee import COMMITTEE_ADJUSTMENTS
    from nr_xl.workbook.edit import apply_edits

    original = parts_of(example_path)
    lite_parts = {n: original[n] for n in (*lite.PARTS, "customUI/customUI14.xml", "xl/vbaProject.bin")}
    api.write_findings(example_path, api.check(example_path))
    after_check = parts_of(example_path)
    sheets = {name: part for name, part in _sheet_parts(after_check).items()}
    findings_part = sheets[schema.FINDINGS.sheet]
    assert changed_parts(original, after_check) - OWNED_BY_A_CHECK - _tables_of(after_check, findings_part) == {
        findings_part}
    api.snapshot(example_path)
    apply_edits(example_path, COMMITTEE_ADJUSTMENTS[0][1])
    api.log(example_path, reason="Étaler B3.1", author="Léa Fontaine")
    final = parts_of(example_path)
    assert {n: final[n] for n in lite_parts} == lite_parts
    assert lite.stored_files(final) == lite.template_files()


def _sheet_parts(parts: dict[str, bytes]) -> dict[str, str]:
    from nr_xl.sources.ooxml import sheet_parts

    return sheet_parts(parts.__getitem__)


def _tables_of(parts: dict[str, bytes], sheet_part: str) -> set[str]:
    from nr_xl.sources.ooxml import relationships, rels_of, resolve

    rels = parts.get(rels_of(sheet_part))
    return {resolve(sheet_part, t) for _, kind, t in relationships(rels) if kind.endswith("/table")} if rels else set()


def libreoffice_like(parts: dict[str, bytes]) -> dict[str, bytes]:
    """What LibreOffice 7.4's re-save does to nr_xl's parts (tests/test_resave.py checks it on the real
    thing): the task pane kept, the add-in and its relationship dropped, the reference only hidden."""
    damaged = dict(parts)
    del damaged[lite.WEBEXTENSION_PART], damaged[lite.TASKPANES_RELS]
    damaged["xl/workbook.xml"] = damaged["xl/workbook.xml"].replace(b'state="veryHidden"', b'state="hidden"')
    damaged["docProps/app.xml"] = damaged["docProps/app.xml"].replace(
        b"<Application>", b"<Application>LibreOffice/7.4.7.2$Linux_X86_64 ")
    return damaged


def write_parts(path: Path, parts: dict[str, bytes]) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def test_the_next_write_puts_back_what_a_resave_dropped(example_path):
    original = parts_of(example_path)
    write_parts(example_path, libreoffice_like(original))
    found = {d.key for d in repair.damages(parts_of(example_path))}
    assert found == {"reference", "lite"}
    api.write_findings(example_path, api.check(example_path))
    repaired = parts_of(example_path)
    assert repair.damages(repaired) == []
    assert repair.reference_state(repaired) == "veryHidden"
    for name in lite.PARTS:
        assert repaired[name] == original[name], name
    assert lite.stored_files(repaired) == lite.template_files()


def test_doctor_reparer_repairs_and_then_says_all_is_well(example_path):
    from click.testing import CliRunner

    from nr_xl.cli.commands import main

    write_parts(example_path, libreoffice_like(parts_of(example_path)))
    before = CliRunner().invoke(main, ["doctor", str(example_path)])
    assert "!!  Feuille de référence « _nr_reference » : masquée" in before.output
    assert "--reparer" in before.output and "Tout est en ordre" not in before.output
    run = CliRunner().invoke(main, ["doctor", "--reparer", str(example_path)])
    assert "Réparé : Feuille de référence" in run.output and "Réparé : Code xlwings Lite" in run.output
    assert "!!  Feuille de référence" not in run.output and "OK  Code xlwings Lite : présent" in run.output
    assert list(example_path.parent.glob(example_path.name + ".*.bak"))
    again = CliRunner().invoke(main, ["doctor", "--reparer", str(example_path)])
    assert "Rien à réparer." in again.output


def test_a_workbook_from_before_keeps_having_no_lite_code(example_path):
    """A workbook of an older template has no xlwings Lite parts: a write adds none (the pane
    would open for a ribbon user), doctor says the code is absent, as a remark."""
    parts = {n: d for n, d in parts_of(example_path).items() if n not in lite.PARTS}
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(
        f'<Relationship Id="{lite.ROOT_REL_ID}" Type="{lite.TASKPANES_REL_TYPE}" Target="{lite.TASKPANES_PART}"/>'.encode(),
        b"")
    write_parts(example_path, parts)
    assert lite.state(parts) == "absent" and repair.damages(parts) == []
    api.write_findings(example_path, api.check(example_path))
    assert lite.state(parts_of(example_path)) == "absent"


def test_the_publishing_step_names_the_exact_requirements_line():
    """Once nr_xl is on PyPI, one line of requirements.txt replaces the embedded wheel: the guide
    and the README give it for this very version."""
    from nr_xl import __version__

    line = f"nr_xl=={__version__}"
    guide = (ROOT / "lite" / "GUIDE.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"\n{line}\n" in guide and f"`{line}`" in readme
    assert "twine upload" in guide and "twine upload" in readme
