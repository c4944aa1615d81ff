"""Compare committed samples with freshly generated ones: every file byte for byte, except
that DICOM pixel values may differ by 1 in at most 0.1% of the pixels. The generators render
with floating point, and numpy/OpenBLAS pick different SIMD code paths on different CPUs, which
moves a few values across a rounding boundary (seen: 77 of 2.8 million pixels, by 1).

  compare_samples.py COMMITTED GENERATED     (files, folders or .zip archives; exit 1 on a difference)
"""
import io
import os
import sys
import zipfile

import numpy as np
import pydicom


def entries(path):
    """{relative name: bytes} of a folder, a zip archive or a single file."""
    if os.path.isdir(path):
        out = {}
        for root, _, files in os.walk(path):
            for name in files:
                full = os.path.join(root, name)
                out.update({os.path.relpath(full, path) + (("!" + k) if k else ""): v for k, v in entries(full).items()})
        return out
    with open(path, "rb") as f:
        data = f.read()
    if path.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return {"": b"", **{n: z.read(n) for n in z.namelist()}}
    return {"": data}


def same_dicom(a, b):
    da, db = pydicom.dcmread(io.BytesIO(a)), pydicom.dcmread(io.BytesIO(b))
    header = lambda ds: [(e.tag, e.value) for e in ds if e.tag != (0x7FE0, 0x0010)]  # noqa: E731
    if header(da) != header(db) or da.file_meta != db.file_meta:
        return "header differs"
    pa, pb = da.pixel_array.astype(np.int64), db.pixel_array.astype(np.int64)
    if pa.shape != pb.shape:
        return "pixel array shape differs"
    diff = np.abs(pa - pb)
    if diff.max() > 1 or (diff > 0).mean() > 0.001:
        return f"{int((diff > 0).sum())} pixels differ, by up to {int(diff.max())}"
    return None


def main():
    a, b = entries(sys.argv[1]), entries(sys.argv[2])
    problems = [f"{n}: only in one of them" for n in sorted(set(a) ^ set(b))]
    for name in sorted(set(a) & set(b)):
        if a[name] == b[name]:
            continue
        why = same_dicom(a[name], b[name]) if name.endswith(".dcm") else "bytes differ"
        if why:
            problems.append(f"{name}: {why}")
    for p in problems:
        print(p, file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
