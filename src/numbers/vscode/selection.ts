// What a tree menu command acts on. VS Code calls a menu command with (clicked, selected[]);
// a keybinding or the palette passes nothing; a command link or another extension may pass
// anything. The guards check a value is one of our NumbersNode kinds, with the fields the
// commands read, so a foreign argument is never taken for a node.
import { isRecord } from '../../platform/isRecord';
import { menuSelection } from '../../platform/menuSelection';
import type {
  ApplicationNode,
  NumberNode,
  NumbersNode,
  ReservationNode,
  ReservationsNode,
  UnassignedNode,
} from './nodes';

function isNode(v: unknown, kind: NumbersNode['kind']): v is Record<string, unknown> {
  return isRecord(v) && v.kind === kind && typeof v.id === 'string';
}

export function isNumberNode(v: unknown): v is NumberNode {
  return isNode(v, 'number') && isRecord(v.number) && typeof v.number.number === 'number';
}

export function isApplicationNode(v: unknown): v is ApplicationNode {
  return isNode(v, 'application') && typeof v.key === 'string';
}

export function isUnassignedNode(v: unknown): v is UnassignedNode {
  return isNode(v, 'unassigned');
}

export function isReservationsNode(v: unknown): v is ReservationsNode {
  return isNode(v, 'reservations') && Array.isArray(v.items);
}

export function isReservationNode(v: unknown): v is ReservationNode {
  return isNode(v, 'reservation') && isRecord(v.item) && typeof v.item.referenceId === 'string';
}

export function isNumbersNode(v: unknown): v is NumbersNode {
  return (
    isNumberNode(v) ||
    isApplicationNode(v) ||
    isUnassignedNode(v) ||
    isReservationsNode(v) ||
    isReservationNode(v) ||
    isNode(v, 'message')
  );
}

/**
 * The nodes a menu command acts on: the selection when the clicked row is part of it, else
 * the clicked row alone (a right-click outside the selection). Empty when `clicked` is not a node.
 */
export function menuNodes(clicked: unknown, selected: unknown): NumbersNode[] {
  if (!isNumbersNode(clicked)) return [];
  const list = Array.isArray(selected) ? selected.filter(isNumbersNode) : [];
  return menuSelection(clicked, list, (a, b) => a.id === b.id);
}
