"""A finding's sentences, written for the workbook's user, reworded for the readers of the
committee's documents (pure): the roadmap's parts instead of sheets, fields instead of
columns, no line of a file, quarters in words. The deck and the minutes read the same."""

from __future__ import annotations

import re
from collections.abc import Iterable

from nr_xl.core import schema
from nr_xl.documents import french

# What a sheet is to a committee member: the roadmap's parts, never a tab of a file.
SHEET_PHRASES = {
    schema.PARAMETER_TABLE.sheet: "les paramètres de la feuille de route",
    schema.PRIORITIES.sheet: "la liste des priorités",
    schema.ACTIONS.sheet: "la feuille de route",
    schema.BUDGET.sheet: "le budget",
    schema.ENVELOPES.sheet: "les enveloppes budgétaires",
    schema.CHARGE.sheet: "le plan de charge",
    schema.CAPACITIES.sheet: "les capacités des services",
    schema.SKILLS.sheet: "les compétences des services",
    schema.INDICATORS.sheet: "la liste des indicateurs",
    schema.RISKS.sheet: "la liste des risques",
    schema.GOVERNANCE.sheet: "la gouvernance",
    schema.VALIDATION.sheet: "le calendrier de validation",
    schema.PARTICIPANTS.sheet: "la liste des participants",
    schema.DECISIONS.sheet: "les décisions",
    schema.FINDINGS.sheet: "le rapport de contrôle",
    schema.JOURNAL.sheet: "le journal des ajustements",
}
_HEADERS = sorted({c.header for t in schema.INPUT_TABLES for c in t.columns}
                  | {p.key for p in schema.PARAMETERS}, key=len, reverse=True)
_LIST_VALUES = {v for values in schema.LISTS.values() for v in values}


def _with_de(phrase: str) -> str:
    """« de la liste », « du budget », « des capacités »."""
    if phrase.startswith("le "):
        return "du " + phrase[3:]
    if phrase.startswith("les "):
        return "des " + phrase[4:]
    return "de " + phrase


def _sheet_rules() -> list[tuple[re.Pattern[str], str]]:
    rules = []
    for sheet, phrase in sorted(SHEET_PHRASES.items(), key=lambda kv: -len(kv[0])):
        name = re.escape(sheet)
        rules += [
            (re.compile(rf"^{name}, ligne \d+ : (\w)"), "\\1"),  # « Budget, ligne 12 : l'action… »
            (re.compile(rf"\b(?:de la|d’une|d'une) feuille « {name} »"), _with_de(phrase)),
            (re.compile(rf"\bde « {name} »"), _with_de(phrase)),
            (re.compile(rf"\b(?:la )?feuille « {name} »"), phrase),
            (re.compile(rf"« {name} »"), phrase),
        ]
    return rules


_RULES = _sheet_rules()
_ELISION = re.compile(r"\bde (?=[aeiouéèêàâîôû])")


def _header(match: re.Match[str]) -> str:
    """A column named in quotes: « dans le champ « mesure » », or the bare word."""
    before, name = match.group(1), match.group(2)
    if name in _LIST_VALUES or name not in _HEADERS:
        return match.group(0)
    word = name[:1].lower() + name[1:]
    if before is None:
        return word
    return ("dans " if before.startswith("dans") else "") + f"le champ « {word} »"


_QUOTED = re.compile(r"(dans |la colonne )?« ([^«»]+) »")
_ID = re.compile(r"\bl[’']?(?:ID|identifiant) d[’']?(un|une) ")


def for_committee(text: str, services: Iterable[str] = ()) -> str:
    """A finding's sentence as a committee reads it: quarters in words, articles before
    services, and no sheet, column or line of the workbook (the roadmap's parts instead)."""
    text = french.prose(text)
    for pattern, replacement in _RULES:
        if "«" not in text and "ligne" not in text:
            break
        text = pattern.sub(replacement, text)
    text = _QUOTED.sub(_header, text)
    text = _ID.sub(r"\1 ", text)
    text = _ELISION.sub("d’", text)
    for phrase in SHEET_PHRASES.values():  # « dans la liste des indicateurs un indicateur de la liste des indicateurs »
        first = text.find(phrase)
        if first >= 0:
            head, tail = text[:first + len(phrase)], text[first + len(phrase):]
            text = head + tail.replace(" " + _with_de(phrase), "")
    return french.services_in_prose(_capitalised(text), sorted(services))


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
