"""What agents type, column by column, and what it must read as: the table the interpreter
(nr_xl.core.reading) and the whole check are held to.

Each case: (kind of column, its role or list, typed value, expected value, how it is read).
« how »: ``exact`` (no note), ``info`` or ``warn`` (a reading note, input.read_as, of that
severity), or the input.* code of a cell that cannot be read.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from nr_xl.core import schema
from nr_xl.core.parse import Quarter

K = schema.Kind
D = Decimal
FTE = D(1607) / D(7)  # jours-homme per ETP when « Paramètres » does not say (build.DEFAULT_DAYS_PER_FTE)

AMOUNTS = [
    (12000, D(12000), "exact"), (12000.0, D(12000), "exact"), (12500.5, D("12500.5"), "exact"),
    ("12000", D(12000), "exact"), ("12 000", D(12000), "exact"), ("12\u00a0000", D(12000), "exact"),
    ("12\u202f000", D(12000), "exact"), ("12 000 €", D(12000), "exact"), ("12\u00a0000\u00a0€", D(12000), "exact"),
    ("12 000,00 €", D(12000), "exact"), ("12 000,50 €", D("12000.50"), "exact"), ("18000€", D(18000), "exact"),
    ("18000 €", D(18000), "exact"), ("50 k€", D(50000), "exact"), ("50k€", D(50000), "exact"),
    ("50 K€", D(50000), "exact"), ("12,5 k€", D(12500), "exact"), ("1,2 M€", D(1200000), "exact"),
    ("1,2 m€", D(1200000), "exact"), ("15 000 euros", D(15000), "exact"), ("15 000 EUR", D(15000), "exact"),
    ("15.000 €", D(15000), "exact"), ("12.500,50 €", D("12500.50"), "exact"), ("1,5 million", D(1500000), "exact"),
    ("0", D(0), "exact"), ("-1 200 €", D(-1200), "exact"),
    ("env. 15 000 €", D(15000), "info"), ("environ 15 000 €", D(15000), "info"), ("~15 000 €", D(15000), "info"),
    ("≈ 15 000", D(15000), "info"), ("près de 15 000 €", D(15000), "info"),
    ("150 000 € TTC", D(150000), "info"), ("150 000 € HT", D(150000), "info"), ("150 000 TTC", D(150000), "info"),
    ("150 000 € (TTC)", D(150000), "info"), ("TTC 150 000 €", D(150000), "info"),
    ("12 000 € (estimation)", D(12000), "info"), ("12 000 € (à confirmer)", D(12000), "info"),
    ("-", D(0), "info"), ("—", D(0), "info"), ("–", D(0), "info"), ("néant", D(0), "info"), ("Néant", D(0), "info"),
    ("nul", D(0), "info"), ("sans objet", D(0), "info"),
    ("douze mille", None, "bad_number"), ("12 000 ou 15 000", None, "bad_number"), ("voir DSI", None, "bad_number"),
    ("#REF!", None, "formula_error"), ("#N/A", None, "formula_error"), (True, None, "bad_number"),
    ("1e999", None, "bad_number"),
]

DAYS = [
    (10, D(10), "exact"), (10.5, D("10.5"), "exact"), ("10", D(10), "exact"), ("10 j", D(10), "exact"),
    ("10 jours", D(10), "exact"), ("10 j-h", D(10), "exact"), ("10 jh", D(10), "exact"), ("10 JH", D(10), "exact"),
    ("10 j/h", D(10), "exact"), ("10 jours-homme", D(10), "exact"), ("10,5 j", D("10.5"), "exact"),
    ("1 jour", D(1), "exact"), ("env. 20 j", D(20), "info"), ("néant", D(0), "info"), ("-", D(0), "info"),
    ("0,5 ETP", D("0.5") * FTE, "warn"), ("1 ETP", 1 * FTE, "warn"),
    ("0.5 etp", D("0.5") * FTE, "warn"), ("2 ETP", 2 * FTE, "warn"),
    ("beaucoup", None, "bad_number"), ("10 semaines", None, "bad_number"), ("#DIV/0!", None, "formula_error"),
]

START = [
    ("2027-T3", Quarter(2027, 3), "exact"), ("T3 2027", Quarter(2027, 3), "exact"), ("2027-Q3", Quarter(2027, 3), "exact"),
    ("2027T3", Quarter(2027, 3), "exact"), ("t3 2027", Quarter(2027, 3), "exact"), ("Q3-2027", Quarter(2027, 3), "exact"),
    (dt.date(2027, 8, 15), Quarter(2027, 3), "exact"), (dt.datetime(2027, 8, 15), Quarter(2027, 3), "exact"),
    ("15/08/2027", Quarter(2027, 3), "exact"), ("2027-08-15", Quarter(2027, 3), "exact"), (46614, Quarter(2027, 8 // 3 + 1), "exact"),
    ("3e trimestre 2027", Quarter(2027, 3), "info"), ("3ème trimestre 2027", Quarter(2027, 3), "info"),
    ("troisième trimestre 2027", Quarter(2027, 3), "info"), ("1er trimestre 2028", Quarter(2028, 1), "info"),
    ("2e trim. 2028", Quarter(2028, 2), "info"), ("4e trimestre de 2028", Quarter(2028, 4), "info"),
    ("sept. 2028", Quarter(2028, 3), "info"), ("sept 2028", Quarter(2028, 3), "info"),
    ("septembre 2028", Quarter(2028, 3), "info"), ("Septembre 2028", Quarter(2028, 3), "info"),
    ("janv. 2028", Quarter(2028, 1), "info"), ("janvier 2028", Quarter(2028, 1), "info"), ("févr. 2028", Quarter(2028, 1), "info"),
    ("mars 2028", Quarter(2028, 1), "info"), ("avr. 2028", Quarter(2028, 2), "info"), ("mai 2028", Quarter(2028, 2), "info"),
    ("juin 2028", Quarter(2028, 2), "info"), ("juil. 2028", Quarter(2028, 3), "info"), ("août 2028", Quarter(2028, 3), "info"),
    ("oct. 2028", Quarter(2028, 4), "info"), ("nov. 2028", Quarter(2028, 4), "info"), ("déc. 2028", Quarter(2028, 4), "info"),
    ("decembre 2028", Quarter(2028, 4), "info"), ("09/2028", Quarter(2028, 3), "info"), ("2028-09", Quarter(2028, 3), "info"),
    ("S1 2027", Quarter(2027, 1), "info"), ("S2 2027", Quarter(2027, 3), "info"), ("s2 2027", Quarter(2027, 3), "info"),
    ("1er semestre 2027", Quarter(2027, 1), "info"), ("2e semestre 2027", Quarter(2027, 3), "info"),
    ("second semestre 2027", Quarter(2027, 3), "info"), ("premier semestre 2027", Quarter(2027, 1), "info"),
    ("fin 2029", Quarter(2029, 4), "info"), ("Fin 2029", Quarter(2029, 4), "info"), ("début 2028", Quarter(2028, 1), "info"),
    ("debut 2028", Quarter(2028, 1), "info"), ("mi-2028", Quarter(2028, 3), "info"), ("mi 2028", Quarter(2028, 3), "info"),
    ("milieu 2028", Quarter(2028, 3), "info"), ("courant 2028", Quarter(2028, 1), "info"),
    ("rentrée 2027", Quarter(2027, 3), "info"), ("été 2027", Quarter(2027, 3), "info"), ("printemps 2027", Quarter(2027, 2), "info"),
    ("automne 2027", Quarter(2027, 4), "info"), ("2029", Quarter(2029, 1), "info"), (2029, Quarter(2029, 1), "info"),
    (2029.0, Quarter(2029, 1), "info"), ("en 2029", Quarter(2029, 1), "info"),
    ("2027-T5", None, "bad_quarter"), ("T0 2027", None, "bad_quarter"), ("bientôt", None, "bad_quarter"),
    ("S3 2027", None, "bad_quarter"), ("13/2027", None, "bad_quarter"), ("1927-T1", None, "implausible_date"),
    ("#REF!", None, "formula_error"),
]

END = [
    ("2027-T3", Quarter(2027, 3), "exact"), ("S1 2027", Quarter(2027, 2), "info"), ("S2 2027", Quarter(2027, 4), "info"),
    ("1er semestre 2027", Quarter(2027, 2), "info"), ("mi-2028", Quarter(2028, 2), "info"), ("2029", Quarter(2029, 4), "info"),
    (2029, Quarter(2029, 4), "info"), ("fin 2029", Quarter(2029, 4), "info"), ("début 2028", Quarter(2028, 1), "info"),
    ("courant 2028", Quarter(2028, 4), "info"), ("sept. 2028", Quarter(2028, 3), "info"),
]

DATES = [
    (dt.date(2027, 1, 15), dt.date(2027, 1, 15), "exact"), (dt.datetime(2027, 1, 15, 0, 0), dt.date(2027, 1, 15), "exact"),
    (46402, dt.date(2027, 1, 15), "exact"), (46402.0, dt.date(2027, 1, 15), "exact"),
    ("15/01/2027", dt.date(2027, 1, 15), "exact"), ("15-01-2027", dt.date(2027, 1, 15), "exact"),
    ("15.01.2027", dt.date(2027, 1, 15), "exact"), ("2027-01-15", dt.date(2027, 1, 15), "exact"),
    ("5/1/2027", dt.date(2027, 1, 5), "exact"), ("2027-01-15T00:00:00.000Z", dt.date(2027, 1, 15), "exact"),
    ("15/01/27", dt.date(2027, 1, 15), "info"), ("15-01-27", dt.date(2027, 1, 15), "info"),
    ("3 décembre 2026", dt.date(2026, 12, 3), "info"), ("3 déc. 2026", dt.date(2026, 12, 3), "info"),
    ("3 dec 2026", dt.date(2026, 12, 3), "info"), ("1er mars 2027", dt.date(2027, 3, 1), "info"),
    ("le 3 décembre 2026", dt.date(2026, 12, 3), "info"), ("jeudi 3 décembre 2026", dt.date(2026, 12, 3), "info"),
    ("14 janvier 2027", dt.date(2027, 1, 14), "info"), ("28 févr. 2027", dt.date(2027, 2, 28), "info"),
    ("janvier 2027", dt.date(2027, 1, 1), "warn"), ("fin janvier 2027", dt.date(2027, 1, 31), "warn"),
    ("mi-janvier 2027", dt.date(2027, 1, 15), "warn"), ("début mars 2027", dt.date(2027, 3, 1), "warn"),
    ("T2 2027", dt.date(2027, 4, 1), "warn"), ("2027", dt.date(2027, 1, 1), "warn"), ("fin 2027", dt.date(2027, 10, 1), "warn"),
    ("31/02/2027", None, "bad_date"), ("demain", None, "bad_date"), ("2027/13/01", None, "bad_date"),
    ("07/03/2", None, "bad_date"), (12, None, "bad_date"), ("01/01/1954", None, "implausible_date"),
    ("#N/A", None, "formula_error"),
]

DUE_DATES = [
    ("janvier 2027", dt.date(2027, 1, 31), "warn"), ("fin 2027", dt.date(2027, 12, 31), "warn"),
    ("S1 2027", dt.date(2027, 6, 30), "warn"), ("2027", dt.date(2027, 12, 31), "warn"),
]

YEARS = [
    (2027, 2027, "exact"), (2027.0, 2027, "exact"), ("2027", 2027, "exact"), (" 2027 ", 2027, "exact"),
    (dt.date(2027, 5, 1), 2027, "info"), ("fin 2029", 2029, "info"), ("sept. 2028", 2028, "info"),
    ("2029-T4", 2029, "info"), ("T4 2029", 2029, "info"), ("S2 2028", 2028, "info"), ("courant 2028", 2028, "info"),
    ("27", None, "bad_year"), (2027.5, None, "bad_year"), ("an prochain", None, "bad_year"), (3000, None, "bad_year"),
    ("#VALUE!", None, "formula_error"),
]

MEASURES = [
    (12.5, D("12.5"), "exact"), (40, D(40), "exact"), ("12,5", D("12.5"), "exact"), ("0,4", D("0.4"), "exact"),
    ("40 %", D(40), "exact"), ("40%", D(40), "exact"), ("40 pour cent", D(40), "exact"), ("12,5 %", D("12.5"), "exact"),
    ("≥ 25 %", D(25), "info"), (">= 25 %", D(25), "info"), ("> 80 %", D(80), "info"), ("au moins 50 %", D(50), "info"),
    ("minimum 50 %", D(50), "info"), ("≤ 5", D(5), "info"), ("au plus 5", D(5), "info"), ("moins de 10", D(10), "info"),
    ("3 ans", D(3), "info"), ("250 kg", D(250), "info"), ("environ 200 kg", D(200), "info"),
    ("25 % des achats", D(25), "info"), ("env. 40 %", D(40), "info"), ("40 % (à confirmer)", D(40), "info"),
    ("beaucoup", None, "bad_number"), ("#N/A", None, "formula_error"),
]

SCORES = [
    (3, 3, "exact"), (3.0, 3, "exact"), ("3", 3, "exact"), ("3 (fort)", 3, "info"), ("3/4", 3, "info"),
    ("faible", 1, "info"), ("moyen", 2, "info"), ("élevé", 3, "info"), ("Élevée", 3, "info"), ("fort", 3, "info"),
    ("très fort", 4, "info"), ("critique", 4, "info"),
    (0, None, "out_of_range"), (5, None, "out_of_range"), (2.5, None, "out_of_range"), ("excellent", None, "out_of_range"),
]

REFS = [
    ("P2", ("P2",), "exact"), ("P2; P4", ("P2", "P4"), "exact"), ("P2;P4", ("P2", "P4"), "exact"),
    ("P2, P4", ("P2", "P4"), "exact"), ("P2,P4", ("P2", "P4"), "exact"), ("P2\nP4", ("P2", "P4"), "exact"),
    ("P2; P2", ("P2",), "exact"), ("P2 / P4", ("P2", "P4"), "info"), ("P2/P4", ("P2", "P4"), "info"),
    ("P2 et P4", ("P2", "P4"), "info"), ("P2 & P4", ("P2", "P4"), "info"), ("P2 + P4", ("P2", "P4"), "info"),
    ("P2 ET P4", ("P2", "P4"), "info"), ("I02 (à confirmer)", ("I02",), "info"),
    ("I02 (à confirmer); I03", ("I02", "I03"), "info"), ("#REF!", (), "formula_error"),
]

ENVELOPE = [
    ("Votée", "Votée", "exact"), ("votée", "Votée", "exact"), ("VOTEE", "Votée", "exact"), ("Voté", "Votée", "exact"),
    ("votées", "Votée", "exact"), ("Inscrite au budget", "Inscrite au budget", "exact"), ("Demandée", "Demandée", "exact"),
    ("À confirmer", "À confirmer", "exact"), ("a confirmer", "À confirmer", "exact"),
    ("voté au BP 2027", "Votée", "info"), ("Votée au BP 2027", "Votée", "info"), ("voté au budget", "Votée", "info"),
    ("Adoptée", "Votée", "info"), ("Validée", "Votée", "info"), ("Délibérée", "Votée", "info"),
    ("BP 2028", "Inscrite au budget", "info"), ("Inscrite au BP", "Inscrite au budget", "info"),
    ("Inscrite", "Inscrite au budget", "info"), ("Budgétée", "Inscrite au budget", "info"),
    ("prévue au BS", "À confirmer", "info"), ("BS 2027", "À confirmer", "info"), ("DM", "À confirmer", "info"),
    ("Sollicitée", "Demandée", "info"), ("Estimée", "À confirmer", "info"), ("Hypothèse", "À confirmer", "info"),
    ("Votée (2027)", "Votée", "info"),
    ("non votée", "À confirmer", "unknown_value"), ("pas votée", "À confirmer", "unknown_value"),
    ("Votée ?", "À confirmer", "unknown_value"), ("peut-être", "À confirmer", "unknown_value"),
]

ACTION = [
    ("À lancer", "À lancer", "exact"), ("a lancer", "À lancer", "exact"), ("En cours", "En cours", "exact"),
    ("Terminée", "Terminée", "exact"), ("terminé", "Terminée", "exact"), ("Reportée", "Reportée", "exact"),
    ("Abandonnée", "Abandonnée", "exact"), ("Programmée", "À lancer", "info"), ("Non démarrée", "À lancer", "info"),
    ("Démarrée", "En cours", "info"), ("Achevée", "Terminée", "info"), ("Annulée", "Abandonnée", "info"),
    ("Abandonnée (pas de budget)", "Abandonnée", "info"), ("En cours (50 %)", "En cours", "info"),
    ("Terminée ?", "À lancer", "unknown_value"), ("non terminée", "À lancer", "unknown_value"),
]

PRESENCE = [
    ("Présent", "Présent", "exact"), ("présente", "Présent", "exact"), ("Présent(e)", "Présent", "info"),
    ("x", "Présent", "info"), ("X", "Présent", "info"), ("oui", "Présent", "info"), ("Oui", "Présent", "info"),
    (True, "Présent", "info"), ("✓", "Présent", "info"), ("représenté par Marc Blanc", "Présent", "info"),
    ("Représentée par Anne Roy", "Présent", "info"), ("Excusé", "Excusé", "exact"), ("excusée", "Excusé", "exact"),
    ("Absent", "Absent", "exact"), ("absente", "Absent", "exact"), ("peut-être", None, "unknown_value"),
]

SKILL_LEVELS = [
    ("Acquise", "Acquise", "exact"), ("acquises", "Acquise", "exact"), ("acquis", "Acquise", "info"), ("Partielle", "Partielle", "exact"),
    ("À acquérir", "À acquérir", "exact"), ("Maîtrisée", "Acquise", "info"), ("En partie", "Partielle", "info"),
    ("Absente", "À acquérir", "info"), ("Non maîtrisée", "À acquérir", "unknown_value"),
]

# (label, kind, role or list, cases)
TABLE = [
    ("montant", K.AMOUNT, "", AMOUNTS),
    ("jours-homme", K.DAYS, "", DAYS),
    ("début", K.QUARTER, "start", START),
    ("fin", K.QUARTER, "end", END),
    ("date", K.DATE, "start", DATES),
    ("échéance", K.DATE, "end", DUE_DATES),
    ("année", K.YEAR, "end", YEARS),
    ("valeur d'indicateur", K.MEASURE, "", MEASURES),
    ("note", K.SCORE, "", SCORES),
    ("références", K.REF_LIST, "", REFS),
    ("statut d'enveloppe", K.ENUM, schema.ENVELOPE_STATUSES, ENVELOPE),
    ("statut d'action", K.ENUM, schema.ACTION_STATUSES, ACTION),
    ("présence", K.ENUM, schema.PRESENCES, PRESENCE),
    ("niveau", K.ENUM, schema.SKILL_LEVELS, SKILL_LEVELS),
]

CASES = [(label, kind, how, typed, expected, read) for label, kind, how, cases in TABLE
         for typed, expected, read in cases]
