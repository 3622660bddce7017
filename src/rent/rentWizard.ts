// The three quick-pick steps of Rent Numbers (group, quantity, capabilities), over the Prompter
// port only: no vscode at runtime, so a scripted prompter drives them in plain Node.
// Back returns to the previous step with its answer kept; Escape resolves undefined at any step.
import { checkQuantity, formatMoney, groupCapabilities, normaliseCap } from './rental';
import type { Capability, NumberGroup } from '../sinch/types';
import { BACK, PickItemKind, type Back, type PickItem, type Prompter } from '../platform/prompter';
import { capabilitiesLabel, capabilityLabel, groupCountry, groupPlace, type RentLine } from './describe';

export const RENT_TITLE = 'Rent Numbers';

const SEPARATOR = PickItemKind.Separator;

export interface GroupItem extends PickItem {
  group?: NumberGroup;
}

export interface CapabilityItem extends PickItem {
  capability: Capability;
}

/** A capability as a pick item, the same in Rent Numbers and Assign: "$(call-outgoing) Voice", what it carries. */
export function capabilityItem(c: Capability): CapabilityItem {
  return { label: `$(${c === 'sms' ? 'comment' : 'call-outgoing'}) ${capabilityLabel(c)}`, description: c === 'sms' ? 'text messages' : 'calls', capability: c };
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
  const sorted = rentableGroups(groups).sort((a, b) =>
    groupCountry(a).localeCompare(groupCountry(b)) || groupPlace(a).localeCompare(groupPlace(b)) || a.areaCode.localeCompare(b.areaCode) || a.groupId - b.groupId);
  const items: GroupItem[] = [];
  let country: string | undefined;
  for (const g of sorted) {
    if (groupCountry(g) !== country) {
      country = groupCountry(g);
      items.push({ label: country, kind: SEPARATOR });
    }
    items.push({
      label: groupPlace(g),
      description: `area code ${g.areaCode} · ${capabilityLabel(g.type)}`,
      detail: `${g.availability} available · ${formatMoney(g.cost)} per month · ${capabilitiesLabel(groupCapabilities(g))}`,
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
}

type Step = 'group' | 'quantity' | 'capabilities';

/** The steps for a chosen group: capabilities only when the group offers more than one. */
function stepsFor(group: NumberGroup | undefined): Step[] {
  return group && groupCapabilities(group).length > 1 ? ['group', 'quantity', 'capabilities'] : ['group', 'quantity'];
}

/** Runs the picks; resolves the rental asked for, or undefined when the user pressed Escape. */
export async function runRentWizard(prompter: Prompter, o: WizardOptions): Promise<RentLine | undefined> {
  const items = groupItems(o.groups);
  const cap = normaliseCap(o.maxPerRental);
  let group = o.initial?.group && items.find((i) => i.group?.groupId === o.initial?.group?.groupId)?.group;
  let quantityText = o.initial?.quantity !== undefined ? String(o.initial.quantity) : undefined;
  let capabilities = o.initial?.capabilities;
  // Before a group is chosen, the counter assumes the longest path any group could take.
  const longestPath = items.find((i) => i.group && groupCapabilities(i.group).length > 1)?.group;
  let index = 0;
  for (;;) {
    const steps = stepsFor(group ?? longestPath);
    if (index >= steps.length) {
      return { group: group!, quantity: Number(quantityText!.trim()), capabilities: capabilities ?? groupCapabilities(group!) };
    }
    const step = { title: RENT_TITLE, step: index + 1, totalSteps: steps.length };
    let answer: unknown;
    switch (steps[index]) {
      case 'group': {
        const picked = await prompter.pick<GroupItem>({
          ...step,
          items,
          placeholder: 'Where should the numbers be? Type to filter by country, city, area code or type',
          matchOnDescription: true,
          matchOnDetail: true,
          active: items.find((i) => i.group && i.group.groupId === group?.groupId),
        });
        answer = picked;
        if (picked !== undefined && picked !== BACK && picked.group) {
          if (picked.group.groupId !== group?.groupId) capabilities = undefined; // another group offers other capabilities
          group = picked.group;
        } else if (picked === BACK) {
          answer = 'stay'; // nothing before the first step
        }
        break;
      }
      case 'quantity': {
        const g = group!;
        const max = Math.min(g.availability, cap);
        const value = await prompter.input({
          ...step,
          prompt: `How many numbers in ${groupPlace(g)}? 1 to ${max} (${g.availability} available; your limit is ${cap} per rental). ${formatMoney(g.cost)} per number per month.`,
          placeholder: `1 to ${max}`,
          value: quantityText ?? '1',
          validate: (v) => {
            const r = checkQuantity(v, { availability: g.availability, maxPerRental: cap });
            return r.ok ? undefined : r.message;
          },
        });
        answer = value;
        if (typeof value === 'string') quantityText = value;
        break;
      }
      case 'capabilities': {
        const offered = groupCapabilities(group!);
        const capItems = offered.map(capabilityItem);
        const keep = capabilities ?? offered;
        const picked: readonly CapabilityItem[] | Back | undefined = await prompter.pickMany<CapabilityItem>({
          ...step,
          items: capItems,
          placeholder: 'Which capabilities should the numbers have? (at least one)',
          selected: capItems.filter((i) => keep.includes(i.capability)),
        });
        answer = picked;
        if (Array.isArray(picked)) {
          if (picked.length === 0) answer = 'stay'; // at least one: ask again
          else capabilities = offered.filter((c) => picked.some((i) => i.capability === c));
        }
        break;
      }
    }
    if (answer === undefined) return undefined;
    if (answer === BACK) index = Math.max(0, index - 1);
    else if (answer !== 'stay') index++;
  }
}
