// What the code is checked against: the organisation's numbers by digits and its applications
// by key. Built once per numbers-list change; every question after that is a lookup.
import { type Inventory, type InventoryEntry, type InventoryGroup } from '../numbers/inventory';
import type { OrgRef } from '../numbers/wording';
import { normaliseKey } from '../numbers/applicationKey';
import type { KnownSource } from '../numbers/knownApplications';

export interface ApplicationFacts {
  /** Normalised (lower-case) key. */
  readonly key: string;
  /** Its numbers (none for an application known without numbers: added, seen before, labelled). */
  readonly group: InventoryGroup | undefined;
  /** Why it is known when it holds no numbers. */
  readonly source?: KnownSource;
}

export class CodeIndex {
  private readonly known: ReadonlyMap<string, KnownSource>;

  /** `known`: applications without numbers the organisation is known to have (numbers/knownApplications). */
  constructor(
    readonly inventory: Inventory,
    readonly organisation: OrgRef,
    known: Iterable<readonly [string, KnownSource]> = [],
  ) {
    this.known = new Map([...known].map(([k, source]) => [normaliseKey(k), source]));
  }

  /** The rented number with these E.164 digits (no `+`), if the organisation rents it. */
  number(digits: string): InventoryEntry | undefined {
    // The model's own index by value (a binary search): up to 15 digits is a safe integer, so
    // Number() is exact, and a map keyed by text would cost more to build (String() of 200,000
    // numbers) than all the lookups of a large document.
    const entry = digits.length <= 15 ? this.inventory.entryOf(Number(digits)) : undefined;
    return entry?.valid ? entry : undefined;
  }

  /** The organisation's application with this key: one that holds numbers, or one known without. */
  application(key: string): ApplicationFacts | undefined {
    const k = normaliseKey(key);
    const group = this.inventory.applications.get(k);
    if (group) return { key: k, group };
    const source = this.known.get(k);
    return source ? { key: k, group: undefined, source } : undefined;
  }
}
