// Ends every run with the plain closing line CI tools read: "N passed, N failed, N skipped".
// Written at exit, after Jest's own summary, so that it really is the last line.
const { writeSync } = require('node:fs');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `${results.numPassedTests} passed, ${failed} failed, ${results.numPendingTests} skipped`;
    process.once('exit', () => writeSync(2, `${line}\n`));
  }
}

module.exports = SummaryReporter;
