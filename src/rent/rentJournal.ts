// What the rent flows write to the activity journal (the port in numbers/activity.ts): one entry
// per reservation and per checkout that reached Sinch, priced, with the verdict and the message shown.
import { actorOf, recordActivity, type ActivityVerdict } from '../numbers/activity';
import { totalsByCurrency } from '../numbers/money';
import type { Money } from '../sinch/types';
import type { ActiveSession } from '../session/sessionManager';
import type { CheckoutVerdict } from './checkoutVerdict';
import type { RentEnvironment } from './rentEnvironment';
import type { RentLine } from './rentWording';

/** A checkout's verdict as the journal's: rented and seen in the list, not rented, or not known. */
export function checkoutVerdictOf(v: Pick<CheckoutVerdict, 'rented'>): ActivityVerdict {
  if (v.rented === 'yes') return 'verified';
  return v.rented === 'no' ? 'failed' : 'unknown';
}

/** The unit cost when every line has the same price, and the monthly total per currency. */
export function rentCost(lines: readonly RentLine[]): { unitCost?: Money; totalCost: Money[] } {
  const costs = lines.map((l) => l.group.cost);
  const same = costs.every((c) => c.amount === costs[0]?.amount && c.currencyId === costs[0]?.currencyId);
  return {
    ...(costs.length > 0 && same ? { unitCost: { ...costs[0] } } : {}),
    totalCost: totalsByCurrency(lines.map((l) => ({ cost: l.group.cost, quantity: l.quantity }))),
  };
}

export function recordRent(
  env: Pick<RentEnvironment, 'activity' | 'session' | 'now'>,
  s: ActiveSession,
  entry: {
    operation: 'reserve' | 'checkout';
    lines: readonly RentLine[];
    numbers?: readonly number[];
    verdict: ActivityVerdict;
    message: string;
  },
): void {
  recordActivity(
    env,
    {
      operation: entry.operation,
      numbers: [...(entry.numbers ?? [])],
      applications: [],
      ...rentCost(entry.lines),
      verdict: entry.verdict,
      message: entry.message,
    },
    actorOf(s),
  );
}
