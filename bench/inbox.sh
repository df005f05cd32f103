#!/usr/bin/env bash
# Inbox benchmark: 100,000 items delivered to one organisation, 20 concurrent clients against 127.0.0.1.
# Usage (from the repository root): bench/inbox.sh [Sqlite|Postgres] [ITEMS]   (Postgres needs SCHAKEL_TEST_POSTGRES)
# Drives GET /api/v1/inbox of `schakel serve` when it answers 200, and always the stand-in endpoint of the bench tool
# (same query, plus variants without COUNT and with a leading organisation filter).
source "$(dirname "$0")/common.sh"
PROVIDER="${1:-Sqlite}"
ITEMS="${2:-100000}"
PORT_SERVE="${PORT_SERVE:-5191}"
PORT_STANDIN="${PORT_STANDIN:-5192}"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_port() { for _ in $(seq 150); do (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done; return 1; }

"$BENCH" seed-inbox --provider "$PROVIDER" --items "$ITEMS" --db "$WORK/inbox.db" >"$WORK/inbox.env"
CONNECTION=$(sed -n 's/^CONNECTION=//p' "$WORK/inbox.env")
TOKEN=$(sed -n 's/^TOKEN=//p' "$WORK/inbox.env")
"$BENCH" explain --provider "$PROVIDER" --connection "$CONNECTION" >"$WORK/explain.txt" 2>&1 || true
echo "query plans: $WORK/explain.txt"

Database__Provider="$PROVIDER" ConnectionStrings__Schakel="$CONNECTION" Logging__LogLevel__Default=Warning \
  "$SCHAKEL" serve --urls "http://127.0.0.1:$PORT_SERVE" >"$WORK/serve.log" 2>&1 &
PIDS+=($!)
"$BENCH" standin --provider "$PROVIDER" --connection "$CONNECTION" --urls "http://127.0.0.1:$PORT_STANDIN" >"$WORK/standin.log" 2>&1 &
PIDS+=($!)
wait_port "$PORT_SERVE"
wait_port "$PORT_STANDIN"

load() { "$BENCH" load "$1" --token "$TOKEN" --concurrency 20 --requests "${REQUESTS:-2000}" --duration "${DURATION:-60}" --warmup 40 || true; }
API="http://127.0.0.1:$PORT_SERVE/api/v1/inbox"
if [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$API")" = 200 ]; then load "$API"; else echo "$API does not answer 200 yet: skipped"; fi
for q in "" "?count=false" "?variant=org-first" "?variant=org-first&count=false"; do load "http://127.0.0.1:$PORT_STANDIN/standin/inbox$q"; done
if [ "$PROVIDER" = Sqlite ]; then rm -f "$WORK/inbox.db" "$WORK/inbox.db-wal" "$WORK/inbox.db-shm"; else echo "(the PostgreSQL database is kept: ${CONNECTION%%Password=*}…)"; fi
