#!/usr/bin/env bash
# STIX ingest benchmark: 50,000-object bundles made from the shared STIX examples, through ThreatIntelImporter in process
# (two bundles one after another into one fresh database), and `schakel import stix FILE` end to end when the verb exists.
# Usage (from the repository root): bench/stix-import.sh [Sqlite|Postgres] [OBJECTS]   (Postgres needs SCHAKEL_TEST_POSTGRES)
source "$(dirname "$0")/common.sh"
PROVIDER="${1:-Sqlite}"
OBJECTS="${2:-50000}"

# Generated at run time into the work folder, never committed: the same seed gives the same bytes.
"$BENCH" stix-bundle --objects "$OBJECTS" --seed 1 --out "$WORK/stix-1.json"
"$BENCH" stix-bundle --objects "$OBJECTS" --seed 2 --out "$WORK/stix-2.json" | head -1

echo "== in-process: ThreatIntelImporter.ImportAsync, fresh $PROVIDER database, bundle 1 then bundle 2"
/usr/bin/time -v "$BENCH" stix-import "$WORK/stix-1.json" "$WORK/stix-2.json" --provider "$PROVIDER" 2>"$WORK/stix-import.time" \
  | grep -v -E '^  (warning|Conflict|Invalid):'
grep -E "Maximum resident|Elapsed \(wall" "$WORK/stix-import.time"

if "$SCHAKEL" import --help 2>/dev/null | grep -qw stix; then
  echo "== command line: schakel import stix (fresh $PROVIDER database with the demo network, output redirected)"
  "$BENCH" seed-inbox --provider "$PROVIDER" --items 0 --db "$WORK/cli.db" >"$WORK/cli.env"
  CONNECTION=$(sed -n 's/^CONNECTION=//p' "$WORK/cli.env")
  # Exit status 1 is expected: the bundle holds the examples' few invalid and conflicting objects (reported, not stored).
  Database__Provider="$PROVIDER" ConnectionStrings__Schakel="$CONNECTION" /usr/bin/time -v "$SCHAKEL" import stix "$WORK/stix-1.json" \
    >"$WORK/cli.log" 2>"$WORK/cli.time" || echo "exit status $?"
  grep -v -E '^  ' "$WORK/cli.log" | tail -3
  grep -E "Maximum resident|Elapsed \(wall" "$WORK/cli.time"
  "$BENCH" drop-db --provider "$PROVIDER" --connection "$CONNECTION"
else
  echo "(schakel import stix is not in this build: in-process figures only)"
fi
rm -f "$WORK/stix-1.json" "$WORK/stix-2.json"
