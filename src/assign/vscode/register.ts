// Connects the assign feature (assignCommands.ts) to VS Code: the environment built from the
// shared Editor port, three commands, and the tree's drag and drop.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, ContextKeys } from '../../constants';
import { FileLeaseLocks, WRITE_LEASE_MS } from '../../platform/leaseLocks';
import type { Services } from '../../services';
import { config } from '../../platform/vscode/config';
import { setContextKey } from '../../platform/vscode/contextKeys';
import { registerCommands } from '../../platform/vscode/runCommand';
import type { Editor } from '../../numbers/editor';
import type { NumbersView } from '../../numbers/vscode/numbersView';
import { AssignCommands } from '../assignCommands';
import type { AssignEnvironment } from '../assignEnvironment';
import { parseInvocation } from './invocation';

export function registerAssign(
  services: Services,
  deps: {
    editor: Editor;
    view: NumbersView;
    /** Names of the open documents that use any of these numbers (from code insights). */
    documentsReferencing: (numbers: readonly number[]) => string[];
  },
): AssignCommands {
  const { view } = deps;
  const env: AssignEnvironment = {
    ...deps.editor,
    labels: () => config.applicationLabels(),
    addedApplications: (organisationId) => view.added?.list(organisationId) ?? [],
    documentsReferencing: deps.documentsReferencing,
    // Writes to one application, one window of this machine at a time (a lock file with a lease in global storage).
    machineLocks: {
      locks: new FileLeaseLocks(path.join(services.context.globalStorageUri.fsPath, 'locks')),
      owner: vscode.env.sessionId,
      leaseMs: WRITE_LEASE_MS,
      wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    },
    canUndoChanged: (canUndo) => setContextKey(ContextKeys.canUndo, canUndo),
    // The walkthrough's Assign step: a write that landed, whichever path started it.
    assigned: () => setContextKey(ContextKeys.assigned, true),
  };
  const commands = new AssignCommands(env);
  view.dragAndDrop?.handle({
    assign: (numbers, application) => commands.dropOnApplication(numbers, application),
    unassign: (numbers) => commands.dropOnUnassigned(numbers),
    onError: (error) => services.messages.showError(error),
  });
  registerCommands(services, [
    [Commands.assignNumbers, (...args: unknown[]) => commands.assign('assign', parseInvocation(args))],
    [Commands.moveNumbers, (...args: unknown[]) => commands.assign('move', parseInvocation(args))],
    [Commands.unassignNumbers, (...args: unknown[]) => commands.unassign(parseInvocation(args))],
    [Commands.undoLastChange, () => commands.undoLastChange()],
  ]);
  return commands;
}
