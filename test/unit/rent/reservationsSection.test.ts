// Rent's Reservations as a section of the Numbers tree (the TreeSection port), in plain Node.
import assert from 'node:assert/strict';
import { Cart, RESERVATION_LIFETIME_MS } from '../../../src/rent/cart';
import { ReservationsSection } from '../../../src/rent/reservationsSection';
import { Emitter } from '../../../src/platform/emitter';
import { paris } from '../../support/builders';
import { InMemoryMemento } from '../../support/memento';

describe('rent: the Reservations section of the tree', () => {
  it('is absent without reservations; otherwise one row per reservation, its age and a tooltip of facts', async () => {
    let now = 1_000_000;
    const cart = new Cart(new InMemoryMemento(), 'k', () => now);
    const session = new Emitter<void>();
    const section = new ReservationsSection(cart, () => '8888123', session.event);
    let changes = 0;
    section.onDidChange(() => changes++);
    assert.equal(section.view('8888123', now), undefined);
    assert.equal(section.any, false);

    await cart.add({
      referenceId: 'ref-1',
      organisationId: '8888123',
      group: paris,
      quantity: 3,
      capabilities: ['voice'],
      reservedAt: now,
      expiresAt: now + RESERVATION_LIFETIME_MS,
    });
    assert.equal(changes, 1, 'a cart change is a section change');
    assert.equal(section.any, true);
    now += 4 * 60_000;
    const view = section.view('8888123', now)!;
    assert.deepEqual([view.head.id, view.head.label, view.head.contextValue], ['reservations', 'Reservations', 'cart']);
    assert.equal(view.head.description, '3 numbers reserved, not yet rented');
    const [row] = view.rows;
    assert.deepEqual([row.id, row.ref, row.contextValue], ['reservation/ref-1', 'ref-1', 'reservation']);
    assert.equal(row.description, '3 × Voice · reserved 4 min ago');
    assert.ok(
      row.tooltip?.fields?.some(([name, value]) => name === 'Lapses' && value === 'in 11 min unless you check out'),
    );
    assert.equal(section.view('9999001', now), undefined, 'another organisation has none');
    section.dispose();
    cart.dispose();
  });
});
