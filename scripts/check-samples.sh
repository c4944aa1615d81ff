#!/usr/bin/env bash
# The committed samples must be what the generator makes (byte for byte, pixel values within 1 in a
# few pixels: see scripts/samples/compare_samples.py), and valid DICOM.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bash scripts/make-samples.sh "$tmp" >/dev/null
status=0
for study in chest-dx chest-cr chest-pair ct-chest.zip mr-brain; do
  if ! diff -rq "public/samples/$study" "$tmp/$study" >/dev/null && ! /usr/bin/python3 scripts/samples/compare_samples.py "public/samples/$study" "$tmp/$study"; then
    echo "FAIL: public/samples/$study differs from what scripts/make-samples.sh generates" >&2
    status=1
  fi
done
/usr/bin/python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("ct-chest/CT0000.dcm", sys.argv[2])' "$tmp/ct-chest.zip" "$tmp/ct"
# Valid DICOM: decided on dciodvfy's Error lines (scripts/dicom/dciodvfy.ts), not on a pipeline's status.
if ! npx tsx scripts/dicom/validate.ts public/samples/chest-dx/*.dcm public/samples/chest-cr/*.dcm public/samples/chest-pair/*.dcm "$tmp/ct/ct-chest/CT0000.dcm" public/samples/mr-brain/MR0001.dcm >/dev/null; then
  echo "FAIL: dciodvfy reports errors in the samples (above)" >&2
  status=1
fi
[ $status -eq 0 ] && echo "samples: regenerated identically and valid (dciodvfy)"
exit $status
