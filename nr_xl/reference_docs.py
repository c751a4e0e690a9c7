"""The workbook contract and the finding catalogue as Markdown, generated from the code.

``python -m nr_xl.reference_docs`` writes ``docs/classeur.md`` (sheets, tables, columns,
formats, lists, parameter keys) and ``docs/constats.md`` (every finding code with its
severity and dimension) from ``schema.py`` and ``findings.CODES``; a test fails when
the committed files are stale, so the documentation a user reads is the code's.
"""

from __future__ import annotations

import sys
from pathlib import Path

from nr_xl import schema
from nr_xl.findings import CODES, Severity
from nr_xl.schema import Kind

KIND_WORDS = {
    Kind.TEXT: "texte",
    Kind.ID: "identifiant",
    Kind.ID_LIST: "liste d'identifiants (`;` ou `,`)",
    Kind.DATE: "date (`07/03/2027`, `2027-03-07` ou date Excel)",
    Kind.QUARTER: "trimestre (`2027-T3`, `T3 2027`, `2027-Q3` ou une date)",
    Kind.AMOUNT: "nombre (`12500`, `12 500 €`, `12,5 k€`, `1,2 M€`)",
    Kind.YEAR: "année (2000 à 2100)",
    Kind.SCORE: "note de 1 à 4",
    Kind.ENUM: "valeur d'une liste",
    Kind.COMPUTED: "formule du modèle (jamais lue)",
}
SEVERITY_WORDS = {Severity.ERROR: "bloquant", Severity.WARNING: "alerte", Severity.INFO: "info"}
GENERATED = ("<!-- Généré par « python -m nr_xl.reference_docs » à partir de nr_xl/schema.py et "
             "nr_xl/findings.py : ne pas modifier à la main. -->")


def _dropdown(column: schema.Column) -> str:
    if column.enum:
        return ", ".join(f"« {v} »" for v in column.enum)
    if column.dropdown and column.dropdown in schema.LISTS:
        return f"liste « {column.dropdown} »" + ("" if column.dropdown_strict else " (saisie libre acceptée)")
    if column.dropdown:
        sheet = column.dropdown.lstrip("=").split("!")[0]
        return f"IDs de la feuille « {sheet} » (saisie libre acceptée)"
    return ""


def workbook_markdown() -> str:
    out = [GENERATED, "", "# Le classeur : feuilles, tableaux, colonnes", "",
           "Chaque feuille de saisie porte un tableau Excel dont les en-têtes sont en ligne 1. nr_xl "
           "retrouve les colonnes par leur intitulé (majuscules, accents et espaces tolérés), dans "
           "n'importe quel ordre ; les colonnes en plus sont conservées et ignorées. Ces noms sont "
           "stables : on en ajoute, on n'en renomme ni n'en retire aucun.", "",
           "| Feuille | Tableau | Colonnes (dans l'ordre du modèle) |", "|---|---|---|"]
    tables = schema.TABLES_BY_SHEET
    for name in schema.SHEET_ORDER:
        spec = tables.get(name)
        if spec is None:
            continue
        out.append(f"| `{spec.sheet}` | `{spec.table}` | " + ", ".join(f"`{h}`" for h in spec.headers) + " |")
    hidden = [s for s in (schema.README_SHEET, schema.SYNTHESE_SHEET, schema.LISTES_SHEET,
                          schema.XLWINGS_CONF_SHEET, schema.REFERENCE_SHEET)]
    out += ["", "Autres feuilles : " + ", ".join(
        f"`{s.name}`" + (" (très masquée)" if s.very_hidden else " (masquée)" if s.hidden else "")
        for s in hidden) + ".", ""]
    for spec in schema.ALL_TABLES:
        out += [f"## {spec.sheet} (`{spec.table}`)", ""]
        if spec.owned:
            out += ["Écrite par nr_xl.", ""]
        if spec.key:
            out += ["Clé d'une ligne (journal, doublons) : " + " / ".join(f"`{k}`" for k in spec.key) + ".", ""]
        out += ["| Colonne | Contenu | Obligatoire | Valeurs proposées |", "|---|---|---|---|"]
        for col in spec.columns:
            out.append(f"| `{col.header}` | {KIND_WORDS[col.kind]} | {'oui' if col.required else 'non'} | "
                       f"{_dropdown(col)} |")
        out.append("")
    out += ["## Paramètres : les clés", "", "| Clé | Contenu | Obligatoire | Défaut | À quoi elle sert |",
            "|---|---|---|---|---|"]
    for p in schema.PARAMETERS:
        default = "" if p.default is None else f"`{p.default}`"
        out.append(f"| `{p.key}` | {KIND_WORDS[p.kind]} | {'oui' if p.required else 'non'} | {default} | {p.help} |")
    out += ["", f"## Listes (feuille masquée « {schema.LISTES_SHEET.name} »)", "", "| Liste | Valeurs |", "|---|---|"]
    for name, values in schema.LISTS.items():
        out.append(f"| {name} | " + ", ".join(f"« {v} »" for v in values) + " |")
    out.append("")
    return "\n".join(out)


def findings_markdown() -> str:
    out = [GENERATED, "", "# Les constats", "",
           "Chaque constat a un `code` (stable), une gravité (`error` = bloquant, `warning` = alerte, "
           "`info`), une dimension, la feuille, la ligne Excel et la colonne en cause, une clé métier, "
           "un message et une suggestion en français. Le statut global est « bloquant » s'il y a une "
           "erreur, « à arbitrer » s'il n'y a que des alertes, « faisable » sinon.", "",
           "Dimensions : " + ", ".join(schema.DIMENSIONS) + " ; et, pour la structure du classeur et "
           "le journal : " + ", ".join(schema.EXTRA_DIMENSIONS) + ".", ""]
    for dimension in (*schema.DIMENSIONS, *schema.EXTRA_DIMENSIONS):
        codes = [c for c in CODES.values() if c.dimension == dimension]
        if not codes:
            continue
        out += [f"## {dimension}", "", "| Code | Gravité | Ce qu'il signale |", "|---|---|---|"]
        for c in sorted(codes, key=lambda c: (c.severity.rank, c.code)):
            out.append(f"| `{c.code}` | `{c.severity.value}` ({SEVERITY_WORDS[c.severity]}) | {c.title} |")
        out.append("")
    return "\n".join(out)


DOCS = {"classeur.md": workbook_markdown, "constats.md": findings_markdown}


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, build in DOCS.items():
        path = folder / name
        path.write_text(build(), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - a developer's command
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "docs"
    for path in write(target):
        print(path)
