import assert from 'node:assert/strict';
import { capabilitiesLabel, capabilityLabel } from '../../../src/numbers/capabilities';
import { count, daysCount, listNumbers, numbersCount, orgLabel } from '../../../src/numbers/wording';

describe('wording (one way to say counts, numbers, organisations, capabilities)', () => {
  it('counts with thousands separators, singular and plural', () => {
    assert.equal(numbersCount(1), '1 number');
    assert.equal(numbersCount(20000), '20,000 numbers');
    assert.equal(daysCount(0), '0 days');
    assert.equal(daysCount(1), '1 day');
    assert.equal(count(1234567), '1,234,567');
    assert.equal(count(12.5), '12.5');
  });

  it('lists numbers as the tree writes them, "and N more" past the limit, unbreakable on request', () => {
    assert.equal(listNumbers([]), '');
    assert.equal(listNumbers([14150005550]), '+1 415-000-5550');
    assert.equal(listNumbers([14150005550, 14150005551]), '+1 415-000-5550 and +1 415-000-5551');
    assert.equal(
      listNumbers([14150005550, 14150005551, 14150005552], 2),
      '+1 415-000-5550, +1 415-000-5551 and 1 more',
    );
    assert.equal(listNumbers([14150005550], 6, true), '+1\u00a0415-000-5550');
  });

  it('names the organisation "Acme (8888123)", or by id alone', () => {
    assert.equal(orgLabel({ id: '8888123', name: 'Acme' }), 'Acme (8888123)');
    assert.equal(orgLabel({ id: '8888123' }), 'organisation 8888123');
  });

  it('labels capabilities, whatever the case, and keeps an unknown one', () => {
    assert.deepEqual(['sms', 'VOICE', 'fax'].map(capabilityLabel), ['SMS', 'Voice', 'fax']);
  });

  it('lists capabilities in one order everywhere: Voice, then SMS', () => {
    assert.equal(capabilitiesLabel(['sms', 'voice']), 'Voice + SMS');
    assert.equal(capabilitiesLabel(['voice']), 'Voice');
    assert.equal(capabilitiesLabel([]), 'no capabilities');
  });
});
