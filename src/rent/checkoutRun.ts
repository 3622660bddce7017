// One checkout, from the list read right before it to the message after it. The comparison list
// is never the tree's (minutes old, it would count a colleague's new number as ours). When the
// answer is lost, the SAME reservation ids are sent once more: a reservation is checked out once,
// so that second POST completes a first that never arrived, or answers 40400 when the first went
// through; it never buys twice. Then the organisation's numbers are listed again and
// checkoutVerdict.ts judges. Reservations from the cart are claimed for this window first.
import type { ActiveSession } from '../session/sessionManager';
import type { RentedNumber } from '../sinch/types';
import { errorSummary, UserCancelled } from '../platform/errors';
import { isCancellation, describeError } from '../sinch/errorText';
import { l10n } from '../platform/l10n';
import { numbersCount, orgLabel, type OrgRef } from '../numbers/wording';
import { CHECKOUT_MARK_MS, reservationExpiry } from './cart';
import { answerOf, judgeCheckout, type CheckoutAnswer, type CheckoutVerdict } from './checkoutVerdict';
import { apiError, checkoutRefused, lostAnswerReason, RentButtons, type Outcome, type RentFollowUps } from './outcomes';
import type { RentEnvironment } from './rentEnvironment';
import { clockTime, groupPlace, type RentLine } from './rentWording';
import { verdictOutcome, type VerdictStory } from './verdictOutcome';
import { checkoutVerdictOf, recordRent } from './rentJournal';
import type { ActivityVerdict } from '../numbers/activity';

/** A reservation made on Sinch, with what it asked for. */
export interface Reservation {
  referenceId: string;
  line: RentLine;
  reservedAt: number;
}

/** The flows a checkout's message may offer; the controller runs each under its lock. */
export interface CheckoutFollowUps extends RentFollowUps {
  checkOutAll(): Promise<unknown>;
  tryAgain(org: OrgRef, reservations: readonly Reservation[], before: readonly RentedNumber[]): Promise<unknown>;
  checkAgain(
    org: OrgRef,
    reservations: readonly Reservation[],
    before: readonly RentedNumber[],
    story: VerdictStory,
  ): Promise<unknown>;
  /** `lapsed`: the earlier reservation's time is up (else Sinch dropped it for another reason, and the wording says so). */
  reserveAgain(org: OrgRef, lines: readonly RentLine[], lapsed: boolean): Promise<unknown>;
  keepInCart(org: OrgRef, reservations: readonly Reservation[]): Promise<void>;
}

export interface CheckoutJob {
  s: ActiveSession;
  org: OrgRef;
  reservations: readonly Reservation[];
  /** The reservations are in the cart: claimed for this window while it checks them out. */
  fromCart: boolean;
  /** Try Again: the list read before the FIRST checkout of these reservations (the comparison stays with it). */
  before?: readonly RentedNumber[];
}

type Report = (message: string) => void;

export class CheckoutRun {
  constructor(
    private readonly env: RentEnvironment,
    private readonly ways: CheckoutFollowUps,
  ) {}

  /** Cancel works until the POST is sent; from then on only an answer (or its absence) ends it. */
  async run(job: CheckoutJob, report: Report, signal: AbortSignal): Promise<Outcome> {
    const ids = job.reservations.map((r) => r.referenceId);
    // With the machine's locks the claim is made there only: each window's copy of globalState
    // syncs late, so a mark there could come back from a stale copy after it was released.
    if (job.fromCart && !this.env.claims) {
      const claim = await this.env.cart.claim(ids, this.env.windowId);
      if (!claim.claimed) {
        const theirs = job.reservations.filter((r) => claim.elsewhere.includes(r.referenceId));
        const held = this.heldElsewhere(job.org, theirs, job.reservations.length - theirs.length);
        if (held) return held;
      }
    }
    if (job.fromCart) {
      const taken = await this.claimOnMachine(job);
      if (taken) return taken;
    }
    try {
      const before = job.before ?? (await this.listBefore(job, report, signal));
      if ('severity' in before) return before;
      if (signal.aborted) throw new UserCancelled();
      report(l10n.t('Checking out… (this cannot be cancelled any more)'));
      await this.renewClaim(job, ids);
      const first = await this.send(job, ids);
      if (first.answer === 'success')
        this.env.log.info(`Checked out ${ids.length} reservation(s) for organisation ${job.org.id}.`);
      if (first.answer === 'refused') {
        const outcome = await this.refused(first.error, job);
        this.record(job, 'failed', [], outcome?.text ?? describeError(first.error).text);
        if (outcome) return outcome;
        throw first.error;
      }
      if (first.answer !== 'unknown')
        return await this.judge(job, before, { answer: first.answer }, report, first.error);
      const lost = lostAnswerReason(apiError(first.error)!);
      report(
        l10n.t(
          'Sinch did not answer the checkout: sending the same reservation once more (it cannot be charged twice)…',
        ),
      );
      await this.renewClaim(job, ids);
      const second = await this.send(job, ids);
      this.env.log.warn(
        `Checkout for organisation ${job.org.id} had no answer; the same reservation ids sent once more: ${second.answer}.`,
      );
      return await this.judge(job, before, { lost, answer: second.answer }, report, second.error);
    } finally {
      if (job.fromCart) {
        await this.env.cart.release(ids, this.env.windowId);
        await this.releaseOnMachine(ids);
      }
    }
  }

  /**
   * Claims every reservation in the machine's locks (atomic across windows, unlike globalState);
   * when another window holds one, gives back what was taken and says so.
   */
  private async claimOnMachine(job: CheckoutJob): Promise<Outcome | undefined> {
    const locks = this.env.claims;
    if (!locks) return undefined;
    const taken: string[] = [];
    for (const r of job.reservations) {
      const got = await locks.take(
        claimKey(r.referenceId),
        this.env.windowId,
        this.env.now() + CHECKOUT_MARK_MS,
        'checkingOut',
      );
      if (got.taken) {
        taken.push(r.referenceId);
        continue;
      }
      for (const id of taken) await locks.release(claimKey(id), this.env.windowId);
      const state = got.holder.note === 'checkedOut' ? 'checkedOut' : 'checkingOut';
      return this.heldElsewhereText(job.org, [r], job.reservations.length - 1, { state, at: got.holder.since });
    }
    return undefined;
  }

  /** Another window's claim on one of these reservations in the machine's locks, told as such; none when free. */
  async heldOnMachine(org: OrgRef, reservations: readonly Reservation[]): Promise<Outcome | undefined> {
    const locks = this.env.claims;
    if (!locks) return undefined;
    for (const r of reservations) {
      const holder = await locks.holder(claimKey(r.referenceId));
      if (!holder || holder.owner === this.env.windowId) continue;
      const state = holder.note === 'checkedOut' ? 'checkedOut' : 'checkingOut';
      return this.heldElsewhereText(org, [r], reservations.length - 1, { state, at: holder.since });
    }
    return undefined;
  }

  /** Checked out: the claim stays, marked so, until the reservation would have lapsed (other windows read it). */
  private async markCheckedOut(reservations: readonly Reservation[]): Promise<void> {
    const locks = this.env.claims;
    if (!locks) return;
    for (const r of reservations)
      await locks.take(claimKey(r.referenceId), this.env.windowId, reservationExpiry(r.reservedAt), 'checkedOut');
  }

  private async releaseOnMachine(ids: readonly string[]): Promise<void> {
    const locks = this.env.claims;
    if (!locks) return;
    for (const id of ids) {
      const h = await locks.holder(claimKey(id));
      if (h?.owner === this.env.windowId && h.note === 'checkingOut')
        await locks.release(claimKey(id), this.env.windowId);
    }
  }

  /**
   * Lists the numbers again and tells what the checkout did (never sends anything). `answered`:
   * the error of the last answer, when Sinch said no; its own message then says what to do.
   */
  async judge(
    job: CheckoutJob,
    before: readonly RentedNumber[],
    story: VerdictStory,
    report: Report,
    answered?: unknown,
  ): Promise<Outcome> {
    const { org, reservations } = job;
    const ids = reservations.map((r) => r.referenceId);
    const until = reservationExpiry(Math.min(...reservations.map((r) => r.reservedAt)));
    // Seen before our own mark changes: does the cart say another window has it?
    const elsewhere = story.answer === 'success' ? undefined : await this.elsewhereNow(ids);
    if (story.answer === 'success') {
      await this.env.cart.settle(ids, this.env.windowId, 'used');
      if (job.fromCart) await this.markCheckedOut(reservations);
    }
    report(l10n.t('Refreshing the numbers…'));
    const after = await this.env.model.refresh({ fresh: true }).catch((error: unknown) => {
      this.env.session.noteError(error);
      this.env.log.warn(`The numbers could not be listed after the checkout: ${errorSummary(error)}`);
      return undefined;
    });
    const lapsed = this.env.now() >= until;
    const verdict = judgeCheckout({
      answer: story.answer,
      before,
      after,
      expected: expectedOf(reservations),
      mayHaveLapsed: lapsed,
      earlierUnknown: story.lost !== undefined,
    });
    this.env.log.info(
      `Checkout verdict for organisation ${org.id}: answer ${story.answer}${story.lost ? ' after a lost answer' : ''}, rented ${verdict.rented}, ${verdict.appeared?.length ?? 'unlisted'} new in the groups asked for, reservation ${verdict.reservation}.`,
    );
    if (verdict.rented === 'yes') this.env.rented?.();
    await this.settle(reservations, verdict, story.answer);
    await this.reveal(verdict);
    const said = (outcome: Outcome): Outcome => {
      // Checked out by another window: that window's journal entry tells it.
      if (!elsewhere)
        this.record(
          job,
          checkoutVerdictOf(verdict),
          verdict.ours.map((n) => n.number),
          outcome.text,
        );
      return outcome;
    };
    // A 40400 is "expired" only once the reservation's time is up; before that it may have been used elsewhere.
    const saidNo = story.answer === 'refused' || (story.answer === 'gone' && story.lost === undefined && lapsed);
    if (verdict.rented === 'no' && !elsewhere && saidNo && answered !== undefined) {
      // Nothing was rented and Sinch said why: the refusal's own message (credit, billing, expired) and way forward.
      const told = await this.refused(answered, job);
      if (told && story.lost === undefined) return said(told);
      if (told)
        return said({
          ...told,
          text: `${l10n.t('Sinch did not answer the checkout ({0}); sent once more with the same reservation, it was refused.', story.lost ?? '')} ${told.text}`,
        });
    }
    return said(
      verdictOutcome(
        verdict,
        { ...story, elsewhere },
        { org, lines: reservations.map((r) => r.line), until, lapsed },
        {
          ...this.ways,
          assign: (numbers) => this.env.assignNumbers(numbers),
          // Against the FIRST before-list: a list read now would hide what the first checkout bought.
          tryAgain: () => this.ways.tryAgain(org, reservations, before),
          checkAgain: () => this.ways.checkAgain(org, reservations, before, story),
          reserveAgain: () =>
            this.ways.reserveAgain(
              org,
              reservations.map((r) => r.line),
              lapsed,
            ),
        },
      ),
    );
  }

  /**
   * What a flow says instead of checking out reservations another window holds; undefined when
   * none does. `othersInCart`: how many of the flow's other reservations stay in the cart.
   */
  heldElsewhere(
    org: OrgRef,
    reservations: readonly Pick<Reservation, 'referenceId' | 'line'>[],
    othersInCart = 0,
  ): Outcome | undefined {
    const mark = this.elsewhereMark(reservations.map((r) => r.referenceId));
    return mark && this.heldElsewhereText(org, reservations, othersInCart, mark);
  }

  private heldElsewhereText(
    org: OrgRef,
    reservations: readonly Pick<Reservation, 'referenceId' | 'line'>[],
    othersInCart: number,
    mark: { state: 'checkingOut' | 'checkedOut'; at: number },
  ): Outcome {
    const what =
      reservations.length === 1
        ? l10n.t(
            'the reservation of {0} in {1}',
            numbersCount(reservations[0].line.quantity),
            groupPlace(reservations[0].line.group),
          )
        : l10n.t('{0} reservations', reservations.length);
    return {
      severity: 'info',
      text:
        (mark.state === 'checkedOut'
          ? l10n.t(
              'Another VS Code window checked out {0} for {1} at {2}, so this window does not check it out again. The Numbers view shows the new numbers.',
              what,
              orgLabel(org),
              clockTime(mark.at),
            )
          : l10n.t(
              'Another VS Code window has been checking out {0} for {1} since {2}, so this window does not check it out again. The Numbers view shows the new numbers once that window is done.',
              what,
              orgLabel(org),
              clockTime(mark.at),
            )) +
        (othersInCart === 1
          ? ` ${l10n.t('Nothing else was checked out: the other reservation stays in the cart.')}`
          : '') +
        (othersInCart > 1
          ? ` ${l10n.t('Nothing else was checked out: the other {0} reservations stay in the cart.', othersInCart)}`
          : ''),
      buttons: [{ title: RentButtons.refresh, run: () => this.ways.refresh() }],
    };
  }

  /** Sinch answered no to the checkout: nothing was rented (outcomes.ts words it); undefined when Sinch did not explain. */
  async refused(error: unknown, job: CheckoutJob): Promise<Outcome | undefined> {
    const { org, reservations, fromCart } = job;
    const lines = reservations.map((r) => r.line);
    const until = reservationExpiry(Math.min(...reservations.map((r) => r.reservedAt)));
    if (fromCart && apiError(error)?.kind === 'notFound') {
      // Sinch refuses the whole set for one lapsed reservation: forget the lapsed ones (by their
      // expiry times), keep the live ones, and say which is which.
      const now = this.env.now();
      const lapsed = reservations.filter((r) => now >= reservationExpiry(r.reservedAt));
      const live = reservations.filter((r) => now < reservationExpiry(r.reservedAt));
      await this.env.cart.remove(lapsed.map((r) => r.referenceId));
      if (lapsed.length > 0 && live.length > 0) return this.someLapsed(org, lapsed, live);
      if (lapsed.length === 0) return undefined;
    }
    return checkoutRefused(
      error,
      { org, lines, until, fromCart, who: () => this.env.session.current().account.identity.endpoint },
      {
        ...this.ways,
        keepInCart: async () => {
          await this.ways.keepInCart(org, reservations);
          await this.env.prompter.message(
            'info',
            l10n.t(
              'The reservation is in the cart until {0}. Top up the account, then use Check Out All.',
              clockTime(until),
            ),
            {},
          );
        },
        reserveAgain: () => this.ways.reserveAgain(org, lines, this.env.now() >= until),
      },
    );
  }

  /** A cart checkout refused because some of its reservations lapsed: those are named and forgotten, the others kept. */
  private someLapsed(org: OrgRef, lapsed: readonly Reservation[], live: readonly Reservation[]): Outcome {
    const names = lapsed.map((r) =>
      l10n.t(
        '{0} in {1} (expired at {2})',
        numbersCount(r.line.quantity),
        groupPlace(r.line.group),
        clockTime(reservationExpiry(r.reservedAt)),
      ),
    );
    const keptUntil = clockTime(Math.min(...live.map((r) => reservationExpiry(r.reservedAt))));
    return {
      severity: 'warning',
      text: `${l10n.t('Sinch refused the checkout because some reservations expired (reservations last 15 minutes): {0}. Nothing was rented for {1}.', names.join(l10n.t(', ')), orgLabel(org))} ${
        live.length === 1
          ? l10n.t('The other reservation stays in the cart (until {0}): Check Out All checks it out.', keptUntil)
          : l10n.t(
              'The other {0} reservations stay in the cart (the first until {1}): Check Out All checks them out.',
              live.length,
              keptUntil,
            )
      }`,
      buttons: [
        { title: RentButtons.checkOutAll, run: () => this.ways.checkOutAll() },
        {
          title: RentButtons.reserveAgain,
          run: () =>
            this.ways.reserveAgain(
              org,
              lapsed.map((r) => r.line),
              true,
            ),
        },
      ],
    };
  }

  /** The comparison list. If it cannot be read for a rental, its reservations go to the cart instead of being lost. */
  private async listBefore(
    job: CheckoutJob,
    report: Report,
    signal: AbortSignal,
  ): Promise<readonly RentedNumber[] | Outcome> {
    report(l10n.t('Reading the numbers of {0}…', orgLabel(job.org)));
    try {
      return await job.s.api.listRentedNumbers(job.org.id, { signal: this.env.signal(signal) });
    } catch (error) {
      this.env.session.noteError(error);
      if (job.fromCart || isCancellation(error)) throw error;
      await this.ways.keepInCart(job.org, job.reservations);
      const until = reservationExpiry(Math.min(...job.reservations.map((r) => r.reservedAt)));
      return {
        severity: 'error',
        text: `${l10n.t('The numbers of {0} could not be read before the checkout, so nothing was checked out and nothing was charged. The reservation is in the cart until {1}.', orgLabel(job.org), clockTime(until))} ${describeError(error).text}`,
        buttons: [{ title: RentButtons.checkOutAll, run: () => this.ways.checkOutAll() }],
      };
    }
  }

  private async send(job: CheckoutJob, ids: string[]): Promise<{ answer: CheckoutAnswer; error?: unknown }> {
    try {
      await job.s.api.checkout(job.org.id, ids, { signal: this.env.signal() });
      return { answer: 'success' };
    } catch (error) {
      this.env.session.noteError(error);
      const e = apiError(error);
      if (!e) throw error;
      return { answer: answerOf(e), error };
    }
  }

  /** One journal entry for this checkout, as the user was told it. */
  private record(job: CheckoutJob, verdict: ActivityVerdict, numbers: number[], message: string): void {
    recordRent(this.env, job.s, {
      operation: 'checkout',
      lines: job.reservations.map((r) => r.line),
      numbers,
      verdict,
      message,
    });
  }

  /** A cart checkout's mark says "still at it" to other windows: its time is renewed before each POST. */
  private async renewClaim(job: CheckoutJob, ids: string[]): Promise<void> {
    if (!job.fromCart) return;
    if (!this.env.claims) {
      await this.env.cart.claim(ids, this.env.windowId);
      return;
    }
    for (const id of ids)
      await this.env.claims.take(claimKey(id), this.env.windowId, this.env.now() + CHECKOUT_MARK_MS, 'checkingOut');
  }

  /** The first claim another window has on any of these reservations: the machine's locks when there are, else the cart's marks. */
  private async elsewhereNow(
    ids: readonly string[],
  ): Promise<{ state: 'checkingOut' | 'checkedOut'; at: number } | undefined> {
    const locks = this.env.claims;
    if (!locks) return this.elsewhereMark(ids);
    for (const id of ids) {
      const h = await locks.holder(claimKey(id));
      if (h && h.owner !== this.env.windowId)
        return { state: h.note === 'checkedOut' ? 'checkedOut' : 'checkingOut', at: h.since };
    }
    return undefined;
  }

  /** The first mark another window has on any of these reservations. */
  private elsewhereMark(ids: readonly string[]): { state: 'checkingOut' | 'checkedOut'; at: number } | undefined {
    for (const id of ids) {
      const hold = this.env.cart.holder(id, this.env.windowId);
      if (hold.by === 'elsewhere') return { state: hold.state, at: hold.at };
    }
    return undefined;
  }

  /** The cart follows the verdict: used (kept as checked out, for other windows), gone (forgotten), or still open. */
  private async settle(
    reservations: readonly Reservation[],
    verdict: CheckoutVerdict,
    answer: CheckoutAnswer,
  ): Promise<void> {
    if (answer === 'success') return; // settled before the look-up
    const ids = reservations.map((r) => r.referenceId);
    if (verdict.reservation !== 'gone') {
      await this.env.cart.settle(ids, this.env.windowId, verdict.reservation === 'used' ? 'used' : 'open');
      return;
    }
    // Sinch answers 40400 for the whole set when one is gone: of several, forget only the ones whose time is up.
    const now = this.env.now();
    const lapsed =
      reservations.length === 1
        ? ids
        : reservations.filter((r) => now >= reservationExpiry(r.reservedAt)).map((r) => r.referenceId);
    await this.env.cart.settle(lapsed, this.env.windowId, 'gone');
    await this.env.cart.settle(
      ids.filter((id) => !lapsed.includes(id)),
      this.env.windowId,
      'open',
    );
  }

  /** Selects the numbers the message names: ours, or else the new ones it warns about. */
  private async reveal(verdict: CheckoutVerdict): Promise<void> {
    const numbers = (verdict.ours.length > 0 ? verdict.ours : (verdict.appeared ?? [])).map((n) => n.number);
    if (numbers.length === 0) return;
    await this.env
      .revealNumbers(numbers)
      .catch((e: unknown) => this.env.log.warn(`Could not reveal the new numbers: ${String(e)}`));
  }
}

/** The machine lock of one reservation's checkout. */
export function claimKey(referenceId: string): string {
  return `reservation-${referenceId}`;
}

function expectedOf(reservations: readonly Reservation[]): { groupId: number; quantity: number }[] {
  return reservations.map((r) => ({ groupId: r.line.group.groupId, quantity: r.line.quantity }));
}
