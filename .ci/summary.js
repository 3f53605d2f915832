// Prints the plain closing line CI reads ("N passed, N failed"; skipped tests on the line before) from vitest's JSON
// report, and exits non-zero when anything failed or the report is missing.
const { existsSync, readFileSync } = require('node:fs');

const [reportPath, statusArg] = process.argv.slice(2);
const status = Number(statusArg ?? 1);
if (!existsSync(reportPath)) {
  console.log(`no test report at ${reportPath} (the build or the runner failed before tests ran)`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const passed = report.numPassedTests ?? 0;
// Suites that failed to load count as failures too: their tests never ran.
const failed = (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0) - countSuitesWithFailedTests(report);
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${skipped} skipped`);
console.log(`${passed} passed, ${Math.max(failed, status === 0 ? 0 : 1)} failed`);
process.exit(status === 0 && failed === 0 && passed > 0 ? 0 : 1);

function countSuitesWithFailedTests(r) {
  return (r.testResults ?? []).filter((suite) => (suite.assertionResults ?? []).some((t) => t.status === 'failed')).length;
}
