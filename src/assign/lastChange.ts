// The last change this window made to assignments, kept so that Undo Last Change can undo it
// after the toast with its Undo button is gone. One change at a time: a newer one replaces it,
// and the toast's Undo and the command both run the same undo, once.
import { l10n } from '../platform/l10n';
import { formatPhoneNumber } from '../numbers/phoneFormat';
import { orgLabel } from '../numbers/wording';
import { sameApplication } from '../numbers/applicationKey';
import type { AssignDeps } from './assignEnvironment';
import { appName } from './names';

/** One change that can still be undone, and where it left each number it touched. */
export interface UndoableChange {
  organisation: { id: string; name?: string };
  /** Each number the change touched, and the application it left it on (undefined: unassigned). */
  left: ReadonlyArray<{ number: number; applicationKey?: string }>;
  /** The same work as the toast's Undo button. */
  undo: () => Promise<void>;
}

export class LastChange {
  private change: UndoableChange | undefined;

  /** `changed(true)` while there is a change to undo (the palette's and view's context key). */
  constructor(private readonly changed: (canUndo: boolean) => void = () => undefined) {}

  get current(): UndoableChange | undefined {
    return this.change;
  }

  record(change: UndoableChange): void {
    this.change = change;
    this.changed(true);
  }

  /** Takes the change out (it is being undone); false when it is no longer the last one. */
  take(change: UndoableChange): boolean {
    if (this.change !== change) return false;
    this.change = undefined;
    this.changed(false);
    return true;
  }

  /** The toast's Undo: forgets the change, then undoes it (an older toast's Undo still undoes its own change). */
  undoing(change: UndoableChange): () => Promise<void> {
    return () => {
      this.take(change);
      return change.undo();
    };
  }
}

/** Undo Last Change: undoes the last change, or says why it cannot. */
export async function undoLastChange(deps: AssignDeps): Promise<void> {
  const { env, lastChange } = deps;
  const change = lastChange.current;
  if (!change) {
    env.messages.show({ severity: 'info', text: l10n.t('There is no change to undo.') });
    return;
  }
  const { account } = env.session.current();
  if (account.organisationId !== change.organisation.id) {
    env.messages.show({
      severity: 'info',
      text: l10n.t(
        'The last change was made in {0}, and you are signed in to {1}. Switch back to {0} to undo it.',
        orgLabel(change.organisation),
        orgLabel({ id: account.organisationId, name: account.organisationName }),
      ),
    });
    return;
  }
  const now = await env.model.refresh({ fresh: true });
  const moved = change.left.flatMap(({ number, applicationKey }) => {
    const n = now.find((m) => m.number === number);
    if (!n) return [l10n.t('{0} is no longer rented', formatPhoneNumber(number))];
    if (applicationKey === undefined ? !n.applicationKey : sameApplication(applicationKey, n.applicationKey ?? ''))
      return [];
    return [
      n.applicationKey
        ? l10n.t('{0} is on {1} now', formatPhoneNumber(number), appName(env, n.applicationKey))
        : l10n.t('{0} is unassigned now', formatPhoneNumber(number)),
    ];
  });
  if (moved.length > 0) {
    // Every change made here replaces the last one, so a difference was made outside this window.
    lastChange.take(change);
    env.messages.show({
      severity: 'warning',
      text: l10n.t(
        'The last change cannot be undone: the numbers changed since, outside this window ({0}). Nothing was changed.',
        moved.join('; '),
      ),
    });
    return;
  }
  lastChange.take(change);
  await change.undo();
}
