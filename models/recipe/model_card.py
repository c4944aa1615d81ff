"""Write MODEL_CARD.md for a packaged model from its manifest.json and metrics.json.

  model_card.py models/NAME [--train-note TEXT]
"""
import argparse
import json
import os

from findings import FINDING_TYPES
from model_card_real import real_film_section

TARGETS = {
    "micro_f1": 0.95, "box_recall": 0.88, "laterality": 0.98, "nodule_box_recall": 0.65, "tone_f1_drop": 0.03, "tone_precision": 0.92,
}
TONE = "tone-changed"


def fmt(v, digits=3):
    return "—" if v is None else f"{v:.{digits}f}"


def rate(entry):
    return f"{entry['flagged']}/{entry['of']} ({100 * entry['flagged'] / max(1, entry['of']):.1f} %)"


def confidence_line(folder):
    """What the confidence the app shows means (calibration.json, written by scripts/calibration/fit.ts)."""
    path = os.path.join(folder, "calibration.json")
    if not os.path.exists(path):
        return "- Confidence (per-token probability) is not calibrated."
    with open(path) as f:
        c = json.load(f)
    return (
        f"- Confidence is calibrated ({c['precision']} weights): the geometric mean of a finding's token probabilities is mapped "
        f"to the probability that the finding is right (its type and side match a true finding) by isotonic regression fitted on "
        f"{c['fit']['sentences']} finding sentences of held-out generated cases; on {c['test']['sentences']} sentences of other "
        f"held-out cases the expected calibration error (10 bins) is {c['ece_calibrated']:.3f} (uncalibrated: {c['ece_raw']:.3f}). "
        "It is calibrated on synthetic films only: on a real film it means nothing for a finding the model drafted; a finding "
        "calibrated drafting added shows the label head's calibrated probability instead (Real films)."
    )


def where_it_fails(folder, manifest):
    """The card's section on what the model cannot read and what the app does about it (domain-check.json)."""
    path = os.path.join(folder, "domain-check.json")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        check = json.load(f)
    r = check["flag_rates"]
    domain = manifest.get("input_domain", {})
    real = check.get("real_in_domain", False)
    lines = [
        "",
        "## Where it fails, and what the app does about it",
        ("Up to 0.7.0 the model had seen only generated films, and shown real ones it drafted confident nonsense (about four "
         "positive findings per film, none called normal); this version has seen real frontal chest films (Real films), "
         "which are in its domain, and drafts them under its calibrated label head. " if real else
         "Shown real films, it drafts confident nonsense: tried on about a hundred real frontal chest films before these checks "
         "existed, it wrote about four positive findings per film and called none normal (a device on nine films in ten, a "
         "pneumothorax on half), with unfinished or looping sentences on a third. ")
        + "Before the input checks, CT, MR and lateral images, and blank or noise images, all got a chest report. "
        "So the app checks every image before "
        "any model task (`src/model/inputCheck.ts`, `src/model/domainCheck.ts`) and drafts a refused image only when the "
        "reader presses Draft anyway; every finding and every export of such a draft carries the warning.",
        "",
        f"- **Header**: modality {', '.join(domain.get('modalities', [])) or 'any'}; body part "
        f"{' or '.join(domain.get('body_parts', [])) or 'any'} (or not stated); view {' or '.join(domain.get('views', [])) or 'any'} "
        "(or not stated). CT, MR, ultrasound and other modalities, other body parts and lateral views are refused, each with its reason.",
        "- **Pixels**: a blank (black or white), uniform or noise image is refused.",
        f"- **Learned domain check**: {check['features']} spectral-shape statistics of the model's own 160-pixel input "
        "(how much pixels 1, 2, 4, 8 and 16 apart differ, across and down), their Mahalanobis distance from the training "
        f"distribution ({'generated cases made like the training data' + (' and the real training films' if real else '')}"
        + (", and two exports of each real training film as another department would make them (`models/recipe/export_variants.py`: "
           "tubes, lines, pacemakers and ECG leads drawn on; unsharp masking, edge enhancement or blur; noise; collimation; "
           "rotation; 500–800 px; 8 bits or JPEG at quality 40–95; MONOCHROME1)" if check.get("refusals") else "")
        + ", each also under exposure and contrast variants: gamma "
        f"0.5–2, contrast 0.6–1.4, offset ±0.1), refused beyond {check['threshold']:.2f} (the training distances' 99.5th "
        "percentile). Fitted and measured by `scripts/domain/fit.ts`; the statistics ride in `manifest.json`.",
        "",
        "| images | refused by the learned check |",
        "|---|---|",
        f"| {'generated and real training films' if real else 'generated, training distribution'} (clean and varied) "
        f"| {rate(r['training'])} |",
    ]
    if "heldout_clean" in r:
        lines.append(f"| generated, held out, clean | {rate(r['heldout_clean'])} |")
        lines.append(f"| generated, held out, exposure and contrast variants | {rate(r['heldout_tone_variants'])} |")
    if "real_films" in r:
        what = ("held-out real frontal chest films (NIH ChestX-ray14 validation split, 512 px)" if real
                else "real frontal chest films (NIH ChestX-ray14, `jrzech/reproduce-chexnet` starter images, 512 px)")
        lines.append(f"| {what} | {rate(r['real_films'])} |")
    if "other_images" in r:
        lines.append(f"| MR and CT slices (also refused by the header check) | {rate(r['other_images'])} |")
    lines += [
        "",
        ("The learned check tells real chest films from generated ones no longer: it now refuses only images whose fine-scale "
         "texture is unlike both, and a real radiograph of another body part may pass it. The header check (modality, body part, "
         "view) is what refuses those, and a file without them is not refused by header. The bundled CT is refused by its "
         "header (browser test). Not measured: lateral films (none reachable)."
         if real else
         "The bundled real chest CR is refused by the learned check, the bundled CT by its header (browser tests). Not measured yet: "
         "collimation and burnt-in text on held-out films, and real films of other collections."),
    ]
    return lines + refusal_table(check.get("refusals"))


# What fit.ts --measure NAME=DIR measured, in words.
MEASURED = {
    "nih-validation-PA": "NIH validation films, PA", "nih-validation-AP": "NIH validation films, AP (portable)",
    "nih-test": "NIH test films", "nih-validation-exports": "NIH validation films exported as another department would "
    "(export_variants.py: processing, collimation, rotation, 500–800 px, JPEG, devices and leads)",
    "nih-validation-devices": "NIH validation films with tubes, lines, pacemakers and ECG leads drawn on (composites with lines)",
    "actualmed": "Actualmed COVID-19 films (another hospital, 1,900–2,500 px; evaluation only)",
    "figure1": "Figure 1 COVID-19 films (mostly AP portable, 224–3,024 px; evaluation only)",
    "generated-heldout": "generated held-out cases", "other": "MR and CT slices",
}


def refusal_table(refusals):
    """Every check of the app together (header, pixels, learned), per measured set of images (fit.ts --measure)."""
    if not refusals:
        return []
    rows = [f"| {MEASURED.get(name, name)} | {r['refused']}/{r['of']} ({100 * r['refused'] / max(1, r['of']):.1f} %) | "
            f"{', '.join(f'{code} {n}' for code, n in r['by_reason'].items()) or '—'} |" for name, r in refusals.items()]
    return ["", "What the app refuses with every check together (header, pixels, learned):", "",
            "| images | refused | by reason |", "|---|---|---|", *rows]


def metric_rows(fp32, int8, tone):
    """The evaluation table's rows: each metric for fp32, int8 and int8 on the tone-changed films."""
    nodule = lambda m: m["per_type"]["nodule"].get("box_recall_at_0.5")  # noqa: E731
    rows = [
        ("micro precision", lambda m: m["micro"]["precision"], 3, f"tone-changed ≥ {TARGETS['tone_precision']}"),
        ("micro recall", lambda m: m["micro"]["recall"], 3, ""),
        ("micro F1", lambda m: m["micro"]["f1"], 3, f"≥ {TARGETS['micro_f1']}; tone-changed within {TARGETS['tone_f1_drop']}"),
        ("laterality accuracy", lambda m: m["laterality_accuracy"], 3, f"≥ {TARGETS['laterality']}"),
        ("box IoU, mean", lambda m: m["box_iou_mean"], 3, ""),
        ("box recall at IoU 0.5", lambda m: m["box_recall_at_0.5"], 3, f"≥ {TARGETS['box_recall']}"),
        ("nodule box recall at IoU 0.5", nodule, 3, f"≥ {TARGETS['nodule_box_recall']}"),
        ("nodule/mass size error, mm", lambda m: m["size_error_mm_mean"], 1, ""),
        ("cardiothoracic ratio error", lambda m: m["ctr_error_mean"], 3, ""),
        ("phrase grounding IoU, mean", lambda m: m["grounding_iou_mean"], 3, ""),
        ("phrase grounding recall at 0.5", lambda m: m["grounding_recall_at_0.5"], 3, ""),
    ]
    return [f"| {label} | {' | '.join(fmt(m and get(m), digits) for m in (fp32, int8, tone))} | {target} |"
            for label, get, digits, target in rows]


def type_rows(clean, tone):
    """Per finding type, clean beside tone-changed."""
    out = []
    for t in FINDING_TYPES:
        m, n = clean["per_type"][t], (tone or {}).get("per_type", {}).get(t, {})
        out.append(f"| {t.replace('_', ' ')} | {fmt(m['precision'])} | {fmt(m['recall'])} | {fmt(m['f1'])} | {fmt(n.get('f1'))} "
                   f"| {m['support']} "
                   f"| {fmt(m.get('box_recall_at_0.5'))} | {fmt(n.get('box_recall_at_0.5'))} |")
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--train-note", default="")
    args = ap.parse_args()
    with open(os.path.join(args.folder, "manifest.json")) as f:
        manifest = json.load(f)
    with open(os.path.join(args.folder, "metrics.json")) as f:
        metrics = json.load(f)
    fp32, int8, tone = metrics.get("fp32"), metrics.get("int8"), metrics.get(f"int8 {TONE}")
    files = manifest["files"]
    fp32_bytes = files["encoder"]["fp32"]["bytes"] + files["decoder"]["fp32"]["bytes"]
    int8_bytes = files["encoder"]["int8"]["bytes"] + files["decoder"]["int8"]["bytes"]
    real = os.path.exists(os.path.join(args.folder, "real-films.json"))
    lines = [
        f"# Model card: {manifest['name']} (version {manifest['version']})",
        "",
        ("> **Not for clinical use.** This model was trained on synthetic chest radiographs that Lucent generates and on under "
         "a thousand public NIH ChestX-ray14 films with their text-mined labels. On real films it is far below a radiologist and "
         "below published models (Real films), is not a medical device, and its drafts must not inform diagnosis or treatment."
         if real else
         "> **Not for clinical use.** This model was trained only on synthetic chest radiographs that Lucent generates. "
         "It has never seen a real patient image, is not a medical device, and its drafts must not inform diagnosis or treatment."),
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
        "The generator, the case folder format and the training recipe are in `models/recipe/` (see `models/README.md`). "
        "From version 0.7.0 every training film is also varied as departments' films vary (`models/recipe/augment.py`): "
        "rotation up to 10°, scale and shift up to 10 %, collimation, another window, a tone curve (gamma 0.5–2), contrast "
        "0.6–1.4 and offset ±0.1, blur or an unsharp mask, detector noise, burnt-in markers; and the input is "
        "histogram-equalised (each grey level replaced by its rank in the film), which any monotonic tone change leaves as it was.",
        "",
        args.train_note,
        "",
        "## Intended use",
        ("Demonstrating Lucent's in-browser grounded-report pipeline and its editor, on generated films and on public real "
         "frontal chest films (such as the bundled NIH samples), where its drafts are conservative and often wrong: see Real films."
         if real else
         "Demonstrating Lucent's in-browser grounded-report pipeline and its editor on synthetic or test images. "
         "On real radiographs (such as the bundled real CR sample) it is expected to fail: the app refuses to draft them "
         "unless the reader insists, and then marks every finding and export (see Where it fails)."),
        "",
        "## Evaluation",
        f"Held-out generated cases never seen in training (seeds from 10,000,000; training used seeds below 1,000,000): "
        f"{fp32['cases'] if fp32 else '—'} cases, read from DICOM + JSON as a user's data would be. "
        "Finding labels come from Lucent's rule-based sentence labeller (`models/recipe/labels.py`), not CheXbert. "
        "Greedy decoding; box coordinates are read as the app reads them, each location token refined by the probabilities "
        "of the bins next to it (`models/recipe/tokenizer.py`).",
        "",
        f"The **{TONE}** column is the same cases with their films processed as other departments' are (`models/recipe/tone_set.py`, "
        "kind `combined`: a tone curve, contrast and offset, then blur or unsharp masking, and noise), int8.",
        "",
        f"| metric | fp32 | int8 | int8, {TONE} | target |",
        "|---|---|---|---|---|",
        *metric_rows(fp32, int8, tone),
        f"| ONNX size | {fp32_bytes / 1e6:.1f} MB | {int8_bytes / 1e6:.1f} MB ({int8_bytes / fp32_bytes:.0%}) | | int8 ≤ 30 MB |",
        "",
        f"Per finding type (int8): precision / recall / F1 (support) and box recall at IoU 0.5 (a missed finding counts as a missed box), "
        f"clean and {TONE}",
        "",
        f"| finding | precision | recall | F1 | F1, {TONE} | support | box recall at 0.5 | box recall, {TONE} |",
        "|---|---|---|---|---|---|---|---|",
    ]
    if int8:
        lines += type_rows(int8, tone)
    lines += real_film_section(args.folder)
    lines += where_it_fails(args.folder, manifest)
    lines += [
        "",
        "## Limits",
        ("- Generated anatomy is schematic (geometric lungs, heart, ribs) and generated findings simple shapes; the real films it "
         "saw are under a thousand, labelled by text mining, and 3,000 composites draw the generator's findings onto them. "
         "Its sentences still come from the generator's phrasing." if real else
         "- Synthetic anatomy is schematic (geometric lungs, heart, ribs); findings are drawn from simple shapes. "
         "Real films differ in every respect."),
        ("- Ten drafted finding types, and a label head that also scores airspace opacity, pulmonary oedema and abnormal; anything "
         "else is invisible to it or misnamed. Lateral films were never seen; children and portable AP films only among the NIH films."
         if real else
         "- Ten finding types only; anything else is invisible to it or misnamed. "
         "Lateral films, children and portable AP films were never generated."),
        ("- Box coordinates are tokens of 1/128 of the input square (1/64 up to 0.6.0), refined between neighbouring bins by the "
         "model's probabilities (tokenizer.py); small nodules are near the limit of the 160-pixel input and remain the weakest boxes."),
        confidence_line(args.folder),
        "",
        "## Files",
        "`manifest.json` (files with sha256, preprocessing, tokenizer, special tokens, task prompts, output grammar), "
        "`encoder.onnx` / `decoder.onnx` (fp32), `encoder.int8.onnx` / `decoder.int8.onnx` (weight-only int8, DequantizeLinear), "
        "`tokenizer.json`, `metrics.json`; `calibration.json` (confidence), `domain-check.json` (the learned check's flag rates), "
        "`label-calibration.json` (calibrated drafting) and `real-films.json` (real-film metrics) where the model has them.",
        "",
    ]
    with open(os.path.join(args.folder, "MODEL_CARD.md"), "w") as f:
        f.write("\n".join(lines))
    print("wrote", os.path.join(args.folder, "MODEL_CARD.md"))


if __name__ == "__main__":
    main()
