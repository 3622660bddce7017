// What the organisation pays each month, and whether a rental takes it above the user's limit
// (setting sinchNumbers.monthlySpendLimit). One function for the monthly cost, so the overview,
// the rent confirmation, the status bar and the tree's summary row all show the same figure.
import type { Money, RentedNumber } from '../sinch/types';
import { l10n } from '../platform/l10n';
import { formatAmount, formatMoney, fromUnits, toUnits, totalsByCurrency } from './money';
import { monthlyTotals, type Inventory } from './inventory';
import type { OrgRef } from './wording';

/** The organisation's monthly recurring cost, one entry per currency (never converted), ordered by currency code. */
export function monthlySpend(inventory: Pick<Inventory, 'totals'>): Money[] {
  return inventory.totals.map((t) => ({ amount: t.amount, currencyId: t.currencyId }));
}

/** The monthly cost of a list of numbers (the flows hold a list, not the tree's inventory). */
export function monthlySpendOf(numbers: Iterable<Pick<RentedNumber, 'cost'>>): Money[] {
  return monthlyTotals(numbers).map((t) => ({ amount: t.amount, currencyId: t.currencyId }));
}

/** Currency code (upper case) → the most the user wants to pay per month in it. */
export type SpendLimits = Readonly<Record<string, number>>;

/** The setting's value as limits: codes upper-cased, amounts that are not finite and ≥ 0 left out. */
export function readSpendLimits(raw: unknown): SpendLimits {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const out: Record<string, number> = {};
  for (const [code, amount] of Object.entries(raw as Record<string, unknown>)) {
    const c = code.trim().toUpperCase();
    if (/^[A-Z]{3}$/.test(c) && typeof amount === 'number' && Number.isFinite(amount) && amount >= 0) out[c] = amount;
  }
  return out;
}

/** A currency whose monthly cost a rental takes above its limit. */
export interface LimitBreach {
  before: Money;
  after: Money;
  limit: Money;
}

/** The currencies in which `current` plus `added` (monthly amounts) ends above its limit. */
export function spendLimitBreaches(
  current: readonly Money[],
  added: readonly Money[],
  limits: SpendLimits,
): LimitBreach[] {
  const out: LimitBreach[] = [];
  for (const add of totalsByCurrency(added.map((cost) => ({ cost, quantity: 1 })))) {
    const currencyId = add.currencyId.toUpperCase();
    const limit = limits[currencyId];
    if (limit === undefined || add.amount <= 0) continue;
    const beforeUnits = current
      .filter((m) => m.currencyId.toUpperCase() === currencyId)
      .reduce((s, m) => s + toUnits(m.amount), 0);
    const afterUnits = beforeUnits + toUnits(add.amount);
    if (afterUnits > toUnits(limit))
      out.push({
        before: { amount: fromUnits(beforeUnits), currencyId: add.currencyId },
        after: { amount: fromUnits(afterUnits), currencyId: add.currencyId },
        limit: { amount: limit, currencyId: add.currencyId },
      });
  }
  return out;
}

/** "This takes Acme's monthly cost from 41.00 to 53.00 USD, above your limit of 50.00." */
export function limitBreachSentence(org: OrgRef, b: LimitBreach): string {
  const before = formatAmount(b.before);
  const after = formatMoney(b.after);
  const limit = formatAmount(b.limit);
  return org.name
    ? l10n.t("This takes {0}'s monthly cost from {1} to {2}, above your limit of {3}.", org.name, before, after, limit)
    : l10n.t(
        "This takes organisation {0}'s monthly cost from {1} to {2}, above your limit of {3}.",
        org.id,
        before,
        after,
        limit,
      );
}
