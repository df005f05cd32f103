#!/usr/bin/env bash
# Refreshes the outside data vendored in src/Schakel.Csaf/Data from the npm registry (npm pack, no install scripts run):
#   language-subtag-registry (IANA language subtag registry as JSON, CC0-1.0) -> language-subtag-registry.tsv.gz
#   cwe-sdk (ships MITRE's CWE catalogue XML, raw/cwe-archive.xml)           -> cwe-catalogue.tsv.gz
# and rewrites Data/NOTICE.md with the versions. Needs npm, python3 and gzip.
# Usage: tools/update-csaf-data.sh [LSR_VERSION [CWE_SDK_VERSION]]   (default: the registry's latest of each)
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/Schakel.Csaf/Data
lsr_spec="language-subtag-registry@${1:-latest}"
cwe_spec="cwe-sdk@${2:-latest}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "$lsr_spec" "$cwe_spec" >/dev/null)
mkdir "$work/lsr" "$work/cwe"
tar xzf "$work"/language-subtag-registry-*.tgz -C "$work/lsr"
tar xzf "$work"/cwe-sdk-*.tgz -C "$work/cwe"

# One record a line: Type, Subtag (or Tag for grandfathered/redundant), and "private-use" when IANA describes it so.
# Ranges such as qaa..qtz stay ranges; the loader expands them. Sorted so that a refresh diffs cleanly.
python3 - "$work/lsr/package" > "$work/lsr.tsv" <<'PY'
import json, sys
root = sys.argv[1]
meta = json.load(open(f"{root}/package.json"))
date = json.load(open(f"{root}/data/json/meta.json"))["File-Date"]
rows = set()
for r in json.load(open(f"{root}/data/json/registry.json")):
    value = r.get("Subtag") or r.get("Tag")
    private = "private-use" if "Private use" in r.get("Description", []) else ""
    rows.add((r["Type"], value, private))
print(f"# IANA Language Subtag Registry, File-Date: {date}")
print(f"# From npm package {meta['name']} {meta['version']} ({meta['license']}), data/json/registry.json")
print("# Type\tSubtag-or-Tag\tPrivate-use")
for row in sorted(rows):
    print("\t".join(row))
PY

# CWE id (as CSAF writes it, CWE-79) and name for every weakness, category and view of the catalogue.
python3 - "$work/cwe/package" > "$work/cwe.tsv" <<'PY'
import json, sys, xml.etree.ElementTree as ET
root = sys.argv[1]
meta = json.load(open(f"{root}/package.json"))
catalogue = ET.parse(f"{root}/raw/cwe-archive.xml").getroot()
ns = catalogue.tag.split("}")[0] + "}"
rows = []
for kind in ("Weakness", "Category", "View"):
    for e in catalogue.iter(ns + kind):
        name = " ".join(e.get("Name").split())
        rows.append((int(e.get("ID")), kind.lower(), name))
print(f"# CWE Version {catalogue.get('Version')}, Date {catalogue.get('Date')} (The MITRE Corporation)")
print(f"# From npm package {meta['name']} {meta['version']} ({meta['license']} for the package), raw/cwe-archive.xml")
print("# Id\tKind\tName")
for id_, kind, name in sorted(rows):
    print(f"CWE-{id_}\t{kind}\t{name}")
PY

gzip -9 -n -c "$work/lsr.tsv" > "$out/language-subtag-registry.tsv.gz"
gzip -9 -n -c "$work/cwe.tsv" > "$out/cwe-catalogue.tsv.gz"
lsr_line=$(sed -n 1,2p "$work/lsr.tsv" | sed 's/^# //' | paste -sd ';' | sed 's/;/; /')
cwe_line=$(sed -n 1,2p "$work/cwe.tsv" | sed 's/^# //' | paste -sd ';' | sed 's/;/; /')
python3 - "$out/NOTICE.md" "$lsr_line" "$cwe_line" <<'PY'
import re, sys
path, lsr, cwe = sys.argv[1:]
text = open(path).read()
text = re.sub(r"(<!-- lsr -->).*", lambda m: m.group(1) + " " + lsr, text)
text = re.sub(r"(<!-- cwe -->).*", lambda m: m.group(1) + " " + cwe, text)
open(path, "w").write(text)
PY
echo "language subtag registry: $lsr_line"
echo "CWE catalogue: $cwe_line"
