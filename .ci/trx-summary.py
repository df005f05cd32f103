#!/usr/bin/python3
"""Counts test outcomes in TRX files and prints `N passed, N failed, N skipped`.

Usage: trx-summary.py [GLOB ...]   (default: TestResults/**/*.trx)
Exit status: 0 when all tests passed or were skipped, 1 on any failure or when no TRX file (or no result) is found.
VSTest writes one UnitTestResult per test; outcome Passed, NotExecuted (skipped), anything else counts as failed.
"""
import glob
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"


def main(patterns):
    files = sorted({f for p in patterns for f in glob.glob(p, recursive=True)})
    if not files:
        print("no TRX files found for " + " ".join(patterns), file=sys.stderr)
        print("0 passed, 0 failed, 0 skipped")
        return 1
    passed = failed = skipped = 0
    for path in files:
        for result in ET.parse(path).getroot().iter(NS + "UnitTestResult"):
            outcome = result.get("outcome", "")
            if outcome == "Passed":
                passed += 1
            elif outcome == "NotExecuted":
                skipped += 1
            else:
                failed += 1
                print(f"FAILED: {result.get('testName')} ({path})", file=sys.stderr)
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed or passed + skipped == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["TestResults/**/*.trx"]))
