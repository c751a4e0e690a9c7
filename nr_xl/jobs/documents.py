"""nr-xl minutes / kickoff: read the workbook file, write the document beside it
(never over one already there, unless asked), and its PDF on demand."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nr_xl.core import schema
from nr_xl.core.errors import DocumentRefused
from nr_xl.documents.produce import (
    Kind, attach_logo, cautions, context_from_sheets, default_output, refusal, template_for, write_document,
)
from nr_xl.sources import read_rows


def build_context(kind: Kind, path: Path, today: dt.date | None = None, annexes: bool | None = None,
                  year: int | None = None, agenda: bool = False) -> dict[str, Any]:
    rows = read_rows(path, list(schema.CHECKED_SHEETS))
    return context_from_sheets(kind, rows.sheets, path.name, today, rows.tables, annexes, rows.links, year, agenda)


def generate(kind: Kind, path: Path, out: Path | None = None, template: Path | None = None,
             pdf: bool = False, today: dt.date | None = None, force: bool = False,
             warn: Callable[[str], None] | None = None, annexes: bool | None = None,
             year: int | None = None, agenda: bool = False) -> list[Path]:
    """Write the document (and its PDF if asked); returns the files written.

    A document already there (perhaps edited in Word since) is never replaced
    unless ``force``: the new one is « nom (2).docx ». An announcement of a roadmap the
    committee has not validated is refused (DocumentRefused), unless ``force``: then it is
    a draft marked « PROJET — non validée ». ``warn`` hears what to know before sending it.
    ``annexes``: the minutes with or without their annexes (None: as « Paramètres » says)."""
    from nr_xl.workbook.publish import unused_name

    path = Path(path)
    # The roadmaps, reports and journal versions behind the context are freed when
    # build_context returns: before the charts and the document are drawn (the peak
    # of a région's minutes).
    context = build_context(kind, path, today, annexes, year, agenda)
    problem = refusal(kind, context)
    if problem and not force:
        raise DocumentRefused(problem + " Pour un projet marqué « PROJET — non validée », à ne pas diffuser : "
                                        "--force.")
    out = out or default_output(kind, path.parent, path.name, context.get("date_iso"), agenda)
    if not force:
        out = unused_name(out, (".pdf",) if pdf else ())
    logo_problem = attach_logo(context, path.parent)
    written = write_document(kind, context, out, template_for(kind, path, template), pdf, replace=force)
    for caution in [logo_problem, *cautions(kind, context)]:  # once written: a refused template warns of nothing else
        if caution:
            (warn or _stderr)(caution)
    return written


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)
