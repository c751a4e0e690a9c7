"""The safe way every command writes into a user's workbook.

openpyxl's load + save silently drops the ribbon relationship, shapes, charts
and form controls. So nr_xl never re-saves a workbook: it replaces, inside the
.xlsm zip, only the XML of the sheets it owns (and their table parts), copies
every other part byte for byte, checks the result, keeps a backup, and renames
a temporary file over the original. If anything fails the original is intact.
"""

from __future__ import annotations

import datetime as dt
import io
import operator
import os
import re
import secrets
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from xml.sax.saxutils import escape

from lxml import etree

from nr_xl.core import os_words, schema
from nr_xl.core.schema import normalize
from nr_xl.core.errors import WorkbookBusy, WorkbookWriteError
from nr_xl.core.locate import locate
from nr_xl.sources.ooxml import NS, PARSER, REL_NS, is_strict, package_sheets, rels_of
from nr_xl.sources.files import preflight
from nr_xl.core.parse import EXCEL_EPOCH
from nr_xl.core.tables import column_index, column_letter
from nr_xl.workbook import calc_chain, repair
from nr_xl.workbook.backup import UNKNOWN, prune, write_backup
from nr_xl.core.layout import Cell, SheetContent, storable
from nr_xl.workbook.lock import Guard, exclusive
from nr_xl.core import ownership
from nr_xl.workbook.quote import FORMULA_STARTS, QuoteStyles, needs_quote
from nr_xl.workbook.user_cells import SheetSplit, TableInfo, cell_position, shared_strings, split, table_info
from nr_xl.workbook.xstring import escape as escape_text

# Order of the children of <worksheet> (ECMA-376 CT_Worksheet).
_ORDER = [
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr",
    "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState",
    "dataConsolidate", "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting",
    "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter",
    "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags",
    "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects",
    "controls", "webPublishItems", "tableParts", "extLst",
]
# What the tool rewrites in a sheet it owns; everything else of that sheet is kept.
_REPLACED = {"dimension", "sheetData", "mergeCells", "hyperlinks"}


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


# The table nr_xl fills on each sheet it owns; any other table there is the user's.
_OWNED_TABLES = {schema.FINDINGS.sheet: schema.FINDINGS.table, schema.JOURNAL.sheet: schema.JOURNAL.table}


@dataclass(frozen=True)
class _OwnedSheet:
    name: str
    owned: TableInfo | None
    headers: tuple[str, ...] | None
    others: list[TableInfo]


@dataclass(frozen=True)
class SheetTarget:
    name: str
    part: str  # e.g. xl/worksheets/sheet17.xml
    tables: tuple[str, ...]  # table parts of this sheet


# Every workbook this process has replaced: an error after the write (while printing the
# result, say) must never tell the user the workbook was left as it was.
REPLACED: list[Path] = []


def write_owned_sheets(path: Path, contents: dict[str, SheetContent], *,
                       headers: dict[str, tuple[str, ...]] | None = None,
                       patches: dict[str, dict[tuple[int, int], object]] | None = None,
                       guard: Guard | None = None,
                       create: dict[str, str] | None = None, check_vba: bool = False,
                       journal: str = UNKNOWN) -> Path:
    """Replace the sheets named in ``contents``; return the backup's path.

    ``patches`` sets single cells, (row, col) 1-based -> value, in sheets the
    tool does not own (the Version of Paramètres at validation, or a demo's
    edits): only those cells change in that sheet's XML, their style is kept,
    and the sheet's table grows if a row is added below it.

    ``guard`` is the lock held by the caller over its whole read-compute-write
    cycle (``lock.exclusive``); without one the lock is taken for the write
    alone. The file is replaced only if its bytes are still those seen when
    the lock was taken.

    ``create`` names sheets to add when missing, with their state (``"veryHidden"``):
    the reference sheet, when rebuilt after someone deleted it.

    Every write also puts right what another program's re-save broke in nr_xl's parts
    (``repair.py``); the VBA project is read for that only in a file LibreOffice saved,
    or always with ``check_vba`` (``nr-xl doctor --reparer``).

    ``journal`` is the state of the journal in the file replaced (``backup.INTACT`` or
    ``DAMAGED``, when the caller has read it): it names and records the backup.

    Two steps: ``new_package`` builds the new file's bytes, ``replace_file`` puts
    them in place.
    """
    if guard is None:
        with exclusive(Path(path)) as held:
            return write_owned_sheets(path, contents, headers=headers, patches=patches, guard=held,
                                      create=create, check_vba=check_vba, journal=journal)
    path = guard.path
    preflight(path)
    _check_writable(path)
    raw = guard.ensure_unchanged()
    data = new_package(raw, path.name, contents, headers=headers, patches=patches, create=create,
                       check_vba=check_vba)
    return replace_file(guard, raw, data, journal)


def new_package(raw: bytes, name: str, contents: dict[str, SheetContent], *,
                headers: dict[str, tuple[str, ...]] | None = None,
                patches: dict[str, dict[tuple[int, int], object]] | None = None,
                create: dict[str, str] | None = None, check_vba: bool = False) -> bytes:
    """The bytes of the package ``raw`` with ``contents``, ``patches`` and ``create``
    applied (see ``write_owned_sheets``); ``name`` is the file's, for messages.

    Every other part is copied byte for byte; the result is read back and checked
    part by part before it is returned. Touches no file.
    """
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        infos = zf.infolist()
        original = {i.filename: zf.read(i.filename) for i in infos}
    if is_strict(original["xl/workbook.xml"]):
        raise WorkbookWriteError(
            f"« {name} » est enregistré au format « Feuille de calcul Open XML Strict » : nr_xl le lit mais "
            "n'écrit que le format ordinaire d'Excel, et n'y a rien écrit. Dans Excel : Fichier > Enregistrer "
            "sous > « Classeur Excel (prenant en charge les macros) (*.xlsm) », puis relancez.")
    present = _sheet_targets(original)  # by tab and contract names: a renamed sheet is not created again
    for sheet, state in (create or {}).items():
        if sheet not in present:
            infos.append(_add_sheet(original, sheet, state))  # the package's sheet lists change with it
    replaced = _new_parts(Path(name), original, contents, headers or {}, patches or {})
    # What another program's re-save broke in nr_xl's parts (repair.py) is put right by the
    # next write: computed on the package as this write leaves it.
    after = {n: replaced[n] if n in replaced else original[n] for n in original}
    current = {n: data for n, data in after.items() if data is not None}
    fixes = repair.repaired(current, repair.damages(current, vba=check_vba or repair.saved_by_libreoffice(current)))
    for part, fixed in fixes.items():
        if part not in original:
            infos.append(_new_entry(part))
            original[part] = b""  # a part the write adds: listed, compared with what it holds below
        replaced[part] = fixed
    buffer = io.BytesIO()
    # Level 1: the untouched parts are recompressed on every write; speed matters more
    # than the last few kilobytes.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for info in infos:
            data = replaced.get(info.filename, original[info.filename])
            if data is not None:
                out.writestr(info, data, compresslevel=1)
    try:
        _verify(buffer, original, replaced)
    except OSError as exc:
        raise WorkbookWriteError(_os_message(Path(name), exc)) from exc
    return buffer.getvalue()


def replace_file(guard: Guard, raw: bytes, data: bytes, journal: str = UNKNOWN) -> Path:
    """Put ``data`` in place of the workbook ``guard`` holds the lock of; return the backup's path.

    ``raw`` is the file's content seen under the lock, kept as the backup. Atomic: a
    temporary file beside the workbook, synced and read back, then renamed over it,
    and only if the file's bytes are still those seen when the lock was taken (Excel
    or a synchronisation client may have saved it meanwhile). If anything fails, or
    the process is killed at any point, the original is intact.
    """
    path = guard.path
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with tmp.open("wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        _same_bytes(tmp, data)
        shutil.copymode(path, tmp)
        backup = write_backup(path, raw, journal)
        guard.ensure_unchanged()
        os.replace(tmp, path)
        REPLACED.append(path)
    except OSError as exc:
        raise WorkbookWriteError(_os_message(path, exc)) from exc
    finally:
        if tmp.exists():
            tmp.unlink()
    prune(path)
    return backup


def _new_parts(path: Path, original: dict[str, bytes], contents: dict[str, SheetContent],
               headers: dict[str, tuple[str, ...]],
               patches: dict[str, dict[tuple[int, int], object]]) -> dict[str, bytes | None]:
    """The parts that change (None: removed), every one computed before anything is written."""
    targets = _sheet_targets(original)
    styles_xml = original.get("xl/styles.xml", b"")
    style_index = _style_index(styles_xml)
    quote = QuoteStyles(styles_xml)
    shared = shared_strings(original.get("xl/sharedStrings.xml", b""))
    replaced: dict[str, bytes | None] = {}
    cleared: set[tuple[str, str]] = set()
    sheet_ids = calc_chain.sheet_ids(original["xl/workbook.xml"])

    def target_of(name: str) -> SheetTarget:
        if name not in targets:
            raise WorkbookWriteError(
                f"La feuille « {name} » est introuvable dans « {path.name} » : nr_xl n'y a rien écrit. "
                "Recréez-la en la copiant depuis le modèle (nr-xl template), puis relancez."
            )
        return targets[name]

    for name, content in contents.items():
        target = target_of(name)
        tables = [table_info(part, original[part]) for part in target.tables]
        owned = _owned_table(tables, _OWNED_TABLES.get(name), headers.get(name))
        others = [t for t in tables if t is not owned]
        sheet = _OwnedSheet(name, owned, headers.get(name), others)
        replaced[target.part], formulas = _render_sheet(original[target.part], content, style_index, quote, sheet,
                                                        shared, {c: t.name for c, t in targets.items() if c != t.name})
        cleared |= {(sheet_ids.get(target.name, ""), ref) for ref in formulas}
        if owned is not None:
            replaced[owned.part] = _resize_table(original[owned.part], content, headers.get(name))
    for name, cells in patches.items():
        if not cells:
            continue  # nothing to set in that sheet
        target = target_of(name)
        replaced[target.part] = _patch_sheet(original[target.part], cells, quote)
        last_row = max(r for r, _ in cells)
        for table_part in target.tables:
            grown = _extend_table(original[table_part], last_row)
            if grown != original[table_part]:
                replaced[table_part] = grown
    if patches and WORKBOOK_PART in original:
        replaced[WORKBOOK_PART] = recalculate_on_open(original[WORKBOOK_PART])
    if quote.changed:
        replaced["xl/styles.xml"] = quote.xml()
    replaced.update(calc_chain.without(original, cleared))
    return replaced


def _owned_table(tables: list[TableInfo], name: str | None, headers: tuple[str, ...] | None) -> TableInfo | None:
    """nr_xl's table on a sheet it owns: by its name, or, renamed by a user (« Tableau16 »),
    the one table whose columns are nr_xl's, so that its rows never land outside it."""
    if name is None:
        return None
    named = [t for t in tables if t.name.casefold() == name.casefold()]
    if named:
        return named[0]
    if not headers:
        return None
    wanted = [normalize(h) for h in headers]
    same = [t for t in tables if [normalize(c) for c in t.columns] == wanted]
    return same[0] if len(same) == 1 else None


def _check_writable(path: Path) -> None:
    if not os.access(path, os.W_OK):
        raise WorkbookWriteError(
            f"« {path.name} » est en lecture seule : nr_xl n'y a rien écrit. "
            "Retirez l'attribut lecture seule (Propriétés du fichier) ou travaillez sur une copie."
        )
    if not os.access(path.parent, os.W_OK):
        raise WorkbookWriteError(
            f"Le dossier de « {path.name} » n'est pas modifiable : nr_xl n'y a rien écrit. "
            "Copiez le classeur dans un dossier où vous pouvez écrire."
        )
    lock = path.with_name("~$" + path.name)
    if lock.exists():
        raise WorkbookBusy(
            f"« {path.name} » est ouvert dans Excel (fichier de verrou « {lock.name} ») : nr_xl n'y a "
            "rien écrit. Fermez le classeur, ou utilisez le ruban « Numérique responsable » dans Excel."
        )
    lo_lock = path.with_name(".~lock." + path.name + "#")
    if lo_lock.exists():
        raise WorkbookBusy(
            f"« {path.name} » est ouvert dans LibreOffice : nr_xl n'y a rien écrit. Fermez-le et relancez."
        )


def _os_message(path: Path, exc: OSError) -> str:
    why, todo = os_words.reason(exc)
    return (f"L'écriture dans « {path.name} » a échoué : {why}. Le classeur d'origine est intact. {todo}")


def _verify(package: io.BytesIO, original: dict[str, bytes], replaced: dict[str, bytes | None]) -> None:
    with zipfile.ZipFile(package) as zf:
        bad = zf.testzip()
        if bad is not None:
            raise OSError(f"partie {bad} corrompue")
        names = zf.namelist()
        if sorted(names) != sorted(n for n in original if replaced.get(n, b"") is not None):
            raise OSError("parties manquantes")
        for name in names:
            if zf.read(name) != replaced.get(name, original[name]):
                raise OSError(f"partie {name} modifiée")


WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
WORKSHEET_REL = REL_NS + "/worksheet"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"


def _same_bytes(written: Path, data: bytes) -> None:
    """The file on disk holds exactly the package built (a disk or network share may not)."""
    if written.read_bytes() != data:
        raise OSError("fichier temporaire différent du contenu écrit")


def _new_entry(part: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(part, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _add_sheet(parts: dict[str, bytes], name: str, state: str) -> zipfile.ZipInfo:
    """Add an empty sheet ``name`` to the package (workbook, its relationships, content
    types); returns the new part's zip entry. Only the three parts that list sheets change."""
    from nr_xl.sources.ooxml import PKG_REL_NS

    book = etree.fromstring(parts["xl/workbook.xml"], PARSER)
    rels_part = rels_of("xl/workbook.xml")
    rels = etree.fromstring(parts[rels_part], PARSER)
    used = set(parts)
    number = next(n for n in range(1, 10_000) if f"xl/worksheets/sheet{n}.xml" not in used)
    part = f"xl/worksheets/sheet{number}.xml"
    ids = {r.get("Id") for r in rels}
    rid = next(f"rIdNr{n}" for n in range(1, 10_000) if f"rIdNr{n}" not in ids)
    etree.SubElement(rels, f"{{{PKG_REL_NS}}}Relationship",
                     {"Id": rid, "Type": WORKSHEET_REL, "Target": f"worksheets/sheet{number}.xml"})
    sheets = book.find(_q("sheets"))
    assert sheets is not None
    sheet_id = max([int(s.get("sheetId", "0")) for s in sheets] + [0]) + 1
    etree.SubElement(sheets, _q("sheet"), {"name": name, "sheetId": str(sheet_id), "state": state,
                                           f"{{{REL_NS}}}id": rid})
    types = etree.fromstring(parts["[Content_Types].xml"], PARSER)
    etree.SubElement(types, f"{{{CT_NS}}}Override", {"PartName": "/" + part, "ContentType": WORKSHEET_TYPE})
    for key, root in (("xl/workbook.xml", book), (rels_part, rels), ("[Content_Types].xml", types)):
        parts[key] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    parts[part] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   f'<worksheet xmlns="{NS}" xmlns:r="{REL_NS}"><sheetData/></worksheet>').encode()
    return _new_entry(part)


def _sheet_targets(parts: dict[str, bytes]) -> dict[str, SheetTarget]:
    """Each sheet by its tab name, and each contract sheet also by its contract name, found
    by its table or code name when a user renamed the tab (``core/locate.py``)."""
    sheets = package_sheets(parts.__getitem__, parts.__contains__)
    result = {s.name: SheetTarget(s.name, s.part, tuple(t.part for t in s.tables)) for s in sheets}
    for contract, actual in locate([s.found for s in sheets]).sheets.items():
        result[contract] = result[actual]
    return result


def _style_index(styles_xml: bytes) -> dict[str, int]:
    """Named style -> index of a cellXfs entry using it (0, the default, when absent)."""
    if not styles_xml:
        return {}
    root = etree.fromstring(styles_xml, PARSER)
    named = {s.get("name"): s.get("xfId") for s in root.iter(_q("cellStyle"))}
    cell_xfs = root.find(_q("cellXfs"))
    result: dict[str, int] = {}
    if cell_xfs is None:
        return result
    xfs = list(cell_xfs.iter(_q("xf")))
    for name, xf_id in named.items():
        for index, xf in enumerate(xfs):
            if xf.get("xfId") == xf_id:
                result[name] = index
                break
    return result


def _cell_markup(ref: str, style: str | None, value: object, quote: QuoteStyles | None = None) -> str:
    """One <c> element as text, for both the owned sheets and patched cells.

    Text is always an inline string: for Excel it is text whatever it starts
    with, so user text such as "=HYPERLINK(...)" can never become a formula;
    a literal « _xHHHH_ » in it is escaped as Excel escapes it (``xstring``).
    Building a sheet as a string and parsing it once is several times faster
    than an lxml call per cell. Text that Excel would re-type as a formula
    on F2 + Enter gets the quote prefix (``quote``).
    """
    if type(value) is str and value:  # most cells: one test, then straight to the text
        if quote is not None and value.startswith(FORMULA_STARTS):
            style = str(quote.twin(int(style or 0)))
        text = escape_text(storable(value)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return (f'<c r="{ref}"' + (f' s="{style}"' if style else "")
                + f' t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>')
    if quote is not None and needs_quote(value):
        style = str(quote.twin(int(style or 0)))
    attrs = f' r="{ref}"' + (f' s="{style}"' if style else "")
    if value is None or value == "":
        return f"<c{attrs}/>"
    if isinstance(value, bool):
        return f'<c{attrs} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, dt.datetime):
        return f"<c{attrs}><v>{(value - dt.datetime(1899, 12, 30)).total_seconds() / 86400:g}</v></c>"
    if isinstance(value, dt.date):
        return f"<c{attrs}><v>{(value - EXCEL_EPOCH).days}</v></c>"
    if isinstance(value, (int, float, Decimal)):
        return f"<c{attrs}><v>{value}</v></c>"
    return f'<c{attrs} t="inlineStr"><is><t xml:space="preserve">{escape(escape_text(storable(str(value))))}</t></is></c>'


_STAND_IN = "nrxlStandIn"
_by_column = operator.attrgetter("col")


def _render_sheet(old_xml: bytes, content: SheetContent, style_index: dict[str, int],
                  quote: QuoteStyles | None, sheet: _OwnedSheet, shared: list[str],
                  renamed: dict[str, str] | None = None) -> tuple[bytes, list[str]]:
    """The owned sheet with nr_xl's new cells and every cell of the user's kept
    where it was (``ownership``); also the refs of nr_xl's formula cells that disappear."""
    root = etree.fromstring(old_xml, PARSER)
    kept = split(root, sheet.name, sheet.owned, sheet.headers, sheet.others, shared)
    problem = ownership.refusal(kept.cells, kept.found, content)
    if problem:
        raise WorkbookWriteError(problem)
    old = {etree.QName(child).localname: child for child in root if etree.QName(child).namespace == NS}
    for child in list(root):
        if etree.QName(child).localname in _REPLACED and etree.QName(child).namespace == NS:
            root.remove(child)
    rows = _rows_of(content)
    data_xml = _sheet_data(rows, content, style_index, quote, kept)
    _insert(root, etree.Element(_q("dimension"), ref=_dimension(rows, content, kept)))
    if root.nsmap.get(None) == NS:  # declared once, on the sheet, as Excel writes it
        data_xml = data_xml.replace(f'<sheetData xmlns="{NS}"'.encode(), b"<sheetData", 1)
    # An empty stand-in, replaced by the text of the new sheetData once the sheet is
    # serialised: moving a parsed tree of 100,000 cells into this document makes lxml
    # revisit every node, which cost more than building the sheet.
    token = secrets.token_hex(8)
    _insert(root, etree.Element(_q("sheetData"), {_STAND_IN: token}))
    _keep_merges(root, old, kept)
    _hyperlinks(root, old, content, kept, renamed or {})
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    stand_in = re.compile(rb"<[^<>]*\b" + _STAND_IN.encode() + rb'="' + token.encode() + rb'"[^<>]*/>')
    xml, found = stand_in.subn(lambda _: data_xml, xml, count=1)
    assert found == 1, "the sheetData stand-in must be in the serialised sheet"
    return xml, kept.cleared_formulas


def _rows_of(content: SheetContent) -> dict[int, list[Cell]]:
    """nr_xl's filled cells by row."""
    rows: dict[int, list[Cell]] = {}
    for cell in content.cells:
        if cell.value is not None:
            rows.setdefault(cell.row, []).append(cell)
    return rows


def _sheet_data(rows: dict[int, list[Cell]], content: SheetContent, style_index: dict[str, int],
                quote: QuoteStyles | None, kept: SheetSplit) -> bytes:
    """The new <sheetData>: nr_xl's rows built as text, the user's cells put back among them."""
    heights = dict(content.heights)
    styles = {name: str(index) for name, index in style_index.items() if index}  # style 0: no attribute
    parts = [f'<sheetData xmlns="{NS}">']
    for r in sorted(rows):
        height = f' ht="{heights[r]:g}" customHeight="1"' if r in heights else ""
        parts.append(f'<row r="{r}"{height}>')
        parts.extend(_cell_markup(f"{column_letter(cell.col - 1)}{r}", styles.get(cell.style), cell.value, quote)
                     for cell in sorted(rows[r], key=_by_column))
        parts.append("</row>")
    parts.append("</sheetData>")
    data_xml = "".join(parts).encode("utf-8")
    if not kept.user:  # the common case: nothing of the user's to interleave, the text is the sheetData
        return data_xml
    data = etree.fromstring(data_xml, PARSER)
    _put_back(data, kept)
    return etree.tostring(data, encoding="UTF-8")


def _keep_merges(root: etree._Element, old: dict[str, etree._Element], kept: SheetSplit) -> None:
    """The user's merged areas stay (nr_xl merges nothing)."""
    merges = [m for m in old.get("mergeCells", ()) if cell_position(m.get("ref", "").partition(":")[0]) in kept.user]
    if merges:
        merge_cells = etree.Element(_q("mergeCells"), count=str(len(merges)))
        merge_cells.extend(merges)
        _insert(root, merge_cells)


def _hyperlinks(root: etree._Element, old: dict[str, etree._Element], content: SheetContent,
                kept: SheetSplit, renamed: dict[str, str]) -> None:
    """nr_xl's links (a finding to its cell, on the tab as the user named it), and the user's links kept."""
    links = [c for c in content.cells if c.link and c.value is not None]
    user_links = [h for h in old.get("hyperlinks", ()) if cell_position(h.get("ref", "")) in kept.user]
    if not (links or user_links):
        return
    hyperlinks = etree.Element(_q("hyperlinks"))
    for cell in links:
        etree.SubElement(hyperlinks, _q("hyperlink"), ref=f"{column_letter(cell.col - 1)}{cell.row}",
                         location=storable(_retarget(str(cell.link), renamed)), display=storable(str(cell.value)))
    hyperlinks.extend(user_links)
    _insert(root, hyperlinks)


def _retarget(link: str, renamed: dict[str, str]) -> str:
    """« 'Budget'!C7 » -> « 'Budget 2027'!C7 » when the tab « Budget » was renamed."""
    sheet, bang, cell = link.rpartition("!")
    name = sheet[1:-1].replace("''", "'") if sheet.startswith("'") and sheet.endswith("'") else sheet
    if not bang or name not in renamed:
        return link
    return "'" + renamed[name].replace("'", "''") + "'!" + cell


def _put_back(data: etree._Element, kept: SheetSplit) -> None:
    """Insert the user's cells (and their rows' attributes) into the new sheetData."""
    if not kept.user:
        return
    rows = {int(r.get("r", "0")): r for r in data}
    for (r, col), cell in sorted(kept.user.items()):
        row = rows.get(r)
        if row is None:
            row = etree.Element(_q("row"), r=str(r))
            for key, value in kept.rows.get(r, {}).items():
                row.set(key, value)
            later = [x for x in data if int(x.get("r", "0")) > r]
            data.insert(data.index(later[0]), row) if later else data.append(row)
            rows[r] = row
        later_cells = [c for c in row if cell_position(c.get("r", ""))[1] > col]
        row.insert(row.index(later_cells[0]), cell) if later_cells else row.append(cell)


def _dimension(rows: dict[int, list[Cell]], content: SheetContent, kept: SheetSplit) -> str:
    """The used range, kept true: Excel and xlwings size their reads on it. ``rows``: the
    rows nr_xl fills; ``kept.user``: the positions of the user's cells put back."""
    max_row = max([*rows, *(r for r, _ in kept.user), 1])
    max_col = max([c.col for c in content.cells] + [col for _, col in kept.user] + [1])
    return f"A1:{column_letter(max_col - 1)}{max_row}"


def _patch_sheet(old_xml: bytes, cells: dict[tuple[int, int], object], quote: QuoteStyles | None = None) -> bytes:
    root = etree.fromstring(old_xml, PARSER)
    data = root.find(_q("sheetData"))
    if data is None:
        data = etree.Element(_q("sheetData"))
        _insert(root, data)
    rows = {x.get("r"): x for x in data.iter(_q("row"))}
    for (r, col), value in sorted(cells.items()):
        ref = f"{column_letter(col - 1)}{r}"
        row = rows.get(str(r))
        if row is None:
            row = etree.Element(_q("row"), r=str(r))
            later = [x for x in data if int(x.get("r", "0")) > r]
            data.insert(data.index(later[0]), row) if later else data.append(row)
            rows[str(r)] = row
        row.attrib.pop("spans", None)  # an optimisation hint that must cover every cell
        cell = next((c for c in row if c.get("r") == ref), None)
        if cell is None:
            above = rows.get(str(r - 1))
            above_ref = f"{column_letter(col - 1)}{r - 1}"
            style = next((c.get("s") for c in above if c.get("r") == above_ref), None) \
                if above is not None else None
        else:
            style = cell.get("s")
        new = etree.fromstring(f'<sheetData xmlns="{NS}">{_cell_markup(ref, style, value, quote)}</sheetData>',
                               PARSER)[0]
        if cell is not None:
            row.replace(cell, new)
        else:
            later = [c for c in row if column_index(re.sub(r"\d", "", c.get("r", ""))) + 1 > col]
            row.insert(row.index(later[0]), new) if later else row.append(new)
    keep_dimension_true(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


WORKBOOK_PART = "xl/workbook.xml"


def recalculate_on_open(workbook_xml: bytes) -> bytes:
    """Ask Excel for one full recalculation on the next open.

    Only after patching input cells: formulas reading them keep the values
    Excel cached, which are now stale. The sheets nr_xl owns feed no formula,
    so writing them leaves workbook.xml untouched (a forced recalculation on
    every open makes Excel ask to save on every close). Excel drops the flag
    when it saves.
    """
    root = etree.fromstring(workbook_xml, PARSER)
    calc = root.find(_q("calcPr"))
    if calc is None:
        calc = etree.SubElement(root, _q("calcPr"))
        # calcPr follows these in CT_Workbook's sequence: place it before the first later element.
        later = [c for c in root if etree.QName(c).localname in (
            "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing",
            "fileRecoveryPr", "webPublishObjects", "extLst")]
        if later:
            root.remove(calc)
            later[0].addprevious(calc)
    if calc.get("fullCalcOnLoad") == "1":
        return workbook_xml
    calc.set("fullCalcOnLoad", "1")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def keep_dimension_true(root: etree._Element) -> None:
    """Make <dimension> span every cell of the sheet, as Excel writes it: a
    patch that adds a row below the used range must move it, or the sheet's
    declared range and its table disagree."""
    rows, cols = [], []
    for cell in root.iter(_q("c")):
        m = re.fullmatch(r"([A-Z]+)(\d+)", cell.get("r", ""))
        if m:
            cols.append(column_index(m.group(1)))
            rows.append(int(m.group(2)))
    if not rows:
        return
    first = f"{column_letter(min(cols))}{min(rows)}"
    last = f"{column_letter(max(cols))}{max(rows)}"
    dimension = root.find(_q("dimension"))
    if dimension is None:
        dimension = etree.Element(_q("dimension"))
        _insert(root, dimension)
    dimension.set("ref", first if first == last else f"{first}:{last}")


def _extend_table(old_xml: bytes, last_row: int) -> bytes:
    """Grow a table whose last row is above ``last_row`` (a row added below it)."""
    root = etree.fromstring(old_xml, PARSER)
    start, _, end = root.get("ref", "A1:A2").partition(":")
    m = re.match(r"([A-Z]+)(\d+)", end or start)
    if m is None or int(m.group(2)) >= last_row:
        return old_xml
    _set_table_ref(root, f"{start}:{m.group(1)}{last_row}")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _set_table_ref(table: etree._Element, ref: str) -> None:
    """A table's range and its filter's range move together, or Excel repairs the file."""
    table.set("ref", ref)
    auto = table.find(_q("autoFilter"))
    if auto is not None:
        auto.set("ref", ref)


def _insert(root: etree._Element, element: etree._Element) -> None:
    rank = _ORDER.index(etree.QName(element).localname)
    for index, child in enumerate(root):
        name = etree.QName(child).localname
        if name in _ORDER and _ORDER.index(name) > rank:
            root.insert(index, element)
            return
    root.append(element)


def _resize_table(old_xml: bytes, content: SheetContent, headers: tuple[str, ...] | None) -> bytes:
    root = etree.fromstring(old_xml, PARSER)
    start, _, end = root.get("ref", "A1:A2").partition(":")
    first_col = re.match(r"[A-Z]+", start).group(0)  # type: ignore[union-attr]
    last_col = re.match(r"[A-Z]+", end or start).group(0)  # type: ignore[union-attr]
    _set_table_ref(root, f"{first_col}1:{last_col}{content.table_rows + 1}")
    columns = root.find(_q("tableColumns"))
    if headers and columns is not None:
        # Table column names must equal the header cells or Excel repairs the file.
        existing = list(columns)
        if len(existing) == len(headers):
            for col, header in zip(existing, headers):
                col.set("name", header)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
