"""Embeds the VBA project and the ribbon into the built workbook.

The VBA comes from two places: the project's own modules (macros/, installed
as nr_xl.vba) and xlwings' standalone module, taken from the installed,
exactly pinned xlwings package so the VBA always matches the Python side.
pyopenvba writes a project Excel opens (it starts from an Excel-captured
template); its _VBA_PROJECT stream is then rewritten as MS-OVBA requires of a
writer (version 0xFFFF, no cache) so Excel compiles from source.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

RIBBON_PART = "customUI/customUI14.xml"
RIBBON_REL_TYPE = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
RIBBON_REL = (f'<Relationship Id="rIdNrXlRibbon" Type="{RIBBON_REL_TYPE}" '
              f'Target="{RIBBON_PART}"/>')
PROJECT_MODULES = ("Ruban",)


def project_source(name: str) -> str:
    """A module of macros/ as text (the files are cp1252 with CRLF, as VBA stores them)."""
    return resources.files("nr_xl.vba").joinpath(f"{name}.bas").read_bytes().decode("cp1252")


def ribbon_xml() -> bytes:
    return resources.files("nr_xl.vba").joinpath("customUI14.xml").read_bytes()


def xlwings_sources() -> dict[str, tuple[str, str]]:
    """name -> (source, kind) of the xlwings standalone VBA of the installed package."""
    import xlwings

    folder = Path(xlwings.__file__).parent
    return {
        "xlwings": ((folder / "xlwings.bas").read_bytes().decode("cp1252"), "standard"),
        # xlwings.bas uses its own Dictionary class on macOS (no Scripting.Dictionary there).
        "Dictionary": ((folder / "addin" / "Dictionary.cls").read_bytes().decode("cp1252"), "other"),
    }


def embed_vba(path: Path) -> None:
    from pyopenvba import ExcelFile
    from pyopenvba.vba import VBAModuleKind

    with ExcelFile(path) as book:
        project = book.add_vba_project()
        for name, (source, kind) in xlwings_sources().items():
            project.add_module(name, source,
                               kind=VBAModuleKind.other if kind == "other" else VBAModuleKind.standard)
        for name in PROJECT_MODULES:
            project.add_module(name, project_source(name))
        book.save()


# MS-OVBA 2.3.4.1: Reserved1 0x61CC, Version 0xFFFF ("MUST be 0xFFFF on write"),
# Reserved2 0x00, Reserved3, and no performance cache: Excel then compiles the
# project from its source instead of trusting a cache another writer made.
VBA_PROJECT_STREAM = b"\xcc\x61\xff\xff\x00\x00\x00"


def as_specified(vba_project: bytes) -> bytes:
    """The vbaProject.bin with its _VBA_PROJECT stream written as the specification says."""
    from pyopenvba.cfb import CFB

    cfb = CFB.from_bytes(vba_project)
    cfb.write_stream_in_storage("VBA", "_VBA_PROJECT", VBA_PROJECT_STREAM)
    return cfb.to_bytes()


def add_ribbon(parts: dict[str, bytes]) -> None:
    parts[RIBBON_PART] = ribbon_xml()
    rels = parts["_rels/.rels"].decode("utf-8")
    if RIBBON_REL_TYPE not in rels:
        rels = rels.replace("</Relationships>", RIBBON_REL + "</Relationships>")
    parts["_rels/.rels"] = rels.encode("utf-8")
