import * as vscode from 'vscode';
import { NUMBERS_VIEW } from '../../constants';
import type { NumbersModel } from '../numbersModel';

/** A load shorter than this shows only the progress bar; a longer one also says what has arrived. */
const LONG_LOAD_MS = 1000;
/** The message follows the list at most this often (a large list reports progress thousands of times). */
const UPDATE_EVERY_MS = 250;

/**
 * Progress of a refresh in the Numbers view: VS Code's progress bar on the view (and its
 * activity-bar icon) for every refresh; once a load has run for a second, `long` turns true
 * and `onChange` asks the view to say how much has arrived (viewText.ts words it), a few
 * times a second until the load ends.
 */
export class LoadProgress implements vscode.Disposable {
  private long_ = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastUpdate = 0;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly model: NumbersModel,
    private readonly onChange: () => void,
  ) {
    this.subscriptions = [
      model.onDidStartRefresh((work) => this.started(work)),
      model.onDidProgress(() => this.progressed()),
    ];
  }

  /** True while a load that has run for more than a second goes on. */
  get long(): boolean {
    return this.long_ && this.model.loading;
  }

  private started(work: Promise<unknown>): void {
    const settled = work.catch(() => undefined);
    void vscode.window.withProgress({ location: { viewId: NUMBERS_VIEW } }, () => settled);
    if (this.timer) clearTimeout(this.timer);
    this.long_ = false;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.long_ = true;
      this.onChange();
    }, LONG_LOAD_MS);
    void settled.then(() => {
      // A later refresh may have started meanwhile: only the last one's end stops the message.
      if (this.model.loading) return;
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      this.long_ = false;
    });
  }

  private progressed(): void {
    const now = Date.now();
    if (!this.long_ || now - this.lastUpdate < UPDATE_EVERY_MS) return;
    this.lastUpdate = now;
    this.onChange();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}
