// Scan Workspace, the VS Code part: lists the files with workspace.findFiles (files.exclude
// applies there), leaves out search.exclude and the code insights' excludes and size cap, and
// reads the rest under a cancellable progress. Only on demand: nothing calls it by itself.
import * as vscode from 'vscode';
import { CONFIG_SECTION, Settings } from '../../constants';
import type { Inventory } from '../../numbers/inventory';
import { l10n } from '../../platform/l10n';
import type { ScanResult } from '../overviewData';
import { scanWorkspace, type ScanFile } from '../workspaceScan';

/** More files than this are not listed (a workspace that large is a monorepo's checkout). */
const MAX_FILES = 20_000;

interface WorkspaceFile extends ScanFile {
  uri: vscode.Uri;
}

export async function scanFiles(
  inventory: Inventory,
  organisationId: string,
  now: number,
): Promise<ScanResult | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage(l10n.t('Open a folder first: Scan Workspace looks at its files.'));
    return undefined;
  }
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: l10n.t('Scanning the workspace for your numbers'),
      cancellable: true,
    },
    async (progress, token) => {
      const uris = await vscode.workspace.findFiles('**/*', undefined, MAX_FILES, token);
      const files: WorkspaceFile[] = [];
      for (const uri of uris) {
        if (token.isCancellationRequested) return undefined;
        const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
        if (!stat || stat.type & vscode.FileType.Directory) continue;
        files.push({ uri, size: stat.size, relativePath: vscode.workspace.asRelativePath(uri, false) });
      }
      let reported = 0;
      return scanWorkspace(
        files,
        scanRules(),
        (value) => inventory.indexOf(value) >= 0,
        {
          read: async (f) => {
            try {
              return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(f.uri));
            } catch {
              return undefined;
            }
          },
          progress: (done, total) => {
            const share = Math.floor((done / Math.max(1, total)) * 100);
            if (share > reported) {
              progress.report({ increment: share - reported, message: l10n.t('{0} of {1} files', done, total) });
              reported = share;
            }
          },
          cancelled: () => token.isCancellationRequested,
        },
        { organisationId, now },
      );
    },
  );
}

/** search.exclude (the globs set to true) and the code insights' exclude globs and size cap. */
function scanRules(): { exclude: string[]; maxBytes: number } {
  const search = vscode.workspace.getConfiguration('search').get<Record<string, unknown>>('exclude', {});
  const insights = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const own = insights.get<unknown>(Settings.codeInsightsExclude, ['**/node_modules/**', '**/*.min.*']);
  const kb = insights.get<number>(Settings.codeInsightsMaxFileSizeKB, 1024);
  return {
    exclude: [
      ...Object.entries(search ?? {})
        .filter(([, on]) => on === true)
        .map(([glob]) => glob),
      ...(Array.isArray(own) ? own.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : []),
    ],
    maxBytes: (Number.isFinite(kb) && kb > 0 ? kb : 1024) * 1024,
  };
}
