// The capabilities Sinch can assign and reserve (`voice`, `sms`), in the one order every list,
// label and pick shows them.
import { l10n } from '../platform/l10n';
import type { PickItem } from '../platform/prompter';
import type { Capability, RentedNumber } from '../sinch/types';

export const CAPABILITIES: readonly Capability[] = ['voice', 'sms'];

/** The known capabilities among what the wire says (it may carry other strings, or other case), in CAPABILITIES order. */
export function capabilitiesOf(n: Pick<RentedNumber, 'capabilities'>): Capability[] {
  const own = new Set(n.capabilities.map((c) => String(c).trim().toLowerCase()));
  return CAPABILITIES.filter((c) => own.has(c));
}

/** "Voice" / "SMS"; any other capability string as it came. */
export function capabilityLabel(c: string): string {
  const known = c.toLowerCase();
  return known === 'sms' ? l10n.t('SMS') : known === 'voice' ? l10n.t('Voice') : c;
}

/** "Voice + SMS": known capabilities first, in CAPABILITIES order, then any other as it came. */
export function capabilitiesLabel(capabilities: readonly string[]): string {
  if (capabilities.length === 0) return l10n.t('no capabilities');
  const rank = (c: string) => CAPABILITIES.indexOf(c.toLowerCase() as Capability) >>> 0;
  return [...capabilities]
    .sort((a, b) => rank(a) - rank(b))
    .map(capabilityLabel)
    .join(' + ');
}

/** A capability as a pick item, the same in Rent Numbers and Assign: "$(call-outgoing) Voice", what it carries. */
export interface CapabilityItem extends PickItem {
  capability: Capability;
}

export function capabilityItem(c: Capability): CapabilityItem {
  return {
    label: `$(${c === 'sms' ? 'comment' : 'call-outgoing'}) ${capabilityLabel(c)}`,
    description: c === 'sms' ? l10n.t('text messages') : l10n.t('calls'),
    capability: c,
  };
}
