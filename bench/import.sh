#!/usr/bin/env bash
# Import benchmark: the 385 CISA ICS advisories of 2022 through AdvisoryImporter.
# Usage (from the repository root): bench/import.sh [Sqlite|Postgres]   (Postgres needs SCHAKEL_TEST_POSTGRES)
source "$(dirname "$0")/common.sh"
PROVIDER="${1:-Sqlite}"
FOLDER="$SCHAKEL_DATA/csaf/bulk/cisa-ot-2022"

echo "== in-process (fresh $PROVIDER database, documents read up front, one scope per document)"
/usr/bin/time -v "$BENCH" import "$FOLDER" --provider "$PROVIDER" 2>"$WORK/import.time"
grep -E "Maximum resident|Elapsed \(wall" "$WORK/import.time"

if [ "$PROVIDER" = Sqlite ]; then
  echo "== command line: schakel import csaf (SQLite file with the demo network, output redirected)"
  "$BENCH" seed-inbox --items 0 --db "$WORK/import.db" >/dev/null
  ConnectionStrings__Schakel="Data Source=$WORK/import.db" /usr/bin/time -v "$SCHAKEL" import csaf "$FOLDER" >"$WORK/cli.log" 2>"$WORK/cli.time"
  tail -1 "$WORK/cli.log"
  grep -E "Maximum resident|Elapsed \(wall" "$WORK/cli.time"
fi
