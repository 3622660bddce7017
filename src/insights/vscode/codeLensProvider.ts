import * as vscode from 'vscode';
import { Commands } from '../../constants';
import { labelLookup } from '../../numbers/applicationLabels';
import { config } from '../../platform/vscode/config';
import { l10n } from '../../platform/l10n';
import { numbersCount } from '../../numbers/wording';
import type { DocumentScans } from './documentScans';

/** "Voice IVR · 2 numbers" above each line that names one of the organisation's applications. */
export class InsightsCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly scans: DocumentScans) {}

  /** The index or a setting changed: VS Code asks again. */
  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const index = this.scans.currentIndex();
    const candidates = index && this.scans.candidates(doc);
    if (!index || !candidates) return [];
    const labels = config.applicationLabels();
    const lenses: vscode.CodeLens[] = [];
    const seen = new Set<string>();
    for (const c of candidates) {
      if (c.kind !== 'key') continue;
      const app = index.application(c.value);
      const line = doc.positionAt(c.start).line;
      if (!app || seen.has(`${line}:${app.key}`)) continue;
      seen.add(`${line}:${app.key}`);
      const name = labelLookup(labels)(app.key) ?? l10n.t('Sinch application');
      lenses.push(
        new vscode.CodeLens(doc.lineAt(line).range, {
          title: l10n.t('{0} · {1}', name, numbersCount(app.group?.size ?? 0)),
          tooltip: l10n.t('Reveal {0} in the Sinch Numbers view', app.key),
          command: Commands.revealInView,
          arguments: [{ applicationKey: app.key }],
        }),
      );
    }
    return lenses;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
