// The questions of Assign to Application… and Move to Application…: which numbers, which
// application, which capability. Each is a small step; a step whose answer came with the
// command is not asked, and Back returns to the previous step asked.
import { BACK, type StepInfo } from '../platform/prompter';
import { UserCancelled } from '../platform/errors';
import { l10n } from '../platform/l10n';
import { listNumbers } from '../numbers/wording';
import { normaliseKey, sameApplication } from '../numbers/applicationKey';
import type { Capability, RentedNumber } from '../sinch/types';
import type { AssignDeps, Target } from './assignEnvironment';
import { appName } from './names';
import { capabilityChoice, pickApplication, pickCapability, pickNumbers } from './pickers';

export type AssignMode = 'assign' | 'move';

export function assignTitle(mode: AssignMode): string {
  return mode === 'move' ? l10n.t('Move to Application') : l10n.t('Assign to Application');
}

/** The answers so far; those the command came with are there from the start. */
export interface AssignAnswers {
  numbers?: RentedNumber[];
  app?: Target;
  capability?: Capability;
}

/** The answers once every question is answered. */
export interface AssignChoice {
  numbers: RentedNumber[];
  app: Target;
  capability?: Capability;
}

/** What the questions are asked about. */
export interface AssignSetup {
  mode: AssignMode;
  organisationId: string;
  /** The organisation's numbers. */
  all: readonly RentedNumber[];
  /** The numbers offered when the command named none. */
  candidates: readonly RentedNumber[];
}

interface Step {
  /** False when the command came with this answer; a capability the numbers share is not asked either. */
  asked(answers: AssignAnswers): boolean;
  /** Asks and records the answer; 'back' for the Back button. Escape throws UserCancelled. */
  ask(answers: AssignAnswers, step: StepInfo): Promise<'next' | 'back'>;
}

/** Asks what the command did not come with; resolves the answers (a capability left out is for assignTo to settle). */
export async function askAssignQuestions(
  deps: AssignDeps,
  setup: AssignSetup,
  given: AssignAnswers,
): Promise<AssignChoice> {
  const answers: AssignAnswers = { ...given };
  const steps = [
    numbersStep(deps, setup, given),
    applicationStep(deps, setup, !given.app),
    capabilityStep(deps, setup),
  ];
  const title = assignTitle(setup.mode);
  for (let i = 0; ;) {
    const asked = steps.filter((s) => s.asked(answers));
    if (i >= asked.length) break;
    const moved = await asked[i].ask(answers, { title, ...stepOf(i + 1, asked.length) });
    i = moved === 'back' ? Math.max(0, i - 1) : i + 1;
  }
  return { ...answers, numbers: answers.numbers!, app: answers.app! };
}

function numbersStep({ env }: AssignDeps, setup: AssignSetup, given: AssignAnswers): Step {
  const target = given.app;
  return {
    asked: () => !given.numbers,
    async ask(answers, step) {
      const placeholder =
        setup.mode === 'move'
          ? l10n.t('Which numbers should move?')
          : target
            ? l10n.t('Which numbers should be assigned to {0}?', appName(env, target.key))
            : l10n.t('Which numbers should be assigned?');
      const picked = await pickNumbers(env.prompter, {
        ...step,
        candidates: setup.candidates,
        labels: env.labels(),
        placeholder,
      });
      if (picked === undefined) throw new UserCancelled();
      if (picked === BACK) return 'back';
      answers.numbers = picked;
      return 'next';
    },
  };
}

function applicationStep({ env }: AssignDeps, setup: AssignSetup, needed: boolean): Step {
  return {
    asked: () => needed,
    async ask(answers, step) {
      const numbers = answers.numbers!;
      const picked = await pickApplication(env.prompter, {
        ...step,
        numbers: setup.all,
        labels: env.labels(),
        added: env.addedApplications(setup.organisationId),
        exclude: soleApplication(numbers),
        placeholder: l10n.t(
          'Assign {0} to which application?',
          listNumbers(
            numbers.map((n) => n.number),
            3,
          ),
        ),
      });
      if (picked === undefined) throw new UserCancelled();
      if (picked === BACK) return 'back';
      answers.app = picked;
      return 'next';
    },
  };
}

function capabilityStep({ env }: AssignDeps, setup: AssignSetup): Step {
  return {
    asked: (answers) => capabilityChoice(answers.numbers ?? setup.candidates) === 'ask',
    async ask(answers, step) {
      const picked = await pickCapability(env.prompter, { ...step, numbers: answers.numbers! });
      if (picked === undefined) throw new UserCancelled();
      if (picked === BACK) return 'back';
      answers.capability = picked;
      return 'next';
    },
  };
}

/** A one-question flow shows no "1/1". */
function stepOf(step: number, totalSteps: number): { step?: number; totalSteps?: number } {
  return totalSteps > 1 ? { step, totalSteps } : {};
}

/** The numbers offered when the command named none: unassigned ones for Assign, assigned ones for Move. */
export function candidatesFor(
  mode: AssignMode,
  all: readonly RentedNumber[],
  target: Target | undefined,
): RentedNumber[] {
  if (mode === 'move')
    return all.filter((n) => n.applicationKey !== undefined && !sameApplication(n.applicationKey, target?.key));
  if (target) {
    // Onto a given application: unassigned numbers first, then the ones on other applications (a move).
    const others = all.filter((n) => !sameApplication(n.applicationKey, target.key));
    return [...others.filter((n) => !n.applicationKey), ...others.filter((n) => n.applicationKey)];
  }
  return all.filter((n) => !n.applicationKey);
}

/** When every number is on one application, that application is not offered as the target. */
function soleApplication(numbers: readonly RentedNumber[]): string | undefined {
  const keys = new Set(
    numbers.map((n) => (n.applicationKey === undefined ? undefined : normaliseKey(n.applicationKey))),
  );
  const [only] = [...keys];
  return keys.size === 1 ? only : undefined;
}
