// What an assign command was invoked on: tree nodes from a menu (typed by the guards of
// numbers/vscode/selection.ts), `{ numbers }` from the rent flow, `{ numbers, application }`
// from a quick fix in the editor, or nothing from the palette.
import { isApplicationNode, isNumberNode, isUnassignedNode, menuNodes } from '../../numbers/vscode/selection';
import { isRecord } from '../../platform/isRecord';
import type { Invocation } from '../assignEnvironment';

/** Reads the (clickedNode, selectedNodes[]) pair of a menu, or the other accepted forms. */
export function parseInvocation(args: readonly unknown[]): Invocation {
  const [first, second] = args;
  if (first === undefined || first === null) return {};
  if (Array.isArray(first) && first.every((n) => typeof n === 'number')) return { values: first as number[] };
  if (isRecord(first) && Array.isArray(first.numbers) && !('kind' in first)) {
    const values = (first.numbers as unknown[]).filter((n): n is number => typeof n === 'number');
    // `{ numbers, application }` (a quick fix in the editor): both fixed, the flow asks neither.
    const app = first.application;
    if (isRecord(app) && typeof app.key === 'string')
      return { values, application: { key: app.key, label: typeof app.label === 'string' ? app.label : undefined } };
    return { values };
  }
  if (isApplicationNode(first)) {
    return { application: { key: first.key, label: typeof first.label === 'string' ? first.label : undefined } };
  }
  // The Unassigned node names no numbers: the flow asks for them.
  if (isUnassignedNode(first)) return {};
  const numbers = menuNodes(first, second)
    .filter(isNumberNode)
    .map((n) => n.number);
  return numbers.length > 0 ? { nodes: numbers } : {};
}
