#!/usr/bin/env bash
# Installs the Debian packages the tests need, when missing: Chromium for the browser tests,
# Python (numpy, scipy, pydicom) and dcmtk to regenerate the samples, torch, onnx and PIL for the
# model recipe's tests (PIL: the real-data converters), dicom3tools to validate DICOM, Orthanc with its DICOMweb plugin as the test PACS
# (the tests start it themselves; the package's own service is not used).
# Without root it stops and prints the exact command to run.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
/usr/bin/python3 -c 'import numpy' 2>/dev/null || missing+=(python3-numpy)
/usr/bin/python3 -c 'import scipy' 2>/dev/null || missing+=(python3-scipy)
/usr/bin/python3 -c 'import pydicom' 2>/dev/null || missing+=(python3-pydicom)
/usr/bin/python3 -c 'import torch' 2>/dev/null || missing+=(python3-torch)
/usr/bin/python3 -c 'import onnx' 2>/dev/null || missing+=(python3-onnx)
/usr/bin/python3 -c 'import PIL' 2>/dev/null || missing+=(python3-pil)
command -v dcmcjpls >/dev/null || missing+=(dcmtk)
command -v dciodvfy >/dev/null || missing+=(dicom3tools)
[ -x /usr/sbin/Orthanc ] || missing+=(orthanc)
[ -f /usr/share/orthanc/plugins/libOrthancDicomWeb.so ] || missing+=(orthanc-dicomweb)

[ ${#missing[@]} -eq 0 ] && exit 0
cmd="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "Lucent's tests need Debian packages that are not installed. Run:" >&2
  echo "  sudo sh -c '$cmd'" >&2
  exit 1
fi
echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
