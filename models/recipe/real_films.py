"""Real NIH ChestX-ray14 films (PNG) as 8-bit DICOM CR files the app and `npm run eval` read.

  real_films.py --csv nih-films.csv --images DIR --out DIR [--size 512] [--only NAME ...] [--limit N]

The PNGs come from public repositories (see ../shared/notes/real-chest-films.md and models/README.md):
NIH ChestX-ray14, free to use with attribution to the NIH Clinical Center (Wang et al., CVPR 2017).
Each file keeps the film's NIH name, view, age, sex and labels in its header (labels in the Study
Description), with NIH's attribution; no other identifier exists. Pixel spacing is not known at this
size and is left out. Needs Debian's python3-pil (apt-get install python3-pil).
"""
import argparse
import csv
import os

import numpy as np
from PIL import Image

from dicom_io import base_dataset, save

ATTRIBUTION = "NIH ChestX-ray14 (NIH Clinical Center; Wang et al., CVPR 2017)"


def find_files(root, suffixes):
    """Every file under root whose name ends with one of the suffixes, by file name (the first found wins)."""
    found = {}
    for folder, _, files in os.walk(root):
        for name in files:
            if name.lower().endswith(suffixes):
                found.setdefault(name, os.path.join(folder, name))
    return found


def greyscale(path, size):
    """An image file as 8-bit greyscale, area-averaged down so its longer side is at most size (0: as it is); and the scale."""
    image = Image.open(path).convert("L")
    scale = 1.0
    if size and max(image.size) > size:
        scale = size / max(image.size)
        image = image.resize((round(image.size[0] * scale), round(image.size[1] * scale)), Image.BOX)
    return np.asarray(image, dtype=np.uint8), scale


NIH = {
    "key": "nih", "short": "NIH", "title": "NIH ChestX-ray14", "attribution": ATTRIBUTION,
    "institution": "NIH Clinical Center (public data set)",
}


def write_pixels(pixels, path, name, meta, source=NIH):
    """8-bit greyscale pixels as a DICOM CR file. meta: view, sex, age, labels (any may be empty);
    source: key, short, title, attribution, institution of the data set, written into the header."""
    patient = {
        "name": f"{source['short']}^{name}"[:64],
        "id": name.split("_")[0][:64],
        "sex": str(meta.get("sex", ""))[:1],
        "study_description": f"{source['title']} {name}: {meta.get('labels', '')}"[:64],
    }
    ds = base_dataset("1.2.840.10008.5.1.4.1.1.1", f"{source['key']}-{name}", "film", 1, "CR", patient)
    ds.Manufacturer = source["attribution"][:64]
    ds.InstitutionName = source["institution"][:64]
    age = str(meta.get("age", "")).strip()
    ds.PatientAge = f"{int(age):03d}Y" if age.isdigit() else ""
    ds.SeriesNumber = 1
    ds.SeriesDescription = f"Chest {meta.get('view', '')}".strip()
    ds.BodyPartExamined = "CHEST"
    ds.ViewPosition = meta.get("view", "")
    ds.ImageType = ["DERIVED", "SECONDARY"]
    ds.ImageComments = f"{source['attribution']}; {source['short']} labels: {meta.get('labels', '')}"
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.SamplesPerPixel = 1
    ds.BitsAllocated = 8
    ds.BitsStored = 8
    ds.HighBit = 7
    ds.PixelRepresentation = 0
    ds.Rows, ds.Columns = pixels.shape
    ds.PixelData = pixels.tobytes()
    save(ds, path)


def write_film(row, png_path, out_dir, size):
    name = row["image"][:-4]
    pixels, _ = greyscale(png_path, size)
    path = os.path.join(out_dir, f"{name}.dcm")
    meta = {"view": row.get("view", ""), "sex": row.get("sex", ""), "age": row.get("age", ""), "labels": row.get("nih_labels", "")}
    write_pixels(pixels, path, name, meta)
    return path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", required=True)
    ap.add_argument("--images", required=True, help="a folder holding the PNGs (searched recursively)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--size", type=int, default=512, help="longer side after an area-average downsize (0: keep 1024)")
    ap.add_argument("--only", nargs="*", help="these film names only (e.g. 00000001_000)")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    pngs = find_files(args.images, (".png",))
    with open(args.csv, newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["image"] in pngs]
    if args.only:
        rows = [r for r in rows if r["image"][:-4] in set(args.only)]
    if args.limit:
        rows = rows[: args.limit]
    for k, row in enumerate(rows):
        write_film(row, pngs[row["image"]], args.out, args.size)
        if (k + 1) % 100 == 0:
            print(f"{k + 1}/{len(rows)} films")
    print(f"{len(rows)} films written to {args.out}")


if __name__ == "__main__":
    main()
