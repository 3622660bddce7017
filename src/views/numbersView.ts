// STUB owned by the numbers-tree work: replaced by the real view.
import type * as vscode from 'vscode';
import type { Cart } from '../rent/cart';
import type { Services } from '../services';
import type { NumbersModel } from './numbersModel';

export interface NumbersView {
  /** Reveals and selects the given numbers (E.164 digits) in the tree. */
  revealNumbers(numbers: readonly number[]): Promise<void>;
}

export function registerNumbersView(
  _services: Services,
  _deps: { model: NumbersModel; cart: Cart; dragAndDrop?: vscode.TreeDragAndDropController<unknown> },
): NumbersView {
  return { revealNumbers: async () => undefined };
}
