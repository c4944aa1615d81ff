"""Findings composited onto real "No Finding" films: real anatomy with known regions.

  composite.py --cases ../.work/nih-train --out ../.work/composites --count 2000 [--seed 1] [--sheet sheet.png]

NIH labels say what a film shows but rarely where, and never name devices. Here the generator's
own findings (findings.py: sampled sizes, sides, zones, boxes; drawing.py: how each looks) are
drawn into real films that NIH labels "No Finding": a nodule or mass, an effusion with its meniscus,
a pneumothorax edge with no lung markings beyond it, consolidation, atelectasis, an endotracheal
tube, a central line, a pacemaker. The base film is normal, so the composite's findings are all it
has: each becomes a full case (DICOM + JSON, lucent-cxr-case/2) with every label known, boxes and a
report written by reports.py, so every finding type has grounded examples on real anatomy.

Placement needs the lungs: film_lungs.py finds them roughly; a film where it cannot is skipped.
Sizes are in millimetres at a nominal pixel size (NIH's PNGs carry none): NOMINAL_FILM_MM is taken
as the width of the film. Cardiomegaly is not composited (a real heart cannot be enlarged in place).
Composites to train on come from training-split films only (a composite shares its base film's
patient); composites of validation-split films measure how a model reads findings on real anatomy.
"""
import argparse
import json
import os
from types import SimpleNamespace

import numpy as np
from scipy.ndimage import binary_dilation, gaussian_filter

from dicom_io import read_radiograph
from drawing import device_layer, opacity_layer, pneumothorax_mask
from film_lungs import lung_masks
from findings import MAKERS, labels_of_findings
from lung_geometry import LungGeometry
from real_films import NIH, write_pixels
from reports import write_indication, write_report
from synth import findings_json, report_json

NOMINAL_FILM_MM = 400.0  # a 35 x 43 cm detector's width, plus margin: NIH films are about this wide
COMPOSITED = [
    "nodule", "mass", "pleural_effusion", "pneumothorax", "consolidation", "atelectasis", "endotracheal_tube", "central_line", "pacemaker"
]
# How many findings a composite gets, and how likely each type is among them.
COUNT_P = {1: 0.6, 2: 0.3, 3: 0.1}
TYPE_WEIGHT = {
    "nodule": 2, "mass": 1, "pleural_effusion": 2, "pneumothorax": 2, "consolidation": 1, "atelectasis": 1,
    "endotracheal_tube": 1, "central_line": 1, "pacemaker": 1,
}


class FilmGeometry(LungGeometry):
    """LungGeometry of a real film: the lungs film_lungs.py found, on the same coarse mm grid, with the
    body midline between them (what findings.py's makers place findings with)."""

    def __init__(self, anatomy, film_h, film_w, spacing, right, left, step=2.0):
        self.step, self.film_w, self.anatomy = step, film_w, anatomy
        ys, xs = np.mgrid[0:film_h:step, 0:film_w:step].astype(np.float32)
        self.x, self.y = xs - film_w / 2 - anatomy.shift_x, ys - anatomy.shift_y
        rows = np.minimum((ys / spacing).astype(int), right.shape[0] - 1)
        cols = np.minimum((xs / spacing).astype(int), right.shape[1] - 1)
        self.masks = {"right": right[rows, cols], "left": left[rows, cols]}


def film_anatomy(right, left, spacing):
    """What the makers need of the anatomy (findings.Anatomy's fields), read off the lung masks, in mm."""
    rows = np.flatnonzero((right | left).any(axis=1))
    r_cols, l_cols = np.flatnonzero(right.any(axis=0)), np.flatnonzero(left.any(axis=0))
    midline = (r_cols.max() + l_cols.min()) / 2 * spacing
    thorax = (l_cols.max() - r_cols.min()) / 2 * spacing
    return SimpleNamespace(
        thorax_half_width=thorax, apex_y=rows.min() * spacing, diaphragm_y=np.flatnonzero(right.any(axis=1)).max() * spacing,
        heart_half_width=0.45 * thorax, heart_centre_x=0.1 * thorax, rotation=0.0,
        shift_x=midline - right.shape[1] * spacing / 2, shift_y=0.0,
    )


def _screen(image, attenuation, strength):
    """Added attenuation brightens a displayed film: dark (air) pixels more than bright ones."""
    return 1 - (1 - image) * np.exp(-strength * attenuation)


def draw(image, findings, anatomy, right, left, spacing, rng):
    """The film with the findings drawn in (0..1 displayed pixels)."""
    h, w = image.shape
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    x, y = (xs + 0.5) * spacing - w * spacing / 2 - anatomy.shift_x, (ys + 0.5) * spacing
    lungs = gaussian_filter((right | left).astype(np.float32), 3.0 / spacing)
    out = image.astype(np.float32).copy()
    # Real opacities carry the film's grain and the lung's structure through them: a little
    # texture in the layer, so a composite is not a flat, noiseless shape.
    grain = gaussian_filter(rng.standard_normal(image.shape).astype(np.float32), 1.5 / spacing)
    grain = 1 + 0.15 * grain / (grain.std() + 1e-6)
    for f in findings:
        if f.type == "pneumothorax":
            side = right if f.laterality == "right" else left
            region, line = pneumothorax_mask(f, x, y, anatomy, side.astype(np.float32))
            smooth = gaussian_filter(out, 6.0 / spacing)
            soft = gaussian_filter(region, 1.0 / spacing)
            # No lung markings beyond the edge: the lung's texture gives way to the smooth, darker air.
            out = out * (1 - soft) + (smooth * rng.uniform(0.8, 0.92)) * soft
            out = _screen(out, line, rng.uniform(0.5, 0.9))
        elif f.type in ("endotracheal_tube", "central_line", "pacemaker"):
            out = _screen(out, device_layer(f, x, y), rng.uniform(1.0, 1.6))
        elif f.type == "pleural_effusion":
            # Fluid fills the costophrenic angle and hides the diaphragm, below where the dark lung
            # ends: the lung region grown by a centimetre. It is homogeneous: no grain.
            grown = gaussian_filter(binary_dilation(right | left, iterations=max(1, round(10 / spacing))).astype(np.float32), 3.0 / spacing)
            out = _screen(out, opacity_layer(f, x, y, spacing, rng, grown), rng.uniform(0.6, 1.0))
        else:
            layer = gaussian_filter(opacity_layer(f, x, y, spacing, rng, lungs), 1.0 / spacing)
            # Airspace disease is patchy; a nodule or mass is nearly homogeneous.
            texture = grain if f.type in ("consolidation", "atelectasis") else 1 + 0.2 * (grain - 1)
            out = _screen(out, layer * np.clip(texture, 0.5, 1.5), rng.uniform(0.35, 0.7))
    return np.clip(out, 0, 1)


def sample_types(rng):
    n = int(rng.choice(list(COUNT_P), p=list(COUNT_P.values())))
    weights = np.array([TYPE_WEIGHT[t] for t in COMPOSITED], dtype=float)
    types = list(rng.choice(COMPOSITED, size=n, replace=False, p=weights / weights.sum()))
    if "mass" in types and "nodule" in types:
        types.remove("nodule")
    return types


def film_geometry(image):
    """(right, left, spacing, anatomy, geometry) of a real film at the nominal film width, for the makers to place
    findings on; None where its lungs are not found."""
    masks = lung_masks(image)
    if masks is None:
        return None
    right, left = masks
    spacing = NOMINAL_FILM_MM / image.shape[1]
    anatomy = film_anatomy(right, left, spacing)
    return right, left, spacing, anatomy, FilmGeometry(anatomy, image.shape[0] * spacing, image.shape[1] * spacing, spacing, right, left)


def composite(image, rng):
    """(image, findings, anatomy, spacing) with 1-3 findings drawn into the film, or None where its lungs
    are not found. A maker that finds no place for its finding gives none: the types are drawn again."""
    found = film_geometry(image)
    if found is None:
        return None
    right, left, spacing, anatomy, geometry = found
    findings = []
    while not findings:
        findings = [f for f in (MAKERS[t](rng, anatomy, geometry) for t in sample_types(rng)) if f is not None]
    return draw(image, findings, anatomy, right, left, spacing, rng), findings, anatomy, spacing


def case_json(name, base, image_shape, spacing, findings, report, indication):
    rows, cols = image_shape
    return {
        "format": "lucent-cxr-case/2", "rows": rows, "columns": cols, "pixel_spacing_mm": None, "indication": indication,
        "findings": findings_json(findings, spacing, rows, cols),
        "labels": labels_of_findings(f.type for f in findings), "unmapped": [],
        "supervision": {"labels": True, "boxes": True, "report": True},
        "source": {
            "dataset": "NIH ChestX-ray14 film with Lucent composited findings", "name": name, "base": base, "nominal_spacing_mm": spacing,
        },
        "report": report_json(report),
    }


def normal_films(folder):
    """Names of the folder's films whose labels are all known negative, with nothing unmapped."""
    names = []
    for file in sorted(os.listdir(folder)):
        if file.endswith(".json"):
            with open(os.path.join(folder, file)) as f:
                truth = json.load(f)
            labels = truth.get("labels") or {}
            if labels and all(labels.get(t) == 0 for t in labels) and not truth.get("unmapped") and not truth.get("findings"):
                names.append(file[:-5])
    return names


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", required=True, help="a converted training split (convert.py nih): its No Finding films are the bases")
    ap.add_argument("--out", required=True)
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sheet", help="also write a contact sheet of the first composites with their boxes (PNG)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    bases = normal_films(args.cases)
    rng = np.random.default_rng(args.seed)
    written, skipped, sheet = 0, set(), []
    while written < args.count and len(skipped) < len(bases):
        base = bases[rng.integers(len(bases))]
        if base in skipped:
            continue
        image, _, _ = read_radiograph(os.path.join(args.cases, f"{base}.dcm"))
        made = composite(image, rng)
        if made is None:
            skipped.add(base)
            continue
        pixels, findings, _, spacing = made
        report, indication = write_report(findings, rng), write_indication(findings, rng)
        name = f"composite-{args.seed}-{written:05d}"
        write_pixels(np.round(pixels * 255).astype(np.uint8), os.path.join(args.out, f"{name}.dcm"), name,
                     {"labels": "composite on " + base}, {**NIH, "key": "nih-composite", "short": "NIHCOMP"})
        truth = case_json(name, base, pixels.shape, spacing, findings, report, indication)
        with open(os.path.join(args.out, f"{name}.json"), "w") as f:
            json.dump(truth, f, indent=1)
        if args.sheet and len(sheet) < 24:
            sheet.append((pixels, truth))
        written += 1
        if written % 200 == 0:
            print(f"{written}/{args.count} composites", flush=True)
    print(f"{written} composites on {len(bases) - len(skipped)} of {len(bases)} No Finding films (lungs not found on {len(skipped)})")
    if args.sheet:
        from contact_sheet import write_sheet

        write_sheet(args.sheet, sheet)


if __name__ == "__main__":
    main()
