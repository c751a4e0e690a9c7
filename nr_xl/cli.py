"""nr-xl: valider une feuille de route Numérique responsable, sans Excel.

Each command parses its arguments, calls one function of nr_xl.api and turns
library errors into a French message and an exit code (0 ok / faisable,
1 bloquant, 2 usage, 3 classeur illisible). No traceback unless --debug.
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path
from typing import Any, Callable

import click

from nr_xl.errors import NrXlError

EXIT_UNREADABLE = 3


def _friendly(func: Callable[..., Any]) -> Callable[..., Any]:
    """Library errors become one French line on stderr and the documented exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        debug = bool(ctx.find_root().params.get("debug"))
        try:
            return func(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit):
            raise
        except NrXlError as exc:
            if debug:
                raise
            click.echo(f"Erreur : {exc.message}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Interrompu : le classeur n'a pas été modifié.", err=True)
            ctx.exit(130)
        except Exception as exc:  # never a traceback in the user's face
            if debug:
                raise
            click.echo(
                f"Erreur inattendue ({type(exc).__name__} : {exc}). Le classeur n'a pas été modifié. "
                "Relancez avec « nr-xl --debug … » et joignez le message au signalement.",
                err=True,
            )
            ctx.exit(EXIT_UNREADABLE)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Affiche la trace Python complète en cas d'erreur.")
@click.version_option(package_name="nr_xl", prog_name="nr-xl")
def main(debug: bool) -> None:
    """Valider une feuille de route Numérique responsable (méthode ANCT, étape 5)."""


@main.command()
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
    api.build_template(output)
    click.echo(f"Modèle écrit : {output}")


def _workbook_arg(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.argument("file", type=click.Path(path_type=Path))(func)


def _break_lock_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--break-lock", is_flag=True,
        help="Retire le verrou laissé par une commande interrompue (poste éteint, réseau coupé) "
             "avant d'écrire ; jamais celui d'une commande encore active sur ce poste.")(func)


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Tableau lisible ou objet JSON sur la sortie standard.")
@click.option("--write", is_flag=True, help="Remplit aussi la feuille « Contrôles » du classeur.")
@click.option("--engine", type=click.Choice(["calamine", "openpyxl"]), default="calamine",
              show_default=True, help="Lecteur du classeur.")
@_break_lock_option
@_friendly
def check(file: Path, fmt: str, write: bool, engine: str, break_lock: bool) -> None:
    """Contrôle la faisabilité de la feuille de route du classeur FILE.

    Code de sortie : 0 faisable ou à arbitrer, 1 bloquant, 2 usage, 3 illisible.
    """
    from nr_xl import api

    if write:
        report, backup = api.check_and_write(file, engine=engine, break_lock=break_lock)  # type: ignore[arg-type]
    else:
        report = api.check(file, engine=engine)  # type: ignore[arg-type]
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        from nr_xl.console import print_report

        print_report(report)
    if write:
        click.echo(f"Feuille « Contrôles » mise à jour dans {file} (copie de l'original : {backup.name}).",
                   err=fmt == "json")
    sys.exit(report.exit_code)




@main.command()
@_workbook_arg
@_break_lock_option
@_friendly
def snapshot(file: Path, break_lock: bool) -> None:
    """Fige la feuille de route actuelle comme version de référence, dans le classeur FILE."""
    from nr_xl import api

    state = api.snapshot(file, break_lock=break_lock)
    click.echo(f"Version de référence {state.reference_version} figée le {state.reference_date} "
               f"dans {file}.")


@main.command()
@_workbook_arg
@click.option("--instance", help="Instance qui décide (défaut : « COPIL du <date du comité> »).")
@click.option("--author", help="Auteur des ajustements (défaut : l'utilisateur du système).")
@click.option("--reason", default="", help="Motif des ajustements, repris dans le compte rendu.")
@_break_lock_option
@_friendly
def log(file: Path, instance: str | None, author: str | None, reason: str, break_lock: bool) -> None:
    """Journalise les ajustements depuis le dernier journal : une ligne par cellule
    modifiée, ligne ajoutée ou ligne supprimée."""
    from nr_xl import api

    rows = api.log(file, instance=instance, author=author, reason=reason, break_lock=break_lock)
    if not rows:
        click.echo("Aucun ajustement depuis le dernier journal : rien n'a été ajouté.")
        return
    click.echo(f"{len(rows)} ligne(s) ajoutée(s) au « Journal » de {file} :")
    for row in rows:
        click.echo(f"  N° {row.number} — {row.sheet} / {row.key} / {row.field} : "
                   f"« {row.old} » → « {row.new} »")


@main.command()
@_workbook_arg
@click.option("--instance", help="Instance qui valide (défaut : « COPIL du <date du comité> »).")
@click.option("--author", help="Auteur (défaut : l'utilisateur du système).")
@_break_lock_option
@_friendly
def validate(file: Path, instance: str | None, author: str | None, break_lock: bool) -> None:
    """Valide la feuille de route : journalise, incrémente la version, fige la nouvelle référence."""
    from nr_xl import api

    result = api.validate(file, instance=instance, author=author, break_lock=break_lock)
    click.echo(f"Feuille de route validée : version {result.old_version} → {result.new_version} "
               f"({len(result.logged)} ajustement(s) en attente journalisé(s)).")


def _document_command(kind_name: str, help_text: str):  # type: ignore[no-untyped-def]
    @_workbook_arg
    @click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
                  help="Document à écrire (.docx ; défaut : à côté du classeur).")
    @click.option("--pdf", is_flag=True, help="Produit aussi le PDF (LibreOffice).")
    @click.option("--force", is_flag=True,
                  help="Remplace un document existant (sinon : « nom (2).docx »).")
    @click.option("--template", "template", type=click.Path(dir_okay=False, path_type=Path),
                  help="Votre modèle Word (défaut : modeles/<type>.docx à côté du classeur, "
                       "sinon le modèle fourni).")
    @_friendly
    def command(file: Path, output: Path | None, pdf: bool, force: bool, template: Path | None) -> None:
        from nr_xl.documents.service import generate, kind_named

        for path in generate(kind_named(kind_name), file, output, template, pdf, force=force):
            click.echo(f"Écrit : {path}")

    command.__doc__ = help_text
    return command


main.command("minutes")(_document_command(
    "compte_rendu", "Écrit le compte rendu du comité de pilotage (Word, et PDF avec --pdf)."))
main.command("kickoff")(_document_command(
    "annonce_lancement", "Écrit l'annonce de lancement de la feuille de route (Word, et PDF avec --pdf)."))


@main.command("template-check")
@click.argument("template", type=click.Path(path_type=Path))
@click.option("--kind", type=click.Choice(["compte_rendu", "annonce_lancement"]), default=None,
              help="Type de document (défaut : d'après le nom du fichier).")
@_friendly
def template_check(template: Path, kind: str | None) -> None:
    """Vérifie un modèle Word modifié : balises cassées par Word, variables inconnues."""
    from nr_xl.documents.service import check_template, kind_named

    name = kind or ("annonce_lancement" if "annonce" in template.name.lower() else "compte_rendu")
    problems = check_template(template, kind_named(name))
    if not problems:
        click.echo(f"Modèle « {template.name} » valide.")
        return
    for problem in problems:
        click.echo(f"- {problem}", err=True)
    sys.exit(1)


@main.command()
@click.argument("file", type=click.Path(path_type=Path), required=False)
@_friendly
def doctor(file: Path | None) -> None:
    """Diagnostic quand le ruban ne répond pas : versions, interpréteur, VBA xlwings, réglages."""
    from nr_xl.doctor import diagnose

    diagnosis = diagnose(file)
    click.echo(diagnosis.text())
    sys.exit(0 if diagnosis.ok else 1)


@main.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("nr_xl_demo"),
              show_default=True, help="Dossier où écrire le classeur et les documents.")
@click.option("--force", is_flag=True,
              help="Remplace le classeur et les documents d'une démonstration précédente "
                   "(sinon : « nom (2) »).")
@_friendly
def demo(out: Path, force: bool) -> None:
    """Déroule tout le parcours sur l'exemple intégré (Vallée de l'Orvane, fictive)."""
    from nr_xl.demo import run_demo

    outputs = run_demo(out, echo=click.echo, force=force)
    click.echo("")
    click.echo("Résultats :")
    for label, path in outputs.items():
        click.echo(f"  {label:<28} {path}")


if __name__ == "__main__":  # pragma: no cover
    main()
