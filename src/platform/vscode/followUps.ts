// The buttons of a message and what each does: one place for every feature, so Sign In, Retry,
// Show Log and the proxy settings behave the same after any failure.
import * as vscode from 'vscode';
import { Commands } from '../../constants';
import {
  describeError,
  errorDetails,
  errorSummary,
  followUpTitle,
  isCancellation,
  withDetail,
  type FollowUp,
} from '../errors';
import type { Prompter, Severity } from '../prompter';
import type { Log } from './log';

/** What the follow-ups need: where to ask, where to log, and who to pre-fill Sign In with. */
export interface FollowUpServices {
  prompter: Prompter;
  log: Log;
  session?: { active?: { identity: { endpoint: string } } };
}

/** Button title → what it does. */
export type Handlers = Partial<Record<string, () => unknown>>;

/** isCancellation, plus VS Code's own CancellationError. */
export function isUserCancel(error: unknown): boolean {
  return isCancellation(error) || error instanceof vscode.CancellationError;
}

/** Runs one way forward; `error` is what Copy Error Details copies. */
export async function runFollowUp(
  services: FollowUpServices,
  followUp: FollowUp,
  retry?: () => unknown,
  error?: unknown,
): Promise<void> {
  switch (followUp) {
    case 'signIn':
      await vscode.commands.executeCommand(Commands.signIn, { identity: services.session?.active?.identity.endpoint });
      return;
    case 'retry':
      await retry?.();
      return;
    case 'showLog':
      services.log.show();
      return;
    case 'proxySettings':
      await vscode.commands.executeCommand('workbench.action.openSettings', 'http.proxy');
      return;
    case 'copyDetails':
      await vscode.env.clipboard.writeText(errorDetails(error));
      services.log.info('Error details copied to the clipboard.');
      return;
  }
}

/** The buttons for some ways forward (Retry only when there is something to retry, Copy Error Details only with an error). */
export function followUpHandlers(
  services: FollowUpServices,
  followUps: readonly FollowUp[],
  retry?: () => unknown,
  error?: unknown,
): Handlers {
  const handlers: Handlers = {};
  for (const f of followUps) {
    if ((f !== 'retry' || retry) && (f !== 'copyDetails' || error !== undefined))
      handlers[followUpTitle(f)] = () => runFollowUp(services, f, retry, error);
  }
  return handlers;
}

/**
 * Shows a message without waiting for it; the chosen button's work runs afterwards, and its
 * own failure is shown once (with Retry running that work again).
 */
export function notify(
  services: FollowUpServices,
  severity: Severity,
  text: string,
  handlers: Handlers = {},
  detail?: string,
): void {
  void services.prompter
    .message(severity, text, detail ? { detail } : {}, ...Object.keys(handlers))
    .then(async (choice) => {
      const handler = choice === undefined ? undefined : handlers[choice];
      if (handler) await runShowingErrors(services, handler);
    });
}

/** Runs a follow-up's work; a failure is shown once, with Retry running it again. */
export async function runShowingErrors(services: FollowUpServices, work: () => unknown): Promise<void> {
  try {
    await work();
  } catch (error) {
    void showError(services, error, () => runShowingErrors(services, work));
  }
}

/** Shows an error once, with its ways forward; cancellation stays silent. Never throws. */
export async function showError(services: FollowUpServices, error: unknown, retry?: () => unknown): Promise<void> {
  if (isUserCancel(error)) return;
  services.log.error(errorSummary(error));
  const { text, followUps, detail } = describeError(error);
  const handlers = followUpHandlers(services, followUps, retry, error);
  const choice = await services.prompter.message('error', withDetail(text, detail), {}, ...Object.keys(handlers));
  const handler = choice === undefined ? undefined : handlers[choice];
  if (handler) await handler();
}
