"""nr-xl: valider une feuille de route Numérique responsable, sans Excel.

Each command parses its arguments, calls one function of nr_xl.api and turns
library errors into a French message and the exit code of nr_xl.core.errors.EXIT_CODES
(the table ``nr-xl --help`` prints). No traceback unless --debug. What a command
prints goes through ``say``: written whole, or exit code 5 (cli/output.py).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from nr_xl.cli import click_fr
from nr_xl.cli.output import output_message, whole

from nr_xl.core import schema
from nr_xl.core.errors import EXIT_CODES, ExitCode, NrXlError, OutputError, exit_codes_of

if TYPE_CHECKING:
    from nr_xl.api import DocumentKind

click_fr.install()  # before the commands below are declared: their help options take its words


def say(message: str = "", err: bool = False) -> None:
    """One line on standard output (or error), written whole or an OutputError."""
    click.echo(message, file=whole(sys.stderr if err else sys.stdout, "le résultat de la commande"))


def _say_written(paths: list[Path], label: str = "Écrit") -> None:
    """« Écrit : … » for each file made; when that line cannot be printed, the error still
    names them: they are complete, and a script that ran the command again would make « (2) »."""
    try:
        for path in paths:
            say(f"{label} : {path}")
    except OutputError as exc:
        names = ", ".join(f"« {path} »" for path in paths)
        raise OutputError(f"{exc.message} {'Les fichiers' if len(paths) > 1 else 'Le fichier'} {names} "
                          f"{'sont' if len(paths) > 1 else 'est'} pourtant écrit{'s' if len(paths) > 1 else ''}, "
                          "complet" + ("s." if len(paths) > 1 else ".")) from exc


def _tell(message: str) -> None:
    """An error line on standard error; if even that cannot be written, the exit code still says it."""
    try:
        say(message, err=True)
    except OutputError:
        pass


def _friendly(func: Callable[..., Any]) -> Callable[..., Any]:
    """Library errors become one French line on stderr and the documented exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        debug = bool(ctx.find_root().params.get("debug"))
        written = len(_replaced())
        try:
            return func(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit):
            raise
        except OutputError as exc:
            if debug:
                raise
            _tell(f"Erreur : {exc.message} {_what_was_written(written, output_failed=True)}")
            ctx.exit(exc.exit_code)
        except NrXlError as exc:
            if debug:
                raise
            _tell(f"Erreur : {exc.message}")
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            _tell("Interrompu : le classeur n'a pas été modifié.")
            ctx.exit(ExitCode.INTERRUPTED)
        except Exception as exc:  # never a traceback in the user's face
            if debug:
                raise
            _tell(f"Erreur inattendue ({type(exc).__name__} : {exc}). {_what_was_written(written)} "
                  "Relancez avec « nr-xl --debug … » et joignez le message au signalement.")
            ctx.exit(ExitCode.INTERNAL)

    return wrapper


def _replaced() -> list[Path]:
    """Workbooks this process has replaced. Every command that writes goes through nr_xl.api:
    before it is loaded nothing was written, and ``doctor`` never has to load it."""
    api = sys.modules.get("nr_xl.api")
    replaced: list[Path] = api.replaced_workbooks() if api is not None else []
    return replaced


def _what_was_written(before: int, output_failed: bool = False) -> str:
    """The truth about the workbook after an error: the output never decides it."""
    done = _replaced()[before:]
    if not done:
        return "Le classeur n'a pas été modifié."
    names = ", ".join(sorted({f"« {p.name} »" for p in done}))
    return (f"L'enregistrement de {names} a pourtant bien eu lieu (une copie de la version précédente est "
            "gardée à côté) : c'est l'affichage du résultat qui a échoué." if not output_failed else
            f"L'enregistrement de {names} a bien eu lieu (une copie de la version précédente est gardée à côté).")


def _console_never_fails() -> None:
    """A console that cannot show a character (a Windows code page, output redirected to a
    file) shows « ? » instead of failing the command."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):  # not a text stream we can reconfigure
            pass


def _exit_codes_help(command: str | None = None) -> str:
    """The table (all of it for ``nr-xl --help``, the command's own codes for its --help)."""
    codes = EXIT_CODES if command is None else exit_codes_of(command)
    title = "Codes de sortie (toutes les commandes)" if command is None else f"Codes de sortie de nr-xl {command}"
    # \b: click prints the lines as they are instead of joining them into a paragraph.
    return f"\b\n{title} :\n" + "\n".join(f"  {int(code):>3}  {EXIT_CODES[code]}" for code in codes)


class _Main(click.Group):
    """The nr-xl group. What click prints itself (--help, --version, a usage error) goes to
    the output unchecked: a full disk or a closed pipe there was a Python traceback and exit 1
    (click's own handling of a closed pipe). Here too, exit code 5 and a French line."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except OSError as exc:
            raise OutputError(output_message("le résultat de la commande", exc)) from exc

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OSError as exc:  # a subcommand's --help (its body is _friendly)
            raise OutputError(output_message("le résultat de la commande", exc)) from exc

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().main(*args, **kwargs)
        except (OutputError, OSError) as exc:  # OSError: the usage error itself could not be shown
            if isinstance(exc, OutputError):
                _tell(f"Erreur : {exc.message}")
            sys.exit(ExitCode.OUTPUT)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]},
             subcommand_metavar="COMMANDE [ARGUMENTS]...", epilog=_exit_codes_help())
@click.option("--debug", is_flag=True, help="Affiche la trace Python complète en cas d'erreur.")
@click.version_option(package_name="nr_xl", prog_name="nr-xl", message="%(prog)s, version %(version)s")
def main(debug: bool) -> None:
    """Valider une feuille de route Numérique responsable (méthode ANCT, étape 5)."""
    _console_never_fails()


def _command(name: str | None = None) -> Callable[[Callable[..., Any]], click.Command]:
    """A command of nr-xl whose --help ends with the exit codes it can return."""

    def decorate(func: Callable[..., Any]) -> click.Command:
        command_name = name or func.__name__.replace("_", "-")
        return main.command(command_name, epilog=_exit_codes_help(command_name))(func)

    return decorate


@_command()
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("workbook_template.xlsm"), show_default=True,
              help="Chemin du classeur à créer.")
@click.option("--force", is_flag=True, help="Remplace le fichier s'il existe.")
@_friendly
def template(output: Path, force: bool) -> None:
    """Écrit un classeur vierge workbook_template.xlsm."""
    from nr_xl import api

    if output.exists() and not force:
        raise click.UsageError(f"« {output} » existe déjà : ajoutez --force pour le remplacer.")
    # Without --force, one that came meanwhile (another nr-xl template) is kept: « nom (2) ».
    _say_written([api.build_template(output, replace=force)], "Modèle écrit")


class _Text(click.ParamType):
    """A text the journal or the workbook records: refused when the terminal handed over
    bytes that are not UTF-8 (a Latin-1 or Windows-1252 terminal), which Python keeps as
    lone surrogates that no file can hold."""

    name = "texte"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and any("\udc80" <= ch <= "\udcff" for ch in value):
            shown = value.encode("utf-8", "surrogateescape").decode("cp1252", "replace")
            self.fail(f"« {shown} » n'est pas écrit en UTF-8 (terminal réglé en Latin-1 ou Windows-1252 ?) : "
                      "rien n'a été enregistré. Retapez-le dans un terminal en UTF-8 (sous Windows : chcp 65001).",
                      param, ctx)
        return value


TEXT = _Text()


def _workbook_arg(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.argument("file", type=click.Path(path_type=Path))(func)


def _break_lock_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--break-lock", is_flag=True,
        help="Retire le verrou laissé par une commande interrompue (poste éteint, réseau coupé) "
             "avant d'écrire ; jamais celui d'une commande encore active sur ce poste.")(func)


# A terminal shows a screenful; the workbook keeps every row.
MAX_LISTED = 20


@_command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Tableau lisible ou objet JSON sur la sortie standard.")
@click.option("--write", is_flag=True, help=f"Remplit aussi la feuille « {schema.FINDINGS.sheet} » du classeur.")
@click.option("--engine", type=click.Choice(["calamine", "openpyxl"]), default="calamine",
              show_default=True, help="Lecteur du classeur.")
@_break_lock_option
@_friendly
def check(file: Path, fmt: str, write: bool, engine: str, break_lock: bool) -> None:
    """Contrôle la faisabilité de la feuille de route du classeur FILE."""
    from nr_xl import api

    if write:
        report, backup = api.check_and_write(file, engine=engine, break_lock=break_lock)  # type: ignore[arg-type]
    else:
        report = api.check(file, engine=engine)  # type: ignore[arg-type]
    if fmt == "json":
        from nr_xl.cli.json_report import dumps

        say(dumps(report))
    else:
        from nr_xl.cli.console import print_report, terminal

        print_report(report, terminal(whole(sys.stdout, "le rapport")))
    if write:
        say(f"Feuille « {schema.FINDINGS.sheet} » mise à jour dans {file} (copie de l'original : {backup.name}).",
            err=fmt == "json")
    hint = api.journal_restore_hint(file, report)
    if hint:
        say(hint, err=True)
    sys.exit(report.exit_code)




@_command()
@_workbook_arg
@click.option("--accepter-journal-modifie", "accept_broken", is_flag=True,
              help=f"Accepte un « {schema.JOURNAL.sheet} » modifié à la main tel qu'il est ; "
                   "une ligne du journal l'enregistre.")
@click.option("--reconstruire", "rebuild", is_flag=True,
              help="Reconstruit à partir du journal une version de référence supprimée ou abîmée.")
@_break_lock_option
@_friendly
def snapshot(file: Path, accept_broken: bool, rebuild: bool, break_lock: bool) -> None:
    """Fige la feuille de route actuelle comme version de référence, dans le classeur FILE."""
    from nr_xl import api

    plan = api.snapshot(file, accept_broken=accept_broken, rebuild=rebuild, break_lock=break_lock)
    say(f"Version de référence {plan.state.reference_version} figée le {plan.state.reference_date} "
               f"dans {file}.")
    for notice in plan.notices:
        say(notice)


@_command()
@_workbook_arg
@click.option("--instance", type=TEXT, help="Instance qui décide (défaut : « COPIL du <date du comité> »).")
@click.option("--author", type=TEXT, help="Auteur des ajustements (défaut : l'utilisateur du système).")
@click.option("--reason", type=TEXT, default="", help="Motif des ajustements, repris dans le compte rendu "
              f"(défaut : le motif tapé en M2 de la feuille « {schema.JOURNAL.sheet} »).")
@click.option("--accepter-journal-modifie", "accept_broken", is_flag=True,
              help=f"Accepte un « {schema.JOURNAL.sheet} » modifié à la main tel qu'il est ; "
                   "une ligne du journal l'enregistre.")
@_break_lock_option
@_friendly
def log(file: Path, instance: str | None, author: str | None, reason: str, accept_broken: bool,
        break_lock: bool) -> None:
    """Journalise les ajustements depuis le dernier journal : une ligne par cellule
    modifiée, ligne ajoutée ou ligne supprimée."""
    from nr_xl import api

    rows = api.log(file, instance=instance, author=author, reason=reason, accept_broken=accept_broken,
                   break_lock=break_lock)
    if not rows:
        say("Aucun ajustement depuis le dernier journal : rien n'a été ajouté.")
        return
    say(f"{len(rows)} ligne(s) ajoutée(s) au « {schema.JOURNAL.sheet} » de {file} :")
    for row in rows[:MAX_LISTED]:
        say(f"  N° {row.number} — {row.sheet} / {row.key} / {row.field} : "
                   f"« {row.old} » → « {row.new} »")
    if len(rows) > MAX_LISTED:
        say(f"  … et {len(rows) - MAX_LISTED} autre(s) : voir la feuille « {schema.JOURNAL.sheet} » du classeur.")


@_command()
@_workbook_arg
@click.option("--instance", type=TEXT, help="Instance qui valide (défaut : « COPIL du <date du comité> »).")
@click.option("--author", type=TEXT, help="Auteur (défaut : l'utilisateur du système).")
@click.option("--reserves", "reservations", type=TEXT, metavar="TEXTE",
              help="Valide sous réserve, avec ces réserves (même s'il reste des points bloquants).")
@click.option("--ajournee", "adjourned", is_flag=True,
              help="Enregistre l'ajournement, sans changer la version.")
@click.option("--accepter-journal-modifie", "accept_broken", is_flag=True,
              help=f"Accepte un « {schema.JOURNAL.sheet} » modifié à la main tel qu'il est ; "
                   "une ligne du journal l'enregistre.")
@_break_lock_option
@_friendly
def validate(file: Path, instance: str | None, author: str | None, reservations: str | None,
             adjourned: bool, accept_broken: bool, break_lock: bool) -> None:
    """Enregistre la décision du comité. Validée si rien ne bloque (sinon refus, code 1) ;
    --reserves « … » : validée sous réserve ; --ajournee : ajournée. Journalise, note la
    décision dans « Paramètres », incrémente la version (sauf ajournement) et fige la référence."""
    from nr_xl import api
    from nr_xl.core import vocabulary

    result = api.validate(file, instance=instance, author=author, reservations=reservations,
                          adjourned=adjourned, accept_broken=accept_broken, break_lock=break_lock)
    pending = f"{len(result.logged)} ajustement(s) en attente journalisé(s)"
    if result.notices:
        say("\n".join(result.notices))
    elif result.decision == vocabulary.ADJOURNED:
        say(f"Validation ajournée : version {result.old_version} inchangée ({pending}).")
    else:
        versions = (f"version {result.old_version} → {result.new_version}" if result.new_version != result.old_version
                    else f"version {result.old_version} inchangée")
        say(f"Feuille de route {result.decision.lower()} : {versions} ({pending})."
                   + (f"\nRéserves : {result.reservations}" if result.reservations else ""))


@_command()
@_workbook_arg
@click.option("--contre", "against", type=TEXT, required=True, metavar="COMPTE_RENDU.docx|EMPREINTE",
              help="Le compte rendu diffusé (.docx) ou l'empreinte qu'il imprime (« N° 1 à 11 — 3F2A 9C1B 77E0 »).")
@_friendly
def verify(file: Path, against: str) -> None:
    """Vérifie que le journal du classeur FILE contient toujours ce que le compte rendu diffusé
    a attesté."""
    from nr_xl import api

    matches, explanation = api.verify(file, against)
    say(explanation)
    if not matches:
        click.get_current_context().exit(ExitCode.BLOCKING)


def _document_date(ctx: click.Context, param: click.Parameter, value: str | None):
    from nr_xl import api

    if value is None:
        return None
    parsed = api.read_date(value)
    if parsed is None:
        raise click.BadParameter(f"« {value} » n'est pas une date : écrivez-la 07/03/2027 ou 2027-03-07.")
    return parsed


def _document_command(kind_name: DocumentKind, help_text: str, default_date: str):
    @_workbook_arg
    @click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
                  help="Document à écrire (.docx ; défaut : à côté du classeur).")
    @click.option("--pdf", is_flag=True, help="Produit aussi le PDF (LibreOffice).")
    @click.option("--force", is_flag=True,
                  help="Remplace un document existant (sinon : « nom (2).docx ») ; pour l'annonce, en écrit un "
                       "projet marqué « PROJET — non validée » quand le comité n'a pas validé.")
    @click.option("--template", "template", type=click.Path(dir_okay=False, path_type=Path),
                  help="Votre modèle Word (défaut : modeles/<type>.docx à côté du classeur, "
                       "sinon le modèle fourni).")
    @click.option("--date", "dated", callback=_document_date, metavar="JJ/MM/AAAA",
                  help=f"Date imprimée sur le document (défaut : {default_date}).")
    @_friendly
    def command(file: Path, output: Path | None, pdf: bool, force: bool, template: Path | None, dated,
                without_annexes: bool = False) -> None:
        from nr_xl import api

        _say_written(api.document(kind_name, file, output, template, pdf, today=dated, force=force,
                                  warn=lambda message: say(message, err=True),
                                  annexes=False if without_annexes else None))

    command.__doc__ = help_text
    return command


_command("minutes")(click.option(
    "--sans-annexes", "without_annexes", is_flag=True,
    help=f"Le relevé de décisions seul, sans les annexes (aussi : « {schema.MINUTES_ANNEXES.key} » à « Non » "
         f"dans « {schema.PARAMETER_TABLE.sheet} »).")(_document_command(
        "compte_rendu", "Écrit le compte rendu du comité de pilotage : le relevé de décisions et ses annexes "
        "(Word, et PDF avec --pdf).", "la date du comité")))
_command("kickoff")(_document_command(
    "annonce_lancement", "Écrit l'annonce de lancement de la feuille de route (Word, et PDF avec --pdf).",
    "la date du lancement officiel"))


def _followup_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed((
        click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
                     help="Document à écrire (.docx ; défaut : à côté du classeur)."),
        click.option("--pdf", is_flag=True, help="Produit aussi le PDF (LibreOffice)."),
        click.option("--force", is_flag=True, help="Remplace un document existant (sinon : « nom (2).docx »)."),
        click.option("--template", "template", type=click.Path(dir_okay=False, path_type=Path),
                     help="Votre modèle Word (défaut : modeles/<type>.docx à côté du classeur, sinon le modèle "
                          "fourni)."),
        click.option("--date", "dated", callback=_document_date, metavar="JJ/MM/AAAA",
                     help="Date imprimée sur le document."),
    )):
        func = option(func)
    return func


@_command()
@_workbook_arg
@_followup_options
@click.option("--ordre-du-jour", "agenda", is_flag=True,
              help="L'ordre du jour seul, à envoyer avant le comité (avancement, retards, indicateurs, décisions).")
@_friendly
def suivi(file: Path, output: Path | None, pdf: bool, force: bool, template: Path | None, dated,
          agenda: bool) -> None:
    """Écrit le compte rendu du comité de suivi (ou son ordre du jour) : avancement au jour du
    suivi (« {key} »), retards, indicateurs hors trajectoire, décisions échues, dépenses,
    ajustements journalisés et décision, feuille de route avant et après."""
    from nr_xl import api

    _say_written(api.followup(file, output, template, pdf, today=dated, force=force, agenda=agenda,
                              warn=lambda message: say(message, err=True)))


suivi.help = (suivi.help or "").replace("{key}", schema.FOLLOWUP_ON.key)


@_command()
@_workbook_arg
@click.option("--annee", "year", type=click.IntRange(2000, 2100), required=True, metavar="AAAA",
              help="Année du bilan (ex. 2027).")
@_followup_options
@_friendly
def bilan(file: Path, year: int, output: Path | None, pdf: bool, force: bool, template: Path | None, dated) -> None:
    """Écrit le bilan annuel de la stratégie (chapitre du rapport développement durable) :
    réalisé, dépensé et mesuré dans l'année face à la feuille de route, parts légales mesurées,
    changements décidés par les comités, sources des chiffres."""
    from nr_xl import api

    _say_written(api.review(file, year, output, template, pdf, today=dated, force=force,
                            warn=lambda message: say(message, err=True)))


@_command()
@_workbook_arg
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              help="Support à écrire (.pptx ; défaut : à côté du classeur).")
@click.option("--pdf", is_flag=True, help="Produit aussi le PDF (LibreOffice Impress).")
@click.option("--force", is_flag=True, help="Remplace un support existant (sinon : « nom (2).pptx »).")
@click.option("--template", "template", type=click.Path(dir_okay=False, path_type=Path),
              help="Votre modèle PowerPoint (défaut : modeles/support_comite.pptx à côté du classeur, "
                   "sinon le modèle fourni).")
@click.option("--reference", is_flag=True,
              help="Le support de la version de référence (celle présentée au comité), "
                   "et non du classeur tel qu'il est.")
@_friendly
def support(file: Path, output: Path | None, pdf: bool, force: bool, template: Path | None, reference: bool) -> None:
    """Écrit le support de présentation du comité de pilotage (PowerPoint, et PDF avec --pdf)."""
    from nr_xl import api

    _say_written(api.support(file, output, template, pdf, reference=reference, force=force))


@_command("template-check")
@click.argument("template", type=click.Path(path_type=Path))
@click.option("--kind", type=click.Choice(["compte_rendu", "annonce_lancement", "support_comite", "compte_rendu_suivi",
                                          "bilan_annuel"]), default=None,
              help="Type de document (défaut : d'après le fichier ; un .pptx est le support du comité).")
@_friendly
def template_check(template: Path, kind: str | None) -> None:
    """Vérifie un modèle modifié : balises cassées par Word et variables inconnues (Word),
    dispositions et espaces réservés manquants (PowerPoint)."""
    from nr_xl import api

    problems = api.check_template(template, kind)  # type: ignore[arg-type]
    if not problems:
        say(f"Modèle « {template.name} » valide.")
        return
    for problem in problems:
        say(f"- {problem}", err=True)
    sys.exit(ExitCode.BLOCKING)


@_command()
@_workbook_arg
@click.option("--interpreter", type=TEXT, required=True,
              help="Chemin complet du python où nr_xl est installé (python.exe ou pythonw.exe sous Windows).")
@click.option("--systeme", "system", type=click.Choice(["windows", "macos"]), default=None,
              help="Réglage à écrire : Interpreter_Win ou Interpreter_Mac (défaut : ce système).")
@_friendly
def configure(file: Path, interpreter: str, system: str | None) -> None:
    """Indique au classeur FILE quel Python lancer (feuille masquée xlwings.conf)."""
    from nr_xl import api

    result = api.configure(file, interpreter, system)  # type: ignore[arg-type]
    if not result.changed:
        say(f"{result.key} vaut déjà {result.value} : classeur inchangé.")
        return
    say(f"{result.key} = {result.value} écrit dans la feuille xlwings.conf de {file} "
               f"(copie de l'original : {result.backup.name if result.backup else '-'}).")
    if not Path(result.value).exists():
        say(f"Attention : {result.value} est introuvable sur cette machine ; vérifiez le chemin "
                   "sur le poste qui ouvrira le classeur.", err=True)


@_command()
@click.argument("file", type=click.Path(path_type=Path), required=False)
@click.option("--reparer", is_flag=True,
              help="Remet d'après le modèle ce qu'un autre tableur a abîmé (feuille de référence très masquée, "
                   "module VBA Dictionary, code xlwings Lite, ruban), copie .bak gardée.")
@_friendly
def doctor(file: Path | None, reparer: bool) -> None:
    """Diagnostic quand le ruban ne répond pas : versions, interpréteur, VBA xlwings, réglages."""
    # Not through nr_xl.api: doctor must answer even when a dependency the rest of the
    # package imports (Babel, python-calamine…) is missing or broken, which is what it reports.
    from nr_xl.release.doctor import diagnose

    if reparer:
        if file is None:
            raise click.UsageError("--reparer demande le classeur à réparer : nr-xl doctor --reparer CLASSEUR.xlsm")
        from nr_xl.api import repair

        done = repair(file)
        for damage in done.repaired:
            say(f"Réparé : {damage.label} ({damage.detail}).")
        if done.backup is not None:
            say(f"Copie du classeur d'avant : {done.backup.name}")
        elif not done.left:
            say("Rien à réparer.")
        say("")
    diagnosis = diagnose(file)
    say(diagnosis.text())
    sys.exit(ExitCode.OK if diagnosis.ok else ExitCode.BLOCKING)


@_command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("nr_xl_demo"),
              show_default=True, help="Dossier où écrire le classeur et les documents.")
@click.option("--force", is_flag=True,
              help="Remplace le classeur et les documents d'une démonstration précédente "
                   "(sinon : « nom (2) »).")
@_friendly
def demo(out: Path, force: bool) -> None:
    """Déroule tout le parcours sur l'exemple intégré (Vallée de l'Orvane, fictive)."""
    from nr_xl.cli.demo import run_demo

    outputs = run_demo(out, echo=say, force=force)
    say("")
    say("Résultats :")
    for label, path in outputs.items():
        say(f"  {label:<28} {path}")


if __name__ == "__main__":  # pragma: no cover
    main()
