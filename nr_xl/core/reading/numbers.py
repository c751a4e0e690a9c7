"""Amounts in euros, jours-homme, indicator values and scores, as agents type them.

« 12 000 € » (any space), « 12 000,00 € », « 18000€ », « 50 k€ », « 1,2 M€ » and numbers
are exact. Read with a note: « env. 15 000 € » (approximate), « 150 000 € TTC » / « HT »
(the tax word kept as a note, never converted), « - », « — », « néant » (zero), a
comment after the value; « 0,5 ETP » in jours-homme (converted by the table's reader
with « Jours-homme par ETP »); « 40 % », « ≥ 25 % », « au moins 50 % » for an indicator.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

from nr_xl.core import fmt
from nr_xl.core.reading.common import CellError, Etp, Reading, check_excel_error, is_blank, shown, split_comment
from nr_xl.core.schema import normalize

# A spreadsheet counts exactly up to 15 significant digits; beyond, a « number » is a
# typo or a pasted identifier, and Decimal arithmetic on it would overflow downstream.
MAX_AMOUNT = Decimal(10) ** 15

# Words and signs that mean « nothing » in an amount or a workload cell.
ZERO_WORDS = frozenset({"-", "--", "—", "–", "neant", "nul", "nulle", "rien", "aucun", "aucune", "sans objet",
                        "s/o", "0 €", "zero"})
# Before the number: the amount is an estimate.
_APPROXIMATE = re.compile(r"^(?:environ|env\.?|approximativement|approx\.?|ca\.|~|≈|pres de|autour de|"
                          r"estime a|estimation\s*:?|a peu pres|de l'ordre de)\s*")
# Tax words: the amount is kept as typed, the word is noted (a collectivité budgets TTC, or
# HT where it recovers the VAT through the FCTVA: never a conversion).
_TAX = re.compile(r"(?<![a-z])(ttc|t\.t\.c\.?|ht|h\.t\.?)(?![a-z])")
_CURRENCY = re.compile(r"\s*(?:€|eur(?:os?)?(?![a-z])|d'euros|de euros)\s*")
_MULTIPLIERS = {"": 1, "k": 1_000, "m": 1_000_000, "md": 1_000_000_000, "mds": 1_000_000_000,
                "mille": 1_000, "million": 1_000_000, "millions": 1_000_000, "milliard": 1_000_000_000,
                "milliards": 1_000_000_000}
_NUMBER = re.compile(r"^(?P<sign>[-+]?)\s*(?P<num>\d[\d\s.,'\u2019]*|[.,]\d+)\s*(?P<mult>k|md|mds|m|mille|millions?|"
                     r"milliards?)?$")
# The forms of a euro amount that need no note: a number, « k€ » or « M€ », « € ».
_EXACT_AMOUNT = re.compile(r"^[-+]?\d[\d\s.,']*\s*(?:k|m)?\s*(?:€|eur|euros?)?$")


def read_amount(value: object) -> Decimal | Reading | None:
    """Euros: a number, or the French text an agent types (module docstring)."""
    result = _amount(value, unit="€")
    _bounded(value, result)
    return result


def _bounded(value: object, result: object) -> None:
    number = result.value if isinstance(result, Reading) else result
    if isinstance(number, Decimal) and not abs(number) < MAX_AMOUNT:
        raise CellError(
            "bad_number",
            f"« {shown(value)} » est un nombre trop grand pour être compté exactement (plus de 15 chiffres)",
            "Vérifiez la saisie : un montant en euros ou des jours-homme tiennent en quelques chiffres.",
        )


def number_of(value: object) -> Decimal | None:
    """A plain number (int, float, Decimal) as a Decimal; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _bad_number(value)
        # repr keeps the shortest exact form (0.1 stays 0.1, not 0.1000000000000000055…).
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    return None


def _amount(value: object, unit: str) -> Decimal | Reading | None:
    if is_blank(value):
        return None
    check_excel_error(value)
    if isinstance(value, bool):
        raise _bad_number(value)
    number = number_of(value)
    if number is not None:
        return number
    typed = shown(value)
    text = normalize(typed)
    if _EXACT_AMOUNT.match(text):
        exact = _number_text(text.replace(" ", ""))
        if exact is not None:
            return exact
    main, comment = split_comment(text)
    notes: list[str] = []
    if comment is not None:
        if _TAX.fullmatch(comment):
            main = f"{main} {comment}"
        else:
            notes.append(f"« {comment} » noté")
    if main.strip(" .") in ZERO_WORDS or main == "0 €":
        return Reading(Decimal(0), f"« {typed} » lu comme 0{'' if not unit else ' ' + unit}")
    approximate = _APPROXIMATE.match(main)
    if approximate:
        main = main[approximate.end():]
        notes.insert(0, "montant approximatif" if unit == "€" else "valeur approximative")
    tax = _TAX.search(main)
    if tax:
        main = (main[:tax.start()] + " " + main[tax.end():]).strip()
        notes.insert(0, "montant " + ("TTC" if tax.group(1).startswith("t") else "HT"))
    main = _CURRENCY.sub(" ", main).strip()
    result = _number_text(main.replace(" ", ""))
    if result is None:
        raise _bad_number(value)
    if not notes:  # a form we accept without a word (« 1,5 million », « 12 000 euros »)
        return result
    return Reading(result, f"« {typed} » lu comme {_quantity(result, unit)} ({', '.join(notes)})")


def _quantity(value: Decimal, unit: str) -> str:
    digits = 0 if value == value.to_integral_value() else 2
    return f"{fmt.number(value, digits)}{chr(0xA0) + unit if unit else ''}"


def _number_text(text: str) -> Decimal | None:
    m = _NUMBER.match(text)
    if not m:
        return None
    number = _decimal_from_french(m.group("num"))
    if number is None:
        return None
    result = number * _MULTIPLIERS[m.group("mult") or ""]
    return -result if m.group("sign") == "-" else result


def _decimal_from_french(num: str) -> Decimal | None:
    num = num.replace("'", "").replace("\u2019", "").replace(" ", "")
    if "," in num and "." in num:
        # "12.500,50" (French with dot grouping) or "12,500.50" (English).
        if num.rfind(",") > num.rfind("."):
            num = num.replace(".", "").replace(",", ".")
        else:
            num = num.replace(",", "")
    elif "," in num:
        head, _, tail = num.rpartition(",")
        # One comma is the French decimal separator; several are grouping.
        num = num.replace(",", "") if num.count(",") > 1 else f"{head}.{tail}"
    elif num.count(".") > 1:
        num = num.replace(".", "")
    elif "." in num:
        head, _, tail = num.partition(".")
        # "12.500" is French grouping, "12.5" a decimal.
        if len(tail) == 3 and head and head != "0":
            num = head + tail
    try:
        return Decimal(num)
    except InvalidOperation:
        return None


def _bad_number(value: object) -> CellError:
    return CellError(
        "bad_number",
        f"« {shown(value)} » n'est pas un nombre lisible",
        "Saisissez un nombre, par exemple 12500, « 12 500 € », « 12,5 k€ » ou « 1,2 M€ ».",
    )


# --- Jours-homme ----------------------------------------------------------------------

# « 10 », « 10 j », « 10 jours », « 10 j-h », « 10 jh », « 10 jours-homme »: exact.
_DAY_UNIT = re.compile(r"\s*(?:j|jours?|j-?h|j/h|h-?j|jours?[- ]hommes?|journees?)\.?$")
_ETP = re.compile(r"^(?P<num>\d[\d\s.,]*|[.,]\d+)\s*(?:etp|e\.t\.p\.?|equivalents? temps pleins?)$")


def read_days(value: object) -> Decimal | Reading | Etp | None:
    """Jours-homme: a number, « 10 j », « 10 jours », « 10 j-h », « 10 jh »; « 0,5 ETP »
    comes back as an ``Etp``, for the table's reader to convert."""
    if is_blank(value):
        return None
    check_excel_error(value)
    number = number_of(value)
    if number is not None:
        _bounded(value, number)
        return number
    if isinstance(value, bool):
        raise _bad_days(value)
    typed = shown(value)
    text = normalize(typed)
    etp = _ETP.match(text)
    if etp:
        fte = _decimal_from_french(etp.group("num"))
        if fte is None:
            raise _bad_days(value)
        return Etp(fte, typed)
    unit = _DAY_UNIT.search(text)
    bare = text[:unit.start()] if unit else text
    exact = _number_text(bare.replace(" ", ""))
    if exact is not None:
        _bounded(value, exact)
        return exact
    try:
        result = _amount(bare, unit="j-h")
    except CellError:
        raise _bad_days(value) from None
    _bounded(value, result)
    if isinstance(result, Reading):
        return result._replace(note=result.note.replace(f"« {shown(bare)} »", f"« {typed} »", 1))
    return result


def _bad_days(value: object) -> CellError:
    return CellError(
        "bad_number",
        f"« {shown(value)} » n'est pas un nombre de jours-homme lisible",
        "Saisissez des jours-homme, par exemple 12, « 12 j », « 12,5 j-h » ou « 0,5 ETP ».",
    )


# --- Indicator values ---------------------------------------------------------------------

_BOUNDS = (
    (re.compile(r"^(?:>=|≥|=>|au moins|minimum|min\.?|pas moins de|plus de|superieure? a|>|au-dela de)\s*"), "au moins"),
    (re.compile(r"^(?:<=|≤|=<|au plus|maximum|max\.?|pas plus de|moins de|inferieure? a|<|en dessous de|"
                r"sous)\s*"), "au plus"),
)
_PERCENT = re.compile(r"\s*(?:%|pour ?cent|pourcents?|pts?|points?)\s*$")
_TRAILING_WORDS = re.compile(r"^(?P<number>[-+]?[\d\s.,]+?\s*%?)\s*(?P<words>[a-z].*)$")


def read_measure(value: object) -> Decimal | Reading | None:
    """An indicator's value or target: a number, « 40 % » (percentage points, flagged), a
    bound (« ≥ 25 % », « au moins 50 % ») or a unit after the number (« 3 ans »), noted."""
    if is_blank(value):
        return None
    check_excel_error(value)
    number = number_of(value)
    if number is not None:
        return number
    if isinstance(value, bool):
        raise _bad_measure(value)
    typed = shown(value)
    text = normalize(typed)
    main, comment = split_comment(text)
    notes: list[str] = [f"« {comment} » noté"] if comment else []
    bound = None
    for pattern, word in _BOUNDS:
        m = pattern.match(main)
        if m:
            main, bound = main[m.end():], word
            break
    approximate = _APPROXIMATE.match(main)
    if approximate:
        main = main[approximate.end():]
        notes.append("valeur approximative")
    trailing = _TRAILING_WORDS.match(main)
    if trailing and not _PERCENT.fullmatch(" " + trailing.group("words")):
        main = trailing.group("number")
        notes.append(f"unité « {trailing.group('words').strip()} » notée")
    percent = _PERCENT.search(main)
    if percent:
        main = main[:percent.start()]
    result = _number_text(main.replace(" ", ""))
    if result is None:
        raise _bad_measure(value)
    _bounded(value, result)
    if bound:
        notes.insert(0, f"lu comme {bound} {_quantity(result, '%' if percent else '')}".strip())
        note = f"« {typed} » {notes[0]}" + (f" ({', '.join(notes[1:])})" if notes[1:] else "")
        return Reading(result, note, percent=bool(percent))
    if notes:
        return Reading(result, f"« {typed} » lu comme {_quantity(result, '%' if percent else '')} "
                               f"({', '.join(notes)})", percent=bool(percent))
    return Reading(result, "", percent=True) if percent else result


def _bad_measure(value: object) -> CellError:
    return CellError(
        "bad_number",
        f"« {shown(value)} » n'est pas une valeur lisible",
        "Saisissez un nombre, éventuellement suivi de « % » (ex. 40 %, 12,5 ou ≥ 25 %).",
    )


# --- Scores 1 to 4 -------------------------------------------------------------------

_SCORE_WORDS = {"faible": 1, "tres faible": 1, "peu probable": 1, "moyen": 2, "moyenne": 2, "modere": 2,
                "moderee": 2, "possible": 2, "eleve": 3, "elevee": 3, "fort": 3, "forte": 3, "probable": 3,
                "important": 3, "importante": 3, "tres eleve": 4, "tres elevee": 4, "tres fort": 4,
                "tres forte": 4, "critique": 4, "majeur": 4, "majeure": 4, "certain": 4, "tres probable": 4}


def read_score(value: object) -> int | Reading | None:
    """Probability or impact, 1 to 4; « élevé », « 3 (fort) », « 3/4 » read with a note."""
    if is_blank(value):
        return None
    check_excel_error(value)
    exact = integer_between(value, 1, 4)
    if exact is not None:
        return exact
    typed = shown(value)
    text = normalize(typed)
    main, _ = split_comment(text)
    main = re.sub(r"\s*/\s*4$", "", main)
    score = integer_between(main, 1, 4) if main != text else None
    if score is None:
        score = _SCORE_WORDS.get(main)
    if score is None:
        raise CellError("out_of_range", f"« {typed} » n'est pas une note de 1 à 4",
                        "Notez la probabilité et l'impact de 1 (faible) à 4 (très fort).")
    return Reading(score, f"« {typed} » lu comme {score}")


def integer_between(value: object, low: int, high: int) -> int | None:
    """The integer in [low, high] that ``value`` holds as a number or a plain number text, or None."""
    try:
        number = number_of(value)
        if number is None and isinstance(value, str):
            number = _number_text(normalize(value).replace(" ", ""))
    except CellError:
        return None
    if number is None or number != number.to_integral_value() or not low <= number <= high:
        return None
    return int(number)
