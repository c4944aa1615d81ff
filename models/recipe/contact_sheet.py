"""A contact sheet of films with their boxes drawn and labelled (models/README.md shows them):
composites (composite.py --sheet) and real films with radiologists' boxes (this file's CLI).

  contact_sheet.py --cases ../.work/nih-train --out sheet.png [--count 12]   (the films that have boxes)
"""
import argparse
import json
import os

import numpy as np
from PIL import Image, ImageDraw

TILE = 256
COLOURS = {"nodule": "#ffd000", "mass": "#ff8000", "pleural_effusion": "#00c0ff", "pneumothorax": "#ff40ff", "consolidation": "#60ff60",
           "airspace_opacity": "#60ff60", "atelectasis": "#a0ffa0", "cardiomegaly": "#ff6060", "endotracheal_tube": "#ffffff",
           "central_line": "#c0c0ff", "pacemaker": "#ff0000", "pulmonary_edema": "#80ffff"}


def tile(pixels, truth, caption):
    """One film (0..1 displayed pixels) at TILE pixels with its findings' boxes and a caption."""
    h, w = pixels.shape
    scale = TILE / max(h, w)
    image = Image.fromarray(np.round(pixels * 255).astype(np.uint8)).resize((round(w * scale), round(h * scale)), Image.BOX).convert("RGB")
    canvas = Image.new("RGB", (TILE, TILE + 14))
    canvas.paste(image, (0, 0))
    draw = ImageDraw.Draw(canvas)
    for f in truth["findings"]:
        for box in f["boxes"]:
            draw.rectangle([v * scale for v in box], outline=COLOURS.get(f["type"], "#ffffff"), width=2)
    draw.text((3, TILE + 1), caption[:44], fill="#ffffff")
    return np.asarray(canvas)


def write_sheet(path, films, columns=6):
    """films: [(pixels 0..1, truth JSON)]; the caption names the findings."""
    tiles = [tile(p, t, ", ".join(sorted({f["type"].replace("_", " ") for f in t["findings"]})) or "no finding") for p, t in films]
    while len(tiles) % columns:
        tiles.append(np.zeros_like(tiles[0]))
    rows = [np.concatenate(tiles[i: i + columns], axis=1) for i in range(0, len(tiles), columns)]
    Image.fromarray(np.concatenate(rows, axis=0)).save(path)


def main():
    from dicom_io import read_radiograph

    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--count", type=int, default=12)
    args = ap.parse_args()
    films = []
    for file in sorted(os.listdir(args.cases)):
        if file.endswith(".json") and len(films) < args.count:
            with open(os.path.join(args.cases, file)) as f:
                truth = json.load(f)
            if truth["findings"]:
                films.append((read_radiograph(os.path.join(args.cases, file[:-5] + ".dcm"))[0], truth))
    write_sheet(args.out, films)


if __name__ == "__main__":
    main()
