#!/usr/bin/env bash
# `npm run bench:pacs`: the production build served by `vite preview`, its /pacs-proxy pointed at a
# test Orthanc that scripts/bench/pacs.ts starts and fills with a generated 600-slice CT.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-system-deps.sh
port=${BENCH_PORT:-4183}
orthanc=${BENCH_ORTHANC_PORT:-8044}
npx vite build --logLevel warn
LUCENT_PACS_PROXY="http://127.0.0.1:$orthanc" node_modules/.bin/vite preview --host 127.0.0.1 --port "$port" --strictPort >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.2; done
echo "Lucent PACS benchmark — headless Chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'), $(nproc) cores, production build"
node_modules/.bin/tsx scripts/bench/pacs.ts "http://127.0.0.1:$port/" "$orthanc"
