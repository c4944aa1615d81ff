"""Other hospitals' chest films (images + metadata.csv, COVID-19 collections) as DICOM, for measuring only.

  outside_films.py --images DIR --metadata CSV --out DIR --source actualmed|figure1 [--size 0]

The Actualmed and Figure 1 COVID-19 collections (agchung/Actualmed-COVID-chestxray-dataset,
agchung/Figure1-COVID-chestxray-dataset on GitHub; ../shared/notes/real-chest-films.md) state no
licence and say "research purposes only": they are never trained on and never committed; they
measure whether the app takes in another department's films (the domain check's refusals, and what
the drafts say). Each image present becomes an 8-bit DICOM CR file at its own size (--size: longer
side at most, area-averaged), with the view the metadata gives (AP erect and AP supine are AP; an
image whose view is not stated is written without one, as an export might be), the age where stated,
and the collection's finding in the study description.
"""
import argparse
import csv
import json
import os

from real_films import greyscale, write_pixels

SOURCES = {
    "actualmed": {
        "key": "actualmed", "short": "Actualmed", "title": "Actualmed COVID-19", "encoding": "utf-8", "name_column": "imagename",
        "attribution": "Actualmed COVID-19 chest X-ray data set (evaluation only)", "institution": "Actualmed (public data set)",
    },
    "figure1": {
        "key": "figure1", "short": "Figure1", "title": "Figure 1 COVID-19", "encoding": "latin-1", "name_column": None,
        "attribution": "Figure 1 COVID-19 chest X-ray data set (evaluation only)", "institution": "Figure 1 (public data set)",
    },
}


def view_of(text):
    """The metadata's view as DICOM View Position: PA, AP (erect, supine), LL for a lateral, '' when not stated."""
    t = text.strip().upper()
    if t.startswith("PA"):
        return "PA"
    if t.startswith("AP"):
        return "AP"
    if t.startswith("L"):
        return "LL"
    return ""


def rows_by_image(metadata, source, images):
    """(image file, metadata row) for each image present. Figure 1 names files by patient id with a letter per image."""
    with open(metadata, newline="", encoding=source["encoding"]) as f:
        rows = list(csv.DictReader(f))
    if source["name_column"]:
        by_name = {r[source["name_column"]]: r for r in rows}
        return [(name, by_name[name]) for name in sorted(images) if name in by_name]
    by_patient = {r["patientid"]: r for r in rows}
    pairs = []
    for name in sorted(images):
        stem = os.path.splitext(name)[0]
        row = by_patient.get(stem) or by_patient.get(stem.rstrip("abcdefgh"))
        if row:
            pairs.append((name, row))
    return pairs


def case_json(shape, row, image, source):
    """The case file `npm run eval -- --labels` reads: only what the collection states, as the label "abnormal"
    (COVID-19 or pneumonia: abnormal; "No finding": not; else unknown). No finding type is stated."""
    finding = row.get("finding", "").strip().lower()
    labels = {"abnormal": 1} if finding in ("covid-19", "pneumonia") else {"abnormal": 0} if finding == "no finding" else {}
    return {
        "format": "lucent-cxr-case/2", "rows": shape[0], "columns": shape[1], "pixel_spacing_mm": None, "indication": "",
        "findings": [], "labels": labels, "unmapped": [], "supervision": {"labels": True, "boxes": False, "report": False},
        "source": {"dataset": source["title"], "name": image}, "report": None,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--images", required=True)
    ap.add_argument("--metadata", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--source", required=True, choices=sorted(SOURCES))
    ap.add_argument("--size", type=int, default=0, help="longer side at most, area-averaged (0: as it is)")
    args = ap.parse_args()
    source = SOURCES[args.source]
    os.makedirs(args.out, exist_ok=True)
    images = [f for f in os.listdir(args.images) if f.lower().endswith((".png", ".jpg", ".jpeg"))]
    pairs = rows_by_image(args.metadata, source, images)
    for k, (image, row) in enumerate(pairs):
        pixels, _ = greyscale(os.path.join(args.images, image), args.size)
        name = f"{args.source}-{k:03d}"
        meta = {"view": view_of(row.get("view", "")), "sex": row.get("sex", ""), "age": row.get("age", ""),
                "labels": row.get("finding", "")}
        write_pixels(pixels, os.path.join(args.out, f"{name}.dcm"), name, meta, source=source)
        with open(os.path.join(args.out, f"{name}.json"), "w") as f:
            json.dump(case_json(pixels.shape, row, image, source), f, indent=1)
    print(f"{len(pairs)} of {len(images)} images written to {args.out} (the others have no metadata row)")


if __name__ == "__main__":
    main()
