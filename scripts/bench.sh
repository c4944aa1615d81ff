#!/usr/bin/env bash
# `npm run bench`: builds the production site, serves it with `vite preview` and measures in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-system-deps.sh
port=${BENCH_PORT:-4183}
npx vite build --logLevel warn
# node_modules/.bin directly: with npx, $! would be npx and killing it would leave the server running
node_modules/.bin/vite preview --host 127.0.0.1 --port "$port" --strictPort >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.2; done
echo "Lucent viewer benchmark — headless Chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'), $(nproc) cores, production build"
node scripts/bench/viewer.mjs "http://127.0.0.1:$port/" "${BENCH_RUNS:-5}"
