// Builders for rented numbers in unit tests: aNumber({ ...overrides }).
import type { RentedNumber } from '../../../src/sinch/types';

export const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
export const DAY = 24 * 60 * 60 * 1000;
export const APP_A = 'bb7b4e39-4227-4913-8c81-2db4abb54fb3';
export const APP_B = 'c3a1d2e4-5b6f-4a70-8e91-0f2a3b4c5d6e';

export function iso(t: number): string {
  return new Date(t).toISOString().replace('.000Z', '+00:00');
}

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
    numbers.push(aNumber({
      number: 14150000000 + i,
      applicationKey: i % 20 === 0 ? undefined : keys[(Math.imul(i, 2654435761) >>> 0) % apps],
      expires: iso(NOW + ((i * 37) % 400 - 30) * DAY),
      capabilities: i % 3 === 0 ? ['sms', 'voice'] : i % 3 === 1 ? ['sms'] : ['voice'],
    }));
  }
  return { numbers, keys };
}

/** 17 digits, as a server might send: beyond E.164 and beyond 2^53 (JavaScript holds ...568). */
export const INVALID = Number('12345678901234567');
