"""The PowerPoint template of the committee's deck: built by code, committed, 16:9, one
named layout per kind of slide, accessible colours, checked in French when a collectivité's
own template lacks a layout or a placeholder."""

from __future__ import annotations

import re
import zipfile

import pytest

from nr_xl.documents import deck, deck_builder


def test_committed_template_equals_a_fresh_build(tmp_path):
    fresh = deck_builder.build(tmp_path / "support_comite.pptx")
    assert fresh.read_bytes() == deck_builder.TEMPLATE.read_bytes(), "python -m nr_xl.documents.deck_builder"
    assert deck_builder.build(tmp_path / "again.pptx").read_bytes() == fresh.read_bytes()


def test_template_is_16_9_with_its_named_layouts_and_placeholders():
    from pptx import Presentation

    prs = Presentation(str(deck_builder.TEMPLATE))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    assert abs(prs.slide_width / prs.slide_height - 16 / 9) < 0.001
    layouts = {layout.name: {ph.name for ph in layout.placeholders} for layout in prs.slide_layouts}
    assert list(layouts) == ["Titre", "Texte", "Deux colonnes", "Tableau", "Graphique"]
    for name, needed in deck.REQUIRED.items():
        assert set(needed) <= layouts[name], name
    assert deck.check_template(deck_builder.TEMPLATE) == []
    # French for spelling and screen readers, no author, no leftover of a library's sample.
    core = zipfile.ZipFile(deck_builder.TEMPLATE).read("docProps/core.xml").decode()
    assert "<dc:language>fr-FR</dc:language>" in core and "<dc:creator></dc:creator>" in core


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_colours_have_the_contrast_of_text_on_white_and_on_the_table_bands():
    theme = zipfile.ZipFile(deck_builder.TEMPLATE).read("ppt/theme/theme1.xml").decode()
    accents = re.findall(r'<a:accent\d><a:srgbClr val="([0-9A-F]{6})"/>', theme)
    assert len(accents) == 6
    # WCAG 2.1 AA: 4.5:1 for text (chart labels sit on the bars' colours' neighbours, titles
    # and alerts on white and on the light bands of the tables).
    for colour in (*accents, deck_builder.TEXT, deck_builder.TITLE, deck_builder.ALERT, deck_builder.MUTED):
        assert contrast(colour, "FFFFFF") >= 4.5, colour
        assert contrast(colour, deck_builder.LIGHT) >= 4.5, colour
    # White header text on the first accent (the tables' header row).
    assert contrast(accents[0], "FFFFFF") >= 7


def test_a_collectivite_template_without_a_layout_or_a_placeholder_is_told_what_to_do(tmp_path):
    from pptx import Presentation

    prs = Presentation(str(deck_builder.TEMPLATE))
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    layouts["Graphique"]._element.cSld.set("name", "Graphique et texte")
    note = next(ph for ph in layouts["Tableau"].placeholders if ph.name == "Note")
    note._element.getparent().remove(note._element)
    path = tmp_path / "mon_modele.pptx"
    prs.save(str(path))
    problems = deck.check_template(path)
    assert len(problems) == 2, problems
    missing_layout, missing_placeholder = sorted(problems)
    assert missing_layout.startswith("Disposition « Graphique » absente de « mon_modele.pptx »")
    assert "Masque des diapositives" in missing_layout and "« Graphique et texte »" in missing_layout
    assert missing_placeholder.startswith("La disposition « Tableau » n'a pas d'espace réservé nommé « Note »")
    assert "Volet Sélection" in missing_placeholder


@pytest.mark.parametrize("content, message", [
    (b"not a zip", "n'est pas une présentation PowerPoint (.pptx) lisible"),
    (None, "pas de ppt/presentation.xml"),
])
def test_what_is_not_a_presentation_is_refused_in_french(tmp_path, content, message):
    path = tmp_path / "modele.pptx"
    if content is None:
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("word/document.xml", "<w/>")
    else:
        path.write_bytes(content)
    (problem,) = deck.check_template(path)
    assert problem.startswith("Modèle refusé : « modele.pptx »") and message in problem
