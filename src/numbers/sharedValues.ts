import type { Money } from '../sinch/types';
import type { ValueSharing } from '../sinch/wire';

/**
 * One copy of every repeated value in a list of numbers: an organisation of 200,000 numbers
 * has a few dozen cities, capability sets and prices, not 200,000 of each. The arrays and the
 * money are frozen because many numbers hold the same one. One instance per list, so the
 * values go when the list goes.
 */
export class SharedValues implements ValueSharing {
  private readonly texts = new Map<string, string>();
  /** The last text seen of each length (mod 64): the fields of consecutive numbers often repeat, and comparing beats hashing. */
  private readonly recent: (string | undefined)[] = new Array(64).fill(undefined);
  /** Capability lists by content; there are a handful, so a scan beats building a key. */
  private readonly lists: string[][] = [];
  private readonly listsByKey = new Map<string, string[]>();
  private readonly money_ = new Map<string, Map<number, Money>>();

  text(s: string): string {
    const slot = s.length & 63;
    const last = this.recent[slot];
    if (last === s) return last;
    let known = this.texts.get(s);
    if (known === undefined) this.texts.set(s, (known = s));
    this.recent[slot] = known;
    return known;
  }

  strings(list: readonly string[]): string[] {
    for (const known of this.lists) if (sameStrings(known, list)) return known;
    if (this.lists.length < 16) return this.remember(Object.freeze(list.map((s) => this.text(s))) as string[]);
    // Unusual: many different lists. A key per lookup is still cheaper than a copy per number.
    const key = JSON.stringify(list);
    return (
      this.listsByKey.get(key) ?? this.rememberByKey(key, Object.freeze(list.map((s) => this.text(s))) as string[])
    );
  }

  money(m: Money): Money {
    let byAmount = this.money_.get(m.currencyId);
    if (byAmount === undefined) this.money_.set(m.currencyId, (byAmount = new Map()));
    let shared = byAmount.get(m.amount);
    if (shared === undefined)
      byAmount.set(m.amount, (shared = Object.freeze({ amount: m.amount, currencyId: this.text(m.currencyId) })));
    return shared;
  }

  private remember(list: string[]): string[] {
    this.lists.push(list);
    return list;
  }

  private rememberByKey(key: string, list: string[]): string[] {
    this.listsByKey.set(key, list);
    return list;
  }
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
