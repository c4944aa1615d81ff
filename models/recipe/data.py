"""Model inputs and training records.

`to_model_input` is THE preprocessing (the browser runtime implements the same steps,
as manifest.json describes): displayed pixels in 0..1 (rescale, VOI window, MONOCHROME1
inverted) -> aspect-preserving area-average resize so the longer side is `size` ->
placed at the top-left of a size x size square padded with 0 -> (x - 0.5) / 0.25.

A record is what training needs of one case, whatever its source (generated on the
fly, or read from a case folder of DICOM + JSON):
  image   uint8 [size, size] (the square frame, before normalisation)
  indication, sentences [(text, [box01, ...])], impression,
  findings [{type, laterality, zone, size_mm, boxes01, sentence, phrase}],
  free_boxes [box01, ...] (regions without findings, for the describe task)
"""
import glob
import json
import os
import pickle

import numpy as np
import torch
import torch.nn.functional as F

from reports import canonical_sentence, impression_phrase
from tokenizer import NO_FINDING

MEAN, STD = 0.5, 0.25


def resize_area(image, out_h, out_w):
    """Area-average resize (PyTorch adaptive average pooling: window [floor(i*H/h), ceil((i+1)*H/h)))."""
    t = torch.from_numpy(np.ascontiguousarray(image, dtype=np.float32))[None, None]
    return F.adaptive_avg_pool2d(t, (out_h, out_w))[0, 0].numpy()


def to_square(image01, size):
    """Returns (square image 0..1, scale) where scale maps original pixels to square pixels."""
    h, w = image01.shape
    scale = size / max(h, w)
    nh, nw = max(1, round(h * scale)), max(1, round(w * scale))
    out = np.zeros((size, size), dtype=np.float32)
    out[:nh, :nw] = resize_area(image01, nh, nw)
    return out, scale


def normalise(square01):
    return (square01 - MEAN) / STD


def box_to01(box_px, scale, size):
    return [float(np.clip(v * scale / size, 0, 1)) for v in box_px]


def _free_boxes(rng, findings01, n=2):
    """Random lung-sized regions that overlap no finding (targets of the describe task's negative)."""
    boxes = []
    for _ in range(40):
        if len(boxes) >= n:
            break
        cx, cy = rng.uniform(0.2, 0.8), rng.uniform(0.25, 0.7)
        hw, hh = rng.uniform(0.03, 0.1), rng.uniform(0.03, 0.1)
        b = [cx - hw, cy - hh, cx + hw, cy + hh]
        if all(b[2] < f[0] or b[0] > f[2] or b[3] < f[1] or b[1] > f[3] for f in findings01):
            boxes.append(b)
    return boxes


def record_from_truth(square01, scale, size, truth, rng):
    """Build a training record from a JSON ground truth (lucent-cxr-case/1) and the square image."""
    findings = []
    for f in truth["findings"]:
        boxes01 = [box_to01(b, scale, size) for b in f["boxes"]]
        findings.append(dict(type=f["type"], laterality=f["laterality"], zone=f["zone"], size_mm=f["size_mm"], boxes01=boxes01, measurements=f.get("measurements", {})))
    sentences = []
    for s in truth["report"]["sentences"]:
        k = s["finding"]
        sentences.append((s["text"], findings[k]["boxes01"] if k is not None else []))
        if k is not None:
            findings[k]["sentence"] = s["text"]
    return dict(
        image=np.round(square01 * 255).astype(np.uint8),
        indication=truth.get("indication", ""),
        sentences=sentences,
        impression=truth["report"]["impression"],
        findings=findings,
        free_boxes=_free_boxes(rng, [b for f in findings for b in f["boxes01"]]),
    )


def synthetic_record(seed, size):
    """Generate and render one synthetic case straight at training resolution."""
    from synth import ground_truth, make_case

    case = make_case(seed)
    # Render a little above the input resolution, then area-resize as a DICOM would be.
    spacing = max(case.film_h, case.film_w) / (1.25 * size)
    image = case.render(spacing)
    truth = ground_truth(case, spacing)
    square, scale = to_square(image, size)
    rec = record_from_truth(square, scale, size, truth, np.random.default_rng([seed, 7]))
    for f, src in zip(rec["findings"], case.findings):
        f["phrase"] = impression_phrase(src)
        f["canonical"] = canonical_sentence(src)
    return rec


def records_from_case_folder(folder, size):
    """Read a case folder (NAME.dcm + NAME.json pairs) into records."""
    from dicom_io import read_radiograph

    records = []
    without_report = 0
    for json_path in sorted(glob.glob(os.path.join(folder, "*.json"))):
        dcm_path = json_path[:-5] + ".dcm"
        if not os.path.exists(dcm_path):
            continue
        with open(json_path) as f:
            truth = json.load(f)
        # Converted real data may carry labels or boxes without report sentences (convert.py):
        # the report target needs sentences, so such cases wait for training with partial supervision.
        if not (truth.get("report") or {}).get("sentences"):
            without_report += 1
            continue
        image, _, _ = read_radiograph(dcm_path)
        square, scale = to_square(image, size)
        rec = record_from_truth(square, scale, size, truth, np.random.default_rng(len(records)))
        rec["name"] = os.path.basename(json_path)[:-5]
        rec["truth"] = truth
        rec["scale"] = scale
        records.append(rec)
    if without_report:
        print(f"{folder}: {without_report} cases have no report sentences (labels or boxes only) and were not read")
    return records


def write_shard(path, seeds, size):
    records = [synthetic_record(s, size) for s in seeds]
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        pickle.dump(records, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)  # readers never see half a shard


def load_shards(folder):
    records = []
    for path in sorted(glob.glob(os.path.join(folder, "shard-*.pkl"))):
        with open(path, "rb") as f:
            records.extend(pickle.load(f))
    return records


# ------------------------------------------------------------------- batches

def make_example(rec, tok, rng, task=None):
    """(prompt ids, target ids) for one record and a task drawn from the mixture."""
    findings = rec["findings"]
    task = task or rng.choice(["report", "report", "report", "ground", "describe"])
    if task == "ground" and findings:
        f = findings[rng.integers(len(findings))]
        phrase = f.get("phrase") if rng.random() < 0.5 and f.get("phrase") else f.get("sentence", f.get("phrase", f["type"]))
        return tok.ground_prompt(phrase), tok.ground_target(f["boxes01"])
    if task == "describe":
        candidates = [(b, f.get("sentence", "")) for f in findings for b in f["boxes01"]]
        if rec["free_boxes"] and (not candidates or rng.random() < 0.25):
            return tok.describe_prompt(rec["free_boxes"][rng.integers(len(rec["free_boxes"]))]), tok.describe_target(NO_FINDING)
        if candidates:
            box, text = candidates[rng.integers(len(candidates))]
            return tok.describe_prompt(box), tok.describe_target(text)
    indication = rec["indication"] if rng.random() < 0.7 else ""
    return tok.report_prompt(indication), tok.report_target(rec["sentences"], rec["impression"])


def collate(examples, images, tok, max_len):
    """Token batch: input = prompt + target[:-1]; loss only on target positions."""
    seqs = [(p + t)[:max_len + 1] for p, t in examples]
    n = max(len(s) for s in seqs)
    ids = torch.full((len(seqs), n), tok.pad_id, dtype=torch.long)
    loss_mask = torch.zeros((len(seqs), n), dtype=torch.bool)
    for i, ((p, _), s) in enumerate(zip(examples, seqs)):
        ids[i, : len(s)] = torch.tensor(s)
        loss_mask[i, len(p): len(s)] = True
    pixels = torch.from_numpy(np.stack(images).astype(np.float32) / 255.0)[:, None]
    return normalise(pixels), ids[:, :-1], ids[:, 1:], loss_mask[:, 1:]
