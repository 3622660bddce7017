// The Numbers Overview panel: one webview per window, drawn from the model the tree already
// holds (it sends no request of its own), redrawn when the model, the labels, the session or
// the journal change, restored after a reload by its serializer. Strict CSP: only our own
// script (with a nonce) and style sheet, no remote content.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { Services } from '../../services';
import type { NumbersModel } from '../../numbers/numbersModel';
import type { ActivityEntry, ActivitySource } from '../../numbers/activity';
import { buildOverview, type OverviewData, type ScanResult } from '../overviewData';
import { overviewStrings } from '../overviewStrings';
import { l10n } from '../../platform/l10n';
import { readWebviewMessage, type WebviewMessage } from '../webviewMessages';

export const OVERVIEW_VIEW_TYPE = 'sinchNumbers.overview';

/** What the panel does with a click; extension.ts wires each to the feature that owns it. */
export interface OverviewActions {
  filterTree(filter: string): Promise<void>;
  revealNumbers(numbers: readonly number[]): Promise<void>;
  copyNumber(number: number): Promise<void>;
  openDashboard(): Promise<void>;
  refresh(): Promise<void>;
  scan(): Promise<void>;
  showActivity(): Promise<void>;
}

export interface OverviewDeps {
  model: NumbersModel;
  activity: ActivitySource;
  labels(): Readonly<Record<string, string>>;
  actions: OverviewActions;
}

export class OverviewPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private scan: ScanResult | undefined;
  private entries: readonly ActivityEntry[] = [];
  private dirty = true;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The last draw sent, for tests and the benchmark. */
  lastData: OverviewData | undefined;
  private readonly posted = new vscode.EventEmitter<OverviewData>();
  readonly onDidPost = this.posted.event;
  private readonly received = new vscode.EventEmitter<WebviewMessage>();
  /** A message the webview sent (tests wait on 'ready'). */
  readonly onDidReceive = this.received.event;

  constructor(
    private readonly services: Services,
    private readonly deps: OverviewDeps,
  ) {
    const redraw = () => this.invalidate();
    this.subscriptions.push(
      this.posted,
      this.received,
      { dispose: deps.model.onDidChange(redraw).dispose },
      { dispose: services.session.onDidChange(redraw).dispose },
      deps.activity.onDidAppend(() => void this.readActivity()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('sinchNumbers.applicationLabels')) redraw();
      }),
    );
  }

  get visible(): boolean {
    return this.panel?.visible ?? false;
  }

  /** Show Overview: opens the panel, or brings it forward. */
  async show(): Promise<void> {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    this.attach(
      vscode.window.createWebviewPanel(OVERVIEW_VIEW_TYPE, l10n.t('Numbers Overview'), vscode.ViewColumn.Active, {
        enableScripts: true,
        localResourceRoots: this.roots(),
      }),
    );
    await this.readActivity();
  }

  /** After a reload: the panel VS Code kept, with our content again. */
  async revive(panel: vscode.WebviewPanel): Promise<void> {
    panel.webview.options = { enableScripts: true, localResourceRoots: this.roots() };
    this.attach(panel);
    await this.readActivity();
  }

  /** The result of Scan Workspace, shown until the organisation or the list changes. */
  setScan(result: ScanResult | undefined): void {
    this.scan = result;
    this.invalidate();
  }

  private roots(): vscode.Uri[] {
    const ext = this.services.context.extensionUri;
    return [vscode.Uri.joinPath(ext, 'dist'), vscode.Uri.joinPath(ext, 'media')];
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.services.context.extensionUri, 'media', 'sinch-numbers.svg');
    panel.webview.html = this.html(panel.webview);
    this.dirty = true;
    const subs = [
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.onMessage(raw)),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.dirty) this.post();
      }),
    ];
    panel.onDidDispose(() => {
      subs.forEach((s) => s.dispose());
      if (this.panel === panel) this.panel = undefined;
    });
  }

  private invalidate(): void {
    this.dirty = true;
    if (this.panel?.visible) this.post();
  }

  private async readActivity(): Promise<void> {
    this.entries = await this.deps.activity.read().catch(() => []);
    this.invalidate();
  }

  private post(): void {
    if (!this.panel) return;
    const data = this.data();
    this.dirty = false;
    this.lastData = data;
    void this.panel.webview.postMessage({ type: 'data', data, strings: overviewStrings() });
    this.posted.fire(data);
  }

  /** What the panel shows now, from the model (no request). */
  data(): OverviewData {
    const { model } = this.deps;
    const { session } = this.services;
    const active = session.active;
    const org = active ? { id: active.organisationId, name: active.organisationName } : undefined;
    const inventory = model.inventory;
    const placeholder = (state: OverviewData['state'], status: string): OverviewData => ({
      state,
      organisation: org ? (org.name ?? org.id) : '',
      status,
      currencies: [],
      timeline: { expired: { label: '', count: 0, filter: '' }, weeks: [], later: 0, noDate: 0, summary: '' },
      unused: { headline: '', count: 0, totals: '', rows: [], more: 0, scanned: false, filter: 'app:none' },
      activity: [],
      total: 0,
    });
    if (!org) return placeholder('signedOut', '');
    if (!inventory || model.organisationId !== org.id)
      return placeholder(
        'loading',
        model.loading ? l10n.t('Loading…') : l10n.t('The Numbers view has not loaded the numbers yet.'),
      );
    if (inventory.size === 0) return placeholder('empty', this.status());
    const labels = this.deps.labels();
    const lower = new Map(Object.entries(labels).map(([k, v]) => [k.toLowerCase(), v]));
    const scan = this.scan?.organisationId === org.id ? this.scan : undefined;
    return buildOverview({
      inventory,
      org,
      labelOf: (key) => lower.get(key),
      scan,
      activity: this.entries,
      status: this.status(),
    });
  }

  private status(): string {
    const { model } = this.deps;
    const at =
      model.loadedAt === undefined
        ? ''
        : new Date(model.loadedAt).toLocaleTimeString(vscode.env.language || 'en', {
            hour: '2-digit',
            minute: '2-digit',
          });
    if (model.stale) return l10n.t('Read at {0}; may be out of date: the last refresh did not complete.', at);
    return l10n.t('From the Numbers view, read at {0}.', at);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const m = readWebviewMessage(raw);
    if (!m) return;
    this.received.fire(m);
    const a = this.deps.actions;
    try {
      switch (m.type) {
        case 'ready':
          this.post();
          return;
        case 'filter':
          return await a.filterTree(m.filter);
        case 'reveal':
          return await a.revealNumbers(m.numbers);
        case 'copy':
          return await a.copyNumber(m.number);
        case 'dashboard':
          return await a.openDashboard();
        case 'refresh':
          return await a.refresh();
        case 'scan':
          return await a.scan();
        case 'showActivity':
          return await a.showActivity();
      }
    } catch (e) {
      this.services.log.warn(`An overview action failed: ${e instanceof Error ? e.message : String(e)}`);
      void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
    }
  }

  private html(webview: vscode.Webview): string {
    const nonce = randomBytes(16).toString('base64');
    const ext = this.services.context.extensionUri;
    const script = webview.asWebviewUri(vscode.Uri.joinPath(ext, 'dist', 'overview.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(ext, 'media', 'overview.css'));
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `img-src ${webview.cspSource}`,
      `font-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="${escapeAttribute(vscode.env.language || 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>${escapeAttribute(l10n.t('Numbers Overview'))}</title>
</head>
<body>
<div id="root" aria-live="polite"></div>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
  }

  dispose(): void {
    this.panel?.dispose();
    this.subscriptions.forEach((s) => s.dispose());
  }
}

function escapeAttribute(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
