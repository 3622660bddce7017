// The open documents that use a number, for the Unassign and Move confirmations: the person
// about to change where a number goes learns that code they have open depends on it.
import * as vscode from 'vscode';
import { l10n } from '../../platform/l10n';
import { digitsOf } from '../../numbers/phoneFormat';
import { detect } from '../detector';
import { isEligible } from './settings';

/** Names (workspace-relative) of the open documents that write any of `numbers`, sorted. */
export function documentsReferencing(numbers: readonly number[]): string[] {
  const wanted = new Set(numbers.map(digitsOf));
  if (wanted.size === 0) return [];
  const names = new Set<string>();
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.isClosed || !isEligible(doc)) continue;
    if (detect(doc.getText()).some((c) => c.kind !== 'key' && wanted.has(c.value))) names.add(documentName(doc));
  }
  return [...names].sort((a, b) => a.localeCompare(b));
}

/** The sentence a confirmation's detail ends with, or '' when no open document uses the numbers. */
export function referencingNote(numbers: readonly number[]): string {
  const names = documentsReferencing(numbers);
  if (names.length === 0) return '';
  const shown = names.length > 5 ? [...names.slice(0, 5), l10n.t('{0} more', names.length - 5)] : names;
  return `\n\n${l10n.t('Used in open documents: {0}.', shown.join(', '))}`;
}

function documentName(doc: vscode.TextDocument): string {
  return doc.isUntitled ? doc.uri.path : vscode.workspace.asRelativePath(doc.uri, vscode.workspace.workspaceFolders !== undefined && vscode.workspace.workspaceFolders.length > 1);
}
