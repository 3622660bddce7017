// The messages the assign flows end with. Shown without waiting (a toast may stay for ever, and
// the command must return); the chosen button's work runs as a follow-up of its own.
import { followUpTitle, type FollowUp } from '../platform/errors';
import { l10n } from '../platform/l10n';
import type { Severity } from '../platform/prompter';
import type { AssignEnvironment } from './assignEnvironment';

/** Button title → its work. */
export type Buttons = Partial<Record<string, () => unknown>>;

/** The titles of the assign messages' buttons; the generic ones read as after any failure. */
export const AssignButtons = {
  get undo() {
    return l10n.t('Undo');
  },
  get restore() {
    return l10n.t('Restore');
  },
  get editKey() {
    return l10n.t('Edit Key');
  },
  get refresh() {
    return l10n.t('Refresh');
  },
  get retry() {
    return followUpTitle('retry');
  },
  get showLog() {
    return followUpTitle('showLog');
  },
};

export class Notices {
  /** Messages shown and the work picked in them, until it finishes (see idle()). */
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly env: AssignEnvironment) {}

  show(severity: Severity, text: string, buttons: Buttons = {}, detail?: string): void {
    const done: Promise<void> = this.env.prompter
      .message(severity, text, detail ? { detail } : {}, ...Object.keys(buttons))
      .then(async (choice) => {
        const work = choice === undefined ? undefined : buttons[choice];
        if (work) await this.env.runFollowUp(work);
      })
      .catch((e: unknown) =>
        this.env.log.warn(`A follow-up of an assign failed: ${e instanceof Error ? e.message : String(e)}`),
      )
      .finally(() => this.pending.delete(done));
    this.pending.add(done);
  }

  /** Resolves once every message shown so far is answered and its work has finished (tests wait on it). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}

/** The buttons of generic ways forward (Retry only when there is something to retry, Copy Error Details only with the error). */
export function followUpButtons(
  env: AssignEnvironment,
  followUps: readonly FollowUp[],
  retry?: () => unknown,
  error?: unknown,
): Buttons {
  const work: Record<FollowUp, (() => unknown) | undefined> = {
    signIn: () => env.signIn(),
    retry,
    showLog: () => env.log.show(),
    proxySettings: () => env.openProxySettings(),
    copyDetails: error === undefined ? undefined : () => env.copyErrorDetails(error),
  };
  const buttons: Buttons = {};
  for (const f of followUps) if (work[f]) buttons[followUpTitle(f)] = work[f];
  return buttons;
}

/** Show Log alone, for a message that reports a problem. */
export function showLogButton(env: AssignEnvironment): Buttons {
  return { [AssignButtons.showLog]: () => env.log.show() };
}
