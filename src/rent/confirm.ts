// The money confirmations: the only modals of the flow. Each states what is rented, the unit
// and total cost with currency, and the organisation (name and id) that pays.
import type { Prompter } from '../platform/prompter';
import { formatMoney, lineTotal } from './rental';
import { capabilitiesLabel, groupPlace, lineBill, linesTotal, numbersCount, orgLabel, type OrgRef, type RentLine } from './describe';

export const RENT = 'Rent';
export const ADD_TO_CART = 'Add to Cart';
export const CHECK_OUT = 'Check Out';

export type RentDecision = 'rent' | 'cart' | undefined;

/** Rent / Add to Cart / Cancel for one group. Cancel (or closing the dialog) sends nothing. */
export async function confirmRental(prompter: Prompter, line: RentLine, org: OrgRef, options: { allowCart?: boolean } = {}): Promise<RentDecision> {
  const total = formatMoney(lineTotal({ cost: line.group.cost, quantity: line.quantity }));
  const detail = [
    `${line.quantity} × ${groupPlace(line.group)}, area code ${line.group.areaCode} (${capabilitiesLabel(line.capabilities)})`,
    `Unit cost: ${formatMoney(line.group.cost)} per number per month`,
    `Total: ${total} per month`,
    `Organisation: ${orgLabel(org)}`,
    '',
    options.allowCart === false
      ? 'Rent charges the organisation now.'
      : `Rent charges the organisation now. Add to Cart only reserves the numbers (for 15 minutes), to check out later together with others.`,
  ].join('\n');
  const actions = options.allowCart === false ? [RENT] : [RENT, ADD_TO_CART];
  const choice = await prompter.message('warning', `Rent ${numbersCount(line.quantity)} in ${groupPlace(line.group)} for ${total} per month?`, { modal: true, detail }, ...actions);
  return choice === RENT ? 'rent' : choice === ADD_TO_CART ? 'cart' : undefined;
}

/** Check Out / Cancel for several lines (the cart, a retry with the same ids, a new reservation after one expired). */
export async function confirmCheckout(
  prompter: Prompter,
  lines: readonly RentLine[],
  org: OrgRef,
  options: { intro?: string; button?: string } = {},
): Promise<boolean> {
  const button = options.button ?? CHECK_OUT;
  const count = lines.reduce((s, l) => s + l.quantity, 0);
  const total = linesTotal(lines);
  const detail = [
    ...(options.intro ? [options.intro, ''] : []),
    ...lines.map(lineBill),
    `Total: ${total} per month`,
    `Organisation: ${orgLabel(org)}`,
    '',
    `${button} charges the organisation now.`,
  ].join('\n');
  const verb = button === CHECK_OUT ? 'Check out' : button;
  const choice = await prompter.message('warning', `${verb} ${numbersCount(count)} for ${total} per month?`, { modal: true, detail }, button);
  return choice === button;
}
