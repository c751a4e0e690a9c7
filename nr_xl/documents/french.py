"""French for documents read by élus (pure): the committee's decision as
recorded, quarters and services in sentences, typographic apostrophes."""

from __future__ import annotations

import functools
import re

from nr_xl.core import vocabulary
from nr_xl.core import decision
from nr_xl.core.parse import Quarter
from nr_xl.core.schema import normalize

VALIDATED, WITH_RESERVATIONS, ADJOURNED = (vocabulary.VALIDATED, vocabulary.VALIDATED_WITH_RESERVATIONS,
                                           vocabulary.ADJOURNED)
# What a user typed in « Décision du comité », read as validate and the ribbon read it.
committee_decision = decision.outcome


def ordinal(n: int) -> str:
    return "1er" if n == 1 else f"{n}e"


def quarter_words(q: Quarter) -> str:
    """« 2e trimestre 2027 »."""
    return f"{ordinal(q.q)} trimestre {q.year}"


_QUARTER = re.compile(r"\b(Au|au|du|de|à|vers|dès|avant|après|depuis|jusqu'au)?\s?\b(\d{4})-T([1-4])\b")


def prose(text: str) -> str:
    """Quarters as words where they sit in a sentence, typographic apostrophes."""
    def quarter(match: re.Match[str]) -> str:
        word, year, q = match.group(1), match.group(2), int(match.group(3))
        phrase = f"{ordinal(q)} trimestre {year}"
        if word in ("Au", "au", "du", "jusqu'au"):
            return f"{word} {phrase}"
        if word in ("de", "à"):  # « de 2027-T1 à 2027-T4 »: « du 1er trimestre 2027 au 4e trimestre 2027 »
            return f"{'du' if word == 'de' else 'au'} {phrase}"
        if word:
            return f"{word} le {phrase}"
        # No word matched: the space before the quarter was taken all the same (« après le 2028-T2 »).
        return (" " if match.group(0)[:1].isspace() else "") + phrase
    return apostrophes(_QUARTER.sub(quarter, text))


def apostrophes(text: str) -> str:
    return re.sub(r"(?<=\w)'(?=\w)", "\u2019", text)


_FEMININE = ("direction", "mission", "cellule", "communication", "commande", "transition", "cohesion",
             "dsi", "drh", "dgs", "dsin", "daf", "dgst", "informatique", "culture", "voirie",
             "comptabilite", "education", "jeunesse", "petite enfance", "police", "regie", "mairie")
_MASCULINE = ("service", "pole", "bureau", "secretariat", "cabinet", "departement", "centre", "ccas")


def article(name: str) -> str:
    """« la DSI », « l’Informatique », « le Pôle numérique »; a name that needs
    no article (a person, an unknown word) is left as typed."""
    key = normalize(name)
    if any(key.startswith(w) for w in _MASCULINE):
        return f"le {name}"
    if any(key.startswith(w) for w in _FEMININE):
        return f"l\u2019{name}" if key[:1] in "aeiouy" else f"la {name}"
    return name


def with_de(name: str) -> str:
    """« de la DSI », « du Pôle numérique », « de l’Informatique »."""
    phrase = article(name)
    return "du " + phrase[3:] if phrase.startswith("le ") else "de " + phrase


def services_in_prose(text: str, services: list[str]) -> str:
    """Articles before service names and plural agreement in the checks' sentences."""
    def agree(match: re.Match[str]) -> str:
        # « que DSI, Communication ne maîtrise » -> « que la DSI et la Communication ne maîtrisent »
        names = [n.strip() for n in match.group(1).split(",")]
        known = _known(tuple(services))
        if not all(normalize(n) in known for n in names):
            return match.group(0)
        verb = "maîtrise" if len(names) == 1 else "maîtrisent"
        return f"que {join([article(n) for n in names])} ne {verb}"
    text = re.sub(r"que ([^,]+?(?:, [^,]+?)*) ne maîtrise\b", agree, text)
    for name in _articled_names(tuple(services)):
        if name not in text:
            continue  # most sentences name one service among thousands
        escaped = re.escape(name)
        text = re.sub(rf"\bde {escaped}\b", with_de(name), text)
        with_article = article(name)
        text = re.sub(rf"\b(renforcer|par|pour) {escaped}\b", rf"\1 {with_article}", text)
    return text


@functools.lru_cache(maxsize=8)
def _known(services: tuple[str, ...]) -> frozenset[str]:
    return frozenset(normalize(n) for n in services)


@functools.lru_cache(maxsize=8)
def _articled_names(services: tuple[str, ...]) -> list[str]:
    """The services that take an article, longest first so that « Pôle numérique
    central » is handled before « Pôle numérique »: once per document, not per sentence."""
    return [n for n in sorted(services, key=len, reverse=True) if article(n) != n]


def join(items: list[str]) -> str:
    """« a », « a et b », « a, b et c »."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]
