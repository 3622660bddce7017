// Starts the simulator, points the machine-scoped endpoint settings at it, and runs the
// integration suite inside the VS Code server's extension host. Exit code = verdict.
import { runIntegrationSuite } from './runInVSCode.mjs';
import { startSimulatorProcess } from './simulatorProcess.mjs';

const simulator = await startSimulatorProcess();
let code = 1;
try {
  code = await runIntegrationSuite({
    settings: {
      'sinchNumbers.endpoints.userApi': simulator.url,
      'sinchNumbers.endpoints.api': simulator.url,
      'sinchNumbers.endpoints.portalApi': simulator.url,
    },
    env: {
      SINCH_SIMULATOR_URL: simulator.url,
      SINCH_TEST_RESULTS: process.env.SINCH_TEST_RESULTS ?? '',
      SINCH_TEST_REPORTER: process.env.SINCH_TEST_REPORTER ?? '',
      SINCH_TEST_GREP: process.env.SINCH_TEST_GREP ?? '',
    },
    verbose: process.env.SINCH_TEST_VERBOSE === '1',
  });
} catch (e) {
  console.error(e);
} finally {
  await simulator.stop();
}
process.exit(code);
