// The interleaving simulation (test/simulation) inside the unit suite. Its defects are not fixed
// yet (issue 23): these tests pin that the harness finds each reproduced class at the seed that
// found it on today's code, so a fix turns each into "holds" (flip the expectation then).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { interleavingProperty, type RunResult } from '../../simulation/simulation';

async function violationsAt(seed: number): Promise<string[]> {
  let first: RunResult | undefined;
  await fc.check(
    interleavingProperty((r) => {
      first ??= r;
    }),
    { seed, numRuns: 1, endOnFailure: true },
  );
  return first?.violations ?? [];
}

describe("interleaving simulation: finds the reproduced defects on today's code", () => {
  it('seed 104: two windows assign to one application and a number silently disappears (lost update)', async () => {
    const v = await violationsAt(104);
    assert.match(v.join('\n'), /was told "Moved .*nobody here moved it/);
  });

  it('seed 326: one confirmation of 1 number buys 2 (a 40400 read as "expired", then Reserve Again)', async () => {
    const v = await violationsAt(326);
    assert.match(v.join('\n'), /2 numbers bought for one confirmation of 1/);
  });

  it('seed 82: "the reservation expired" after another window checked it out (the cart across windows)', async () => {
    const v = await violationsAt(82);
    assert.match(v.join('\n'), /expired on Sinch.*but its reservation was used/);
  });

  it("seed 387: a colleague's number is dropped by an overwrite built from an older read", async () => {
    const v = await violationsAt(387);
    assert.match(v.join('\n'), /the colleague put it there/);
  });

  it('seed 1: a schedule that meets none of the defects keeps every invariant', async () => {
    assert.deepEqual(await violationsAt(1), []);
  });
});
