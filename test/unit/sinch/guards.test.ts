import assert from 'node:assert/strict';
import {
  assertApplicationKey,
  assertCapability,
  assertEndpointUrl,
  assertOrganisationId,
  isApplicationKey,
  isValidPhoneNumber,
  normaliseEmail,
  parseIdentity,
  parsePhoneNumber,
} from '../../../src/sinch/guards';
import { InputError } from '../../../src/platform/errors';

describe('guards', () => {
  describe('parsePhoneNumber', () => {
    const good: [string | number, number][] = [
      ['+1 415-000-5550', 14150005550],
      ['1 (415) 000 5550', 14150005550],
      [14150005550, 14150005550],
      ['14150005550', 14150005550],
      ['  +44.20.7946.0100 ', 442079460100],
      ['123456', 123456],
      ['123456789012345', 123456789012345],
    ];
    for (const [input, expected] of good) {
      it(`accepts ${JSON.stringify(input)}`, () => assert.equal(parsePhoneNumber(input), expected));
    }
    const bad: (string | number)[] = [
      '',
      '   ',
      '+',
      '12345',
      '1234567890123456',
      '+1 415 abc 5550',
      '1+4150005550',
      '../1415',
      '14150005550/..',
      '0044 20 7946 0100',
      '1e10',
      12345,
      1234567890123456,
      14150005550.5,
      -14150005550,
      NaN,
      Infinity,
      2 ** 53,
    ];
    for (const input of bad) {
      it(`rejects ${String(JSON.stringify(input) ?? input)}`, () => {
        assert.throws(
          () => parsePhoneNumber(input),
          (e: unknown) => e instanceof InputError && e instanceof RangeError && e.message.length > 10,
        );
      });
    }
  });

  it('isValidPhoneNumber allows only safe integers of 6 to 15 digits', () => {
    assert.equal(isValidPhoneNumber(14150005550), true);
    assert.equal(isValidPhoneNumber(100000), true);
    assert.equal(isValidPhoneNumber(999999999999999), true);
    for (const n of [99999, 1000000000000000, 2 ** 53 + 2, 1.5, -14150005550, NaN])
      assert.equal(isValidPhoneNumber(n), false, String(n));
  });

  describe('application keys', () => {
    it('accepts UUIDs in either case and trims them', () => {
      assert.equal(
        assertApplicationKey(' bb7b4e39-4227-4913-8c81-2db4abb54fb3 '),
        'bb7b4e39-4227-4913-8c81-2db4abb54fb3',
      );
      assert.equal(
        assertApplicationKey('669762D5-2B10-44E0-8418-BC9EE4457555'),
        '669762D5-2B10-44E0-8418-BC9EE4457555',
      );
      assert.equal(isApplicationKey('BB7B4E39-4227-4913-8C81-2DB4ABB54FB3'), true);
    });
    for (const bad of [
      '',
      'bb7b4e39',
      '../../v1/organisations',
      'bb7b4e39-4227-4913-8c81-2db4abb54fb3/../x',
      'gb7b4e39-4227-4913-8c81-2db4abb54fb3',
      'bb7b4e3942274913 8c812db4abb54fb3',
    ]) {
      it(`rejects ${JSON.stringify(bad)}`, () => {
        assert.equal(isApplicationKey(bad), false);
        assert.throws(() => assertApplicationKey(bad), InputError);
      });
    }
  });

  it('organisation ids are digits only', () => {
    assert.equal(assertOrganisationId('8888123'), '8888123');
    for (const bad of ['', 'abc', '88/../1', '-1', '1.5'])
      assert.throws(() => assertOrganisationId(bad), InputError, bad);
  });

  it('capabilities are sms or voice', () => {
    assert.equal(assertCapability('sms'), 'sms');
    assert.equal(assertCapability('voice'), 'voice');
    for (const bad of ['SMS', 'fax', '', 'voice/..']) assert.throws(() => assertCapability(bad), InputError, bad);
  });

  describe('assertEndpointUrl', () => {
    for (const [input, expected] of [
      ['https://api.sinch.com', 'https://api.sinch.com'],
      [' https://api.sinch.com/ ', 'https://api.sinch.com'],
      ['https://api.sinch.com:8443', 'https://api.sinch.com:8443'],
      ['http://127.0.0.1:3000', 'http://127.0.0.1:3000'],
      ['http://localhost:3000/', 'http://localhost:3000'],
      ['http://[::1]:3000', 'http://[::1]:3000'],
    ]) {
      it(`accepts ${input}`, () => assert.equal(assertEndpointUrl(input), expected));
    }
    for (const bad of [
      '',
      'api.sinch.com',
      'http://api.sinch.com',
      'http://127.0.0.1.evil.com',
      'ftp://127.0.0.1',
      'https://user:pw@api.sinch.com',
      'https://api.sinch.com/v1',
      'https://api.sinch.com/?x=1',
      'https://api.sinch.com/#x',
    ]) {
      it(`rejects ${JSON.stringify(bad)}`, () => assert.throws(() => assertEndpointUrl(bad), InputError));
    }
  });

  it('normaliseEmail trims', () => assert.equal(normaliseEmail('  Demo@Example.com \n'), 'Demo@Example.com'));

  describe('parseIdentity', () => {
    const good: [string, { type: 'email' | 'number'; endpoint: string }][] = [
      ['demo@example.com', { type: 'email', endpoint: 'demo@example.com' }],
      ['  demo@example.com  ', { type: 'email', endpoint: 'demo@example.com' }],
      ['a+b/c@example.co.uk', { type: 'email', endpoint: 'a+b/c@example.co.uk' }],
      ['+1 205-550-0000', { type: 'number', endpoint: '+12055500000' }],
      ['12055500000', { type: 'number', endpoint: '+12055500000' }],
      ['1 205 550 0000', { type: 'number', endpoint: '+12055500000' }],
    ];
    for (const [input, expected] of good) {
      it(`reads ${JSON.stringify(input)}`, () => assert.deepEqual(parseIdentity(input), expected));
    }
    for (const bad of [
      '',
      '   ',
      'demo',
      'demo@',
      '@example.com',
      'demo@example',
      'de mo@example.com',
      '+1 205 abc',
      '12345',
    ]) {
      it(`rejects ${JSON.stringify(bad)}`, () => assert.throws(() => parseIdentity(bad), InputError));
    }
  });
});

describe('parsePhoneNumber with a national trunk prefix', () => {
  it('drops "(0)" after the country code, as international form does', () => {
    assert.equal(parsePhoneNumber('+44 (0)20 7946 0100'), 442079460100);
    assert.equal(parsePhoneNumber('+1 (415) 000-5550'), 14150005550);
  });
});
