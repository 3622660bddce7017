// The one set of builders for every test layer: aNumber(), aGroup(), anAccount(), the demo
// shop and a large organisation. Each takes overrides for the fields a test cares about.
import type { StoredAccount } from '../../src/session/account';
import type { NumberGroup, RentedNumber } from '../../src/sinch/types';

export const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
export const DAY = 24 * 60 * 60 * 1000;
export const APP_A = 'bb7b4e39-4227-4913-8c81-2db4abb54fb3';
export const APP_B = 'c3a1d2e4-5b6f-4a70-8e91-0f2a3b4c5d6e';

/** 17 digits, as a server might send: beyond E.164 and beyond 2^53 (JavaScript holds ...568). */
export const INVALID = Number('12345678901234567');

/** An expiry as Sinch writes it. */
export function iso(t: number): string {
  return new Date(t).toISOString().replace('.000Z', '+00:00');
}

/** A rented number as the wire reader returns it: San Francisco, voice, unassigned, 1 USD a month. */
export function aNumber(overrides: Partial<RentedNumber> = {}): RentedNumber {
  return {
    number: 14150005550,
    groupId: 13,
    capabilities: ['voice'],
    countryId: 'US',
    city: 'SAN FRANCISCO',
    country: 'US',
    areaCode: '415',
    expires: iso(NOW + 200 * DAY),
    cost: { amount: 1, currencyId: 'USD' },
    ...overrides,
  };
}

/** `count` numbers spread over `apps` applications (every 20th unassigned), deterministic. */
export function manyNumbers(count: number, apps: number): { numbers: RentedNumber[]; keys: string[] } {
  const keys = Array.from({ length: apps }, (_, i) => `${i.toString(16).padStart(8, '0')}-4227-4913-8c81-2db4abb54fb3`);
  const numbers: RentedNumber[] = [];
  for (let i = 0; i < count; i++) {
    numbers.push(
      aNumber({
        number: 14150000000 + i,
        applicationKey: i % 20 === 0 ? undefined : keys[(Math.imul(i, 2654435761) >>> 0) % apps],
        expires: iso(NOW + (((i * 37) % 400) - 30) * DAY),
        capabilities: i % 3 === 0 ? ['sms', 'voice'] : i % 3 === 1 ? ['sms'] : ['voice'],
      }),
    );
  }
  return { numbers, keys };
}

/** A group of the shop: Paris, voice, 7 available at 2 USD. */
export function aGroup(overrides: Partial<NumberGroup> = {}): NumberGroup {
  return {
    groupId: 1,
    country: 'France',
    countryId: 'FR',
    city: 'PARIS',
    type: 'Voice',
    availability: 7,
    areaCode: '01',
    cost: { amount: 2, currencyId: 'USD' },
    capabilities: ['voice'],
    ...overrides,
  };
}

export const paris = aGroup();
export const london = aGroup({
  groupId: 2,
  country: 'UK',
  countryId: 'GB',
  city: 'LONDON',
  availability: 2,
  areaCode: '020',
});
export const newOrleans = aGroup({
  groupId: 75,
  country: 'US',
  countryId: 'US',
  city: 'New Orleans',
  type: 'Sms',
  availability: 5,
  areaCode: '504',
  capabilities: ['sms'],
});
export const sanFrancisco = aGroup({
  groupId: 13,
  country: 'US',
  countryId: 'US',
  city: 'SAN FRANCISCO',
  availability: 10,
  areaCode: '415',
  cost: { amount: 1, currencyId: 'USD' },
  capabilities: ['sms', 'voice'],
});
export const madrid = aGroup({
  groupId: 50,
  country: 'Spain',
  countryId: 'ES',
  city: 'MADRID',
  availability: 3,
  areaCode: '91',
  cost: { amount: 2.5, currencyId: 'EUR' },
});
export const amsterdam = aGroup({
  groupId: 60,
  country: 'Netherlands',
  countryId: 'NL',
  city: 'AMSTERDAM',
  availability: 0,
  areaCode: '020',
});

/** The simulator's demo shop, as fresh copies. */
export const shop = (): NumberGroup[] =>
  [paris, london, newOrleans, sanFrancisco, madrid, amsterdam].map((g) => ({
    ...g,
    cost: { ...g.cost },
    capabilities: [...g.capabilities],
  }));

/** A stored account (the demo user in Acme) with any field overridden. */
export function anAccount(over: Partial<StoredAccount> = {}): StoredAccount {
  return {
    id: 'email:demo@example.com',
    identity: { type: 'email', endpoint: 'demo@example.com' },
    displayName: 'Demo User',
    organisationId: '8888123',
    organisationName: 'Acme',
    instanceId: 'instance-1',
    instanceSecret: 'c2VjcmV0LXNlY3JldA==',
    expiresAt: Date.parse('2030-01-01T00:00:00Z'),
    signedInAt: Date.parse('2029-12-30T00:00:00Z'),
    ...over,
  };
}
