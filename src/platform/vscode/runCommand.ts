import * as vscode from 'vscode';
import { Commands } from '../../constants';
import { SinchApiError } from '../../sinch/errors';
import { InputError } from '../../sinch/guards';
import type { Log } from './log';
import { UserCancelled, type Prompter } from '../prompter';
import { l10n } from '../l10n';

/** What every command handler is given besides its arguments. */
export interface CommandServices {
  prompter: Prompter;
  log: Log;
  /** When present, Sign In pre-fills the active account's identity. */
  session?: { active?: { identity: { endpoint: string } } };
}

const SIGN_IN = l10n.t('Sign In');
const RETRY = l10n.t('Retry');
const SHOW_LOG = l10n.t('Show Log');
const PROXY_SETTINGS = l10n.t('Open Proxy Settings');

/** The user-facing sentence and the ways forward for an error. */
export function describeError(error: unknown): { text: string; actions: string[] } {
  if (error instanceof SinchApiError) {
    switch (error.kind) {
      case 'auth':
      case 'expired':
        return { text: error.message, actions: [SIGN_IN, SHOW_LOG] };
      case 'unavailable':
      case 'rateLimited':
      case 'network':
      case 'timeout':
        return { text: error.message, actions: [RETRY, SHOW_LOG] };
      case 'proxy':
        return { text: error.message, actions: [PROXY_SETTINGS, SHOW_LOG] };
      default:
        return { text: error.message, actions: [SHOW_LOG] };
    }
  }
  if (error instanceof InputError) return { text: error.message, actions: [] };
  // "Sign in first" and "session expired" errors from the session and the model: by name, so
  // this module needs neither.
  if (error instanceof Error && (error.name === 'NotSignedInError' || error.name === 'SessionExpiredError')) {
    return { text: error.message, actions: [SIGN_IN] };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { text: message || l10n.t('Something went wrong.'), actions: [SHOW_LOG] };
}

export function isCancellation(error: unknown): boolean {
  return error instanceof UserCancelled
    || error instanceof vscode.CancellationError
    || (error instanceof SinchApiError && error.kind === 'cancelled');
}

/**
 * Shows an error once, with its way forward. Cancellation stays silent. Resolves when the
 * user picked an action (or dismissed the message); never throws.
 */
export async function showError(services: CommandServices, error: unknown, retry?: () => unknown): Promise<void> {
  if (isCancellation(error)) return;
  services.log.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  const { text, actions } = describeError(error);
  const offered = actions.filter((a) => a !== RETRY || retry);
  const choice = await services.prompter.message('error', text, {}, ...offered);
  if (choice === SIGN_IN) await vscode.commands.executeCommand(Commands.signIn, { identity: services.session?.active?.identity.endpoint });
  else if (choice === RETRY) await retry?.();
  else if (choice === SHOW_LOG) services.log.show();
  else if (choice === PROXY_SETTINGS) await vscode.commands.executeCommand('workbench.action.openSettings', 'http.proxy');
}

/**
 * Registers a command whose handler may throw: one place turns errors into one message
 * (with Retry re-running the same command), so handlers stay linear.
 */
export function registerCommand(
  services: CommandServices,
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
