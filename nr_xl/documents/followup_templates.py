"""Builds the two follow-up templates shipped in nr_xl/documents/templates/: the follow-up
committee's minutes (or its agenda alone) and the yearly review of the strategy. Ordinary
Word documents with docxtpl tags, made with the same Writer as the minutes; a test checks
the committed files equal a fresh build (``python -m nr_xl.documents.followup_templates``)."""

from __future__ import annotations

from pathlib import Path

from nr_xl.documents.followup_context import CHART_BEFORE_AFTER
from nr_xl.documents.template_builder import TEMPLATES, Writer

FOLLOWUP = TEMPLATES / "compte_rendu_suivi.docx"
REVIEW = TEMPLATES / "bilan_annuel.docx"


def _more(w: Writer, name: str) -> None:
    """The sentence saying how many rows a long table leaves out (nothing when none)."""
    w.tag("{%p if " + name + " %}")
    w.p("{{ " + name + " }}")
    w.tag("{%p endif %}")

def _measures_table(w: Writer) -> None:
    """Each indicator's last measure against its trajectory: the follow-up minutes and the
    review show the same table. « Attendu » and « Cible » are wide enough for a value with
    its unit (« 3 000 personnes par an »), which typography keeps on one line."""
    w.table(["Indicateur", "Mesure", "Attendu", "Cible", "Appréciation"],
            ["{{ m.id }} {{ m.nom }}", "{{ m.valeur }} ({{ m.periode }})", "{{ m.attendu }}", "{{ m.cible }}",
             "{{ m.verdict }}"],
            "m in mesures", [3.8, 3.2, 3.4, 3.4, 3.2])
    _more(w, "autres_mesures")


def _spending_table(w: Writer) -> None:
    """Each action's planned, committed and paid amounts of the year (both documents)."""
    w.table(["Action", "Prévu", "Engagé", "Mandaté", "Dépassement"],
            ["{{ s.id }} {{ s.titre }}", "{{ s.prevu }}", "{{ s.engage }}", "{{ s.mandate }}", "{{ s.ecart }}"],
            "s in depenses", [6.2, 2.5, 2.5, 2.5, 3.3])
    _more(w, "autres_depenses")


def _before_after(w: Writer, level: int = 1) -> None:
    """The reference beside today's roadmap, per axis and year: a table and a chart."""
    w.tag("{%p if avant_apres %}")
    w.h("La feuille de route avant et après", level)
    w.p("Budget prévu de la version de référence{% if version_reference %} ({{ version_reference }}, en vigueur "
        "au début de l'année){% endif %} : {{ avant_apres_total.avant }}, "
        "{{ avant_apres_total.actions_avant }} ; aujourd'hui : {{ avant_apres_total.apres }}, "
        "{{ avant_apres_total.actions_apres }}. Par axe et par année ci-dessous. Actions replanifiées : "
        "{{ avant_apres_total.replanifiees }}.")
    w.table(["Axe", "Année", "Référence", "Aujourd'hui", "Écart"],
            ["{{ r.axe }}", "{{ r.annee }}", "{{ r.avant }}", "{{ r.apres }}", "{{ r.ecart }}"],
            "r in avant_apres", [6.2, 1.8, 3, 3, 3])
    _more(w, "autres_avant_apres")
    w.chart(CHART_BEFORE_AFTER)
    w.tag("{%p endif %}")


def build_followup(path: Path = FOLLOWUP) -> Path:
    w = Writer("Compte rendu du comité de suivi Numérique responsable")
    w.doc.add_paragraph("{{ titre }}", style="Title")
    w.p("{{ collectivite }} — feuille de route Numérique responsable {{ periode }}")
    w.p("{{ date_suivi }}", bold_prefix="Date : ")
    w.p("{{ lieu }}", bold_prefix="Lieu : ")
    w.p("{{ presidence }}", bold_prefix="Présidence : ")
    w.p("{{ version }}", bold_prefix="{{ version_libelle }} : ")
    w.h("Ordre du jour")
    w.tag("{%p for o in ordre_du_jour %}")
    w.p("{{ o }}", style="List Number")
    w.tag("{%p endfor %}")
    w.h("Avancement des actions")
    w.tag("{%p if avancement %}")
    w.table(["Action", "Pilote", "Statut", "Avancement", "Jalon, commentaire"],
            ["{{ a.id }} {{ a.titre }}", "{{ a.pilote }}", "{{ a.statut }}", "{{ a.avancement }}", "{{ a.note }}"],
            "a in avancement", [4.9, 3.1, 1.9, 2.8, 4.3])
    _more(w, "autres_avancement")
    w.tag("{%p else %}")
    w.p("Aucune action n'a encore démarré ni fait l'objet d'un point d'avancement.")
    w.tag("{%p endif %}")
    w.h("Actions en retard sur leur calendrier")
    w.tag("{%p if retards %}")
    w.table(["Action", "Pilote", "Calendrier", "Situation"],
            ["{{ a.id }} {{ a.titre }}", "{{ a.pilote }}", "{{ a.attendu }}", "{{ a.statut }} ({{ a.declare }})"],
            "a in retards", [6.4, 3, 4, 3.6])
    _more(w, "autres_retards")
    w.tag("{%p else %}")
    w.p("Aucune action n'est en retard sur son calendrier.")
    w.tag("{%p endif %}")
    w.tag("{%p for t in demarrages_anticipes %}")
    w.p("{{ t }}", style="List Bullet")
    w.tag("{%p endfor %}")
    w.h("Indicateurs mesurés")
    w.tag("{%p if mesures %}")
    w.p("Dernière mesure de chaque indicateur, face à sa trajectoire (de la valeur de référence à la cible, en "
        "ligne droite ; tolérance d'un dixième de l'écart entre les deux).")
    _measures_table(w)
    w.tag("{%p else %}")
    w.p("Aucune mesure d'indicateur n'est encore enregistrée.")
    w.tag("{%p endif %}")
    w.h("Décisions des comités précédents restant à faire")
    w.tag("{%p if decisions_ouvertes %}")
    w.table(["N°", "Décision", "Qui", "Échéance", "Statut"],
            ["{{ d.numero }}", "{{ d.texte }}", "{{ d.qui }}", "{{ d.echeance }}",
             "{{ d.statut }}{% if d.echue %}, {{ d.echue }}{% endif %}"],
            "d in decisions_ouvertes", [1.2, 6.6, 3, 3.6, 2.6])
    _more(w, "autres_decisions_ouvertes")
    w.tag("{%p else %}")
    w.p("Toutes les décisions des comités précédents sont faites.")
    w.tag("{%p endif %}")
    w.h("Dépenses {{ annee_depenses }}")
    w.tag("{%p if depenses %}")
    w.p("Prévu : {{ depenses_total.prevu }} ; engagé : {{ depenses_total.engage }} ; mandaté : "
        "{{ depenses_total.mandate }}.")
    _spending_table(w)
    w.tag("{%p else %}")
    w.p("Aucun budget ni aucune dépense enregistrés cette année.")
    w.tag("{%p endif %}")
    w.tag("{%p if not ordre_du_jour_seul %}")
    w.h("Relevé de décisions")
    w.tag("{%p for g in ajustements %}")
    w.p("{{ g.motif }}{% if g.responsables %} Pilotage : {{ g.responsables }}.{% endif %}",
        bold_prefix="Ajustement. ")
    w.tag("{%p for c in g.changements %}")
    w.p("{{ c }}", style="List Bullet")
    w.tag("{%p endfor %}")
    w.tag("{%p endfor %}")
    w.p("{{ decision_comite }}", bold_prefix="Décision sur la feuille de route. ")
    w.tag("{%p for d in decisions_prises %}")
    w.p("{{ d.texte }} Pilotage : {{ d.qui }}. Échéance : {{ d.echeance }}.", bold_prefix="Décision n° {{ d.numero }}. ")
    w.tag("{%p endfor %}")
    _before_after(w)
    w.tag("{%p if empreinte_journal %}")
    # The line verify reads (jobs/verify.py), worded as the minutes': the journal from the
    # validation to this committee.
    w.p("{{ empreinte_journal }}. Ce code résume les ajustements consignés dans le journal de la feuille de "
        "route, de sa validation à ce comité : il permet de vérifier plus tard qu’ils n’ont pas été modifiés "
        "depuis ce compte rendu.", bold_prefix="Empreinte du journal : ")
    w.tag("{%p endif %}")
    w.p("{{ diffusion }}", bold_prefix="Diffusion : ")
    w.tag("{%p endif %}")
    w.save(path)
    return path


def build_review(path: Path = REVIEW) -> Path:
    w = Writer("Bilan annuel de la stratégie Numérique responsable")
    w.doc.add_paragraph("Bilan {{ annee }} de la stratégie Numérique responsable", style="Title")
    w.p("{{ collectivite }} — feuille de route {{ periode }}, version {{ version }}. Chapitre du rapport sur la "
        "situation en matière de développement durable, établi le {{ date_document }}.")
    w.p("{{ ambition }}", bold_prefix="Ambition : ")
    w.h("Ce qui a été fait")
    w.p("En {{ annee }} : {{ nb_terminees }}, {{ nb_en_cours }} à la fin de l'année.")
    w.tag("{%p if terminees %}")
    w.table(["Action terminée", "Pilote", "Jalon"], ["{{ a.id }} {{ a.titre }}", "{{ a.pilote }}", "{{ a.note }}"],
            "a in terminees", [8.5, 3.5, 5])
    _more(w, "autres_terminees")
    w.tag("{%p endif %}")
    w.tag("{%p if retards %}")
    w.p("Actions en retard sur leur calendrier à la fin de l'année :")
    w.table(["Action", "Calendrier", "Situation"], ["{{ a.id }} {{ a.titre }}", "{{ a.attendu }}", "{{ a.statut }}"],
            "a in retards", [8.5, 5, 3.5])
    _more(w, "autres_retards")
    w.tag("{%p endif %}")
    w.h("Ce qui a été dépensé")
    w.tag("{%p if depenses %}")
    w.p("Budget prévu {{ annee }} : {{ depenses_total.prevu }} ; engagé : {{ depenses_total.engage }} "
        "({{ depenses_total.taux }} du prévu) ; mandaté : {{ depenses_total.mandate }}.")
    _spending_table(w)
    w.tag("{%p else %}")
    w.p("Aucune dépense enregistrée cette année.")
    w.tag("{%p endif %}")
    w.h("Ce qui a été mesuré")
    w.tag("{%p if mesures %}")
    _measures_table(w)
    w.tag("{%p else %}")
    w.p("Aucune mesure d'indicateur enregistrée cette année.")
    w.tag("{%p endif %}")
    w.h("Obligations légales")
    w.tag("{%p if obligations %}")
    w.table(["Obligation", "Mesure {{ annee }}", "Plancher", "Appréciation", "Texte"],
            ["{{ o.obligation }}", "{{ o.mesure }}", "{{ o.plancher }}", "{{ o.verdict }}", "{{ o.texte }}"],
            "o in obligations", [3.6, 2.4, 2.4, 3, 5.6])
    w.tag("{%p else %}")
    w.p("Aucun indicateur ne suit une obligation légale.")
    w.tag("{%p endif %}")
    w.h("Les changements décidés par les comités")
    w.tag("{%p if changements %}")
    w.table(["Instance", "Décision", "Modifications"], ["{{ c.instance }}", "{{ c.motif }}", "{{ c.nombre }}"],
            "c in changements", [4.5, 9.5, 3])
    w.tag("{%p else %}")
    w.p("Les comités n'ont pas modifié la feuille de route cette année.")
    w.tag("{%p endif %}")
    _before_after(w)
    w.h("Sources des chiffres")
    w.tag("{%p for s in sources %}")
    w.p("{{ s }}", style="List Bullet")
    w.tag("{%p endfor %}")
    w.save(path)
    return path


if __name__ == "__main__":  # pragma: no cover
    print(build_followup(), build_review())
