"""Pacemakers as they look on real films, drawn onto real NIH films: the device check set.

  real_devices.py --pngs DIR --cases DIR --out DIR [--count N] [--seed 1] [--sheet FILE]

The generator's pacemaker (drawing.py) is a hard-edged rectangle with one straight lead. A real one
(the bundled NIH cardiomegaly sample has one, and the model drafts it as "a 5.8 cm mass") is a
rounded titanium can, 40-55 mm, tilted, denser where its battery lies, with a translucent header
holding the lead connectors, and one or two leads that loop beside the can and run through the
subclavian vein and the superior vena cava into the right atrium or the right ventricle's apex. This
draws that, in the film's own pixels (placed by the lungs film_lungs.py finds, else by the film's
proportions), on films of a converted split, and writes each as a case whose labels say pacemaker
present and nothing else known, with the can's box: what the app must name a pacemaker, and never a
mass or a nodule. Not yet used in training.

Measured with model 0.8.0 on 100 validation films (seed 1): a pacemaker drafted on 83, a mass or a
nodule on 7. On the one real pacemaker at hand (the bundled NIH cardiomegaly sample) its label head
gives a pacemaker 0.00006 and it drafts a mass: these drawings are still easier than a real can (too
bright and too regular), so a model that reads them is not yet shown to read real devices.
"""
import argparse
import json
import os

import numpy as np
import pydicom
from PIL import Image, ImageDraw
from scipy.interpolate import splev, splprep

from drawing import _polyline
from film_lungs import lung_masks
from real_films import find_files, write_pixels


def _through(points, n=160):
    """A smooth path through the points (an interpolating spline), n samples."""
    p = np.asarray(points, dtype=np.float64)
    tck, _ = splprep([p[:, 0], p[:, 1]], s=0, k=min(3, len(p) - 1))
    return np.stack(splev(np.linspace(0, 1, n), tck), axis=1)


def _path_layer(h, w, path, width):
    """Soft line of the given width (pixels) along a sampled path: the generator's lines, in the film's pixels."""
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    return _polyline(x, y, path, width).astype(np.float32)


def where(image):
    """Film landmarks in pixels: the patient's left infraclavicular point, the SVC, the right atrium and RV apex."""
    h, w = image.shape
    masks = lung_masks(image)
    if masks is not None:
        right, left = masks
        rows = np.flatnonzero((right | left).any(axis=1))
        l_cols, r_cols = np.flatnonzero(left.any(axis=0)), np.flatnonzero(right.any(axis=0))
        top, bottom = rows.min(), rows.max()
        mid = (r_cols.max() + l_cols.min()) / 2
        lx0, lx1 = l_cols.min(), l_cols.max()
    else:
        top, bottom, mid, lx0, lx1 = 0.15 * h, 0.75 * h, 0.5 * w, 0.55 * w, 0.85 * w
    height = bottom - top
    return {
        "pocket": (lx0 + 0.55 * (lx1 - lx0), top + 0.12 * height),
        "subclavian": (lx0 + 0.2 * (lx1 - lx0), top + 0.1 * height),
        "svc": (mid - 0.01 * w, top + 0.32 * height),
        "atrium": (mid - 0.04 * w, top + 0.62 * height),
        "apex": (mid + 0.12 * w, top + 0.85 * height),
    }


def pacemaker(image, rng):
    """(film with a pacemaker drawn in, the can's box [x0, y0, x1, y1] in pixels)."""
    h, w = image.shape
    at = where(image)
    if rng.random() < 0.15:  # a right-sided pocket: mirror the landmarks about the image's centre line
        at = {k: (w - x, y) for k, (x, y) in at.items()}
    cx, cy = at["pocket"][0] + rng.normal(0, 0.02 * w), at["pocket"][1] + rng.normal(0, 0.02 * h)
    half_w, half_h = w * rng.uniform(0.045, 0.065), w * rng.uniform(0.04, 0.055)
    angle = np.deg2rad(rng.uniform(-35, 35))
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    u = ((x - cx) * np.cos(angle) + (y - cy) * np.sin(angle)) / half_w
    v = (-(x - cx) * np.sin(angle) + (y - cy) * np.cos(angle)) / half_h
    r = np.abs(u) ** 4 + np.abs(v) ** 4  # a superellipse: the can's rounded corners
    can = np.clip((1 - r) * 12, 0, 1)
    battery = np.clip((1 - (np.abs(u + 0.35) ** 4 / 0.3 + np.abs(v) ** 4 / 0.6)) * 8, 0, 1)
    specks = (rng.random((h, w)) < 0.004) & (u > 0.1) & (r < 0.7)
    header = np.clip((1 - (np.abs(u) ** 4 / 0.5 + np.abs((v + 1.25) / 0.3) ** 4)) * 8, 0, 1)
    pins = _path_layer(h, w, np.array([[cx - 0.2 * half_w, cy - 1.2 * half_h], [cx + 0.2 * half_w, cy - 1.2 * half_h]]), 1.5)
    # Titanium over a denser battery and circuit specks: bright, not burnt out, so its inside shows.
    attenuation = 1.1 * can + 0.6 * battery * can + 0.5 * specks * can + 0.25 * header + 1.0 * pins * header
    lead_width = max(1.0, w * rng.uniform(0.0015, 0.0025))
    ends = [at["apex"]] + ([at["atrium"]] if rng.random() < 0.6 else [])
    for k, end in enumerate(ends):
        start = (cx + (k - 0.5) * 0.2 * half_w, cy - 1.3 * half_h)
        loop = (cx + rng.uniform(-1.8, 1.8) * half_w, cy + rng.uniform(1.2, 2.0) * half_h)
        path = _through([start, loop, at["subclavian"], at["svc"], end])
        attenuation += rng.uniform(0.8, 1.1) * _path_layer(h, w, path, lead_width)
    out = 1 - (1 - image) * np.exp(-rng.uniform(1.0, 1.5) * attenuation)
    xs, ys = np.nonzero((can > 0.2).T)
    return np.clip(out, 0, 1), [float(xs.min()), float(ys.min()), float(xs.max() + 1), float(ys.max() + 1)]


def case_json(shape, box, name, base):
    """A pacemaker present, its box; nothing else known (the base film's own labels are not restated)."""
    return {
        "format": "lucent-cxr-case/2", "rows": shape[0], "columns": shape[1], "pixel_spacing_mm": None, "indication": "",
        "findings": [{"type": "pacemaker", "laterality": "none", "boxes": [box]}],
        "labels": {"pacemaker": 1}, "unmapped": [], "supervision": {"labels": True, "boxes": True, "report": False},
        "source": {"dataset": "NIH ChestX-ray14 film with a pacemaker drawn on (real_devices.py)", "name": name, "base": base},
        "report": None,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pngs", required=True)
    ap.add_argument("--cases", required=True, help="a converted split: whose films (its views kept)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--size", type=int, default=512, help="longer side of the written film (area-averaged)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sheet", help="a contact sheet of the first 12, boxes drawn (PNG)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    pngs = find_files(args.pngs, (".png",))
    names = [n for n in sorted(f[:-4] for f in os.listdir(args.cases) if f.endswith(".dcm")) if f"{n}.png" in pngs]
    picked = np.random.default_rng(args.seed).permutation(len(names))[: args.count]
    tiles = []
    for k, i in enumerate(sorted(picked)):
        rng = np.random.default_rng([args.seed, int(i)])
        base = np.asarray(Image.open(pngs[f"{names[i]}.png"]).convert("L"), dtype=np.float32) / 255
        film, box = pacemaker(base, rng)
        scale = args.size / max(film.shape)
        small = Image.fromarray((film * 255).round().astype(np.uint8)).resize(
            (round(film.shape[1] * scale), round(film.shape[0] * scale)), Image.BOX)
        pixels = np.asarray(small, dtype=np.uint8)
        box = [round(c * scale, 1) for c in box]
        name = f"{names[i]}-pacemaker"
        view = str(getattr(pydicom.dcmread(os.path.join(args.cases, f"{names[i]}.dcm"), stop_before_pixels=True), "ViewPosition", ""))
        write_pixels(pixels, os.path.join(args.out, f"{name}.dcm"), name, {"view": view, "labels": "pacemaker drawn on"})
        with open(os.path.join(args.out, f"{name}.json"), "w") as f:
            json.dump(case_json(pixels.shape, box, name, names[i]), f, indent=1)
        if args.sheet and len(tiles) < 12:
            tile = Image.fromarray(pixels).convert("RGB")
            ImageDraw.Draw(tile).rectangle(box, outline=(255, 80, 0), width=2)
            tiles.append(np.asarray(tile.resize((256, 256))))
    if args.sheet and tiles:
        while len(tiles) % 4:
            tiles.append(np.zeros_like(tiles[0]))
        rows = [np.concatenate(tiles[r:r + 4], 1) for r in range(0, len(tiles), 4)]
        Image.fromarray(np.concatenate(rows, 0)).save(args.sheet)
    print(f"{len(picked)} films with a pacemaker written to {args.out}")


if __name__ == "__main__":
    main()
