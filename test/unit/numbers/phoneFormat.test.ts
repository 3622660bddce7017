import assert from 'node:assert/strict';
import {
  countryName,
  digitsOf,
  displayCity,
  formatPhoneNumber,
  formatWithLibrary,
  toE164,
} from '../../../src/numbers/phoneFormat';

describe('phoneFormat', () => {
  const cases: [number, string][] = [
    [14150005550, '+1 415-000-5550'],
    [15045550100, '+1 504-555-0100'],
    [14165550100, '+1 416-555-0100'],
    [33140000100, '+33 1 40 00 01 00'],
    [442079460100, '+44 20 7946 0100'],
    [493012340100, '+49 30 12340100'],
    [4685550100, '+46 8 555 01 00'],
    [34915550100, '+34 915 55 01 00'],
    [31205550100, '+31 20 555 0100'],
    [61291234567, '+61 2 9123 4567'],
  ];
  for (const [n, text] of cases) {
    it(`formats ${n} as ${text}`, () => assert.equal(formatPhoneNumber(n), text));
  }

  it('formats a number with an unknown country calling code as bare E.164', () => {
    assert.equal(formatPhoneNumber(999123456), '+999123456');
  });

  it('shows an invalid value (16+ digits, unsafe integer) as its digits, without a plus', () => {
    assert.equal(formatPhoneNumber(1234567890123456), '1234567890123456');
    assert.equal(formatPhoneNumber(2 ** 60), '1152921504606846976');
    assert.equal(formatPhoneNumber(1e21), '1000000000000000000000');
    assert.equal(toE164(1234567890123456), undefined);
    assert.equal(toE164(14150005550), '+14150005550');
    assert.equal(digitsOf(1e21), '1000000000000000000000');
  });

  it('the layout cache gives what the library gives, across many numbers of several countries', () => {
    const prefixes = [
      '1415',
      '1504',
      '3314',
      '4420',
      '4930',
      '468',
      '3491',
      '3120',
      '6129',
      '8613',
      '4477',
      '3906',
      '8190',
    ];
    let checked = 0;
    for (const p of prefixes) {
      for (let i = 0; i < 300; i++) {
        const suffix = String((i * 7919 + 12345) % 10 ** 7).padStart(7, '0');
        const digits = `${p}${suffix}`.slice(0, 15);
        const n = Number(digits);
        assert.equal(formatPhoneNumber(n), formatWithLibrary(digits), digits);
        checked++;
      }
    }
    assert.equal(checked, prefixes.length * 300);
  });

  it('names countries in English, falling back to the server text', () => {
    assert.equal(countryName('US', 'US'), 'United States');
    assert.equal(countryName('fr', 'France'), 'France');
    assert.equal(countryName('GB', 'UK'), 'United Kingdom');
    assert.equal(countryName('', 'Atlantis'), 'Atlantis');
    assert.equal(countryName('', ''), 'Unknown country');
  });

  it('title-cases cities sent in capitals and leaves mixed case alone', () => {
    assert.equal(displayCity('SAN FRANCISCO'), 'San Francisco');
    assert.equal(displayCity('ST. LOUIS'), 'St. Louis');
    assert.equal(displayCity('New Orleans'), 'New Orleans');
    assert.equal(displayCity('MÜNCHEN'), 'München');
    assert.equal(displayCity(''), '');
  });
});
