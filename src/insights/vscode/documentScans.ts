import * as vscode from 'vscode';
import { config } from '../../platform/vscode/config';
import type { CodeIndex } from '../codeIndex';
import { detect, type Candidate } from '../../numbers/numberCandidates';
import { analyse, type Finding } from '../rules';
import type { InsightsIndex } from './insightsIndex';
import { insightsSettings, isEligible } from './settings';
import { EXPORT_MARK_CHARS, isExportText } from '../../numbers/exportNumbers';

interface Scan {
  version: number;
  /** Undefined for a document code insights do not look at (disabled, excluded, too big, our own export). */
  candidates: readonly Candidate[] | undefined;
  findings?: { index: CodeIndex; list: readonly Finding[] };
}

/**
 * What the hover, the CodeLenses, the quick fixes and the diagnostics read: one detection pass
 * per document version, and the rules' findings per (version, index). Never a request.
 */
export class DocumentScans {
  private readonly scans = new Map<string, Scan>();

  constructor(
    private readonly index: InsightsIndex,
    private readonly now: () => number,
  ) {}

  /** The organisation's index, when signed in with a loaded list. */
  currentIndex(): CodeIndex | undefined {
    return this.index.current();
  }

  candidates(doc: vscode.TextDocument): readonly Candidate[] | undefined {
    return this.scan(doc).candidates;
  }

  findings(doc: vscode.TextDocument): readonly Finding[] {
    const index = this.index.current();
    const scan = this.scan(doc);
    if (!index || !scan.candidates) return [];
    if (scan.findings?.index !== index) {
      const list = analyse(scan.candidates, index, {
        unrented: insightsSettings(doc.uri).unrented,
        labels: config.applicationLabels(),
        now: this.now(),
      });
      scan.findings = { index, list };
    }
    return scan.findings.list;
  }

  forget(doc: vscode.TextDocument): void {
    this.scans.delete(doc.uri.toString());
  }

  /** Signed out or no list: what was found goes, as a finding holds its index and so the whole list. */
  dropFindings(): void {
    for (const scan of this.scans.values()) scan.findings = undefined;
  }

  /** Settings changed: everything is looked at again. */
  clear(): void {
    this.scans.clear();
  }

  private scan(doc: vscode.TextDocument): Scan {
    const key = doc.uri.toString();
    let scan = this.scans.get(key);
    if (!scan || scan.version !== doc.version) {
      scan = {
        version: doc.version,
        candidates: isEligible(doc) && !writtenByUs(doc) ? detect(doc.getText()) : undefined,
      };
      this.scans.set(key, scan);
    }
    return scan;
  }
}

/**
 * An export the extension wrote (Export Numbers…, now or in an earlier session, saved or not):
 * every number in it is one of the organisation's by construction, so hovers, CodeLenses and
 * Problems there would only repeat the list (and, after an account switch, call each one foreign).
 */
function writtenByUs(doc: vscode.TextDocument): boolean {
  const end = doc.positionAt(EXPORT_MARK_CHARS);
  return isExportText(doc.getText(new vscode.Range(0, 0, end.line, end.character)));
}
