import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const cli = path.join(root, 'test', 'simulator', 'cli.ts');
const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');

describe('simulator CLI', function () {
  this.timeout(15000);

  it('prints the listening line (port 0), serves, and exits cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [tsx, cli, '--port', '0', '--dataset', 'scale', '--numbers', '30', '--applications', '4', '--quiet'],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let out = '';
      const lines = await new Promise<string[]>((resolve, reject) => {
        child.stdout.on('data', (d) => {
          out += d.toString();
          const ls = out.split('\n');
          if (ls.length >= 3) resolve(ls);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      const m = /^Sinch simulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(lines[0]);
      assert.ok(m, lines[0]);
      assert.notEqual(m[2], '0');
      assert.match(lines[1], /demo@example\.com \/ demo-password/);
      const state = (await (await fetch(`${m[1]}/__simulator/state`)).json()) as { numbers: { orgId: string }[] };
      assert.equal(state.numbers.filter((n) => n.orgId === '8888123').length, 30);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });

  it('refuses bad arguments with a usage line and exit code 2', async () => {
    const child = spawn(process.execPath, [tsx, cli, '--dataset', 'huge'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => {
      err += d.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 2);
    assert.match(err, /usage: simulator/);
  });
});
