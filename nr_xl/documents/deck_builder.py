"""Builds the PowerPoint template of the committee's deck, shipped in
nr_xl/documents/templates/support_comite.pptx.

An ordinary .pptx, written part by part (no library's default template, so the same
code gives the same bytes whatever is installed): 16:9, one master, one named layout
per kind of slide, placeholders named in French. A collectivité copies it into
« modeles/support_comite.pptx » beside its workbook and changes, in PowerPoint's
slide master view, colours, fonts, logo and the position of each placeholder; the
deck keeps using its layouts and placeholders by name (``LAYOUTS``). Rebuild with
``python -m nr_xl.documents.deck_builder``; a test checks the committed file equals
a fresh build.

Colours: dark green titles and table headers on white, text in near-black, every
accent at least 4.5:1 against white (tests/test_deck.py computes it), so text,
chart bars and their labels stay readable when projected or printed in grey.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

TEMPLATE = Path(__file__).with_name("templates") / "support_comite.pptx"
FIXED_TIME = (2025, 1, 1, 0, 0, 0)  # same inputs, same zip bytes (as the Word templates and the workbook)

EMU_PER_INCH = 914400
WIDTH, HEIGHT = 12192000, 6858000  # 13,33 × 7,5 in: 16:9
FONT = "Arial"

# The theme's colours (hex RGB), each with a contrast of 4.5:1 or more on white.
TEXT = "1A1A1A"
TITLE = "1F4E3D"
LIGHT = "EEF3F0"
ACCENTS = ("1F4E3D", "2F5597", "A65300", "6A3D9A", "00707A", "7F4F24")
ALERT = "B00020"  # « PROJET », overloads and overruns
MUTED = "595959"  # footers and notes

# Placeholder names: what the deck looks for in each layout (PowerPoint shows them in
# the selection pane, Alt+F10, and keeps them when a placeholder is moved or resized).
TITLE_NAME = "Titre"
SUBTITLE, COMMITTEE_DATE, MENTION = "Sous-titre", "Date du comité", "Mention"
BODY, NOTE, LEFT, RIGHT = "Texte", "Note", "Colonne de gauche", "Colonne de droite"
TABLE, CHART = "Tableau", "Graphique"
FOOTER, SLIDE_NUMBER = "Pied de page", "Numéro de diapositive"


@dataclass(frozen=True)
class Box:
    """A placeholder of a layout: name, type, idx and position in inches."""

    name: str
    kind: str  # ctrTitle, title, subTitle, body, tbl, chart, ftr, sldNum
    idx: int
    x: float
    y: float
    w: float
    h: float
    prompt: str = ""
    style: str = ""  # extra a:lstStyle content


@dataclass(frozen=True)
class Layout:
    name: str
    type: str
    boxes: tuple[Box, ...]


def _inch(value: float) -> int:
    return round(value * EMU_PER_INCH)


def _level(size: int, color: str = "", bold: bool = False, italic: bool = False, bullet: bool = False,
           level: int = 1, align: str = "l") -> str:
    fill = f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill>' if color else ""
    bullets = '<a:buNone/>' if not bullet else ""
    return (f'<a:lvl{level}pPr marL="0" indent="0" algn="{align}">{bullets}'
            f'<a:defRPr sz="{size}" b="{int(bold)}" i="{int(italic)}">{fill}<a:latin typeface="+mn-lt"/>'
            f'</a:defRPr></a:lvl{level}pPr>')


MARGIN = 0.6
CONTENT_W = 13.333 - 2 * MARGIN
TOP = 1.45  # below the title and its rule
NOTE_Y, NOTE_H = 6.3, 0.55
FOOTER_Y = 7.0
_NOTE_STYLE = _level(1400, MUTED)
_FOOTER = (Box(FOOTER, "ftr", 11, MARGIN, FOOTER_Y, 10.0, 0.35, "", _level(1100, MUTED)),
           Box(SLIDE_NUMBER, "sldNum", 12, 13.333 - MARGIN - 1.2, FOOTER_Y, 1.2, 0.35, "", _level(1100, MUTED, align="r")))
_TITLE = Box(TITLE_NAME, "title", 0, MARGIN, 0.35, CONTENT_W, 0.9, "Titre de la diapositive")
_NOTE = Box(NOTE, "body", 13, MARGIN, NOTE_Y, CONTENT_W, NOTE_H, "Note (source, ce qui n’est pas montré)", _NOTE_STYLE)

LAYOUTS: tuple[Layout, ...] = (
    Layout("Titre", "title", (
        Box(TITLE_NAME, "ctrTitle", 0, 1.0, 1.2, 11.3, 2.3, "Titre de la présentation",
            _level(3600, TITLE, bold=True)),
        Box(SUBTITLE, "subTitle", 1, 1.0, 3.6, 11.3, 0.8, "Nom de la collectivité", _level(2400, TEXT)),
        Box(COMMITTEE_DATE, "body", 13, 1.0, 4.45, 11.3, 0.6, "Comité de pilotage du …", _level(2000, TEXT)),
        Box(MENTION, "body", 14, 1.0, 5.35, 11.3, 0.9, "PROJET", _level(2000, ALERT, bold=True)),
        *_FOOTER)),
    Layout("Texte", "obj", (
        _TITLE, Box(BODY, "body", 1, MARGIN, TOP, CONTENT_W, NOTE_Y - TOP - 0.1, "Texte"), _NOTE, *_FOOTER)),
    Layout("Deux colonnes", "twoObj", (
        _TITLE,
        Box(LEFT, "body", 1, MARGIN, TOP, CONTENT_W / 2 - 0.2, NOTE_Y - TOP - 0.1, "Colonne de gauche"),
        Box(RIGHT, "body", 2, MARGIN + CONTENT_W / 2 + 0.2, TOP, CONTENT_W / 2 - 0.2, NOTE_Y - TOP - 0.1,
            "Colonne de droite"),
        _NOTE, *_FOOTER)),
    Layout("Tableau", "tbl", (
        _TITLE, Box(TABLE, "tbl", 15, MARGIN, TOP, CONTENT_W, NOTE_Y - TOP - 0.1), _NOTE, *_FOOTER)),
    Layout("Graphique", "chart", (
        _TITLE, Box(CHART, "chart", 16, MARGIN, TOP, CONTENT_W, NOTE_Y - TOP - 0.1), _NOTE, *_FOOTER)),
)
LAYOUT_NAMES = tuple(layout.name for layout in LAYOUTS)

NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_GROUP = ('<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
          '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
          '<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>')


def _xfrm(x: float, y: float, w: float, h: float) -> str:
    return (f'<a:xfrm><a:off x="{_inch(x)}" y="{_inch(y)}"/>'
            f'<a:ext cx="{_inch(w)}" cy="{_inch(h)}"/></a:xfrm>')


def _placeholder(box: Box, shape_id: int) -> str:
    kind = "" if box.kind == "obj" else f' type="{box.kind}"'
    size = ' sz="quarter"' if box.kind in ("ftr", "sldNum", "tbl", "chart") or box.idx >= 13 else ""
    idx = f' idx="{box.idx}"' if box.idx else ""
    anchor = ' anchor="b"' if box.kind == "ctrTitle" else ' anchor="ctr"' if box.kind in ("ftr", "sldNum") else ""
    if box.kind == "sldNum":
        text = ('<a:p><a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum">'
                '<a:rPr lang="fr-FR"/><a:t>‹N°›</a:t></a:fld></a:p>')
    elif box.prompt:
        text = f'<a:p><a:r><a:rPr lang="fr-FR"/><a:t>{escape(box.prompt)}</a:t></a:r></a:p>'
    else:
        text = '<a:p><a:endParaRPr lang="fr-FR"/></a:p>'
    style = f"<a:lstStyle>{box.style}</a:lstStyle>" if box.style else "<a:lstStyle/>"
    autofit = "<a:normAutofit/>" if box.kind in ("body", "title", "ctrTitle", "subTitle") else ""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{escape(box.name)}"/>'
            f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph{kind}{size}{idx}/></p:nvPr></p:nvSpPr>'
            f'<p:spPr>{_xfrm(box.x, box.y, box.w, box.h)}</p:spPr>'
            f'<p:txBody><a:bodyPr{anchor}>{autofit}</a:bodyPr>{style}{text}</p:txBody></p:sp>')


def _rule(shape_id: int, x: float, y: float, w: float, h: float, color: str, name: str) -> str:
    """A plain rectangle (the green rule under the title, the band of the title slide)."""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}" descr=""/>'
            f'<p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
            f'<p:spPr>{_xfrm(x, y, w, h)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
            f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr>'
            f'<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="fr-FR"/></a:p></p:txBody></p:sp>')


def _text_levels(sizes: tuple[int, ...], color: str, bullets: tuple[str, ...]) -> str:
    out = []
    for level, (size, bullet) in enumerate(zip(sizes, bullets), start=1):
        indent = 285750
        margin = indent * (2 * level - 1)
        bu = (f'<a:buFont typeface="{FONT}"/><a:buChar char="{bullet}"/>' if bullet else "<a:buNone/>")
        out.append(f'<a:lvl{level}pPr marL="{margin if bullet else 0}" indent="{-indent if bullet else 0}" '
                   f'algn="l" defTabSz="914400"><a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
                   f'<a:spcBef><a:spcPts val="{900 if level == 1 else 300}"/></a:spcBef>{bu}'
                   f'<a:defRPr sz="{size}" kern="1200" lang="fr-FR"><a:solidFill><a:srgbClr val="{color}"/>'
                   f'</a:solidFill><a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/>'
                   f'</a:defRPr></a:lvl{level}pPr>')
    return "".join(out)


def master_xml(layout_count: int) -> str:
    boxes = (Box(TITLE_NAME, "title", 0, MARGIN, 0.35, CONTENT_W, 0.9, "Titre de la diapositive"),
             Box(BODY, "body", 1, MARGIN, TOP, CONTENT_W, NOTE_Y - TOP - 0.1, "Texte"),
             Box(FOOTER, "ftr", 11, MARGIN, FOOTER_Y, 10.0, 0.35, "", _level(1100, MUTED)),
             Box(SLIDE_NUMBER, "sldNum", 12, 13.333 - MARGIN - 1.2, FOOTER_Y, 1.2, 0.35, "",
                 _level(1100, MUTED, align="r")))
    shapes = "".join(_placeholder(box, i) for i, box in enumerate(boxes, start=2))
    shapes += _rule(len(boxes) + 2, MARGIN, 1.27, CONTENT_W, 0.04, TITLE, "Filet sous le titre")
    ids = "".join(f'<p:sldLayoutId id="{2147483649 + i}" r:id="rId{i + 1}"/>' for i in range(layout_count))
    body = _text_levels((2000, 1700, 1500), TEXT, ("•", "–", "–"))
    title = (f'<a:lvl1pPr algn="l"><a:lnSpc><a:spcPct val="90000"/></a:lnSpc><a:buNone/>'
             f'<a:defRPr sz="2800" b="1" kern="1200" lang="fr-FR"><a:solidFill><a:srgbClr val="{TITLE}"/></a:solidFill>'
             f'<a:latin typeface="+mj-lt"/><a:ea typeface="+mj-ea"/><a:cs typeface="+mj-cs"/></a:defRPr></a:lvl1pPr>')
    other = (f'<a:defPPr><a:defRPr lang="fr-FR"/></a:defPPr>'
             f'<a:lvl1pPr marL="0" algn="l"><a:defRPr sz="1600" kern="1200" lang="fr-FR"><a:solidFill>'
             f'<a:srgbClr val="{TEXT}"/></a:solidFill><a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/>'
             f'<a:cs typeface="+mn-cs"/></a:defRPr></a:lvl1pPr>')
    return (f'{XML}<p:sldMaster {NS}><p:cSld><p:bg><p:bgPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>'
            f'<a:effectLst/></p:bgPr></p:bg><p:spTree>{_GROUP}{shapes}</p:spTree></p:cSld>'
            '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" '
            'accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>'
            f'<p:sldLayoutIdLst>{ids}</p:sldLayoutIdLst>'
            f'<p:txStyles><p:titleStyle>{title}</p:titleStyle><p:bodyStyle>{body}</p:bodyStyle>'
            f'<p:otherStyle>{other}</p:otherStyle></p:txStyles></p:sldMaster>')


def layout_xml(layout: Layout) -> str:
    shapes = "".join(_placeholder(box, i) for i, box in enumerate(layout.boxes, start=2))
    if layout.type == "title":  # a green band on the left of the title slide, no rule
        shapes = _rule(len(layout.boxes) + 2, 0, 0, 0.35, 7.5, TITLE, "Bandeau") + shapes
    hide = ' showMasterSp="0"' if layout.type == "title" else ""
    return (f'{XML}<p:sldLayout {NS}{hide} type="{layout.type}" preserve="1"><p:cSld name="{escape(layout.name)}">'
            f'<p:spTree>{_GROUP}{shapes}</p:spTree></p:cSld>'
            '<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>')


def theme_xml() -> str:
    colours = (f'<a:dk1><a:srgbClr val="{TEXT}"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1>'
               f'<a:dk2><a:srgbClr val="{TITLE}"/></a:dk2><a:lt2><a:srgbClr val="{LIGHT}"/></a:lt2>'
               + "".join(f'<a:accent{i}><a:srgbClr val="{c}"/></a:accent{i}>' for i, c in enumerate(ACCENTS, 1))
               + f'<a:hlink><a:srgbClr val="{ACCENTS[1]}"/></a:hlink>'
               f'<a:folHlink><a:srgbClr val="{ACCENTS[3]}"/></a:folHlink>')
    font = f'<a:latin typeface="{FONT}"/><a:ea typeface=""/><a:cs typeface=""/>'
    solid = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    line = '<a:ln w="{}" cap="flat" cmpd="sng" algn="ctr">' + solid + '<a:prstDash val="solid"/></a:ln>'
    effect = "<a:effectStyle><a:effectLst/></a:effectStyle>"
    return (f'{XML}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Numérique responsable">'
            f'<a:themeElements><a:clrScheme name="Numérique responsable">{colours}</a:clrScheme>'
            f'<a:fontScheme name="Numérique responsable"><a:majorFont>{font}</a:majorFont>'
            f'<a:minorFont>{font}</a:minorFont></a:fontScheme>'
            f'<a:fmtScheme name="Numérique responsable"><a:fillStyleLst>{solid * 3}</a:fillStyleLst>'
            f'<a:lnStyleLst>{line.format(9525)}{line.format(19050)}{line.format(28575)}</a:lnStyleLst>'
            f'<a:effectStyleLst>{effect * 3}</a:effectStyleLst><a:bgFillStyleLst>{solid * 3}</a:bgFillStyleLst>'
            '</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>')


def _relationships(targets: list[tuple[str, str]]) -> str:
    base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    rels = "".join(f'<Relationship Id="rId{i}" Type="{base}{kind}" Target="{target}"/>'
                   for i, (kind, target) in enumerate(targets, start=1))
    return f'{XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>'


def parts() -> dict[str, str]:
    """Every part of the template, by its name in the package."""
    count = len(LAYOUTS)
    pml = "application/vnd.openxmlformats-officedocument.presentationml."
    overrides = [("/ppt/presentation.xml", pml + "presentation.main+xml"),
                 ("/ppt/slideMasters/slideMaster1.xml", pml + "slideMaster+xml"),
                 ("/ppt/presProps.xml", pml + "presProps+xml"), ("/ppt/viewProps.xml", pml + "viewProps+xml"),
                 ("/ppt/tableStyles.xml", pml + "tableStyles+xml"),
                 ("/ppt/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml"),
                 ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
                 ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")]
    overrides += [(f"/ppt/slideLayouts/slideLayout{i}.xml", pml + "slideLayout+xml") for i in range(1, count + 1)]
    types = (f'{XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             + "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides)
             + "</Types>")
    out = {
        "[Content_Types].xml": types,
        "_rels/.rels": _relationships([
            ("officeDocument", "ppt/presentation.xml"),
            ("../package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
            ("extended-properties", "docProps/app.xml")]).replace(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/../package",
            "http://schemas.openxmlformats.org/package"),
        "docProps/core.xml": (
            f'{XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            "<dc:title>Support du comité de pilotage Numérique responsable</dc:title>"
            "<dc:language>fr-FR</dc:language><dc:creator></dc:creator><cp:lastModifiedBy></cp:lastModifiedBy>"
            '<dcterms:created xsi:type="dcterms:W3CDTF">2025-01-01T00:00:00Z</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">2025-01-01T00:00:00Z</dcterms:modified>'
            "</cp:coreProperties>"),
        "docProps/app.xml": (
            f'{XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            "<Application>nr_xl</Application><PresentationFormat>Grand écran (16:9)</PresentationFormat>"
            "<Slides>0</Slides></Properties>"),
        "ppt/presentation.xml": (
            f'{XML}<p:presentation {NS} saveSubsetFonts="1">'
            '<p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>'
            f'<p:sldSz cx="{WIDTH}" cy="{HEIGHT}"/><p:notesSz cx="6858000" cy="9144000"/>'
            '<p:defaultTextStyle><a:defPPr><a:defRPr lang="fr-FR"/></a:defPPr></p:defaultTextStyle>'
            "</p:presentation>"),
        "ppt/_rels/presentation.xml.rels": _relationships([
            ("slideMaster", "slideMasters/slideMaster1.xml"), ("presProps", "presProps.xml"),
            ("viewProps", "viewProps.xml"), ("theme", "theme/theme1.xml"), ("tableStyles", "tableStyles.xml")]),
        "ppt/presProps.xml": f"{XML}<p:presentationPr {NS}/>",
        "ppt/viewProps.xml": (f'{XML}<p:viewPr {NS}><p:normalViewPr><p:restoredLeft sz="15620"/>'
                              '<p:restoredTop sz="94660"/></p:normalViewPr><p:gridSpacing cx="76200" cy="76200"/>'
                              "</p:viewPr>"),
        "ppt/tableStyles.xml": ('{XML}<a:tblStyleLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
                                'def="{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"/>').replace("{XML}", XML),
        "ppt/theme/theme1.xml": theme_xml(),
        "ppt/slideMasters/slideMaster1.xml": master_xml(count),
        "ppt/slideMasters/_rels/slideMaster1.xml.rels": _relationships(
            [("slideLayout", f"../slideLayouts/slideLayout{i}.xml") for i in range(1, count + 1)]
            + [("theme", "../theme/theme1.xml")]),
    }
    for i, layout in enumerate(LAYOUTS, start=1):
        out[f"ppt/slideLayouts/slideLayout{i}.xml"] = layout_xml(layout)
        out[f"ppt/slideLayouts/_rels/slideLayout{i}.xml.rels"] = _relationships(
            [("slideMaster", "../slideMasters/slideMaster1.xml")])
    return out


def build(path: Path = TEMPLATE) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts().items():
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())
    return path


if __name__ == "__main__":  # pragma: no cover
    print(build())
