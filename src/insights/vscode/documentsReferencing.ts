// The open documents that use a number, for the Unassign and Move confirmations: the person
// about to change where a number goes learns that code they have open depends on it.
import * as vscode from 'vscode';
import { digitsOf } from '../../numbers/phoneFormat';
import { detect } from '../../numbers/numberCandidates';
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

function documentName(doc: vscode.TextDocument): string {
  return doc.isUntitled
    ? doc.uri.path
    : vscode.workspace.asRelativePath(
        doc.uri,
        vscode.workspace.workspaceFolders !== undefined && vscode.workspace.workspaceFolders.length > 1,
      );
}
