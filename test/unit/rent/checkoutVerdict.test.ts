// The checkout verdict (src/rent/checkoutVerdict.ts): a number is called ours only when a
// checkout of our reservation went through and exactly what we asked for appeared; every other
// new number "may not be yours"; and the reservation's fate is always known or said unknown.
import assert from 'node:assert/strict';
import { answerOf, judgeCheckout, type CheckoutAnswer } from '../../../src/rent/checkoutVerdict';
import { SinchApiError, type SinchErrorKind } from '../../../src/sinch/errors';
import { aNumber } from '../../support/builders';

const before = [aNumber({ number: 14150005550 }), aNumber({ number: 14150005551 })];
const paris = (n: number) => aNumber({ number: 33140000100 + n, groupId: 1 });
const ONE_PARIS = [{ groupId: 1, quantity: 1 }];

function judge(
  answer: CheckoutAnswer,
  appeared: number[] | undefined,
  opts: { lapsed?: boolean; expected?: { groupId: number; quantity: number }[] } = {},
) {
  const after = appeared && [...before, ...appeared.map(paris)];
  const v = judgeCheckout({
    answer,
    before,
    after,
    expected: opts.expected ?? ONE_PARIS,
    mayHaveLapsed: opts.lapsed ?? false,
  });
  return {
    rented: v.rented,
    ours: v.ours.map((n) => n.number - 33140000100),
    appeared: v.appeared?.map((n) => n.number - 33140000100),
    reservation: v.reservation,
  };
}

describe('rent: the checkout verdict', () => {
  it('success with exactly the numbers asked for: ours, named; the reservation is used', () => {
    assert.deepEqual(judge('success', [0]), { rented: 'yes', ours: [0], appeared: [0], reservation: 'used' });
    const two = judgeCheckout({
      answer: 'success',
      before,
      after: [...before, paris(0), paris(1)],
      expected: [{ groupId: 1, quantity: 2 }],
      mayHaveLapsed: false,
    });
    assert.deepEqual(
      two.ours.map((n) => n.number),
      [33140000100, 33140000101],
    );
  });

  it('success while a colleague rented in the same group: rented, but no number is claimed', () => {
    assert.deepEqual(judge('success', [0, 1]), { rented: 'yes', ours: [], appeared: [0, 1], reservation: 'used' });
  });

  it('success with fewer new numbers than asked, or none, or an unreadable list: rented, nothing claimed', () => {
    assert.deepEqual(judge('success', []), { rented: 'yes', ours: [], appeared: [], reservation: 'used' });
    assert.deepEqual(judge('success', undefined), {
      rented: 'yes',
      ours: [],
      appeared: undefined,
      reservation: 'used',
    });
    assert.deepEqual(judge('success', [0], { expected: [{ groupId: 1, quantity: 2 }] }).ours, []);
  });

  it('a number of another group is never counted', () => {
    const v = judgeCheckout({
      answer: 'success',
      before,
      after: [...before, aNumber({ number: 15045550100, groupId: 75 }), paris(0)],
      expected: ONE_PARIS,
      mayHaveLapsed: false,
    });
    assert.deepEqual(
      v.ours.map((n) => n.number),
      [33140000100],
    );
  });

  it('40400 inside the lifetime (the re-send after a lost answer): the first went through; ours when exactly what was asked appeared', () => {
    assert.deepEqual(judge('gone', [0]), { rented: 'yes', ours: [0], appeared: [0], reservation: 'used' });
    assert.deepEqual(
      judge('gone', [0, 1]),
      { rented: 'yes', ours: [], appeared: [0, 1], reservation: 'used' },
      'more appeared: may not be yours',
    );
  });

  it('40400 with nothing new: nothing was rented, the reservation is gone', () => {
    assert.deepEqual(judge('gone', []), { rented: 'no', ours: [], appeared: [], reservation: 'gone' });
    assert.deepEqual(judge('gone', [], { lapsed: true }), {
      rented: 'no',
      ours: [],
      appeared: [],
      reservation: 'gone',
    });
  });

  it('40400 when the reservation may have lapsed, or with fewer than asked, or unlisted: not known, nothing claimed', () => {
    assert.deepEqual(judge('gone', [0], { lapsed: true }), {
      rented: 'unknown',
      ours: [],
      appeared: [0],
      reservation: 'gone',
    });
    assert.deepEqual(judge('gone', [0], { expected: [{ groupId: 1, quantity: 2 }] }).rented, 'unknown');
    assert.deepEqual(judge('gone', undefined), {
      rented: 'unknown',
      ours: [],
      appeared: undefined,
      reservation: 'gone',
    });
  });

  it('no answer twice (or a refusal), nothing new: nothing rented, the reservation still open (gone once lapsed)', () => {
    for (const answer of ['unknown', 'refused'] as const) {
      assert.deepEqual(judge(answer, []), { rented: 'no', ours: [], appeared: [], reservation: 'open' });
      assert.equal(judge(answer, [], { lapsed: true }).reservation, 'gone');
    }
  });

  it('no answer twice and new numbers in the group: "may not be yours", the reservation used or open', () => {
    assert.deepEqual(judge('unknown', [0]), { rented: 'unknown', ours: [], appeared: [0], reservation: 'unknown' });
    assert.deepEqual(judge('unknown', undefined), {
      rented: 'unknown',
      ours: [],
      appeared: undefined,
      reservation: 'unknown',
    });
  });

  it('reads a checkout error as evidence', () => {
    const e = (kind: SinchErrorKind, extra: { outcomeUnknown?: boolean; status?: number } = {}) =>
      new SinchApiError({ kind, message: kind, method: 'POST', path: '/', ...extra });
    assert.equal(answerOf(e('notFound', { status: 404 })), 'gone');
    assert.equal(answerOf(e('credit', { status: 402 })), 'refused');
    assert.equal(answerOf(e('unavailable', { status: 503 })), 'refused');
    assert.equal(answerOf(e('network', { outcomeUnknown: true })), 'unknown');
    assert.equal(answerOf(e('network')), 'unknown', 'connection refused: never sent, nothing learnt');
    assert.equal(answerOf(e('timeout', { outcomeUnknown: true })), 'unknown');
    assert.equal(answerOf(e('unavailable', { status: 502, outcomeUnknown: true })), 'unknown');
  });
});
