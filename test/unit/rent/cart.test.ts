import assert from 'node:assert/strict';
import { Cart, RESERVATION_LIFETIME_MS, type CartItem } from '../../../src/rent/cart';
import { paris } from '../../support/builders';
import { InMemoryMemento } from '../../support/memento';


const item = (referenceId: string, reservedAt: number, organisationId = '8888123'): CartItem => ({
  referenceId, organisationId, group: paris, quantity: 1, capabilities: ['voice'], reservedAt, expiresAt: reservedAt + RESERVATION_LIFETIME_MS,
});

describe('rent: cart', () => {
  it('survives a reload: a new Cart over the same storage sees the live reservations', async () => {
    const storage = new InMemoryMemento();
    const now = 1_000_000;
    const a = new Cart(storage, 'k', () => now);
    await a.add(item('r1', now));
    a.dispose();
    const b = new Cart(storage, 'k', () => now + 60_000);
    assert.deepEqual(b.items('8888123').map((i) => i.referenceId), ['r1']);
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
    assert.deepEqual(cart.items('8888123').map((i) => i.referenceId), ['ok']);
    assert.deepEqual(new Cart(new InMemoryMemento({ k: { not: 'a list' } }), 'k', () => 0).items('8888123'), []);
    cart.dispose();
  });

  it('fires a change when a reservation lapses, so the tree drops it without a click', async () => {
    let now = 0;
    const cart = new Cart(new InMemoryMemento(), 'k', () => now);
    const short: CartItem = { ...item('r1', 0), expiresAt: 30 };
    await cart.add(short);
    let changes = 0;
    cart.onDidChange(() => { changes++; now = 31; }); // by the time it fires, the clock has passed the expiry
    await new Promise((r) => setTimeout(r, 150));
    assert.deepEqual(cart.items('8888123'), []);
    assert.equal(changes, 1, 'one change at expiry, no timer after it');
    cart.dispose();
  });
});
