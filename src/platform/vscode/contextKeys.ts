// Sets context keys for `when` clauses and walkthrough completion events, and remembers the
// last value set, since VS Code offers no way to read a context key back (the integration tests do).
import * as vscode from 'vscode';

const values = new Map<string, unknown>();

export function setContextKey(key: string, value: unknown): void {
  if (values.get(key) === value) return;
  values.set(key, value);
  void vscode.commands.executeCommand('setContext', key, value);
}

/** The last value this extension set for `key`, or undefined. */
export function contextKeyValue(key: string): unknown {
  return values.get(key);
}
