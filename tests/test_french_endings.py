"""Each input that once ended in « Erreur inattendue », a Rust panic or a library's English
ends in a French message that says what and where, with a documented exit code; one test
per reproducer of issue 29 (« Erreur inattendue » still reachable)."""

from __future__ import annotations

import datetime as dt
import errno
import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from nr_xl import api
from nr_xl.cli.commands import main
from nr_xl.core import schema
from nr_xl.core.errors import EXIT_CODES, ExitCode
from nr_xl.workbook.edit import CellEdit, apply_edits

# The one table (nr_xl.core.errors.EXIT_CODES), but for an unexpected error (70) and Ctrl+C (130).
DOCUMENTED = set(EXIT_CODES) - {ExitCode.INTERNAL, ExitCode.INTERRUPTED}


def run(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code in DOCUMENTED, result.output
    assert "Erreur inattendue" not in result.output and "Traceback" not in result.output, result.output
    return result.exit_code, result.output


def documents(path: Path, tmp_path: Path) -> None:
    """The committee journals the value, then minutes and kickoff (a draft: the example is
    not validated) write their document, the adjustment worded in the minutes."""
    code, output = run("log", path, "--reason", "Séance du comité")
    assert code == 0 and "ajoutée(s)" in output, output
    for command, out in (("minutes", "cr.docx"), ("kickoff", "an.docx")):
        code, output = run(command, path, "-o", tmp_path / out, "--force")
        assert code == 0 and "Écrit" in output, output


def edited(path: Path, sheet: str, match: dict[str, str], header: str, value: object) -> Path:
    """The value typed after the reference version was taken (as in the committee's session)."""
    api.snapshot(path)
    apply_edits(path, [CellEdit(sheet, match, header, value)])
    return path


COPIL = {"Instance": "COPIL Numérique responsable"}


def test_minutes_and_kickoff_on_an_indicator_of_1e28(example_path, tmp_path):
    edited(example_path, schema.INDICATORS.sheet, {"ID": "I01"}, "Valeur de référence", 1e28)
    documents(example_path, tmp_path)


@pytest.mark.parametrize("sheet,match,header", [
    (schema.BUDGET.sheet, {"Action": "B1.2", "Année": "2027"}, "Fonctionnement (€)"),
    (schema.ENVELOPES.sheet, {"Année": "2027", "Financement": "Enveloppe NR"}, "Investissement (€)"),
    (schema.INDICATORS.sheet, {"ID": "I01"}, "Cible"),
])
def test_minutes_and_kickoff_on_nan(example_path, tmp_path, sheet, match, header):
    edited(example_path, sheet, match, header, float("nan"))
    documents(example_path, tmp_path)


def test_minutes_and_kickoff_on_a_fifth_quarter(example_path, tmp_path):
    edited(example_path, schema.ACTIONS.sheet, {"ID": "B1.1"}, "Début", "2027-T5")
    documents(example_path, tmp_path)
    report = api.check(example_path)
    assert any(f.code.startswith("input.") and f.key == "Feuille de route!F2" for f in report.findings)


def test_minutes_and_kickoff_on_a_time_in_a_quarter_cell(example_path, tmp_path):
    from openpyxl import load_workbook

    api.snapshot(example_path)
    book = load_workbook(example_path, keep_vba=True)  # as Excel stores 10:30 typed in the cell
    book[schema.ACTIONS.sheet]["F2"] = dt.time(10, 30)
    book.save(example_path)
    documents(example_path, tmp_path)


@pytest.mark.parametrize("serial", [3_000_000, -5])
def test_minutes_and_kickoff_on_an_absurd_serial_in_governance(example_path, tmp_path, serial):
    edited(example_path, schema.GOVERNANCE.sheet, COPIL, "Date d'installation", serial)
    documents(example_path, tmp_path)


@pytest.mark.parametrize("name", ["É" * 300, "Ville_x0007_ de test", "Ville\x07de test"])
def test_minutes_kickoff_and_deck_on_a_long_or_control_character_collectivite(example_path, tmp_path, name):
    edited(example_path, schema.PARAMETER_TABLE.sheet, {"Paramètre": "Collectivité"}, "Valeur", name)
    documents(example_path, tmp_path)
    code, output = run("support", example_path, "-o", tmp_path / "s.pptx")
    assert code == 0, output
    from docx import Document

    author = Document(str(tmp_path / "cr.docx")).core_properties.author
    assert len(author) <= 255 and "\x07" not in author


def test_a_huge_negative_date_is_a_cell_to_correct_not_a_panic(example_path, capfd):
    edited(example_path, schema.GOVERNANCE.sheet, COPIL, "Date d'installation", -1e12)
    capfd.readouterr()
    for engine in ("calamine", "openpyxl"):
        report = api.check(example_path, engine=engine)
        assert "Gouvernance!F2" in {f.key for f in report.findings if f.code.startswith("input.")}
    err = capfd.readouterr().err
    assert "panicked" not in err and "TimeDelta" not in err  # nothing printed by calamine's Rust code


def _rezip(source: Path, target: Path, change) -> Path:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(source) as zf:
        parts = [(info.filename, zf.read(info.filename)) for info in zf.infolist()]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts:
            out.writestr(*change(name, data))
    return target


def strict(source: Path, target: Path) -> Path:
    """As Excel's « Strict Open XML Spreadsheet » writes the same workbook."""
    def change(name: str, data: bytes) -> tuple[str, bytes]:
        if name.endswith((".xml", ".rels")):
            data = data.replace(b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                                b"http://purl.oclc.org/ooxml/spreadsheetml/main")
            data = data.replace(b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                                b"http://purl.oclc.org/ooxml/officeDocument/relationships")
        return name, data
    return _rezip(source, target, change)


def test_snapshot_on_strict_ooxml_is_refused_in_french_and_check_still_reads_it(example_path, tmp_path):
    path = strict(example_path, tmp_path / "strict.xlsm")
    before = path.read_bytes()
    code, output = run("snapshot", path)
    assert code == 3 and "Open XML Strict" in output and "Enregistrer sous" in output
    assert path.read_bytes() == before
    assert api.check(path).findings == api.check(example_path).findings


def test_snapshot_with_a_lower_case_content_types_part(example_path, tmp_path):
    path = _rezip(example_path, tmp_path / "bas.xlsm", lambda name, data: (
        "[content_types].xml" if name == "[Content_Types].xml" else name, data))
    code, output = run("snapshot", path)
    assert code == 0, output
    assert api.check(path).findings == api.check(example_path).findings


def bad_crc(source: Path, target: Path, part: str) -> Path:
    """One part's bytes changed after its checksum was written (a bad disk, a cut download)."""
    data = bytearray(source.read_bytes())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(part)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0x55
    target.write_bytes(bytes(data))
    return target


@pytest.mark.parametrize("command", ["check", "snapshot", "minutes"])
def test_a_bad_zip_checksum_names_the_damaged_part_in_french(example_path, tmp_path, command):
    path = bad_crc(example_path, tmp_path / "crc.xlsm", "xl/worksheets/sheet5.xml")
    code, output = run(command, path, *(["-o", tmp_path / "cr.docx"] if command == "minutes" else []))
    assert code == 3
    assert "endommagé" in output and ("sheet5.xml" in output or "archive" in output)
    assert "checksum" not in output.lower() and "Invalid" not in output and "CRC-32" not in output


def test_latin1_bytes_in_reserves_are_refused_in_french(example_path):
    api.snapshot(example_path)
    before = example_path.read_bytes()
    # What Python makes of the Latin-1 bytes « r\xe9serve » in a UTF-8 locale's argv.
    typed = b"r\xe9serve budg\xe9taire".decode("utf-8", "surrogateescape")
    code, output = run("validate", example_path, "--reserves", typed)
    assert code == 2 and "UTF-8" in output and "réserve budgétaire" in output
    assert example_path.read_bytes() == before


@pytest.mark.parametrize("command,out", [("minutes", "cr.docx"), ("kickoff", "an.docx"), ("support", "s.pptx")])
def test_an_output_folder_that_refuses_writing(example_path, tmp_path, monkeypatch, command, out):
    import tempfile

    def refused(*args, **kwargs):  # a read-only folder, as a non-root user meets it
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    code, output = run(command, example_path, "-o", tmp_path / "lecture_seule" / out, "--force")
    assert code == ExitCode.OUTPUT and "accès en écriture est refusé" in output and "Permission" not in output


def test_an_output_path_under_a_file(example_path, tmp_path):
    (tmp_path / "pas_un_dossier").write_text("x")
    code, output = run("minutes", example_path, "-o", tmp_path / "pas_un_dossier" / "cr.docx")
    assert code == ExitCode.OUTPUT and "un fichier se trouve là où il faut un dossier" in output


def test_a_245_byte_workbook_name(example_path, tmp_path):
    long = tmp_path / ("é" * 120 + ".xlsm")  # 245 bytes
    long.write_bytes(example_path.read_bytes())
    for args in (["snapshot", long], ["check", long, "--write"]):
        code, output = run(*args)
        assert code == 3 and "trop long" in output and "File name too long" not in output, output
    document = tmp_path / ("é" * 124 + ".docx")  # 253 bytes: a second one, « (2) », would need 257
    assert run("minutes", long, "-o", document)[0] == 0
    code, output = run("minutes", long, "-o", document)
    assert code == ExitCode.OUTPUT and "trop long" in output and "File name too long" not in output, output


@pytest.mark.parametrize("label", ["x" * 32_000, "Service " * 40, "🌱" * 50])
def test_a_chart_of_a_service_named_at_length_draws_without_an_english_warning(label):
    """matplotlib warned « Tight layout not applied » (in English, on stderr; an error under
    the tests) for a label wider than the figure: the label is cut, the figure drawn."""
    import warnings

    from nr_xl.documents.render import MAX_LABEL, workload_chart

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        chart = workload_chart([(label, 120.0, 90.0), ("DSI", 40.0, 60.0)])
    assert chart.png.startswith(b"\x89PNG")
    assert label not in chart.alt and label[:MAX_LABEL - 1].rstrip() + "…" in chart.alt


@pytest.mark.parametrize("typed", ["1e400", "inf", "-Infinity", "NaN"])
def test_minutes_on_an_amount_typed_as_a_text_no_number_can_hold(example_path, tmp_path, typed):
    """Found by the fuzz test: « 1e400 » typed in a budget cell is journalled as typed, and
    the minutes' budget phrase read it as an amount Babel could not round."""
    edited(example_path, schema.BUDGET.sheet, {"Action": "B1.2", "Année": "2027"}, "Fonctionnement (€)", typed)
    documents(example_path, tmp_path)


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan"), "1e400", "-1e99999"])
def test_an_amount_beyond_any_number_is_printed_not_a_crash(value):
    from decimal import Decimal

    from nr_xl.core import fmt

    amount = Decimal(value) if isinstance(value, str) else value
    for write in (fmt.euros, fmt.keuros, fmt.number, fmt.days):
        assert write(amount) == fmt.OUT_OF_RANGE


def test_log_on_an_excel_error_typed_as_a_parameter_name(example_path):
    """Found by the fuzz test once the follow-up parameters stopped being journalled: the
    parameter's name was read as text, and « #REF! » there ended in « Erreur inattendue »."""
    from openpyxl import load_workbook

    api.snapshot(example_path)
    book = load_workbook(example_path, keep_vba=True)
    book[schema.PARAMETER_TABLE.sheet].cell(2, 1).value = "#REF!"
    book.save(example_path)
    code, output = run("log", example_path, "--reason", "Séance du comité")
    assert code in (0, 1) and "Erreur inattendue" not in output, output
