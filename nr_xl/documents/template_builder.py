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
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from nr_xl.documents.context import CHART_BUDGET, CHART_WORKLOAD
from nr_xl.workbook.package import FIXED_TIME

TEMPLATES = Path(__file__).with_name("templates")
MINUTES = TEMPLATES / "compte_rendu.docx"
KICKOFF = TEMPLATES / "annonce_lancement.docx"
GREEN = RGBColor(0x1F, 0x4E, 0x3D)


class Writer:
    """A thin helper over python-docx for writing templates line by line."""

    def __init__(self, title: str) -> None:
        self.doc = Document()
        self.doc.core_properties.title = title
        self.doc.core_properties.language = "fr-FR"
        self.doc.core_properties.author = "nr_xl"
        _french_defaults(self.doc)

    def p(self, text: str = "", style: str | None = None, bold_prefix: str | None = None) -> None:
        para = self.doc.add_paragraph(style=style)
        if bold_prefix:
            para.add_run(bold_prefix).bold = True
        if text:
            para.add_run(text)

    def tag(self, text: str) -> None:
        """A paragraph that holds only a docxtpl block tag ({%p … %})."""
        self.doc.add_paragraph(text)

    def h(self, text: str, level: int = 1) -> None:
        self.doc.add_heading(text, level=level)

    def table(self, headers: list[str], cells: list[str], loop: str) -> None:
        """A table: header row (repeated on each page), then one row per item of ``loop``."""
        table = self.doc.add_table(rows=4, cols=len(headers))
        table.style = "Table Grid"
        for i, header in enumerate(headers):
            cell = table.rows[0].cells[i]
            cell.text = ""
            cell.paragraphs[0].add_run(header).bold = True
        _repeat_header(table.rows[0])
        table.rows[1].cells[0].text = "{%tr for " + loop + " %}"
        for i, text in enumerate(cells):
            table.rows[2].cells[i].text = text
        table.rows[3].cells[0].text = "{%tr endfor %}"

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


def _french_defaults(doc) -> None:  # type: ignore[no-untyped-def]
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


def _repeat_header(row) -> None:  # type: ignore[no-untyped-def]
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def build_minutes(path: Path = MINUTES) -> Path:
    w = Writer("Compte rendu du comité de pilotage Numérique responsable")
    w.doc.add_paragraph("Compte rendu du comité de pilotage Numérique responsable", style="Title")
    w.p("{{ collectivite }} — validation de la feuille de route {{ periode }}")
    w.p("{{ date_comite }}", bold_prefix="Date : ")
    w.p("{{ lieu }}", bold_prefix="Lieu : ")
    w.p("{{ presidence }}", bold_prefix="Présidence : ")
    w.p("{{ version }}", bold_prefix="Version de la feuille de route validée : ")

    w.h("Participants")
    w.p("{{ nb_presents }} :")
    w.table(["Nom", "Fonction", "Organisation"], ["{{ p.nom }}", "{{ p.fonction }}", "{{ p.organisation }}"],
            "p in presents")
    w.p("{{ excuses }}", bold_prefix="Excusés : ")
    w.p("{{ absents }}", bold_prefix="Absents : ")

    w.h("Ordre du jour")
    for item in ("Présentation de la feuille de route formalisée le {{ date_formalisation }}",
                 "Revue de faisabilité : ambition, ressources, compétences, budgets",
                 "Ajustements et décisions",
                 "Prochaines étapes : validations, lancement, gouvernance"):
        w.p(item, style="List Number")

    w.h("La feuille de route en chiffres")
    w.p("{{ nb_actions }} en {{ nb_axes }}, de {{ premiere_annee }} à {{ derniere_annee }}, pour "
        "{{ budget_total }} ({{ investissement_total }} en investissement, {{ fonctionnement_total }} "
        "en fonctionnement) et {{ charge_totale }} de travail des services.")
    w.table(["Axe", "Actions", "Budget"], ["{{ a.axe }}", "{{ a.nombre }}", "{{ a.budget }}"], "a in axes")
    w.h("Budget par année face aux enveloppes", 2)
    w.table(["Année", "Prévu", "Enveloppes", "Écart", "Situation"],
            ["{{ b.annee }}", "{{ b.prevu }}", "{{ b.enveloppe }}", "{{ b.ecart }}", "{{ b.situation }}"],
            "b in budget_annees")
    w.p("{{ %s }}" % CHART_BUDGET)
    w.h("Charge des services au trimestre le plus chargé", 2)
    w.table(["Service", "Trimestre", "Charge", "Capacité", "Taux", "Situation"],
            ["{{ s.service }}", "{{ s.trimestre }}", "{{ s.charge }}", "{{ s.capacite }}", "{{ s.taux }}",
             "{{ s.situation }}"], "s in charge_services")
    w.p("{{ %s }}" % CHART_WORKLOAD)

    w.h("Revue de faisabilité")
    w.p("{{ statut_presente }} ({{ nb_bloquants }}).", bold_prefix="Feuille de route présentée : ")
    w.p("{{ statut }} ({{ nb_bloquants_restants }}).", bold_prefix="Après les ajustements décidés en séance : ")
    w.table(["Dimension", "À la présentation", "Après ajustements"],
            ["{{ d.dimension }}", "{{ d.presente }}", "{{ d.statut }}"], "d in dimensions")
    w.h("Points bloquants", 2)
    w.tag("{%p if bloquants %}")
    w.tag("{%p for f in bloquants %}")
    w.p("{{ f.message }} Piste : {{ f.suggestion }}", style="List Bullet", bold_prefix="{{ f.suite }} — ")
    w.tag("{%p endfor %}")
    w.tag("{%p if autres_bloquants %}")
    w.p("{{ autres_bloquants }}")
    w.tag("{%p endif %}")
    w.tag("{%p else %}")
    w.p("Aucun point bloquant.")
    w.tag("{%p endif %}")
    w.h("Points à arbitrer", 2)
    w.tag("{%p if alertes %}")
    w.tag("{%p for f in alertes %}")
    w.p("{{ f.message }}", style="List Bullet")
    w.tag("{%p endfor %}")
    w.tag("{%p if autres_alertes %}")
    w.p("{{ autres_alertes }}")
    w.tag("{%p endif %}")
    w.tag("{%p else %}")
    w.p("Aucun point à arbitrer.")
    w.tag("{%p endif %}")

    w.h("Ajustements décidés en séance")
    w.tag("{%p if ajustements %}")
    w.table(["Objet", "Avant", "Après", "Motif"],
            ["{{ j.objet }}", "{{ j.avant }}", "{{ j.apres }}", "{{ j.motif }}"], "j in ajustements")
    w.tag("{%p if autres_ajustements %}")
    w.p("{{ autres_ajustements }}")
    w.tag("{%p endif %}")
    w.tag("{%p else %}")
    w.p("Le comité n'a pas ajusté la feuille de route présentée.")
    w.tag("{%p endif %}")

    w.h("Décisions")
    w.tag("{%p for d in decisions %}")
    w.p("{{ d.texte }} Responsable : {{ d.responsable }}. Échéance : {{ d.echeance }}.",
        bold_prefix="Décision n° {{ d.numero }}. ")
    w.tag("{%p endfor %}")

    w.h("Prochaines étapes")
    w.h("Instances de validation", 2)
    w.table(["Instance", "Objet", "Date"], ["{{ v.instance }}", "{{ v.objet }}", "{{ v.date }}"],
            "v in validations")
    w.p("{{ lancement }}", bold_prefix="Lancement officiel : ")
    w.h("Gouvernance", 2)
    w.p("Les instances sont installées dans les {{ delai_gouvernance }} qui suivent la formalisation "
        "de la feuille de route ({{ date_formalisation }}).")
    w.table(["Instance", "Présidence", "Fréquence", "Installation", "Dans le délai"],
            ["{{ g.instance }}", "{{ g.presidence }}", "{{ g.frequence }}", "{{ g.installation }}",
             "{{ g.dans_le_delai }}"], "g in gouvernance")
    w.p("{{ premier_cotech }}", bold_prefix="Premier comité technique : ")

    w.h("Actions à mener")
    w.table(["Qui", "Quoi", "Pour quand"], ["{{ d.responsable }}", "{{ d.texte }}", "{{ d.echeance }}"],
            "d in decisions")
    w.p("Premières actions de la feuille de route :")
    w.table(["Pilote", "Action", "Démarrage"], ["{{ a.pilote }}", "{{ a.id }} — {{ a.action }}",
                                                "{{ a.debut }}"], "a in premieres_actions")

    w.h("Prochaine réunion")
    w.p("{{ prochaine_reunion }}")
    w.p("Compte rendu établi le {{ date_redaction }}, à valider par la présidence du comité.")
    w.tag("{%p if empreinte_journal %}")
    w.p("{{ empreinte_journal }}. Cette empreinte atteste les ajustements journalisés : "
        "« nr-xl verify CLASSEUR --contre CE_COMPTE_RENDU.docx » vérifie que le journal n'a pas été réécrit depuis.",
        bold_prefix="Empreinte du journal : ")
    w.tag("{%p endif %}")
    w.save(path)
    return path


def build_kickoff(path: Path = KICKOFF) -> Path:
    w = Writer("Annonce de lancement de la feuille de route Numérique responsable")
    w.doc.add_paragraph("{{ collectivite }} lance sa feuille de route Numérique responsable {{ periode }}",
                        style="Title")
    w.p("{{ date_annonce }}")
    w.h("Pourquoi une feuille de route Numérique responsable")
    w.tag("{%p if reen %}")
    w.p("La loi du 15 novembre 2021 visant à réduire l'empreinte environnementale du numérique (loi REEN) "
        "demande aux collectivités de plus de 50 000 habitants de se doter d'une stratégie numérique "
        "responsable, avec des objectifs, des indicateurs et des mesures, et d'en rendre compte chaque année.")
    w.tag("{%p else %}")
    w.p("Le numérique représente une part croissante de l'empreinte environnementale des services publics : "
        "la collectivité choisit d'en faire un levier de sobriété, d'inclusion et de qualité de service.")
    w.tag("{%p endif %}")
    w.p("Validée par le comité de pilotage et les instances de la collectivité, la feuille de route "
        "engage la collectivité de {{ premiere_annee }} à {{ derniere_annee }}.")
    w.h("Notre ambition")
    w.p("{{ ambition }}")
    w.h("Les axes de travail")
    w.p("{{ nb_actions }} réparties en {{ nb_axes }} :")
    w.tag("{%p for a in axes %}")
    w.p("{{ a.axe }} ({{ a.actions }})", style="List Bullet")
    w.tag("{%p endfor %}")
    w.h("Nos engagements")
    w.tag("{%p for e in engagements %}")
    w.p("{{ e.texte }}", style="List Bullet")
    w.tag("{%p endfor %}")
    w.h("Les moyens")
    w.p("{{ budget_total }} sur la période, dont {{ investissement_total }} d'investissement et "
        "{{ fonctionnement_total }} de fonctionnement.")
    w.table(["Année", "Budget prévu"], ["{{ b.annee }}", "{{ b.prevu }}"], "b in budget_annees")
    w.h("La gouvernance")
    w.p("{{ presidence }} porte la démarche. Les instances :")
    w.table(["Instance", "Rôle", "Présidence", "Fréquence"],
            ["{{ g.instance }}", "{{ g.role }}", "{{ g.presidence }}", "{{ g.frequence }}"], "g in gouvernance")
    w.h("Les premières actions")
    w.p("{{ lancement }}", bold_prefix="Lancement officiel : ")
    w.table(["Démarrage", "Action", "Pilote"], ["{{ a.debut }}", "{{ a.action }}", "{{ a.pilote }}"],
            "a in premieres_actions")
    w.h("Comment participer")
    w.p("Agents : rejoignez le réseau des référents de votre direction, suivez les formations et partagez "
        "vos idées d'écogestes.", style="List Bullet")
    w.p("Communes membres et partenaires : participez aux ateliers et proposez des actions communes.",
        style="List Bullet")
    w.h("Contact")
    w.p("{{ contact }}")
    signature = w.doc.add_paragraph()
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signature.add_run("{{ presidence }}").bold = True
    w.save(path)
    return path


if __name__ == "__main__":  # pragma: no cover
    print(build_minutes(), build_kickoff())
