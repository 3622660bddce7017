// F5 in a fresh clone: .vscode/launch.json runs the extension against the simulator. Desktop VS
// Code cannot run here, so this checks each piece F5 relies on: the pre-launch task exists, its
// background problem matchers recognise what the scripts really print, and the simulator task
// writes the Extension Development Host's settings onto the simulator it started.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

interface Matcher {
  pattern: { regexp: string } | { regexp: string }[];
  background: { beginsPattern: string; endsPattern: string };
}
interface Task {
  label: string;
  command?: string;
  script?: string;
  dependsOn?: string[];
  problemMatcher: Matcher | [];
}

const tasks: Task[] = readJson('.vscode/tasks.json').tasks;
const task = (label: string) => tasks.find((t) => t.label === label)!;

/** Runs `args` until a line matches `until`, then stops the process and waits for it to end; resolves with the output. */
async function outputUntil(args: string[], until: RegExp): Promise<string> {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let out = '';
  try {
    return await new Promise<string>((resolve, reject) => {
      const onData = (c: Buffer) => {
        out += c.toString();
        if (out.split('\n').some((l) => until.test(l))) resolve(out);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      void exited.then(() => reject(new Error(`exited (${child.exitCode}) before ${until}:\n${out}`)));
    });
  } finally {
    child.kill('SIGTERM');
    await exited; // devHost.mjs stops its simulator before it exits
  }
}

describe('F5 (.vscode/launch.json and tasks.json)', () => {
  it('the launch runs the extension from this folder in its own user data, after the watch and the simulator', () => {
    const [launch] = readJson('.vscode/launch.json').configurations;
    assert.equal(launch.type, 'extensionHost');
    assert.ok(launch.args.includes('--extensionDevelopmentPath=${workspaceFolder}'));
    const userData = launch.args.find((a: string) => a.startsWith('--user-data-dir='));
    assert.equal(userData, '--user-data-dir=${workspaceFolder}/.cache/dev-host/user-data');
    assert.deepEqual(task(launch.preLaunchTask).dependsOn, ['esbuild watch', 'Sinch simulator for F5']);
  });

  it("the watch task's matcher sees a build start and end, and reads an error's file, line and column", async function () {
    this.timeout(60_000);
    const watch = task('esbuild watch');
    assert.equal(readJson('package.json').scripts[watch.script!], 'node esbuild.mjs --watch');
    const m = watch.problemMatcher as Matcher;
    const out = await outputUntil(['esbuild.mjs', '--watch'], new RegExp(m.background.endsPattern));
    assert.match(out, new RegExp(m.background.beginsPattern, 'm'));
    // The form esbuild.mjs prints an error in.
    const [message, location] = (m.pattern as { regexp: string }[]).map((p) => new RegExp(p.regexp));
    assert.equal(message.exec('✘ [ERROR] Expected ";" but found "x"')?.[1], 'Expected ";" but found "x"');
    assert.deepEqual(location.exec('    src/extension.ts:12:4:')?.slice(1), ['src/extension.ts', '12', '4']);
  });

  it('the simulator task starts the simulator and points the host settings at it before its matcher ends', async function () {
    this.timeout(60_000);
    const simulatorTask = task('Sinch simulator for F5');
    assert.equal(simulatorTask.command, 'node scripts/devHost.mjs');
    const m = simulatorTask.problemMatcher as Matcher;
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'sinch-dev-host-'));
    const out = await outputUntil(
      ['scripts/devHost.mjs', '--user-data-dir', userData],
      new RegExp(m.background.endsPattern),
    );
    assert.match(out.split('\n')[0], new RegExp(m.background.beginsPattern));
    const url = /Sinch simulator listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1];
    const settings = JSON.parse(fs.readFileSync(path.join(userData, 'User', 'settings.json'), 'utf8'));
    for (const host of ['userApi', 'api', 'portalApi']) assert.equal(settings[`sinchNumbers.endpoints.${host}`], url);
    assert.ok(Object.keys(settings['sinchNumbers.applicationLabels']).length > 0, 'the demo applications are named');
    fs.rmSync(userData, { recursive: true, force: true });
  });
});
