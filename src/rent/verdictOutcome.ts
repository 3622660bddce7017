// What the user is told once a checkout's verdict is known (checkoutVerdict.ts): how the answer
// came (a lost answer, the one re-send, another window), what was rented and for whom as far as
// the evidence tells, and what became of the reservation. Plain Node: the buttons' work comes in as callbacks.
import { l10n } from '../platform/l10n';
import { numbersCount, orgLabel, type OrgRef } from '../numbers/wording';
import type { CheckoutAnswer, CheckoutVerdict } from './checkoutVerdict';
import type { CheckoutMark } from './cart';
import type { Button } from '../platform/messages';
import { RentButtons, type Outcome, type RentFollowUps } from './outcomes';
import { clockTime, groupPlace, numbersList, type RentLine } from './rentWording';

/** How the last answer came. */
export interface VerdictStory {
  /** Why the first checkout's answer was lost (lostAnswerReason); undefined when it was answered. */
  lost?: string;
  /** The last answer: the first checkout's, or the re-send's after a lost one. */
  answer: CheckoutAnswer;
  /** The cart shows that another window checked these reservations out (or is doing so). */
  elsewhere?: Pick<CheckoutMark, 'state' | 'at'>;
}

export interface VerdictContext {
  org: OrgRef;
  lines: readonly RentLine[];
  /** When the reservations lapse on Sinch (by our clock, never later than Sinch's). */
  until: number;
  /** `until` has passed. */
  lapsed: boolean;
}

export interface VerdictWays extends RentFollowUps {
  assign(numbers: number[]): Promise<unknown>;
  /** The same reservation ids once more, after a confirmation. */
  tryAgain(): Promise<unknown>;
  /** Lists the numbers again against the same "before"; sends nothing. */
  checkAgain(): Promise<unknown>;
  reserveAgain(): Promise<unknown>;
}

export function verdictOutcome(
  v: CheckoutVerdict,
  story: VerdictStory,
  ctx: VerdictContext,
  ways: VerdictWays,
): Outcome {
  const text = [lead(v, story, ctx), body(v, story, ctx), fate(v, story, ctx)].filter((s) => s !== '').join(' ');
  return { severity: severity(v), text, buttons: buttons(v, story, ways) };
}

function lead(v: CheckoutVerdict, story: VerdictStory, { until, lapsed }: VerdictContext): string {
  const { lost, answer, elsewhere } = story;
  if (elsewhere) {
    return elsewhere.state === 'checkedOut'
      ? l10n.t(
          'Another VS Code window checked out this reservation at {0}; this window did not buy it again.',
          clockTime(elsewhere.at),
        )
      : l10n.t(
          'Another VS Code window has been checking out this reservation since {0}; this window did not buy it again.',
          clockTime(elsewhere.at),
        );
  }
  if (lost === undefined) {
    if (answer !== 'gone') return '';
    if (v.rented === 'yes')
      return l10n.t(
        'This reservation had already been checked out (from another VS Code window, or by an earlier attempt), so nothing was bought twice.',
      );
    return lapsed
      ? l10n.t('Sinch no longer holds the reservation (40400): it was checked out already, or it expired.')
      : l10n.t(
          'Sinch no longer holds the reservation (40400), although it should be open until {0}: it was checked out already, perhaps from another VS Code window, or it expired early.',
          clockTime(until),
        );
  }
  switch (answer) {
    case 'success':
      return l10n.t(
        'Sinch did not answer the checkout ({0}), so it was sent once more with the same reservation, which cannot be charged twice; that went through.',
        lost,
      );
    case 'gone':
      return v.rented === 'yes'
        ? l10n.t(
            'Sinch did not confirm the checkout ({0}), but it went through: sent once more with the same reservation, Sinch answered that it was used already.',
            lost,
          )
        : l10n.t(
            'Sinch did not answer the checkout ({0}); sent once more with the same reservation, Sinch answered that it no longer holds it (40400).',
            lost,
          );
    case 'refused':
      return l10n.t(
        'Sinch did not answer the checkout ({0}); sent once more with the same reservation, it was refused.',
        lost,
      );
    case 'unknown':
      return l10n.t(
        'Sinch did not answer the checkout ({0}), nor when it was sent once more with the same reservation.',
        lost,
      );
  }
}

function body(v: CheckoutVerdict, story: VerdictStory, { org, lines, lapsed }: VerdictContext): string {
  const appeared = v.appeared;
  const where = places(lines);
  if (story.elsewhere && v.rented !== 'yes') return l10n.t('The Numbers view shows the numbers of {0}.', orgLabel(org));
  if (v.rented === 'yes') {
    if (v.ours.length === 1)
      return l10n.t('Rented {0} for {1}.', numbersList(v.ours.map((n) => n.number)), orgLabel(org));
    if (v.ours.length > 1)
      return l10n.t(
        'Rented {0} for {1}: {2}.',
        numbersCount(v.ours.length),
        orgLabel(org),
        numbersList(v.ours.map((n) => n.number)),
      );
    if (appeared === undefined)
      return l10n.t(
        'Rented {0} for {1}. Refresh the Numbers view to see them.',
        numbersCount(v.expected),
        orgLabel(org),
      );
    if (appeared.length > v.expected) {
      return l10n.t(
        'Rented {0} for {1}. New numbers appeared in {2} since just before the checkout: {3}. They may not all be yours: someone else may have rented in the same group at the same time.',
        numbersCount(v.expected),
        orgLabel(org),
        where,
        numbersList(appeared.map((n) => n.number)),
      );
    }
    return appeared.length === 0
      ? l10n.t(
          'Sinch accepted the checkout of {0} for {1}, but its list of numbers shows no new number. Check the Numbers view before renting again.',
          numbersCount(v.expected),
          orgLabel(org),
        )
      : l10n.t(
          'Sinch accepted the checkout of {0} for {1}, but its list of numbers shows only {2} new in {3}: {4}. Check the Numbers view before renting again.',
          numbersCount(v.expected),
          orgLabel(org),
          appeared.length,
          where,
          numbersList(appeared.map((n) => n.number)),
        );
  }
  if (v.rented === 'unknown' && story.answer === 'gone' && story.lost !== undefined && appeared !== undefined) {
    // The re-send was answered 40400: the first send most likely went through; its numbers may not be listed yet.
    return lapsed
      ? l10n.t(
          'That means the first checkout went through and its numbers are still being set up (the list does not show them yet), or the reservation lapsed meanwhile. Nothing more was sent, and nothing new is reserved until this is settled: Check Again looks once more.',
        )
      : l10n.t(
          "During the reservation's lifetime that means it was used: the first checkout most likely went through, and its numbers are still being set up (the list does not show them yet). Nothing more was sent, and nothing new is reserved until this is settled: Check Again looks once more.",
        );
  }
  if (v.rented === 'no') {
    // Gone without a new number: this checkout bought nothing, but another may have used the reservation.
    return v.reservation === 'gone' && story.answer === 'gone'
      ? l10n.t(
          'No new number appeared since just before this checkout, so this checkout rented nothing and charged nothing. Check the Numbers view before reserving again.',
        )
      : l10n.t('The numbers of {0} show that nothing was rented and nothing was charged.', orgLabel(org));
  }
  if (appeared === undefined)
    return l10n.t(
      'The numbers of {0} could not be listed to find out whether it went through. Nothing more was sent. Check before renting again.',
      orgLabel(org),
    );
  return l10n.t(
    'New numbers appeared in {0} since just before the checkout: {1}. They may not be yours: someone else may have rented in the same group at the same time. Check the Numbers view before renting again.',
    where,
    numbersList(appeared.map((n) => n.number)),
  );
}

/** What became of the reservation, unless the lead or "Rented" already says it. */
function fate(v: CheckoutVerdict, story: VerdictStory, { until }: VerdictContext): string {
  if (story.elsewhere) return '';
  switch (v.reservation) {
    case 'used':
      return story.lost === undefined ? '' : l10n.t('The reservation is used.');
    case 'open':
      return l10n.t(
        'The reservation stays open until {0}: Try Again sends it once more, and it cannot be charged twice.',
        clockTime(until),
      );
    case 'gone':
      return story.answer === 'gone' ? '' : l10n.t('Sinch no longer holds the reservation.');
    case 'unknown':
      return l10n.t('The reservation is either used or still open until {0}.', clockTime(until));
  }
}

function severity(v: CheckoutVerdict): Outcome['severity'] {
  if (v.rented === 'yes' && (v.ours.length > 0 || v.appeared === undefined)) return 'info';
  return v.rented === 'unknown' && v.appeared === undefined ? 'error' : 'warning';
}

function buttons(v: CheckoutVerdict, story: VerdictStory, ways: VerdictWays): Button[] {
  const look: Button[] = [
    { title: RentButtons.refresh, run: () => ways.refresh() },
    { title: RentButtons.showLog, run: () => ways.showLog() },
  ];
  if (story.elsewhere) return [look[0]];
  // Used or still being provisioned: look again (against the first before-list), never buy again yet.
  if (v.rented === 'unknown' && story.answer === 'gone' && story.lost !== undefined)
    return [{ title: RentButtons.checkAgain, run: () => ways.checkAgain() }, look[0]];
  if (v.rented === 'yes') {
    if (v.ours.length > 0) return [{ title: RentButtons.assign, run: () => ways.assign(v.ours.map((n) => n.number)) }];
    return v.appeared === undefined ? [] : look;
  }
  if (v.rented === 'no') {
    if (v.reservation === 'open') return [{ title: RentButtons.tryAgain, run: () => ways.tryAgain() }];
    return [{ title: RentButtons.reserveAgain, run: () => ways.reserveAgain() }, look[0]];
  }
  return v.appeared === undefined ? [{ title: RentButtons.checkAgain, run: () => ways.checkAgain() }] : look;
}

/** "Paris, France" or "Paris, France and London, United Kingdom": the groups asked for. */
function places(lines: readonly RentLine[]): string {
  const names = [...new Set(lines.map((l) => groupPlace(l.group)))];
  return names.length === 1
    ? names[0]
    : l10n.t('{0} and {1}', names.slice(0, -1).join(l10n.t(', ')), names[names.length - 1]);
}
