// The organisation's numbers and monthly cost in one line each, for the account's status-bar
// tooltip (through session/accountStatusFacts.ts). The same monthlySpend() figure as the
// overview and the rent confirmation.
import type { AccountStatusFacts } from '../session/accountStatusFacts';
import { l10n } from '../platform/l10n';
import { formatTotals } from './money';
import { monthlySpend } from './monthlySpend';
import type { NumbersModel } from './numbersModel';
import { numbersCount } from './wording';

type ModelView = Pick<NumbersModel, 'inventory' | 'organisationId' | 'numbers' | 'onDidChange'>;

export function organisationFacts(model: ModelView): AccountStatusFacts {
  return {
    lines: (organisationId) => {
      const inventory = model.inventory;
      if (!inventory || model.organisationId !== organisationId || !model.numbers) return [];
      const cost = formatTotals(monthlySpend(inventory), { perMonth: true });
      return [l10n.t('{0}, costing {1}', numbersCount(model.numbers.length), cost)];
    },
    onDidChange: (listener) => model.onDidChange(() => listener()),
  };
}
