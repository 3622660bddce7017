// The machine's lease locks (platform/leaseLocks.ts) over real files: two instances stand for
// two windows sharing one global storage folder.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileLeaseLocks, holdAll } from '../../../src/platform/leaseLocks';

describe('lease locks in the global storage folder (two windows)', () => {
  let dir: string;
  let now: number;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sinch-locks-'));
    now = 1_000_000;
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('one window at a time; the holder renews its own; release frees it', async () => {
    const w1 = new FileLeaseLocks(dir, () => now);
    const w2 = new FileLeaseLocks(dir, () => now);
    assert.deepEqual(await w1.take('app-a', 'w1', now + 60_000), { taken: true });
    const refused = await w2.take('app-a', 'w2', now + 60_000);
    assert.equal(refused.taken, false);
    assert.equal(!refused.taken && refused.holder.owner, 'w1');
    assert.deepEqual(await w1.take('app-a', 'w1', now + 120_000, 'again'), { taken: true });
    assert.equal((await w2.holder('app-a'))?.until, now + 120_000);
    await w2.release('app-a', 'w2'); // not its lock: nothing happens
    assert.equal((await w2.holder('app-a'))?.owner, 'w1');
    await w1.release('app-a', 'w1');
    assert.deepEqual(await w2.take('app-a', 'w2', now + 60_000), { taken: true });
  });

  it('a lease that ended (its window died) is taken over', async () => {
    const w1 = new FileLeaseLocks(dir, () => now);
    const w2 = new FileLeaseLocks(dir, () => now);
    await w1.take('app-a', 'w1', now + 60_000);
    now += 60_001;
    assert.equal(await w2.holder('app-a'), undefined);
    assert.deepEqual(await w2.take('app-a', 'w2', now + 60_000), { taken: true });
    assert.equal((await w1.holder('app-a'))?.owner, 'w2');
    assert.deepEqual(
      fs.readdirSync(dir).filter((f) => !f.endsWith('.lock')),
      [],
      'no file left aside',
    );
  });

  it('holdAll waits for the other window, then holds every key until released', async () => {
    const w1 = new FileLeaseLocks(dir, () => now);
    const w2 = new FileLeaseLocks(dir, () => now);
    await w1.take('app-b', 'w1', now + 60_000);
    let waited = 0;
    const held = await holdAll(w2, ['app-b', 'app-a'], {
      owner: 'w2',
      leaseMs: 60_000,
      now: () => now,
      wait: async () => {
        waited++;
        if (waited === 2) await w1.release('app-b', 'w1');
      },
    });
    assert.equal(waited, 2);
    assert.equal((await w1.holder('app-a'))?.owner, 'w2');
    assert.equal((await w1.holder('app-b'))?.owner, 'w2');
    await held.release();
    assert.equal(await w1.holder('app-a'), undefined);
    assert.equal(await w1.holder('app-b'), undefined);
  });
});
