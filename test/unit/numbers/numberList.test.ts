import assert from 'node:assert/strict';
import { NumberList, NumberListBuilder } from '../../../src/numbers/numberList';
import { SharedValues } from '../../../src/numbers/sharedValues';
import { readRentedNumber } from '../../../src/sinch/wire';
import { APP_A, APP_B, INVALID, NOW, DAY, aNumber, iso } from '../../support/builders';

describe('number list', () => {
  it('shares repeated values: one string per text, one frozen array per capability list, one frozen price', () => {
    const share = new SharedValues();
    // Fresh copies, as JSON.parse makes them for every number.
    const city = () => ['SAN', 'FRANCISCO'].join(' ');
    assert.equal(share.text(city()), share.text(city()));
    const a = share.strings(['sms', 'voice']);
    assert.equal(share.strings(['sms', 'voice']), a);
    assert.notEqual(share.strings(['voice']), a);
    assert.ok(Object.isFrozen(a));
    const m = share.money({ amount: 1, currencyId: 'USD' });
    assert.equal(share.money({ amount: 1, currencyId: 'USD' }), m);
    assert.notEqual(share.money({ amount: 1, currencyId: 'EUR' }), m);
    assert.ok(Object.isFrozen(m));
    // Many different lists still come back shared.
    const lists = Array.from({ length: 40 }, (_, i) => share.strings([`c${i}`]));
    assert.deepEqual(
      Array.from({ length: 40 }, (_, i) => share.strings([`c${i}`])),
      lists,
    );
    assert.ok(lists.every((l, i) => l === share.strings([`c${i}`])));
  });

  it('the wire reader builds each number from the shared values, in the wire field order', () => {
    const share = new SharedValues();
    const wire = (number: number) => JSON.parse(JSON.stringify(aNumber({ number, applicationKey: APP_A })));
    const [x, y] = [readRentedNumber(wire(14150005550), share)!, readRentedNumber(wire(14150005551), share)!];
    assert.equal(x.capabilities, y.capabilities);
    assert.equal(x.cost, y.cost);
    assert.equal(x.applicationKey, y.applicationKey);
    assert.deepEqual(Object.keys(x), [
      'number',
      'groupId',
      'capabilities',
      'applicationKey',
      'countryId',
      'city',
      'country',
      'areaCode',
      'expires',
      'cost',
    ]);
    assert.deepEqual(
      { ...x },
      JSON.parse(JSON.stringify(aNumber({ number: 14150005550, applicationKey: APP_A }))),
      'plain data: spreads and JSON see every field',
    );
  });

  it('gathers, while the numbers arrive, each expiry, each key spelling and how many have it, prices and invalid values', () => {
    const builder = new NumberListBuilder();
    const numbers = [
      aNumber({ number: 14150005550 }),
      aNumber({ number: 14150005551, applicationKey: APP_A, expires: iso(NOW + DAY) }),
      aNumber({ number: 14150005552, applicationKey: APP_B, expires: 'not a date' }),
      aNumber({ number: INVALID, applicationKey: APP_A, expires: undefined }),
    ].map((n) => readRentedNumber(JSON.parse(JSON.stringify(n)), builder.share)!);
    for (const n of numbers) builder.add(n);
    const list = builder.finish();
    assert.equal(list.size, 4);
    assert.deepEqual(list.facts.keys, [undefined, APP_A, APP_B]);
    assert.deepEqual(list.facts.keyCounts, [1, 2, 1]);
    assert.deepEqual([...list.keyIndex], [0, 1, 2, 1]);
    assert.equal(list.expiresAt[1], NOW + DAY);
    assert.ok(Number.isNaN(list.expiresAt[2]) && Number.isNaN(list.expiresAt[3]));
    assert.deepEqual([...list.facts.costs.values()], [4], 'one shared price, four numbers');
    assert.equal(list.facts.invalid, 1);
  });

  it('a list in hand gives the same facts as one built while it arrives', () => {
    const numbers = [
      aNumber(),
      aNumber({ number: 14150005551, applicationKey: APP_B }),
      aNumber({ number: 14150005552, applicationKey: APP_B.toUpperCase() }),
    ];
    const list = NumberList.of(numbers);
    assert.deepEqual(list.facts.keys, [undefined, APP_B, APP_B.toUpperCase()]);
    assert.deepEqual(list.facts.keyCounts, [1, 1, 1]);
    assert.equal(list.indexOf(14150005552), 2);
    assert.equal(list.indexOf(1), -1);
  });
});
