// Reads Vitest's JSON report, prints "N passed, N failed" alone on a line, and fails when a
// required suite (PostgreSQL, and the browser once it exists) was skipped or did not run.
import fs from 'node:fs';

const file = process.argv[2];
if (!file || !fs.existsSync(file)) {
  console.log('0 passed, 1 failed');
  console.error(`No test report at ${file}: the test run did not complete.`);
  process.exit(1);
}
const report = JSON.parse(fs.readFileSync(file, 'utf8'));
const tests = report.testResults.flatMap((suite) => suite.assertionResults.map((t) => ({ ...t, file: suite.name })));
const passed = tests.filter((t) => t.status === 'passed').length;
const failed = tests.filter((t) => t.status === 'failed').length + report.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length;
console.log(`${passed} passed, ${failed} failed`);

const REQUIRED = [
  { name: 'PostgreSQL', match: (t) => /postgres/i.test(t.fullName), minimum: 20 },
  { name: 'browser (Chromium)', match: (t) => /\/test\/e2e\//.test(t.file), minimum: 8 },
];
let ok = failed === 0;
for (const suite of REQUIRED) {
  const selected = tests.filter(suite.match);
  const ran = selected.filter((t) => t.status === 'passed' || t.status === 'failed').length;
  const skipped = selected.length - ran;
  if (ran < suite.minimum || skipped > 0) {
    console.error(`Required ${suite.name} suite did not fully run: ${ran} ran, ${skipped} skipped (need ≥ ${suite.minimum}).`);
    ok = false;
  } else {
    console.error(`${suite.name} suite: ${ran} tests ran.`);
  }
}
process.exit(ok ? 0 : 1);
