import assert from 'node:assert/strict';
import { capabilityLabel, count, listNumbers, orgLabel, plural } from '../../../src/numbers/wording';
import { numbersCount, numbersList, orgLabel as rentOrgLabel, capabilityLabel as rentCapabilityLabel } from '../../../src/rent/describe';
import { plural as inventoryPlural } from '../../../src/numbers/inventory';

describe('wording (one way to say counts, numbers, organisations, capabilities)', () => {
  it('plural counts with thousands separators and takes an irregular plural', () => {
    assert.equal(plural(1, 'number'), '1 number');
    assert.equal(plural(20000, 'number'), '20,000 numbers');
    assert.equal(plural(0, 'day'), '0 days');
    assert.equal(plural(1, 'number is', 'numbers are'), '1 number is');
    assert.equal(plural(7, 'number is', 'numbers are'), '7 numbers are');
    assert.equal(count(1234567), '1,234,567');
    assert.equal(count(12.5), '12.5');
  });

  it('lists numbers as the tree writes them, "and N more" past the limit, unbreakable on request', () => {
    assert.equal(listNumbers([]), '');
    assert.equal(listNumbers([14150005550]), '+1 415-000-5550');
    assert.equal(listNumbers([14150005550, 14150005551]), '+1 415-000-5550 and +1 415-000-5551');
    assert.equal(listNumbers([14150005550, 14150005551, 14150005552], 2), '+1 415-000-5550, +1 415-000-5551 and 1 more');
    assert.equal(listNumbers([14150005550], 6, true), '+1\u00a0415-000-5550');
  });

  it('names the organisation "Acme (8888123)", or by id alone', () => {
    assert.equal(orgLabel({ id: '8888123', name: 'Acme' }), 'Acme (8888123)');
    assert.equal(orgLabel({ id: '8888123' }), 'organisation 8888123');
  });

  it('labels capabilities, whatever the case, and keeps an unknown one', () => {
    assert.deepEqual(['sms', 'VOICE', 'fax'].map(capabilityLabel), ['SMS', 'Voice', 'fax']);
  });

  it('the rent flow and the tree say it the same way (they use this module)', () => {
    assert.equal(rentOrgLabel, orgLabel);
    assert.equal(rentCapabilityLabel, capabilityLabel);
    assert.equal(inventoryPlural, plural);
    assert.equal(numbersCount(1000), plural(1000, 'number'));
    assert.equal(numbersList([14150005550, 14150005551]), listNumbers([14150005550, 14150005551], 5, true));
  });
});
