// Builders for the rent unit tests: the simulator's demo shop, as plain data.
import type { NumberGroup, RentedNumber } from '../../../src/sinch/types';

export function aGroup(overrides: Partial<NumberGroup> = {}): NumberGroup {
  return {
    groupId: 1, country: 'France', countryId: 'FR', city: 'PARIS', type: 'Voice', availability: 7,
    areaCode: '01', cost: { amount: 2, currencyId: 'USD' }, capabilities: ['voice'], ...overrides,
  };
}

export const paris = aGroup();
export const london = aGroup({ groupId: 2, country: 'UK', countryId: 'GB', city: 'LONDON', availability: 2, areaCode: '020' });
export const newOrleans = aGroup({ groupId: 75, country: 'US', countryId: 'US', city: 'New Orleans', type: 'Sms', availability: 5, areaCode: '504', capabilities: ['sms'] });
export const sanFrancisco = aGroup({ groupId: 13, country: 'US', countryId: 'US', city: 'SAN FRANCISCO', availability: 10, areaCode: '415', cost: { amount: 1, currencyId: 'USD' }, capabilities: ['sms', 'voice'] });
export const madrid = aGroup({ groupId: 50, country: 'Spain', countryId: 'ES', city: 'MADRID', availability: 3, areaCode: '91', cost: { amount: 2.5, currencyId: 'EUR' } });
export const amsterdam = aGroup({ groupId: 60, country: 'Netherlands', countryId: 'NL', city: 'AMSTERDAM', availability: 0, areaCode: '020' });

export const shop = (): NumberGroup[] => [paris, london, newOrleans, sanFrancisco, madrid, amsterdam].map((g) => ({ ...g, cost: { ...g.cost }, capabilities: [...g.capabilities] }));

export function aNumber(number: number, overrides: Partial<RentedNumber> = {}): RentedNumber {
  return {
    number, groupId: 13, capabilities: ['voice'], countryId: 'US', city: 'SAN FRANCISCO', country: 'US', areaCode: '415',
    expires: '2030-01-01T00:00:00+00:00', cost: { amount: 1, currencyId: 'USD' }, ...overrides,
  };
}
