// Runs @secvisogram/csaf-validator-lib (schema, mandatory, optional and informative tests) over the files named in a
// list file and prints one JSON report: [{ file, valid, errors: [testId], warnings: [testId], notRun: [{ testId, reason }] }].
// Benchmark only; see bench/csaf-validators.sh.
import { readFileSync } from 'node:fs'
import validate from '@secvisogram/csaf-validator-lib/validate.js'
import * as schema from '@secvisogram/csaf-validator-lib/schemaTests.js'
import * as mandatory from '@secvisogram/csaf-validator-lib/mandatoryTests.js'
import * as optional from '@secvisogram/csaf-validator-lib/optionalTests.js'
import * as informative from '@secvisogram/csaf-validator-lib/informativeTests.js'

// mandatoryTest_6_1_27_10 -> 6.1.27.10; csaf_2_0 (the schema) -> schema
const idOf = (name) => (name === 'csaf_2_0' ? 'schema' : name.replace(/^[a-z]+Test_/, '').replaceAll('_', '.'))
// 6.3.6 and 6.3.7 fetch URLs from the internet; this machine is offline, and Schakel reports them "not run (offline)".
const offline = new Set(['informativeTest_6_3_6', 'informativeTest_6_3_7'])
// `--skip 6.3.8` (repeatable) leaves further tests out, as Schakel's `csaf validate --skip` does.
const skipped = new Set(process.argv.slice(3).filter((a, i, all) => all[i - 1] === '--skip'))
const errorTests = [schema.csaf_2_0, ...Object.values(mandatory)]
const warningTests = [...Object.values(optional), ...Object.values(informative)].filter((t) => !offline.has(t.name) && !skipped.has(idOf(t.name)))

const files = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean)
const reports = []
for (const file of files) {
  let doc
  try {
    doc = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''))
  } catch {
    reports.push({ file, valid: false, errors: ['schema'], warnings: [] })
    continue
  }
  const errors = []
  const warnings = []
  const notRun = []
  for (const [tests, failed] of [[errorTests, errors], [warningTests, warnings]]) {
    for (const test of tests) {
      try {
        const r = (await validate([test], doc)).tests[0]
        if (!r.isValid || r.errors.length + r.warnings.length + r.infos.length > 0) failed.push(idOf(test.name))
      } catch (e) {
        // e.g. 6.3.8 when hunspell has no dictionary for the document's language
        notRun.push({ testId: idOf(test.name), reason: String(e.message ?? e).split('\n')[0] })
      }
    }
  }
  reports.push({ file, valid: errors.length === 0, errors: [...new Set(errors)], warnings: [...new Set(warnings)], notRun })
}
process.stdout.write(JSON.stringify(reports))
