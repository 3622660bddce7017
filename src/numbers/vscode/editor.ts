// Builds the one Editor port every feature's flows use, from the services and the Numbers view.
import type { Services } from '../../services';
import { withCancellableProgress } from '../../platform/vscode/progress';
import type { Editor } from '../editor';
import type { ActivityRecorder } from '../activity';
import type { NumbersModel } from '../numbersModel';
import type { NumbersView } from './numbersView';

export function createEditor(
  services: Services,
  deps: { model: NumbersModel; view: NumbersView; activity: ActivityRecorder },
): Editor {
  const { model, view } = deps;
  return {
    prompter: services.prompter,
    messages: services.messages,
    session: services.session,
    model,
    revealNumbers: (numbers) => view.revealNumbers(numbers),
    log: services.log,
    withProgress: (title, task) => withCancellableProgress(services, title, task),
    signal: (caller) => services.clients.signal(caller),
    now: services.now,
    activity: deps.activity,
  };
}
