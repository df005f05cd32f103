// Compares two reports of the same files: Schakel's (`schakel csaf validate --json`) and secvisogram's (secvisogram.mjs).
// Prints every file where the verdicts (valid or not) or the failed test ids differ, and a summary.
import { readFileSync } from 'node:fs'

const schakel = new Map(JSON.parse(readFileSync(process.argv[2], 'utf8')).map((r) => [r.file, {
  valid: r.valid, errors: new Set(r.errors.map((f) => f.testId)), warnings: new Set(r.warnings.map((f) => f.testId)),
}]))
const secvisogram = new Map(JSON.parse(readFileSync(process.argv[3], 'utf8')).map((r) => [r.file, {
  valid: r.valid, errors: new Set(r.errors), warnings: new Set(r.warnings),
}]))

const minus = (a, b) => [...a].filter((x) => !b.has(x)).sort()
let verdictDiffs = 0
let testDiffs = 0
for (const [file, s] of schakel) {
  const v = secvisogram.get(file)
  if (!v) { console.log(`${file}: missing from the secvisogram report`); continue }
  const lines = []
  if (s.valid !== v.valid) { verdictDiffs++; lines.push(`verdict: Schakel ${s.valid ? 'valid' : 'invalid'}, secvisogram ${v.valid ? 'valid' : 'invalid'}`) }
  for (const [kind, a, b] of [['errors', s.errors, v.errors], ['warnings', s.warnings, v.warnings]]) {
    const onlyS = minus(a, b)
    const onlyV = minus(b, a)
    if (onlyS.length) lines.push(`${kind} only Schakel: ${onlyS.join(' ')}`)
    if (onlyV.length) lines.push(`${kind} only secvisogram: ${onlyV.join(' ')}`)
  }
  if (lines.length) { testDiffs++; console.log(`${file}\n  ${lines.join('\n  ')}`) }
}
console.log(`\n${schakel.size} files; verdict differs on ${verdictDiffs}; failed test ids differ on ${testDiffs}.`)
