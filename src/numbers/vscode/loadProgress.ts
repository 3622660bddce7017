import * as vscode from 'vscode';
import { NUMBERS_VIEW } from '../../constants';
import { l10n } from '../../platform/l10n';
import { formatBytes } from '../../sinch/errors';
import type { NumbersModel } from '../numbersModel';
import { count } from '../wording';

/** A load shorter than this shows only the progress bar; a longer one also says what has arrived. */
const LONG_LOAD_MS = 1000;
/** The message follows the list at most this often (a large list reports progress thousands of times). */
const UPDATE_EVERY_MS = 250;

/**
 * Progress of a refresh in the Numbers view: VS Code's progress bar on the view (and its
 * activity-bar icon) for every refresh; once a load has run for a second, the view's message
 * says how many numbers have arrived so far. `onChange` asks the view to show the new text.
 */
export class LoadProgress implements vscode.Disposable {
  private long = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastUpdate = 0;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly model: NumbersModel, private readonly onChange: () => void) {
    this.subscriptions = [
      model.onDidStartRefresh((work) => this.started(work)),
      model.onDidProgress(() => this.progressed()),
    ];
  }

  /** What the view's message says while a long load runs; undefined otherwise. */
  get message(): string | undefined {
    if (!this.long || !this.model.loading) return undefined;
    const received = this.model.received;
    if (!received || received.items === 0) return l10n.t('Loading the numbers: waiting for Sinch…');
    return l10n.t('Loading the numbers: {0} received so far ({1})…', count(received.items), formatBytes(received.bytes));
  }

  private started(work: Promise<unknown>): void {
    const settled = work.catch(() => undefined);
    void vscode.window.withProgress({ location: { viewId: NUMBERS_VIEW } }, () => settled);
    if (this.timer) clearTimeout(this.timer);
    this.long = false;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.long = true;
      this.onChange();
    }, LONG_LOAD_MS);
    void settled.then(() => {
      // A later refresh may have started meanwhile: only the last one's end stops the message.
      if (this.model.loading) return;
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      this.long = false;
    });
  }

  private progressed(): void {
    const now = Date.now();
    if (!this.long || now - this.lastUpdate < UPDATE_EVERY_MS) return;
    this.lastUpdate = now;
    this.onChange();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}
