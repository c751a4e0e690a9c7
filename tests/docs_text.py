"""Text of a .docx as a reader meets it: paragraphs in order, tables as rows."""

from __future__ import annotations

from pathlib import Path


def docx_text(path: Path, exact: bool = False) -> str:
    """The text; no-break spaces read as spaces unless ``exact`` (the goldens and the
    typography tests keep them: they are what French typography puts there)."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Document(str(path))
    lines: list[str] = []
    for block in doc.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(block, doc)
            text = para.text.strip()
            if para._p.xpath(".//wp:docPr"):
                text = "[image] " + para._p.xpath(".//wp:docPr")[0].get("descr", "")
            if text:
                style = para.style.name if para.style is not None else ""
                prefix = {"Title": "# ", "Heading 1": "## ", "Heading 2": "### "}.get(style, "")
                lines.append(prefix + text)
        elif tag == "tbl":
            for row in Table(block, doc).rows:
                lines.append("| " + " | ".join(c.text.strip() for c in row.cells) + " |")
    text = "\n".join(lines) + "\n"
    return text if exact else text.replace("\u00a0", " ").replace("\u202f", " ")


def pptx_text(path: Path) -> str:
    """Text of a .pptx as a chair meets it: per slide its layout, every text frame in
    order, tables as rows, charts as their title, alternative text, categories and series."""
    from pptx import Presentation

    prs = Presentation(str(path))
    lines: list[str] = []
    for number, slide in enumerate(prs.slides, start=1):
        lines.append(f"=== {number} · {slide.slide_layout.name}")
        for shape in slide.shapes:
            if shape.has_text_frame:
                for para in shape.text_frame.paragraphs:
                    text = "".join(run.text for run in para.runs) or "".join(
                        node.text or "" for node in para._p.iter() if node.tag.endswith("}t"))
                    if text.strip():
                        lines.append("  " * para.level + text)
            elif shape.has_table:
                for row in shape.table.rows:
                    lines.append("| " + " | ".join(" / ".join(p.text for p in c.text_frame.paragraphs)
                                                   for c in row.cells) + " |")
            elif shape.has_chart:
                chart = shape.chart
                lines.append(f"[graphique] {chart.chart_title.text_frame.text}")
                lines.append(f"[texte de remplacement] {shape._element.nvGraphicFramePr.cNvPr.get('descr')}")
                plot = chart.plots[0]
                lines.append("[catégories] " + " ; ".join(str(c) for c in plot.categories))
                for series in plot.series:
                    values = " ; ".join("" if v is None else f"{v:g}" for v in series.values)
                    lines.append(f"[série] {series.name} : {values}")
    return "\n".join(lines) + "\n"
