"""Evaluate the model on a case folder (DICOM + JSON ground truth).

  evaluate.py --ckpt model.pt --cases DIR [--int8] [--limit N] [--set NAME] [--out metrics.json]
  evaluate.py --ckpt model.pt --cases DIR --labels     (image-level labels: the label head's AUROC)

Metrics: finding-level precision / recall / F1 per finding type and micro-averaged (a
predicted sentence labelled with a type, by labels.py, matches a true finding of that
type), laterality accuracy over matched sided findings, box IoU (mean over true boxes,
and recall at IoU 0.5; unmatched true boxes count as IoU 0), size error in mm for
nodules and masses, cardiothoracic-ratio error, and phrase-grounding IoU (each true
finding's sentence as the phrase).

--labels scores the image-level label head instead (cases with labels, with or without report:
converted real data sets): per finding type the AUROC, with a 95 % bootstrap interval, over the
cases whose label for it is known, and normal vs abnormal scored by the largest finding
probability (label_metrics.py).

--int8 evaluates with weights rounded exactly as quantize.py writes them (per-channel
symmetric int8), which is what the int8 ONNX files compute.
"""
import argparse
import json
import time
from collections import defaultdict

import numpy as np
import torch

from data import model_pixels, records_from_case_folder
from export_onnx import load_model
from findings import FINDING_TYPES, LABEL_TYPES
from label_metrics import best_ious, label_report
from labels import label_sentence
from tokenizer import Tokenizer


def fake_quantize_(model, min_values=256):
    with torch.no_grad():
        for p in model.parameters():
            if p.dim() < 2 or p.numel() < min_values:
                continue
            flat = p.reshape(p.shape[0], -1)
            scale = flat.abs().max(dim=1, keepdim=True).values.clamp(min=1e-12) / 127.0
            p.copy_((torch.clamp(torch.round(flat / scale), -127, 127) * scale).reshape(p.shape))


def match_case(truth_findings, predicted):
    """Greedy matching by type, preferring the same laterality then the best box overlap."""
    used, pairs = set(), []
    for ti, t in enumerate(truth_findings):
        candidates = [(pi, p) for pi, p in enumerate(predicted) if pi not in used and p["label"]["type"] == t["type"]]
        if not candidates:
            pairs.append((ti, None))
            continue

        def score(c):
            p = c[1]
            same_side = p["label"]["laterality"] == t["laterality"]
            return (same_side, max(best_ious(t["boxes01"], p["boxes"]), default=0.0))

        pi, _ = max(candidates, key=score)
        used.add(pi)
        pairs.append((ti, pi))
    return pairs, [pi for pi in range(len(predicted)) if pi not in used]


def run(model, tok, records, grounding=True):
    counts = {t: defaultdict(int) for t in FINDING_TYPES}
    side_ok = side_total = 0
    box_ious, size_err, ctr_err, ground_ious = [], [], [], []
    type_box_ious = defaultdict(list)  # where the boxes fail: a missed finding counts as IoU 0
    per_case = []
    t0 = time.time()
    for k, rec in enumerate(records):
        pixels = torch.from_numpy(model_pixels(rec["image"], rec["hw"], model.cfg.equalize))[None, None]
        out, _, _, dists = model.generate(pixels, tok.report_prompt(rec["indication"]), eos_id=tok.eos_id)
        parsed = tok.parse(out, dists)
        predicted = []
        for f in parsed["findings"]:
            label = label_sentence(f["text"])
            if label:
                predicted.append({"label": label, "boxes": f["boxes"], "text": f["text"]})
        truth = rec["findings"]
        pairs, unmatched = match_case(truth, predicted)
        for ti, pi in pairs:
            t = truth[ti]
            if pi is None:
                counts[t["type"]]["fn"] += 1
                box_ious += [0.0] * len(t["boxes01"])
                type_box_ious[t["type"]] += [0.0] * len(t["boxes01"])
                continue
            p = predicted[pi]
            counts[t["type"]]["tp"] += 1
            if t["laterality"] in ("right", "left", "bilateral"):
                side_total += 1
                side_ok += p["label"]["laterality"] == t["laterality"]
            box_ious += best_ious(t["boxes01"], p["boxes"])
            type_box_ious[t["type"]] += best_ious(t["boxes01"], p["boxes"])
            if t["type"] in ("nodule", "mass") and p["label"]["size_mm"] is not None:
                size_err.append(abs(p["label"]["size_mm"] - t["size_mm"]))
            if t["type"] == "cardiomegaly" and p["label"]["ratio"] is not None:
                ctr_err.append(abs(p["label"]["ratio"] - t["measurements"].get("cardiothoracic_ratio", 0)))
        for pi in unmatched:
            counts[predicted[pi]["label"]["type"]]["fp"] += 1
        if grounding:
            for t in truth:
                phrase = t.get("sentence") or t["type"].replace("_", " ")
                g, _, _, dists = model.generate(pixels, tok.ground_prompt(phrase), max_new=24, eos_id=tok.eos_id)
                boxes = [f["boxes"] for f in tok.parse(g, dists)["findings"]]
                ground_ious += best_ious(t["boxes01"], [b for bs in boxes for b in bs])
        per_case.append({
            "name": rec.get("name"), "report": tok.detokenize(out),
            "true": [t["type"] for t in truth], "predicted": [p["label"]["type"] for p in predicted],
        })
        if (k + 1) % 100 == 0:
            print(f"{k + 1}/{len(records)} cases, {time.time() - t0:.0f} s", flush=True)

    def prf(c):
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        return dict(precision=p, recall=r, f1=2 * p * r / (p + r) if p + r else 0.0, support=c["tp"] + c["fn"])

    total = defaultdict(int)
    for c in counts.values():
        for key, v in c.items():
            total[key] += v
    mean = lambda xs: float(np.mean(xs)) if xs else None  # noqa: E731
    return {
        "cases": len(records),
        "per_type": {t: {**prf(c), "box_recall_at_0.5": mean([float(v >= 0.5) for v in type_box_ious[t]])} for t, c in counts.items()},
        "micro": prf(total),
        "laterality_accuracy": side_ok / side_total if side_total else None,
        "box_iou_mean": mean(box_ious),
        "box_recall_at_0.5": mean([float(v >= 0.5) for v in box_ious]),
        "size_error_mm_mean": mean(size_err),
        "ctr_error_mean": mean(ctr_err),
        "grounding_iou_mean": mean(ground_ious),
        "grounding_recall_at_0.5": mean([float(v >= 0.5) for v in ground_ious]),
        "seconds": time.time() - t0,
        "examples": per_case[:5],
    }


@torch.no_grad()
def label_probabilities(model, records):
    """The label head's probabilities (Config.n_labels, LABEL_TYPES order) for each record's film."""
    if not model.cfg.n_labels:
        raise SystemExit("this model has no label head (models before 0.7.0)")
    probs = []
    for r in records:
        pixels = torch.from_numpy(model_pixels(r["image"], r["hw"], model.cfg.equalize))[None, None]
        # A label branch reads the pixels alone: the grounded encoder's tokens are not needed then.
        memory = None if model.label_features is not None else model.encoder(pixels)
        probs.append(torch.sigmoid(model.finding_logits(memory, pixels))[0].numpy())
    return probs


def label_metrics(model, records, tok=None):
    """Per-type AUROC (95 % bootstrap interval) of the label head on the records' known labels, and
    normal vs abnormal; with a tokenizer, also located_box_recall on the records with boxes."""
    probs = label_probabilities(model, records)
    out = label_report(
        probs, [r["labels"] for r in records], [r["truth"].get("unmapped", []) for r in records], LABEL_TYPES[: model.cfg.n_labels]
    )
    if tok is not None:
        out["located_box_recall"] = located_box_recall(model, tok, records)
    return out


@torch.no_grad()
def located_box_recall(model, tok, records):
    """Each true box found by asking the model where its type is (the ground task on the type's name,
    what calibrated drafting does for a finding the draft lacks): recall at IoU 0.3 and 0.5 per type."""
    found = defaultdict(list)
    for rec in records:
        boxed = [f for f in rec["findings"] if f["boxes01"]]
        if not boxed:
            continue
        pixels = torch.from_numpy(model_pixels(rec["image"], rec["hw"], model.cfg.equalize))[None, None]
        for kind in sorted({f["type"] for f in boxed}):
            g, _, _, dists = model.generate(pixels, tok.ground_prompt(kind.replace("_", " ")), max_new=24, eos_id=tok.eos_id)
            predicted = [b for f in tok.parse(g, dists)["findings"] for b in f["boxes"]]
            found[kind] += best_ious([b for f in boxed if f["type"] == kind for b in f["boxes01"]], predicted)
    return {
        t: {"boxes": len(v), "at_0.3": float(np.mean([x >= 0.3 for x in v])), "at_0.5": float(np.mean([x >= 0.5 for x in v]))}
        for t, v in found.items()
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--cases", required=True)
    ap.add_argument("--int8", action="store_true")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--no-grounding", action="store_true")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--set", default="", help="what the cases are, when not the clean held-out set (e.g. tone-changed: tone_set.py); "
                    "the card keeps its metrics apart")
    ap.add_argument("--labels", action="store_true", help="score the image-level label head on cases with labels")
    ap.add_argument("--out")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    model = load_model(args.ckpt)
    if args.int8:
        fake_quantize_(model)
    if args.labels:
        records = [r for r in records_from_case_folder(args.cases, model.cfg.image_size, partial=True)
                   if any(v is not None for v in r["labels"].values())]
        metrics = label_metrics(model, records[: args.limit or None], Tokenizer.for_vocab_size(model.cfg.vocab_size))
        print(json.dumps(metrics, indent=1))
        if args.out:
            with open(args.out, "w") as f:
                json.dump(metrics, f, indent=1)
        return
    tok = Tokenizer.for_vocab_size(model.cfg.vocab_size)
    records = records_from_case_folder(args.cases, model.cfg.image_size)
    if args.limit:
        records = records[: args.limit]
    metrics = run(model, tok, records, grounding=not args.no_grounding)
    metrics["weights"] = "int8" if args.int8 else "fp32"
    metrics["set"] = args.set
    print(json.dumps({k: v for k, v in metrics.items() if k != "examples"}, indent=1))
    if args.out:
        with open(args.out, "w") as f:
            json.dump(metrics, f, indent=1)


if __name__ == "__main__":
    main()
