"""A user's workbook as Excel would hold it: VBA project, ribbon, chart, image."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

from openpyxl import load_workbook  # noqa: F401  (kept for readers of this helper)

RIBBON = (
    '<customUI xmlns="http://schemas.microsoft.com/office/2009/07/customui"><ribbon><tabs>'
    '<tab id="tabNR" label="Numérique responsable"><group id="g" label="Contrôler">'
    '<button id="b" label="Vérifier" onAction="NR_Verifier" imageMso="AcceptInvitation"/>'
    "</group></tab></tabs></ribbon></customUI>"
)
RIBBON_REL = ('<Relationship Id="rIdNrRibbon" '
              'Type="http://schemas.microsoft.com/office/2007/relationships/ui/extensibility" '
              'Target="customUI/customUI14.xml"/>')
# A 1x1 PNG: an image part other tools must not lose.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082")


def make_rich(src: Path, dst: Path) -> Path:
    """Copy ``src`` to ``dst`` with a VBA project (pyopenvba), a ribbon and a picture."""
    from pyopenvba import ExcelFile

    shutil.copy2(src, dst)
    with ExcelFile(dst) as wb:
        if not wb.has_vba_project():
            project = wb.add_vba_project()
            project.add_module("Ruban", "Sub NR_Verifier(control As IRibbonControl)\r\n"
                                        "    RunPython \"import nr_xl.macros; nr_xl.macros.check()\"\r\nEnd Sub\r\n")
            wb.save()
    with zipfile.ZipFile(dst) as zf:
        parts = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    if "customUI/customUI14.xml" not in parts:
        parts["customUI/customUI14.xml"] = RIBBON.encode()
        parts["_rels/.rels"] = parts["_rels/.rels"].replace(b"</Relationships>",
                                                            RIBBON_REL.encode() + b"</Relationships>")
    parts["xl/media/logo.png"] = PNG
    types = parts["[Content_Types].xml"]
    if b'Extension="png"' not in types:
        parts["[Content_Types].xml"] = types.replace(
            b"<Default ", b'<Default Extension="png" ContentType="image/png"/><Default ', 1)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    dst.write_bytes(buffer.getvalue())
    return dst
