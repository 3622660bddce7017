import * as vscode from 'vscode';
import { Commands, ItemTokens } from '../../constants';
import { describeExpiry, monthlyTotals, type Inventory, type InventoryEntry, type InventoryGroup } from '../inventory';
import { count, numbersCount } from '../wording';
import { countryName, digitsOf, displayCity, formatPhoneNumber, toE164 } from '../phoneFormat';
import { formatTotals, formatMoney, lineTotal } from '../money';
import { capabilitiesLabel } from '../capabilities';
import { markdownCode, markdownText } from '../../platform/safeText';
import type { CartItem } from '../../rent/cart';
import { isValidPhoneNumber } from '../../sinch/guards';
import type { RentedNumber } from '../../sinch/types';
import { l10n } from '../../platform/l10n';

/**
 * The Numbers tree's nodes: plain data, discriminated by `kind`. Menu commands receive them
 * as (clicked, selected[]). This module is the only place that sets `contextValue`.
 */
export type NumbersNode =
  ApplicationNode | UnassignedNode | NumberNode | MoreNode | ReservationsNode | ReservationNode | MessageNode;

interface BaseNode {
  /** The TreeItem id: unique in the tree, stable across refreshes (expansion state follows it). */
  readonly id: string;
}

export interface ApplicationNode extends BaseNode {
  readonly kind: 'application';
  /** The application key (lower case). */
  readonly key: string;
  /** What the row shows: the user's label, else the shortened key. */
  readonly label: string;
  /** True when the user named it (setting sinchNumbers.applicationLabels). */
  readonly labelled: boolean;
  /** Numbers shown under it (after the filter), and how many of those are expiring / expired. */
  readonly count: number;
  readonly expiring: number;
  readonly expired: number;
  /** Numbers it holds, whatever the filter. */
  readonly total: number;
  readonly group: InventoryGroup | undefined;
  readonly expanded: boolean;
}

export interface UnassignedNode extends BaseNode {
  readonly kind: 'unassigned';
  readonly count: number;
  readonly expiring: number;
  readonly expired: number;
  readonly total: number;
  readonly group: InventoryGroup;
  readonly expanded: boolean;
}

export type GroupNode = ApplicationNode | UnassignedNode;

export interface NumberNode extends BaseNode {
  readonly kind: 'number';
  readonly number: RentedNumber;
  /** Its position in the inventory's list (what the row shows is derived from it when rendered). */
  readonly index: number;
  readonly parent: GroupNode;
}

/** The last row of a group shown a page at a time: how many more there are, and a click shows the next page. */
export interface MoreNode extends BaseNode {
  readonly kind: 'more';
  readonly parent: GroupNode;
  /** Rows shown above it, and rows still to show (after the filter). */
  readonly shown: number;
  readonly remaining: number;
  /** Rows the next click adds. */
  readonly next: number;
}

export interface ReservationsNode extends BaseNode {
  readonly kind: 'reservations';
  readonly items: readonly CartItem[];
}

export interface ReservationNode extends BaseNode {
  readonly kind: 'reservation';
  readonly item: CartItem;
  readonly parent: ReservationsNode;
}

export interface MessageNode extends BaseNode {
  readonly kind: 'message';
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly icon: string;
  readonly iconColor?: string;
  readonly command?: vscode.Command;
}

/** What rendering needs besides the node. */
export interface RenderContext {
  now: number;
  labelOf(key: string): string | undefined;
  /** The inventory the nodes were made from. */
  inventory: Inventory | undefined;
}

/** Sorted `;`-joined tokens, so `when` clauses can match whole tokens. */
export function contextValue(...tokens: string[]): string {
  return [...new Set(tokens)].sort().join(';');
}

/** "bb7b4e39…": enough of a key to tell applications apart. */
export function shortKey(key: string): string {
  return key.length > 9 ? `${key.slice(0, 8)}…` : key;
}

const icons = {
  application: new vscode.ThemeIcon('server-process'),
  unassigned: new vscode.ThemeIcon('inbox'),
  sms: new vscode.ThemeIcon('comment'),
  voice: new vscode.ThemeIcon('call-outgoing'),
  both: new vscode.ThemeIcon('device-mobile'),
  none: new vscode.ThemeIcon('circle-outline'),
  expiring: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  expired: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  invalid: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('list.errorForeground')),
  reservations: new vscode.ThemeIcon('package'),
  reservation: new vscode.ThemeIcon('clock'),
  more: new vscode.ThemeIcon('ellipsis'),
};

/** Numbers of one list share their capability arrays: the icon is worked out once per array. */
const capabilityIcons = new WeakMap<readonly string[], vscode.ThemeIcon>();
function capabilityIcon(capabilities: readonly string[]): vscode.ThemeIcon {
  let icon = capabilityIcons.get(capabilities);
  if (icon === undefined) {
    const sms = capabilities.some((c) => c.toLowerCase() === 'sms');
    const voice = capabilities.some((c) => c.toLowerCase() === 'voice');
    icon = sms && voice ? icons.both : sms ? icons.sms : voice ? icons.voice : icons.none;
    capabilityIcons.set(capabilities, icon);
  }
  return icon;
}

function state(expanded: boolean, count: number): vscode.TreeItemCollapsibleState {
  if (count === 0) return vscode.TreeItemCollapsibleState.None;
  return expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
}

function countText(shown: number, total: number): string {
  return shown === total ? numbersCount(total) : l10n.t('{0} of {1}', count(shown), numbersCount(total));
}

function groupWarnings(node: { expiring: number; expired: number }): string {
  const parts: string[] = [];
  if (node.expired) parts.push(l10n.t('{0} expired', count(node.expired)));
  if (node.expiring) parts.push(l10n.t('{0} expiring', count(node.expiring)));
  return parts.length ? ` · ${parts.join(', ')}` : '';
}

/** The TreeItem for a node; tooltips of numbers and groups come later, from `tooltipFor`. */
export function treeItemFor(node: NumbersNode, ctx: RenderContext): vscode.TreeItem {
  switch (node.kind) {
    case 'application': {
      const item = new vscode.TreeItem(node.label, state(node.expanded, node.count));
      item.id = node.id;
      item.description =
        node.total === 0 ? l10n.t('no numbers yet') : countText(node.count, node.total) + groupWarnings(node);
      item.iconPath = icons.application;
      item.contextValue = contextValue(ItemTokens.application);
      return item;
    }
    case 'unassigned': {
      const item = new vscode.TreeItem(l10n.t('Unassigned'), state(node.expanded, node.count));
      item.id = node.id;
      item.description = countText(node.count, node.total) + groupWarnings(node);
      item.iconPath = icons.unassigned;
      item.contextValue = contextValue(ItemTokens.unassignedGroup);
      return item;
    }
    case 'number':
      return numberItem(node, ctx);
    case 'reservations': {
      const item = new vscode.TreeItem(l10n.t('Reservations'), vscode.TreeItemCollapsibleState.Expanded);
      item.id = node.id;
      const quantity = node.items.reduce((s, i) => s + i.quantity, 0);
      item.description = l10n.t('{0} reserved, not yet rented', numbersCount(quantity));
      item.iconPath = icons.reservations;
      item.contextValue = contextValue(ItemTokens.reservations);
      const md = markdown();
      md.appendMarkdown(`**${l10n.t('Reservations')}**\n\n`);
      md.appendText(
        l10n.t(
          'Numbers held for you for 15 minutes. They are not rented, and nothing is charged, until you check out.',
        ),
      );
      item.tooltip = md;
      return item;
    }
    case 'reservation':
      return reservationItem(node, ctx);
    case 'more': {
      const item = new vscode.TreeItem(l10n.t('Show {0} More', count(node.next)), vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.description = l10n.t('{0} of {1} shown', count(node.shown), count(node.shown + node.remaining));
      item.iconPath = icons.more;
      item.command = { command: Commands.showMoreNumbers, title: l10n.t('Show More Numbers'), arguments: [node] };
      item.contextValue = contextValue(ItemTokens.more);
      return item;
    }
    case 'message': {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.description = node.description;
      item.tooltip = node.tooltip;
      item.iconPath = new vscode.ThemeIcon(
        node.icon,
        node.iconColor ? new vscode.ThemeColor(node.iconColor) : undefined,
      );
      item.command = node.command;
      item.contextValue = contextValue(ItemTokens.message);
      return item;
    }
  }
}

/**
 * The inventory a number node was made from, or undefined: a node of an earlier list (a row or a
 * hover racing a refresh) must not read another number's facts at its old position.
 */
function inventoryOf(node: NumberNode, ctx: RenderContext): RenderContext['inventory'] {
  return ctx.inventory?.numbers[node.index] === node.number ? ctx.inventory : undefined;
}

/** A number's row: formatted here, for the rows VS Code asks for, and not kept. */
function numberItem(node: NumberNode, ctx: RenderContext): vscode.TreeItem {
  const n = node.number;
  const valid = isValidPhoneNumber(n.number);
  const inventory = inventoryOf(node, ctx);
  const expiry = inventory?.expiryOf(node.index) ?? 'none';
  const item = new vscode.TreeItem(formatPhoneNumber(n.number), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  const where = placeAndCapabilities(n);
  if (!valid) {
    item.description = `${l10n.t('invalid number')} · ${where}`;
    item.iconPath = icons.invalid;
  } else if (inventory && (expiry === 'expired' || expiry === 'expiring')) {
    // The expiry first: it is what needs attention, and it survives a narrow sidebar.
    item.description = `${describeExpiry(inventory.list.expiresAt[node.index], ctx.now)} · ${where}`;
    item.iconPath = expiry === 'expired' ? icons.expired : icons.expiring;
  } else {
    item.description = where;
    item.iconPath = capabilityIcon(n.capabilities);
  }
  // An invalid value can be copied but never assigned or unassigned: no free/onApp token.
  item.contextValue = !valid ? NUMBER_INVALID : n.applicationKey ? NUMBER_ON_APP : NUMBER_FREE;
  return item;
}

const NUMBER_INVALID = contextValue(ItemTokens.number);
const NUMBER_ON_APP = contextValue(ItemTokens.number, ItemTokens.onApplication);
const NUMBER_FREE = contextValue(ItemTokens.number, ItemTokens.free);

/**
 * "San Francisco · SMS + voice": shared by thousands of rows, so computed once per place and
 * capability list (numbers of one list share those values, so the lookups need no new key).
 */
const places = new Map<string, Map<readonly string[], string>>();
export function placeAndCapabilities(n: RentedNumber): string {
  const place = n.city || `\n${n.countryId}\n${n.country}`;
  let byCaps = places.get(place);
  if (byCaps === undefined) {
    if (places.size >= 10_000) places.clear();
    places.set(place, (byCaps = new Map()));
  }
  let text = byCaps.get(n.capabilities);
  if (text === undefined) {
    text = `${displayCity(n.city) || countryName(n.countryId, n.country)} · ${capabilitiesLabel(n.capabilities)}`;
    // Capability arrays of lists that do not share them would pile up: keep a few per place.
    if (byCaps.size < 64) byCaps.set(n.capabilities, text);
  }
  return text;
}

function reservationItem(node: ReservationNode, ctx: RenderContext): vscode.TreeItem {
  const { item: r } = node;
  const place = [displayCity(r.group.city), countryName(r.group.countryId, r.group.country)].filter(Boolean).join(', ');
  const item = new vscode.TreeItem(place || l10n.t('Group {0}', r.group.groupId), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = l10n.t(
    '{0} × {1} · reserved {2}',
    r.quantity,
    capabilitiesLabel(r.capabilities),
    age(ctx.now - r.reservedAt),
  );
  item.iconPath = icons.reservation;
  item.contextValue = contextValue(ItemTokens.reservation);
  const md = markdown();
  md.appendMarkdown(`**${l10n.t('Reservation')}** (${l10n.t('not rented yet')})\n\n`);
  field(md, l10n.t('Where'), r.group.areaCode ? l10n.t('{0} (area code {1})', place, r.group.areaCode) : place);
  field(md, l10n.t('Numbers'), `${r.quantity} × ${capabilitiesLabel(r.capabilities)}`);
  field(
    md,
    l10n.t('Monthly cost'),
    l10n.t(
      '{0} ({1} each)',
      formatMoney(lineTotal({ cost: r.group.cost, quantity: r.quantity })),
      formatMoney(r.group.cost),
    ),
  );
  field(
    md,
    l10n.t('Lapses'),
    r.expiresAt > ctx.now ? l10n.t('in {0} unless you check out', age(r.expiresAt - ctx.now, false)) : l10n.t('now'),
  );
  field(md, l10n.t('Group'), String(r.group.groupId));
  field(md, l10n.t('Reference'), r.referenceId);
  item.tooltip = md;
  return item;
}

/** "just now", "4 min ago", "2 h ago"; without `ago` for durations ahead. */
function age(ms: number, ago = true): string {
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

/** Markdown tooltips for numbers and groups, built when the user hovers (resolveTreeItem). */
export function tooltipFor(node: NumbersNode, ctx: RenderContext): vscode.MarkdownString | undefined {
  switch (node.kind) {
    case 'number': {
      const inventory = inventoryOf(node, ctx);
      return inventory ? numberTooltip(inventory.entry(node.index), ctx) : undefined;
    }
    case 'application':
      return applicationTooltip(node, ctx);
    case 'unassigned': {
      const md = markdown();
      md.appendMarkdown(`**${l10n.t('Unassigned')}** · ${numbersCount(node.total)}\n\n`);
      md.appendText(
        l10n.t('Numbers your organisation rents that no application uses yet. Right-click a number to assign it.'),
      );
      appendGroupFacts(md, node.group, ctx);
      return md;
    }
    default:
      return undefined;
  }
}

/** Every field of a number; also the body of the editor's hover on a number (src/insights). */
export function numberTooltip(
  entry: InventoryEntry,
  ctx: Pick<RenderContext, 'now' | 'labelOf'>,
): vscode.MarkdownString {
  const n = entry.number;
  const md = markdown();
  md.appendMarkdown(`**${markdownText(formatPhoneNumber(n.number))}**`);
  const e164 = toE164(n.number);
  if (e164) md.appendMarkdown(` · ${markdownCode(e164)}`);
  md.appendMarkdown('\n\n');
  if (!entry.valid) {
    md.appendMarkdown(`$(error) **${l10n.t('Not a valid phone number.')}** `);
    md.appendText(
      l10n.t(
        'Sinch sent a value of {0} digits (E.164 allows at most 15). It is shown as received and is never sent back to Sinch.',
        digitsOf(n.number).length,
      ),
    );
    md.appendMarkdown('\n\n');
  }
  field(md, l10n.t('Country'), `${countryName(n.countryId, n.country)}${n.countryId ? ` (${n.countryId})` : ''}`);
  field(md, l10n.t('City'), displayCity(n.city) || '—');
  field(md, l10n.t('Area code'), n.areaCode || '—');
  field(md, l10n.t('Capabilities'), n.capabilities.length ? capabilitiesLabel(n.capabilities) : l10n.t('none'));
  field(md, l10n.t('Monthly cost'), formatMoney(n.cost));
  field(
    md,
    l10n.t('Expires'),
    expiryText(entry, ctx.now),
    entry.expiry === 'expired' ? '$(error) ' : entry.expiry === 'expiring' ? '$(warning) ' : '',
  );
  field(md, l10n.t('Group'), String(n.groupId));
  if (n.applicationKey) {
    const label = ctx.labelOf(n.applicationKey);
    md.appendMarkdown(`**${l10n.t('Application')}:** `);
    if (label) md.appendMarkdown(`${markdownText(label)} · `);
    md.appendMarkdown(`${markdownCode(n.applicationKey)}  \n`);
  } else {
    field(md, l10n.t('Application'), l10n.t('none (unassigned)'));
  }
  return md;
}

function expiryText(entry: InventoryEntry, now: number): string {
  const raw = entry.number.expires;
  if (entry.expiresAt === undefined) return raw ? l10n.t('{0} (unreadable date)', raw) : l10n.t('no expiry date');
  return `${dateText(entry.expiresAt)} (${describeExpiry(entry.expiresAt, now)})`;
}

const dateFormat = new Intl.DateTimeFormat(vscode.env.language || 'en', { dateStyle: 'medium' });

function dateText(t: number): string {
  try {
    return dateFormat.format(new Date(t));
  } catch {
    return new Date(t).toISOString().slice(0, 10);
  }
}

function applicationTooltip(node: ApplicationNode, ctx: RenderContext): vscode.MarkdownString {
  const md = markdown();
  md.appendMarkdown(
    `**${markdownText(node.labelled ? node.label : l10n.t('Application'))}** · ${numbersCount(node.total)}\n\n`,
  );
  md.appendMarkdown(`**${l10n.t('Application key')}:** ${markdownCode(node.key)}  \n`);
  if (!node.labelled) md.appendMarkdown(`${l10n.t('Right-click › Label Application… to give it a name.')}  \n`);
  if (node.total === 0) md.appendMarkdown(`${l10n.t('Added by key; it holds no numbers yet.')}  \n`);
  appendGroupFacts(md, node.group, ctx);
  return md;
}

function appendGroupFacts(md: vscode.MarkdownString, group: InventoryGroup | undefined, ctx: RenderContext): void {
  const numbers = ctx.inventory?.numbers;
  if (!group || group.size === 0 || !numbers) return;
  const totals = monthlyTotals(Array.from(group.indexes, (i) => numbers[i]));
  md.appendMarkdown('\n\n');
  if (totals.length > 0) field(md, l10n.t('Monthly cost'), formatTotals(totals, { perMonth: true }));
  if (group.expired) field(md, l10n.t('Expired'), numbersCount(group.expired), '$(error) ');
  if (group.expiring) field(md, l10n.t('Expiring soon'), numbersCount(group.expiring), '$(warning) ');
}

/** One "**Name:** value" line; the value comes from the server, so it is escaped completely. */
function field(md: vscode.MarkdownString, name: string, value: string, icon = ''): void {
  md.appendMarkdown(`**${name}:** ${icon}${markdownText(value)}  \n`);
}

/** Shorthand for message nodes with a command. */
export function commandMessage(
  id: string,
  label: string,
  icon: string,
  command: string,
  title: string,
  extra: Partial<MessageNode> = {},
): MessageNode {
  return { kind: 'message', id, label, icon, command: { command, title }, ...extra };
}

/** Theme icons on: server text goes in through markdownText, which escapes `$(…)` too. */
function markdown(): vscode.MarkdownString {
  return new vscode.MarkdownString('', true);
}
