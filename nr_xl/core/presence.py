"""The sheets a command needs, or a refusal that names them (pure).

``check`` reports a missing sheet as a finding and goes on. The commands that write what
the workbook says cannot: a journal compared without « Budget » records no change where
the committee made one, and minutes written without it say « 0 € ». They refuse, saying
which sheet is missing and how it is found (``locate.py``).
"""

from __future__ import annotations

from nr_xl.core import schema
from nr_xl.core.errors import WorkbookUnreadable

Sheets = dict[str, list[list[object]]]

# What each refusal would have got wrong, said after the missing sheets.
JOURNAL = "rien n'est journalisé ni figé : ses lignes passeraient pour inchangées ou supprimées"
DOCUMENT = "le document n'est pas écrit : il dirait « 0 » ou « aucun » là où le classeur ne dit rien"


def missing_inputs(sheets: Sheets) -> list[str]:
    """The input sheets of the contract absent from ``sheets``, in tab order; the follow-up
    sheets are optional (a workbook before its first vote, or made before they existed)."""
    return [t.sheet for t in schema.INPUT_TABLES
            if t.sheet not in sheets and t not in schema.FOLLOWUP_TABLES]


def require_inputs(sheets: Sheets, file: str, consequence: str) -> None:
    """Raise WorkbookUnreadable (exit 3) when an input sheet is missing."""
    missing = missing_inputs(sheets)
    if not missing:
        return
    tables = {t.sheet: t.table for t in schema.INPUT_TABLES}
    named = ", ".join(f"« {m} » (tableau {tables[m]})" for m in missing)
    plural = len(missing) > 1
    raise WorkbookUnreadable(
        f"{'Les feuilles' if plural else 'La feuille'} {named} {'sont introuvables' if plural else 'est introuvable'} "
        f"dans « {file} », ni sous {'leur' if plural else 'son'} nom, ni par {'leur' if plural else 'son'} tableau, "
        f"ni par {'leur' if plural else 'son'} nom de code VBA : {consequence}. "
        f"Recréez-{'les' if plural else 'la'} en {'les' if plural else 'la'} copiant depuis le modèle (nr-xl template), "
        "ou repartez d'une sauvegarde « .bak » datée du classeur, puis relancez."
    )
