// Mocha reporter used by every layer: prints like `spec` and writes the totals to the
// JSON file named by SINCH_TEST_RESULTS, which test/run.mjs adds up into one summary line.
// Each passed test's duration is kept too, for the runner's list of the slowest tests.
const fs = require('node:fs');
const Mocha = require('mocha');
const { EVENT_RUN_END, EVENT_SUITE_BEGIN, EVENT_SUITE_END, EVENT_TEST_FAIL, EVENT_TEST_PASS, EVENT_TEST_PENDING } =
  Mocha.Runner.constants;

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const totals = { passed: 0, failed: 0, skipped: 0, failures: [], durations: [], suites: [] };
    runner.on(EVENT_TEST_PASS, (test) => {
      totals.passed++;
      totals.durations.push({ title: test.fullTitle(), ms: test.duration || 0 });
    });
    // Wall time of each top-level suite, hooks included: where a layer's time goes.
    const suiteStarts = new Map();
    runner.on(EVENT_SUITE_BEGIN, (suite) => {
      if (suite.parent && suite.parent.root) suiteStarts.set(suite, Date.now());
    });
    runner.on(EVENT_SUITE_END, (suite) => {
      const started = suiteStarts.get(suite);
      if (started !== undefined) totals.suites.push({ title: suite.title, ms: Date.now() - started });
    });
    runner.on(EVENT_TEST_PENDING, () => {
      totals.skipped++;
    });
    runner.on(EVENT_TEST_FAIL, (test, err) => {
      totals.failed++;
      totals.failures.push({ title: test.fullTitle(), error: String((err && (err.stack || err.message)) || err) });
    });
    runner.once(EVENT_RUN_END, () => {
      const file = process.env.SINCH_TEST_RESULTS;
      if (file) fs.writeFileSync(file, JSON.stringify(totals, null, 2));
    });
  }
}
module.exports = CountingReporter;
