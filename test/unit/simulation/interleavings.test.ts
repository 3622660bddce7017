// The interleaving simulation (test/simulation) inside the unit suite: the schedules that found
// each defect of issue 23 on the old code, now asserted to keep every invariant, and a property
// run over a fixed number of seeded schedules.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { APPS, interleavingProperty, runScenario, type RunResult, type Scenario } from '../../simulation/simulation';

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

/** One fixed scenario under `runs` seeded schedules: every violation found. */
async function violationsOf(sc: Scenario, runs = 30): Promise<string[]> {
  const found: string[] = [];
  await fc.assert(
    fc.asyncProperty(fc.scheduler(), async (s) => {
      found.push(...(await runScenario(sc, s)).violations);
    }),
    { seed: 23, numRuns: runs },
  );
  return found;
}

const none = { colleague: [], faults: [], presses: [], thinks: [], listLagMs: 0, meanwhile: [] };

describe('interleaving simulation: the schedules that found the defects of issue 23 now keep every invariant', () => {
  it('defect 1: a lost checkout answer, then 40400 and a lagging list, is never "charged nothing" and never buys again', async () => {
    // shop, reserve, before-list, checkout (carried out, answer lost), re-send (40400: used), list (lags 2 min).
    const sc: Scenario = {
      ...none,
      windows: [[{ kind: 'rent', groupId: 1, quantity: 1 }]],
      faults: ['none', 'none', 'none', 'lost', 'none', 'none', 'none'],
      // The user presses the first button of every message (the old code offered Reserve Again there).
      presses: [0, 0],
      listLagMs: 120_000,
    };
    assert.deepEqual(await violationsOf(sc), []);
  });

  it('defect 2, seeds 33 and 237: two windows write one application; no number silently disappears', async () => {
    assert.deepEqual(await violationsAt(33), []);
    assert.deepEqual(await violationsAt(237), []);
  });

  it("seed 387: a colleague's change between a read and the first PUT built from it is excused (the API cannot prevent it)", async () => {
    assert.deepEqual(await violationsAt(387), []);
  });

  it('defect 4, seed 165: a move is not undone by an assign to its source application in another window', async () => {
    assert.deepEqual(await violationsAt(165), []);
  });

  it('defect 4 in one window: a move, and meanwhile a drop onto its source application', async () => {
    const sc: Scenario = {
      ...none,
      windows: [
        [
          { kind: 'drop', numbers: [33140000100], app: APPS.ivr }, // on Support Line: a move
          { kind: 'drop', numbers: [14150005550], app: APPS.support },
        ],
      ],
      meanwhile: [false, true],
    };
    assert.deepEqual(await violationsOf(sc), []);
  });

  it('defect 5: one lapsed reservation of the cart does not empty it; the live one stays and is named', async () => {
    // Reserve into the cart, 10 minutes later another, then Check Out All kept open 10 minutes: the first lapses.
    const sc: Scenario = {
      ...none,
      windows: [
        [
          { kind: 'reserve', groupId: 1, quantity: 1 },
          { kind: 'reserve', groupId: 50, quantity: 1 },
          { kind: 'checkoutCart' },
        ],
      ],
      presses: [9, 9],
      thinks: [0, 600_000, 600_000],
    };
    assert.deepEqual(await violationsOf(sc), []);
  });

  it('defect 5 across windows, seeds 13, 48, 195, 214 and 219: claims hold across windows, no live reservation is dropped', async () => {
    for (const seed of [13, 48, 195, 214, 219]) assert.deepEqual(await violationsAt(seed), [], `seed ${seed}`);
  });

  it('seeds 82, 232, 326, 338, 394: a reservation that truly lapsed, then Reserve Again with its own confirmation, is no violation', async () => {
    for (const seed of [82, 232, 326, 338, 394]) assert.deepEqual(await violationsAt(seed), [], `seed ${seed}`);
  });
});

describe('interleaving simulation: a fixed number of seeded schedules keep every invariant', () => {
  it('150 schedules (seed 20231208): nothing bought twice, no number dropped, every statement true, nothing left held', async function () {
    this.timeout(60_000);
    await fc.assert(interleavingProperty(), { seed: 20231208, numRuns: 150 });
  });
});
