import type * as vscode from 'vscode';
import type { ClientProvider } from './session/clientProvider';
import type { SessionManager } from './session/sessionManager';
import type { Log } from './platform/vscode/log';
import type { SwappablePrompter } from './platform/vscode/vscodePrompter';
import type { Messages } from './platform/messages';

/** What the composition root builds once and hands to every feature. */
export interface Services {
  context: vscode.ExtensionContext;
  log: Log;
  prompter: SwappablePrompter;
  /** The one way to tell the user something with buttons; every failure goes through it. */
  messages: Messages;
  clients: ClientProvider;
  session: SessionManager;
  /** The clock every feature uses (tests may look at it; nothing secret). */
  now: () => number;
}
