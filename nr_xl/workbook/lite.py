"""xlwings Lite's code inside the workbook: nothing for a user to paste.

xlwings Lite (the Office add-in ``wa200008175`` of the store) keeps a workbook's
``main.py`` and ``requirements.txt`` in the add-in's part of the package, as Excel stores
any web add-in's settings: a task pane part related from the package root,
``xl/webextensions/taskpanes.xml``, pointing to ``xl/webextensions/webextension1.xml``,
whose ``we:reference`` names the store add-in and whose ``we:property`` elements hold
each file as a JSON-encoded string (Office's encoder writes ``/`` as ``\\/``), beside
``pyodideVersion`` and ``addinVersion``. This is the form of workbooks saved by xlwings
Lite itself (read from published ones; see ``tests/test_lite_parts.py``).

``add_lite`` writes these parts from ``lite/`` (shipped as ``nr_xl.lite``) at template build
time; the file writer copies them byte for byte; ``repair`` puts them back when another
program (LibreOffice) kept the task pane but dropped the add-in it points to.
"""

from __future__ import annotations

import base64
import json
import re
import textwrap
from importlib import resources
from xml.sax.saxutils import escape

from lxml import etree

from nr_xl.sources.ooxml import PARSER, relationships

TASKPANES_PART = "xl/webextensions/taskpanes.xml"
WEBEXTENSION_PART = "xl/webextensions/webextension1.xml"
TASKPANES_RELS = "xl/webextensions/_rels/taskpanes.xml.rels"
PARTS = (TASKPANES_PART, WEBEXTENSION_PART, TASKPANES_RELS)
TASKPANES_REL_TYPE = "http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes"
WEBEXTENSION_REL_TYPE = "http://schemas.microsoft.com/office/2011/relationships/webextension"
TASKPANES_TYPE = "application/vnd.ms-office.webextensiontaskpanes+xml"
WEBEXTENSION_TYPE = "application/vnd.ms-office.webextension+xml"
WE_NS = "http://schemas.microsoft.com/office/webextensions/webextension/2010/11"
WETP_NS = "http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11"
DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"

# The add-in: xlwings Lite in Microsoft's store (OMEX), as workbooks saved by it name it.
STORE_ID = "wa200008175"
STORE_TYPE = "OMEX"
STORE_LOCALE = "fr-FR"
# What xlwings Lite writes beside the code (the values of the published workbooks read).
PYODIDE_VERSION = "0.27.5"
ADDIN_VERSION = "1.0.0.0-18"
# Fixed, so the same sources give the same bytes.
WEBEXTENSION_ID = "{6E2C4B1A-5D0F-4F3B-9A61-2B7C0E4D8F15}"
FILES = ("main.py", "requirements.txt")
# The line of lite/main.py the release replaces with the wheel of nr_xl, in base64.
WHEEL_LINE = 'NR_XL_ROUE = ""'
ROOT_REL_ID = "rIdNrXlLite"


def source(name: str) -> str:
    """A file of lite/ as text (``main.py``, ``requirements.txt``, ``GUIDE.md``)."""
    return resources.files("nr_xl.lite").joinpath(name).read_text(encoding="utf-8")


def with_wheel(main: str, wheel: bytes) -> str:
    """``main`` with the wheel of nr_xl embedded (its last line, in base64, 76 characters a line)."""
    if main.count(WHEEL_LINE) != 1:
        raise ValueError(f"lite/main.py must hold the line {WHEEL_LINE!r} exactly once")
    lines = "\n".join(textwrap.wrap(base64.b64encode(wheel).decode("ascii"), 76))
    return main.replace(WHEEL_LINE, f'NR_XL_ROUE = """\n{lines}\n"""')


def embedded_wheel(main: str) -> bytes | None:
    """The wheel ``with_wheel`` put into ``main``, or None."""
    m = re.search(r'^NR_XL_ROUE = """\n([A-Za-z0-9+/=\n]+)"""', main, flags=re.M)
    return base64.b64decode(m.group(1)) if m else None


def encode(text: str) -> str:
    """A file as xlwings Lite stores it in a ``we:property``: a JSON string, ``/`` escaped."""
    return json.dumps(text, ensure_ascii=False).replace("/", "\\/")


def decode(value: str) -> str:
    decoded = json.loads(value)
    if not isinstance(decoded, str):
        raise ValueError("not a JSON string")
    return decoded


def _attr(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def webextension_xml(files: dict[str, str]) -> bytes:
    properties = [(name, encode(files[name])) for name in FILES]
    properties += [("pyodideVersion", encode(PYODIDE_VERSION)), ("addinVersion", encode(ADDIN_VERSION))]
    props = "".join(f'<we:property name="{_attr(n)}" value="{_attr(v)}"/>' for n, v in properties)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<we:webextension xmlns:we="{WE_NS}" id="{WEBEXTENSION_ID}">'
        f'<we:reference id="{STORE_ID}" version="1.0.0.0" store="{STORE_LOCALE}" storeType="{STORE_TYPE}"/>'
        f'<we:alternateReferences><we:reference id="{STORE_ID.upper()}" version="1.0.0.0" '
        f'store="{STORE_ID.upper()}" storeType="{STORE_TYPE}"/></we:alternateReferences>'
        f"<we:properties>{props}</we:properties><we:bindings/>"
        '<we:snapshot xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>'
        # The add-in brings worksheet functions (NR_…): Excel loads them when the workbook opens.
        f'<we:extLst><a:ext xmlns:a="{DRAWING_NS}" uri="{{D87F86FE-615C-45B5-9D79-34F1136793EB}}">'
        f'<we:containsCustomFunctions/></a:ext><a:ext xmlns:a="{DRAWING_NS}" '
        'uri="{7C84B067-C214-45C3-A712-C9D94CD141B2}"><we:customFunctionIdList/></a:ext></we:extLst>'
        "</we:webextension>"
    ).encode()


# The task pane docked right; visible, so that opening the workbook opens xlwings Lite
# (and, where it is not installed yet, Excel offers it).
TASKPANES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<wetp:taskpanes xmlns:wetp="{WETP_NS}"><wetp:taskpane dockstate="right" visibility="1" width="438" '
    'row="1"><wetp:webextensionref xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'r:id="rId1"/></wetp:taskpane></wetp:taskpanes>'
).encode()
TASKPANES_RELS_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{WEBEXTENSION_REL_TYPE}" Target="webextension1.xml"/></Relationships>'
).encode()


def template_files(wheel: bytes | None = None) -> dict[str, str]:
    """main.py (with the wheel of nr_xl, if given) and requirements.txt, as the workbook stores them."""
    main = source("main.py")
    return {"main.py": with_wheel(main, wheel) if wheel is not None else main,
            "requirements.txt": source("requirements.txt")}


def add_lite(parts: dict[str, bytes], files: dict[str, str]) -> None:
    """Write the add-in's parts, the package relationship and the content types into ``parts``."""
    parts[TASKPANES_PART] = TASKPANES_XML
    parts[TASKPANES_RELS] = TASKPANES_RELS_XML
    parts[WEBEXTENSION_PART] = webextension_xml(files)
    rels = parts["_rels/.rels"].decode("utf-8")
    if TASKPANES_REL_TYPE not in rels:
        rel = f'<Relationship Id="{ROOT_REL_ID}" Type="{TASKPANES_REL_TYPE}" Target="{TASKPANES_PART}"/>'
        parts["_rels/.rels"] = rels.replace("</Relationships>", rel + "</Relationships>").encode("utf-8")
    types = parts["[Content_Types].xml"].decode("utf-8")
    for part, kind in ((TASKPANES_PART, TASKPANES_TYPE), (WEBEXTENSION_PART, WEBEXTENSION_TYPE)):
        if f'PartName="/{part}"' not in types:
            types = types.replace("</Types>", f'<Override PartName="/{part}" ContentType="{kind}"/></Types>')
    parts["[Content_Types].xml"] = types.encode("utf-8")


def stored_files(parts: dict[str, bytes]) -> dict[str, str] | None:
    """The files xlwings Lite reads from the workbook (name -> text), or None when the
    package has no xlwings Lite add-in wired from its root."""
    if state(parts) != "present":
        return None
    root = etree.fromstring(parts[WEBEXTENSION_PART], PARSER)
    found = {}
    for prop in root.iter(f"{{{WE_NS}}}property"):
        name, value = prop.get("name"), prop.get("value")
        if name in FILES and value is not None:
            found[name] = decode(value)
    return found


def state(parts: dict[str, bytes]) -> str:
    """« present » (the add-in and its files, wired from the package root), « absent » (no
    trace of it: a workbook from before), or « broken » (a task pane left without the add-in
    it points to, or parts no longer related: what LibreOffice's re-save leaves)."""
    names = set(parts)
    root_rels = parts.get("_rels/.rels", b"")
    wired = any(kind == TASKPANES_REL_TYPE and target.lstrip("/") == TASKPANES_PART
                for _, kind, target in _rels(root_rels))
    if not wired and not names & set(PARTS):
        return "absent"
    if not (wired and set(PARTS) <= names):
        return "broken"
    targets = [target for _, kind, target in _rels(parts[TASKPANES_RELS]) if kind == WEBEXTENSION_REL_TYPE]
    if "webextension1.xml" not in targets:
        return "broken"
    try:
        root = etree.fromstring(parts[WEBEXTENSION_PART], PARSER)
    except etree.XMLSyntaxError:
        return "broken"
    reference = root.find(f"{{{WE_NS}}}reference")
    if reference is None or reference.get("id", "").lower() != STORE_ID:
        return "absent"  # another web add-in: not ours to judge
    return "present"


def _rels(xml: bytes) -> list[tuple[str, str, str]]:
    try:
        return relationships(xml) if xml else []
    except etree.XMLSyntaxError:
        return []
