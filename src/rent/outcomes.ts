// What the rent flows say when Sinch says no, or says nothing: each message names what happened
// to the money and offers the way forward. Plain Node: the actions come in as callbacks.
import type { Severity } from '../platform/prompter';
import { SinchApiError } from '../sinch/errors';
import { clockTime, linesTotal, numbersCount, numbersList, orgLabel, type OrgRef, type RentLine } from './describe';

export interface Action {
  title: string;
  run: () => Promise<unknown>;
}

/** The message a flow ends with: shown after the progress has closed and the flow has released its lock. */
export interface Outcome {
  severity: Severity;
  text: string;
  actions?: Action[];
}

export const Actions = {
  assign: 'Assign to Application…',
  checkOutAll: 'Check Out All…',
  rentMore: 'Rent More…',
  reserveAgain: 'Reserve Again',
  tryAgain: 'Try Again',
  checkAgain: 'Check Again',
  keepInCart: 'Keep in Cart',
  openDashboard: 'Open Sinch Dashboard',
  signIn: 'Sign In',
  refresh: 'Refresh',
  showLog: 'Show Log',
} as const;

export function apiError(e: unknown): SinchApiError | undefined {
  return e instanceof SinchApiError ? e : undefined;
}

/** The ways forward an outcome can offer; the controller supplies them. */
export interface Ways {
  openDashboard(): Promise<unknown>;
  signIn(): Promise<unknown>;
  refresh(): Promise<unknown>;
  showLog(): Promise<unknown>;
}

/** Look again at the Numbers view, or at what the extension saw. */
function checkActions(ways: Ways): Action[] {
  return [{ title: Actions.refresh, run: () => ways.refresh() }, { title: Actions.showLog, run: () => ways.showLog() }];
}

/** The refusals Sinch explains, wherever in the flow they come (shop, reserve, checkout). */
export function errorOutcome(error: unknown, org: OrgRef, who: () => string, ways: Ways): Outcome | undefined {
  const e = apiError(error);
  if (!e) return undefined;
  const code = e.errorCode ?? e.status;
  switch (e.kind) {
    case 'forbidden':
      return {
        severity: 'error',
        text: `Sinch refused to rent numbers for ${orgLabel(org)} (${code}): the signed-in account ${who()} is not the owner of the organisation. Sign in with the owner's account.`,
        actions: [{ title: Actions.signIn, run: () => ways.signIn() }],
      };
    case 'accounting':
      return {
        severity: 'error',
        text: `Billing is not set up for ${orgLabel(org)} (${code}), so Sinch cannot rent numbers to it. Set up billing in the Sinch Dashboard, then try again.`,
        actions: [{ title: Actions.openDashboard, run: () => ways.openDashboard() }],
      };
    case 'credit':
      return {
        severity: 'error',
        text: `${orgLabel(org)} does not have enough credit (${code}), so nothing was rented. Top up the account in the Sinch Dashboard, then try again.`,
        actions: [{ title: Actions.openDashboard, run: () => ways.openDashboard() }],
      };
    default:
      return undefined;
  }
}

export interface Refusal {
  org: OrgRef;
  lines: readonly RentLine[];
  /** When the first reservation was made: the cart keeps them 15 minutes from then. */
  until: number;
  fromCart: boolean;
  who: () => string;
}

/**
 * Sinch answered no to the checkout: nothing was rented. Each refusal gets its own way forward;
 * undefined when Sinch did not explain (the caller rethrows). A 40400 from the cart means the
 * caller must empty the cart: the set cannot be checked out any more.
 */
export function checkoutRefused(error: unknown, r: Refusal, ways: Ways & { keepInCart(): Promise<unknown>; reserveAgain(): Promise<unknown> }): Outcome | undefined {
  const e = apiError(error);
  const { org } = r;
  if (e?.kind === 'credit') {
    const actions: Action[] = [{ title: Actions.openDashboard, run: () => ways.openDashboard() }];
    if (!r.fromCart) actions.push({ title: Actions.keepInCart, run: () => ways.keepInCart() });
    return {
      severity: 'error',
      text: `${orgLabel(org)} does not have enough credit for this checkout of ${linesTotal(r.lines)} per month, so nothing was rented. Top up the account in the Sinch Dashboard, then try again.`
        + (r.fromCart ? ` The reservations stay in the cart until ${clockTime(r.until)}.` : ''),
      actions,
    };
  }
  if (e?.kind === 'notFound') {
    // All or nothing, and Sinch does not say which one lapsed.
    const which = r.lines.length === 1 ? 'The reservation' : 'At least one of the reservations';
    return {
      severity: 'warning',
      text: `${which} expired on Sinch before checkout (reservations last 15 minutes), so nothing was rented for ${orgLabel(org)}${r.fromCart ? ' and the cart was emptied' : ''}.`,
      actions: [{ title: Actions.reserveAgain, run: () => ways.reserveAgain() }],
    };
  }
  return errorOutcome(error, org, r.who, ways);
}

/** Why a checkout's answer is missing, as the messages say it. */
export function lostAnswerReason(cause: SinchApiError): string {
  return cause.kind === 'timeout' ? 'it did not answer in time'
    : cause.kind === 'cancelled' ? 'the request was interrupted'
      : cause.kind === 'protocol' ? `its ${cause.status ?? ''} answer could not be read`.replace(/\s+/g, ' ')
        : cause.status !== undefined ? `a gateway or proxy answered (${cause.status}) in its place`
          : 'the connection broke';
}

/** The wording after a checkout whose answer was lost: the list of numbers decides, never a resend. */
export const Reconciled = {
  /** The lead of the success message when the list shows the numbers. */
  wentThrough: (why: string) => `Sinch did not confirm the checkout (${why}), but it went through. Rented`,

  unlisted: (org: OrgRef, why: string, checkAgain: () => Promise<unknown>): Outcome => ({
    severity: 'error',
    text: `Sinch did not confirm the checkout for ${orgLabel(org)} (${why}), and its numbers could not be listed to find out whether it went through. Nothing was sent again. Check before renting again.`,
    actions: [{ title: Actions.checkAgain, run: checkAgain }],
  }),

  notRented: (org: OrgRef, why: string, tryAgain: () => Promise<unknown>): Outcome => ({
    severity: 'warning',
    text: `Sinch did not answer the checkout (${why}). The numbers of ${orgLabel(org)} show that nothing was rented and nothing was charged.`,
    actions: [{ title: Actions.tryAgain, run: tryAgain }],
  }),

  /** Some, not all: someone else rented at the same time, or the lists disagree. The user looks. */
  partial: (org: OrgRef, why: string, numbers: readonly number[], expected: number, ways: Ways): Outcome => ({
    severity: 'warning',
    text: `Sinch did not answer the checkout (${why}). ${numbers.length} of the ${expected} numbers asked for are now on ${orgLabel(org)}: ${numbersList(numbers)}. Check the Numbers view before renting again.`,
    actions: checkActions(ways),
  }),

  /** Sinch said yes, but the list shows nothing new (perhaps an empty 200 from something in between). */
  acceptedButUnseen: (org: OrgRef, expected: number, ways: Ways): Outcome => ({
    severity: 'warning',
    text: `Sinch accepted the checkout of ${numbersCount(expected)} for ${orgLabel(org)}, but its list of numbers shows no new number. Check the Numbers view before renting again.`,
    actions: checkActions(ways),
  }),
};
