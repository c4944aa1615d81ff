#!/usr/bin/env bash
# `npm run bench:model`: serves the app with the Vite dev server (the benchmark page lives in
# scripts/bench/, outside the production build) and measures the model in headless Chromium and
# in native onnxruntime-node side by side.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-system-deps.sh
port=${BENCH_MODEL_PORT:-5183}
# node_modules/.bin directly: with npx, $! would be npx and killing it would leave Vite running
node_modules/.bin/vite --host 127.0.0.1 --port "$port" --strictPort >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.2; done
echo "Lucent model benchmark — headless Chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'), $(nproc) cores, onnxruntime-web and onnxruntime-node $(node -p "require('onnxruntime-node/package.json').version")"
npx tsx scripts/bench/model.ts "http://127.0.0.1:$port/" "${BENCH_RUNS:-5}"
