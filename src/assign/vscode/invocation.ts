// What a command was invoked on: tree nodes from a menu or a drop, `{ numbers }` from the rent
// flow, `{ numbers, application }` from a quick fix, or nothing from the palette. Typed by
// shape, so it works before nodes.ts exists and with nodes built by tests.
import type { RentedNumber } from '../../sinch/types';
import { menuSelection } from '../../platform/menuSelection';

export interface Invocation {
  /** Numbers taken from number nodes (menu on numbers, drag and drop). */
  nodes?: RentedNumber[];
  /** Numbers given as values (`{ numbers }` after a checkout or from a quick fix, or a plain list). */
  values?: number[];
  /** An application node was the target (its menu, or a drop on it), or a quick fix named it. */
  application?: { key: string; label?: string };
}

type Node = { kind?: unknown; number?: unknown; key?: unknown; label?: unknown };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

export function isNumberNode(v: unknown): v is { kind: 'number'; number: RentedNumber } {
  return isRecord(v) && v.kind === 'number' && isRecord(v.number) && typeof (v.number as { number?: unknown }).number === 'number';
}

export function isApplicationNode(v: unknown): v is { kind: 'application'; key: string; label?: string } {
  return isRecord(v) && v.kind === 'application' && typeof v.key === 'string';
}

export function isUnassignedNode(v: unknown): boolean {
  return isRecord(v) && v.kind === 'unassigned';
}

/** Reads the (clickedNode, selectedNodes[]) pair of a menu, or the other accepted forms. */
export function parseInvocation(args: readonly unknown[]): Invocation {
  const [first, second] = args;
  if (first === undefined || first === null) return {};
  if (Array.isArray(first) && first.every((n) => typeof n === 'number')) return { values: first as number[] };
  if (isRecord(first) && Array.isArray(first.numbers) && !('kind' in first)) {
    const values = (first.numbers as unknown[]).filter((n): n is number => typeof n === 'number');
    // `{ numbers, application }` (a quick fix in the editor): both fixed, the flow asks neither.
    const app = first.application;
    if (isRecord(app) && typeof app.key === 'string') return { values, application: { key: app.key, label: typeof app.label === 'string' ? app.label : undefined } };
    return { values };
  }
  if (isApplicationNode(first)) {
    return { application: { key: first.key, label: typeof first.label === 'string' ? first.label : undefined } };
  }
  // The Unassigned node names no numbers: the flow asks for them.
  if (isUnassignedNode(first)) return {};
  const nodes = menuSelection<Node>(first as Node, second, (a, b) => isNumberNode(a) && isNumberNode(b) && a.number.number === b.number.number);
  const numbers = nodes.filter(isNumberNode).map((n) => n.number);
  return numbers.length > 0 ? { nodes: numbers } : {};
}
