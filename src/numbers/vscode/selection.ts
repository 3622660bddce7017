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
  SectionNode,
  SectionRowNode,
  UnassignedNode,
} from '../treeNodes';

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

/** The head row of a section another feature contributes (`section`: its id). */
export function isSectionNode(v: unknown, section?: string): v is SectionNode {
  return isNode(v, 'section') && typeof v.section === 'string' && (section === undefined || v.section === section);
}

/** A row of a contributed section; `ref` is what its menu commands act on. */
export function isSectionRowNode(v: unknown, section?: string): v is SectionRowNode {
  return (
    isNode(v, 'sectionRow') &&
    typeof v.section === 'string' &&
    typeof v.ref === 'string' &&
    (section === undefined || v.section === section)
  );
}

export function isNumbersNode(v: unknown): v is NumbersNode {
  return (
    isNumberNode(v) ||
    isApplicationNode(v) ||
    isUnassignedNode(v) ||
    isSectionNode(v) ||
    isSectionRowNode(v) ||
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
