"""NIH ChestX-ray14's own table layout for the NIH films reachable here, split by patient.

  nih_tables.py --films ../../../shared/data/real-chest-films/nih-films.csv --out DIR [--rsna]

The pool of NIH films reachable here is listed one row per film in `nih-films.csv` (labels and
NIH boxes copied from NIH's tables). This writes them back in the layout NIH publishes, so that
`convert.py nih` reads them as it reads the real Data_Entry_2017.csv and BBox_List_2017.csv:
  DIR/Data_Entry_{train,validation,test}.csv   one per split, by patient: the patient number (the
                                              first 8 digits of the name) mod 5 = 0 is test,
                                              1 validation, the rest training
  DIR/BBox_List.csv                           NIH's own boxes (RSNA's are not NIH's and stay out)
  DIR/BBox_List_RSNA.csv                      with --rsna: the RSNA Pneumonia Detection Challenge's
                                              radiologists' "Lung Opacity" boxes on these films, in the
                                              same layout (RSNA's terms allow training and evaluation
                                              with them, not redistribution: this file stays out of
                                              the repository, as the films do)
"""
import argparse
import csv
import json
import os

SPLITS = {0: "test", 1: "validation"}


def split_of(image_name):
    return SPLITS.get(int(image_name[:8]) % 5, "train")


def write_rsna_boxes(films, path):
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["Image Index", "Finding Label", "Bbox [x", "y", "w", "h]"])
        for film in films:
            for x, y, w, h in json.loads(film["rsna_opacity_xywh"] or "[]"):
                writer.writerow([film["image"], "Lung Opacity", x, y, w, h])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--films", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--rsna", action="store_true", help="also write the RSNA opacity boxes (BBox_List_RSNA.csv)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    with open(args.films, newline="") as f:
        films = list(csv.DictReader(f))
    columns = ["Image Index", "Finding Labels", "Follow-up #", "Patient ID", "Patient Age", "Patient Gender", "View Position"]
    writers, files = {}, []
    for split in ("train", "validation", "test"):
        f = open(os.path.join(args.out, f"Data_Entry_{split}.csv"), "w", newline="")
        files.append(f)
        writers[split] = csv.writer(f)
        writers[split].writerow(columns)
    with open(os.path.join(args.out, "BBox_List.csv"), "w", newline="") as boxes:
        box_writer = csv.writer(boxes)
        box_writer.writerow(["Image Index", "Finding Label", "Bbox [x", "y", "w", "h]"])
        for film in films:
            name = film["image"]
            patient, follow_up = name[:8], name[9:12]
            writers[split_of(name)].writerow(
                [name, film["nih_labels"], int(follow_up), int(patient), film["age"], film["sex"], film["view"]]
            )
            for label, x, y, w, h in json.loads(film["nih_bbox_xywh"] or "[]"):
                box_writer.writerow([name, label, x, y, w, h])
    for f in files:
        f.close()
    if args.rsna:
        write_rsna_boxes(films, os.path.join(args.out, "BBox_List_RSNA.csv"))
    counts = {s: sum(split_of(r["image"]) == s for r in films) for s in ("train", "validation", "test")}
    print(f"{len(films)} films: " + ", ".join(f"{n} {s}" for s, n in counts.items()))


if __name__ == "__main__":
    main()
