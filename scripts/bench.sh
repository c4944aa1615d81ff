#!/usr/bin/env bash
# `npm run bench`: builds the production site, serves it with `vite preview` and measures in headless Chromium:
# the viewer (samples), then MPR beside the stack on a 600-slice CT that scripts/bench/mpr.ts streams from a test Orthanc.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-system-deps.sh
port=${BENCH_PORT:-4183}
orthanc=${BENCH_ORTHANC_PORT:-8045}
npx vite build --logLevel warn
# node_modules/.bin directly: with npx, $! would be npx and killing it would leave the server running
LUCENT_PACS_PROXY="http://127.0.0.1:$orthanc" node_modules/.bin/vite preview --host 127.0.0.1 --port "$port" --strictPort >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.2; done
echo "Lucent viewer benchmark — headless Chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'), $(nproc) cores, production build"
node scripts/bench/viewer.mjs "http://127.0.0.1:$port/" "${BENCH_RUNS:-5}"
echo
echo "MPR beside the stack (generated 600-slice CT streamed from a test Orthanc on port $orthanc):"
node_modules/.bin/tsx scripts/bench/mpr.ts "http://127.0.0.1:$port/" "$orthanc"
