"""Real films as other departments acquire and export them, for fitting and measuring the learned domain check.

  export_variants.py --pngs DIR --cases DIR --out DIR [--per-film 2] [--seed 1] [--only devices]

For each film of a converted split (--cases: convert.py's case folder, for its names and views) its
full-size NIH PNG (--pngs) is taken again the way another department's would be: devices and wires
drawn on it (an endotracheal tube, a central line, a pacemaker from the generator's makers; ECG leads
with their electrodes), processing (unsharp masking or edge enhancement, blur, noise), collimation
(dark or bright borders), rotation, an export size of 500-800 pixels, 8 bits or a JPEG round trip at
quality 40-95, and MONOCHROME1 storage. Each step has its own probability, so variants mix them; --only
devices draws devices and wires and nothing else (the "composites with lines" measuring set). The
variants are written as DICOM CR (real_films.write_pixels) with the film's view and no labels: they are
for the domain check only, never for the label head. Deterministic per seed and film.
"""
import argparse
import io
import os

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

import pydicom

from composite import _screen, film_geometry
from dicom_io import save
from drawing import device_layer
from findings import MAKERS
from real_films import find_files, write_pixels

DEVICES = ["endotracheal_tube", "central_line", "pacemaker"]


def draw_devices(image, rng):
    """The generator's tubes, lines and pacemakers drawn into a film (0..1) where its lungs are found; else unchanged."""
    found = film_geometry(image)
    if found is None:
        return image
    _, _, _, anatomy, geometry = found
    out = image
    types = [t for t in DEVICES if rng.random() < 0.5] or [str(rng.choice(DEVICES))]
    for t in types:
        f = MAKERS[t](rng, anatomy, geometry)
        if f is None:
            continue
        h, w = image.shape
        y, x = np.mgrid[0:h, 0:w].astype(np.float32)
        out = _screen(out, device_layer(f, x, y), rng.uniform(1.0, 1.6))
    return np.clip(out, 0, 1)


def draw_wires(image, rng):
    """ECG leads: a few smooth bright curves across the chest, each ending in an electrode disc."""
    h, w = image.shape
    pil = Image.fromarray((image * 255).astype(np.uint8))
    draw = ImageDraw.Draw(pil)
    for _ in range(int(rng.integers(2, 6))):
        start = np.array([rng.uniform(0.15, 0.85) * w, rng.uniform(0.2, 0.8) * h])
        end = np.array([rng.choice([rng.uniform(-0.1, 0.1), rng.uniform(0.9, 1.1)]) * w, rng.uniform(0, 1.1) * h])
        bend = (start + end) / 2 + rng.normal(0, 0.15, 2) * [w, h]
        t = np.linspace(0, 1, 60)[:, None]
        points = (1 - t) ** 2 * start + 2 * (1 - t) * t * bend + t ** 2 * end
        width = max(1, round(w * rng.uniform(0.002, 0.005)))
        shade = int(rng.uniform(170, 255))
        draw.line([tuple(p) for p in points], fill=shade, width=width)
        r = w * rng.uniform(0.012, 0.022)
        draw.ellipse([start[0] - r, start[1] - r, start[0] + r, start[1] + r], fill=shade)
    return np.asarray(pil, dtype=np.float32) / 255


def process(image, rng):
    """A department's processing: unsharp masking or edge enhancement, or blur; then noise."""
    pil = Image.fromarray((image * 255).astype(np.uint8))
    roll = rng.random()
    if roll < 0.45:
        pil = pil.filter(ImageFilter.UnsharpMask(radius=float(rng.uniform(2, 12)), percent=int(rng.uniform(60, 250)), threshold=0))
    elif roll < 0.6:
        pil = pil.filter(ImageFilter.EDGE_ENHANCE if rng.random() < 0.5 else ImageFilter.EDGE_ENHANCE_MORE)
    elif roll < 0.75:
        pil = pil.filter(ImageFilter.GaussianBlur(float(rng.uniform(0.8, 2.5))))
    out = np.asarray(pil, dtype=np.float32) / 255
    if rng.random() < 0.4:
        out = out + rng.normal(0, rng.uniform(0.005, 0.03), out.shape).astype(np.float32)
    return np.clip(out, 0, 1)


def collimate(image, rng):
    """Borders outside the collimated field: dark (cropped by the exposure) or bright (shuttered in processing)."""
    h, w = image.shape
    out = image.copy()
    value = 0.0 if rng.random() < 0.5 else 1.0
    top, bottom, left, right = (int(rng.uniform(0, 0.12) * n) for n in (h, h, w, w))
    out[:top] = value
    out[h - bottom:] = value
    out[:, :left] = value
    out[:, w - right:] = value
    return out


def rotate(image, rng):
    pil = Image.fromarray((image * 255).astype(np.uint8))
    fill = int(rng.choice([0, 255]))
    return np.asarray(pil.rotate(float(rng.uniform(-10, 10)), resample=Image.BILINEAR, fillcolor=fill), dtype=np.float32) / 255


def export(image, rng):
    """The exported pixels: 500-800 pixels on the longer side, then 8 bits or a JPEG round trip."""
    size = int(rng.uniform(500, 800))
    pil = Image.fromarray((image * 255).astype(np.uint8))
    scale = size / max(pil.size)
    pil = pil.resize((round(pil.size[0] * scale), round(pil.size[1] * scale)), Image.BOX if rng.random() < 0.5 else Image.BILINEAR)
    if rng.random() < 0.5:
        buffer = io.BytesIO()
        pil.save(buffer, format="JPEG", quality=int(rng.uniform(40, 95)))
        pil = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
    return np.asarray(pil, dtype=np.uint8)


def variant(image, rng, only_devices):
    if only_devices or rng.random() < 0.4:
        image = draw_devices(image, rng)
    if only_devices or rng.random() < 0.4:
        image = draw_wires(image, rng)
    if only_devices:
        return np.asarray((image * 255).round(), dtype=np.uint8)
    image = process(image, rng)
    if rng.random() < 0.3:
        image = collimate(image, rng)
    if rng.random() < 0.3:
        image = rotate(image, rng)
    return export(image, rng)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pngs", required=True, help="the full-size NIH PNGs (searched recursively)")
    ap.add_argument("--cases", required=True, help="a converted split (convert.py nih): whose films, and their views")
    ap.add_argument("--out", required=True)
    ap.add_argument("--per-film", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", choices=["devices"], help="devices and wires only, at the film's own size")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    pngs = find_files(args.pngs, (".png",))
    names = sorted(f[:-4] for f in os.listdir(args.cases) if f.endswith(".dcm"))
    if args.limit:
        names = names[: args.limit]
    written = 0
    for k, name in enumerate(names):
        if f"{name}.png" not in pngs:
            continue
        view = str(getattr(pydicom.dcmread(os.path.join(args.cases, f"{name}.dcm"), stop_before_pixels=True), "ViewPosition", ""))
        base = np.asarray(Image.open(pngs[f"{name}.png"]).convert("L"), dtype=np.float32) / 255
        for v in range(args.per_film):
            rng = np.random.default_rng([args.seed, k, v])
            pixels = variant(base, rng, args.only == "devices")
            path = os.path.join(args.out, f"{name}-v{v}.dcm")
            write_pixels(pixels, path, f"{name}-v{v}", {"view": view})
            if args.only is None and rng.random() < 0.2:
                # Stored MONOCHROME1: the same displayed film, inverted in the file.
                ds = pydicom.dcmread(path)
                ds.PhotometricInterpretation = "MONOCHROME1"
                ds.PixelData = (255 - pixels).astype(np.uint8).tobytes()
                save(ds, path)
            written += 1
        if (k + 1) % 100 == 0:
            print(f"{k + 1}/{len(names)} films")
    print(f"{written} variants written to {args.out}")


if __name__ == "__main__":
    main()
