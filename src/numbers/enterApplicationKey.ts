// The one input box for an application key (Add Application by Key, "Enter Application Key…" in
// the assign flows, Edit Key after a 40400): the same prompt, check and normal form everywhere.
import { assertApplicationKey, isApplicationKey } from '../sinch/guards';
import { BACK, type Back, type Prompter, type StepInfo } from '../platform/prompter';
import { l10n } from '../platform/l10n';
import { normaliseKey } from './applicationKey';

const EXAMPLE = 'bb7b4e39-4227-4913-8c81-2db4abb54fb3';

/** An application key typed by the user: UUID-shaped (guards.ts) before it can become a path segment. */
export async function enterApplicationKey(
  prompter: Prompter,
  step: StepInfo & { value?: string },
): Promise<string | Back | undefined> {
  const value = await prompter.input({
    title: step.title,
    step: step.step,
    totalSteps: step.totalSteps,
    prompt: l10n.t('The application key, from the Sinch dashboard (Apps › your app › Key).'),
    placeholder: EXAMPLE,
    value: step.value,
    validate: (v) => (isApplicationKey(v) ? undefined : l10n.t('An application key looks like {0}.', EXAMPLE)),
  });
  if (value === undefined || value === BACK) return value;
  // Sinch's keys are lower case: a key pasted in capitals is the same application.
  return normaliseKey(assertApplicationKey(value));
}
