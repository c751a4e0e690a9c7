"""The nr-xl command line, through its real entry point."""

from __future__ import annotations

import pytest

import json
import subprocess
import sys
from pathlib import Path


from nr_xl import api


def nr_xl(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The command line of this checkout (never another nr-xl found first on PATH)."""
    return subprocess.run([sys.executable, "-m", "nr_xl", *args], capture_output=True, text=True, cwd=cwd,
                          env=env)


# The example's findings as (severity, sheet, row, code, key), in the order every output
# lists them: errors first, then by sheet and row.
EXAMPLE_FINDINGS = [
    ("error", "Enveloppes", 3, "budget.envelope_exceeded", "2028/Investissement"),
    ("error", "Feuille de route", 15, "skills.missing", "B4.2/Audit RGAA"),
    ("error", "Risques", 5, "risk.unmitigated", "R4"),
    ("warning", "Capacités", 2, "capacity.overload", "DSI/2027-T2"),
    ("warning", "Enveloppes", 4, "budget.unconfirmed_envelope", "2029/Enveloppe NR"),
    ("warning", "Enveloppes", 7, "budget.unconfirmed_envelope", "2029/Budget DSI"),
    ("warning", "Enveloppes", 9, "budget.unconfirmed_envelope", "2028/Subvention"),
    ("warning", "Enveloppes", 10, "budget.unconfirmed_envelope", "2029/Subvention"),
    ("warning", "Feuille de route", 9, "validation.followup_missing", "B2.4"),
    ("warning", "Feuille de route", 12, "kpi.action_without_kpi", "B3.3"),
    ("warning", "Feuille de route", 14, "skills.partial", "B4.1/Écoconception"),
    ("warning", "Feuille de route", 16, "skills.partial", "B4.3/Écoconception"),
    ("warning", "Feuille de route", 17, "skills.elsewhere", "B4.4/Achats responsables"),
    ("warning", "Feuille de route", 18, "skills.elsewhere", "B5.1/Animation de réseau"),
    ("warning", "Feuille de route", 23, "schedule.dependency_order", "B6.2/B2.4"),
    ("warning", "Gouvernance", 3, "governance.late_setup", "Comité technique"),
    ("warning", "Indicateurs", 10, "kpi.weak_definition", "I09"),
]


@pytest.mark.slow
def test_check_json_is_exactly_the_contract(example_path):
    run = nr_xl("check", str(example_path), "--format", "json")
    assert run.returncode == 1
    data = json.loads(run.stdout)
    assert set(data) >= {"file", "status", "dimensions", "findings"}
    assert data["status"] == "bloquant"
    assert data["dimensions"]["Budget"] == "bloquant"
    finding = data["findings"][0]
    assert list(finding) == ["code", "severity", "dimension", "sheet", "row", "field", "key",
                             "message", "suggestion"]
    assert [(f["severity"], f["sheet"], f["row"], f["code"], f["key"]) for f in data["findings"]] == EXAMPLE_FINDINGS


@pytest.mark.slow
def test_check_text_and_write(example_path):
    before = example_path.read_bytes()
    run = nr_xl("check", str(example_path), "--write")
    assert run.returncode == 1
    assert "BLOQUANT" in run.stdout and "capacity.overload" in run.stdout and "DSI/2027-T2" in run.stdout
    assert "Contrôles" in run.stdout
    assert example_path.read_bytes() != before
    from nr_xl.workbook.backup import backups_of

    (backup,) = backups_of(example_path)
    assert backup.read_bytes() == before and backup.name in run.stdout


@pytest.mark.slow
def test_check_exit_0_when_only_warnings(tmp_path):
    from factory import corrected_example

    path = api.build_template(tmp_path / "ok.xlsm", corrected_example())
    run = nr_xl("check", str(path), "--format", "json")
    assert run.returncode == 0
    assert json.loads(run.stdout)["status"] == "à arbitrer"


@pytest.mark.slow
def test_json_stdout_stays_pure_with_write(example_path):
    run = nr_xl("check", str(example_path), "--format", "json", "--write")
    json.loads(run.stdout)
    assert "Contrôles" in run.stderr


# What click writes in English unless it is given French words (nr_xl.cli.click_fr).
ENGLISH = ("Usage:", "Error:", "Try ", "Missing", "No such", "Did you mean", "is not one of",
           "Show this message", "Show the version", "requires an argument", "unexpected extra", "default:")


@pytest.mark.slow
def test_usage_errors_exit_2_with_a_french_message():
    for args, says in ((["check"], "Argument manquant 'FILE'"),
                       (["check", "x.xlsm", "--format", "xml"], "'xml' ne fait pas partie de 'text', 'json'"),
                       (["inconnue"], "Commande inconnue : 'inconnue'"),
                       (["chek"], "Vouliez-vous dire 'check' ?"),
                       (["check", "x.xlsm", "--fromat", "json"], "Option inconnue : '--fromat'"),
                       (["check", "x.xlsm", "--format"], "L'option '--format' attend une valeur"),
                       (["check", "x.xlsm", "y.xlsm"], "Argument en trop (y.xlsm)")):
        run = nr_xl(*args)
        assert run.returncode == 2, args
        assert says in run.stderr and "Erreur : " in run.stderr, run.stderr
        assert not [word for word in ENGLISH if word in run.stderr], run.stderr


def test_click_still_asks_for_each_message_translated():
    """A click upgrade that rewords a message would bring the English back: seen here."""
    import importlib
    import inspect

    from nr_xl.cli import click_fr

    source = "".join(inspect.getsource(importlib.import_module(f"click.{name}")) for name in click_fr.CLICK_MODULES)
    asked = [*click_fr.MESSAGES, *(word for pair in click_fr.PLURALS for word in pair)]
    assert [message for message in asked if repr(message)[1:-1] not in source and message not in source] == []


@pytest.mark.slow
def test_template_command(tmp_path):
    out = tmp_path / "modele.xlsm"
    run = nr_xl("template", "-o", str(out))
    assert run.returncode == 0 and out.exists()
    from conftest import ROOT

    assert out.read_bytes() == (ROOT / "workbook_template.xlsm").read_bytes()
    again = nr_xl("template", "-o", str(out))
    assert again.returncode == 2 and "--force" in again.stderr


@pytest.mark.slow
def test_demo_builds_and_checks_the_example(tmp_path):
    run = nr_xl("demo", "--out", str(tmp_path / "demo"))
    assert run.returncode == 0, run.stderr
    workbook = tmp_path / "demo" / "feuille_de_route_orvane.xlsm"
    assert str(workbook) in run.stdout
    from openpyxl import load_workbook

    wb = load_workbook(workbook)
    # The committee's adjustments removed every blocking point; a year later, the measured legal
    # shares (réemploi, reconditioned purchases) are under their floors: « Contrôles » says so.
    assert "5. Après les ajustements : Faisabilité : À arbitrer (0 bloquant(s)" in run.stdout
    assert wb["Contrôles"]["L1"].value == "BLOQUANT"
    journal = [r for r in wb["Journal"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert journal[9][4:9] == ("Paramètres", "Version", "Valeur", "1.0", "1.1")
    assert journal[10][4:9] == ("Paramètres", "Décision du comité", "Valeur", None, "Validée")
    # One journal across the validation and both follow-up committees.
    assert [r[8] for r in journal if r[4:6] == ("Paramètres", "Version")] == ["1.1", "1.2", "1.3"]
    assert [r[0] for r in journal] == list(range(1, len(journal) + 1))
    assert "Faisabilité : Bloquant (3 bloquant(s), 14 alerte(s)). Classeur : complet." in run.stdout and "1.0 → 1.1" in run.stdout
    assert "1.2 → 1.3" in run.stdout and (tmp_path / "demo" / "bilan_annuel_2027.docx").is_file()
    # The deck is the one the committee was shown: written before its adjustments.
    from docs_text import pptx_text

    deck = pptx_text(tmp_path / "demo" / "support_comite.pptx")
    assert "PROJET soumis à la validation du comité" in deck and "\nPoints bloquants\n" in deck
    assert "version 1.0" in deck and "version 1.1" not in deck
    assert run.stdout.index("Support du comité écrit") < run.stdout.index("Ajustement journalisé")


@pytest.mark.slow
def test_help_is_french():
    run = nr_xl("--help")
    assert run.returncode == 0 and "feuille de route" in run.stdout
    assert "Utilisation : " in run.stdout and "Commandes:" in run.stdout and "Affiche la version" in run.stdout
    check = nr_xl("check", "--help").stdout
    assert "Contrôle la faisabilité" in check and "Affiche cette aide et quitte." in check
    assert "par défaut : text" in check
    assert not [word for word in ENGLISH if word in run.stdout + check]


@pytest.mark.slow
def test_journal_commands(example_path):
    assert "référence" in nr_xl("snapshot", str(example_path)).stdout
    run = nr_xl("log", str(example_path), "--reason", "rien")
    assert run.returncode == 0 and "Aucun ajustement" in run.stdout
    # The example still blocks: validation is refused, and says why and what to do.
    run = nr_xl("validate", str(example_path), "--instance", "Bureau")
    assert run.returncode == 1 and "3 point(s) bloquant(s)" in run.stderr and "--reserves" in run.stderr
    assert "Traceback" not in run.stderr
    run = nr_xl("validate", str(example_path), "--reserves", "Renfort DSI chiffré avant mars", "--ajournee")
    assert run.returncode == 2
    run = nr_xl("validate", str(example_path), "--instance", "Bureau", "--reserves", "Renfort DSI chiffré avant mars")
    assert run.returncode == 0 and "validée sous réserve" in run.stdout and "1.0 → 1.1" in run.stdout


@pytest.mark.slow
def test_log_without_reference_is_a_clean_error(example_path):
    run = nr_xl("log", str(example_path))
    assert run.returncode == 1 and run.stderr.startswith("Erreur : ") and "Traceback" not in run.stderr


@pytest.mark.slow
def test_a_long_log_lists_a_screenful_and_points_to_the_journal(example_path):
    from nr_xl.cli.commands import MAX_LISTED
    from nr_xl.example import load_example
    from nr_xl.workbook.edit import CellEdit, apply_edits

    assert nr_xl("snapshot", str(example_path)).returncode == 0
    budget = load_example()["Budget"]  # Action, Année, Financement, Investissement (€), …
    edits = [CellEdit("Budget", {"Action": row[0], "Année": row[1]}, "Investissement (€)", 1000 + i)
             for i, row in enumerate(budget)]
    apply_edits(example_path, edits)
    run = nr_xl("log", str(example_path), "--reason", "Arbitrages du comité")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    count = int(lines[0].split()[0])
    assert count > MAX_LISTED
    assert sum(line.startswith("  N° ") for line in lines) == MAX_LISTED
    assert lines[-1] == f"  … et {count - MAX_LISTED} autre(s) : voir la feuille « Journal » du classeur."
