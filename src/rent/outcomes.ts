// What the rent flows say when Sinch says no, or says nothing: each message names what happened
// to the money and offers the way forward. Plain Node: the buttons' work comes in as callbacks.
import type { Button, Message } from '../platform/messages';
import { SinchApiError } from '../sinch/errors';
import { followUpTitle } from '../platform/errors';
import { l10n } from '../platform/l10n';
import { clockTime, linesTotal, type RentLine } from './rentWording';
import { orgLabel, type OrgRef } from '../numbers/wording';

/** The message a flow ends with: shown after the progress has closed and the flow has released its lock. */
export type Outcome = Message;

/**
 * The button titles of the rent flows' messages (Sign In and Show Log as everywhere else).
 * Getters, so each reads the translator in place when it is asked for.
 */
export const RentButtons = {
  get rent(): string {
    return l10n.t('Rent');
  },
  /** The money confirmation's first button, so its default: back to the quantity, nothing spent. */
  get changeQuantity(): string {
    return l10n.t('Change Quantity…');
  },
  get addToCart(): string {
    return l10n.t('Add to Cart');
  },
  get checkOut(): string {
    return l10n.t('Check Out');
  },
  get assign(): string {
    return l10n.t('Assign to Application…');
  },
  get checkOutAll(): string {
    return l10n.t('Check Out All…');
  },
  get rentMore(): string {
    return l10n.t('Rent More…');
  },
  get reserveAgain(): string {
    return l10n.t('Reserve Again');
  },
  get tryAgain(): string {
    return l10n.t('Try Again');
  },
  get checkAgain(): string {
    return l10n.t('Check Again');
  },
  get keepInCart(): string {
    return l10n.t('Keep in Cart');
  },
  get openDashboard(): string {
    return l10n.t('Open Sinch Dashboard');
  },
  get signIn(): string {
    return followUpTitle('signIn');
  },
  get refresh(): string {
    return l10n.t('Refresh');
  },
  get showLog(): string {
    return followUpTitle('showLog');
  },
};

export function apiError(e: unknown): SinchApiError | undefined {
  return e instanceof SinchApiError ? e : undefined;
}

/** The ways forward an outcome can offer; the controller supplies them. */
export interface RentFollowUps {
  openDashboard(): Promise<unknown>;
  signIn(): Promise<unknown>;
  refresh(): Promise<unknown>;
  showLog(): Promise<unknown>;
}

/** The refusals Sinch explains, wherever in the flow they come (shop, reserve, checkout). */
export function errorOutcome(error: unknown, org: OrgRef, who: () => string, ways: RentFollowUps): Outcome | undefined {
  const e = apiError(error);
  if (!e) return undefined;
  const code = e.errorCode ?? e.status ?? '';
  switch (e.kind) {
    case 'forbidden':
      return {
        severity: 'error',
        text: l10n.t(
          "Sinch refused to rent numbers for {0} ({1}): the signed-in account {2} is not the owner of the organisation. Sign in with the owner's account.",
          orgLabel(org),
          code,
          who(),
        ),
        buttons: [{ title: RentButtons.signIn, run: () => ways.signIn() }],
      };
    case 'accounting':
      return {
        severity: 'error',
        text: l10n.t(
          'Billing is not set up for {0} ({1}), so Sinch cannot rent numbers to it. Set up billing in the Sinch Dashboard, then try again.',
          orgLabel(org),
          code,
        ),
        buttons: [{ title: RentButtons.openDashboard, run: () => ways.openDashboard() }],
      };
    case 'credit':
      return {
        severity: 'error',
        text: l10n.t(
          '{0} does not have enough credit ({1}), so nothing was rented. Top up the account in the Sinch Dashboard, then try again.',
          orgLabel(org),
          code,
        ),
        buttons: [{ title: RentButtons.openDashboard, run: () => ways.openDashboard() }],
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
export function checkoutRefused(
  error: unknown,
  r: Refusal,
  ways: RentFollowUps & { keepInCart(): Promise<unknown>; reserveAgain(): Promise<unknown> },
): Outcome | undefined {
  const e = apiError(error);
  const { org } = r;
  if (e?.kind === 'credit') {
    const buttons: Button[] = [{ title: RentButtons.openDashboard, run: () => ways.openDashboard() }];
    if (!r.fromCart) buttons.push({ title: RentButtons.keepInCart, run: () => ways.keepInCart() });
    return {
      severity: 'error',
      text:
        l10n.t(
          '{0} does not have enough credit for this checkout of {1} per month, so nothing was rented. Top up the account in the Sinch Dashboard, then try again.',
          orgLabel(org),
          linesTotal(r.lines),
        ) + (r.fromCart ? ` ${l10n.t('The reservations stay in the cart until {0}.', clockTime(r.until))}` : ''),
      buttons,
    };
  }
  if (e?.kind === 'notFound') {
    // All or nothing, and Sinch does not say which one lapsed.
    const text =
      r.lines.length === 1
        ? r.fromCart
          ? l10n.t(
              'The reservation expired on Sinch before checkout (reservations last 15 minutes), so nothing was rented for {0} and the cart was emptied.',
              orgLabel(org),
            )
          : l10n.t(
              'The reservation expired on Sinch before checkout (reservations last 15 minutes), so nothing was rented for {0}.',
              orgLabel(org),
            )
        : r.fromCart
          ? l10n.t(
              'At least one of the reservations expired on Sinch before checkout (reservations last 15 minutes), so nothing was rented for {0} and the cart was emptied.',
              orgLabel(org),
            )
          : l10n.t(
              'At least one of the reservations expired on Sinch before checkout (reservations last 15 minutes), so nothing was rented for {0}.',
              orgLabel(org),
            );
    return {
      severity: 'warning',
      text,
      buttons: [{ title: RentButtons.reserveAgain, run: () => ways.reserveAgain() }],
    };
  }
  return errorOutcome(error, org, r.who, ways);
}

/** Why a checkout's answer is missing, as the messages say it. */
export function lostAnswerReason(cause: SinchApiError): string {
  if (cause.kind === 'timeout') return l10n.t('it did not answer in time');
  if (cause.kind === 'cancelled') return l10n.t('the request was interrupted');
  if (cause.kind === 'protocol')
    return cause.status !== undefined
      ? l10n.t('its {0} answer could not be read', cause.status)
      : l10n.t('its answer could not be read');
  if (cause.status !== undefined) return l10n.t('a gateway or proxy answered ({0}) in its place', cause.status);
  return l10n.t('the connection broke');
}
