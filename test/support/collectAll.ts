import type { NumberCollector } from '../../src/sinch/client';
import type { RentedNumber } from '../../src/sinch/types';

/** Hands a list that is already whole to a collector: a stand-in for `streamRentedNumbers` in fakes. */
export function collectAll<T>(numbers: readonly RentedNumber[], collector: NumberCollector<T>): T {
  for (const n of numbers) collector.add(n);
  return collector.finish();
}
