// Connects the assign feature (assignCommands.ts) to VS Code: the environment built from the
// services, three commands, and the tree's drag and drop.
import type * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { Services } from '../../services';
import { config } from '../../platform/vscode/config';
import { runFollowUp, runShowingErrors, showError } from '../../platform/vscode/followUps';
import { withCancellableProgress } from '../../platform/vscode/progress';
import { registerCommand } from '../../platform/vscode/runCommand';
import type { NumbersModel } from '../../numbers/numbersModel';
import { NumbersDragAndDrop } from '../../numbers/vscode/dragAndDrop';
import type { NumbersView } from '../../numbers/vscode/numbersView';
import { AssignCommands } from '../assignCommands';
import type { AssignmentWriter } from '../assignmentWriter';
import type { AssignEnvironment } from '../assignEnvironment';
import { parseInvocation } from './invocation';
import { documentsReferencing } from '../../insights/vscode/documentsReferencing';

export interface AssignFeature {
  dragAndDrop: vscode.TreeDragAndDropController<unknown>;
  register(view: NumbersView): void;
  /** The one writer every assign goes through (tests check its queue has drained). */
  writer: AssignmentWriter;
}

/** Created before the view (the tree needs its drag-and-drop controller at creation). */
export function createAssignFeature(services: Services, { model }: { model: NumbersModel }): AssignFeature {
  let view: NumbersView | undefined;
  const env: AssignEnvironment = {
    prompter: services.prompter,
    session: services.session,
    model,
    labels: () => config.applicationLabels(),
    addedApplications: (organisationId) => view?.added?.list(organisationId) ?? [],
    revealNumbers: async (numbers) => {
      await view?.revealNumbers(numbers);
    },
    documentsReferencing,
    log: services.log,
    withProgress: (title, task) => withCancellableProgress(services, title, task),
    signal: (caller) => services.clients.signal(caller),
    // A follow-up's error gets its own message, whose Retry runs the follow-up again.
    runFollowUp: (work) => runShowingErrors(services, work),
    signIn: () => runFollowUp(services, 'signIn'),
    openProxySettings: () => runFollowUp(services, 'proxySettings'),
    copyErrorDetails: (error) => runFollowUp(services, 'copyDetails', undefined, error),
  };
  const commands = new AssignCommands(env);
  const dragAndDrop = new NumbersDragAndDrop({
    assign: (numbers, application) => commands.dropOnApplication(numbers, application),
    unassign: (numbers) => commands.dropOnUnassigned(numbers),
    onError: (error) => void showError(services, error),
  });
  return {
    dragAndDrop,
    writer: commands.writer,
    register(registered) {
      view = registered;
      services.context.subscriptions.push(
        registerCommand(services, Commands.assignNumbers, (...args: unknown[]) =>
          commands.assign('assign', parseInvocation(args)),
        ),
        registerCommand(services, Commands.moveNumbers, (...args: unknown[]) =>
          commands.assign('move', parseInvocation(args)),
        ),
        registerCommand(services, Commands.unassignNumbers, (...args: unknown[]) =>
          commands.unassign(parseInvocation(args)),
        ),
      );
    },
  };
}
