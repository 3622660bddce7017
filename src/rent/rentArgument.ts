// The automation argument of sinchNumbers.rentNumbers: { groupId, quantity, capabilities? }.
// It replaces the picks, never the cost confirmation, and is checked by the same rules as typed input.
import { checkQuantity, groupCapabilities, normaliseCap } from './rental';
import { InputError } from '../platform/errors';
import type { Capability, NumberGroup } from '../sinch/types';
import type { RentLine } from './rentWording';
import { l10n } from '../platform/l10n';

export interface RentArgument {
  groupId: number;
  quantity: number | string;
  capabilities?: Capability[];
}

const KEYS = ['groupId', 'quantity', 'capabilities'];

/**
 * Undefined when the command was run without an automation argument (palette, view title, or
 * a tree node passed by a menu); the argument's shape otherwise, or an InputError saying what is wrong.
 */
export function readRentArgument(arg: unknown): RentArgument | undefined {
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) return undefined;
  const a = arg as Record<string, unknown>;
  if (!KEYS.some((k) => k in a)) return undefined;
  if (typeof a.groupId !== 'number' || !Number.isSafeInteger(a.groupId)) {
    throw new InputError(
      l10n.t(
        'Rent Numbers was given no valid groupId: pass { groupId, quantity, capabilities } with a number group id from the shop.',
      ),
    );
  }
  if (typeof a.quantity !== 'number' && typeof a.quantity !== 'string') {
    throw new InputError(
      l10n.t('Rent Numbers was given no quantity: pass { groupId, quantity } with a whole number of at least 1.'),
    );
  }
  let capabilities: Capability[] | undefined;
  if (a.capabilities !== undefined) {
    if (
      !Array.isArray(a.capabilities) ||
      a.capabilities.length === 0 ||
      !a.capabilities.every((c) => c === 'sms' || c === 'voice')
    ) {
      throw new InputError(
        l10n.t('Rent Numbers was given invalid capabilities: pass a non-empty list of "voice" and/or "sms".'),
      );
    }
    capabilities = [...new Set(a.capabilities as Capability[])];
  }
  return { groupId: a.groupId, quantity: a.quantity, capabilities };
}

/** Checks the argument against the shop as it is now; returns the line to confirm, or throws InputError. */
export function resolveRentArgument(arg: RentArgument, groups: readonly NumberGroup[], maxPerRental: number): RentLine {
  const group = groups.find((g) => g.groupId === arg.groupId);
  if (!group) throw new InputError(l10n.t('There is no number group {0} in the shop.', arg.groupId));
  const offered = groupCapabilities(group);
  const check = checkQuantity(arg.quantity, {
    availability: group.availability,
    maxPerRental: normaliseCap(maxPerRental),
  });
  if (!check.ok) throw new InputError(l10n.t('Cannot rent from number group {0}: {1}', arg.groupId, check.message));
  const capabilities = arg.capabilities ?? offered;
  const missing = capabilities.filter((c) => !offered.includes(c));
  if (missing.length > 0) {
    throw new InputError(
      l10n.t(
        'Number group {0} does not offer {1}: it offers {2}.',
        arg.groupId,
        missing.join(', '),
        offered.join(', ') || l10n.t('nothing the API can reserve'),
      ),
    );
  }
  return { group, quantity: check.quantity, capabilities: offered.filter((c) => capabilities.includes(c)) };
}
