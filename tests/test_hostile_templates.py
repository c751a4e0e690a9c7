"""A Word template someone else edited is input too: hostile or broken ones are refused
in French, quickly, before they cost time or memory."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from docx import Document

from nr_xl.core.errors import ExitCode
from nr_xl.documents.produce import MINUTES, check_template

from nr_xl.jobs.documents import generate

from test_cli import nr_xl


def template_with(tmp_path, text: str, name="modele.docx"):  # type: ignore[no-untyped-def]
    doc = Document()
    doc.add_paragraph(text)
    path = tmp_path / name
    doc.save(str(path))
    return path


@pytest.mark.parametrize("tag,why", [
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "expression interdite"),
    ("{{ 9 ** 99999999 }}", "expression interdite"),
    ("{{ 'x' * 1000000000 }}", "expression interdite"),
])
@pytest.mark.slow
def test_a_template_that_reaches_too_far_is_refused(example_path, tmp_path, tag, why):
    template = template_with(tmp_path, "Compte rendu " + tag)
    start = time.monotonic()
    run = nr_xl("minutes", str(example_path), "-o", str(tmp_path / "cr.docx"), "--template", str(template))
    assert time.monotonic() - start < 60
    assert run.returncode == ExitCode.FILE, run.stderr  # « modèle refusé » in the one table
    # The cautions on the roadmap come first; the refusal is the last line.
    assert run.stderr.splitlines()[-1].startswith("Erreur : Modèle refusé") and why in run.stderr
    assert "Erreur inattendue" not in run.stderr and not (tmp_path / "cr.docx").exists()


@pytest.mark.slow
def test_a_template_that_is_not_a_docx_is_refused(example_path, tmp_path):
    fake = tmp_path / "faux.docx"
    fake.write_bytes(b"PK\x03\x04 ceci n'est pas un document")
    run = nr_xl("minutes", str(example_path), "-o", str(tmp_path / "cr.docx"), "--template", str(fake))
    assert run.returncode == ExitCode.FILE and "Modèle refusé" in run.stderr and "Erreur inattendue" not in run.stderr
    assert check_template(fake, MINUTES)[0].startswith("Modèle refusé")


def test_a_template_bomb_in_modeles_is_refused_from_the_zip_directory(example_path, tmp_path):
    """A few MB inflating to gigabytes, picked up from modeles/ beside the workbook."""
    folder = example_path.parent / "modeles"
    folder.mkdir()
    bomb = folder / "compte_rendu.docx"
    good = io.BytesIO()
    Document().save(good)
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info, src.read(info.filename))
        with out.open("word/media/zeros.bin", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(300):  # 300 MB of zeros, about 300 KB compressed
                fh.write(chunk)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    start = time.monotonic()
    with pytest.raises(Exception) as err:
        generate(MINUTES, example_path, tmp_path / "cr.docx")
    assert time.monotonic() - start < 10
    assert "Modèle refusé" in str(err.value) and "décompresse" in str(err.value)


# --- A step and memory budget (issue 29): the costs the sandbox alone does not bound --------

COSTLY = {
    "boucles imbriquées": "{% for i in range(99999) %}{% for j in range(99999) %}x{% endfor %}{% endfor %}",
    "boucles sur un filtre": "{% for i in range(99999) %}{{ range(99999)|map('string')|list|length }}{% endfor %}",
    "center": "{{ 'x'|center(10**9) }}",
    "format printf": "{{ '%999999999s'|format('x') }}",
    "opérateur %": "{{ '%999999999s' % 'x' }}",
    "str.format": "{{ '{:>999999999}'.format('x') }}",
    "largeur imbriquée": "{{ '{:>{w}}'.format('x', w=999999999) }}",
    "format_map": "{{ '{a:>999999999}'.format_map({'a': 'x'}) }}",
    "précision": "{{ '{:.999999999f}'.format(1.5) }}",
    "ljust": "{{ 'x'.ljust(999999999) }}",
    "join": "{{ ('x' * 999999).join(range(99999)|map('string')) }}",
    "replace": "{{ ('x' * 999999)|replace('x', 'yy' * 499999) }}",
    "doublement par ~": "{% set ns = namespace(s='xx') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
                        "{% endfor %}{{ ns.s|length }}",
    "doublement par +": "{% set ns = namespace(s='xx') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}"
                        "{% endfor %}",
    "puissances": "{{ ((9 ** 64) ** 64) ** 64 }}",
    "lipsum": "{{ lipsum(999999999) }}",
}


@pytest.mark.parametrize("tag", list(COSTLY.values()), ids=list(COSTLY))
def test_template_check_reports_a_template_that_would_cost_too_much(tmp_path, tag):
    template = template_with(tmp_path, "Compte rendu " + tag)
    start = time.monotonic()
    problems = check_template(template, MINUTES)
    assert time.monotonic() - start < 20
    assert problems and "calcul démesuré" in problems[0], problems


def test_a_costly_template_writes_no_document(example_path, tmp_path):
    template = template_with(tmp_path, "Compte rendu " + COSTLY["boucles imbriquées"])
    start = time.monotonic()
    with pytest.raises(Exception) as err:
        generate(MINUTES, example_path, tmp_path / "cr.docx", template)
    assert time.monotonic() - start < 30
    assert "calcul démesuré" in str(err.value) and not (tmp_path / "cr.docx").exists()


def test_no_filter_nor_text_method_builds_a_gigabyte():
    """Every filter of the environment and every method of a text, given a width or a count
    of 10**9: refused, or a result of ordinary size, in a moment."""
    import tracemalloc

    from jinja2 import Undefined

    from nr_xl.documents.sandbox import MAX_BUILT, BudgetedSandbox

    tags = [f"{{{{ {value}|{name}(999999999) }}}}" for name in BudgetedSandbox().filters
            for value in ("'ab cd'", "range(3)", "12.5")]
    tags += [f"{{{{ 'ab\\tcd'.{name}(999999999) }}}}" for name in dir(str) if not name.startswith("_")]
    tags += ["{{ '%.999999999f'|format(1.5) }}", "{{ '%0999999999d' % 7 }}", "{{ '{:0999999999}'.format(7) }}"]
    tracemalloc.start()
    try:
        for tag in tags:
            tracemalloc.reset_peak()
            start = time.monotonic()
            try:
                out = BudgetedSandbox(undefined=Undefined, autoescape=True).from_string(tag).render()
            except Exception:  # refused, or an argument the filter cannot take: nothing built
                out = ""
            assert len(out) <= MAX_BUILT, tag
            assert time.monotonic() - start < 5, tag
            assert tracemalloc.get_traced_memory()[1] < 64 * 1024 * 1024, tag
    finally:
        tracemalloc.stop()


def test_the_packaged_templates_fill_within_the_budget():
    from nr_xl.documents.produce import KICKOFF, PACKAGED

    for kind in (MINUTES, KICKOFF):
        assert check_template(PACKAGED / f"{kind.name}.docx", kind) == []
