"""Words in list columns, lists of references and names, as agents type them.

A list value is read after folding case, accents, gender and number (« VOTEE » is
« Votée »: exact); a synonym (« Programmée » for « À lancer »), a longer phrase
that starts with one (« voté au BP 2027 »), a value with a comment (« Abandonnée
(pas de budget) ») or a phrase where one word alone names a value (« validation
reportée ») are read with a note. A negation (« non votée ») or a question
(« votée ? ») is never read as the value it negates or doubts: it is refused, and
the rule that needs the column says so. References: « P2 / P4 », « P2 et P4 »,
« P2, P4 », « P2;P4 », a comment after one (« I02 (à confirmer) »).
"""

from __future__ import annotations

import re

from nr_xl.core import vocabulary
from nr_xl.core.reading.common import CellError, Reading, check_excel_error, is_blank, shown, split_comment

# Words that turn what follows into its opposite, or into a doubt.
NEGATIONS = frozenset({"non", "pas", "ni", "aucun", "aucune", "jamais", "sans", "refuse", "refusee", "rejete",
                       "rejetee"})


def read_word(value: object, allowed: tuple[str, ...]) -> str | Reading | None:
    """The list value a cell means (module docstring); CellError « unknown_value » otherwise."""
    if is_blank(value):
        return None
    check_excel_error(value)
    typed = shown(value if not isinstance(value, bool) else ("Oui" if value else "Non"))
    if isinstance(value, float) and value.is_integer():
        typed = str(int(value))
    exact = vocabulary.exact(typed, allowed)
    if exact is not None:
        return exact
    found = vocabulary.match(typed, allowed)
    if found is not None:
        return Reading(found, f"« {typed} » lu comme « {found} »")
    if "?" in typed:
        raise _unknown(typed, allowed, "une question n'est pas une valeur : tranchez")
    main, comment = split_comment(typed)
    words = vocabulary.fold(main).split()
    if not words:
        raise _unknown(typed, allowed)
    if NEGATIONS.intersection(words[:2]) and vocabulary.match(main, allowed) is None:
        raise _unknown(typed, allowed, "une négation n'est pas lue comme la valeur qu'elle nie")
    found = vocabulary.match(main, allowed) or vocabulary.leading(main, allowed)
    if found is None:
        named = {vocabulary.match(w, allowed) for w in main.split()} - {None}
        found = named.pop() if len(named) == 1 else None
    if found is None:
        raise _unknown(typed, allowed)
    kept = f" ; « {comment} » noté" if comment else ""
    return Reading(found, f"« {typed} » lu comme « {found} »{kept}")


def _unknown(typed: str, allowed: tuple[str, ...], why: str = "") -> CellError:
    # The nearest spelling of « Non maîtrisée » is « Acquise », of « non votée » « Votée »:
    # a text that negates or doubts gets no suggestion, only the list.
    doubted = "?" in typed or bool(NEGATIONS.intersection(vocabulary.fold(typed).split()))
    near = None if doubted else vocabulary.closest(typed, allowed)
    listed = ", ".join(f"« {a} »" for a in allowed)
    return CellError(
        "unknown_value",
        f"« {typed} » n'est pas une valeur de la liste ({listed})" + (f" : {why}" if why else ""),
        (f"Valeur la plus proche : « {near} ». " if near else "") + "Choisissez une valeur dans la liste déroulante.",
    )


# --- Presence ---------------------------------------------------------------------------

_REPRESENTED = re.compile(r"^(?:represente(?:e|s|es)?|remplace(?:e)?|suppleee?)\s+(?:par|:)\s*(?P<who>.+)$")
_PRESENT_MARKS = frozenset({"x", "oui", "o", "p", "1", "vrai", "true", "ok", "√", "✓", "✔", "present", "presente",
                            "presents", "presentes"})


def read_presence(value: object, allowed: tuple[str, ...]) -> str | Reading | None:
    """« Présent », « x », « oui », « représenté par … » (present, the representative named)."""
    if is_blank(value):
        return None
    check_excel_error(value)
    typed = shown(value if not isinstance(value, bool) else ("oui" if value else "non"))
    folded = vocabulary.fold(typed)
    if folded in {vocabulary.fold(m) for m in _PRESENT_MARKS} and vocabulary.exact(typed, allowed) is None:
        return Reading(allowed[0], f"« {typed} » lu comme « {allowed[0]} »")
    who = representative(typed)
    if who:
        return Reading(allowed[0], f"« {typed} » lu comme « {allowed[0]} » (représenté par {who})")
    return read_word(value, allowed)


def representative(typed: object) -> str | None:
    """The name after « représenté(e) par » in a presence cell, or None."""
    if not isinstance(typed, str):
        return None
    from nr_xl.core.schema import normalize

    m = _REPRESENTED.match(normalize(typed))
    if m is None:
        return None
    # The name as typed (accents and case kept): the same length from the end.
    return shown(typed)[-len(m.group("who")):].strip() or None


# --- References and names ---------------------------------------------------------------------

_NAME_SPLIT = re.compile(r"[;,\n]")
# References to IDs (« P2 / P4 », « P2 et P4 », « P2 + P4 »): also split on « / », « et », « & », « + ».
_REF_SPLIT = re.compile(r"[;,\n/&+]|\s+et\s+|\s+ET\s+|\s+Et\s+")
_NOTED_REFS = re.compile(r"[/&+(\[]|\set\s", re.IGNORECASE)


def read_names(value: object) -> tuple[str, ...]:
    """Names in one cell (skills): « Audit RGAA; Écoconception » -> both, order kept."""
    if is_blank(value):
        return ()
    check_excel_error(value)
    return _unique(_NAME_SPLIT.split(shown(value) if not isinstance(value, str) else value))


def read_refs(value: object) -> tuple[str, ...] | Reading:
    """IDs in one cell: « P2 / P4 », « P2 et P4 », « P2, P4 », « P2;P4 »; a comment after an
    ID (« I02 (à confirmer) ») is set aside and noted."""
    if is_blank(value):
        return ()
    check_excel_error(value)
    raw = value if isinstance(value, str) else str(int(value)) if isinstance(value, float) and value.is_integer() \
        else str(value)
    if not _NOTED_REFS.search(raw):  # « P1; P3 », « P1, P3 »: the common case, split at once
        return _unique(_NAME_SPLIT.split(raw))
    typed = shown(raw)
    parts = _REF_SPLIT.split(raw)
    ids, comments = [], []
    for part in parts:
        main, comment = split_comment(" ".join(part.split()))
        if comment:
            comments.append(comment)
        ids.append(main)
    found = _unique(ids)
    exact_separators = not re.search(r"[/&+]|\s+et\s+", typed, re.IGNORECASE)
    if comments or not exact_separators:
        kept = "".join(f" ; « {c} » noté" for c in comments)
        return Reading(found, f"« {typed} » lu comme {', '.join(found)}{kept}")
    return found


def _unique(parts: list[str]) -> tuple[str, ...]:
    items: list[str] = []
    for part in parts:
        item = " ".join(part.split())
        if item and item not in items:
            items.append(item)
    return tuple(items)
