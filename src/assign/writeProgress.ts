// The progress notification around one assign, unassign, Undo or Restore: cancellable, and
// saying which request the writer is at.
import { l10n } from '../platform/l10n';
import type { AssignDeps } from './assignEnvironment';
import type { WriteContext } from './assignmentWriter';

type WriteStep = Parameters<NonNullable<WriteContext['report']>>[0];

function stepText(step: WriteStep): string {
  switch (step) {
    case 'waiting':
      return l10n.t('Waiting for the previous change to this application…');
    case 'waitingForNumbers':
      return l10n.t('Waiting for the previous change to these numbers…');
    case 'locating':
      return l10n.t('Checking where the numbers are now…');
    case 'reading':
      return l10n.t("Reading the application's numbers…");
    case 'writing':
      return l10n.t('Writing…');
    case 'verifying':
      return l10n.t('Checking the result…');
  }
}

/** Runs `work` under the progress; its requests get the progress's Cancel and the extension's lifetime. */
export function withWriteProgress<T>(
  { env }: AssignDeps,
  title: string,
  work: (ctx: WriteContext) => Promise<T>,
): Promise<T> {
  return env.withProgress(title, (say, signal) =>
    work({
      api: env.session.current().api,
      organisationId: env.session.current().organisationId,
      scope: env.session.current().assignScope,
      signal,
      settleSignal: env.signal(),
      noteError: (error) => env.session.noteError(error),
      report: (step) => say(stepText(step)),
    }),
  );
}
