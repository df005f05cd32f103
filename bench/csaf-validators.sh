#!/usr/bin/env bash
# Side by side: Schakel's CSAF validator and @secvisogram/csaf-validator-lib over the same corpus (every advisory in the
# data folder and the OASIS test files). Prints where their verdicts differ and each one's throughput and peak memory.
# Needs node/npm, /usr/bin/time and hunspell (6.3.8 runs in both). Benchmark only: the npm package is no runtime dependency.
# Usage: bench/csaf-validators.sh [DATA_FOLDER]   (default ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(realpath "${1:-${SCHAKEL_DATA:-../shared/data}}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd bench/csaf-validators && npm ci --silent --no-audit --no-fund)
# secvisogram asks hunspell for a dictionary named after the language ("en"); Debian names it en_US. Offer both names.
mkdir -p "$work/dict"
for f in /usr/share/hunspell/*.aff /usr/share/hunspell/*.dic; do ln -sf "$f" "$work/dict/"; done
for ext in aff dic; do ln -sf /usr/share/hunspell/en_US.$ext "$work/dict/en.$ext"; done
export DICPATH="$work/dict"
dotnet build -c Release src/Schakel -o "$work/schakel" >/dev/null

find "$data/csaf/advisories" "$data/csaf/bulk" "$data/csaf/oasis-tests/validator/data" -name '*.json' \
  ! -name 'testcases.json' ! -name '*TEMPLATE*' ! -name '*feed-tlp-*' | sort > "$work/all.txt"
# secvisogram's 6.3.8 starts hunspell once per text (seconds per document), so the spell check is compared on a
# smaller set: the OASIS files for 6.3.8 and the advisories outside the bulk folder.
{ grep -- '-6-3-08-' "$work/all.txt"; grep '/csaf/advisories/' "$work/all.txt"; } > "$work/spell.txt"

measure() { # name, list, command...; prints seconds and peak RSS
  local name=$1 list=$2; shift 2
  local count; count=$(wc -l < "$list")
  /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@" > "$work/$name.json" || true
  read -r secs kib < <(tail -n 1 "$work/$name.time")  # GNU time puts "Command exited with non-zero status" first
  awk -v n="$name" -v c="$count" -v s="$secs" -v k="$kib" 'BEGIN { printf "%-22s %4d files %7.1f s  %7.1f documents/s  peak %5.0f MiB\n", n, c, s, c / s, k / 1024 }'
}

schakel=(dotnet "$work/schakel/schakel.dll" csaf validate --json)
echo "Every test except 6.3.6/6.3.7 (offline) and 6.3.8 (spell check):"
measure schakel "$work/all.txt" "${schakel[@]}" --skip 6.3.8 $(cat "$work/all.txt")
measure secvisogram "$work/all.txt" node bench/csaf-validators/secvisogram.mjs "$work/all.txt" --skip 6.3.8
echo "Every test except 6.3.6/6.3.7, with the spell check (6.3.8):"
measure schakel-spell "$work/spell.txt" "${schakel[@]}" $(cat "$work/spell.txt")
measure secvisogram-spell "$work/spell.txt" node bench/csaf-validators/secvisogram.mjs "$work/spell.txt"
echo
node bench/csaf-validators/compare.mjs "$work/schakel.json" "$work/secvisogram.json" | sed "s|$data/||g"
echo
echo "6.3.8 on the smaller set:"
node bench/csaf-validators/compare.mjs "$work/schakel-spell.json" "$work/secvisogram-spell.json" | sed "s|$data/||g"
