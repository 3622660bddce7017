// Mocha reporter used by every layer: prints like `spec` and writes the totals to the
// JSON file named by SINCH_TEST_RESULTS, which test/run.mjs adds up into one summary line.
const fs = require('node:fs');
const Mocha = require('mocha');
const { EVENT_RUN_END, EVENT_TEST_FAIL, EVENT_TEST_PASS, EVENT_TEST_PENDING } = Mocha.Runner.constants;

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const totals = { passed: 0, failed: 0, skipped: 0, failures: [] };
    runner.on(EVENT_TEST_PASS, () => { totals.passed++; });
    runner.on(EVENT_TEST_PENDING, () => { totals.skipped++; });
    runner.on(EVENT_TEST_FAIL, (test, err) => {
      totals.failed++;
      totals.failures.push({ title: test.fullTitle(), error: String(err && (err.stack || err.message) || err) });
    });
    runner.once(EVENT_RUN_END, () => {
      const file = process.env.SINCH_TEST_RESULTS;
      if (file) fs.writeFileSync(file, JSON.stringify(totals, null, 2));
    });
  }
}
module.exports = CountingReporter;
