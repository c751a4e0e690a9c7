"""The corpus of bad and hostile workbooks, each with its expected outcome.

Generated at test time from the embedded example (so it follows the template),
by small functions a reader can check; ``benchmarks/corpus_report.py`` runs the
same cases and reports their time and memory.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook

SECRET = "NE-DOIT-JAMAIS-APPARAITRE-4242"


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path, Path], Path]  # (example workbook, folder) -> file to check
    exit_code: int
    says: str = ""  # a fragment of the French message (exit 3) or of a finding (exit 1)
    codes: frozenset[str] = field(default_factory=frozenset)  # exactly the finding codes reported (exit 1)
    # Findings as (code, sheet, row, key): those reported that the example does not report,
    # and those of the example no longer reported.
    added: frozenset[tuple[str, str | None, int | None, str | None]] = field(default_factory=frozenset)
    removed: frozenset[tuple[str, str | None, int | None, str | None]] = field(default_factory=frozenset)


def _copy(example: Path, folder: Path, name: str) -> Path:
    path = folder / name
    shutil.copy2(example, path)
    return path


def _edit(example: Path, folder: Path, name: str, change: Callable) -> Path:  # type: ignore[type-arg]
    """As another program would: openpyxl load, change, save."""
    wb = load_workbook(example, keep_vba=name.endswith(".xlsm"))
    change(wb)
    path = folder / name
    wb.save(path)
    return path


def _soffice_convert(example: Path, folder: Path, fmt: str) -> Path | None:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        return None
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt,
                        "--outdir", str(folder), str(example)], capture_output=True, timeout=300)
    out = folder / (example.stem + "." + fmt.split(":")[0])
    return out if out.exists() else None


def empty(example: Path, folder: Path) -> Path:
    path = folder / "vide.xlsm"
    path.write_bytes(b"")
    return path


def random_bytes(example: Path, folder: Path) -> Path:
    import random

    path = folder / "aleatoire.xlsm"
    path.write_bytes(random.Random(7).randbytes(50_000))
    return path


def truncated(example: Path, folder: Path) -> Path:
    path = folder / "tronque.xlsm"
    path.write_bytes(example.read_bytes()[: example.stat().st_size // 2])
    return path


def old_xls(example: Path, folder: Path) -> Path:
    converted = _soffice_convert(example, folder, "xls:MS Excel 97")
    if converted:
        return converted
    path = folder / "ancien.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    return path


def csv_renamed(example: Path, folder: Path) -> Path:
    path = folder / "export.xlsx"
    path.write_text("ID;Action;Début\nB1.1;Gouvernance;2027-T1\n", encoding="utf-8")
    return path


def password(example: Path, folder: Path) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    path = folder / "protege.xlsm"
    with example.open("rb") as src, path.open("wb") as out:
        OOXMLFile(src).encrypt("secret", out)
    return path


def ods(example: Path, folder: Path) -> Path:
    converted = _soffice_convert(example, folder, "ods")
    if converted:
        return converted
    path = folder / "calc.ods"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content/>")
    return path


def zip_not_workbook(example: Path, folder: Path) -> Path:
    path = folder / "archive.xlsm"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/workbook.xml", "ceci n'est pas du XML <<<")
    return path


def without_macros(example: Path, folder: Path) -> Path:
    return _edit(example, folder, "sans_macros.xlsx", lambda wb: None)


def missing_sheet(example: Path, folder: Path) -> Path:
    return _edit(example, folder, "sans_risques.xlsm", lambda wb: wb.remove(wb["Risques"]))


def renamed_header(example: Path, folder: Path) -> Path:
    return _edit(example, folder, "entete.xlsm", lambda wb: wb["Budget"].cell(1, 3, "Invest."))


def duplicated_header(example: Path, folder: Path) -> Path:
    return _edit(example, folder, "doublon_entete.xlsm", lambda wb: wb["Capacités"].cell(1, 4, "Service"))


def columns_reordered(example: Path, folder: Path) -> Path:
    def change(wb):  # type: ignore[no-untyped-def]
        ws = wb["Budget"]
        for row in ws.iter_rows():
            values = [c.value for c in row]
            for cell, value in zip(row, values[::-1]):
                cell.value = value
        for table in list(ws.tables):
            del ws.tables[table]
    return _edit(example, folder, "colonnes.xlsm", change)


def text_in_numbers(example: Path, folder: Path) -> Path:
    return _edit(example, folder, "texte.xlsm", lambda wb: wb["Budget"].cell(2, 4, "beaucoup"))


def error_values(example: Path, folder: Path) -> Path:
    def change(wb):  # type: ignore[no-untyped-def]
        wb["Budget"]["C3"] = "#REF!"
        wb["Capacités"]["C2"] = "#DIV/0!"
    return _edit(example, folder, "erreurs.xlsm", change)


def absurd_amounts(example: Path, folder: Path) -> Path:
    def change(wb):  # type: ignore[no-untyped-def]
        wb["Budget"]["C2"] = -5000
        wb["Budget"]["D3"] = 12_000_000_000
    return _edit(example, folder, "montants.xlsm", change)


def dates_as_text(example: Path, folder: Path) -> Path:
    def change(wb):  # type: ignore[no-untyped-def]
        ws = wb["Gouvernance"]
        ws["F2"], ws["F3"], ws["F4"] = "03/12/2026", "2027-01-14", "4.12.2026"
        wb["Paramètres"]["B4"] = "06/11/2026"
    return _edit(example, folder, "dates_texte.xlsm", change)


def merged_cells(example: Path, folder: Path) -> Path:
    return _edit(example, folder, "fusion.xlsm", lambda wb: wb["Budget"].merge_cells("A2:A3"))


def hidden_rows(example: Path, folder: Path) -> Path:
    def change(wb):  # type: ignore[no-untyped-def]
        for r in range(3, 8):
            wb["Feuille de route"].row_dimensions[r].hidden = True
    return _edit(example, folder, "lignes_masquees.xlsm", change)


def empty_tables(example: Path, folder: Path) -> Path:
    def change(wb):  # type: ignore[no-untyped-def]
        for name in ("Feuille de route", "Budget", "Charge", "Risques", "Gouvernance"):
            ws = wb[name]
            ws.delete_rows(2, ws.max_row)
    return _edit(example, folder, "tables_vides.xlsm", change)


def stray_value(example: Path, folder: Path) -> Path:
    return _edit(example, folder, "valeur_egaree.xlsm", lambda wb: wb["Budget"].cell(1_048_576, 1, "x"))


def long_text(example: Path, folder: Path) -> Path:
    return _edit(example, folder, "texte_long.xlsm",
                 lambda wb: wb["Feuille de route"].cell(2, 3, "Très long. " * 3000))


def emoji_rtl(example: Path, folder: Path) -> Path:
    def change(wb):  # type: ignore[no-untyped-def]
        ws = wb["Feuille de route"]
        ws["C2"] = "Gouvernance 🌱 numérique ✨"
        ws["D3"] = "خدمة الرقمية"  # a service name in Arabic, right to left
        wb["Participants"]["A2"] = "Zoé 👩‍💻 Dupont"
    return _edit(example, folder, "emoji.xlsm", change)


def duplicate_ids(example: Path, folder: Path) -> Path:
    return _edit(example, folder, "doublons.xlsm", lambda wb: wb["Feuille de route"].cell(3, 1, "B1.1"))


def circular(example: Path, folder: Path) -> Path:
    def change(wb):  # type: ignore[no-untyped-def]
        ws = wb["Feuille de route"]
        ws["K2"], ws["K3"], ws["K4"] = "B1.3", "B1.1", "B1.2"
    return _edit(example, folder, "circulaire.xlsm", change)


def _set_parameter(key: str, value: object):  # type: ignore[no-untyped-def]
    def change(wb):  # type: ignore[no-untyped-def]
        ws = wb["Paramètres"]
        (row,) = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == key]
        ws.cell(row, 2).value = value
    return change


def huge_numbers(example: Path, folder: Path) -> Path:
    def change(wb):  # type: ignore[no-untyped-def]
        wb["Budget"]["C2"] = 1e30
        wb["Budget"]["D3"] = "1e40"
        wb["Charge"]["D2"] = 1e29
        _set_parameter("Population", 1e308)(wb)
    return _edit(example, folder, "nombres_enormes.xlsm", change)


def absurd_parameters(example: Path, folder: Path) -> Path:
    def change(wb):  # type: ignore[no-untyped-def]
        _set_parameter("Date du comité de validation", "31/12/9999")(wb)
        _set_parameter("Délai de mise en place de la gouvernance (jours)", 10 ** 12)(wb)
        _set_parameter("Version", "1." + "9" * 5000)(wb)
    return _edit(example, folder, "parametres_absurdes.xlsm", change)


def implausible_plan(example: Path, folder: Path) -> Path:
    import datetime as dt

    def change(wb):  # type: ignore[no-untyped-def]
        wb["Capacités"]["C2"] = -25
        wb["Feuille de route"]["G2"] = "9999-T4"
        wb["Gouvernance"]["F2"] = dt.date(1900, 1, 2)
    return _edit(example, folder, "plan_invraisemblable.xlsm", change)


def journal_with_errors(example: Path, folder: Path) -> Path:
    from nr_xl import api
    from nr_xl.example.committee import COMMITTEE_ADJUSTMENTS
    from nr_xl.workbook.edit import apply_edits

    path = _copy(example, folder, "journal_erreurs.xlsm")
    api.snapshot(path)
    apply_edits(path, COMMITTEE_ADJUSTMENTS[0][1])
    api.log(path, reason="Étaler B3.1")
    return _edit(path, folder, "journal_erreurs.xlsm",
                 lambda wb: [wb["Journal"].__setitem__(c, v) for c, v in (("H2", "#N/A"), ("I3", "#REF!"))])


# --- hostile files -------------------------------------------------------------

def _rezip(example: Path, path: Path, replace: dict[str, bytes | Callable[[zipfile.ZipFile], None]]) -> Path:
    with zipfile.ZipFile(example) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename in replace:
                value = replace[info.filename]
                if callable(value):
                    value(out)
                else:
                    out.writestr(info.filename, value)
            else:
                out.writestr(info, src.read(info.filename))
    return path


def _sheet_part(example: Path, name: str) -> str:
    from nr_xl.sources.ooxml import sheet_parts

    with zipfile.ZipFile(example) as zf:
        return sheet_parts(zf.read)[name]


def zip_bomb(example: Path, folder: Path) -> Path:
    part = _sheet_part(example, "Budget")

    def bomb(out: zipfile.ZipFile) -> None:
        # 400 MB of blanks that deflate to about 400 KB: refused from the zip directory alone.
        info = zipfile.ZipInfo(part)
        info.compress_type = zipfile.ZIP_DEFLATED
        with out.open(info, "w", force_zip64=True) as fh:
            chunk = b" " * (1 << 20)
            for _ in range(400):
                fh.write(chunk)

    return _rezip(example, folder / "bombe.xlsm", {part: bomb})


def billion_laughs(example: Path, folder: Path) -> Path:
    part = _sheet_part(example, "Budget")
    lol = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
           + ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
           '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')
    return _rezip(example, folder / "entites.xlsm", {part: lol.encode()})


def external_entity(example: Path, folder: Path) -> Path:
    secret = folder / "secret.txt"
    secret.write_text(SECRET)
    part = _sheet_part(example, "Priorités")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY s SYSTEM "file://{secret}">]>'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
           '<row r="1"><c r="A1" t="inlineStr"><is><t>ID</t></is></c></row>'
           '<row r="2"><c r="A2" t="inlineStr"><is><t>&s;</t></is></c></row></sheetData></worksheet>')
    return _rezip(example, folder / "xxe.xlsm", {part: xxe.encode()})


def oversized(example: Path, folder: Path) -> Path:
    path = folder / "enorme.xlsm"
    with path.open("wb") as fh:
        fh.write(b"PK\x03\x04")
        fh.truncate(101 * 1024 * 1024)  # sparse: costs no disk
    return path


def journal_note_below(example: Path, folder: Path) -> Path:
    def change(wb):  # type: ignore[no-untyped-def]
        wb["Journal"]["A30"] = "revoir B3.1 avec les finances"

    return _edit(example, folder, "remarque_sous_journal.xlsm", change)


def journal_row_inside(example: Path, folder: Path) -> Path:
    def change(wb):  # type: ignore[no-untyped-def]
        wb["Journal"]["C2"] = "remarque tapée dans le tableau"  # tbl_Journal is A1:K2

    return _edit(example, folder, "ligne_dans_journal.xlsm", change)


# Every code the example reports: most cases change a few findings of it, and say which.
EXAMPLE_CODES = frozenset({"budget.envelope_exceeded", "budget.unconfirmed_envelope", "capacity.overload",
                           "governance.late_setup", "kpi.action_without_kpi", "kpi.weak_definition",
                           "risk.unmitigated", "schedule.dependency_order", "skills.elsewhere", "skills.missing",
                           "skills.partial", "validation.followup_missing"})

CASES: tuple[Case, ...] = (
    Case("vide", empty, 3, "vide"),
    Case("octets aléatoires", random_bytes, 3, "pas un classeur"),
    Case("zip tronqué", truncated, 3, "endommagé"),
    Case("ancien .xls", old_xls, 3, "97-2003"),
    Case("CSV renommé", csv_renamed, 3, "CSV"),
    Case("protégé par mot de passe", password, 3, "mot de passe"),
    Case(".ods", ods, 3, "OpenDocument"),
    Case("zip sans classeur lisible", zip_not_workbook, 3, "n'a pas pu être lu"),
    Case(".xlsx sans macros", without_macros, 1,
         codes=EXAMPLE_CODES),
    Case("feuille manquante", missing_sheet, 1, "Risques",
         codes=(EXAMPLE_CODES - frozenset({"risk.unmitigated"})) | frozenset({"input.missing_sheet"}),
         added=frozenset({("input.missing_sheet", "Risques", None, None)}),
         removed=frozenset({("risk.unmitigated", "Risques", 5, "R4")})),
    Case("en-tête renommé", renamed_header, 1, "Investissement (€)",
         codes=(EXAMPLE_CODES - frozenset({"budget.envelope_exceeded"})) | frozenset({"input.missing_column"}),
         added=frozenset({("input.missing_column", "Budget", 1, "Budget!1")}),
         removed=frozenset({("budget.envelope_exceeded", "Enveloppes", 3, "2028/Investissement")})),
    Case("en-tête en double", duplicated_header, 1,
         codes=EXAMPLE_CODES | frozenset({"input.duplicate_column"}),
         added=frozenset({("input.duplicate_column", "Capacités", 1, "Capacités!D1")})),
    Case("colonnes dans un autre ordre", columns_reordered, 1,
         codes=EXAMPLE_CODES),
    Case("texte dans un nombre", text_in_numbers, 1, "Budget!D2",
         codes=EXAMPLE_CODES | frozenset({"input.bad_number"}),
         added=frozenset({("input.bad_number", "Budget", 2, "Budget!D2")})),
    # The DSI's 2027 capacity unreadable: its quarters are not judged (never against a capacity of 0).
    Case("valeurs d'erreur", error_values, 1, "#REF!",
         codes=(EXAMPLE_CODES - frozenset({"capacity.overload"})) | frozenset({"input.formula_error"}),
         added=frozenset({("input.formula_error", "Budget", 3, "Budget!C3"),
                         ("input.formula_error", "Capacités", 2, "Capacités!C2")}),
         removed=frozenset({("capacity.overload", "Capacités", 2, "DSI/2027-T2")})),
    Case("montants négatifs ou absurdes", absurd_amounts, 1,
         codes=EXAMPLE_CODES | frozenset({"budget.negative_amount", "input.implausible_amount"}),
         added=frozenset({("budget.envelope_exceeded", "Enveloppes", 3, "2028/Fonctionnement"),
                         ("budget.negative_amount", "Budget", 2, "B1.2/2027"),
                         ("input.implausible_amount", "Budget", 3, "Budget!D3")})),
    Case("dates en texte", dates_as_text, 1,
         codes=EXAMPLE_CODES),
    Case("cellules fusionnées", merged_cells, 1, "Budget!A3",
         codes=EXAMPLE_CODES | frozenset({"input.missing_value"}),
         added=frozenset({("input.missing_value", "Budget", 3, "Budget!A3")})),
    Case("lignes masquées", hidden_rows, 1,
         codes=EXAMPLE_CODES),
    Case("tableaux vides", empty_tables, 1,
         codes=frozenset({"alignment.priority_uncovered",
                   "governance.no_steering_committee",
                   "kpi.weak_definition",
                   "resources.concentration",
                   "risk.no_success_factor",
                   "risk.none_identified"}),
         added=frozenset({("alignment.priority_uncovered", "Priorités", 2, "P1"),
                         ("alignment.priority_uncovered", "Priorités", 3, "P2"),
                         ("alignment.priority_uncovered", "Priorités", 4, "P3"),
                         ("alignment.priority_uncovered", "Priorités", 5, "P4"),
                         ("alignment.priority_uncovered", "Priorités", 6, "P5"),
                         ("governance.no_steering_committee", "Gouvernance", None, None),
                         ("resources.concentration", None, None, "Karim Benali"),
                         ("risk.no_success_factor", "Risques", None, None),
                         ("risk.none_identified", "Risques", None, None)}),
         removed=frozenset({("budget.envelope_exceeded", "Enveloppes", 3, "2028/Investissement"),
                           ("budget.unconfirmed_envelope", "Enveloppes", 4, "2029/Enveloppe NR"),
                           ("budget.unconfirmed_envelope", "Enveloppes", 7, "2029/Budget DSI"),
                           ("budget.unconfirmed_envelope", "Enveloppes", 9, "2028/Subvention"),
                           ("budget.unconfirmed_envelope", "Enveloppes", 10, "2029/Subvention"),
                           ("capacity.overload", "Capacités", 2, "DSI/2027-T2"),
                           ("governance.late_setup", "Gouvernance", 3, "Comité technique"),
                           ("kpi.action_without_kpi", "Feuille de route", 12, "B3.3"),
                           ("risk.unmitigated", "Risques", 5, "R4"),
                           ("schedule.dependency_order", "Feuille de route", 23, "B6.2/B2.4"),
                           ("skills.elsewhere", "Feuille de route", 17, "B4.4/Achats responsables"),
                           ("skills.elsewhere", "Feuille de route", 18, "B5.1/Animation de réseau"),
                           ("skills.missing", "Feuille de route", 15, "B4.2/Audit RGAA"),
                           ("skills.partial", "Feuille de route", 14, "B4.1/Écoconception"),
                           ("skills.partial", "Feuille de route", 16, "B4.3/Écoconception"),
                           ("validation.followup_missing", "Feuille de route", 9, "B2.4")})),
    Case("valeur égarée en ligne 1 048 576", stray_value, 1, "Budget!B1048576",
         codes=EXAMPLE_CODES | frozenset({"input.missing_value", "input.blank_row"}),
         added=frozenset({("input.missing_value", "Budget", 1048576, "Budget!B1048576"),
                         ("input.blank_row", "Budget", 40, "Budget!40")})),
    Case("texte très long", long_text, 1,
         codes=EXAMPLE_CODES),
    Case("émojis et écriture de droite à gauche", emoji_rtl, 1,
         codes=EXAMPLE_CODES),
    Case("identifiants en double", duplicate_ids, 1, "B1.1",
         codes=EXAMPLE_CODES | frozenset({"budget.unknown_action", "capacity.unknown_action", "ids.duplicate"}),
         added=frozenset({("budget.unknown_action", "Budget", 2, "B1.2/2027"),
                         ("budget.unknown_action", "Budget", 3, "B1.2/2028"),
                         ("budget.unknown_action", "Budget", 4, "B1.2/2029"),
                         ("capacity.unknown_action", "Charge", 29, "B1.2/Transition écologique/2027"),
                         ("capacity.unknown_action", "Charge", 33, "B1.2/Transition écologique/2028"),
                         ("capacity.unknown_action", "Charge", 36, "B1.2/Transition écologique/2029"),
                         ("ids.duplicate", "Feuille de route", 3, "B1.1")})),
    Case("dépendances circulaires", circular, 1, "B1.1",
         codes=EXAMPLE_CODES | frozenset({"schedule.dependency_cycle"}),
         added=frozenset({("schedule.dependency_cycle", "Feuille de route", 2, "B1.1/B1.3/B1.2/B1.1"),
                         ("schedule.dependency_order", "Feuille de route", 2, "B1.1/B1.3"),
                         ("schedule.dependency_order", "Feuille de route", 3, "B1.2/B1.1"),
                         ("schedule.dependency_order", "Feuille de route", 4, "B1.3/B1.2")})),
    # A DSI workload of 10²⁹ j-h unreadable: the DSI's 2027 quarters are not judged from what is left.
    Case("nombres de plus de 15 chiffres", huge_numbers, 1, "trop grand",
         codes=(EXAMPLE_CODES - frozenset({"capacity.overload"})) | frozenset({"input.bad_number"}),
         added=frozenset({("input.bad_number", "Budget", 2, "Budget!C2"),
                         ("input.bad_number", "Budget", 3, "Budget!D3"),
                         ("input.bad_number", "Charge", 2, "Charge!D2"),
                         ("input.bad_number", "Paramètres", 3, "Paramètres!B3")}),
         removed=frozenset({("capacity.overload", "Capacités", 2, "DSI/2027-T2")})),
    Case("paramètres absurdes", absurd_parameters, 1, "Paramètres!B",
         codes=EXAMPLE_CODES | frozenset({"input.implausible_date", "input.implausible_parameter"}),
         added=frozenset({("input.implausible_date", "Paramètres", 5, "Paramètres!B5"),
                         ("input.implausible_parameter", "Paramètres", 10, "Paramètres!B10"),
                         ("input.implausible_parameter", "Paramètres", 11, "Paramètres!B11")})),
    # A negative capacity and a date of 1900 are set aside: no rule judges with them.
    Case("capacité négative, trimestre 9999, date de 1900", implausible_plan, 1, "Capacités!C2",
         codes=(EXAMPLE_CODES - frozenset({"capacity.overload"})) | frozenset({"input.implausible_date",
                                                                               "input.implausible_workload"}),
         added=frozenset({("input.implausible_date", "Feuille de route", 2, "Feuille de route!G2"),
                         ("input.implausible_date", "Gouvernance", 2, "Gouvernance!F2"),
                         ("input.implausible_workload", "Capacités", 2, "Capacités!C2")}),
         removed=frozenset({("capacity.overload", "Capacités", 2, "DSI/2027-T2")})),
    Case("erreurs Excel dans le journal", journal_with_errors, 1, "N° 1",
         codes=(EXAMPLE_CODES - frozenset({"budget.envelope_exceeded"})) | frozenset({"journal.tampered"}),
         added=frozenset({("journal.tampered", "Journal", 2, "1")}),
         removed=frozenset({("budget.envelope_exceeded", "Enveloppes", 3, "2028/Investissement")})),
    Case("bombe zip", zip_bomb, 3, "taux anormal"),
    Case("expansion d'entités XML", billion_laughs, 3, "n'a pas pu être lu"),
    Case("entité externe (XXE)", external_entity, 3, "n'a pas pu être lu"),
    Case("fichier trop gros", oversized, 3, "limite"),
    Case("remarque sous le tableau Journal", journal_note_below, 1,  # no tampering: only announced in the way
         codes=EXAMPLE_CODES | frozenset({"journal.note_under_table"}),
         added=frozenset({("journal.note_under_table", "Journal", 30, "Journal!A30")})),
    Case("ligne saisie dans le tableau Journal", journal_row_inside, 1, "ce texte hors du tableau ou supprimez la ligne",
         codes=EXAMPLE_CODES | frozenset({"journal.reference_missing", "journal.tampered"}),
         added=frozenset({("journal.reference_missing", "_nr_reference", None, None),
                         ("journal.tampered", "Journal", 2, "1")})),
)


# Writing (check --write) into files as users leave them: what must be kept, or refused.
@dataclass(frozen=True)
class WriteCase:
    name: str
    build: Callable[[Path, Path], Path]  # (example workbook, folder) -> path given to the command
    exit_code: int  # 1: written (the example is bloquant); 3: refused, nothing written
    says: str = ""  # a fragment of the refusal
    kept: tuple[tuple[str, str, str], ...] = ()  # (sheet, cell, text) still there after the write


NOTE = "revoir B3.1 avec les finances"


def controles_note_below(example: Path, folder: Path) -> Path:
    def change(wb):  # type: ignore[no-untyped-def]
        wb["Contrôles"]["A200"] = NOTE

    return _edit(example, folder, "note_sous_controles.xlsm", change)


def controles_note_in_the_way(example: Path, folder: Path) -> Path:
    def change(wb):  # type: ignore[no-untyped-def]
        wb["Contrôles"]["A4"] = NOTE  # where the findings go

    return _edit(example, folder, "note_sur_les_constats.xlsm", change)


def user_table_on_controles(example: Path, folder: Path) -> Path:
    from openpyxl.worksheet.table import Table

    def change(wb):  # type: ignore[no-untyped-def]
        ws = wb["Contrôles"]
        ws["R1"], ws["S1"], ws["R2"], ws["S2"] = "Sujet", "Suite", "B3.1", "à revoir"
        ws.add_table(Table(displayName="tbl_MesDecisions", ref="R1:S2"))

    return _edit(example, folder, "tableau_utilisateur.xlsm", change)


def formula_like_text(example: Path, folder: Path) -> Path:
    def change(wb):  # type: ignore[no-untyped-def]
        ws = wb["Feuille de route"]
        ws["C2"] = '=HYPERLINK("http://exemple.invalid","clic")'
        ws["C2"].data_type = "s"

    return _edit(example, folder, "texte_formule.xlsm", change)


def symlink_to_workbook(example: Path, folder: Path) -> Path:
    target = _copy(example, folder, "vrai_classeur.xlsm")
    link = folder / "raccourci.xlsm"
    link.symlink_to(target)
    return link


def bak_is_a_link(example: Path, folder: Path) -> Path:
    path = _copy(example, folder, "avec_lien_bak.xlsm")
    (folder / "texte.txt").write_text(NOTE)
    (folder / "avec_lien_bak.xlsm.bak").symlink_to(folder / "texte.txt")
    (folder / "avec_lien_bak.xlsm.2020-01-01_00-00-00.bak").mkdir()
    return path


WRITE_CASES: tuple[WriteCase, ...] = (
    WriteCase("note sous le tableau Contrôles", controles_note_below, 1, kept=(("Contrôles", "A200", NOTE),)),
    WriteCase("note là où vont les constats", controles_note_in_the_way, 3, "A4"),
    WriteCase("tableau de l'utilisateur sur Contrôles", user_table_on_controles, 1,
              kept=(("Contrôles", "S2", "à revoir"),)),
    WriteCase("texte commençant par =", formula_like_text, 1),
    WriteCase("lien symbolique vers le classeur", symlink_to_workbook, 1),
    WriteCase("sauvegarde .bak qui est un lien, ou un dossier", bak_is_a_link, 1),
)
