"""What another program's re-save breaks in nr_xl's parts of a workbook, and its repair from
the template's own sources.

LibreOffice keeps a workbook's data, VBA and ribbon when it saves an .xlsm, but
- turns the very hidden reference sheet (« _nr_reference ») into a merely hidden one,
  which any user can then show and edit;
- rewrites the ``Dictionary`` class module (used by xlwings' VBA on a Mac) with
  « Option ClassModule », a LibreOffice Basic line that is not VBA, and drops its
  attributes (``Item`` as default member among them);
- keeps xlwings Lite's task pane part but drops the add-in it points to (its
  ``main.py`` and ``requirements.txt``) and the relationship between them;
- and some versions drop the ribbon's relationship.

``damages`` says which of these a package shows; ``repaired`` gives the parts that put
them right: the reference sheet very hidden again, the ``Dictionary`` module from the
installed xlwings (as the template builder embeds it), xlwings Lite's parts and the ribbon
from lite/ and macros/. ``nr-xl doctor --reparer`` applies them, and so does every write of
nr_xl (``workbook/writer.py``). Nothing else of the workbook changes.
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from nr_xl.core import schema
from nr_xl.sources.ooxml import NS, PARSER, relationships
from nr_xl.workbook import lite

WORKBOOK_PART = "xl/workbook.xml"
VBA_PART = "xl/vbaProject.bin"
APP_PART = "docProps/app.xml"
# Lines LibreOffice Basic writes into a module it saves, which VBA does not know.
NOT_VBA = re.compile(r"^[ \t]*Option[ \t]+(ClassModule|VBASupport|Compatible)\b", re.I | re.M)
# The modules of the template whose source nr_xl knows, and can therefore put back.
RESTORABLE = ("Dictionary",)


@dataclass(frozen=True)
class Damage:
    """One thing another program broke: ``label`` for nr-xl doctor, ``repairable`` if
    ``repaired`` puts it right."""

    key: str  # reference | vba:<module> | lite | ribbon
    label: str
    detail: str
    repairable: bool = True


def saved_by_libreoffice(parts: Mapping[str, bytes]) -> bool:
    return b"LibreOffice" in parts.get(APP_PART, b"")[:4000]


def damages(parts: Mapping[str, bytes], vba: bool = True) -> list[Damage]:
    """What is broken in ``parts``; ``vba=False`` skips the VBA project (a file writer
    checks it only in a file LibreOffice saved: reading the project costs more)."""
    found: list[Damage] = []
    state = reference_state(parts)
    if state is not None and state != "veryHidden":
        found.append(Damage("reference", "Feuille de référence « " + schema.REFERENCE_SHEET.name + " »",
                            f"{'masquée' if state == 'hidden' else 'visible'} au lieu de « très masquée » : "
                            "n'importe qui peut l'afficher et la modifier"))
    if vba and VBA_PART in parts:
        for name in rewritten_modules(parts):
            found.append(Damage(f"vba:{name}", f"Module VBA « {name} »",
                                "réécrit par LibreOffice (ligne « Option ClassModule ») : ce n'est plus du VBA valide",
                                name in RESTORABLE))
    if lite.state(dict(parts)) == "broken":
        found.append(Damage("lite", "Code xlwings Lite (main.py, requirements.txt)",
                            "le volet xlwings Lite est resté mais son code a disparu (réenregistré par un autre "
                            "programme)"))
    from nr_xl.workbook.vba import RIBBON_PART, RIBBON_REL_TYPE

    if RIBBON_PART in parts and not _root_related(parts, RIBBON_REL_TYPE, RIBBON_PART):
        found.append(Damage("ribbon", "Ruban « Numérique responsable »",
                            "présent dans le fichier mais plus relié au classeur : Excel ne l'affiche pas"))
    return found


def repaired(parts: Mapping[str, bytes], found: list[Damage] | None = None) -> dict[str, bytes]:
    """The parts to write (changed or added) so that every repairable damage is put right."""
    found = damages(parts) if found is None else found
    keys = {d.key for d in found if d.repairable}
    out: dict[str, bytes] = {}
    if "reference" in keys:
        out[WORKBOOK_PART] = very_hidden(parts[WORKBOOK_PART], schema.REFERENCE_SHEET.name)
    modules = [k.split(":", 1)[1] for k in keys if k.startswith("vba:")]
    if modules:
        out[VBA_PART] = restored_modules(parts, modules)
    if "lite" in keys or "ribbon" in keys:
        added = {name: parts[name] for name in ("_rels/.rels", "[Content_Types].xml")}
        if "lite" in keys:
            lite.add_lite(added, lite.template_files())
        if "ribbon" in keys:
            from nr_xl.workbook.vba import add_ribbon

            add_ribbon(added)
        out.update({name: data for name, data in added.items() if parts.get(name) != data})
    return out


def reference_state(parts: Mapping[str, bytes]) -> str | None:
    """The ``state`` of the reference sheet in workbook.xml (``visible`` if unset), None if absent."""
    if WORKBOOK_PART not in parts:
        return None
    root = etree.fromstring(parts[WORKBOOK_PART], PARSER)
    for sheet in root.iter(f"{{{NS}}}sheet"):
        if sheet.get("name") == schema.REFERENCE_SHEET.name:
            return sheet.get("state", "visible")
    return None


def very_hidden(workbook_xml: bytes, name: str) -> bytes:
    """workbook.xml with sheet ``name`` very hidden; only that element's state changes."""
    text = workbook_xml.decode("utf-8")
    pattern = re.compile(r'<(?:\w+:)?sheet\b[^>]*\bname="' + re.escape(name) + r'"[^>]*?/?>')
    match = pattern.search(text)
    if match is None:
        return workbook_xml
    element = match.group(0)
    if re.search(r'\bstate="[^"]*"', element):
        fixed = re.sub(r'\bstate="[^"]*"', 'state="veryHidden"', element)
    else:
        fixed = re.sub(r"(\s*/?>)$", r' state="veryHidden"\1', element)
    return (text[:match.start()] + fixed + text[match.end():]).encode("utf-8")


def _modules(vba_project: bytes) -> dict[str, str]:
    from pyopenvba import ExcelFile

    with tempfile.TemporaryDirectory() as tmp, ExcelFile(_as_xlsm(Path(tmp), vba_project)) as book:
        return dict(book.vba_modules())


def rewritten_modules(parts: Mapping[str, bytes]) -> list[str]:
    """Modules of the VBA project carrying a LibreOffice Basic line; [] if unreadable."""
    try:
        modules = _modules(parts[VBA_PART])
    except Exception:  # a damaged project: nr-xl doctor says so on its own line
        return []
    return sorted(name for name, source in modules.items() if NOT_VBA.search(source))


def restored_modules(parts: Mapping[str, bytes], names: list[str]) -> bytes:
    """vbaProject.bin with each module of ``names`` put back from the installed xlwings'
    source, as the template builder embeds it; every other module is left as it is."""
    from pyopenvba import ExcelFile

    from nr_xl.workbook.vba import as_specified, xlwings_sources

    sources = xlwings_sources()
    with tempfile.TemporaryDirectory() as tmp:
        path = _as_xlsm(Path(tmp), parts[VBA_PART])
        with ExcelFile(path) as book:
            for name in names:
                book.set_module(name, sources[name][0])
            book.save()
        with zipfile.ZipFile(path) as zf:
            return as_specified(zf.read(VBA_PART))


def _as_xlsm(folder: Path, vba_project: bytes) -> Path:
    """A minimal macro-enabled package around ``vba_project``, for pyopenvba (which reads files)."""
    from nr_xl.workbook.package import XLSM_MAIN

    path = folder / "projet.xlsm"
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             f'<Override PartName="/xl/workbook.xml" ContentType="{XLSM_MAIN}"/></Types>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", types)
        zf.writestr("xl/vbaProject.bin", vba_project)
    path.write_bytes(buffer.getvalue())
    return path


def _root_related(parts: Mapping[str, bytes], kind: str, target: str) -> bool:
    try:
        rels = relationships(parts.get("_rels/.rels", b""))
    except etree.XMLSyntaxError:
        return False
    return any(k == kind and t.lstrip("/") == target for _, k, t in rels)
