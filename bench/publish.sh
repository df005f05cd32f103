#!/usr/bin/env bash
# Publishing benchmark: one item to the audience `network` with 10,000 generated organisations.
# Usage (from the repository root): bench/publish.sh [Sqlite|Postgres] [ORGS]   (Postgres needs SCHAKEL_TEST_POSTGRES)
source "$(dirname "$0")/common.sh"
"$BENCH" publish --provider "${1:-Sqlite}" --orgs "${2:-10000}" --runs 3
