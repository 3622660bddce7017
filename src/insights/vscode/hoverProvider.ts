import * as vscode from 'vscode';
import { Commands } from '../../constants';
import { labelLookup } from '../../numbers/applicationLabels';
import { config } from '../../platform/vscode/config';
import { l10n } from '../../platform/l10n';
import { markdownCode, markdownText } from '../../platform/safeText';
import { formatPhoneNumber, toE164 } from '../../numbers/phoneFormat';
import { numbersCount, orgLabel } from '../../numbers/wording';
import type { InventoryEntry } from '../../numbers/inventory';
import { placeAndCapabilities } from '../../numbers/rowText';
import { emptyApplicationText, numberTooltip } from '../../numbers/vscode/tooltips';
import type { ApplicationFacts, CodeIndex } from '../codeIndex';
import { candidateAt } from '../../numbers/numberCandidates';
import type { DocumentScans } from './documentScans';

/** How many of an application's numbers its hover lists. */
export const LISTED_NUMBERS = 10;

/** Only these command links run from the hovers; everything else in them is escaped text. */
const TRUSTED = { enabledCommands: [Commands.revealInView, Commands.copyNumber] };

/** A `command:` link with JSON arguments, as VS Code reads them from Markdown. */
export function commandLink(title: string, command: string, arg: unknown): string {
  const text = title.replace(/[[\]\\]/g, (c) => `\\${c}`);
  return `[${text}](command:${command}?${encodeURIComponent(JSON.stringify([arg]))})`;
}

/** Hovers on the organisation's numbers and application keys, from the loaded list only. */
export class InsightsHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly scans: DocumentScans,
    private readonly deps: { now: () => number; stale: () => boolean },
  ) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const index = this.scans.currentIndex();
    const candidates = index && this.scans.candidates(doc);
    if (!index || !candidates) return undefined;
    const found = candidateAt(candidates, doc.offsetAt(position));
    if (!found) return undefined;
    const range = new vscode.Range(doc.positionAt(found.start), doc.positionAt(found.end));
    if (found.kind === 'key') {
      const app = index.application(found.value);
      return app ? new vscode.Hover(this.applicationHover(index, app), range) : undefined;
    }
    const entry = index.number(found.value);
    return entry ? new vscode.Hover(this.numberHover(index, entry), range) : undefined;
  }

  private numberHover(index: CodeIndex, entry: InventoryEntry): vscode.MarkdownString {
    const labels = config.applicationLabels();
    const ctx = { now: this.deps.now(), labelOf: labelLookup(labels) };
    const md = trusted(numberTooltip(entry, ctx).value);
    md.appendMarkdown('\n\n');
    this.appendOwner(md, index);
    const n = entry.number.number;
    const links = [
      commandLink(`$(list-tree) ${l10n.t('Reveal in Sinch Numbers')}`, Commands.revealInView, { number: n }),
    ];
    if (toE164(n))
      links.push(
        commandLink(`$(copy) ${l10n.t('Copy E.164')}`, Commands.copyNumber, {
          kind: 'number',
          id: String(n),
          number: { number: n },
        }),
      );
    md.appendMarkdown(links.join(' · '));
    return md;
  }

  private applicationHover(index: CodeIndex, app: ApplicationFacts): vscode.MarkdownString {
    const label = labelLookup(config.applicationLabels())(app.key);
    const total = app.group?.size ?? 0;
    // Only the rows listed are looked at: a pool of 50,000 numbers lists its first ten.
    const entries = Array.from(app.group?.sorted().subarray(0, LISTED_NUMBERS) ?? [], (i) => index.inventory.entry(i));
    // Trusted for two commands: every string from the server or a setting is escaped completely.
    const md = trusted(`**${markdownText(label ?? l10n.t('Sinch application'))}** · ${numbersCount(total)}  \n`);
    md.appendMarkdown(`${markdownCode(app.key)}\n\n`);
    if (total === 0) md.appendText(emptyApplicationText(app.source ?? 'added'));
    for (const e of entries) {
      md.appendMarkdown(`- ${e.expiry === 'expired' ? '$(error) ' : e.expiry === 'expiring' ? '$(warning) ' : ''}`);
      md.appendMarkdown(
        `${markdownText(`${formatPhoneNumber(e.number.number)} · ${placeAndCapabilities(e.number)}`)}\n`,
      );
    }
    if (total > LISTED_NUMBERS) {
      md.appendMarkdown('\n');
      md.appendText(l10n.t('and {0} more', total - LISTED_NUMBERS));
    }
    md.appendMarkdown('\n\n');
    this.appendOwner(md, index);
    md.appendMarkdown(
      commandLink(`$(list-tree) ${l10n.t('Reveal in Sinch Numbers')}`, Commands.revealInView, {
        applicationKey: app.key,
      }),
    );
    return md;
  }

  /** Whose numbers these are, and a warning when the list may be out of date. */
  private appendOwner(md: vscode.MarkdownString, index: CodeIndex): void {
    md.appendMarkdown(markdownText(l10n.t('In {0}.', orgLabel(index.organisation))));
    if (this.deps.stale()) {
      md.appendMarkdown(' $(warning) ');
      md.appendText(l10n.t('The list may be out of date: refresh the Numbers view.'));
    }
    md.appendMarkdown('\n\n');
  }
}

function trusted(value: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(value, true);
  md.isTrusted = TRUSTED;
  return md;
}
