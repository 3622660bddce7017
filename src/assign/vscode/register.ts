// The assign feature: three commands and the tree's drag and drop, over one writer (so the
// per-application queue and the journal of our own changes are shared by all of them).
import type * as vscode from 'vscode';
import { Commands } from '../../constants';

import type { Services } from '../../services';
import { showError } from '../../platform/vscode/followUps';
import { registerCommand } from '../../platform/vscode/runCommand';
import { NumbersDragAndDrop } from '../../numbers/vscode/dragAndDrop';
import type { NumbersModel } from '../../numbers/numbersModel';
import type { NumbersView } from '../../numbers/vscode/numbersView';
import { assignTo, runAssignCommand } from './assignFlow';
import { loadNumbers, type AssignDeps } from './assignContext';
import { AssignmentWriter } from '../assignmentWriter';
import { unassign, runUnassignCommand } from './unassignFlow';
import { sameApplication } from '../../numbers/applicationKey';

export interface AssignFeature {
  dragAndDrop: vscode.TreeDragAndDropController<unknown>;
  register(view: NumbersView): void;
  /** Shared by every assign path (tests may look at its queue). */
  writer: AssignmentWriter;
}

/** Created before the view (the tree needs its drag-and-drop controller at creation). */
export function createAssignFeature(services: Services, { model }: { model: NumbersModel }): AssignFeature {
  const writer = new AssignmentWriter();
  const deps: AssignDeps = { services, model, writer };

  const dragAndDrop = new NumbersDragAndDrop({
    assign: async (values, application) => {
      services.session.current();
      const all = await loadNumbers(deps);
      const seen = writer.snapshot(all);
      const numbers = all.filter((n) => values.includes(n.number) && !sameApplication(n.applicationKey, application.key));
      if (numbers.length === 0) return; // dropped where they already are
      await assignTo(deps, { numbers, app: application, seen });
    },
    unassign: async (values) => {
      services.session.current();
      const all = await loadNumbers(deps);
      const seen = writer.snapshot(all);
      const numbers = all.filter((n) => values.includes(n.number) && n.applicationKey !== undefined);
      if (numbers.length === 0) return; // unassigned numbers dropped on Unassigned
      await unassign(deps, numbers, seen);
    },
    onError: (error) => void showError(services, error),
  });

  return {
    dragAndDrop,
    writer,
    register(view) {
      deps.view = view;
      services.context.subscriptions.push(
        registerCommand(services, Commands.assignNumbers, (...args: unknown[]) => runAssignCommand(deps, 'assign', args)),
        registerCommand(services, Commands.moveNumbers, (...args: unknown[]) => runAssignCommand(deps, 'move', args)),
        registerCommand(services, Commands.unassignNumbers, (...args: unknown[]) => runUnassignCommand(deps, args)),
      );
    },
  };
}
