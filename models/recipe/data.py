"""Model inputs and training records.

The preprocessing (the browser runtime implements the same steps, as manifest.json describes):
displayed pixels in 0..1 (rescale, VOI window, MONOCHROME1 inverted) -> aspect-preserving
area-average resize so the longer side is `size` (`to_square`) -> placed at the top-left of a
size x size square padded with 0 -> stored as 8 bits -> for models with `equalize` (0.7.0 on),
each level replaced by its mid-rank among the film's own pixels (histogram equalisation, which
any monotonic tone curve leaves unchanged: a department's gamma, contrast, offset or window
choice) -> (x - 0.5) / 0.25 (`model_pixels`).

A record is what training needs of one case, whatever its source (generated on the
fly, or read from a case folder of DICOM + JSON):
  image   uint8 [size, size] (the square frame, before normalisation), hw: the film's rows and
          columns in it
  labels  {type: 1, 0 or None}: image-level labels (every type for generated cases)
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
from augment import augment
from findings import LABEL_TYPES, labels_of_findings
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


def region_hw(shape, scale):
    """Rows and columns of an image of this shape inside its square (to_square's resize)."""
    return tuple(max(1, round(n * scale)) for n in shape)


def normalise(square01):
    return (square01 - MEAN) / STD


def equalise(levels, hw):
    """uint8 square -> float32 square: each level of the film's region (top-left hw) becomes its
    mid-rank there, (pixels below + half of those equal) / pixels; the padding stays 0."""
    h, w = hw
    region = levels[:h, :w]
    hist = np.bincount(region.ravel(), minlength=256)
    table = (np.cumsum(hist) - hist / 2) / region.size
    out = np.zeros(levels.shape, dtype=np.float32)
    out[:h, :w] = table[region]
    return out


def model_pixels(image, hw, equalize):
    """A square image (uint8, or float 0..1, first stored as 8 bits as the recipe stores films)
    -> the model's input, float32 [size, size]."""
    levels = image if image.dtype == np.uint8 else np.round(np.clip(image, 0, 1) * 255).astype(np.uint8)
    return normalise(equalise(levels, hw) if equalize else levels.astype(np.float32) / 255)


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


def record_from_truth(square01, scale, size, truth, rng, image_shape):
    """Build a training record from a JSON ground truth (lucent-cxr-case/1) and the square image
    (`image_shape`: the original image's rows and columns, for the size of the image in the square)."""
    findings = []
    for f in truth["findings"]:
        boxes01 = [box_to01(b, scale, size) for b in f["boxes"]]
        findings.append(dict(type=f["type"], laterality=f["laterality"], zone=f["zone"], size_mm=f["size_mm"], boxes01=boxes01,
                             measurements=f.get("measurements", {})))
    report = truth.get("report") or {}
    # None: no report text (labels or boxes only, as converted data sets may be). A normal film's
    # report has no finding sentences, only its impression: an empty list, which is report text.
    sentences = None if report.get("sentences") is None else []
    for s in report.get("sentences") or []:
        k = s.get("finding")
        sentences.append((s["text"], findings[k]["boxes01"] if k is not None else []))
        if k is not None:
            findings[k]["sentence"] = s["text"]
    known = truth.get("labels")
    labels = {t: known.get(t) for t in LABEL_TYPES} if known else labels_of_findings(f["type"] for f in findings)
    return dict(
        labels=labels,
        image=np.round(square01 * 255).astype(np.uint8),
        hw=region_hw(image_shape, scale),
        indication=truth.get("indication", ""),
        sentences=sentences,
        impression=report.get("impression", ""),
        # False where the source has findings without their regions (report text or labels only).
        boxes_known=(truth.get("supervision") or {}).get("boxes", True),
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
    rec = record_from_truth(square, scale, size, truth, np.random.default_rng([seed, 7]), image.shape)
    for f, src in zip(rec["findings"], case.findings):
        f["phrase"] = impression_phrase(src)
        f["canonical"] = canonical_sentence(src)
    return rec


def records_from_case_folder(folder, size, partial=False):
    """Read a case folder (NAME.dcm + NAME.json pairs) into records; with `partial`, also cases
    without report sentences (labels or boxes only: training's masked losses use them)."""
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
        # the report metrics need sentences.
        if not partial and (truth.get("report") or {}).get("sentences") is None:
            without_report += 1
            continue
        image, _, _ = read_radiograph(dcm_path)
        square, scale = to_square(image, size)
        rec = record_from_truth(square, scale, size, truth, np.random.default_rng(len(records)), image.shape)
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

def labels_of(rec):
    """Image-level label targets in LABEL_TYPES order, and which of them are known (the label
    loss is masked where a source says nothing). A record with a full report lists every finding,
    so its labels follow from them (shards written before LABEL_TYPES grew lack the newer types)."""
    labels = dict(rec.get("labels") or {})
    if rec.get("sentences") is not None:
        labels = {**labels_of_findings(f["type"] for f in rec["findings"]), **{k: v for k, v in labels.items() if v is not None}}
    values = [labels.get(t) for t in LABEL_TYPES]
    return [float(v or 0) for v in values], [v is not None for v in values]


def moved(rec, move):
    """The record with every box where the augmented film has it (boxes pushed out of the film dropped)."""
    def boxes(bs):
        out = [move(b) for b in bs]
        return [b for b in out if b[2] - b[0] > 1e-3 and b[3] - b[1] > 1e-3]

    out = dict(rec)
    out["findings"] = [{**f, "boxes01": boxes(f["boxes01"])} for f in rec["findings"]]
    if rec["sentences"] is not None:
        out["sentences"] = [(text, boxes(bs)) for text, bs in rec["sentences"]]
    out["free_boxes"] = boxes(rec["free_boxes"])
    return out


def make_example(rec, tok, rng, task=None):
    """(prompt ids, target ids, target positions left out of the loss) for one record and a task
    drawn from the mixture; None when the record supervises no sequence (labels only).

    Partial supervision: without report text, the ground task on the finding's name is what its
    boxes teach; with report text but no boxes, the token after each sentence (where the model
    chooses between a box and the next sentence) is left out of the loss."""
    findings = rec["findings"]
    boxed = [f for f in findings if f["boxes01"]]
    if rec["sentences"] is None:
        if not boxed:
            return None
        task = "ground"
    task = task or rng.choice(["report", "report", "report", "ground", "describe"])
    if task == "ground" and boxed:
        f = boxed[rng.integers(len(boxed))]
        name = f["type"].replace("_", " ")
        phrase = f.get("phrase") if rng.random() < 0.5 and f.get("phrase") else f.get("sentence", f.get("phrase", name))
        return tok.ground_prompt(phrase), tok.ground_target(f["boxes01"]), ()
    if task == "describe":
        candidates = [(b, f["sentence"]) for f in boxed if f.get("sentence") for b in f["boxes01"]]
        negatives = rec["free_boxes"] if rec.get("boxes_known", True) else []
        if negatives and (not candidates or rng.random() < 0.25):
            return tok.describe_prompt(negatives[rng.integers(len(negatives))]), tok.describe_target(NO_FINDING), ()
        if candidates:
            box, text = candidates[rng.integers(len(candidates))]
            return tok.describe_prompt(box), tok.describe_target(text), ()
    if rec["sentences"] is None:
        return None
    indication = rec["indication"] if rng.random() < 0.7 else ""
    target = tok.report_target(rec["sentences"], rec["impression"])
    skip = ()
    if not rec.get("boxes_known", True):
        ends = {tok.id("<f>"), tok.id("<impression>")}
        skip = tuple(i for i, t in enumerate(target) if i > 0 and t in ends)
    return tok.report_prompt(indication), target, skip


def collate(examples, pixels, labels, tok, max_len):
    """Batch: input = prompt + target[:-1]; the sequence loss only on target positions (less the
    skipped ones; none for an example that is None), the label loss where a label is known."""
    examples = [e or (tok.report_prompt(), [], ()) for e in examples]
    seqs = [(p + t)[:max_len + 1] for p, t, _ in examples]
    n = max(len(s) for s in seqs)
    ids = torch.full((len(seqs), n), tok.pad_id, dtype=torch.long)
    loss_mask = torch.zeros((len(seqs), n), dtype=torch.bool)
    for i, ((p, _, skip), s) in enumerate(zip(examples, seqs)):
        ids[i, : len(s)] = torch.tensor(s)
        loss_mask[i, len(p): len(s)] = True
        for k in skip:
            if len(p) + k < n:
                loss_mask[i, len(p) + k] = False
    label_values = torch.tensor([v for v, _ in labels], dtype=torch.float32)
    label_mask = torch.tensor([m for _, m in labels], dtype=torch.bool)
    batch = torch.from_numpy(np.stack(pixels).astype(np.float32))[:, None]
    return batch, ids[:, :-1], ids[:, 1:], loss_mask[:, 1:], label_values, label_mask


def training_batch(records, tok, rng, max_len, equalize, augment_strength):
    """A batch of the given records, each film augmented (augment.py) with its boxes moved."""
    examples, pixels, labels = [], [], []
    for rec in records:
        image = rec["image"]
        if augment_strength:
            image, move = augment(image, rec["hw"], rng, augment_strength)
            rec = moved(rec, move)
        pixels.append(model_pixels(image, rec["hw"], equalize))
        examples.append(make_example(rec, tok, rng))
        labels.append(labels_of(rec))
    return collate(examples, pixels, labels, tok, max_len)
