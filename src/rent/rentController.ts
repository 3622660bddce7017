// The money flows: Rent Numbers, Add to Cart, Check Out All, and the ways forward when Sinch says
// no. Money moves only after a modal naming the total and the organisation; the checkout itself,
// and what is said when its answer is lost, is checkoutRun.ts. One flow at a time per window.
// Plain Node (the VS Code parts come in through RentEnvironment, rentEnvironment.ts), so the flow is testable.
import { checkQuantity, groupCapabilities, normaliseCap } from './rental';
import { reservationExpiry, type CartItem } from './cart';
import type { ActiveSession } from '../session/sessionManager';
import type { RentedNumber } from '../sinch/types';
import { InputError } from '../platform/errors';
import type { RentEnvironment } from './rentEnvironment';
import { confirmCheckout, confirmRental } from './confirm';
import { clockTime, groupPlace, type RentLine } from './rentWording';
import { RentButtons, errorOutcome, type Outcome, type RentFollowUps } from './outcomes';
import { CheckoutRun, type Reservation } from './checkoutRun';
import type { VerdictStory } from './verdictOutcome';
import { readRentArgument, resolveRentArgument } from './rentArgument';
import { recordRent } from './rentJournal';
import { monthlySpendOf, spendLimitBreaches, type LimitBreach } from '../numbers/monthlySpend';
import { lineTotal } from '../numbers/money';
import { rentableGroups, runRentWizard } from './rentWizard';
import { numbersCount, orgLabel, type OrgRef } from '../numbers/wording';
import { l10n } from '../platform/l10n';

/** What a second money flow is told while one runs. */
export function busyMessage(): string {
  return l10n.t('A rental is already in progress. Finish or cancel it first.');
}

export class RentController {
  /** One money flow at a time, across Rent Numbers, Check Out All and their follow-ups. */
  private busy = false;
  private readonly ways: RentFollowUps;
  private readonly checkout: CheckoutRun;

  constructor(private readonly env: RentEnvironment) {
    this.ways = {
      openDashboard: () => env.openDashboard(),
      signIn: () => env.messages.ways.signIn(),
      refresh: () => env.refreshView(),
      showLog: async () => env.log.show(),
    };
    this.checkout = new CheckoutRun(env, {
      ...this.ways,
      checkOutAll: () => this.checkoutCart(),
      tryAgain: (org, reservations, before) => this.tryAgain(org, reservations, before),
      checkAgain: (org, reservations, before, story) => this.checkAgain(org, reservations, before, story),
      reserveAgain: (org, lines, lapsed) => this.reserveAgain(org, lines, lapsed),
      keepInCart: (org, reservations) => this.keepInCart(org, reservations),
    });
  }

  /** Resolves once every outcome message shown so far has been answered and its action has finished (tests wait on it). */
  idle(): Promise<void> {
    return this.env.messages.idle();
  }

  /** sinchNumbers.rentNumbers: the wizard (or the automation argument), then the confirmation. */
  readonly rentNumbers = async (arg?: unknown): Promise<void> => {
    this.show(await this.exclusive(() => this.rentFlow(arg)));
  };

  /** sinchNumbers.checkoutCart: every live reservation of the active organisation in one POST. */
  readonly checkoutCart = async (): Promise<void> => {
    this.show(await this.exclusive(() => this.checkoutCartFlow()));
  };

  /**
   * sinchNumbers.discardReservation: forgets reservations here (Sinch lets them expire).
   * `target`: every reservation, the ones with these ids (from the tree), or undefined to ask.
   */
  readonly discardReservation = async (target?: 'all' | readonly string[]): Promise<void> => {
    const { organisationId } = this.env.session.current();
    const live = this.env.cart.items(organisationId);
    // Items gone from the cart (checked out, expired) are not discarded twice.
    let items =
      target === undefined ? undefined : live.filter((i) => target === 'all' || target.includes(i.referenceId));
    if (items === undefined) {
      if (live.length === 0) {
        await this.env.prompter.message('info', l10n.t('There are no reservations to discard.'), {});
        return;
      }
      const picked = await this.env.prompter.pickMany({
        title: l10n.t('Discard Reservations'),
        items: live.map((i) => ({
          label: l10n.t('{0} × {1}', i.quantity, groupPlace(i.group)),
          description: l10n.t('until {0}', clockTime(i.expiresAt)),
          item: i,
        })),
        placeholder: l10n.t('Reservations to forget (nothing is charged for them)'),
      });
      if (!Array.isArray(picked) || picked.length === 0) return;
      items = picked.map((p) => p.item);
    }
    if (items.length === 0) return;
    await this.env.cart.remove(items.map((i) => i.referenceId));
    const what =
      items.length === 1
        ? l10n.t('the reservation of {0} in {1}', numbersCount(items[0].quantity), groupPlace(items[0].group))
        : l10n.t('{0} reservations', items.length);
    const until = clockTime(Math.max(...items.map((i) => i.expiresAt)));
    await this.env.prompter.message(
      'info',
      l10n.t(
        'Discarded {0}. Nothing was charged; Sinch releases the numbers when the reservation expires (by {1}).',
        what,
        until,
      ),
      {},
    );
  };

  /** Runs one money flow, or tells the second caller that one is running. Errors Sinch explains get their own way forward. */
  private async exclusive(flow: () => Promise<Outcome | undefined>): Promise<Outcome | undefined> {
    if (this.busy) {
      await this.env.prompter.message('info', busyMessage(), {});
      return undefined;
    }
    this.busy = true;
    let org: OrgRef | undefined;
    try {
      const s = this.env.session.current();
      org = { id: s.organisationId, name: s.account.organisationName };
      return await flow();
    } catch (error) {
      this.env.session.noteError(error);
      const outcome = org && errorOutcome(error, org, () => this.who(), this.ways);
      if (outcome) return outcome;
      throw error;
    } finally {
      this.busy = false;
    }
  }

  /** Shows the outcome without waiting for it; the button the user picks runs outside the lock. */
  private show(outcome: Outcome | undefined): void {
    if (outcome) this.env.messages.show(outcome);
  }

  private who(): string {
    return this.env.session.current().account.identity.endpoint;
  }

  private active(): { s: ActiveSession; org: OrgRef } {
    const s = this.env.session.current();
    return { s, org: { id: s.organisationId, name: s.account.organisationName } };
  }

  /** Follow-ups act for the organisation they were offered for; after a switch they must not spend another's money. */
  private sameOrganisation(org: OrgRef): ActiveSession {
    const s = this.env.session.current();
    if (s.organisationId !== org.id) {
      throw new InputError(
        l10n.t(
          'This was offered for {0}, but the active account now belongs to another organisation. Switch back to it first.',
          orgLabel(org),
        ),
      );
    }
    return s;
  }

  private async rentFlow(arg: unknown): Promise<Outcome | undefined> {
    const { s, org } = this.active();
    const automation = readRentArgument(arg);
    const max = normaliseCap(this.env.maxPerRental());
    const groups = await this.env.withProgress(
      l10n.t('Loading the numbers {0} can rent…', orgLabel(org)),
      (_report, signal) => s.api.listShopGroups(org.id, { signal: this.env.signal(signal) }),
    );
    let line: RentLine;
    if (automation) {
      line = resolveRentArgument(automation, groups, max);
    } else {
      if (rentableGroups(groups).length === 0) {
        return { severity: 'info', text: l10n.t('Sinch has no numbers available to rent right now. Try again later.') };
      }
      const picked = await runRentWizard(this.env.prompter, { groups, maxPerRental: max });
      if (!picked) return undefined; // Escape: nothing was sent
      line = picked;
    }
    for (;;) {
      const decision = await confirmRental(this.env.prompter, line, org, { breaches: await this.breaches([line]) });
      if (decision === 'cart') return this.addToCart(s, org, line);
      if (decision === 'rent') return this.purchase(s, org, [line]);
      if (decision !== 'change') return undefined; // Cancel: nothing was sent
      // Change Quantity…: the wizard again from the quantity, every answer kept; Escape there ends it.
      const changed = await runRentWizard(this.env.prompter, {
        groups,
        maxPerRental: max,
        initial: line,
        startAt: 'quantity',
      });
      if (!changed) return undefined;
      line = changed;
    }
  }

  private async addToCart(s: ActiveSession, org: OrgRef, line: RentLine): Promise<Outcome> {
    const reservation = await this.env.withProgress(
      l10n.t('Reserving {0} in {1}…', numbersCount(line.quantity), groupPlace(line.group)),
      (_report, signal) => this.reserve(s, org, line, signal),
    );
    await this.keepInCart(org, [reservation]);
    const expiresAt = reservationExpiry(reservation.reservedAt);
    const outcome: Outcome = {
      severity: 'info',
      text: l10n.t(
        'Reserved {0} in {1} for {2} and added them to the cart. Nothing is charged until you check out; the reservation lasts until {3}.',
        numbersCount(line.quantity),
        groupPlace(line.group),
        orgLabel(org),
        clockTime(expiresAt),
      ),
      buttons: [
        { title: RentButtons.checkOutAll, run: () => this.checkoutCart() },
        { title: RentButtons.rentMore, run: () => this.rentNumbers() },
      ],
    };
    recordRent(this.env, s, { operation: 'reserve', lines: [line], verdict: 'verified', message: outcome.text });
    return outcome;
  }

  private async reserve(s: ActiveSession, org: OrgRef, line: RentLine, signal: AbortSignal): Promise<Reservation> {
    // Taken before the request: our idea of the expiry is never later than Sinch's.
    const reservedAt = this.env.now();
    const { referenceId } = await s.api.reserve(
      org.id,
      { groupId: line.group.groupId, quantity: line.quantity, capabilities: line.capabilities },
      { signal: this.env.signal(signal) },
    );
    this.env.log.info(
      `Reserved ${line.quantity} of number group ${line.group.groupId} for organisation ${org.id} (reference ${referenceId}).`,
    );
    return { referenceId, line, reservedAt };
  }

  private async keepInCart(org: OrgRef, reservations: readonly Reservation[]): Promise<void> {
    for (const r of reservations) {
      const item: CartItem = {
        referenceId: r.referenceId,
        organisationId: org.id,
        group: r.line.group,
        quantity: r.line.quantity,
        capabilities: r.line.capabilities,
        reservedAt: r.reservedAt,
        expiresAt: reservationExpiry(r.reservedAt),
      };
      await this.env.cart.add(item);
    }
  }

  /** Reserve every line, then check them all out: one progress, one POST. */
  private purchase(s: ActiveSession, org: OrgRef, lines: readonly RentLine[]): Promise<Outcome> {
    const count = lines.reduce((n, l) => n + l.quantity, 0);
    return this.env.withProgress(
      l10n.t('Renting {0} for {1}', numbersCount(count), orgLabel(org)),
      async (report, signal) => {
        const reservations: Reservation[] = [];
        for (const line of lines) {
          report(l10n.t('Reserving in {0}…', groupPlace(line.group)));
          reservations.push(await this.reserve(s, org, line, signal));
        }
        return this.checkout.run({ s, org, reservations, fromCart: false }, report, signal);
      },
    );
  }

  private async checkoutCartFlow(): Promise<Outcome | undefined> {
    const { s, org } = this.active();
    const all = this.env.cart.items(org.id);
    if (all.length === 0) {
      return {
        severity: 'info',
        text: l10n.t('The cart of {0} is empty: reservations are kept for 15 minutes.', orgLabel(org)),
        buttons: [{ title: l10n.t('Rent Numbers…'), run: () => this.rentNumbers() }],
      };
    }
    // Another window checking some out: leave those to it, and say so.
    const items = all.filter((i) => this.env.cart.holder(i.referenceId, this.env.windowId).by === 'here');
    if (items.length === 0) return this.checkout.heldElsewhere(org, all.map(reservationOf));
    const reservations = items.map(reservationOf);
    // Claimed in the machine's lock folder by another window: say so before asking for money.
    const claimed = await this.checkout.heldOnMachine(org, reservations);
    if (claimed) return claimed;
    const first = Math.min(...items.map((i) => i.expiresAt));
    const intro =
      items.length === 1
        ? l10n.t('The reservation in the cart, in one checkout. It expires at {0}.', clockTime(first))
        : l10n.t(
            'All {0} reservations in the cart, in one checkout. The first expires at {1}.',
            items.length,
            clockTime(first),
          );
    const left = all.length - items.length;
    const ok = await confirmCheckout(
      this.env.prompter,
      reservations.map((r) => r.line),
      org,
      {
        intro:
          left === 0
            ? intro
            : `${intro} ${left === 1 ? l10n.t('1 more is being checked out in another VS Code window.') : l10n.t('{0} more are being checked out in another VS Code window.', left)}`,
        breaches: await this.breaches(reservations.map((r) => r.line)),
      },
    );
    if (!ok) return undefined;
    const count = items.reduce((n, i) => n + i.quantity, 0);
    return this.env.withProgress(
      l10n.t('Checking out {0} for {1}', numbersCount(count), orgLabel(org)),
      (report, signal) => this.checkout.run({ s, org, reservations, fromCart: true }, report, signal),
    );
  }

  /** "Check Again": list once more against the same before-list; never sends anything. */
  private async checkAgain(
    org: OrgRef,
    reservations: readonly Reservation[],
    before: readonly RentedNumber[],
    story: VerdictStory,
  ): Promise<void> {
    this.show(
      await this.exclusive(async () => {
        const s = this.sameOrganisation(org);
        const job = { s, org, reservations, fromCart: this.inCart(org, reservations) };
        return this.env.withProgress(l10n.t('Checking the numbers of {0}', orgLabel(org)), (report) =>
          this.checkout.judge(job, before, story, report),
        );
      }),
    );
  }

  /** "Try Again": the SAME reservation ids, so Sinch can never rent them twice; confirmed again first. */
  private async tryAgain(
    org: OrgRef,
    reservations: readonly Reservation[],
    before: readonly RentedNumber[],
  ): Promise<void> {
    this.show(
      await this.exclusive(async () => {
        const s = this.sameOrganisation(org);
        const ok = await confirmCheckout(
          this.env.prompter,
          reservations.map((r) => r.line),
          org,
          {
            intro: l10n.t(
              'The first checkout got no answer and nothing was rented. This sends the same reservation again, so it cannot be charged twice.',
            ),
            breaches: await this.breaches(reservations.map((r) => r.line)),
          },
        );
        if (!ok) return undefined;
        return this.env.withProgress(l10n.t('Checking out for {0}', orgLabel(org)), (report, signal) =>
          this.checkout.run({ s, org, reservations, fromCart: this.inCart(org, reservations), before }, report, signal),
        );
      }),
    );
  }

  /** "Reserve Again" after 40400: the same group, quantity and capabilities, at today's price, after its own confirmation. */
  private async reserveAgain(org: OrgRef, lines: readonly RentLine[], lapsed: boolean): Promise<void> {
    this.show(
      await this.exclusive(async () => {
        const s = this.sameOrganisation(org);
        const groups = await this.env.withProgress(
          l10n.t('Loading the numbers {0} can rent…', orgLabel(org)),
          (_report, signal) => s.api.listShopGroups(org.id, { signal: this.env.signal(signal) }),
        );
        const max = normaliseCap(this.env.maxPerRental());
        const fresh = lines.map((l): RentLine => {
          const group = groups.find((g) => g.groupId === l.group.groupId);
          if (!group) throw new InputError(l10n.t('Sinch no longer offers numbers in {0}.', groupPlace(l.group)));
          const check = checkQuantity(l.quantity, { availability: group.availability, maxPerRental: max });
          if (!check.ok)
            throw new InputError(
              l10n.t(
                'Cannot reserve {0} in {1} again: {2}',
                numbersCount(l.quantity),
                groupPlace(group),
                check.message,
              ),
            );
          const offered = groupCapabilities(group);
          return { group, quantity: l.quantity, capabilities: l.capabilities.filter((c) => offered.includes(c)) };
        });
        const ok = await confirmCheckout(this.env.prompter, fresh, org, {
          intro: lapsed
            ? l10n.t(
                'The earlier reservation expired. This reserves the same numbers again, at the current price, and rents them.',
              )
            : l10n.t(
                'Sinch no longer holds the earlier reservation, and no number of it was rented by this window. This reserves the same numbers again, at the current price, and rents them.',
              ),
          button: RentButtons.rent,
          breaches: await this.breaches(fresh),
        });
        if (!ok) return undefined;
        return this.purchase(s, org, fresh);
      }),
    );
  }

  /**
   * How far these lines take the organisation's monthly cost above the user's limit, per
   * currency; none when no limit is set. The cost now is the list's (read once if not yet).
   */
  private async breaches(lines: readonly RentLine[]): Promise<LimitBreach[]> {
    const limits = this.env.spendLimits();
    if (Object.keys(limits).length === 0) return [];
    const numbers = this.env.model.numbers ?? (await this.env.model.refresh());
    const added = lines.map((l) => lineTotal({ cost: l.group.cost, quantity: l.quantity }));
    return spendLimitBreaches(monthlySpendOf(numbers), added, limits);
  }

  private inCart(org: OrgRef, reservations: readonly Reservation[]): boolean {
    const ids = new Set(this.env.cart.items(org.id).map((i) => i.referenceId));
    return reservations.some((r) => ids.has(r.referenceId));
  }
}

function reservationOf(item: CartItem): Reservation {
  return {
    referenceId: item.referenceId,
    line: { group: item.group, quantity: item.quantity, capabilities: item.capabilities },
    reservedAt: item.reservedAt,
  };
}
