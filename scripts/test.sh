#!/usr/bin/env bash
# `npm test`: system packages (installed when missing), unit tests, sample checks, browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-system-deps.sh
echo "== typecheck"
npx tsc -b
echo "== formatting (Prettier; npm run format fixes it)"
npm run --silent format:check
echo "== unit tests (Vitest, including the ONNX export parity test)"
npx vitest run
echo "== samples"
bash scripts/check-samples.sh
echo "== model runtime against the card (onnxruntime-web on models/check-cases, npm run eval --check)"
npm run --silent eval -- --cases models/check-cases --card models/check-cases/metrics.json --check
echo "== real films against the card's per-film records (npm run eval -- --labels --check on models/real-check)"
npm run --silent eval -- --cases models/real-check --labels --films models/lucent-cxr-synth/real-films/test.json --check
echo "== model recipe (Python)"
(cd models/recipe && /usr/bin/python3 -m unittest -v tests.test_recipe tests.test_convert tests.test_pairs tests.test_training tests.test_composite tests.test_real_films)
echo "== browser tests (Playwright, Debian Chromium)"
npx playwright test
