"""Reference reports in varied radiologist phrasing, and the indication text.

Each positive finding gets one sentence (a template chosen at random), and the
report adds pertinent negatives and an impression. The sentences are kept as a
list next to the finding they describe, so the model's grounded target can put
each sentence's boxes right after it.
"""

SIDE = {"right": "right", "left": "left", "bilateral": "bilateral"}
ZONE = {"upper": "upper", "middle": "mid", "lower": "lower"}


def _mm(v):
    return f"{int(round(v))} mm"


def _cm(v):
    return f"{v / 10:.1f} cm"


def effusion_grade(height_mm):
    return "small" if height_mm < 40 else "moderate" if height_mm < 65 else "large"


def pneumothorax_grade(rim_mm):
    return "small" if rim_mm < 20 else "moderate" if rim_mm < 32 else "large"


TEMPLATES = {
    "nodule": [
        "{size} nodule in the {side} {zone} zone.",
        "there is a {size} pulmonary nodule in the {side} {zone} zone.",
        "a {size} rounded nodular opacity projects over the {side} {zone} zone.",
        "{side} {zone} zone nodule measuring {size}.",
    ],
    "mass": [
        "{size} mass in the {side} {zone} zone.",
        "there is a {size} mass in the {side} {zone} zone.",
        "a {size} rounded mass projects over the {side} {zone} zone.",
        "{side} {zone} zone mass measuring {size}.",
    ],
    "pleural_effusion": [
        "{grade} {side} pleural effusion.",
        "there is a {grade} {side} pleural effusion.",
        "{grade} {side} pleural effusion blunting the costophrenic angle.",
        "blunting of the {side} costophrenic angle in keeping with a {grade} pleural effusion.",
    ],
    "pneumothorax": [
        "{grade} {side} pneumothorax.",
        "there is a {grade} {side} apical pneumothorax.",
        "{grade} {side} pneumothorax with a visible pleural line, rim {size}.",
        "a {grade} {side} pneumothorax is present.",
    ],
    "consolidation": [
        "consolidation in the {side} {zone} zone.",
        "there is airspace consolidation in the {side} {zone} zone.",
        "patchy airspace opacity in the {side} {zone} zone in keeping with consolidation.",
        "{side} {zone} zone consolidation.",
    ],
    "atelectasis": [
        "plate-like atelectasis in the {side} {zone} zone.",
        "there is linear atelectasis in the {side} {zone} zone.",
        "band of subsegmental atelectasis in the {side} {zone} zone.",
        "{side} {zone} zone plate-like atelectasis.",
    ],
    "cardiomegaly": [
        "the heart is enlarged, cardiothoracic ratio {ctr}.",
        "cardiomegaly with a cardiothoracic ratio of {ctr}.",
        "enlarged cardiac silhouette, cardiothoracic ratio {ctr}.",
        "the cardiac silhouette is enlarged, cardiothoracic ratio {ctr}.",
    ],
    "endotracheal_tube": [
        "endotracheal tube with the tip {tip} above the carina.",
        "the endotracheal tube tip is {tip} above the carina.",
        "endotracheal tube in satisfactory position, tip {tip} above the carina.",
    ],
    "central_line": [
        "{side} subclavian central venous catheter with the tip in the superior vena cava.",
        "a {side} subclavian central line terminates in the superior vena cava.",
        "{side} central venous catheter, tip in the superior vena cava.",
    ],
    "pacemaker": [
        "{side} chest wall pacemaker with lead in the right ventricle.",
        "a {side} sided pacemaker is present with its lead in the right ventricle.",
        "cardiac pacemaker over the {side} chest wall, lead in the right ventricle.",
    ],
}

NEGATIVES = {
    "pneumothorax": ["no pneumothorax.", "there is no pneumothorax."],
    "pleural_effusion": ["no pleural effusion.", "there is no pleural effusion.", "the costophrenic angles are clear."],
    "consolidation": ["no focal consolidation.", "the lungs are clear."],
    "cardiomegaly": ["the heart size is normal.", "normal cardiac size."],
}

IMPRESSION = {
    "nodule": "{side} {zone} zone pulmonary nodule",
    "mass": "{side} {zone} zone mass",
    "pleural_effusion": "{grade} {side} pleural effusion",
    "pneumothorax": "{grade} {side} pneumothorax",
    "consolidation": "{side} {zone} zone consolidation",
    "atelectasis": "{side} {zone} zone atelectasis",
    "cardiomegaly": "cardiomegaly",
    "endotracheal_tube": "endotracheal tube in position",
    "central_line": "central line in the superior vena cava",
    "pacemaker": "pacemaker in situ",
}

# Reading order: devices, heart, lungs, pleura.
ORDER = [
    "endotracheal_tube",
    "central_line",
    "pacemaker",
    "cardiomegaly",
    "mass",
    "nodule",
    "consolidation",
    "atelectasis",
    "pleural_effusion",
    "pneumothorax",
]

INDICATIONS = {
    None: [
        "cough.", "shortness of breath.", "chest pain.", "fever and cough.", "pre-operative assessment.", "follow up.", "trauma.",
        "routine check.",
    ],
    "endotracheal_tube": ["intubated patient, tube position.", "check tube position."],
    "central_line": ["line placement.", "check central line position."],
    "pacemaker": ["pacemaker check.", "palpitations."],
    "pneumothorax": ["sudden chest pain.", "shortness of breath."],
    "consolidation": ["fever and cough.", "suspected pneumonia."],
    "nodule": ["follow up of pulmonary nodule.", "smoker, cough."],
    "mass": ["weight loss and haemoptysis.", "smoker, haemoptysis."],
    "pleural_effusion": ["shortness of breath.", "heart failure."],
    "cardiomegaly": ["heart failure.", "ankle swelling and breathlessness."],
}


def _slots(f):
    return dict(
        side=SIDE.get(f.laterality, ""),
        zone=ZONE.get(f.zone, ""),
        size=_mm(f.size_mm) if f.type == "nodule" else _cm(f.size_mm) if f.type == "mass" else _mm(f.size_mm),
        grade=(effusion_grade(f.size_mm) if f.type == "pleural_effusion"
               else pneumothorax_grade(f.size_mm) if f.type == "pneumothorax" else ""),
        ctr=f"{f.measurements.get('cardiothoracic_ratio', 0):.2f}",
        tip=_cm(f.measurements.get("tip_to_carina_mm", 0)),
    )


def finding_sentence(f, rng):
    return rng.choice(TEMPLATES[f.type]).format(**_slots(f))


def canonical_sentence(f):
    """The first template: used by the describe task's target and by tests."""
    return TEMPLATES[f.type][0].format(**_slots(f))


def impression_phrase(f):
    return IMPRESSION[f.type].format(**_slots(f))


def write_report(findings, rng):
    """Returns dict(sentences=[(sentence, finding index or None)], impression=str, text=str)."""
    ordered = sorted(range(len(findings)), key=lambda k: ORDER.index(findings[k].type))
    sentences = [(finding_sentence(findings[k], rng), k) for k in ordered]
    present = {f.type for f in findings}
    negatives = [t for t in ["cardiomegaly", "consolidation", "pleural_effusion", "pneumothorax"] if t not in present]
    for t in negatives:
        if rng.random() < 0.6:
            sentences.append((str(rng.choice(NEGATIVES[t])), None))
    clinical = [findings[k] for k in ordered if findings[k].type not in ("endotracheal_tube", "central_line", "pacemaker")]
    devices = [findings[k] for k in ordered if findings[k].type in ("endotracheal_tube", "central_line", "pacemaker")]
    parts = [impression_phrase(f) for f in clinical + devices]
    impression = (("; ".join(parts) + ".") if parts
                  else str(rng.choice(["no acute cardiopulmonary abnormality.", "normal chest radiograph."])))
    text = "FINDINGS: " + " ".join(s[0].capitalize() for s in sentences) + "\nIMPRESSION: " + impression.capitalize()
    return dict(sentences=sentences, impression=impression, text=text)


def write_indication(findings, rng):
    if rng.random() < 0.3:
        return ""
    pool = list(INDICATIONS[None])
    for f in findings:
        pool += INDICATIONS.get(f.type, []) * 3
    return str(rng.choice(pool))
