"""Turns openpyxl's .xlsx into the committed, deterministic .xlsm.

Same sources give the same bytes: fixed timestamps, entries sorted with
[Content_Types].xml first, the macro-enabled main content type.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from nr_xl import __version__

XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
FIXED_TIME = (2025, 1, 1, 0, 0, 0)
CORE_XML_TEMPLATE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>Feuille de route Numérique responsable</dc:title>"
    "<dc:creator>nr_xl</dc:creator><cp:lastModifiedBy>nr_xl</cp:lastModifiedBy>"
    "<dc:language>fr-FR</dc:language><cp:version>{version}</cp:version>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">2025-01-01T00:00:00Z</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">2025-01-01T00:00:00Z</dcterms:modified>'
    "</cp:coreProperties>"
)
# The version of nr_xl that built the workbook: nr-xl doctor shows it.
CORE_XML = CORE_XML_TEMPLATE.replace("{version}", __version__)


def read_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def write_parts(path: Path, parts: dict[str, bytes]) -> None:
    order = sorted(parts, key=lambda n: (n != "[Content_Types].xml", n))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in order:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, parts[name], compresslevel=9)
    path.write_bytes(buffer.getvalue())


def macro_enable(parts: dict[str, bytes]) -> None:
    types = parts["[Content_Types].xml"].decode("utf-8")
    parts["[Content_Types].xml"] = types.replace(XLSX_MAIN, XLSM_MAIN).encode("utf-8")
    parts["docProps/core.xml"] = CORE_XML.encode("utf-8")


def package(xlsx: Path, out: Path, lite_wheel: bytes | None = None) -> None:
    """Deterministic, macro-enabled copy of ``xlsx`` at ``out``, with VBA, ribbon and
    xlwings Lite's code (``lite_wheel``: the wheel of nr_xl to embed in its main.py)."""
    from nr_xl.workbook.lite import add_lite, template_files
    from nr_xl.workbook.printing import add_print_areas
    from nr_xl.workbook.vba import add_ribbon, as_specified, embed_vba

    parts = read_parts(xlsx)
    macro_enable(parts)
    write_parts(out, parts)
    embed_vba(out)
    parts = read_parts(out)
    parts["xl/vbaProject.bin"] = as_specified(parts["xl/vbaProject.bin"])
    add_ribbon(parts)
    add_lite(parts, template_files(lite_wheel))
    add_print_areas(parts, _sheet_names(parts))
    write_parts(out, parts)


def _sheet_names(parts: dict[str, bytes]) -> list[str]:
    from nr_xl.sources.ooxml import sheet_parts

    return list(sheet_parts(parts.__getitem__))
