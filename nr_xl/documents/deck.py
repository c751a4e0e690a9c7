"""Renders the committee's deck (``deck_context.Deck``) into a PowerPoint file: the only
module that imports python-pptx (loaded only when a deck is made or a template checked).

The template is the collectivité's own when there is one (« modeles/support_comite.pptx »
beside the workbook, or ``--template``), else the one shipped (``deck_builder``); its
layouts and placeholders are found by name, so a template re-styled in PowerPoint keeps
working, and ``check_template`` says in French what is missing. Every text goes through
``typography.french`` on its way to a slide; tables and charts are native PowerPoint
objects (a chart keeps its data, editable in PowerPoint), each chart with its figures in
words as alternative text.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nr_xl.core.errors import FileRefused, NrXlError, OutputError, UsageError
from nr_xl.documents import deck_builder as builder
from nr_xl.documents.deck_context import Chart, Deck, Paragraph, Slide, Table, table_font_size
from nr_xl.documents.printable import property_text
from nr_xl.documents.render import pdf_failure
from nr_xl.documents.typography import french, superscript_pieces
from nr_xl.workbook.publish import publish

PACKAGED = builder.TEMPLATE
USER_FOLDER = "modeles"  # as for the Word templates
FILE_NAME = PACKAGED.name
KIND = "support_comite"

# What the deck needs of each layout: the title, and these placeholders (by name).
REQUIRED: dict[str, tuple[str, ...]] = {
    builder.LAYOUTS[0].name: (builder.SUBTITLE, builder.COMMITTEE_DATE, builder.MENTION),
    builder.LAYOUTS[1].name: (builder.BODY, builder.NOTE),
    builder.LAYOUTS[2].name: (builder.LEFT, builder.RIGHT),
    builder.LAYOUTS[3].name: (builder.TABLE, builder.NOTE),
    builder.LAYOUTS[4].name: (builder.CHART, builder.NOTE),
}
MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
MAX_TEMPLATE_UNCOMPRESSED = 300 * 1024 * 1024
_SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"


class DeckTemplateError(FileRefused):
    """A template that cannot make the deck."""


def template_for(workbook: Path, explicit: Path | None) -> Path:
    if explicit is not None:
        if not explicit.is_file():
            raise UsageError(f"Le modèle « {explicit} » est introuvable.")
        return explicit
    mine = workbook.parent / USER_FOLDER / FILE_NAME
    return mine if mine.is_file() else PACKAGED


def default_output(folder: Path, workbook_name: str, dated: Any = None, reference: bool = False) -> Path:
    """« support_comite_<classeur>_<date>.pptx » in ``folder``."""
    from nr_xl.documents.render import safe_filename

    stamp = f"_{dated.isoformat()}" if dated else ""
    which = "_reference" if reference else ""
    return folder / (safe_filename(f"{KIND}{which}_{Path(workbook_name).stem}{stamp}") + ".pptx")


# --- The template ------------------------------------------------------------------

def _refused(template: Path, why: str) -> str:
    return (f"Modèle refusé : « {template.name} » {why}. Repartez du modèle fourni (supprimez-le du dossier "
            f"« {USER_FOLDER}/ » ou retirez --template), puis vérifiez vos modifications avec "
            "« nr-xl template-check ».")


def _check_package(template: Path) -> None:
    """Size limits before anything unzips or parses the template."""
    import zipfile

    if not template.is_file():
        raise DeckTemplateError(f"Le modèle « {template} » est introuvable.")
    size = template.stat().st_size
    if size > MAX_TEMPLATE_BYTES:
        raise DeckTemplateError(_refused(template, f"pèse {size // (1024 * 1024)} Mo (limite : "
                                                   f"{MAX_TEMPLATE_BYTES // (1024 * 1024)} Mo)"))
    try:
        with zipfile.ZipFile(template) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError):
        raise DeckTemplateError(_refused(template, "n'est pas une présentation PowerPoint (.pptx) lisible")) from None
    total = sum(i.file_size for i in infos)
    if total > MAX_TEMPLATE_UNCOMPRESSED or any(
            i.file_size > 10 * 1024 * 1024 and i.file_size > 200 * max(i.compress_size, 1) for i in infos):
        raise DeckTemplateError(_refused(template, f"se décompresse en {total // (1024 * 1024)} Mo "
                                                   "(taux anormal, fichier piégé ou corrompu)"))
    if "ppt/presentation.xml" not in {i.filename for i in infos}:
        raise DeckTemplateError(_refused(template, "n'est pas une présentation PowerPoint (pas de "
                                                   "ppt/presentation.xml) ; enregistrez-la au format .pptx"))


def _open(template: Path):
    from pptx import Presentation

    _check_package(template)
    try:
        return Presentation(str(template))
    except Exception as exc:  # a damaged or foreign package
        raise DeckTemplateError(_refused(template, f"n'a pas pu être ouvert ({type(exc).__name__})")) from exc


def _layouts(prs) -> dict[str, Any]:
    """Every layout of every master, by name (the first of a name wins)."""
    found: dict[str, Any] = {}
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            found.setdefault(layout.name.strip(), layout)
    return found


def _title_of(layout):
    from pptx.enum.shapes import PP_PLACEHOLDER

    return next((ph for ph in layout.placeholders
                 if ph.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)), None)


def _named(layout) -> dict[str, Any]:
    return {ph.name.strip(): ph for ph in layout.placeholders}


def problems_of(prs, template: Path) -> list[str]:
    """What the deck cannot find in an opened template, in French with what to do."""
    problems = []
    layouts = _layouts(prs)
    for name, needed in REQUIRED.items():
        layout = layouts.get(name)
        if layout is None:
            problems.append(
                f"Disposition « {name} » absente de « {template.name} » : dans PowerPoint, Affichage > Masque des "
                f"diapositives, renommez une disposition « {name} » (clic droit > Renommer la disposition) ou "
                f"copiez-la depuis le modèle fourni. Dispositions trouvées : "
                f"{', '.join(f'« {n} »' for n in layouts) or 'aucune'}.")
            continue
        if _title_of(layout) is None:
            problems.append(f"La disposition « {name} » n'a pas d'espace réservé de titre : ajoutez-le dans le "
                            "masque des diapositives (case « Titre » du ruban Masque des diapositives).")
        named = _named(layout)
        for placeholder in needed:
            if placeholder not in named:
                problems.append(
                    f"La disposition « {name} » n'a pas d'espace réservé nommé « {placeholder} » : dans le masque "
                    "des diapositives, sélectionnez l'espace réservé qui doit le recevoir, puis Accueil > "
                    f"Sélectionner > Volet Sélection et renommez-le « {placeholder} ». Espaces réservés trouvés : "
                    f"{', '.join(f'« {n} »' for n in named) or 'aucun'}.")
    return problems


def check_template(template: Path) -> list[str]:
    """What is wrong with a (user-edited) deck template, in French; [] if it is fine."""
    try:
        prs = _open(template)
    except NrXlError as exc:
        return [exc.message]
    return problems_of(prs, template)


# --- Text ----------------------------------------------------------------------------

def _runs(paragraph, text: str, bold: bool = False, size: int | None = None, color: str | None = None) -> None:
    """``text`` (French typography applied) as runs of ``paragraph``, ordinals in superscript."""
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    for piece, superscript in superscript_pieces(french(text)):
        run = paragraph.add_run()
        run.text = piece
        font = run.font
        if bold:
            font.bold = True
        if size:
            font.size = Pt(size)
        if color:
            font.color.rgb = RGBColor.from_string(color)
        font._rPr.set("lang", "fr-FR")
        if superscript:
            font._rPr.set("baseline", "30000")


def _no_bullet(paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", "0")
    ppr.set("indent", "0")
    for child in list(ppr):
        if child.tag.endswith(("}buChar", "}buAutoNum", "}buNone")):
            ppr.remove(child)
    ppr.insert(0, ppr.makeelement("{http://schemas.openxmlformats.org/drawingml/2006/main}buNone", {}))


def _fill(frame, paragraphs: tuple[Paragraph, ...], size: int | None = None) -> None:
    frame.clear()
    for index, item in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.level = min(item.level, 4)
        if item.heading or not item.bullet:
            _no_bullet(paragraph)
        if item.heading:
            _runs(paragraph, item.text, bold=True, size=size, color=builder.TITLE)
            continue
        if item.lead:
            _runs(paragraph, item.lead, bold=True, size=size)
        _runs(paragraph, item.text, size=size)


def _text(frame, text: str) -> None:
    frame.clear()
    for index, line in enumerate(text.split("\n")):
        _runs(frame.paragraphs[0] if index == 0 else frame.add_paragraph(), line)


def _body_size(paragraphs: tuple[Paragraph, ...], width_inches: float) -> int:
    """A size at which the paragraphs fit their box (PowerPoint shrinks text only once
    someone edits it): measured in characters per line of Arial at that size."""
    for size in (18, 17, 16, 15, 14, 13, 12):
        per_line = width_inches * 72 / (size * 0.5)
        lines = sum(max(1, -(-len(p.lead + p.text) // int(per_line - 4 * p.level))) for p in paragraphs)
        spacing = len(paragraphs) * 0.35
        if (lines + spacing) * size * 1.2 / 72 <= 4.6:
            return size
    return 12


# --- Tables and charts ------------------------------------------------------------------

def _table(slide, box, table: Table) -> None:
    from pptx.dml.color import RGBColor
    from pptx.util import Emu, Pt

    rows, cols = len(table.rows) + 1, len(table.headers)
    size = table_font_size(rows, cols)
    row_height = Emu(int(Pt(size * 2.1)))
    frame = slide.shapes.add_table(rows, cols, box.left, box.top, box.width, row_height * rows)
    frame.name = builder.TABLE
    grid = frame.table
    total = sum(table.widths)
    for i, weight in enumerate(table.widths):
        grid.columns[i].width = Emu(int(box.width * weight / total))
    for r in range(rows):
        grid.rows[r].height = row_height
    for c, header in enumerate(table.headers):
        cell = grid.cell(0, c)
        cell.text_frame.clear()
        _runs(cell.text_frame.paragraphs[0], header, bold=True, size=size)
    for r, values in enumerate(table.rows, start=1):
        alert_row = (r - 1, -1) in table.alerts
        for c, value in enumerate(values):
            cell = grid.cell(r, c)
            cell.margin_top = cell.margin_bottom = Emu(int(Pt(2)))
            frame_ = cell.text_frame
            frame_.clear()
            frame_.word_wrap = True
            alert = alert_row or (r - 1, c) in table.alerts
            for index, line in enumerate(str(value).split("\n")):
                paragraph = frame_.paragraphs[0] if index == 0 else frame_.add_paragraph()
                _runs(paragraph, line, bold=alert and index == 0, size=size - (2 if index else 0),
                      color=builder.ALERT if alert and index == 0 else None)
    del RGBColor
    frame._element.nvGraphicFramePr.cNvPr.set("descr", french(f"Tableau : {', '.join(table.headers)}"))


def _chart(slide, box, chart: Chart) -> None:
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
    from pptx.util import Pt

    kind = {"gantt": XL_CHART_TYPE.BAR_STACKED, "columns": XL_CHART_TYPE.COLUMN_CLUSTERED,
            "bars": XL_CHART_TYPE.BAR_CLUSTERED, "stacked": XL_CHART_TYPE.COLUMN_STACKED}[chart.kind]
    number_format = _number_format(chart)
    data = CategoryChartData(number_format=number_format)
    data.categories = [french(c) for c in chart.categories]
    for series in chart.series:
        data.add_series(french(series.name), list(series.values), number_format=number_format)
    frame = slide.shapes.add_chart(kind, box.left, box.top, box.width, box.height, data)
    frame.name = builder.CHART
    element = frame._element.nvGraphicFramePr.cNvPr
    element.set("descr", french(chart.alt))
    element.set("title", french(chart.title))
    graph = frame.chart
    accents = _accents()
    graph.font.size = Pt(12)
    graph.font.name = None
    graph.has_title = True
    graph.chart_title.text_frame.text = french(chart.title)
    graph.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(14)
    graph.chart_title.text_frame.paragraphs[0].runs[0].font.bold = True
    graph.has_legend = len(chart.series) > 1
    if graph.has_legend:
        # At the top, under the title: LibreOffice drops the entries of a bottom legend that
        # do not fit on one line.
        graph.legend.position = XL_LEGEND_POSITION.TOP
        graph.legend.include_in_layout = False
        graph.legend.font.size = Pt(12)
    plot = graph.plots[0]
    plot.gap_width = 50
    if chart.kind in ("gantt", "stacked"):
        plot.overlap = 100
    values, categories = graph.value_axis, graph.category_axis
    values.has_major_gridlines = True
    values.tick_labels.font.size = Pt(12)
    categories.tick_labels.font.size = Pt(11 if len(chart.categories) > 8 else 12)
    values.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    if chart.unit:
        values.has_title = True
        values.axis_title.text_frame.text = french(chart.unit)
        values.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(12)
    if chart.kind in ("gantt", "bars"):  # first item at the top, as it is read
        categories.reverse_order = True
    values.tick_labels.number_format = "[$-40C]#,##0" if not chart.bounds else "0"
    values.tick_labels.number_format_is_linked = False
    if chart.bounds:
        values.minimum_scale, values.maximum_scale = chart.bounds
        values.major_unit = 1
        values.minor_unit = 0.25
        values.has_minor_gridlines = True
    if chart.labels:
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.font.size = Pt(12)
        labels.number_format = number_format
        labels.number_format_is_linked = True
        labels.show_value = True
    visible = 0
    for index, series in enumerate(chart.series):
        target = plot.series[index]
        if series.hidden:
            target.format.fill.background()
            target.format.line.fill.background()
            # Its name is blank, so its legend entry shows nothing. (A deleted legend entry
            # would be cleaner, but LibreOffice 7.4 then drops another series' entry.)
            continue
        # The theme's accents in turn (a collectivité's template brings its own colours).
        target.format.fill.solid()
        target.format.fill.fore_color.theme_color = accents[visible % len(accents)]
        if visible >= len(accents):
            target.format.fill.fore_color.brightness = -0.4
        visible += 1
    _french_chart(graph)


def _number_format(chart: Chart) -> str:
    """French separators whatever the viewer's locale (« 232,5 », « 1 380 »): the format
    says its locale (fr-FR), as LibreOffice otherwise prints « 232.5 » on an English system."""
    if chart.number_format != "General":
        return chart.number_format
    largest = max((abs(v) for s in chart.series for v in s.values if v is not None), default=0)
    return "[$-40C]#,##0" if largest >= 1000 else "[$-40C]General"


def _accents() -> tuple:
    from pptx.enum.dml import MSO_THEME_COLOR

    return (MSO_THEME_COLOR.ACCENT_1, MSO_THEME_COLOR.ACCENT_2, MSO_THEME_COLOR.ACCENT_3,
            MSO_THEME_COLOR.ACCENT_4, MSO_THEME_COLOR.ACCENT_5, MSO_THEME_COLOR.ACCENT_6)


def _french_chart(graph) -> None:
    """The chart's language (French number formats in PowerPoint and LibreOffice)."""
    space = graph._chartSpace
    namespace = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    lang = space.find(namespace + "lang")
    if lang is None:
        lang = space.makeelement(namespace + "lang", {})
        date1904 = space.find(namespace + "date1904")
        if date1904 is not None:
            date1904.addnext(lang)
        else:
            space.insert(0, lang)
    lang.set("val", "fr-FR")


# --- Slides ----------------------------------------------------------------------------

@dataclass(frozen=True)
class _Box:
    left: int
    top: int
    width: int
    height: int


def _box(placeholder) -> _Box:
    return _Box(placeholder.left, placeholder.top, placeholder.width, placeholder.height)


def _slide_placeholder(slide, layout_placeholder):
    idx = layout_placeholder.placeholder_format.idx
    for shape in slide.placeholders:
        if shape.placeholder_format.idx == idx:
            return shape
    return None


def _remove(shape) -> None:
    element = shape._element
    element.getparent().remove(element)


def _footer(slide, layout, footer: str) -> None:
    """The footer and the slide number, which python-pptx does not copy from the layout."""
    from lxml import etree
    from pptx.enum.shapes import PP_PLACEHOLDER

    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    p = "http://schemas.openxmlformats.org/presentationml/2006/main"
    for ph in layout.placeholders:
        kind = ph.placeholder_format.type
        if kind not in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
            continue
        slide.shapes.clone_placeholder(ph)
        sp = slide.shapes._spTree[-1] if slide.shapes._spTree[-1].tag == f"{{{p}}}sp" else \
            slide.shapes._spTree.findall(f"{{{p}}}sp")[-1]
        body = etree.SubElement(sp, f"{{{p}}}txBody")
        # The layout's own text style, copied: LibreOffice does not inherit it for footers.
        source = ph._element.find(f"{{{p}}}txBody")
        for tag in ("bodyPr", "lstStyle"):
            found = source.find(f"{{{a}}}{tag}") if source is not None else None
            body.append(copy.deepcopy(found) if found is not None else etree.Element(f"{{{a}}}{tag}"))
        para = etree.SubElement(body, f"{{{a}}}p")
        if kind == PP_PLACEHOLDER.FOOTER:
            run = etree.SubElement(para, f"{{{a}}}r")
            etree.SubElement(run, f"{{{a}}}rPr", lang="fr-FR")
            etree.SubElement(run, f"{{{a}}}t").text = french(footer)
        else:
            field = etree.SubElement(para, f"{{{a}}}fld", id=_SLIDE_NUMBER_FIELD, type="slidenum")
            etree.SubElement(field, f"{{{a}}}rPr", lang="fr-FR")
            etree.SubElement(field, f"{{{a}}}t").text = "‹N°›"


def _add_slide(prs, layouts: dict[str, Any], item: Slide, footer: str, draft: bool) -> None:
    layout = layouts[item.layout]
    slide = prs.slides.add_slide(layout)
    named = _named(layout)
    used = set()
    title = slide.shapes.title
    if title is not None:
        _text(title.text_frame, item.title)
        used.add(title.placeholder_format.idx)

    def put(name: str):
        placeholder = named.get(name)
        shape = _slide_placeholder(slide, placeholder) if placeholder is not None else None
        if shape is not None:
            used.add(shape.placeholder_format.idx)
        return placeholder, shape

    for name, value in ((builder.SUBTITLE, item.subtitle), (builder.COMMITTEE_DATE, item.date),
                        (builder.MENTION, item.mention), (builder.NOTE, item.note)):
        if value:
            _, shape = put(name)
            if shape is not None:
                _text(shape.text_frame, value)
                if name == builder.MENTION and not draft:
                    for run in shape.text_frame.paragraphs[0].runs:
                        from pptx.dml.color import RGBColor

                        run.font.color.rgb = RGBColor.from_string(builder.TITLE)
    texts = [(name, paragraphs, *put(name)) for name, paragraphs in
             ((builder.BODY, item.body), (builder.LEFT, item.left), (builder.RIGHT, item.right)) if paragraphs]
    # One size for the columns of a slide: the one at which the longest fits.
    size = min((_body_size(paragraphs, placeholder.width / 914400) for _, paragraphs, placeholder, shape in texts
                if shape is not None), default=None)
    for _, paragraphs, _, shape in texts:
        if shape is not None:
            _fill(shape.text_frame, paragraphs, size)
    for name, content in ((builder.TABLE, item.table), (builder.CHART, item.chart)):
        if content is None:
            continue
        placeholder, shape = put(name)
        if placeholder is None:
            continue
        # Drawn where the layout puts its placeholder, which then goes: any kind of
        # placeholder (table, chart, content) of a collectivité's layout will do.
        if isinstance(content, Table):
            _table(slide, _box(placeholder), content)
        else:
            _chart(slide, _box(placeholder), content)
        if shape is not None:
            _remove(shape)
    for shape in list(slide.placeholders):
        if shape.placeholder_format.idx not in used:
            _remove(shape)
    if item.layout != builder.LAYOUTS[0].name:
        _footer(slide, layout, footer)


def render(deck: Deck, template: Path, out: Path, replace: bool = False) -> Path:
    """The deck into ``out``, or « out (2) » if a file is there by then (``replace``: over it),
    from ``template``; written whole (workbook/publish.py). Returns where it went."""
    if out.suffix.lower() != ".pptx":
        raise UsageError(f"« {out.name} » : le support produit est une présentation .pptx (ajoutez l'extension).")
    prs = _open(template)
    problems = problems_of(prs, template)
    if problems:
        raise DeckTemplateError(f"Le modèle « {template.name} » ne convient pas : " + " ".join(problems))
    # A collectivité's template may hold example slides: the deck starts from none.
    slide_ids = prs.slides._sldIdLst
    for slide_id in list(slide_ids):
        prs.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)
    layouts = _layouts(prs)
    for item in deck.slides:
        _add_slide(prs, layouts, item, deck.footer, deck.draft)
    core = prs.core_properties
    core.title, core.subject = property_text(deck.title), property_text(french(deck.subject))
    core.author = core.last_modified_by = property_text(french(deck.author))
    core.language = "fr-FR"
    core.comments = ""
    return publish(out, lambda tmp: prs.save(str(tmp)), replace=replace)


def to_pdf(pptx: Path) -> Path:
    """Convert with LibreOffice Impress; a clear message when it is not installed."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise OutputError(
            f"Le support est prêt ({pptx}), mais le PDF demande LibreOffice, introuvable sur cette machine. "
            "Installez-le (Debian/Ubuntu : sudo apt-get install libreoffice-impress-nogui ; Windows et macOS : "
            "libreoffice.org), ou enregistrez le support en PDF depuis PowerPoint (Fichier > Exporter).")
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(pptx.parent), str(pptx)],
            capture_output=True, text=True, timeout=300)
    pdf = pptx.with_suffix(".pdf")
    if result.returncode != 0 or not pdf.exists():
        raise OutputError(f"Le PDF de « {pptx.name} » n'a pas pu être écrit : {pdf_failure(pptx.parent)}. Le "
                          "support PowerPoint est prêt ; sous Debian/Ubuntu, le PDF d'une présentation demande "
                          "aussi libreoffice-impress-nogui.")
    return pdf


def write_deck(deck: Deck, out: Path, template: Path, pdf: bool = False, replace: bool = False) -> list[Path]:
    written = [render(deck, template, out, replace)]
    if pdf:
        written.append(to_pdf(written[0]))
    return written
