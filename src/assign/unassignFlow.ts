// "Unassign from Application": DELETE per number after a modal that names the numbers, the
// application and the organisation; then one re-read per application (unassignOutcome.ts).
import { l10n } from '../platform/l10n';
import { BACK } from '../platform/prompter';
import { UserCancelled, InputError } from '../platform/errors';
import { sameApplication } from '../numbers/applicationKey';
import { listNumbers } from '../numbers/wording';
import type { RentedNumber } from '../sinch/types';
import type { AssignDeps, Invocation, Target } from './assignEnvironment';
import type { SeenView, UnassignResult } from './assignmentWriter';
import { appName, orgName, referencingNote } from './names';
import { numberLines } from './numberLines';
import { loadNumbers, refreshAfterChange } from './numbersList';
import { pickNumbers } from './pickers';
import { groupByApplication, reportUnassignOutcome } from './unassignOutcome';
import { withWriteProgress } from './writeProgress';

/** The command: numbers from the tree or as values, an application node (asks which), or the palette (asks which). */
export async function runUnassignCommand(deps: AssignDeps, invocation: Invocation): Promise<void> {
  deps.env.session.current();
  const all = await loadNumbers(deps);
  const seen = deps.writer.snapshot(all);
  const numbers =
    invocation.nodes || invocation.values
      ? namedNumbers(invocation, all)
      : await pickToUnassign(deps, all, invocation.application);
  if (numbers) await unassign(deps, numbers, seen);
}

/** Numbers dropped on Unassigned: those on an application are unassigned. */
export async function dropOnUnassigned(deps: AssignDeps, values: readonly number[]): Promise<void> {
  deps.env.session.current();
  const all = await loadNumbers(deps);
  const seen = deps.writer.snapshot(all);
  const numbers = all.filter((n) => values.includes(n.number) && n.applicationKey !== undefined);
  if (numbers.length === 0) return; // unassigned numbers dropped on Unassigned
  await unassign(deps, numbers, seen);
}

function namedNumbers(invocation: Invocation, all: readonly RentedNumber[]): RentedNumber[] {
  const wanted = new Set(invocation.nodes?.map((n) => n.number) ?? invocation.values);
  const numbers = all.filter((n) => wanted.has(n.number));
  // A node whose number left the list since: act on what the node showed.
  for (const n of invocation.nodes ?? []) if (!numbers.some((m) => m.number === n.number)) numbers.push(n);
  return numbers;
}

/** Which of the assigned numbers (of `app`, or of any application) to unassign; undefined when there are none. */
async function pickToUnassign(
  { env }: AssignDeps,
  all: readonly RentedNumber[],
  app: Target | undefined,
): Promise<RentedNumber[] | undefined> {
  const candidates = all.filter(
    (n) => n.applicationKey !== undefined && (!app || sameApplication(n.applicationKey, app.key)),
  );
  if (candidates.length === 0) {
    env.messages.show({
      severity: 'info',
      text: app
        ? l10n.t('{0} has no numbers to unassign.', appName(env, app.key))
        : l10n.t('No number is on an application.'),
    });
    return undefined;
  }
  const picked = await pickNumbers(env.prompter, {
    title: l10n.t('Unassign from Application'),
    candidates,
    labels: env.labels(),
    placeholder: l10n.t('Which numbers should be unassigned? They stay rented.'),
  });
  if (picked === undefined || picked === BACK) throw new UserCancelled();
  return picked;
}

/** Unassigns numbers (from whichever applications they are on), after the confirmation. */
export async function unassign(deps: AssignDeps, numbers: readonly RentedNumber[], seen: SeenView): Promise<void> {
  const assigned = numbers.filter((n) => n.applicationKey !== undefined);
  if (assigned.length === 0) {
    const list = listNumbers(numbers.map((n) => n.number));
    throw new InputError(
      numbers.length === 1
        ? l10n.t('{0} is not on any application.', list)
        : l10n.t('{0} are not on any application.', list),
    );
  }
  const byApp = groupByApplication(assigned);
  await confirmUnassign(
    deps,
    assigned.map((n) => n.number),
    [...byApp.keys()],
  );
  const results: UnassignResult[] = [];
  try {
    await withWriteProgress(deps, l10n.t('Unassigning'), async (ctx) => {
      try {
        for (const [key, group] of byApp) {
          const r = await deps.writer.unassign(ctx, key, group, seen);
          results.push(r);
          if (r.failed) break;
        }
      } finally {
        await refreshAfterChange(deps);
      }
    });
  } finally {
    // Even when something threw, whatever was done gets reported.
    if (results.length > 0) reportUnassignOutcome(deps, byApp, results, (remaining) => retryUnassign(deps, remaining));
  }
}

async function confirmUnassign({ env }: AssignDeps, list: readonly number[], apps: readonly string[]): Promise<void> {
  const org = orgName(env);
  const go = l10n.t('Unassign');
  const text = l10n.t(
    'Unassign {0} from {1} in {2}?',
    listNumbers(list, 3),
    apps.map((k) => appName(env, k)).join(', '),
    org,
  );
  const detail =
    (list.length > 3 ? `${numberLines(list)}\n\n` : '') +
    (list.length === 1
      ? l10n.t(
          'It will stay rented to {0}, but calls and messages to it no longer reach the application. No other number is touched.',
          org,
        )
      : l10n.t(
          'They will stay rented to {0}, but calls and messages to them no longer reach the application. No other number is touched.',
          org,
        )) +
    referencingNote(env, list);
  if ((await env.prompter.message('warning', text, { modal: true, detail }, go)) !== go) throw new UserCancelled();
}

async function retryUnassign(deps: AssignDeps, remaining: readonly RentedNumber[]): Promise<void> {
  await unassign(deps, remaining, deps.writer.snapshot(await loadNumbers(deps)));
}
