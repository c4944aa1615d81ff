"""Image-level metrics on labelled films (the Python side of scripts/eval/metrics/labelMetrics.ts):
per finding AUROC with a 95 % bootstrap interval, sensitivity and specificity at an operating
threshold, normal vs abnormal, and box recall at IoU 0.3 and 0.5. Both sides hold to the same
fixture (tests/fixtures/label-metrics.json: point values; the bootstrap intervals are drawn differently).

A label is 1 (present), 0 (absent) or None / left out (unknown). A type is known on a film when one of
its types is present or all of them are absent. A film is abnormal when its "abnormal" label is
present, any finding label but a device is present, or its source names a finding Lucent has no type
for (an NIH film labelled only "Emphysema" is not normal); normal only when its "abnormal" label is
known absent and none of that holds (a film with a pacemaker alone is normal, as the "abnormal" label
says: any finding but a device); otherwise not counted (a film whose labels are all absent but whose
"abnormal" label is unknown may have a finding its source does not name). Its score is the "abnormal"
output where the model has one, else the largest probability. Groups score several types as one, as
the acceptance targets name them ("nodule or mass"): the label is any of them, the score their largest.
"""
import numpy as np
from scipy.stats import rankdata

from findings import ABNORMAL, DEVICE_TYPES

GROUPS = {"nodule_or_mass": ("nodule", "mass")}
# Drafted types that say a label besides their own (src/findings/labels.ts SAID_AS): a drafted
# consolidation finds an airspace opacity's box.
SAID_AS = {"airspace_opacity": ("consolidation",)}
BOOTSTRAP = 1000


def auroc(scores, positives):
    """Area under the ROC curve (the Mann-Whitney statistic, ties counted half); None without both classes."""
    scores, positives = np.asarray(scores, dtype=float), np.asarray(positives, dtype=bool)
    n_pos, n_neg = int(positives.sum()), int((~positives).sum())
    if not n_pos or not n_neg:
        return None
    ranks = rankdata(scores)
    return float((ranks[positives].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def auroc_interval(scores, positives, seed=0, resamples=BOOTSTRAP):
    """A 95 % percentile bootstrap interval of the AUROC over resampled films (fixed seed)."""
    scores, positives = np.asarray(scores, dtype=float), np.asarray(positives, dtype=bool)
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(resamples):
        pick = rng.integers(len(scores), size=len(scores))
        value = auroc(scores[pick], positives[pick])
        if value is not None:
            values.append(value)
    if not values:
        return None
    return [float(np.percentile(values, 2.5)), float(np.percentile(values, 97.5))]


def operating_point(scores, positives, threshold):
    scores, positives = np.asarray(scores, dtype=float), np.asarray(positives, dtype=bool)
    called = scores >= threshold
    sens = float(called[positives].mean()) if positives.any() else None
    spec = float((~called[~positives]).mean()) if (~positives).any() else None
    return sens, spec


def abnormality(labels, unmapped):
    """True (abnormal), False (normal) or None (not decided): see the module's docstring."""
    if unmapped or any(v == 1 for t, v in labels.items() if t not in DEVICE_TYPES):
        return True
    if labels.get(ABNORMAL) == 0:
        return False
    return None


def iou(a, b):
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def best_ious(true_boxes, pred_boxes):
    return [max([iou(t, p) for p in pred_boxes], default=0.0) for t in true_boxes]


def box_recall(true_boxes, predicted_boxes):
    """True boxes found by a predicted box of a type that says their label (SAID_AS) at IoU >= 0.3 and
    >= 0.5. true_boxes, predicted_boxes: per film, {type: [[x0, y0, x1, y1], ...]} in one frame.
    Returns {boxes, at_0.3, at_0.5, by_type: {type: {boxes, at_0.3, at_0.5}}} (None without boxes)."""
    found = {}
    for truth, predicted in zip(true_boxes, predicted_boxes):
        for kind, boxes in (truth or {}).items():
            said = [b for t in (kind, *SAID_AS.get(kind, ())) for b in (predicted or {}).get(t, [])]
            found.setdefault(kind, []).extend(best_ious(boxes, said))

    def recall(values):
        n = len(values)
        return {"boxes": n, "at_0.3": sum(v >= 0.3 for v in values) / n if n else None,
                "at_0.5": sum(v >= 0.5 for v in values) / n if n else None}

    return {**recall([v for vs in found.values() for v in vs]), "by_type": {t: recall(v) for t, v in found.items()}}


def known_pairs(probs, labels, types, index):
    """(score, positive) over the films whose label is known for every type in `types`, or positive for one."""
    pairs = []
    for p, lab in zip(probs, labels):
        values = [lab.get(t) for t in types]
        if any(v == 1 for v in values):
            pairs.append((max(p[index[t]] for t in types), True))
        elif all(v == 0 for v in values):
            pairs.append((max(p[index[t]] for t in types), False))
    return pairs


def label_report(probs, labels, unmapped, label_types, thresholds=None, intervals=True):
    """probs: per film, a probability per label type (label_types order); labels: per film {type: 1/0/None};
    unmapped: per film the source's names without a type. thresholds: {type: threshold} for the
    operating points. Returns {per_type: {...}, normal_vs_abnormal: {...}}."""
    index = {t: k for k, t in enumerate(label_types)}
    out = {"films": len(probs), "per_type": {}}
    for name, types in [(t, (t,)) for t in label_types] + list(GROUPS.items()):
        pairs = known_pairs(probs, labels, types, index)
        scores, positives = [s for s, _ in pairs], [y for _, y in pairs]
        entry = {"positives": int(sum(positives)), "known": len(pairs), "auroc": auroc(scores, positives)}
        if intervals and entry["auroc"] is not None:
            entry["auroc_95"] = auroc_interval(scores, positives)
        if thresholds and name in thresholds:
            entry["threshold"] = thresholds[name]
            entry["sensitivity"], entry["specificity"] = operating_point(scores, positives, thresholds[name])
        out["per_type"][name] = entry
    overall = (lambda p: float(p[index["abnormal"]])) if "abnormal" in index else (lambda p: float(np.max(p)))
    decided = [(overall(p), a) for p, lab, u in zip(probs, labels, unmapped) if (a := abnormality(lab, u)) is not None]
    scores, positives = [s for s, _ in decided], [y for _, y in decided]
    out["normal_vs_abnormal"] = {
        "abnormal": int(sum(positives)), "normal": len(decided) - int(sum(positives)), "auroc": auroc(scores, positives),
    }
    if intervals and out["normal_vs_abnormal"]["auroc"] is not None:
        out["normal_vs_abnormal"]["auroc_95"] = auroc_interval(scores, positives)
    return out


def summary_line(report, names):
    """One line: name AUROC [low, high] for each of the names (and normal vs abnormal first)."""
    def fmt(entry):
        if entry.get("auroc") is None:
            return "n/a"
        ci = entry.get("auroc_95")
        return f"{entry['auroc']:.3f}" + (f" [{ci[0]:.2f}, {ci[1]:.2f}]" if ci else "")
    parts = [f"normal/abnormal {fmt(report['normal_vs_abnormal'])}"]
    parts += [f"{n} {fmt(report['per_type'][n])}" for n in names if n in report["per_type"]]
    return "; ".join(parts)
