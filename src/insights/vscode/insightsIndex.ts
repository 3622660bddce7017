import * as vscode from 'vscode';
import type { KnownApplications } from '../../numbers/knownApplications';
import type { NumbersModel } from '../../numbers/numbersModel';
import type { SessionManager } from '../../session/sessionManager';
import { CodeIndex } from '../codeIndex';

/**
 * The active organisation's CodeIndex, rebuilt only when the numbers list, the organisation or
 * the applications known without numbers change. Undefined while signed out or before a list is loaded:
 * then nothing is shown, and nothing here ever asks Sinch for the list.
 */
export class InsightsIndex implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** The index may be different (rebuilt, gone, or its organisation changed). */
  readonly onDidChange = this.changed.event;
  private index: CodeIndex | undefined;
  private dirty = true;
  private lastInventory: unknown;
  private readonly subscriptions: { dispose(): void }[];

  constructor(
    private readonly deps: {
      model: NumbersModel;
      session: SessionManager;
      known?: Pick<KnownApplications, 'list' | 'onDidChange'>;
    },
  ) {
    this.subscriptions = [
      deps.model.onDidChange(() => {
        // The model also fires for loading and staleness; only a new list changes the index.
        if (deps.model.inventory === this.lastInventory) return;
        this.lastInventory = deps.model.inventory;
        this.invalidate();
      }),
      deps.session.onDidChange(() => this.invalidate()),
      deps.known?.onDidChange(() => this.invalidate()) ?? { dispose() {} },
    ];
  }

  current(): CodeIndex | undefined {
    if (!this.dirty) return this.index;
    const { model, session, known } = this.deps;
    const account = session.active;
    const inventory = model.inventory;
    this.index =
      account && inventory && model.organisationId === account.organisationId
        ? new CodeIndex(
            inventory,
            { id: account.organisationId, name: account.organisationName },
            known?.list(account.organisationId) ?? [],
          )
        : undefined;
    this.dirty = false;
    return this.index;
  }

  /** True when the list shown may be out of date (a failed refresh, an expired session). */
  get stale(): boolean {
    return this.deps.model.stale;
  }

  private invalidate(): void {
    // Dropped now, not at the next question: an index kept after sign-out would keep the whole list.
    this.index = undefined;
    this.dirty = true;
    this.changed.fire();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
