// The cart's reservations as a root section of the Numbers tree ("Reservations", at the top),
// through the TreeSection port that src/numbers declares; wired in src/extension.ts.
import { ItemTokens } from '../constants';
import { Emitter } from '../platform/emitter';
import { l10n } from '../platform/l10n';
import { capabilitiesLabel } from '../numbers/capabilities';
import { formatMoney, lineTotal } from '../numbers/money';
import { countryName, displayCity } from '../numbers/phoneFormat';
import type { SectionRow, SectionView, TreeSection } from '../numbers/treeSections';
import { numbersCount } from '../numbers/wording';
import type { Cart, CartItem } from './cart';

export const RESERVATIONS_SECTION = 'reservations';

/** How often the rows' "reserved 4 min ago" is brought up to date while there are any. */
const AGE_TICK_MS = 60_000;

/**
 * The section, and the one timer that keeps the rows' ages current: it runs once a minute while
 * the active organisation has reservations (the cart itself says when one lapses).
 */
export class ReservationsSection implements TreeSection {
  readonly id = RESERVATIONS_SECTION;
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly subscriptions: { dispose(): void }[];

  constructor(
    private readonly cart: Cart,
    private readonly activeOrganisation: () => string | undefined,
    sessionChanged: (listener: () => void) => { dispose(): void },
  ) {
    this.subscriptions = [cart.onDidChange(() => this.changedNow()), sessionChanged(() => this.updateTimer())];
    this.updateTimer();
  }

  /** The active organisation's reservations (the context key of the Check Out menu). */
  get any(): boolean {
    return this.cart.items(this.activeOrganisation()).length > 0;
  }

  view(organisationId: string, now: number): SectionView | undefined {
    const items = this.cart.items(organisationId);
    if (items.length === 0) return undefined;
    const quantity = items.reduce((s, i) => s + i.quantity, 0);
    return {
      head: {
        id: 'reservations',
        label: l10n.t('Reservations'),
        description: l10n.t('{0} reserved, not yet rented', numbersCount(quantity)),
        icon: 'package',
        contextValue: ItemTokens.reservations,
        tooltip: {
          title: l10n.t('Reservations'),
          text: l10n.t(
            'Numbers held for you for 15 minutes. They are not rented, and nothing is charged, until you check out.',
          ),
        },
      },
      rows: items.map((item) => reservationRow(item, now)),
    };
  }

  private changedNow(): void {
    this.updateTimer();
    this.changed.fire();
  }

  private updateTimer(): void {
    if (this.any && this.timer === undefined) {
      this.timer = setInterval(() => this.changed.fire(), AGE_TICK_MS);
      (this.timer as { unref?: () => void }).unref?.();
    } else if (!this.any && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  dispose(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

function reservationRow(r: CartItem, now: number): SectionRow {
  const place = [displayCity(r.group.city), countryName(r.group.countryId, r.group.country)].filter(Boolean).join(', ');
  return {
    id: `reservation/${r.referenceId}`,
    ref: r.referenceId,
    label: place || l10n.t('Group {0}', r.group.groupId),
    description: l10n.t(
      '{0} × {1} · reserved {2}',
      r.quantity,
      capabilitiesLabel(r.capabilities),
      age(now - r.reservedAt),
    ),
    icon: 'clock',
    contextValue: ItemTokens.reservation,
    tooltip: {
      title: l10n.t('Reservation'),
      note: `(${l10n.t('not rented yet')})`,
      fields: [
        [l10n.t('Where'), r.group.areaCode ? l10n.t('{0} (area code {1})', place, r.group.areaCode) : place],
        [l10n.t('Numbers'), `${r.quantity} × ${capabilitiesLabel(r.capabilities)}`],
        [
          l10n.t('Monthly cost'),
          l10n.t(
            '{0} ({1} each)',
            formatMoney(lineTotal({ cost: r.group.cost, quantity: r.quantity })),
            formatMoney(r.group.cost),
          ),
        ],
        [
          l10n.t('Lapses'),
          r.expiresAt > now ? l10n.t('in {0} unless you check out', age(r.expiresAt - now, false)) : l10n.t('now'),
        ],
        [l10n.t('Group'), String(r.group.groupId)],
        [l10n.t('Reference'), r.referenceId],
      ],
    },
  };
}

/** "just now", "4 min ago", "2 h ago"; without `ago` for durations ahead. */
export function age(ms: number, ago = true): string {
  const min = Math.max(0, Math.round(ms / 60_000));
  const text =
    min < 1
      ? ago
        ? l10n.t('just now')
        : l10n.t('under a minute')
      : min < 60
        ? l10n.t('{0} min', min)
        : l10n.t('{0} h', Math.round(min / 60));
  return ago && min >= 1 ? l10n.t('{0} ago', text) : text;
}
