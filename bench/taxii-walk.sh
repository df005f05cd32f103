#!/usr/bin/env bash
# TAXII benchmark: a client walks a 1,000,000-object collection in pages of 1,000 following `next`.
# Usage (from the repository root): bench/taxii-walk.sh [Sqlite|Postgres] [OBJECTS]   (Postgres needs SCHAKEL_TEST_POSTGRES)
# Seeds the demo network's `network` collection with generated bundles (one GREEN item per 50,000 objects, imported by
# NCSC), starts `schakel serve` on 127.0.0.1 and walks it as the demo hospital's analyst: match[version] default (last)
# and all. The database is dropped at the end unless KEEP=1.
source "$(dirname "$0")/common.sh"
PROVIDER="${1:-Sqlite}"
OBJECTS="${2:-1000000}"
PORT="${PORT:-5153}"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
wait_port() { for _ in $(seq 300); do (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done; return 1; }

SEED_START=$SECONDS
"$BENCH" seed-taxii --provider "$PROVIDER" --objects "$OBJECTS" --db "$WORK/taxii.db" >"$WORK/taxii.env" 2>"$WORK/seed.log"
tail -1 "$WORK/seed.log"; echo "seeding took $((SECONDS - SEED_START)) s"
CONNECTION=$(sed -n 's/^CONNECTION=//p' "$WORK/taxii.env")
TOKEN=$(sed -n 's/^TOKEN=//p' "$WORK/taxii.env")

Database__Provider="$PROVIDER" ConnectionStrings__Schakel="$CONNECTION" Logging__LogLevel__Default=Warning \
  "$SCHAKEL" serve --urls "http://127.0.0.1:$PORT" >"$WORK/serve.log" 2>&1 &
PIDS+=($!)
wait_port "$PORT"
URL="http://127.0.0.1:$PORT/taxii2/api/collections/network/objects/"
"$BENCH" taxii-walk "$URL" --token "$TOKEN" --limit 1000 2>/dev/null
"$BENCH" taxii-walk "$URL" --token "$TOKEN" --limit 1000 --versions all 2>/dev/null
cleanup
[ "${KEEP:-}" = 1 ] && echo "kept: $CONNECTION" || "$BENCH" drop-db --provider "$PROVIDER" --connection "$CONNECTION"
