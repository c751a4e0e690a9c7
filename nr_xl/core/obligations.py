"""Legal floors a roadmap must respect, as data with their sources (pure).

An indicator names the obligation it follows in its « Obligation » column
(dropdown); an action serves one when its title says so (``recognised_by``).
To update a floor when a decree changes, edit this table only: the dropdown,
the checks and the documentation read it. Each source was read against the
text in force on 4 December 2026.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Obligation:
    name: str  # the value of the « Obligation » dropdown
    summary: str  # what the law requires, in one French sentence
    source: str
    # Year -> minimum share (%) from that year on; empty: a duty without a figure.
    floors: tuple[tuple[int, Decimal], ...] = ()
    # Only above this population (REEN: communes and EPCI over 50 000 inhabitants)...
    min_population: int = 0
    # ... and for these kinds of collectivité (empty: every one); see checks/legal.py.
    kinds: tuple[str, ...] = ()
    # An action serves the obligation when its title (folded: no accents, lower case)
    # holds a word of each group: (("achat", "acheter"), ("reemploi", "recycl")).
    recognised_by: tuple[tuple[str, ...], ...] = ()

    def floor(self, year: int) -> Decimal | None:
        """The minimum in force in ``year`` (the latest step at or before it)."""
        applicable = [value for start, value in self.floors if start <= year]
        return applicable[-1] if applicable else None


# The obligation the REEN rules (checks/legal.py) read by name.
REEN_STRATEGY = "Stratégie et bilan REEN"

OBLIGATIONS: tuple[Obligation, ...] = (
    Obligation(
        "Réemploi des équipements réformés",
        "une part des équipements informatiques réformés doit être orientée vers le réemploi "
        "ou la réutilisation : 25 % en 2023, 35 % en 2024, 50 % à partir de 2025",
        "Loi REEN (n° 2021-1485) art. 16, décret n° 2023-266 du 12 avril 2023",
        ((2023, Decimal(25)), (2024, Decimal(35)), (2025, Decimal(50))),
        recognised_by=(("reemploi", "reutilis", "reconditionn", "seconde vie", "don d", "dons d"),
                       ("reform", "don d", "dons d", "filiere", "cession", "ceder")),
    ),
    Obligation(
        "Achats issus du réemploi ou recyclés",
        "une part des achats informatiques et de téléphonie doit être issue du réemploi ou "
        "comporter des matières recyclées : 20 % en 2024, 25 % en 2027, 30 % en 2030",
        "Loi AGEC (n° 2020-105) art. 58, décret n° 2024-134 du 21 février 2024 (en vigueur le 1er juillet "
        "2024, il abroge le décret n° 2021-254 du 9 mars 2021)",
        ((2024, Decimal(20)), (2027, Decimal(25)), (2030, Decimal(30))),
        recognised_by=(("achat", "acheter", "acquisition", "marche", "commande publique"),
                       ("reemploi", "reconditionn", "recycl", "agec")),
    ),
    Obligation(
        REEN_STRATEGY,
        "les communes et EPCI de plus de 50 000 habitants adoptent une stratégie numérique "
        "responsable et en présentent le bilan chaque année dans le rapport sur la situation "
        "en matière de développement durable",
        "Loi REEN (n° 2021-1485) art. 35, décret n° 2022-1084 du 29 juillet 2022 ; bilan annuel : code général "
        "des collectivités territoriales, art. L. 2311-1-1",
        min_population=50_000,
        kinds=("commune", "epci"),
        recognised_by=(("reen", "strategie numerique responsable", "bilan annuel"),),
    ),
    Obligation(
        "Accessibilité RGAA",
        "chaque service en ligne publie une déclaration d'accessibilité, et l'organisme un "
        "schéma pluriannuel de mise en accessibilité avec son plan d'action annuel",
        "Loi n° 2005-102 du 11 février 2005 art. 47, décret n° 2019-768 du 24 juillet 2019",
        recognised_by=(("rgaa", "accessibilite"),),
    ),
)
OBLIGATION_NAMES: tuple[str, ...] = tuple(o.name for o in OBLIGATIONS)
BY_NAME = {o.name: o for o in OBLIGATIONS}
