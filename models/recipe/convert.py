"""Real data sets, in the layouts people already have, as case folders (NAME.dcm + NAME.json).

  convert.py nih      --images DIR --labels Data_Entry_2017.csv [--boxes BBox_List_2017.csv ...] --out DIR
  convert.py chexpert --csv FILE --images DIR --out DIR [--report-column NAME]   (CheXpert, MIMIC-CXR style)
  convert.py vindr    --csv annotations.csv --images DIR --out DIR                 (VinDr-CXR boxes)
  convert.py coco     --json FILE --images DIR --out DIR                           (COCO-style boxes)
  common: [--size 512] [--limit N]

Each source's finding names are mapped to Lucent's types (NAME_MAP); a name without a Lucent type is
kept in its case ("unmapped") and counted in the summary, never dropped in silence. Sources give
partial supervision: image-level labels without boxes (NIH, CheXpert), boxes without report text
(VinDr, COCO), report text without boxes (MIMIC-style report columns). Each case says what it
carries in "supervision"; format lucent-cxr-case/2 (models/README.md). PNG and JPEG images become
8-bit DICOM CR files (real_films.write_pixels); DICOM images are copied as they are.
Needs Debian's python3-pil for PNG and JPEG.
"""
import argparse
import csv
import json
import os
import shutil
from collections import Counter

import pydicom

from findings import ABNORMAL, DEVICE_TYPES, LABEL_TYPES
from real_films import find_files, greyscale, write_pixels

# Source finding names (lower case) -> Lucent type. None: a name the sources share that has no Lucent type.
NAME_MAP = {
    "atelectasis": "atelectasis",
    "cardiomegaly": "cardiomegaly",
    "effusion": "pleural_effusion",
    "pleural effusion": "pleural_effusion",
    "pleural_effusion": "pleural_effusion",
    "consolidation": "consolidation",
    "pneumonia": "airspace_opacity",
    "infiltration": "airspace_opacity",
    "infiltrate": "airspace_opacity",
    "lung opacity": "airspace_opacity",
    "airspace opacity": "airspace_opacity",
    "edema": "pulmonary_edema",
    "oedema": "pulmonary_edema",
    "pulmonary edema": "pulmonary_edema",
    "mass": "mass",
    "nodule": "nodule",
    "pneumothorax": "pneumothorax",
    "endotracheal tube": "endotracheal_tube",
    "central line": "central_line",
    "pacemaker": "pacemaker",
}
NORMAL = {"no finding", "no findings", "normal"}
# A label that implies another: a consolidation is an airspace opacity.
IMPLIES = {"consolidation": "airspace_opacity"}
# VinDr-CXR names one class for both; a box of this size or more (in mm) is a mass.
MASS_MM = 30.0
SIDED_TYPES = set(LABEL_TYPES) - {"cardiomegaly", "endotracheal_tube", "pulmonary_edema"}


def lucent_type(name, box=None, spacing=None):
    """The Lucent type of a source name, or None when it has none."""
    key = name.strip().lower().replace("_", " ")
    if key == "nodule/mass":
        if box is None or spacing is None:
            return "nodule"
        return "mass" if max(box[2] - box[0], box[3] - box[1]) * spacing >= MASS_MM else "nodule"
    return NAME_MAP.get(key) or NAME_MAP.get(name.strip().lower())


def finding_from_box(kind, box, rows, cols):
    """A boxed finding; side and zone read from where the box lies on a frontal film (patient right = image left)."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    laterality = ("right" if cx < cols / 2 else "left") if kind in SIDED_TYPES else "none"
    zone = ("upper", "middle", "lower")[min(2, int(3 * cy / rows))] if kind in SIDED_TYPES else "none"
    return {
        "type": kind, "laterality": laterality, "zone": zone, "size_mm": None, "boxes": [[round(v, 1) for v in box]], "measurements": {},
    }


class Writer:
    """Writes cases and counts what was mapped and what was not."""

    def __init__(self, out, size, dataset, limit=0):
        self.out, self.size, self.dataset, self.limit = out, size, dataset, limit or None
        key = dataset.split(" ")[0].lower()
        self.source = {
            "key": key, "short": dataset.split(" ")[0], "title": dataset, "attribution": dataset, "institution": "public data set",
        }
        self.unmapped = Counter()
        self.written = 0
        os.makedirs(out, exist_ok=True)

    def image(self, name, path, meta):
        """The case's DICOM file; returns (rows, columns, pixel spacing in mm or None, scale from source pixels)."""
        target = os.path.join(self.out, f"{name}.dcm")
        if path.lower().endswith((".dcm", ".dicom")):
            shutil.copyfile(path, target)
            ds = pydicom.dcmread(target, stop_before_pixels=True)
            spacing = getattr(ds, "PixelSpacing", None) or getattr(ds, "ImagerPixelSpacing", None)
            return int(ds.Rows), int(ds.Columns), float(spacing[0]) if spacing else None, 1.0
        pixels, scale = greyscale(path, self.size)
        write_pixels(pixels, target, name, meta, self.source)
        return pixels.shape[0], pixels.shape[1], None, scale

    def case(self, name, rows, cols, spacing, labels, findings, unmapped, report=None, indication=""):
        self.unmapped.update(unmapped)
        truth = {
            "format": "lucent-cxr-case/2",
            "rows": rows,
            "columns": cols,
            "pixel_spacing_mm": [spacing, spacing] if spacing else None,
            "indication": indication,
            "findings": findings,
            "labels": labels,
            "unmapped": sorted(set(unmapped)),
            "supervision": {"labels": bool(labels), "boxes": any(f["boxes"] for f in findings), "report": report is not None},
            "source": {"dataset": self.dataset, "name": name},
            "report": report,
        }
        with open(os.path.join(self.out, f"{name}.json"), "w") as f:
            json.dump(truth, f, indent=1)
        self.written += 1

    def summary(self):
        lines = [f"{self.written} cases written to {self.out}"]
        if self.unmapped:
            lines.append("kept as unmapped (no Lucent type): " + ", ".join(f"{n} {c}" for n, c in self.unmapped.most_common()))
        return "\n".join(lines)


def labels_from_names(names):
    """Image-level labels: 1 for each mapped name (and abnormal for any name), 0 for every type when the
    image is normal; and the unmapped names."""
    if {n.strip().lower() for n in names} & NORMAL:
        return {t: 0 for t in LABEL_TYPES}, []
    labels = {ABNORMAL: 1} if any(n.strip() for n in names) else {}
    unmapped = []
    for name in names:
        kind = lucent_type(name)
        if kind:
            labels[kind] = 1
            if kind in IMPLIES:
                labels[IMPLIES[kind]] = 1
        elif name.strip():
            unmapped.append(name.strip())
    return labels, unmapped


def find_images(root):
    return find_files(root, (".png", ".jpg", ".jpeg", ".dcm", ".dicom"))


# NIH's report mining states each of its 14 findings present or absent: the Lucent types among them
# are negatives when not listed (devices are not among them, so they stay unknown).
NIH_TYPES = (
    "atelectasis", "cardiomegaly", "pleural_effusion", "consolidation", "mass", "nodule", "pneumothorax", "airspace_opacity",
    "pulmonary_edema", ABNORMAL,
)


def convert_nih(args, writer):
    images = find_images(args.images)
    boxes = {}
    for path in args.boxes or []:
        with open(path, newline="") as f:
            for row in csv.reader(f):
                if len(row) >= 6 and row[0] in images:
                    x, y, w, h = map(float, row[2:6])
                    boxes.setdefault(row[0], []).append((row[1], [x, y, x + w, y + h]))
    with open(args.labels, newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["Image Index"] in images][: writer.limit]
    for r in rows:
        name = r["Image Index"].rsplit(".", 1)[0]
        meta = {
            "view": r.get("View Position", ""), "sex": r.get("Patient Gender", ""), "age": r.get("Patient Age", ""),
            "labels": r["Finding Labels"],
        }
        height, width, spacing, scale = writer.image(name, images[r["Image Index"]], meta)
        labels, unmapped = labels_from_names(r["Finding Labels"].split("|"))
        labels = {**{t: 0 for t in NIH_TYPES}, **labels}
        findings = []
        for label, box in boxes.get(r["Image Index"], []):
            kind = lucent_type(label)
            if kind:
                findings.append(finding_from_box(kind, [v * scale for v in box], height, width))
        writer.case(name, height, width, spacing, labels, findings, unmapped)


CHEXPERT_META = {"path", "sex", "age", "frontal/lateral", "ap/pa", "study", "subject_id", "study_id", "dicom_id"}


def convert_chexpert(args, writer):
    with open(args.csv, newline="") as f:
        rows = list(csv.DictReader(f))[: writer.limit]
    for k, r in enumerate(rows):
        path = os.path.join(args.images, r["Path"])
        name = f"case-{k:06d}"
        report_text = r.get(args.report_column, "").strip() if args.report_column else ""
        height, width, spacing, _ = writer.image(
            name, path, {"view": r.get("AP/PA", ""), "sex": r.get("Sex", ""), "age": r.get("Age", ""), "labels": ""}
        )
        labels, unmapped = {}, []
        for column, value in r.items():
            if column.lower() in CHEXPERT_META or column == args.report_column or value.strip() == "":
                continue
            kind = lucent_type(column)
            state = {"1.0": 1, "1": 1, "0.0": 0, "0": 0, "-1.0": None, "-1": None}.get(value.strip())
            if column.strip().lower() in NORMAL and state == 1:
                labels.update({t: 0 for t in LABEL_TYPES if t not in labels})
            elif kind:
                labels[kind] = state
            elif state == 1:
                unmapped.append(column)
            if state == 1 and column.strip().lower() not in NORMAL and kind not in DEVICE_TYPES:
                labels[ABNORMAL] = 1
        report = {"sentences": [], "impression": "", "text": report_text} if report_text else None
        writer.case(name, height, width, spacing, labels, [], unmapped, report)


def convert_boxes(writer, images, annotations):
    """annotations: image file name -> [(source name, [x0, y0, x1, y1] in source pixels)]."""
    for file_name, boxes in list(annotations.items())[: writer.limit]:
        name = file_name.rsplit(".", 1)[0]
        height, width, spacing, scale = writer.image(name, images[file_name], {"view": "", "sex": "", "age": "", "labels": ""})
        findings, unmapped = [], []
        normal = all(label.strip().lower() in NORMAL for label, _ in boxes)
        for label, box in boxes:
            if label.strip().lower() in NORMAL:
                continue
            kind = lucent_type(label, box, spacing)
            if kind:
                findings.append(finding_from_box(kind, [v * scale for v in box], height, width))
            else:
                unmapped.append(label)
        labels = {t: 0 for t in LABEL_TYPES} if normal else {f["type"]: 1 for f in findings}
        if not normal and (unmapped or any(f["type"] not in DEVICE_TYPES for f in findings)):
            labels[ABNORMAL] = 1
        writer.case(name, height, width, spacing, labels, findings, unmapped)


def convert_vindr(args, writer):
    images = find_images(args.images)
    annotations = {}
    with open(args.csv, newline="") as f:
        for r in csv.DictReader(f):
            file_name = next((n for n in (f"{r['image_id']}.dicom", f"{r['image_id']}.dcm", f"{r['image_id']}.png", f"{r['image_id']}.jpg")
                              if n in images), None)
            if not file_name:
                continue
            box = [float(r[k]) for k in ("x_min", "y_min", "x_max", "y_max")] if r.get("x_min") else [0, 0, 0, 0]
            annotations.setdefault(file_name, []).append((r["class_name"], box))
    convert_boxes(writer, images, annotations)


def convert_coco(args, writer):
    images = find_images(args.images)
    with open(args.json) as f:
        coco = json.load(f)
    category = {c["id"]: c["name"] for c in coco["categories"]}
    file_of = {i["id"]: i["file_name"].split("/")[-1] for i in coco["images"]}
    annotations = {name: [] for name in file_of.values() if name in images}
    for a in coco["annotations"]:
        name = file_of.get(a["image_id"])
        if name in annotations:
            x, y, w, h = a["bbox"]
            annotations[name].append((category[a["category_id"]], [x, y, x + w, y + h]))
    convert_boxes(writer, images, {k: v or [("no finding", [0, 0, 0, 0])] for k, v in annotations.items()})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("source", choices=["nih", "chexpert", "vindr", "coco"])
    ap.add_argument("--images", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--labels", help="NIH Data_Entry_2017.csv")
    ap.add_argument("--boxes", nargs="+", help="NIH BBox_List_2017.csv, and any other box table in its layout (nih_tables.py --rsna)")
    ap.add_argument("--csv", help="CheXpert/MIMIC labels, or VinDr annotations")
    ap.add_argument("--json", help="COCO annotations")
    ap.add_argument("--report-column", help="CheXpert/MIMIC-style: the column holding report text")
    ap.add_argument("--size", type=int, default=512, help="longer side of PNG/JPEG images after an area-average downsize (0: keep)")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    dataset = {
        "nih": "NIH ChestX-ray14", "chexpert": "CheXpert/MIMIC-CXR style labels",
        "vindr": "VinDr-CXR style boxes", "coco": "COCO-style boxes",
    }[args.source]
    writer = Writer(args.out, args.size, dataset, args.limit)
    {"nih": convert_nih, "chexpert": convert_chexpert, "vindr": convert_vindr, "coco": convert_coco}[args.source](args, writer)
    print(writer.summary())


if __name__ == "__main__":
    main()
