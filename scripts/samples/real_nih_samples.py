"""Bundled real-film samples from converted NIH ChestX-ray14 cases (models/recipe/convert.py nih, with
NIH's own box table only: RSNA's boxes may not be redistributed).

  /usr/bin/python3 scripts/samples/real_nih_samples.py CASE_DIR OUT_DIR NAME=SAMPLE_ID ...

Each NAME.dcm + NAME.json becomes OUT_DIR/SAMPLE_ID/IMG0001.dcm + IMG0001.json. The study description
and image comments drop the NIH labels (teaching mode asks a resident to read the film first; the
labels and boxes are in the JSON), and the view's patient orientation is stated (PA: rows towards the
patient's left, columns towards the feet; AP: towards the right).
"""
import os
import shutil
import sys

import pydicom

ORIENTATION = {"PA": ["L", "F"], "AP": ["R", "F"]}


def write_sample(case_dir, name, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    ds = pydicom.dcmread(os.path.join(case_dir, f"{name}.dcm"))
    ds.StudyDescription = f"NIH ChestX-ray14 {name}"
    ds.ImageComments = "NIH ChestX-ray14 (NIH Clinical Center); its NIH labels and boxes are in IMG0001.json"
    if ds.get("ViewPosition") in ORIENTATION:
        ds.PatientOrientation = ORIENTATION[ds.ViewPosition]
    ds.save_as(os.path.join(out_dir, "IMG0001.dcm"), write_like_original=False)
    shutil.copy(os.path.join(case_dir, f"{name}.json"), os.path.join(out_dir, "IMG0001.json"))


def main():
    case_dir, out = sys.argv[1], sys.argv[2]
    for pair in sys.argv[3:]:
        name, sample = pair.split("=")
        write_sample(case_dir, name, os.path.join(out, sample))
        print(f"{name} -> {os.path.join(out, sample)}")


if __name__ == "__main__":
    main()
