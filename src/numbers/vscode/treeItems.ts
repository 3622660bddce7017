// The Numbers tree's rows: a TreeItem per node, formatted when VS Code asks for the row and not
// kept. This module is the only place that sets `contextValue`. Tooltips of numbers and groups
// come later, when the row is hovered (tooltips.ts).
import * as vscode from 'vscode';
import { Commands, ItemTokens } from '../../constants';
import { l10n } from '../../platform/l10n';
import { isValidPhoneNumber } from '../../sinch/guards';
import { describeExpiry } from '../inventory';
import { formatPhoneNumber } from '../phoneFormat';
import { countText, groupWarnings, placeAndCapabilities } from '../rowText';
import { contextValue, type NumberNode, type NumbersNode } from '../treeNodes';
import { count } from '../wording';
import { inventoryOf, sectionTooltip, type RenderContext } from './tooltips';

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

/** The TreeItem for a node; tooltips of numbers and groups come later, from `tooltipFor`. */
export function treeItemFor(node: NumbersNode, ctx: RenderContext): vscode.TreeItem {
  switch (node.kind) {
    case 'application': {
      const item = new vscode.TreeItem(node.label, state(node.expanded, node.count));
      item.id = node.id;
      item.description =
        node.total === 0
          ? node.source === 'added'
            ? l10n.t('no numbers yet')
            : l10n.t('no numbers')
          : countText(node.count, node.total) + groupWarnings(node);
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
    case 'section': {
      const head = node.view.head;
      const item = new vscode.TreeItem(head.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = node.id;
      item.description = head.description;
      item.iconPath = new vscode.ThemeIcon(head.icon);
      item.contextValue = head.contextValue;
      item.tooltip = sectionTooltip(head.tooltip);
      return item;
    }
    case 'sectionRow': {
      const row = node.row;
      const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.description = row.description;
      item.iconPath = new vscode.ThemeIcon(row.icon);
      item.contextValue = row.contextValue;
      item.tooltip = sectionTooltip(row.tooltip);
      return item;
    }
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
