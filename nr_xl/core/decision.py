"""The committee's decision, as people type it: understood, or refused (pure).

One small grammar for the three places a decision is typed: the « Décision du comité »
cell of « Paramètres » (``read_decision``), the answer to the box of the « Valider »
button and the ``--reserves`` text (``read_answer``). Never the opposite meaning and
never a guess by closeness: « Validation reportée » is an adjournment, « Validée sans
réserve » a validation without reservations; a negation (« non validée »), a refusal
(« Validation refusée ») or a question (« Validée ? ») is refused with the words that
are understood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nr_xl.core.errors import UsageError
from nr_xl.core.schema import RESERVATIONS
from nr_xl.core.vocabulary import ADJOURNED, VALIDATED, VALIDATED_WITH_RESERVATIONS, fold

UNDERSTOOD = (f"« {VALIDATED} », « {VALIDATED_WITH_RESERVATIONS} de … » (ou « {VALIDATED_WITH_RESERVATIONS} » "
              f"et les réserves dans « {RESERVATIONS.key} »), « {ADJOURNED} » (ou « reportée au prochain comité »)")

_POSTPONE = ("ajourn", "report", "differ", "suspend")
_VALIDATE = ("valid", "adopt", "approuv", "accept", "enterin")
_REFUSE = ("refus", "rejet")
_NEGATIONS = frozenset({"non", "pas", "ni", "ne", "n"})
# « sous réserve de la délibération », « sous réserves : … », « avec les réserves suivantes : … ».
_RESERVED = re.compile(r"\b(?:sous|avec)\s+(?:les\s+|la\s+)?r[ée]serves?\b(?:\s+suivantes?)?\s*"
                       r"(?:(?:de|du|des|d'|d’|que|qu'|qu’)\s*|:\s*)?", re.IGNORECASE)
_WITHOUT_RESERVATION = re.compile(r"\bsans\s+(?:aucune\s+)?r[ée]serves?\b", re.IGNORECASE)


class DecisionUnclear(UsageError):
    """A decision typed that reads as none of the three (or as their opposite): ``message``
    says why, in French, and lists what is understood (exit code 2: nothing is written)."""


@dataclass(frozen=True)
class Decision:
    outcome: str  # VALIDATED, VALIDATED_WITH_RESERVATIONS or ADJOURNED
    reservations: str = ""  # the reservations the words themselves give (« sous réserve de … »)


def read_decision(text: object) -> Decision | None:
    """The decision ``text`` states (None when blank); DecisionUnclear when it states none,
    a refusal, a negation or a doubt."""
    typed = "" if text is None else str(text).strip()
    if not typed:
        return None
    words = fold(typed).replace("’", " ").replace("'", " ").split()
    if "?" in typed:
        raise _unclear(typed, "une question n'est pas une décision : le comité a-t-il tranché ?")
    if any(w.startswith(_REFUSE) for w in words):
        raise _unclear(typed, "un refus n'est pas une des trois décisions ; si la feuille de route reviendra "
                              f"devant le comité, c'est « {ADJOURNED} »")
    if _NEGATIONS.intersection(words) and not _WITHOUT_RESERVATION.search(typed):
        raise _unclear(typed, "une négation n'est pas lue comme la décision qu'elle nie")
    if any(w.startswith(_POSTPONE) for w in words):
        return Decision(ADJOURNED)
    if not words[0].startswith(_VALIDATE) and not _RESERVED.match(typed):
        raise _unclear(typed, "ce n'est pas une décision")
    if _WITHOUT_RESERVATION.search(typed):
        return Decision(VALIDATED)
    reserved = _RESERVED.search(typed)
    if reserved:
        return Decision(VALIDATED_WITH_RESERVATIONS, typed[reserved.end():].strip(" .;:,"))
    if any(w.startswith("reserve") for w in words) or "condition" in words:
        return Decision(VALIDATED_WITH_RESERVATIONS)
    return Decision(VALIDATED)


def outcome(text: object) -> str | None:
    """The canonical decision ``text`` states, or None (blank, or stating none: the reading of
    « Paramètres » reports it)."""
    try:
        found = read_decision(text)
    except DecisionUnclear:
        return None
    return found.outcome if found else None


def read_answer(text: object) -> Decision:
    """The answer to « Réserves du comité » (the « Valider » box, ``--reserves``): empty is a
    validation; a text that states a decision is read as one (« ajourner », « validée sans
    réserve », « reportée ») and refused when it states a refusal, a negation or a doubt
    (« non », « refusée », « validée ? »); any other text is the reservations."""
    typed = "" if text is None else str(text).strip()
    if not typed:
        return Decision(VALIDATED)
    words = fold(typed).replace("’", " ").replace("'", " ").split()
    states_a_decision = (
        words[0].startswith(_VALIDATE + _POSTPONE + _REFUSE + ("oui", "ok"))
        or (words[0] in _NEGATIONS and len(words) <= 3)  # « non », « pas validée » — not « Pas de renfort avant mars »
        or "?" in typed
        or bool(_WITHOUT_RESERVATION.fullmatch(typed))
    )
    if not states_a_decision:
        return Decision(VALIDATED_WITH_RESERVATIONS, typed)
    if words[0] in ("oui", "ok") and len(words) == 1:
        return Decision(VALIDATED)
    if _WITHOUT_RESERVATION.fullmatch(typed):
        return Decision(VALIDATED)
    try:
        decision = read_decision(typed)
    except DecisionUnclear as exc:
        raise DecisionUnclear(exc.message.split(" Décisions comprises")[0] + " " + ANSWERS) from None
    assert decision is not None
    return decision


# What the « Valider » box and --reserves understand.
ANSWERS = ("Réponses comprises : rien (validée sans réserve), le texte des réserves, ou « ajourner ».")


def _unclear(typed: str, why: str) -> DecisionUnclear:
    return DecisionUnclear(f"« {typed} » : {why}{'' if why.endswith('?') else '.'} Décisions comprises : "
                           f"{UNDERSTOOD}.")
