"""nr-xl support: read the workbook file, write the committee's deck beside it (never
over one already there, unless asked), and its PDF on demand."""

from __future__ import annotations

from pathlib import Path

from nr_xl.core import schema
from nr_xl.sources import read_rows


def generate(path: Path, out: Path | None = None, template: Path | None = None, pdf: bool = False,
             reference: bool = False, force: bool = False) -> list[Path]:
    """Write the deck (and its PDF if asked); returns the files written. A deck already
    there (perhaps edited in PowerPoint since) is never replaced unless ``force``: the new
    one is « nom (2).pptx »."""
    from nr_xl.documents.deck import default_output, template_for, write_deck
    from nr_xl.documents.deck_context import deck_from_sheets
    from nr_xl.workbook.publish import unused_name

    from nr_xl.core.errors import UsageError

    path = Path(path)
    if out is not None and out.suffix.lower() != ".pptx":  # said before the workbook is read
        raise UsageError(f"« {out.name} » : le support produit est une présentation .pptx (ajoutez l'extension).")
    rows = read_rows(path, list(schema.CHECKED_SHEETS))
    deck = deck_from_sheets(rows.sheets, path.name, rows.tables, reference, rows.links)
    del rows
    out = out or default_output(path.parent, path.name, deck.date_iso, reference)
    if not force:
        out = unused_name(out, (".pdf",) if pdf else ())
    return write_deck(deck, out, template_for(path, template), pdf, replace=force)
