import type * as vscode from 'vscode';
import type { ClientProvider } from './session/clientProvider';
import type { SessionManager } from './session/sessionManager';
import type { Log } from './platform/vscode/log';
import type { SwappablePrompter } from './platform/vscode/vscodePrompter';

/** What the composition root builds once and hands to every feature. */
export interface Services {
  context: vscode.ExtensionContext;
  log: Log;
  prompter: SwappablePrompter;
  clients: ClientProvider;
  session: SessionManager;
  /** The clock every feature uses (tests may look at it; nothing secret). */
  now: () => number;
}
