import * as vscode from 'vscode';
import { showError, type FollowUpServices } from './followUps';

/**
 * Registers a command whose handler may throw: one place turns errors into one message
 * (with Retry re-running the same command), so handlers stay linear.
 */
export function registerCommand(
  services: FollowUpServices,
  id: string,
  handler: (...args: any[]) => unknown,
): vscode.Disposable {
  const run = async (...args: unknown[]): Promise<unknown> => {
    try {
      return await handler(...args);
    } catch (error) {
      // Not awaited: a notification stays until dismissed, and the command must return.
      void showError(services, error, () => run(...args));
      return undefined;
    }
  };
  return vscode.commands.registerCommand(id, run);
}
