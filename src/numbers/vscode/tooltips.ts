// The Markdown tooltips of the Numbers tree, built when the user hovers a row
// (resolveTreeItem). The number's tooltip is also the body of the editor's hover on a number
// (src/insights). Server text goes in through markdownText, which escapes it completely.
import * as vscode from 'vscode';
import { l10n } from '../../platform/l10n';
import { markdownCode, markdownText } from '../../platform/safeText';
import { capabilitiesLabel } from '../capabilities';
import { describeExpiry, monthlyTotals, type Inventory, type InventoryEntry, type InventoryGroup } from '../inventory';
import { formatMoney, formatTotals } from '../money';
import { countryName, digitsOf, displayCity, formatPhoneNumber, toE164 } from '../phoneFormat';
import type { ApplicationNode, ApplicationSource, NumberNode, NumbersNode } from '../treeNodes';
import type { RowTooltip } from '../treeSections';
import { numbersCount } from '../wording';

/** What rendering needs besides the node. */
export interface RenderContext {
  now: number;
  labelOf(key: string): string | undefined;
  /** The inventory the nodes were made from. */
  inventory: Inventory | undefined;
}

/**
 * The inventory a number node was made from, or undefined: a node of an earlier list (a row or a
 * hover racing a refresh) must not read another number's facts at its old position.
 */
export function inventoryOf(node: NumberNode, ctx: RenderContext): RenderContext['inventory'] {
  return ctx.inventory?.numbers[node.index] === node.number ? ctx.inventory : undefined;
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

/** A section row's tooltip (data from the contributing feature), every part escaped. */
export function sectionTooltip(tip: RowTooltip | undefined): vscode.MarkdownString | undefined {
  if (!tip) return undefined;
  const md = markdown();
  md.appendMarkdown(`**${markdownText(tip.title)}**${tip.note ? ` ${markdownText(tip.note)}` : ''}\n\n`);
  if (tip.text) {
    md.appendText(tip.text);
    md.appendMarkdown('\n\n');
  }
  for (const [name, value] of tip.fields ?? []) field(md, markdownText(name), value);
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
  if (node.total === 0) md.appendMarkdown(`${emptyApplicationText(node.source)}  \n`);
  appendGroupFacts(md, node.group, ctx);
  return md;
}

/** Why an application without numbers is listed: a number can be dropped on it. */
export function emptyApplicationText(source: ApplicationSource): string {
  switch (source) {
    case 'seen':
      return l10n.t('It holds no numbers now. Drop a number here to assign it again.');
    case 'labelled':
      return l10n.t('Named in the labels setting; it holds no numbers. Drop a number here to assign it.');
    default:
      return l10n.t('Added by key; it holds no numbers yet.');
  }
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

/** Theme icons on: server text goes in through markdownText, which escapes `$(…)` too. */
function markdown(): vscode.MarkdownString {
  return new vscode.MarkdownString('', true);
}
