// Money, one way everywhere: exact sums per currency (never converted) and one way of writing
// an amount, so a JPY price reads the same in the tree, the rent modal and a tooltip.
import { l10n } from '../platform/l10n';
import type { Money } from '../sinch/types';

/** One line of a bill: a unit cost and how many. */
export interface CostLine {
  cost: Money;
  quantity: number;
}

// Sums are made in millionths so 0.1 + 0.2 is 0.3 and unit prices with sub-cent parts stay exact.
const SCALE = 1_000_000;

/** quantity × unit cost, exactly. */
export function lineTotal(line: CostLine): Money {
  return { amount: (Math.round(line.cost.amount * SCALE) * line.quantity) / SCALE, currencyId: line.cost.currencyId };
}

/** The total of every line, one entry per currency (never converted), ordered by currency code. */
export function totalsByCurrency(lines: readonly CostLine[]): Money[] {
  const sums = new Map<string, number>();
  for (const l of lines)
    sums.set(l.cost.currencyId, (sums.get(l.cost.currencyId) ?? 0) + Math.round(l.cost.amount * SCALE) * l.quantity);
  return [...sums.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currencyId, units]) => ({ amount: units / SCALE, currencyId }));
}

/**
 * "4.00 USD": the currency's usual decimals (more only when the amount has them), and its code,
 * never a symbol ($ is ambiguous). An amount without a currency stays a bare amount.
 */
export function formatMoney(m: Money): string {
  const text = formatAmount(m);
  return m.currencyId ? `${text} ${clip(m.currencyId, 8)}` : text;
}

/** "4.00": the amount as formatMoney writes it, without the currency (for "from 41.00 to 53.00 USD"). */
export function formatAmount(m: Money): string {
  const digits = currencyDigits(m.currencyId);
  return new Intl.NumberFormat('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: Math.max(digits, 4),
  }).format(m.amount);
}

/** An amount in millionths, exact (the unit every sum here is made in). */
export function toUnits(amount: number): number {
  return Math.round(amount * SCALE);
}

/** The amount of `units` millionths. */
export function fromUnits(units: number): number {
  return units / SCALE;
}

/**
 * "4.00 USD + 2.50 EUR", one amount per currency; `perMonth` writes each as "4.00 USD/month".
 * No totals reads "0.00 USD".
 */
export function formatTotals(totals: readonly Money[], options: { perMonth?: boolean } = {}): string {
  if (totals.length === 0) return formatMoney({ amount: 0, currencyId: 'USD' });
  return totals.map((t) => (options.perMonth ? l10n.t('{0}/month', formatMoney(t)) : formatMoney(t))).join(' + ');
}

function currencyDigits(currencyId: string): number {
  try {
    return (
      new Intl.NumberFormat('en-US', { style: 'currency', currency: currencyId }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2; // not an ISO 4217 code: show it with cents
  }
}

function clip(s: string, max = 40): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
