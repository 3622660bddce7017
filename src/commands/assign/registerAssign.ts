// STUB owned by the assign work.
import type * as vscode from 'vscode';
import type { Services } from '../../services';
import type { NumbersModel } from '../../views/numbersModel';
import type { NumbersView } from '../../views/numbersView';

/** Created before the view (the tree needs its drag-and-drop controller at creation). */
export function createAssignFeature(_services: Services, _deps: { model: NumbersModel }): {
  dragAndDrop?: vscode.TreeDragAndDropController<unknown>;
  register(view: NumbersView): void;
} {
  return { register: () => undefined };
}
