// The money confirmations: the only modals of the flow. Each states what is rented, the unit
// and total cost with currency, and the organisation (name and id) that pays. A rental that takes
// the monthly cost above the user's limit (sinchNumbers.monthlySpendLimit) is blocked unless the
// user goes over it on purpose: its button says "Above Limit", and a second modal asks again.
import type { Prompter } from '../platform/prompter';

import { groupPlace, lineBill, linesTotal, type RentLine } from './rentWording';
import { formatMoney, lineTotal } from '../numbers/money';
import { numbersCount, orgLabel, type OrgRef } from '../numbers/wording';
import { capabilitiesLabel } from '../numbers/capabilities';
import { l10n } from '../platform/l10n';
import { RentButtons } from './outcomes';
import { limitBreachSentence, type LimitBreach } from '../numbers/monthlySpend';

/** The buttons that spend above the limit: the first modal's (more follows) and the second's. */
export const AboveLimitButtons = {
  get rent(): string {
    return l10n.t('Rent Above Limit…');
  },
  get checkOut(): string {
    return l10n.t('Check Out Above Limit…');
  },
  get confirm(): string {
    return l10n.t('Go Over My Limit');
  },
};

/** The sentences that say how far over the limit the rental goes, one per currency. */
function limitLines(org: OrgRef, breaches: readonly LimitBreach[]): string[] {
  return breaches.length === 0 ? [] : [...breaches.map((b) => limitBreachSentence(org, b)), ''];
}

/** The second, explicit confirmation: only "Go Over My Limit" spends; Cancel or Escape sends nothing. */
async function confirmAboveLimit(prompter: Prompter, org: OrgRef, breaches: readonly LimitBreach[]): Promise<boolean> {
  const detail = [
    ...breaches.map((b) => limitBreachSentence(org, b)),
    '',
    l10n.t('Your limit is the setting sinchNumbers.monthlySpendLimit. Nothing is rented unless you go over it here.'),
  ].join('\n');
  const go = AboveLimitButtons.confirm;
  return (
    (await prompter.message('warning', l10n.t('Go over your monthly spend limit?'), { modal: true, detail }, go)) === go
  );
}

export type RentDecision = 'rent' | 'cart' | 'change' | undefined;

/**
 * Change Quantity… / Rent / Add to Cart / Cancel for one group. Cancel (or closing the dialog)
 * sends nothing; Change Quantity… goes back to the wizard with the answers kept. VS Code makes
 * the first button of a modal the default (focused, so Enter presses it) and adds Cancel last:
 * the first button is the one that spends nothing, so Enter, Enter, Enter never rents.
 */
export async function confirmRental(
  prompter: Prompter,
  line: RentLine,
  org: OrgRef,
  options: { allowCart?: boolean; breaches?: readonly LimitBreach[] } = {},
): Promise<RentDecision> {
  const total = formatMoney(lineTotal({ cost: line.group.cost, quantity: line.quantity }));
  const breaches = options.breaches ?? [];
  const rent = breaches.length > 0 ? AboveLimitButtons.rent : RentButtons.rent;
  const detail = [
    ...limitLines(org, breaches),
    l10n.t(
      '{0} × {1}, area code {2} ({3})',
      line.quantity,
      groupPlace(line.group),
      line.group.areaCode,
      capabilitiesLabel(line.capabilities),
    ),
    l10n.t('Unit cost: {0} per number per month', formatMoney(line.group.cost)),
    l10n.t('Total: {0} per month', total),
    l10n.t('Organisation: {0}', orgLabel(org)),
    '',
    options.allowCart === false
      ? l10n.t('Rent charges the organisation now.')
      : l10n.t(
          'Rent charges the organisation now. Add to Cart only reserves the numbers (for 15 minutes), to check out later together with others.',
        ),
  ].join('\n');
  const actions = [RentButtons.changeQuantity, rent, ...(options.allowCart === false ? [] : [RentButtons.addToCart])];
  const choice = await prompter.message(
    'warning',
    l10n.t('Rent {0} in {1} for {2} per month?', numbersCount(line.quantity), groupPlace(line.group), total),
    { modal: true, detail },
    ...actions,
  );
  if (choice === rent)
    return breaches.length === 0 || (await confirmAboveLimit(prompter, org, breaches)) ? 'rent' : undefined;
  if (choice === RentButtons.addToCart) return 'cart';
  return choice === RentButtons.changeQuantity ? 'change' : undefined;
}

/** Check Out / Cancel for several lines (the cart, a retry with the same ids, a new reservation after one expired). */
export async function confirmCheckout(
  prompter: Prompter,
  lines: readonly RentLine[],
  org: OrgRef,
  options: { intro?: string; button?: string; breaches?: readonly LimitBreach[] } = {},
): Promise<boolean> {
  const breaches = options.breaches ?? [];
  const button = options.button ?? RentButtons.checkOut;
  const count = lines.reduce((s, l) => s + l.quantity, 0);
  const total = linesTotal(lines);
  const detail = [
    ...limitLines(org, breaches),
    ...(options.intro ? [options.intro, ''] : []),
    ...lines.map(lineBill),
    l10n.t('Total: {0} per month', total),
    l10n.t('Organisation: {0}', orgLabel(org)),
    '',
    l10n.t('{0} charges the organisation now.', button),
  ].join('\n');
  const question =
    button === RentButtons.checkOut
      ? l10n.t('Check out {0} for {1} per month?', numbersCount(count), total)
      : l10n.t('{0} {1} for {2} per month?', button, numbersCount(count), total);
  const press =
    breaches.length === 0 ? button : button === RentButtons.rent ? AboveLimitButtons.rent : AboveLimitButtons.checkOut;
  const choice = await prompter.message('warning', question, { modal: true, detail }, press);
  if (choice !== press) return false;
  return breaches.length === 0 || confirmAboveLimit(prompter, org, breaches);
}
