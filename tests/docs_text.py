"""Text of a .docx as a reader meets it: paragraphs in order, tables as rows."""

from __future__ import annotations

from pathlib import Path


def docx_text(path: Path) -> str:
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
    return "\n".join(lines) + "\n"
