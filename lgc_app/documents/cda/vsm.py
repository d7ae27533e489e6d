"""CDA R2 N3 Volet de Synthèse Médicale (CI-SIS VSM 2023.01; schematron CI-SIS_VSM_2023.01).

Body: "Pathologies, antécédents, allergies et facteurs de risque" (problems, history, allergies, habits),
"Points de vigilance" (results section, non coded) and "Traitement au long cours" (medications).
"""

from __future__ import annotations

from lxml import etree

from lgc_app.documents.cda.entries import DRUG, concern, interval, manufactured_product, problem_observation
from lgc_app.documents.cda.header import Volet, build_header
from lgc_app.documents.cda.narrative import Cell, loinc, paragraphs, reference, section, table
from lgc_app.documents.cda.parties import DocumentHeader
from lgc_app.documents.cda.xmltree import coded, french_day, new_id, serialize, sub, template_ids
from lgc_app.documents.content import ALLERGY_KINDS, RISK_FACTOR_KINDS, Allergy, Problem, VsmContent
from lgc_app.documents.valuesets import LOINC, SNOMED_CT, Code

VOLET = Volet(
    template_ids=(("1.2.250.1.213.1.1.1.13", "2023.01"),),
    service_event_code=loinc("34117-2", "Historique et clinique"),
)
ALLERGY_STATUS_SYSTEM = "2.16.840.1.113883.4.642.4.1373"  # JDV_HL7_allergyintolerance_clinical_CISIS


def build(header: DocumentHeader, content: VsmContent) -> bytes:
    doc = build_header(header, VOLET)
    body = sub(sub(doc, "component"), "structuredBody")
    _pathologies_and_risks(body, content)
    _vigilance(body, content.vigilance)
    _treatments(body, content)
    return serialize(doc)


def _pathologies_and_risks(body: etree._Element, content: VsmContent) -> None:
    outer = section(
        body,
        ["1.2.250.1.213.1.1.2.29"],
        loinc("46612-8", "Conclusions de synthèse"),
        "Pathologie en cours, antécédents, allergies et facteurs de risque",
    )
    history = section(
        outer,
        ["1.2.250.1.213.1.1.2.30"],
        loinc("34117-2", "Historique et physique"),
        "Pathologies en cours, antécédents et allergies",
    )
    active = [p for p in content.problems if p.active]
    past = [p for p in content.problems if not p.active]
    if not (active or past or content.allergies):
        paragraphs(history, ["Aucune pathologie, aucun antécédent ni allergie connus."])
    if active:
        _problems(
            history,
            active,
            ["2.16.840.1.113883.10.20.1.11", "1.3.6.1.4.1.19376.1.5.3.1.3.6", "1.2.250.1.213.1.1.2.132"],
            loinc("11450-4", "Liste des problèmes actifs"),
            "Pathologies en cours",
            "pb-actif",
        )
    if past:
        _problems(
            history,
            past,
            ["1.3.6.1.4.1.19376.1.5.3.1.3.8", "1.2.250.1.213.1.1.2.134"],
            loinc("11348-0", "Antécédents médicaux"),
            "Antécédents médicaux",
            "antecedent",
        )
    if content.allergies:
        _allergies(history, content.allergies)
    _risk_factors(outer, content)


def _problems(
    parent: etree._Element, problems: list[Problem], templates: list[str], code: Code, title: str, prefix: str
) -> None:
    element = section(parent, templates, code, title)
    rows: list[list[Cell | str]] = [
        [french_day(p.start), french_day(p.end), Cell(p.label, f"{prefix}-{i}"), p.cim10 or "-"]
        for i, p in enumerate(problems, 1)
    ]
    table(element, ["Début", "Fin", "Pathologie", "CIM-10"], rows)
    for i, problem in enumerate(problems, 1):
        relation = concern(
            element,
            "1.3.6.1.4.1.19376.1.5.3.1.4.5.2",
            "1.2.250.1.213.1.1.3.39",
            active=problem.active,
            start=problem.start,
            end=problem.end,
        )
        problem_observation(
            relation, ref=f"{prefix}-{i}", cim10=problem.cim10, start=problem.start, end=problem.end
        )


def _allergies(parent: etree._Element, allergies: tuple[Allergy, ...]) -> None:
    element = section(
        parent,
        ["2.16.840.1.113883.10.20.1.2", "1.3.6.1.4.1.19376.1.5.3.1.3.13", "1.2.250.1.213.1.1.2.137"],
        loinc("48765-2", "Allergies et hypersensibilités"),
        "Allergies et hypersensibilités",
    )
    rows: list[list[Cell | str]] = [
        [
            french_day(a.start),
            Cell(ALLERGY_KINDS[a.kind][1], f"allergie-{i}-type"),
            Cell(a.agent, f"allergie-{i}-agent"),
            Cell(a.reaction or "-", f"allergie-{i}-reaction"),
            Cell("Active" if a.active else "Inactive", f"allergie-{i}-statut"),
        ]
        for i, a in enumerate(allergies, 1)
    ]
    table(element, ["Date", "Type", "Agent responsable", "Réaction", "Statut"], rows)
    for i, allergy in enumerate(allergies, 1):
        relation = concern(
            element,
            "1.3.6.1.4.1.19376.1.5.3.1.4.5.3",
            "1.2.250.1.213.1.1.3.40",
            active=True,
            start=None,
            end=None,
        )
        observation = sub(relation, "observation", classCode="OBS", moodCode="EVN", negationInd="false")
        template_ids(
            observation,
            "2.16.840.1.113883.10.20.1.18",
            "2.16.840.1.113883.10.20.1.28",
            "1.3.6.1.4.1.19376.1.5.3.1.4.5",
            "1.3.6.1.4.1.19376.1.5.3.1.4.6",
            "1.2.250.1.213.1.1.3.41",
        )
        new_id(observation)
        code, display = ALLERGY_KINDS[allergy.kind]
        coded(observation, "code", Code(code, SNOMED_CT, display, "SNOMED CT"))
        reference(observation, "text", f"allergie-{i}-type")
        sub(observation, "statusCode", code="completed")
        interval(observation, allergy.start, None, typed=True)
        reference(
            sub(observation, "value", xsi_type="CD", nullFlavor="OTH"),
            "originalText",
            f"allergie-{i}-reaction",
        )
        playing = sub(
            sub(sub(observation, "participant", typeCode="CSM"), "participantRole", classCode="MANU"),
            "playingEntity",
            classCode="MMAT",
        )
        reference(sub(playing, "code", nullFlavor="OTH"), "originalText", f"allergie-{i}-agent")
        status = sub(
            sub(observation, "entryRelationship", typeCode="REFR", inversionInd="false"),
            "observation",
            classCode="OBS",
            moodCode="EVN",
            negationInd="false",
        )
        template_ids(
            status,
            "2.16.840.1.113883.10.20.1.50",
            "2.16.840.1.113883.10.20.1.57",
            "1.3.6.1.4.1.19376.1.5.3.1.4.1.1",
            "1.2.250.1.213.1.1.3.30",
        )
        coded(status, "code", loinc("33999-4", "Status"))
        reference(status, "text", f"allergie-{i}-statut")
        sub(status, "statusCode", code="completed")
        state = ("active", "Actif") if allergy.active else ("inactive", "Inactif")
        sub(
            status,
            "value",
            xsi_type="CE",
            code=state[0],
            displayName=state[1],
            codeSystem=ALLERGY_STATUS_SYSTEM,
        )


def _risk_factors(parent: etree._Element, content: VsmContent) -> None:
    element = section(
        parent,
        ["1.2.250.1.213.1.1.2.31"],
        loinc(
            "57207-3",
            "Facteurs de risque présents ou passés affectant l'état de santé et/ou une circonstance",
        ),
        "Facteurs de risque",
    )
    if not content.risk_factors:
        paragraphs(element, ["Aucun facteur de risque renseigné."])
        return
    habits = section(
        element,
        [
            "2.16.840.1.113883.10.20.1.15",
            "1.3.6.1.4.1.19376.1.5.3.1.3.16",
            "1.3.6.1.4.1.19376.1.5.3.1.3.16.1",
            "1.2.250.1.213.1.1.2.141",
        ],
        loinc("29762-2", "Habitus, Mode de vie"),
        "Habitus, mode de vie",
    )
    rows: list[list[Cell | str]] = [
        [Cell(RISK_FACTOR_KINDS[f.kind][1], f"facteur-{i}"), f.description]
        for i, f in enumerate(content.risk_factors, 1)
    ]
    table(habits, ["Type", "Observation"], rows)
    for i, factor in enumerate(content.risk_factors, 1):
        observation = sub(sub(habits, "entry"), "observation", classCode="OBS", moodCode="EVN")
        template_ids(
            observation,
            "2.16.840.1.113883.10.20.1.33",
            "1.3.6.1.4.1.19376.1.5.3.1.4.13",
            "1.3.6.1.4.1.19376.1.5.3.1.4.13.4",
            "1.2.250.1.213.1.1.3.52",
        )
        new_id(observation)
        code, display = RISK_FACTOR_KINDS[factor.kind]
        coded(observation, "code", Code(code, LOINC, display, "LOINC"))
        reference(observation, "text", f"facteur-{i}")
        sub(observation, "statusCode", code="completed")
        sub(observation, "effectiveTime", nullFlavor="NA")
        sub(observation, "value", factor.description, xsi_type="ST")


def _vigilance(body: etree._Element, points: tuple[str, ...]) -> None:
    element = section(
        body,
        ["1.3.6.1.4.1.19376.1.5.3.1.3.27", "1.2.250.1.213.1.1.2.150"],
        loinc("30954-2", "Résultats d'examens"),
        "Points de vigilance",
    )
    paragraphs(element, list(points) or ["Aucun point de vigilance."])


def _treatments(body: etree._Element, content: VsmContent) -> None:
    plan = section(
        body, ["1.2.250.1.213.1.1.2.32"], loinc("18776-5", "Plan de traitement"), "Traitement au long cours"
    )
    if not content.treatments:
        paragraphs(plan, ["Aucun traitement au long cours."])
        return
    element = section(
        plan,
        ["2.16.840.1.113883.10.20.1.8", "1.3.6.1.4.1.19376.1.5.3.1.3.19", "1.2.250.1.213.1.1.2.143"],
        loinc("10160-0", "Traitements"),
        "Traitements",
    )
    rows: list[list[Cell | str]] = [
        [french_day(t.start), Cell(t.drug, f"med-{i}"), t.dosage or "-"]
        for i, t in enumerate(content.treatments, 1)
    ]
    table(element, ["Depuis le", "Médicament", "Posologie"], rows)
    for i, treatment in enumerate(content.treatments, 1):
        administration = sub(
            sub(element, "entry", typeCode="DRIV"),
            "substanceAdministration",
            classCode="SBADM",
            moodCode="EVN",
        )
        template_ids(
            administration,
            "2.16.840.1.113883.10.20.1.24",
            "1.3.6.1.4.1.19376.1.5.3.1.4.7",
            "1.2.250.1.213.1.1.3.42",
            "1.3.6.1.4.1.19376.1.5.3.1.4.7.1",
        )
        new_id(administration)
        coded(administration, "code", DRUG)
        reference(administration, "text", f"med-{i}")
        sub(administration, "statusCode", code="completed")
        interval(administration, treatment.start, None, typed=True, end_unknown=True)
        manufactured_product(administration, ref=f"med-{i}", name=treatment.drug)
