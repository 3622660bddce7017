// The questions of the assign flows, asked through the Prompter port (scriptable in tests).
import { capabilitySummary, knownApplications, type KnownApplication } from './assignment';
import { numbersCount } from '../numbers/wording';
import { capabilitiesOf, capabilityItem, capabilityLabel, type CapabilityItem } from '../numbers/capabilities';
import { isApplicationKey } from '../sinch/guards';
import type { Capability, RentedNumber } from '../sinch/types';
import { enterApplicationKey } from '../numbers/enterApplicationKey';
import { BACK, PickItemKind, type Back, type PickItem, type Prompter, type StepInfo } from '../platform/prompter';
import { formatPhoneNumber } from '../numbers/phoneFormat';
import { l10n } from '../platform/l10n';
import { applicationName, labelLookup } from '../numbers/applicationLabels';
import { sameApplication } from '../numbers/applicationKey';
import type { Target } from './assignEnvironment';

interface NumberItem extends PickItem {
  value: RentedNumber;
}

/** Multi-select of numbers; resolves the chosen ones (never empty), BACK, or undefined (Escape). */
export async function pickNumbers(
  prompter: Prompter,
  step: StepInfo & {
    candidates: readonly RentedNumber[];
    labels: Readonly<Record<string, string>>;
    placeholder: string;
  },
): Promise<RentedNumber[] | Back | undefined> {
  const items: NumberItem[] = step.candidates.map((n) => ({
    label: formatPhoneNumber(n.number),
    description: [
      capabilitiesOf(n).map(capabilityLabel).join(', '),
      n.applicationKey ? l10n.t('on {0}', applicationName(n.applicationKey, step.labels)) : l10n.t('unassigned'),
    ]
      .filter(Boolean)
      .join(' · '),
    detail: [n.city, n.country].filter(Boolean).join(', ') || undefined,
    value: n,
  }));
  for (;;) {
    const picked = await prompter.pickMany({
      title: step.title,
      step: step.step,
      totalSteps: step.totalSteps,
      items,
      placeholder: step.placeholder,
    });
    if (picked === undefined || picked === BACK) return picked;
    if (picked.length > 0) return picked.map((i) => i.value);
    // Accepting an empty selection is almost always a slip: ask again rather than do nothing.
  }
}

interface AppItem extends PickItem {
  app?: KnownApplication;
  enterKey?: boolean;
}

/**
 * The application: the known ones (in the numbers list or labelled in the settings) with
 * their labels and counts, a separator, then "Enter Application Key…".
 */
export async function pickApplication(
  prompter: Prompter,
  step: StepInfo & {
    numbers: readonly RentedNumber[];
    labels: Readonly<Record<string, string>>;
    added?: readonly string[];
    exclude?: string;
    placeholder: string;
  },
): Promise<Target | Back | undefined> {
  const known = knownApplications(step.numbers, step.labels, isApplicationKey, step.added).filter(
    (a) => !sameApplication(a.key, step.exclude),
  );
  const items: AppItem[] = known.map((app) => ({
    label: `$(server-process) ${app.label ?? app.key}`,
    description: [app.label ? app.key : undefined, numbersCount(app.count)].filter(Boolean).join(' · '),
    app,
  }));
  if (items.length > 0) items.push({ label: '', kind: PickItemKind.Separator });
  items.push({
    label: l10n.t('$(edit) Enter Application Key…'),
    description: l10n.t('an application not listed here'),
    enterKey: true,
  });
  for (;;) {
    const picked = await prompter.pick({
      title: step.title,
      step: step.step,
      totalSteps: step.totalSteps,
      items,
      placeholder: step.placeholder,
    });
    if (picked === undefined || picked === BACK) return picked;
    if (picked.app) return { key: picked.app.key, label: picked.app.label };
    const key = await enterApplicationKey(prompter, { ...step, value: undefined });
    if (key === BACK) continue;
    if (key === undefined) return undefined;
    return { key, label: labelLookup(step.labels)(key) };
  }
}

/** Whether the capability must be asked: the numbers have more than one in common, or none. */
export function capabilityChoice(numbers: readonly RentedNumber[]): Capability | 'ask' | 'none' {
  const { common, any } = capabilitySummary(numbers);
  if (common.length === 1) return common[0];
  if (any.length === 0) return 'none';
  return 'ask';
}

export async function pickCapability(
  prompter: Prompter,
  step: StepInfo & { numbers: readonly RentedNumber[] },
): Promise<Capability | Back | undefined> {
  const { any, count: having } = capabilitySummary(step.numbers);
  const total = step.numbers.length;
  const items: CapabilityItem[] = any.map((capability) => ({
    ...capabilityItem(capability),
    description:
      having[capability] !== total
        ? l10n.t('{0} of {1} numbers have it', having[capability], total)
        : total === 1
          ? l10n.t('all 1 number')
          : l10n.t('all {0}', numbersCount(total)),
    detail:
      capability === 'sms'
        ? l10n.t('The application receives the messages sent to these numbers.')
        : l10n.t('The application receives the calls to these numbers.'),
  }));
  const picked = await prompter.pick({
    title: step.title,
    step: step.step,
    totalSteps: step.totalSteps,
    items,
    placeholder: l10n.t('Assign the numbers for which capability?'),
  });
  if (picked === undefined || picked === BACK) return picked;
  return picked.capability;
}
