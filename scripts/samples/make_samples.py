#!/usr/bin/python3
"""Write Lucent's synthetic sample studies as DICOM Part 10 files.

No real patient data: every pixel is computed from a fixed seed, so the
output is identical on every run. Three studies are written:

  chest-dx/   frontal chest radiograph, DX, 16-bit, MONOCHROME2, with findings (+ ground-truth .json)
  chest-cr/   a chest radiograph as CR, MONOCHROME1 (inverted photometry), with findings (+ .json)
  chest-pair/ a prior and a follow-up chest radiograph of one patient (PRIOR, CURRENT: .dcm + .json)
              and what changed between them (PAIR.pair.json, models/recipe/pairs.py)
  ct-chest/   120-slice 512x512 chest CT in HU with rescale slope/intercept
              (written uncompressed here; make-samples.sh compresses it to
              JPEG-LS lossless with dcmtk)
  mr-brain/   24-slice 256x256 T1-like brain MR

Usage: make_samples.py OUT_DIR
"""
import datetime
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "models", "recipe"))

from dicom_io import base_dataset, save, uid  # noqa: E402
from pairs import make_pair, write_pair  # noqa: E402
from synth import make_case, write_case  # noqa: E402


def set_pixels(ds, pixels, signed=False):
    assert pixels.ndim == 2
    ds.Rows, ds.Columns = pixels.shape
    ds.SamplesPerPixel = 1
    ds.BitsAllocated = 16
    ds.BitsStored = 16
    ds.HighBit = 15
    ds.PixelRepresentation = 1 if signed else 0
    dtype = np.int16 if signed else np.uint16
    ds.PixelData = pixels.astype(dtype).tobytes()


# ---------------------------------------------------------------- radiographs
# The chest samples are cases of the model recipe's generator (models/recipe/synth.py),
# with chosen findings; each .dcm has its ground truth beside it as .json.

def write_chest(out_dir, folder, seed, forced, monochrome1, patient):
    case = make_case(seed, forced=forced, spacing=0.25)
    case.monochrome1 = monochrome1
    write_case(case, os.path.join(out_dir, folder), "IMG0001", patient=patient, uid=folder)


def write_chest_pair(out_dir, folder, seed, plan, patient, accessions):
    """A follow-up pair (models/recipe/pairs.py) at the chest samples' 0.25 mm, both films MONOCHROME2."""
    pair = make_pair(seed, plan=plan, spacing=0.25)
    pair.prior.monochrome1 = pair.current.monochrome1 = False
    write_pair(pair, os.path.join(out_dir, folder), "PRIOR", "CURRENT", "PAIR", patient=patient,
               accessions=accessions, uid_keys=(f"{folder}-prior", f"{folder}-current"))


# ------------------------------------------------------------------------- CT

def ellipse(xx, yy, cx, cy, rx, ry):
    return ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1.0


def smooth_noise(rng, shape, scale):
    """Band-limited noise (for lung parenchyma and soft-tissue texture)."""
    from scipy.ndimage import gaussian_filter

    return gaussian_filter(rng.standard_normal(shape), scale) * scale * 2.2


def ct_slice(z, n_slices, rng, size=512):
    """One axial slice of a chest phantom in HU; z runs 0 (apex) .. 1 (upper abdomen)."""
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    c = size / 2
    hu = np.full((size, size), -1000.0, dtype=np.float32)  # air
    # Patient table under the body
    hu[int(c + 175):int(c + 185), 40:472] = 200
    body_rx, body_ry = 205 - 15 * (z - 0.5) ** 2, 140 + 8 * z
    body = ellipse(xx, yy, c, c + 10, body_rx, body_ry)
    hu[body] = -100  # subcutaneous fat
    muscle = ellipse(xx, yy, c, c + 10, body_rx - 14, body_ry - 12)
    hu[muscle] = 45
    # Lungs shrink towards the diaphragm; the liver rises on the right
    lung_scale = np.clip(1.15 - 0.9 * max(z - 0.55, 0) / 0.45, 0.05, 1.0) * (0.75 + 0.25 * np.sin(np.pi * min(z * 1.6, 1)))
    for side in (-1, 1):
        lx = c + side * 88
        lung = ellipse(xx, yy, lx, c + 5, 70 * lung_scale + 5, 105 * lung_scale + 5)
        hu[lung & muscle] = -860
    lungs = hu == -860
    texture = smooth_noise(rng, (size, size), 1.5) * 25
    vessels = (smooth_noise(rng, (size, size), 2.0) > 1.1) & lungs
    hu[lungs] += texture[lungs]
    hu[vessels] = 40
    # Mediastinum: heart in the lower half of the chest, aorta and spine throughout
    if 0.35 < z < 0.85:
        heart_r = 62 * np.sin(np.pi * (z - 0.35) / 0.5)
        heart = ellipse(xx, yy, c + 22, c - 10, heart_r * 1.2, heart_r)
        hu[heart] = 40
        hu[ellipse(xx, yy, c + 35, c - 5, heart_r * 0.55, heart_r * 0.45)] = 180  # contrast-filled ventricle
    hu[ellipse(xx, yy, c + 18, c + 62, 14, 14)] = 200  # descending aorta (contrast)
    if z < 0.35:
        hu[ellipse(xx, yy, c - 6, c - 40, 16, 16)] = 190  # ascending aorta / arch
        hu[ellipse(xx, yy, c - 2, c - 78, 9, 8)] = -950  # trachea
    if z > 0.7:
        liver = ellipse(xx, yy, c - 60, c + 15, 115, 100) & muscle & ~lungs
        hu[liver] = 60 + texture[liver] * 0.3
    # Spine: vertebral body + posterior elements, cortical rim
    vb = ellipse(xx, yy, c, c + 95, 26, 22)
    hu[vb] = 350
    hu[vb & ~ellipse(xx, yy, c, c + 95, 21, 17)] = 900
    hu[ellipse(xx, yy, c, c + 128, 7, 12)] = 700
    hu[ellipse(xx, yy, c, c + 123, 9, 9)] = 10  # spinal canal
    # Ribs: small bony ovals along the chest wall, present on most levels
    phase = (z * n_slices / 12.0) % 1.0
    if phase < 0.6:
        for angle in np.linspace(-2.5, 2.5, 10):
            rx_ = c + np.sin(angle) * (body_rx - 22)
            ry_ = c + 10 - np.cos(angle) * (body_ry - 20) * np.sign(np.cos(angle))
            hu[ellipse(xx, yy, rx_, ry_, 6, 5)] = 800
    # Sternum anteriorly
    hu[ellipse(xx, yy, c, c + 10 - body_ry + 20, 14, 7)] = 600
    # A 12 mm nodule in the right upper lobe, visible on a few slices (something to find)
    if abs(z - 0.3) < 0.035:
        r = 6 * np.sqrt(max(0.0, 1 - ((z - 0.3) / 0.035) ** 2)) / 0.7
        hu[ellipse(xx, yy, c - 105, c - 30, r, r)] = 30
    # Quantum noise inside the patient only, so the air compresses to almost nothing.
    hu += rng.normal(0, 8, size=(size, size)).astype(np.float32) * body
    return np.clip(hu, -1024, 3071)


def write_ct(out_dir, patient):
    rng = np.random.default_rng(20261124 + 3)
    n = 120
    thickness = 2.5
    for i in range(n):
        z = i / (n - 1)
        hu = ct_slice(z, n, rng)
        ds = base_dataset("1.2.840.10008.5.1.4.1.1.2", "ct", "axial", i + 1, "CT", patient)
        ds.SeriesNumber = 2
        ds.SeriesDescription = "Chest 2.5mm"
        ds.BodyPartExamined = "CHEST"
        ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
        ds.PatientPosition = "HFS"
        ds.PhotometricInterpretation = "MONOCHROME2"
        ds.PixelSpacing = [0.72, 0.72]
        ds.SliceThickness = thickness
        ds.SpacingBetweenSlices = thickness
        ds.ImagePositionPatient = [-184.32, -184.32, -thickness * i]
        ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
        ds.SliceLocation = -thickness * i
        ds.FrameOfReferenceUID = uid("ct", "frame")
        ds.PositionReferenceIndicator = ""
        ds.KVP = 120
        ds.AcquisitionNumber = 1
        ds.RescaleIntercept = -1024
        ds.RescaleSlope = 1
        ds.RescaleType = "HU"
        ds.WindowCenter = [-600, 40]
        ds.WindowWidth = [1500, 400]
        ds.WindowCenterWidthExplanation = ["LUNG", "MEDIASTINUM"]
        set_pixels(ds, np.round(hu + 1024))
        ds.BitsStored = 12
        ds.HighBit = 11
        # Instances are numbered out of file order on purpose: the viewer must sort by position.
        save(ds, os.path.join(out_dir, "ct-chest", f"CT{(i * 37) % n:04d}.dcm"))


# ------------------------------------------------------------------------- MR

def mr_slice(z, rng, size=256):
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    c = size / 2
    img = np.zeros((size, size), dtype=np.float32)
    head = 1 - 0.6 * (z - 0.45) ** 2
    scalp = ellipse(xx, yy, c, c, 95 * head, 115 * head)
    skull = ellipse(xx, yy, c, c, 88 * head, 108 * head)
    brain = ellipse(xx, yy, c, c, 80 * head, 100 * head)
    img[scalp] = 700  # fat is bright on T1
    img[skull] = 80  # cortical bone is dark
    img[brain] = 420  # grey matter
    from scipy.ndimage import gaussian_filter

    folds = gaussian_filter(rng.standard_normal((size, size)), 3.0) * 8
    wm = ellipse(xx, yy, c, c, 62 * head, 82 * head) & (folds < 0.8)
    img[wm] = 560  # white matter brighter than grey on T1
    if 0.3 < z < 0.7:
        for side in (-1, 1):
            vent = ellipse(xx, yy, c + side * 12, c - 5, 7, 30 * np.sin(np.pi * (z - 0.3) / 0.4))
            img[vent] = 120  # CSF dark on T1
    img = gaussian_filter(img, 1.0)
    img += np.abs(rng.normal(0, 12, size=(size, size)))  # Rician-like background noise
    # Coil shading: brighter near the posterior receive coil
    img *= 0.85 + 0.3 * (yy / size)
    return np.clip(img, 0, 4095)


def write_mr(out_dir, patient):
    rng = np.random.default_rng(20261124 + 4)
    n = 24
    for i in range(n):
        ds = base_dataset("1.2.840.10008.5.1.4.1.1.4", "mr", "t1", i + 1, "MR", patient)
        ds.SeriesNumber = 3
        ds.SeriesDescription = "T1 SE axial"
        ds.BodyPartExamined = "HEAD"
        ds.ImageType = ["ORIGINAL", "PRIMARY", "OTHER"]
        ds.PatientPosition = "HFS"
        ds.PhotometricInterpretation = "MONOCHROME2"
        ds.ScanningSequence = "SE"
        ds.SequenceVariant = "NONE"
        ds.ScanOptions = ""
        ds.MRAcquisitionType = "2D"
        ds.EchoTime = 12
        ds.RepetitionTime = 550
        ds.MagneticFieldStrength = 1.5
        ds.EchoTrainLength = 1
        ds.PixelSpacing = [0.9, 0.9]
        ds.SliceThickness = 5
        ds.SpacingBetweenSlices = 6
        ds.ImagePositionPatient = [-115.2, -115.2, 60 - 6 * i]
        ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
        ds.SliceLocation = 60 - 6 * i
        ds.FrameOfReferenceUID = uid("mr", "frame")
        ds.PositionReferenceIndicator = ""
        ds.AcquisitionNumber = 1
        ds.WindowCenter = 400
        ds.WindowWidth = 800
        set_pixels(ds, np.round(mr_slice(i / (n - 1), rng)))
        ds.BitsStored = 12
        ds.HighBit = 11
        save(ds, os.path.join(out_dir, "mr-brain", f"MR{i + 1:04d}.dcm"))


def patient(name, pid, birth, sex, accession, description, **extra):
    return dict(name=name, id=pid, birth=birth, sex=sex, accession=accession,
                study_date="20260315", study_description=description, **extra)


def main():
    out_dir = sys.argv[1]
    # Even seeds write DX, odd seeds CR (synth.write_case).
    write_chest(out_dir, "chest-dx", 1_000_002, ["cardiomegaly", "pleural_effusion", "nodule"], False,
                patient("SYNTHETIC^CHEST DX", "LUC-0001", "19610412", "F", "ACC0001", "XR CHEST PA"))
    write_chest(out_dir, "chest-cr", 1_000_003, ["pneumothorax", "consolidation", "central_line"], True,
                patient("SYNTHETIC^CHEST CR", "LUC-0002", "19770908", "M", "ACC0002", "XR CHEST PA"))
    # A left effusion that increases, a nodule unchanged, a new right pneumothorax, a tube that moved.
    write_chest_pair(out_dir, "chest-pair", 1_000_020,
                     [dict(type="pleural_effusion", change="increased", laterality="left", size_mm=(30.0, 62.0)),
                      ("nodule", "unchanged"), ("pneumothorax", "new", "right"), ("endotracheal_tube", "moved")],
                     patient("SYNTHETIC^CHEST PAIR", "LUC-0005", "19490623", "M", "", "XR CHEST PA"), ("ACC0005", "ACC0006"))
    write_ct(out_dir, patient("SYNTHETIC^CT CHEST", "LUC-0003", "19550130", "M", "ACC0003", "CT CHEST WITH CONTRAST"))
    write_mr(out_dir, patient("SYNTHETIC^MR BRAIN", "LUC-0004", "19880721", "F", "ACC0004", "MR BRAIN"))
    print("wrote samples to", out_dir, "at", datetime.datetime.now().isoformat(timespec="seconds"))


if __name__ == "__main__":
    main()
