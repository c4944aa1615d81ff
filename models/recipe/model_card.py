"""Write MODEL_CARD.md for a packaged model from its manifest.json and metrics.json.

  model_card.py models/NAME [--train-note TEXT]
"""
import argparse
import json
import os

from findings import FINDING_TYPES

TARGETS = {"micro_f1": 0.90, "box_recall": 0.80, "laterality": 0.95}


def fmt(v, digits=3):
    return "—" if v is None else f"{v:.{digits}f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--train-note", default="")
    args = ap.parse_args()
    with open(os.path.join(args.folder, "manifest.json")) as f:
        manifest = json.load(f)
    with open(os.path.join(args.folder, "metrics.json")) as f:
        metrics = json.load(f)
    fp32, int8 = metrics.get("fp32"), metrics.get("int8")
    files = manifest["files"]
    fp32_bytes = files["encoder"]["fp32"]["bytes"] + files["decoder"]["fp32"]["bytes"]
    int8_bytes = files["encoder"]["int8"]["bytes"] + files["decoder"]["int8"]["bytes"]
    lines = [
        f"# Model card: {manifest['name']} (version {manifest['version']})",
        "",
        "> **Not for clinical use.** This model was trained only on synthetic chest radiographs that Lucent generates. "
        "It has never seen a real patient image, is not a medical device, and its drafts must not inform diagnosis or treatment.",
        "",
        "## What it is",
        f"A small vision-language model ({manifest['encoder']['d_model']}-dimensional CNN + transformer image encoder, "
        f"{manifest['decoder']['layers']}-layer transformer decoder with cross-attention) that drafts a grounded chest radiograph report: "
        "findings sentences, each followed by the boxes it refers to, then an impression. The same weights locate a phrase "
        "(phrase grounding) and describe a region (region description). It runs in the browser with onnxruntime-web.",
        "",
        "## Training data",
        f"{manifest['trained_on']}. Each case is a frontal (PA) film with normal variation (habitus, inspiration, rotation, "
        "exposure, noise, MONOCHROME1/2, pixel spacing and size) and any combination of: "
        + ", ".join(t.replace("_", " ") for t in FINDING_TYPES)
        + ", with laterality, zone, size and boxes, and a reference report in varied phrasing with pertinent negatives. "
        "The generator, the case folder format and the training recipe are in `models/recipe/` (see `models/README.md`).",
        "",
        args.train_note,
        "",
        "## Intended use",
        "Demonstrating Lucent's in-browser grounded-report pipeline and its editor on synthetic or test images. "
        "On real radiographs (such as the bundled real CR sample) it is expected to fail: the UI says so.",
        "",
        "## Evaluation",
        f"Held-out generated cases never seen in training (seeds from 10,000,000; training used seeds below 1,000,000): "
        f"{fp32['cases'] if fp32 else '—'} cases, read from DICOM + JSON as a user's data would be. "
        "Finding labels come from Lucent's rule-based sentence labeller (`models/recipe/labels.py`), not CheXbert. "
        "Greedy decoding; box coordinates are read as the app reads them, each location token refined by the probabilities "
        "of the bins next to it (`models/recipe/tokenizer.py`).",
        "",
        "| metric | fp32 | int8 | target |",
        "|---|---|---|---|",
        f"| micro precision | {fmt(fp32 and fp32['micro']['precision'])} | {fmt(int8 and int8['micro']['precision'])} | |",
        f"| micro recall | {fmt(fp32 and fp32['micro']['recall'])} | {fmt(int8 and int8['micro']['recall'])} | |",
        f"| micro F1 | {fmt(fp32 and fp32['micro']['f1'])} | {fmt(int8 and int8['micro']['f1'])} | ≥ {TARGETS['micro_f1']} |",
        f"| laterality accuracy | {fmt(fp32 and fp32['laterality_accuracy'])} | {fmt(int8 and int8['laterality_accuracy'])} | ≥ {TARGETS['laterality']} |",
        f"| box IoU, mean | {fmt(fp32 and fp32['box_iou_mean'])} | {fmt(int8 and int8['box_iou_mean'])} | |",
        f"| box recall at IoU 0.5 | {fmt(fp32 and fp32['box_recall_at_0.5'])} | {fmt(int8 and int8['box_recall_at_0.5'])} | ≥ {TARGETS['box_recall']} |",
        f"| nodule/mass size error, mm | {fmt(fp32 and fp32['size_error_mm_mean'], 1)} | {fmt(int8 and int8['size_error_mm_mean'], 1)} | |",
        f"| cardiothoracic ratio error | {fmt(fp32 and fp32['ctr_error_mean'])} | {fmt(int8 and int8['ctr_error_mean'])} | |",
        f"| phrase grounding IoU, mean | {fmt(fp32 and fp32['grounding_iou_mean'])} | {fmt(int8 and int8['grounding_iou_mean'])} | |",
        f"| phrase grounding recall at 0.5 | {fmt(fp32 and fp32['grounding_recall_at_0.5'])} | {fmt(int8 and int8['grounding_recall_at_0.5'])} | |",
        f"| ONNX size | {fp32_bytes / 1e6:.1f} MB | {int8_bytes / 1e6:.1f} MB ({int8_bytes / fp32_bytes:.0%}) | int8 ≤ 30 %, ≤ 30 MB |",
        "",
        "Per finding type (fp32): precision / recall / F1 (support), and box recall at IoU 0.5 (a missed finding counts as a missed box)",
        "",
        "| finding | precision | recall | F1 | support | box recall at 0.5 |",
        "|---|---|---|---|---|---|",
    ]
    if fp32:
        for t in FINDING_TYPES:
            m = fp32["per_type"][t]
            lines.append(f"| {t.replace('_', ' ')} | {fmt(m['precision'])} | {fmt(m['recall'])} | {fmt(m['f1'])} | {m['support']} | {fmt(m.get('box_recall_at_0.5'))} |")
    lines += [
        "",
        "## Limits",
        "- Synthetic anatomy is schematic (geometric lungs, heart, ribs); findings are drawn from simple shapes. Real films differ in every respect.",
        "- Ten finding types only; anything else is invisible to it or misnamed. Lateral films, children and portable AP films were never generated.",
        "- Box coordinates are tokens of 1/64 of the input square, refined between neighbouring bins by the model's probabilities (tokenizer.py); small nodules are near the limit of the input resolution and remain the weakest boxes.",
        "- Confidence (per-token probability) is not calibrated.",
        "",
        "## Files",
        "`manifest.json` (files with sha256, preprocessing, tokenizer, special tokens, task prompts, output grammar), "
        "`encoder.onnx` / `decoder.onnx` (fp32), `encoder.int8.onnx` / `decoder.int8.onnx` (weight-only int8, DequantizeLinear), "
        "`tokenizer.json`, `metrics.json`.",
        "",
    ]
    with open(os.path.join(args.folder, "MODEL_CARD.md"), "w") as f:
        f.write("\n".join(lines))
    print("wrote", os.path.join(args.folder, "MODEL_CARD.md"))


if __name__ == "__main__":
    main()
