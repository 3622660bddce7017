import * as vscode from 'vscode';
import type { Messages } from '../messages';

/**
 * Registers a command whose handler may throw: one place turns errors into one message
 * (with Retry re-running the same command), so handlers stay linear.
 */
export function registerCommand(
  services: { messages: Messages },
  id: string,
  handler: (...args: any[]) => unknown,
): vscode.Disposable {
  const run = async (...args: unknown[]): Promise<unknown> => {
    try {
      return await handler(...args);
    } catch (error) {
      services.messages.showError(error, () => run(...args));
      return undefined;
    }
  };
  return vscode.commands.registerCommand(id, run);
}

/** Registers a feature's command table: id → handler, each through registerCommand. */
export function registerCommands(
  services: { messages: Messages; context: vscode.ExtensionContext },
  table: readonly (readonly [string, (...args: any[]) => unknown])[],
): void {
  for (const [id, handler] of table) services.context.subscriptions.push(registerCommand(services, id, handler));
}
