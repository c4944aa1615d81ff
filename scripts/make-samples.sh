#!/usr/bin/env bash
# Regenerate public/samples/: Lucent's synthetic studies (deterministic, no patient data)
# plus the real, public, de-identified studies from ../shared/data/real-dicom with their licences.
# Needs Debian's python3 with numpy, scipy, pydicom and dcmtk (for JPEG-LS):
#   apt-get install -y python3-numpy python3-scipy python3-pydicom dcmtk
set -euo pipefail
cd "$(dirname "$0")/.."
out=public/samples
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

/usr/bin/python3 scripts/samples/make_samples.py "$tmp"

rm -rf "$out"/chest-dx "$out"/chest-cr "$out"/ct-chest "$out"/mr-brain
mkdir -p "$out"
cp -r "$tmp"/chest-dx "$tmp"/chest-cr "$tmp"/mr-brain "$out"/
# The CT ships JPEG-LS lossless so that opening it exercises a WASM codec.
mkdir -p "$out"/ct-chest
for f in "$tmp"/ct-chest/*.dcm; do
  dcmcjpls --encode-lossless "$f" "$out/ct-chest/$(basename "$f")"
done

real=../shared/data/real-dicom
if [ -d "$real" ]; then
  rm -rf "$out"/real-chest-cr "$out"/real-ct
  mkdir -p "$out"/real-chest-cr "$out"/real-ct
  cp "$real"/chest-cr/* "$out"/real-chest-cr/
  cp "$real"/ct-series/* "$out"/real-ct/
  cp "$real"/SOURCES.md "$out"/REAL-SOURCES.md
fi

node scripts/samples/write-index.mjs "$out"
du -sh "$out"/*/
