"""Image-level metrics on labelled films (the Python side of scripts/eval/metrics/labelMetrics.ts):
per finding AUROC with a 95 % bootstrap interval, sensitivity and specificity at an operating
threshold, and normal vs abnormal.

A film is abnormal when any of its labels is positive or its source names a finding Lucent has no
type for (an NIH film labelled only "Emphysema" is not normal); normal only when every label is
known negative and nothing unmapped is listed. Its score is the "abnormal" output where the model
has one, else the largest finding probability. Groups score several types as one, as the
acceptance targets name them ("nodule or mass"): the label is any of them, the score their largest.
"""
import numpy as np
from scipy.stats import rankdata

GROUPS = {"nodule_or_mass": ("nodule", "mass")}
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
    """True (abnormal), False (normal) or None (not decided: some label unknown, none positive)."""
    if any(v == 1 for v in labels.values()) or unmapped:
        return True
    if all(v == 0 for v in labels.values()):
        return False
    return None


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
