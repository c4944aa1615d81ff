#!/usr/bin/env bash
# Regenerate public/samples/: Lucent's synthetic studies (deterministic, no patient data)
# plus the real, public, de-identified studies from ../shared/data/real-dicom with their licences.
# Needs Debian's python3 with numpy, scipy, pydicom and dcmtk (for JPEG-LS):
#   apt-get install -y python3-numpy python3-scipy python3-pydicom dcmtk
# Usage: make-samples.sh [OUT_DIR]   (default public/samples)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-public/samples}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

/usr/bin/python3 scripts/samples/make_samples.py "$tmp"

rm -rf "$out"/chest-dx "$out"/chest-cr "$out"/chest-pair "$out"/ct-chest "$out"/ct-chest.zip "$out"/mr-brain
mkdir -p "$out"
cp -r "$tmp"/chest-dx "$tmp"/chest-cr "$tmp"/chest-pair "$tmp"/mr-brain "$out"/
# The CT ships JPEG-LS lossless so that opening it exercises a WASM codec, packed in one
# uncompressed zip: 120 separate downloads cost the browser about a second in request overhead.
mkdir -p "$tmp"/ct-jls/ct-chest
for f in "$tmp"/ct-chest/*.dcm; do
  dcmcjpls --encode-lossless "$f" "$tmp/ct-jls/ct-chest/$(basename "$f")"
done
/usr/bin/python3 scripts/samples/pack_zip.py "$tmp"/ct-jls "$out"/ct-chest.zip

real=../shared/data/real-dicom
if [ -d "$real" ]; then
  rm -rf "$out"/real-chest-cr "$out"/real-ct
  mkdir -p "$out"/real-chest-cr "$out"/real-ct
  cp "$real"/chest-cr/* "$out"/real-chest-cr/
  cp "$real"/ct-series/* "$out"/real-ct/
  cp "$real"/SOURCES.md "$out"/REAL-SOURCES.md
fi

if [ "$out" = public/samples ]; then
  node scripts/samples/write-index.mjs "$out"
  du -sh "$out"/*/
fi
