import assert from 'node:assert/strict';
import { mock } from 'node:test';
import { Cart, CHECKOUT_MARK_MS, RESERVATION_LIFETIME_MS, type CartItem } from '../../../src/rent/cart';
import { paris } from '../../support/builders';
import { InMemoryMemento } from '../../support/memento';

const item = (referenceId: string, reservedAt: number, organisationId = '8888123'): CartItem => ({
  referenceId,
  organisationId,
  group: paris,
  quantity: 1,
  capabilities: ['voice'],
  reservedAt,
  expiresAt: reservedAt + RESERVATION_LIFETIME_MS,
});

describe('rent: cart', () => {
  it('survives a reload: a new Cart over the same storage sees the live reservations', async () => {
    const storage = new InMemoryMemento();
    const now = 1_000_000;
    const a = new Cart(storage, 'k', () => now);
    await a.add(item('r1', now));
    a.dispose();
    const b = new Cart(storage, 'k', () => now + 60_000);
    assert.deepEqual(
      b.items('8888123').map((i) => i.referenceId),
      ['r1'],
    );
    b.dispose();
  });

  it('adding the same reference id again replaces it; remove forgets; other organisations are apart', async () => {
    const cart = new Cart(new InMemoryMemento(), 'k', () => 0);
    await cart.add(item('r1', 0));
    await cart.add(item('r1', 0));
    await cart.add(item('r2', 0, '9999001'));
    assert.equal(cart.items('8888123').length, 1);
    assert.equal(cart.items('9999001').length, 1);
    assert.deepEqual(cart.items(undefined), []);
    await cart.remove(['r1']);
    assert.deepEqual(cart.items('8888123'), []);
    cart.dispose();
  });

  it('ignores malformed stored entries', () => {
    const cart = new Cart(new InMemoryMemento({ k: [null, 3, { referenceId: 'x' }, item('ok', 0)] }), 'k', () => 0);
    assert.deepEqual(
      cart.items('8888123').map((i) => i.referenceId),
      ['ok'],
    );
    assert.deepEqual(new Cart(new InMemoryMemento({ k: { not: 'a list' } }), 'k', () => 0).items('8888123'), []);
    cart.dispose();
  });

  it('fires a change when a reservation lapses, so the tree drops it without a click', async () => {
    // Virtual timers: the cart's one expiry timer fires when the test moves time, not after a pause.
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      let now = 0;
      const cart = new Cart(new InMemoryMemento(), 'k', () => now);
      const short: CartItem = { ...item('r1', 0), expiresAt: 30 };
      await cart.add(short);
      let changes = 0;
      cart.onDidChange(() => {
        changes++;
        now = 31;
      }); // by the time it fires, the clock has passed the expiry
      mock.timers.tick(29);
      assert.equal(changes, 0, 'nothing before the expiry');
      mock.timers.tick(100);
      assert.deepEqual(cart.items('8888123'), []);
      assert.equal(changes, 1, 'one change at expiry');
      mock.timers.tick(RESERVATION_LIFETIME_MS * 10);
      assert.equal(changes, 1, 'no timer after it');
      cart.dispose();
    } finally {
      mock.timers.reset();
    }
  });

  describe('checkout marks: two windows share one cart', () => {
    /** Two windows: two Carts over one globalState. */
    function twoWindows(now: () => number = () => 0) {
      const storage = new InMemoryMemento();
      return { a: new Cart(storage, 'k', now), b: new Cart(storage, 'k', now), storage };
    }

    it('a claim marks the reservations with the window and the time; the other window sees them held elsewhere and cannot claim them', async () => {
      let now = 1_000;
      const { a, b } = twoWindows(() => now);
      await a.add(item('r1', 0));
      await a.add(item('r2', 0));
      assert.deepEqual(await a.claim(['r1'], 'A'), { claimed: true, elsewhere: [] });
      now = 2_000;
      assert.deepEqual(a.holder('r1', 'A'), { by: 'here' });
      assert.deepEqual(b.holder('r1', 'B'), { by: 'elsewhere', state: 'checkingOut', at: 1_000 });
      assert.deepEqual(b.holder('r2', 'B'), { by: 'here' });
      assert.deepEqual(await b.claim(['r2', 'r1'], 'B'), { claimed: false, elsewhere: ['r1'] });
      assert.equal(b.holder('r2', 'A').by, 'here', 'a refused claim marks nothing');
      assert.deepEqual(
        b.items('8888123').map((i) => i.referenceId),
        ['r1', 'r2'],
        'still in the cart while being checked out',
      );
    });

    it('settle: used keeps a checkedOut mark (hidden from the cart, seen by the other window), gone forgets, open releases', async () => {
      const { a, b } = twoWindows(() => 5_000);
      for (const id of ['r1', 'r2', 'r3']) await a.add(item(id, 0));
      await a.claim(['r1', 'r2', 'r3'], 'A');
      await a.settle(['r1'], 'A', 'used');
      await a.settle(['r2'], 'A', 'gone');
      await a.settle(['r3'], 'A', 'open');
      assert.deepEqual(
        b.items('8888123').map((i) => i.referenceId),
        ['r3'],
      );
      assert.deepEqual(b.holder('r1', 'B'), { by: 'elsewhere', state: 'checkedOut', at: 5_000 });
      assert.deepEqual(a.holder('r1', 'A'), { by: 'none' }, 'checked out here: nothing left to do');
      assert.deepEqual(b.holder('r2', 'B'), { by: 'none' });
      assert.deepEqual(b.holder('r3', 'B'), { by: 'here' });
    });

    it("release drops only this window's checkingOut marks; a settle never overwrites another window's mark", async () => {
      const { a, b, storage } = twoWindows(() => 0);
      await a.add(item('r1', 0));
      await a.add(item('r2', 0));
      await a.claim(['r1'], 'A');
      await b.claim(['r2'], 'B');
      const writes = storage.writes;
      await a.release(['r2'], 'A');
      assert.equal(storage.writes, writes, 'nothing of ours to release: nothing written');
      await a.settle(['r2'], 'A', 'used');
      assert.deepEqual(a.holder('r2', 'A'), { by: 'elsewhere', state: 'checkingOut', at: 0 });
      await a.release(['r1'], 'A');
      assert.deepEqual(b.holder('r1', 'B'), { by: 'here' });
    });

    it('a checkingOut mark older than CHECKOUT_MARK_MS is a window that went away; a checkedOut mark lasts as long as the reservation', async () => {
      let now = 0;
      const { a, b } = twoWindows(() => now);
      await a.add(item('r1', 0));
      await a.add(item('r2', 0));
      await a.claim(['r1'], 'A');
      await a.claim(['r2'], 'A');
      await a.settle(['r2'], 'A', 'used');
      now = CHECKOUT_MARK_MS;
      assert.deepEqual(b.holder('r1', 'B'), { by: 'here' });
      assert.equal((await b.claim(['r1'], 'B')).claimed, true);
      assert.equal(b.holder('r2', 'B').by, 'elsewhere');
      now = RESERVATION_LIFETIME_MS;
      assert.deepEqual(b.holder('r2', 'B'), { by: 'none' });
    });

    it('keeps entries stored before marks existed, and drops a malformed mark', () => {
      const bad = { ...item('bad', 0), checkout: { state: 'sold', window: 'A', at: 0 } };
      const cart = new Cart(new InMemoryMemento({ k: [item('old', 0), bad] }), 'k', () => 0);
      assert.deepEqual(
        cart.items('8888123').map((i) => i.referenceId),
        ['old'],
      );
      cart.dispose();
    });
  });
});
