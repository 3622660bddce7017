// The generic ways forward of a message (Sign In, Show Log, proxy settings, the clipboard) as VS
// Code runs them. Built once by the composition root for the one message service.
import * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { ErrorText, WaysForward } from '../messages';
import type { Log } from './log';

/** `identity`: the account a Sign In pre-fills (the active one), so every feature's Sign In asks for the same. */
export function editorWaysForward(log: Log, identity: () => string | undefined): WaysForward {
  return {
    signIn: async () => {
      await vscode.commands.executeCommand(Commands.signIn, { identity: identity() });
    },
    showLog: () => log.show(),
    openProxySettings: async () => {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'http.proxy');
    },
    copyToClipboard: async (text) => {
      await vscode.env.clipboard.writeText(text);
    },
  };
}

/** The error text, with VS Code's own CancellationError counted as the user's cancel too. */
export function withEditorCancellation(errors: ErrorText): ErrorText {
  return {
    ...errors,
    isCancellation: (error) => error instanceof vscode.CancellationError || errors.isCancellation(error),
  };
}
