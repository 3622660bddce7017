// The titles of the assign messages' own buttons; the generic ones read as after any failure.
import { followUpTitle } from '../platform/errors';
import { l10n } from '../platform/l10n';
import type { Button } from '../platform/messages';

/** Getters, so each reads the translator in place when it is asked for. */
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

/** Show Log, for a message that reports a problem. */
export function showLogButton(env: { log: { show(): void } }): Button {
  return { title: AssignButtons.showLog, run: () => env.log.show() };
}
