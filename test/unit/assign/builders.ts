import type { RentedNumber } from '../../../src/sinch/types';

/** A rented number as the wire reader returns it. */
export function aNumber(number: number, capabilities: string[] = ['voice'], applicationKey?: string): RentedNumber {
  return {
    number, groupId: 13, capabilities, countryId: 'US', city: 'SAN FRANCISCO', country: 'US', areaCode: '415', cost: { amount: 1, currencyId: 'USD' },
    ...(applicationKey ? { applicationKey } : {}),
  };
}
