// The quick-pick steps of Rent Numbers (group, quantity, capabilities), over the Prompter port
// only: no vscode, so a scripted prompter drives them in plain Node. Each step is a small
// object that asks one question and fills in the shared state; the loop below only moves
// between them. Back returns to the previous step with its answer kept; Escape ends the wizard.
import { l10n } from '../platform/l10n';
import { BACK, PickItemKind, type PickItem, type Prompter, type StepInfo } from '../platform/prompter';
import { formatMoney } from '../numbers/money';
import { capabilitiesLabel, capabilityItem, type CapabilityItem } from '../numbers/capabilities';
import type { Capability, NumberGroup } from '../sinch/types';
import { checkQuantity, groupCapabilities, normaliseCap } from './rental';
import { groupCountry, groupPlace, type RentLine } from './rentWording';

export interface GroupItem extends PickItem {
  group?: NumberGroup;
}

/** Groups that can be rented at all: something available and a capability the API knows. */
export function rentableGroups(groups: readonly NumberGroup[]): NumberGroup[] {
  return groups.filter((g) => g.availability > 0 && groupCapabilities(g).length > 0);
}

/**
 * One item per rentable group, sorted by country then city, under a separator per country.
 * Label, description and detail carry everything a user may type to filter.
 */
export function groupItems(groups: readonly NumberGroup[]): GroupItem[] {
  const sorted = rentableGroups(groups).sort(
    (a, b) =>
      groupCountry(a).localeCompare(groupCountry(b)) ||
      groupPlace(a).localeCompare(groupPlace(b)) ||
      a.areaCode.localeCompare(b.areaCode) ||
      a.groupId - b.groupId,
  );
  const items: GroupItem[] = [];
  let country: string | undefined;
  for (const g of sorted) {
    if (groupCountry(g) !== country) {
      country = groupCountry(g);
      items.push({ label: country, kind: PickItemKind.Separator });
    }
    items.push({
      label: groupPlace(g),
      // The capabilities the numbers get, not the group's type: one truth per group.
      description: l10n.t('area code {0} · {1}', g.areaCode, capabilitiesLabel(groupCapabilities(g))),
      detail: l10n.t('{0} available · {1} per month', g.availability, formatMoney(g.cost)),
      group: g,
    });
  }
  return items;
}

export interface WizardOptions {
  groups: readonly NumberGroup[];
  maxPerRental: number;
  /** Answers to start from (e.g. after "Reserve Again"); each step still shows them. */
  initial?: Partial<RentLine>;
  /** `quantity`: open on the quantity step (Change Quantity… on the confirmation); needs `initial.group`. */
  startAt?: 'group' | 'quantity';
}

/** What the steps read and fill in. */
interface WizardState {
  items: GroupItem[];
  cap: number;
  group?: NumberGroup;
  quantityText?: string;
  capabilities?: Capability[];
}

/** How a step ended: on to the next, back to the previous, the same question again, or Escape. */
type StepResult = 'next' | 'back' | 'again' | 'cancel';

interface WizardStep {
  ask(prompter: Prompter, state: WizardState, position: StepInfo): Promise<StepResult>;
}

const groupStep: WizardStep = {
  async ask(prompter, state, position) {
    const picked = await prompter.pick<GroupItem>({
      ...position,
      items: state.items,
      placeholder: l10n.t('Where should the numbers be? Type to filter by country, city, area code or capability'),
      matchOnDescription: true,
      matchOnDetail: true,
      active: state.items.find((i) => i.group && i.group.groupId === state.group?.groupId),
    });
    if (picked === undefined) return 'cancel';
    if (picked === BACK || !picked.group) return 'again'; // nothing before the first step
    if (picked.group.groupId !== state.group?.groupId) state.capabilities = undefined; // another group offers other capabilities
    state.group = picked.group;
    return 'next';
  },
};

const quantityStep: WizardStep = {
  async ask(prompter, state, position) {
    const g = state.group!;
    const max = Math.min(g.availability, state.cap);
    const value = await prompter.input({
      ...position,
      prompt: l10n.t(
        'How many numbers in {0}? 1 to {1} ({2} available; your limit is {3} per rental). {4} per number per month.',
        groupPlace(g),
        max,
        g.availability,
        state.cap,
        formatMoney(g.cost),
      ),
      placeholder: l10n.t('1 to {0}', max),
      value: state.quantityText ?? '1',
      validate: (v) => {
        const r = checkQuantity(v, { availability: g.availability, maxPerRental: state.cap });
        return r.ok ? undefined : r.message;
      },
    });
    if (value === undefined) return 'cancel';
    if (value === BACK) return 'back';
    state.quantityText = value;
    return 'next';
  },
};

const capabilitiesStep: WizardStep = {
  async ask(prompter, state, position) {
    const offered = groupCapabilities(state.group!);
    const items = offered.map(capabilityItem);
    const keep = state.capabilities ?? offered;
    const picked = await prompter.pickMany<CapabilityItem>({
      ...position,
      items,
      placeholder: l10n.t('Which capabilities should the numbers have? (at least one)'),
      selected: items.filter((i) => keep.includes(i.capability)),
    });
    if (picked === undefined) return 'cancel';
    if (picked === BACK) return 'back';
    if (picked.length === 0) return 'again'; // at least one
    state.capabilities = offered.filter((c) => picked.some((i) => i.capability === c));
    return 'next';
  },
};

/** The steps for a chosen group: capabilities only when the group offers more than one. */
function stepsFor(group: NumberGroup | undefined): WizardStep[] {
  return group && groupCapabilities(group).length > 1
    ? [groupStep, quantityStep, capabilitiesStep]
    : [groupStep, quantityStep];
}

/** Runs the picks; resolves the rental asked for, or undefined when the user pressed Escape. */
export async function runRentWizard(prompter: Prompter, o: WizardOptions): Promise<RentLine | undefined> {
  const items = groupItems(o.groups);
  const state: WizardState = {
    items,
    cap: normaliseCap(o.maxPerRental),
    group: o.initial?.group && items.find((i) => i.group?.groupId === o.initial?.group?.groupId)?.group,
    quantityText: o.initial?.quantity !== undefined ? String(o.initial.quantity) : undefined,
    capabilities: o.initial?.capabilities,
  };
  // The counter counts the steps this user will see. Until a group is picked that is known only
  // when every group takes the same path; otherwise the first step shows no total (never "1/3" then "2/2").
  const lengths = new Set(items.flatMap((i) => (i.group ? [stepsFor(i.group).length] : [])));
  const pathKnownBeforeGroup = lengths.size <= 1;
  let index = o.startAt === 'quantity' && state.group ? 1 : 0;
  for (;;) {
    const steps = stepsFor(state.group ?? items.find((i) => i.group)?.group);
    if (index >= steps.length) {
      const group = state.group!;
      return {
        group,
        quantity: Number(state.quantityText!.trim()),
        capabilities: state.capabilities ?? groupCapabilities(group),
      };
    }
    const result = await steps[index].ask(prompter, state, {
      title: l10n.t('Rent Numbers'),
      step: index + 1,
      totalSteps: index === 0 && !pathKnownBeforeGroup ? undefined : steps.length,
    });
    if (result === 'cancel') return undefined;
    if (result === 'back') index = Math.max(0, index - 1);
    else if (result === 'next') index++;
  }
}
