"""Rule-based labelling of report sentences (finding type, laterality, size).

This is Lucent's own keyword labeller for the synthetic report vocabulary; it is not
CheXbert and its scores must not be reported as CheXbert F1.
"""
import re

TYPE_PATTERNS = [
    ("pneumothorax", r"pneumothorax"),
    ("pleural_effusion", r"effusion|blunting"),
    ("endotracheal_tube", r"endotracheal"),
    ("central_line", r"central venous|central line|catheter"),
    ("pacemaker", r"pacemaker"),
    ("cardiomegaly", r"cardiomegaly|heart is enlarged|enlarged cardiac|cardiac silhouette is enlarged"),
    ("mass", r"\bmass\b"),
    ("nodule", r"nodul"),
    ("atelectasis", r"atelectasis"),
    ("consolidation", r"consolidation|airspace opacity"),
]
NEGATION = re.compile(r"^(no |there is no |the lungs are clear|the heart size is normal|normal cardiac size"
                      r"|the costophrenic angles are clear|normal chest)")
SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*(mm|cm)")
RATIO = re.compile(r"ratio (?:of )?(\d\.\d+)")
UNSIDED = {"cardiomegaly", "endotracheal_tube"}


def label_sentence(text):
    """Returns None for a negative or unrecognised sentence, else dict(type, laterality, size_mm, ratio)."""
    t = text.lower().strip()
    if not t or NEGATION.match(t):
        return None
    kind = next((k for k, pattern in TYPE_PATTERNS if re.search(pattern, t)), None)
    if kind is None:
        return None
    laterality = "none"
    if kind not in UNSIDED:
        if "bilateral" in t:
            laterality = "bilateral"
        else:
            m = re.search(r"\b(right|left)\b", t)
            laterality = m.group(1) if m else "none"
    size = SIZE.search(t)
    size_mm = None
    if size:
        size_mm = float(size.group(1)) * (10 if size.group(2) == "cm" else 1)
    ratio = RATIO.search(t)
    return dict(type=kind, laterality=laterality, size_mm=size_mm, ratio=float(ratio.group(1)) if ratio else None)
