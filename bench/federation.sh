#!/usr/bin/env bash
# Federation benchmark: a fresh node pulls a 100,000-object collection from another node, both on 127.0.0.1.
# Usage (from the repository root): bench/federation.sh [Sqlite|Postgres] [OBJECTS]   (Postgres needs SCHAKEL_TEST_POSTGRES)
# Node A: the demo network with OBJECTS objects in its `network` collection (generated bundles, one GREEN item per 50,000
# objects), served by `schakel serve`. Node B: a fresh database with the demo network, also served. On B's side,
# `schakel taxii pull` (pages of 1,000, match[version]=all) brings B level with A's collection; then a second pull shows
# the cost of an incremental run with nothing new. MAX_TLP (default GREEN) is the highest label B accepts. Both databases are dropped at the end unless KEEP=1.
source "$(dirname "$0")/common.sh"
PROVIDER="${1:-Sqlite}"
OBJECTS="${2:-100000}"
MAX_TLP="${MAX_TLP:-GREEN}"
PORT_A="${PORT_A:-5154}"
PORT_B="${PORT_B:-5155}"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; PIDS=(); }
trap cleanup EXIT
wait_port() { for _ in $(seq 300); do (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done; return 1; }
serve() { # serve CONNECTION PORT LOG
  Database__Provider="$PROVIDER" ConnectionStrings__Schakel="$1" Logging__LogLevel__Default=Warning \
    "$SCHAKEL" serve --urls "http://127.0.0.1:$2" >"$3" 2>&1 &
  PIDS+=($!)
}

"$BENCH" seed-taxii --provider "$PROVIDER" --objects "$OBJECTS" --db "$WORK/a.db" >"$WORK/a.env" 2>"$WORK/seed-a.log"
tail -1 "$WORK/seed-a.log"
A=$(sed -n 's/^CONNECTION=//p' "$WORK/a.env")
TOKEN=$(sed -n 's/^TOKEN=//p' "$WORK/a.env")
"$BENCH" seed-inbox --provider "$PROVIDER" --items 0 --db "$WORK/b.db" >"$WORK/b.env" 2>/dev/null
B=$(sed -n 's/^CONNECTION=//p' "$WORK/b.env")
serve "$A" "$PORT_A" "$WORK/serve-a.log"
serve "$B" "$PORT_B" "$WORK/serve-b.log"
wait_port "$PORT_A" && wait_port "$PORT_B"

SINCE=()
for run in "fresh node" "incremental, nothing new"; do
  echo "== schakel taxii pull on node B ($run)"
  Database__Provider="$PROVIDER" ConnectionStrings__Schakel="$B" /usr/bin/time -v "$SCHAKEL" taxii pull "http://127.0.0.1:$PORT_A/taxii2/" \
    --collection network --token "$TOKEN" --max-tlp "$MAX_TLP" --publish-to network "${SINCE[@]}" >"$WORK/pull.log" 2>"$WORK/pull.time" || echo "exit status $?"
  grep -v -E '^  ' "$WORK/pull.log" | tail -4
  grep -E "Maximum resident|Elapsed \(wall" "$WORK/pull.time"
  CURSOR=$(sed -n 's/.*--since \([^ ]*\).*/\1/p' "$WORK/pull.log" | tail -1)
  [ -n "$CURSOR" ] && SINCE=(--since "$CURSOR")
done
"$BENCH" count-stix --provider "$PROVIDER" --connection "$A" | sed 's/^/node A: /'
"$BENCH" count-stix --provider "$PROVIDER" --connection "$B" | sed 's/^/node B: /'
cleanup
if [ "${KEEP:-}" = 1 ]; then echo "kept: $A and $B"; else
  "$BENCH" drop-db --provider "$PROVIDER" --connection "$A"; "$BENCH" drop-db --provider "$PROVIDER" --connection "$B"; fi
