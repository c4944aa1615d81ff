#!/usr/bin/python3
"""Pack a folder into a zip byte-for-byte reproducibly: sorted names, fixed dates, stored
(DICOM that is already JPEG-LS compressed gains nothing from deflate).

Usage: pack_zip.py SRC_DIR OUT.zip   (entries are named relative to SRC_DIR)
"""
import os
import sys
import zipfile

src, out = sys.argv[1], sys.argv[2]
paths = sorted(
    os.path.relpath(os.path.join(root, name), src)
    for root, _, names in os.walk(src)
    for name in names
)
with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
    for rel in paths:
        info = zipfile.ZipInfo(rel.replace(os.sep, "/"), date_time=(2026, 1, 1, 0, 0, 0))
        info.external_attr = 0o644 << 16
        with open(os.path.join(src, rel), "rb") as f:
            archive.writestr(info, f.read())
