// Drag numbers in the Numbers tree: onto an application to assign (or move) them, onto
// Unassigned to unassign them. The drop runs the same safe flows as the menu commands,
// confirmations included; this file only reads what was dragged and where it fell.
import * as vscode from 'vscode';

/** The tree's own mime type (`application/vnd.code.tree.<view id, lower case>`). */
export const NUMBERS_MIME = 'application/vnd.code.tree.sinchnumbers.numbers';

export interface DropHandlers {
  /** Numbers dropped on an application node (or on a number that is on one). */
  assign(numbers: number[], application: { key: string; label?: string }): Promise<void>;
  /** Numbers dropped on the Unassigned node (or on an unassigned number). */
  unassign(numbers: number[]): Promise<void>;
  /** Shows a failure of either once (cancellation stays silent). */
  onError(error: unknown): void;
}

type NodeShape = {
  kind?: unknown;
  number?: { number?: unknown; applicationKey?: unknown };
  key?: unknown;
  label?: unknown;
};

export class NumbersDragAndDrop implements vscode.TreeDragAndDropController<unknown> {
  readonly dragMimeTypes = [NUMBERS_MIME];
  readonly dropMimeTypes = [NUMBERS_MIME];

  /** Set by the assign feature when it registers; until then a drop does nothing. */
  private handlers: DropHandlers | undefined;

  handle(handlers: DropHandlers): void {
    this.handlers = handlers;
  }

  handleDrag(source: readonly unknown[], dataTransfer: vscode.DataTransfer, _token?: vscode.CancellationToken): void {
    const numbers = numbersOf(source);
    // Only numbers can be dragged; dragging anything else puts nothing of ours in the transfer.
    if (numbers.length > 0) dataTransfer.set(NUMBERS_MIME, new vscode.DataTransferItem({ numbers }));
  }

  async handleDrop(
    target: unknown,
    dataTransfer: vscode.DataTransfer,
    token?: vscode.CancellationToken,
  ): Promise<void> {
    const item = dataTransfer.get(NUMBERS_MIME);
    const handlers = this.handlers;
    if (!item || !handlers || token?.isCancellationRequested) return;
    const numbers = await readPayload(item);
    if (numbers.length === 0) return;
    const where = dropTarget(target);
    if (!where) return;
    try {
      if (where.kind === 'application') await handlers.assign(numbers, where.application);
      else await handlers.unassign(numbers);
    } catch (error) {
      handlers.onError(error);
    }
  }
}

function numbersOf(nodes: readonly unknown[]): number[] {
  const out: number[] = [];
  for (const n of nodes as NodeShape[]) {
    if (n && n.kind === 'number' && typeof n.number?.number === 'number' && !out.includes(n.number.number))
      out.push(n.number.number);
  }
  return out;
}

/** Our payload is `{ numbers }`; anything else in the tree's mime type (VS Code's own handles) is ignored. */
async function readPayload(item: vscode.DataTransferItem): Promise<number[]> {
  let value: unknown = item.value;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return [];
    }
  }
  if (Array.isArray(value))
    return numbersOf(value).length > 0 ? numbersOf(value) : value.filter((v): v is number => typeof v === 'number');
  const list = (value as { numbers?: unknown } | null)?.numbers;
  return Array.isArray(list) ? list.filter((v): v is number => typeof v === 'number' && Number.isSafeInteger(v)) : [];
}

function dropTarget(
  target: unknown,
): { kind: 'application'; application: { key: string; label?: string } } | { kind: 'unassigned' } | undefined {
  const t = target as NodeShape | undefined;
  if (!t) return undefined;
  if (t.kind === 'application' && typeof t.key === 'string') {
    return {
      kind: 'application',
      application: { key: t.key, label: typeof t.label === 'string' ? t.label : undefined },
    };
  }
  if (t.kind === 'unassigned') return { kind: 'unassigned' };
  // On a number: where that number is.
  if (t.kind === 'number' && t.number) {
    const key = t.number.applicationKey;
    return typeof key === 'string' && key !== ''
      ? { kind: 'application', application: { key } }
      : { kind: 'unassigned' };
  }
  return undefined;
}
