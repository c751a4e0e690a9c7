"""Builds the two .docx templates shipped in nr_xl/documents/templates/.

They are ordinary Word documents with docxtpl tags ({{ … }}, {%p … %},
{%tr … %}): users open them in Word, change wording, logo and styles, and keep
the tags. Rebuild with ``python -m nr_xl.documents.template_builder``; a test
checks the committed files equal a fresh build.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from nr_xl.documents.context import CHART_BUDGET, CHART_WORKLOAD
from nr_xl.documents.typography import french
FIXED_TIME = (2025, 1, 1, 0, 0, 0)  # same inputs, same zip bytes (as the workbook and the bundles)

TEMPLATES = Path(__file__).with_name("templates")
MINUTES = TEMPLATES / "compte_rendu.docx"
KICKOFF = TEMPLATES / "annonce_lancement.docx"
GREEN = RGBColor(0x1F, 0x4E, 0x3D)
RED = RGBColor(0xC0, 0x00, 0x00)


class Writer:
    """A thin helper over python-docx for writing templates line by line."""

    def __init__(self, title: str, draft_banner: tuple[str, str] | None = None) -> None:
        self.doc = Document()
        self.doc.core_properties.title = title
        self.doc.core_properties.language = "fr-FR"
        # Rendering sets the author to the collectivité; the template itself is anonymous.
        self.doc.core_properties.author = ""
        _french_defaults(self.doc)
        _a4_page(self.doc, draft_banner)
        self._after_table = False

    def p(self, text: str = "", style: str | None = None, bold_prefix: str | None = None,
          keep_with_next: bool = False):
        """A paragraph of static text (French typography applied) and tags."""
        para = self.doc.add_paragraph(style=style)
        if keep_with_next:  # a decision stays on the page of its first detail
            para.paragraph_format.keep_with_next = True
        if self._after_table:  # a table's last row must not touch the next line
            para.paragraph_format.space_before = Pt(8)
            self._after_table = False
        if bold_prefix:
            para.add_run(french(bold_prefix)).bold = True
        if text:
            para.add_run(french(text))
        return para

    def tag(self, text: str) -> None:
        """A paragraph that holds only a docxtpl block tag ({%p … %})."""
        self.doc.add_paragraph(text)

    def h(self, text: str, level: int = 1, new_page: bool = False) -> None:
        heading = self.doc.add_heading(french(text), level=level)
        heading.paragraph_format.keep_with_next = True  # never alone at a page's foot
        if new_page:
            heading.paragraph_format.page_break_before = True
        self._after_table = False

    def chart(self, name: str) -> None:
        """A chart in a paragraph of its own, apart from the table above it."""
        para = self.doc.add_paragraph("{{ %s }}" % name)
        para.paragraph_format.space_before = Pt(10)
        para.paragraph_format.keep_together = True
        self._after_table = False

    def table(self, headers: list[str], cells: list[str], loop: str, widths: list[float]) -> None:
        """A table: header row (repeated on each page), then one row per item of
        ``loop``; fixed column widths in cm (summing to the 17 cm of text), so
        Word and LibreOffice never break a word across lines."""
        assert len(widths) == len(headers) and abs(sum(widths) - TEXT_WIDTH_CM) < 0.01, widths
        # The sentence that introduces a table is never left alone at a page's foot.
        intro = next((p for p in reversed(self.doc.paragraphs) if not p.text.startswith("{%")), None)
        if intro is not None:
            intro.paragraph_format.keep_with_next = True
        table = self.doc.add_table(rows=4, cols=len(headers))
        table.style = "Table Grid"
        table.autofit = False
        _fixed_layout(table, widths)
        for i, header in enumerate(headers):
            cell = table.rows[0].cells[i]
            cell.text = ""
            run = cell.paragraphs[0].add_run(french(header))
            run.bold, run.font.size = True, TABLE_FONT
        _repeat_header(table.rows[0])
        table.rows[1].cells[0].text = "{%tr for " + loop + " %}"
        for i, text in enumerate(cells):
            # Set on the run: docxtpl keeps the tag's run properties for the value.
            table.rows[2].cells[i].paragraphs[0].add_run(text).font.size = TABLE_FONT
        table.rows[3].cells[0].text = "{%tr endfor %}"
        for row in table.rows:
            for cell, width in zip(row.cells, widths):
                cell.width = Cm(width)
        self._after_table = True

    def capped_table(self, headers: list[str], cells: list[str], names: tuple[str, str, str],
                     widths: list[float], empty: str) -> None:
        """A table of at most a dozen rows, the sentence saying how many more,
        or ``empty`` when there is nothing to list. ``names``: (item, list, overflow sentence)."""
        item, rows, more = names
        self.tag("{%p if " + rows + " %}")
        self.table(headers, cells, f"{item} in {rows}", widths)
        self.tag("{%p if " + more + " %}")
        self.p("{{ " + more + " }}")
        self.tag("{%p endif %}")
        self.tag("{%p else %}")
        self.p(empty)
        self.tag("{%p endif %}")

    def save(self, path: Path) -> None:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        with zipfile.ZipFile(buffer) as src:
            parts = {i.filename: src.read(i.filename) for i in src.infolist()}
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for name in sorted(parts, key=lambda n: (n != "[Content_Types].xml", n)):
                info = zipfile.ZipInfo(name, FIXED_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, parts[name])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(out.getvalue())


TABLE_FONT = Pt(9)
TEXT_WIDTH_CM = 17.0  # A4 (21 cm) less two 2 cm margins


def _a4_page(doc, draft_banner: tuple[str, str] | None) -> None:
    """A4, 2 cm margins; a header with the logo placeholder and the collectivité,
    a footer « page X / Y » (French administrative layout)."""
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    section.header_distance = section.footer_distance = Cm(1)
    header = section.header
    header.is_linked_to_previous = False
    para = header.paragraphs[0]
    para.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT)
    # The collectivité's logo (« Logo » of « Paramètres »), else nothing at all.
    para.add_run("{{ logo }}")
    para.add_run("\t")
    para.add_run("{{ collectivite }}").bold = True
    if draft_banner:  # (the context's flag, the words) printed on every page
        flag, words = draft_banner
        for text in (f"{{%p if {flag} %}}", words, "{%p endif %}"):
            banner = header.add_paragraph(text)
            banner.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if not text.startswith("{%"):
                banner.runs[0].bold = True
                banner.runs[0].font.color.rgb = RED
    footer = section.footer
    footer.is_linked_to_previous = False
    para = footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.add_run("page ")
    _field(para, "PAGE")
    para.add_run(" / ")
    _field(para, "NUMPAGES")


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice update on display."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} \\* MERGEFORMAT ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _fixed_layout(table, widths: list[float]) -> None:
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(Cm(width).twips)))


def _french_defaults(doc) -> None:
    """Language fr-FR on the default run style, so Word checks French spelling
    and screen readers read French (RGAA)."""
    styles = doc.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr_default.append(lang)
    lang.set(qn("w:val"), "fr-FR")
    lang.set(qn("w:eastAsia"), "fr-FR")
    lang.set(qn("w:bidi"), "ar-SA")
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    for name in ("Title", "Heading 1", "Heading 2"):
        doc.styles[name].font.color.rgb = GREEN


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def build_minutes(path: Path = MINUTES) -> Path:
    """The compte rendu: a relevé de décisions of two pages, then its numbered annexes."""
    w = Writer("Compte rendu du comité de pilotage Numérique responsable",
               draft_banner=("projet", "PROJET — à valider par la présidence"))
    _heading(w)
    _participants(w)
    _agenda(w)
    _decisions(w)
    _actions_to_carry_out(w)
    _closing(w)
    w.tag("{%p if avec_annexes %}")
    _annex_figures(w)
    _annex_adjustments(w)
    _annex_feasibility(w)
    _annex_indicators(w)
    _annex_risks(w)
    _annex_next_steps(w)
    w.tag("{%p endif %}")
    w.save(path)
    return path


def _heading(w: Writer) -> None:
    """Title, body, date, place, chair, version presented or validated, drafter."""
    w.doc.add_paragraph("Compte rendu du comité de pilotage Numérique responsable", style="Title")
    w.p("{{ collectivite }} — validation de la feuille de route {{ periode }}")
    w.p("{{ date_comite }}", bold_prefix="Date : ")
    w.p("{{ lieu }}", bold_prefix="Lieu : ")
    w.p("{{ presidence }}", bold_prefix="Présidence : ")
    w.p("{{ version }}", bold_prefix="{{ version_libelle }} : ")


def _participants(w: Writer) -> None:
    """Who attended (by organisation when several), who was excused or absent."""
    w.h("Participants")
    w.tag("{%p if une_organisation %}")
    w.p("{{ nb_presents }}{% if organisation_unique %} ({{ organisation_unique }}){% endif %} :")
    w.table(["Nom", "Fonction"], ["{{ p.nom }}", "{{ p.fonction }}"], "p in presents", [5, 12])
    w.tag("{%p else %}")
    w.p("{{ nb_presents }} :")
    w.table(["Organisation", "Nom", "Fonction"], ["{{ p.organisation }}", "{{ p.nom }}", "{{ p.fonction }}"],
            "p in presents", [5.5, 4, 7.5])
    w.tag("{%p endif %}")
    w.p("{{ excuses }}", bold_prefix="Excusés : ")
    w.p("{{ absents }}", bold_prefix="Absents : ")
    w.tag("{%p if presence_inconnue %}")
    w.p("{{ presence_inconnue }}", bold_prefix="Présence non renseignée : ")
    w.tag("{%p endif %}")


def _agenda(w: Writer) -> None:
    """The agenda of a validation committee."""
    w.h("Ordre du jour")
    for item in ("Présentation de la feuille de route formalisée le {{ date_formalisation }}",
                 "Revue de faisabilité : ambition, ressources, compétences, budgets",
                 "Ajustements et décisions",
                 "Prochaines étapes : validations, lancement, gouvernance"):
        w.p(item, style="List Number")


def _decisions(w: Writer) -> None:
    """The numbered decisions in séance order, each with who carries it out and by when."""
    w.h("Relevé de décisions")
    w.tag("{%p for d in releve %}")
    w.p("{{ d.texte }}{% if d.qui %} Pilotage : {{ d.qui }}.{% endif %}{% if d.quand %} Échéance : "
        "{{ d.quand }}.{% endif %}{% if d.annexe %} Détail en {{ d.annexe|lower }}.{% endif %}",
        bold_prefix="Décision n° {{ d.numero }}. ")
    w.tag("{%p endfor %}")
    w.tag("{%p if autres_decisions %}")
    w.p("{{ autres_decisions }}")
    w.tag("{%p endif %}")


def _actions_to_carry_out(w: Writer) -> None:
    """Who does what by when, each action restated."""
    w.tag("{%p if actions_a_mener %}")
    w.h("Actions à mener")
    w.table(["Qui", "Quoi", "Pour quand"], ["{{ a.qui }}", "{{ a.quoi }}", "{{ a.echeance }}"],
            "a in actions_a_mener", [4.5, 8.5, 4])
    w.tag("{%p endif %}")


def _closing(w: Writer) -> None:
    """Next meeting, diffusion, drafting, approval and the journal's fingerprint."""
    w.h("Suite")
    w.p("{{ prochaine_reunion }}", bold_prefix="Prochaine réunion : ")
    w.p("{{ lancement }}", bold_prefix="Lancement officiel : ")
    w.p("{{ diffusion }}", bold_prefix="Diffusion : ")
    w.p("Compte rendu établi le {{ date_redaction }} par {{ redacteur }}.")
    w.tag("{%p if projet %}")
    w.p("Projet de compte rendu, à valider par la présidence du comité.")
    w.tag("{%p else %}")
    w.p("Compte rendu approuvé par la présidence du comité le {{ approuve_le }}.")
    w.tag("{%p endif %}")
    w.tag("{%p if empreinte_journal %}")
    w.p("{{ empreinte_journal }}. Ce code résume les ajustements consignés dans le journal de la feuille de "
        "route : il permet de vérifier plus tard qu’ils n’ont pas été modifiés depuis ce compte rendu.",
        bold_prefix="Empreinte du journal : ")
    w.tag("{%p endif %}")


def _annex_figures(w: Writer) -> None:
    """Annex: axes, budget per year and envelope, staff at the busiest quarter, two charts."""
    w.h("{{ annexes.chiffres }} — La feuille de route en chiffres", new_page=True)
    w.tag("{%p if ajustes %}")
    w.p("Chiffres après les ajustements décidés en séance.")
    w.tag("{%p endif %}")
    w.p("{{ nb_actions }} en {{ nb_axes }}, de {{ premiere_annee }} à {{ derniere_annee }}, pour "
        "{{ budget_total }} ({{ investissement_total }} en investissement, {{ fonctionnement_total }} "
        "en fonctionnement){{ budget_a_voter }}, et {{ charge_totale }} de travail des services.")
    w.table(["Axe", "Actions", "Budget"], ["{{ a.axe }}", "{{ a.nombre }}", "{{ a.budget }}"], "a in axes",
            [11, 3, 3])
    w.h("Budget par année et par enveloppe", 2)
    w.p("Chaque enveloppe (financement et nature) est comparée aux dépenses prévues qu’elle finance.")
    w.table(["Année", "Financement", "Prévu", "Enveloppe", "Écart", "Situation"],
            ["{{ b.annee }}", "{{ b.financement }} — {{ b.nature }}", "{{ b.prevu }}", "{{ b.enveloppe }}",
             "{{ b.ecart }}", "{{ b.situation }}"], "b in budget_enveloppes", [1.5, 6.4, 2.0, 2.4, 2.1, 2.6])
    w.tag("{%p if autres_budget %}")
    w.p("{{ autres_budget }}")
    w.tag("{%p endif %}")
    w.chart(CHART_BUDGET)
    w.h("Charge des services au trimestre le plus chargé", 2)
    w.table(["Service", "Trimestre le plus chargé", "Charge", "Capacité", "Taux", "Situation"],
            ["{{ s.service }}", "{{ s.trimestre_mots }}", "{{ s.charge }}", "{{ s.capacite }}", "{{ s.taux }}",
             "{{ s.situation }}"], "s in charge_services", [4.0, 3.6, 2.0, 2.2, 1.6, 3.6])
    w.tag("{%p if autres_services %}")
    w.p("{{ autres_services }}")
    w.tag("{%p endif %}")
    w.chart(CHART_WORKLOAD)


def _annex_adjustments(w: Writer) -> None:
    """Annex: each adjustment decided, its changes in French."""
    w.tag("{%p if annexes.ajustements %}")
    w.h("{{ annexes.ajustements }} — Les ajustements en détail", new_page=True)
    w.p("Les changements apportés en séance à la feuille de route présentée, décision par décision.")
    w.tag("{%p for d in releve %}")
    w.tag("{%p if d.changements %}")
    w.p("{{ d.texte }}", bold_prefix="Décision n° {{ d.numero }}. ", keep_with_next=True)
    w.tag("{%p for c in d.changements %}")
    w.p("{{ c }}", style="List Bullet")
    w.tag("{%p endfor %}")
    w.tag("{%p endif %}")
    w.tag("{%p endfor %}")
    w.tag("{%p if autres_ajustements %}")
    w.p("{{ autres_ajustements }}")
    w.tag("{%p endif %}")
    w.tag("{%p endif %}")


def _annex_feasibility(w: Writer) -> None:
    """Annex: feasibility as presented and after the adjustments, blocking points, points to arbitrate."""
    w.h("{{ annexes.faisabilite }} — La revue de faisabilité", new_page=True)
    w.p("{{ statut_presente }} ({{ nb_bloquants }}).", bold_prefix="Feuille de route présentée : ")
    w.p("{{ statut }} ({{ nb_bloquants_restants }}).", bold_prefix="Après les ajustements décidés en séance : ")
    w.table(["Dimension", "À la présentation", "Après ajustements"],
            ["{{ d.dimension }}", "{{ d.presente }}", "{{ d.statut }}"], "d in dimensions", [6, 5.5, 5.5])
    w.h("Points bloquants", 2)
    _bullets(w, ("f", "bloquants", "autres_bloquants"), "Aucun point bloquant.",
             "{{ f.message }}{% if f.suggestion %} Piste : {{ f.suggestion }}{% endif %}", "{{ f.suite }} — ")
    w.h("Points à arbitrer", 2)
    _bullets(w, ("f", "alertes", "autres_alertes"), "Aucun point à arbitrer.", "{{ f.message }}")


def _bullets(w: Writer, names: tuple[str, str, str], empty: str, line: str, lead: str | None = None) -> None:
    """A bulleted list of ``names`` (item, list, overflow sentence), or ``empty``."""
    item, rows, more = names
    w.tag("{%p if " + rows + " %}")
    w.tag(f"{{%p for {item} in {rows} %}}")
    w.p(line, style="List Bullet", bold_prefix=lead)
    w.tag("{%p endfor %}")
    w.tag("{%p if " + more + " %}")
    w.p("{{ " + more + " }}")
    w.tag("{%p endif %}")
    w.tag("{%p else %}")
    w.p(empty)
    w.tag("{%p endif %}")


def _annex_indicators(w: Writer) -> None:
    """Annex: the follow-up indicators."""
    w.h("{{ annexes.indicateurs }} — Les indicateurs de suivi", new_page=True)
    w.capped_table(["ID", "Indicateur", "Cible", "Échéance", "Responsable"],
                   ["{{ i.id }}", "{{ i.indicateur }}", "{{ i.cible }}", "{{ i.echeance }}", "{{ i.responsable }}"],
                   ("i", "indicateurs", "autres_indicateurs"), [1.1, 5.6, 3.6, 2.1, 4.6],
                   "Aucun indicateur n’est encore défini.")


def _annex_risks(w: Writer) -> None:
    """Annex: critical risks and key success factors."""
    w.h("{{ annexes.risques }} — Les risques critiques et les facteurs clés de succès")
    w.capped_table(["ID", "Risque", "Criticité", "Mesure", "Responsable"],
                   ["{{ r.id }}", "{{ r.risque }}", "{{ r.criticite }}", "{{ r.mesure }}", "{{ r.responsable }}"],
                   ("r", "risques_critiques", "autres_risques"), [1.1, 5.0, 2.2, 5.0, 3.7],
                   "Aucun risque critique (criticité de 9 ou plus).")
    w.tag("{%p if facteurs_cles %}")
    w.h("Facteurs clés de succès", 2)
    w.tag("{%p for f in facteurs_cles %}")
    w.p("{{ f }}", style="List Bullet")
    w.tag("{%p endfor %}")
    w.tag("{%p if autres_facteurs %}")
    w.p("{{ autres_facteurs }}")
    w.tag("{%p endif %}")
    w.tag("{%p endif %}")


def _annex_next_steps(w: Writer) -> None:
    """Annex: other validation bodies, the launch, the governance, the first actions."""
    w.h("{{ annexes.etapes }} — Les prochaines étapes", new_page=True)
    w.h("Instances de validation", 2)
    w.table(["Instance", "Objet", "Date", "Statut"],
            ["{{ v.instance }}", "{{ v.objet }}", "{{ v.date }}", "{{ v.statut }}"], "v in validations",
            [4.0, 6.8, 3.8, 2.4])
    w.tag("{%p for s in autres_instances %}")
    w.p("{{ s }}")
    w.tag("{%p endfor %}")
    w.p("{{ lancement }}", bold_prefix="Lancement officiel : ")
    w.h("Gouvernance", 2)
    w.p("Les instances sont installées dans les {{ delai_gouvernance }} qui suivent la formalisation "
        "de la feuille de route ({{ date_formalisation }}).")
    w.table(["Instance", "Présidence", "Fréquence", "Installation", "Dans le délai"],
            ["{{ g.instance }}", "{{ g.presidence }}", "{{ g.frequence }}", "{{ g.installation }}",
             "{{ g.dans_le_delai }}"], "g in gouvernance", [4.0, 4.4, 3.0, 3.2, 2.4])
    w.p("{{ premier_cotech }}", bold_prefix="Premier comité technique : ")
    w.h("Premières actions de la feuille de route", 2)
    w.table(["Pilote", "Action", "Démarrage"], ["{{ a.pilote }}", "{{ a.id }} — {{ a.action }}",
                                                "{{ a.debut }}"], "a in premieres_actions", [4, 10, 3])


# A draft announcement (nr-xl kickoff --force, before the committee validates): said on every page.
DRAFT_KICKOFF = "PROJET — non validée"


def build_kickoff(path: Path = KICKOFF) -> Path:
    w = Writer("Annonce de lancement de la feuille de route Numérique responsable",
               draft_banner=("projet_annonce", DRAFT_KICKOFF))
    w.doc.add_paragraph("{% if projet_annonce %}PROJET — {% endif %}{{ collectivite }} lance sa feuille de route "
                        "Numérique responsable {{ periode }}", style="Title")
    w.tag("{%p if projet_annonce %}")
    w.p(bold_prefix=DRAFT_KICKOFF + " : le comité de pilotage n’a pas validé la feuille de route. Ce projet "
        "prépare l’annonce ; il ne se diffuse pas avant la validation.")
    w.tag("{%p endif %}")
    w.p("{{ date_annonce }}")
    w.h("Pourquoi une feuille de route Numérique responsable")
    w.tag("{%p if reen %}")
    w.p("La loi du 15 novembre 2021 visant à réduire l’empreinte environnementale du numérique (loi REEN) "
        "demande aux communes et EPCI de plus de 50\u202f000 habitants de se doter d’une stratégie numérique "
        "responsable, avec des objectifs, des indicateurs et des mesures, et d’en rendre compte chaque année.")
    w.tag("{%p endif %}")
    w.tag("{%p if programmes %}")
    w.p("{{ programmes }}")
    w.tag("{%p endif %}")
    w.p("{{ validation }}{% if validee %} Elle engage la collectivité de {{ premiere_annee }} à "
        "{{ derniere_annee }}.{% endif %}{% for s in autres_instances %} {{ s }}{% endfor %}")
    w.tag("{%p if ambition %}")
    w.h("Notre ambition")
    w.p("{{ ambition }}")
    w.tag("{%p endif %}")
    w.h("Les axes de travail")
    w.p("{{ nb_actions }} réparties en {{ nb_axes }} :")
    w.tag("{%p for a in axes %}")
    w.p("{{ a.axe }} ({{ a.actions }})", style="List Bullet")
    w.tag("{%p endfor %}")
    w.tag("{%p if engagements %}")
    w.h("Nos engagements")
    w.tag("{%p for e in engagements %}")
    w.p("{{ e.texte }}", style="List Bullet")
    w.tag("{%p endfor %}")
    w.tag("{%p endif %}")
    w.h("Les moyens")
    w.p("{{ budget_total }} sur la période, dont {{ investissement_total }} d’investissement et "
        "{{ fonctionnement_total }} de fonctionnement{{ budget_a_voter }}.")
    w.table(["Année", "Budget prévu"], ["{{ b.annee }}", "{{ b.prevu_euros }}"], "b in budget_annees", [8.5, 8.5])
    w.tag("{%p if gouvernance %}")
    w.h("La gouvernance")
    w.p("{{ presidence }} porte la démarche. Les instances :")
    w.table(["Instance", "Rôle", "Présidence", "Fréquence"],
            ["{{ g.instance }}", "{{ g.role }}", "{{ g.presidence }}", "{{ g.frequence }}"], "g in gouvernance",
            [3.8, 6.6, 3.8, 2.8])
    w.tag("{%p endif %}")
    w.h("Les premières actions")
    w.p("{{ lancement }}", bold_prefix="Lancement officiel : ")
    w.table(["Démarrage", "Action", "Pilote"], ["{{ a.debut }}", "{{ a.action }}", "{{ a.pilote }}"],
            "a in premieres_actions", [3, 10, 4])
    w.tag("{%p if participer %}")
    w.h("Comment participer")
    w.tag("{%p for t in participer %}")
    w.p("{{ t }}", style="List Bullet")
    w.tag("{%p endfor %}")
    w.tag("{%p endif %}")
    w.tag("{%p if contact %}")
    w.h("Contact")
    w.p("{{ contact }}")
    w.tag("{%p endif %}")
    signature = w.doc.add_paragraph()
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signature.add_run("{{ presidence }}").bold = True
    w.save(path)
    return path


if __name__ == "__main__":  # pragma: no cover
    print(build_minutes(), build_kickoff())
