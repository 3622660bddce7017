import * as vscode from 'vscode';
import { CONFIG_SECTION, Settings } from '../../constants';
import type { UnrentedSeverity } from '../rules';

/** The sinchNumbers.codeInsights.* settings for one document (they are resource-scoped). */
export interface InsightsSettings {
  enabled: boolean;
  unrented: UnrentedSeverity;
  exclude: readonly string[];
  maxChars: number;
}

const SEVERITIES: readonly UnrentedSeverity[] = ['off', 'hint', 'information', 'warning'];
const DEFAULT_EXCLUDE = ['**/node_modules/**', '**/*.min.*'];

/** Documents of these schemes are the user's text; others (output, git, settings) are not. */
const SCHEMES = ['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'vscode-notebook-cell'];

/** For the providers' registrations. */
export const DOCUMENT_SELECTOR: vscode.DocumentFilter[] = SCHEMES.map((scheme) => ({ scheme }));

export function insightsSettings(scope?: vscode.Uri): InsightsSettings {
  const c = vscode.workspace.getConfiguration(CONFIG_SECTION, scope);
  const unrented = c.get<string>(Settings.codeInsightsUnrentedSeverity, 'information');
  const exclude = c.get<unknown>(Settings.codeInsightsExclude, DEFAULT_EXCLUDE);
  const kb = c.get<number>(Settings.codeInsightsMaxFileSizeKB, 1024);
  return {
    enabled: c.get<boolean>(Settings.codeInsightsEnabled, true) !== false,
    unrented: SEVERITIES.includes(unrented as UnrentedSeverity) ? (unrented as UnrentedSeverity) : 'information',
    exclude: Array.isArray(exclude)
      ? exclude.filter((g): g is string => typeof g === 'string' && g.trim() !== '')
      : DEFAULT_EXCLUDE,
    maxChars: (Number.isFinite(kb) && kb > 0 ? kb : 1024) * 1024,
  };
}

/** True when code insights look at this document: enabled, a user's document, not excluded, not too big. */
export function isEligible(doc: vscode.TextDocument, settings = insightsSettings(doc.uri)): boolean {
  if (!settings.enabled || !SCHEMES.includes(doc.uri.scheme)) return false;
  if (settings.exclude.some((pattern) => vscode.languages.match({ pattern }, doc) > 0)) return false;
  // The length without building the text: big files (bundles, dumps) are skipped before reading.
  const last = doc.lineAt(doc.lineCount - 1);
  return doc.offsetAt(last.range.end) <= settings.maxChars;
}

/** True when a configuration change touches what code insights show. */
export function affectsInsights(e: vscode.ConfigurationChangeEvent): boolean {
  return ['codeInsights', Settings.applicationLabels, Settings.expiryWarningDays].some((k) =>
    e.affectsConfiguration(`${CONFIG_SECTION}.${k}`),
  );
}
