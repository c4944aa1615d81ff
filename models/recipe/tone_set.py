"""A held-out tone set: the same cases, their films processed as other departments' are.

  tone_set.py --cases HELDOUT_DIR --out DIR [--kind combined|gamma|contrast]

Each case (NAME.dcm + NAME.json, as `generate.py cases` writes them) is copied with its film's
displayed pixels changed, deterministically from the case's name and the kind:
  gamma     a tone curve x ** g, g in 0.5-0.75 or 1.33-2.0 (log-uniform, never close to 1)
  contrast  contrast 0.6-1.4 about mid-grey and offset +-0.1 of the range
  combined  both, then blur (sigma 0.5-1.5 px) or an unsharp mask (amount 0.5-1.5), and detector
            noise (sd 0.005-0.02): what the model card calls "tone-changed"
The header, the boxes and the report stay as they are, so `evaluate.py --cases DIR` and
`npm run eval -- --cases DIR` score the tone-changed films against the same truth.
"""
import argparse
import glob
import os
import shutil
import zlib

import numpy as np
import pydicom
from scipy import ndimage

from dicom_io import read_radiograph, stored_values


def tone_changed(image, kind, rng):
    x = image
    if kind in ("gamma", "combined"):
        g = np.exp(rng.uniform(np.log(1.33), np.log(2.0))) ** (1 if rng.random() < 0.5 else -1)
        x = x ** g
    if kind in ("contrast", "combined"):
        x = (x - 0.5) * rng.uniform(0.6, 1.4) + 0.5 + rng.uniform(-0.1, 0.1)
    if kind == "combined":
        if rng.random() < 0.5:
            x = ndimage.gaussian_filter(x, rng.uniform(0.5, 1.5))
        else:
            x = x + rng.uniform(0.5, 1.5) * (x - ndimage.gaussian_filter(x, rng.uniform(1.0, 3.0)))
        x = x + rng.normal(0, rng.uniform(0.005, 0.02), size=x.shape)
    return np.clip(x, 0, 1)


def write_tone_changed(dcm_path, out_path, kind):
    image, _, ds = read_radiograph(dcm_path)
    name = os.path.basename(dcm_path)[:-4]
    rng = np.random.default_rng([zlib.crc32(name.encode()), zlib.crc32(kind.encode())])
    stored = stored_values(tone_changed(image, kind, rng), ds.PhotometricInterpretation == "MONOCHROME1")
    # Generated cases store 12 bits shown through window 2048 / 4096 (dicom_io.write_radiograph).
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
    ds.RescaleSlope, ds.RescaleIntercept = 1, 0
    ds.WindowCenter, ds.WindowWidth = 2048, 4096
    ds.PixelData = stored.astype(np.uint16).tobytes()
    ds.file_meta.TransferSyntaxUID = pydicom.uid.ExplicitVRLittleEndian
    ds.save_as(out_path, write_like_original=False)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--kind", choices=["combined", "gamma", "contrast"], default="combined")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    paths = sorted(glob.glob(os.path.join(args.cases, "*.dcm")))
    for k, dcm in enumerate(paths[: args.limit or None], 1):
        name = os.path.basename(dcm)[:-4]
        write_tone_changed(dcm, os.path.join(args.out, name + ".dcm"), args.kind)
        shutil.copyfile(dcm[:-4] + ".json", os.path.join(args.out, name + ".json"))
        if k % 100 == 0:
            print(f"{k} cases", flush=True)


if __name__ == "__main__":
    main()
