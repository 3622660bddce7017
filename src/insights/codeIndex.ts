// What the code is checked against: the organisation's numbers by digits and its applications
// by key. Built once per numbers-list change; every question after that is a lookup.
import { type Inventory, type InventoryEntry, type InventoryGroup } from '../numbers/inventory';
import type { OrgRef } from '../numbers/wording';
import { normaliseKey } from '../numbers/applicationKey';

export interface ApplicationFacts {
  /** Normalised (lower-case) key. */
  readonly key: string;
  /** Its numbers (none for an application added by key that holds no number yet). */
  readonly group: InventoryGroup | undefined;
}

export class CodeIndex {
  private readonly added: ReadonlySet<string>;

  constructor(
    readonly inventory: Inventory,
    readonly organisation: OrgRef,
    addedKeys: readonly string[] = [],
  ) {
    this.added = new Set(addedKeys.map(normaliseKey));
  }

  /** The rented number with these E.164 digits (no `+`), if the organisation rents it. */
  number(digits: string): InventoryEntry | undefined {
    // The model's own index by value (a binary search): up to 15 digits is a safe integer, so
    // Number() is exact, and a map keyed by text would cost more to build (String() of 200,000
    // numbers) than all the lookups of a large document.
    const entry = digits.length <= 15 ? this.inventory.entryOf(Number(digits)) : undefined;
    return entry?.valid ? entry : undefined;
  }

  /** The organisation's application with this key: one that holds numbers, or one added by key. */
  application(key: string): ApplicationFacts | undefined {
    const k = normaliseKey(key);
    const group = this.inventory.applications.get(k);
    if (group) return { key: k, group };
    return this.added.has(k) ? { key: k, group: undefined } : undefined;
  }
}
