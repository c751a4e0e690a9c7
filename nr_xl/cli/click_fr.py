"""click's own words in French: usage lines, errors on the command line, the help options.

click words these through gettext but ships no French catalogue, and gettext would
pick a language from environment variables that Windows does not set. ``install``
hands click, module by module, a translation holding the messages a user of nr-xl
can meet; any other message stays as click writes it. A test checks that each
message below is still one click asks for, so an upgrade that rewords one is seen.
"""

from __future__ import annotations

import gettext
import importlib

MESSAGES = {
    "Usage:": "Utilisation :",
    "Options": "Options",
    "Commands": "Commandes",
    "Error: {message}": "Erreur : {message}",
    "Try '{command} {option}' for help.": "Aide : « {command} {option} ».",
    "Missing argument": "Argument manquant",
    "Missing option": "Option manquante",
    "Missing parameter": "Paramètre manquant",
    "Missing command.": "Commande manquante.",
    "No such command {name!r}.": "Commande inconnue : {name!r}.",
    "No such option {name!r}.": "Option inconnue : {name!r}.",
    "Option {name!r} does not take a value.": "L'option {name!r} ne prend pas de valeur.",
    "Invalid value for {param_hint}: {message}": "Valeur refusée pour {param_hint} : {message}",
    "Invalid value: {message}": "Valeur refusée : {message}",
    "{value!r} is not a valid {number_type}.": "{value!r} n'est pas un nombre valide ({number_type}).",
    "{value} is not in the range {range}.": "{value} n'est pas dans l'intervalle {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} n'existe pas.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} est un dossier.",
    "{name} {filename!r} is a file.": "{name} {filename!r} est un fichier.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} ne peut pas être lu.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} ne peut pas être écrit.",
    "file": "fichier",  # capitalised by click
    "directory": "dossier",
    "path": "chemin",
    "Show this message and exit.": "Affiche cette aide et quitte.",
    "Show the version and exit.": "Affiche la version et quitte.",
    "default: {default}": "par défaut : {default}",
    "required": "obligatoire",
    "Aborted!": "Interrompu.",
}
# (singular, plural) as click asks -> (singular, plural) in French.
PLURALS = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"):
        ("Argument en trop ({args})", "Arguments en trop ({args})"),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):
        ("Vouliez-vous dire {possibility} ?", "(Vouliez-vous dire l'un de : {possibilities} ?)"),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        ("L'option {name!r} attend une valeur.", "L'option {name!r} attend {nargs} valeurs."),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."):
        ("{value!r} n'est pas {choice}.", "{value!r} ne fait pas partie de {choices}."),
}
# The modules of click that word messages (each imports gettext's functions as _ and ngettext).
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "utils", "termui")


class French(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return MESSAGES.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        french = PLURALS.get((msgid1, msgid2))
        singular, plural = french if french else (msgid1, msgid2)
        return singular if abs(n) < 2 else plural  # French: 0 and 1 take the singular


def install() -> None:
    """Give click the French words; before the commands are declared (their help
    options take their text when declared)."""
    french = French()
    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = french.gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = french.ngettext  # type: ignore[attr-defined]
