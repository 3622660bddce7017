import * as vscode from 'vscode';
import type { Finding, FindingSeverity } from '../rules';
import type { DocumentScans } from './documentScans';

/** How long typing must pause before a changed document is checked again. */
export const CHANGE_DEBOUNCE_MS = 300;
export const DIAGNOSTIC_SOURCE = 'Sinch Numbers';

const SEVERITY: Record<FindingSeverity, vscode.DiagnosticSeverity> = {
  hint: vscode.DiagnosticSeverity.Hint,
  information: vscode.DiagnosticSeverity.Information,
  warning: vscode.DiagnosticSeverity.Warning,
};

/**
 * The Problems entries for open documents only: a document is checked when it opens, when it
 * changes (debounced) and when the numbers list changes. Nothing while signed out.
 */
export class InsightsDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('sinchNumbers');
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly scans: DocumentScans) {
    this.subscriptions = [
      this.collection,
      vscode.workspace.onDidOpenTextDocument((doc) => this.check(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.schedule(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        this.cancel(doc.uri);
        this.scans.forget(doc);
        this.collection.delete(doc.uri);
      }),
    ];
  }

  /** Checks every open document again (the numbers list, the session or a setting changed). */
  checkAll(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    if (!this.scans.currentIndex()) {
      this.scans.dropFindings();
      this.collection.clear();
      return;
    }
    for (const doc of vscode.workspace.textDocuments) this.check(doc);
  }

  private check(doc: vscode.TextDocument): void {
    if (doc.isClosed) return;
    const findings = this.scans.findings(doc);
    if (findings.length === 0) this.collection.delete(doc.uri);
    else
      this.collection.set(
        doc.uri,
        findings.map((f) => toDiagnostic(doc, f)),
      );
  }

  private schedule(doc: vscode.TextDocument): void {
    this.cancel(doc.uri);
    const key = doc.uri.toString();
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        this.check(doc);
      }, CHANGE_DEBOUNCE_MS),
    );
  }

  private cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    const timer = this.pending.get(key);
    if (timer) clearTimeout(timer);
    this.pending.delete(key);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    for (const s of this.subscriptions) s.dispose();
  }
}

/** The Problems entry of a finding (the quick fix attaches one too). */
export function toDiagnostic(doc: vscode.TextDocument, f: Finding): vscode.Diagnostic {
  const range = new vscode.Range(doc.positionAt(f.start), doc.positionAt(f.end));
  const d = new vscode.Diagnostic(range, f.message, SEVERITY[f.severity]);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = f.rule;
  return d;
}
