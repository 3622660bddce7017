// F5's pre-launch task ("Sinch simulator for F5" in .vscode/tasks.json): starts the Sinch
// simulator on 127.0.0.1 and writes the user settings of the Extension Development Host (its own
// --user-data-dir, see .vscode/launch.json), so the extension under the debugger talks to the
// simulator and never to a real Sinch host. Runs until the task is terminated.
//   node scripts/devHost.mjs [--dataset demo|scale|empty] [--user-data-dir <dir>]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulatorSettings, startSimulatorProcess } from '../test/harness/simulatorProcess.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const userDataDir = path.resolve(root, arg('user-data-dir', '.cache/dev-host/user-data'));

let simulator;
const stop = async () => {
  await simulator?.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

console.log('Starting the Sinch simulator for the Extension Development Host…');
simulator = await startSimulatorProcess(['--dataset', arg('dataset', 'demo')]);
const settingsFile = path.join(userDataDir, 'User', 'settings.json');
fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
fs.writeFileSync(
  settingsFile,
  JSON.stringify({ ...(await simulatorSettings(simulator.url)), 'workbench.startupEditor': 'none' }, null, 2),
);
console.log(`Extension Development Host settings: ${settingsFile}`);
console.log('Sign in as demo@example.com / demo-password.');
// The task's problem matcher waits for this line: after it, F5 opens the window.
console.log(`Sinch simulator listening on ${simulator.url}`);
